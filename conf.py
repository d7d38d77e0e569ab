"""Sphinx configuration for the book (sources in docs/, run with -c .)."""

import hashlib
import json
import logging
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
# Local Sphinx extensions (the kernel never sees this path; it imports the installed package).
sys.path.insert(0, str(ROOT / "docs" / "_ext"))

project = "Backpropagation, Executed"
author = "the backprop authors"
copyright = "2026, the backprop authors"

extensions = [
    "myst_nb",
    "sphinx.ext.mathjax",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx_copybutton",
    "sphinx_togglebutton",
    "sphinx_exercise",
    "sphinx_proof",
    "sphinxcontrib.bibtex",
    "typography",  # docs/_ext: numbers as 3.5 × 10⁻¹⁸, math kept with its punctuation
    "pdf_link",  # docs/_ext: the header's ".pdf" is the book's PDF edition
]

exclude_patterns = ["_build", "**.ipynb_checkpoints"]
# docs/_templates/layout.html drops the theme's duplicate header bar.
templates_path = ["docs/_templates"]

# -- MyST -------------------------------------------------------------------
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence"]
myst_dmath_double_inline = True
myst_heading_anchors = 3

# -- Exercises, theorems, references ----------------------------------------------
# Solutions are dropdowns (sphinx-togglebutton), closed until the reader opens
# them; the PDF prints them open, under their exercise.
togglebutton_hint = "Show the solution"
togglebutton_hint_hide = "Hide the solution"
bibtex_bibfiles = ["docs/references.bib"]
bibtex_reference_style = "author_year"
bibtex_default_style = "authoryear"


def _author_year_style():
    """pybtex's "plain" entries, labelled "Rumelhart et al., 1986" like the citations.

    The standard styles label the list [1], [2] or [RHW86], which matches
    nothing in the text when the text cites by author and year.
    """
    from pybtex.plugin import register_plugin
    from pybtex.richtext import Text
    from pybtex.style.formatting.plain import Style as Plain
    from pybtex.style.labels import BaseLabelStyle

    class AuthorYearLabels(BaseLabelStyle):
        def format_labels(self, sorted_entries):
            for entry in sorted_entries:
                people = entry.persons.get("author") or entry.persons.get("editor") or []
                names = [Text.from_latex(" ".join(p.prelast_names + p.last_names)).render_as("text") for p in people]
                who = names[0] if len(names) == 1 else " and ".join(names) if len(names) == 2 else f"{names[0]} et al."
                yield f"{who}, {entry.fields.get('year', 'n.d.')}"

    class AuthorYear(Plain):
        default_label_style = AuthorYearLabels

    register_plugin("pybtex.style.formatting", "authoryear", AuthorYear)


_author_year_style()


def _remember_pybtex_plugins():
    """Look each pybtex plugin up once per build, not once per citation.

    sphinxcontrib-bibtex asks pybtex for its styles at every citation, and
    each lookup scans the installed packages' entry points (about 20 ms):
    two seconds of every rebuild.  Plugins do not change during a build.
    """
    import functools

    import pybtex.plugin

    if not hasattr(pybtex.plugin._load_entry_point, "cache_info"):
        pybtex.plugin._load_entry_point = functools.lru_cache(maxsize=None)(pybtex.plugin._load_entry_point)


_remember_pybtex_plugins()

# -- API reference (autodoc + napoleon, numpydoc-style docstrings) -------------
autodoc_member_order = "bysource"
autodoc_default_options = {"members": True, "show-inheritance": True}
napoleon_google_docstring = False
napoleon_numpy_docstring = True
# Parameter types are prose ("array_like, shape (n, m)"), not cross-references.
napoleon_use_param = False
napoleon_use_rtype = False
napoleon_use_ivar = True
# NumPy's inventory cannot be fetched offline (no intersphinx): its array type
# is named in prose-like types and annotations without a link.
nitpick_ignore = [("py:class", "numpy.ndarray"), ("py:class", "np.ndarray")]

# -- Execution ----------------------------------------------------------------
# myst-nb's cache key is the notebook's code, not the modules it imports.  Key
# the cache on a hash of the package so that any change under src/backprop
# re-executes every chapter instead of reusing outputs of the old code.


