"""Sphinx configuration for the book (sources in docs/, run with -c .)."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
# The book's own Sphinx extensions, in docs/_ext (the kernel never sees this
# path; it imports the installed package).
sys.path.insert(0, str(ROOT / "docs" / "_ext"))
from execution_cache import package_hash  # noqa: E402

project = "Backpropagation, Executed"
author = "the backprop authors"
copyright = "2026, the backprop authors"

extensions = [
    "myst_nb",
    "build_math",  # docs/_ext: formulas typeset at build time, by MathJax under Node
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx_copybutton",
    "sphinx_togglebutton",
    "sphinx_exercise",
    "sphinx_proof",
    "author_year",  # docs/_ext: the bibliography labelled "Rumelhart et al., 1986"
    "sphinxcontrib.bibtex",
    "typography",  # docs/_ext: numbers as 3.5 × 10⁻¹⁸, math kept with its punctuation
    "pdf_link",  # docs/_ext: the header's ".pdf" is the book's PDF edition
    "execution_cache",  # docs/_ext: a change under src/ re-executes every chapter
    "read_order",  # docs/_ext: chapters executed in an order that keeps both processes busy
    "quiet_kernel",  # docs/_ext: a kernel that logs errors only; no config dumps
    "upstream_fixes",  # docs/_ext: workarounds, each naming what it corrects
    "icons_at_build",  # docs/_ext: the theme's icons as inline SVG, no Font Awesome script
    "figure_images",  # docs/_ext: figures as WebP, loaded as the reader scrolls to them
    "light_pages",  # docs/_ext: scripts deferred, style sheets cut to the rules the book uses
    "subset_fonts",  # docs/_ext: web fonts cut to the characters the book shows
    "page_descriptions",  # docs/_ext: a meta description per page, from its first paragraph
    "execution_status",  # docs/_ext: the page of how each chapter ran in this build
    "previews",  # docs/_ext: hover, focus or tap a reference to see its target (after sphinx-tippy)
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
# Cached outputs are keyed on the package too (docs/_ext/execution_cache.py).
backprop_source_hash = package_hash(ROOT)
nb_execution_mode = "cache"
nb_execution_cache_path = str(ROOT / "_build" / ".jupyter_cache" / backprop_source_hash)
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_execution_timeout = 300
nb_merge_streams = True
# Anything a cell writes to stderr (a RuntimeWarning, say) becomes a Sphinx
# warning, and with -W a failed build.
nb_output_stderr = "warn"
nb_render_image_options = {"width": "100%"}
nb_kernel_rgx_aliases = {".*": "python3"}
# Seconds each chapter's code ran (the execution status page, 2026-12-07):
# the pages are read, and so executed, in an order that gives the build's
# processes equal shares (docs/_ext/read_order.py).  Only the build's speed
# depends on it.
read_costs = {"vectors-perceptron": 3.4, "perceptron-training": 3.6, "gradient-descent": 3.3,
              "chain-rule": 3.3, "numpy-network": 3.2, "matrix-calculus": 5.7,
              "softmax-cross-entropy": 18.2}

# -- Numbering ----------------------------------------------------------------
numfig = True
numfig_secnum_depth = 1
math_numfig = True
math_eqref_format = "({number})"
numfig_format = {"figure": "Figure %s", "table": "Table %s", "code-block": "Listing %s"}

# -- Math ---------------------------------------------------------------------
# Typeset when the book is built (docs/_ext/build_math.py): pages carry
# CommonHTML and MathML, and load no TeX engine.
html_math_renderer = "build"

# -- HTML ---------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = project
html_static_path = ["docs/_static"]
html_css_files = ["book.css"]
# A shadow on the side of a block that scrolls sideways; keyboard focus back on
# the control that opened a dialog (docs/_static/scroll-cues.js, focus-return.js).
html_js_files = ["scroll-cues.js", "focus-return.js"]
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