def _package_hash():
    h = hashlib.sha256()
    # the package, and the helpers the chapters import from docs/
    paths = [*(ROOT / "src" / "backprop").rglob("*.py"), *(ROOT / "docs").glob("*.py")]
    for path in sorted(paths):
        h.update(path.relative_to(ROOT).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


backprop_source_hash = _package_hash()
_CACHE_ROOT = ROOT / "_build" / ".jupyter_cache"
nb_execution_mode = "cache"
nb_execution_cache_path = str(_CACHE_ROOT / backprop_source_hash)
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_execution_timeout = 300
nb_merge_streams = True
# Anything a cell writes to stderr (a RuntimeWarning, say) becomes a Sphinx
# warning, and with -W a failed build.
nb_output_stderr = "warn"
nb_render_image_options = {"width": "100%"}
nb_kernel_rgx_aliases = {".*": "python3"}

# -- Numbering ----------------------------------------------------------------
numfig = True
numfig_secnum_depth = 1
math_numfig = True
math_eqref_format = "({number})"
numfig_format = {"figure": "Figure %s", "table": "Table %s", "code-block": "Listing %s"}

# -- Math, served by the site itself ------------------------------------------
# MathJax 3 comes from a pinned PyPI package (django-static-mathjax ships the
# MathJax 3.2.2 release files) and only one file of it is published: the
# combined component with the TeX input, all TeX extensions (so none is
# fetched on demand, e.g. for \boldsymbol) and SVG output (so no font files).
# No page of the book requests anything from another site.


def _local_mathjax():
    import importlib.util

    spec = importlib.util.find_spec("mathjax")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("MathJax is missing: run `make html`, which installs the pinned stack into .venv")
    source = Path(next(iter(spec.submodule_search_locations))) / "static" / "mathjax" / "es5" / "tex-svg-full.js"
    target = ROOT / "_build" / "mathjax" / "mathjax" / source.name
    if not target.is_file() or target.stat().st_size != source.stat().st_size:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return target.parent.parent, f"mathjax/{source.name}"


_MATHJAX_STATIC, mathjax_path = _local_mathjax()
mathjax3_config = {
    "svg": {"fontCache": "global"},
    # The formulas keep MathJax's speech and explorer (through its menu), but
    # are not each a tab stop: chapter 6 alone has over 200.
    "options": {"menuOptions": {"settings": {"inTabOrder": False}}},
}

# -- HTML ---------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = project
html_static_path = ["docs/_static", str(_MATHJAX_STATIC)]
html_css_files = ["book.css"]
# Search results show formulas as text, not TeX source.
html_js_files = ["search-preview.js"]
html_favicon = "docs/_static/favicon.svg"
# An explicit colour mode: left empty, the theme logs a console error on every page.
html_context = {"default_mode": "auto"}
# The repository the buttons point at.  In GitHub Actions GITHUB_REPOSITORY
# (owner/name) sets it, so a fork publishes links to itself.
repository_url = "https://github.com/" + os.environ.get("GITHUB_REPOSITORY", "backprop-executed/backprop")
html_theme_options = {
    "show_toc_level": 2,
    "repository_url": repository_url,
    "repository_branch": "main",
    "path_to_docs": "docs",
    "use_repository_button": True,
    "use_issues_button": True,
    "use_edit_page_button": False,
    # .md source, the executed .ipynb, and print-to-PDF
    "use_download_button": True,
    "use_fullscreen_button": False,
    # Binder opens the chapter (a MyST notebook, via jupytext) in JupyterLab;
    # the environment is described in .binder/.
    "launch_buttons": {"binderhub_url": "https://mybinder.org", "notebook_interface": "jupyterlab"},
}
# Copy buttons on code cells, without prompts or outputs.
copybutton_exclude = ".linenos, .gp, .go"
html_last_updated_fmt = None
# The Python module index would list ten modules that the API reference page
# already lists, with image toggles that carry no description.
html_domain_indices = False


def _quiet_kernelspec():
    """A ``python3`` kernelspec whose kernel logs errors only, on one BLAS thread.

    ipykernel 7.4 warns at every start that the kernel talks over TCP, which
    is harmless for a local build and would bury the messages that matter.
    The spec lives in the build folder and is found first via JUPYTER_PATH;
    it runs the same interpreter as Sphinx (the project's .venv).
    """
    path = ROOT / "_build" / "jupyter"
    spec = path / "kernels" / "python3" / "kernel.json"
    spec.parent.mkdir(parents=True, exist_ok=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}", "--IPKernelApp.log_level=ERROR"]
    # One BLAS thread per kernel: chapters execute in parallel, one per core,
    # and their timings are not disturbed by threads competing for the cores.
    env = {name: "1" for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")}
    spec.write_text(json.dumps({"argv": argv, "env": env, "display_name": "Python 3", "language": "python"}))
    os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(path), os.environ.get("JUPYTER_PATH")]))


class _DropConfigDump(logging.Filter):
    """myst-parser and myst-nb print their whole configuration at every build."""

    def filter(self, record):
        return "Config(" not in record.getMessage()


def _prune_stale_caches():
    """Drop caches of earlier package versions: their outputs are never reused."""
    if _CACHE_ROOT.is_dir():
        for old in _CACHE_ROOT.iterdir():
            if old.is_dir() and old.name != backprop_source_hash:
                shutil.rmtree(old, ignore_errors=True)


def _forget_a_build_that_warned(app, exception):
    """Make the next build re-read the pages of a build that warned.

    With -W a warning fails the build, but Sphinx still saves its environment,
    so the next run would skip the unchanged page that warned and succeed.
    Sphinx itself deletes the environment after an exception; do the same
    after warnings (``_warncount`` is Sphinx's own counter), so that every
    run shows every warning until it is fixed.
    """
    if exception is None and getattr(app, "_warncount", 0):
        (Path(app.doctreedir) / "environment.pickle").unlink(missing_ok=True)


def _singlehtml_inherits_html_handlers(app):
    """Let the single-page builder render every node the HTML builder can.

    Sphinx looks up node handlers by builder name and falls back to the
    format ("html") only when that name has none.  sphinx-exercise registers
    its nodes for "singlehtml" by name, which hides every handler registered
    for "html" alone (myst-nb's folded code cells among them) from
    ``make pdf``'s single-page build.  Copy the missing ones over.
    """
    handlers = app.registry.translation_handlers
    single = handlers.get("singlehtml")
    if single is not None:
        for name, pair in handlers.get("html", {}).items():
            single.setdefault(name, pair)


def _proof_domain_merges_in_parallel_builds():
    """Let ``sphinx-build -j`` read pages in parallel with sphinx-proof.

    sphinx-proof 0.4 keeps its records in ``env.proof_list`` and merges them
    itself on "env-merge-info"; its domain holds no per-page data, but it
    lacks the ``merge_domaindata`` that Sphinx requires of every domain in a
    parallel read.  Merging nothing is what that domain needs.
    """
    from sphinx_proof.domain import ProofDomain

    if "merge_domaindata" not in vars(ProofDomain):
        ProofDomain.merge_domaindata = lambda self, docnames, otherdata: None


def _drop_source_maps(app, exception):
    """Leave the themes' source maps (3 MB of *.map, for their developers' tools) out of the site."""
    if exception is None and app.builder.format == "html":
        for path in (Path(app.outdir) / "_static").rglob("*.map"):
            path.unlink()


def _numpy_defaults(app, what, name, obj, options, signature, return_annotation):
    """Signatures show ``dtype=numpy.float64``, not ``dtype=<class 'numpy.float64'>``."""
    import re

    if signature:
        signature = re.sub(r"<class '(numpy\.\w+)'>", r"\1", signature)
    return signature, return_annotation


def setup(app):
    app.connect("autodoc-process-signature", _numpy_defaults)
    app.connect("builder-inited", _singlehtml_inherits_html_handlers)
    app.connect("build-finished", _drop_source_maps)
    _proof_domain_merges_in_parallel_builds()
    app.connect("build-finished", _forget_a_build_that_warned)
    _quiet_kernelspec()
    _prune_stale_caches()
    # A change of package hash changes this value, and an "env" value forces
    # Sphinx to re-read (and so re-execute) every page.
    app.add_config_value("backprop_source_hash", "", "env")
    for name in ("sphinx.myst_parser.sphinx_ext.main", "sphinx.myst_nb.sphinx_ext"):
        logging.getLogger(name).addFilter(_DropConfigDump())
