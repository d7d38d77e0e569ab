"""Workarounds for behaviours of the pinned Sphinx stack, each named for what it corrects.

Every function below says which upstream package and behaviour it works
around, so that each can be dropped once that package changes.
"""

import functools
import re
from pathlib import Path

from sphinx.errors import ExtensionError


def remember_pybtex_plugins():
    """sphinxcontrib-bibtex 2.7 / pybtex: look each plugin up once per build, not per citation.

    sphinxcontrib-bibtex asks pybtex for its styles at every citation, and
    each lookup scans the installed packages' entry points (about 20 ms):
    two seconds of every rebuild.  Plugins do not change during a build.
    """
    import pybtex.plugin

    if not hasattr(pybtex.plugin._load_entry_point, "cache_info"):
        pybtex.plugin._load_entry_point = functools.lru_cache(maxsize=None)(pybtex.plugin._load_entry_point)


def proof_domain_merges_in_parallel_builds():
    """sphinx-proof 0.4: let ``sphinx-build -j`` read pages in parallel.

    sphinx-proof keeps its records in ``env.proof_list`` and merges them
    itself on "env-merge-info"; its domain holds no per-page data, but it
    lacks the ``merge_domaindata`` that Sphinx requires of every domain in a
    parallel read.  Merging nothing is what that domain needs.
    """
    from sphinx_proof.domain import ProofDomain

    if "merge_domaindata" not in vars(ProofDomain):
        ProofDomain.merge_domaindata = lambda self, docnames, otherdata: None


def singlehtml_inherits_html_handlers(app):
    """sphinx-exercise 1.2: let the single-page builder render every node the HTML builder can.

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


def forget_a_build_that_warned(app, exception):
    """Sphinx 9 with -W: make the next build re-read the pages of a build that warned.

    A warning fails the build, but Sphinx still saves its environment, so the
    next run would skip the unchanged page that warned and succeed.  Sphinx
    itself deletes the environment after an exception; do the same after
    warnings (``_warncount`` is Sphinx's own counter), so that every run
    shows every warning until it is fixed.
    """
    if exception is None and getattr(app, "_warncount", 0):
        (Path(app.doctreedir) / "environment.pickle").unlink(missing_ok=True)


def drop_source_maps(app, exception):
    """pydata-sphinx-theme 0.20: leave its source maps (3 MB of *.map, for its developers' tools) out of the site."""
    if exception is None and app.builder.format == "html":
        for path in (Path(app.outdir) / "_static").rglob("*.map"):
            path.unlink()


# The theme's addTabStopsToScrollableElements, as minified in 0.20.0, and the same
# work done for each element as it nears the screen (reads first, then writes).
_TAB_STOPS = ".forEach(e=>{e.tabIndex=e.scrollWidth>e.clientWidth||e.scrollHeight>e.clientHeight?0:-1})"
_TAB_STOPS_NEAR_SCREEN = (
    ".forEach(e=>{const o=window.pstTabStops||=new IntersectionObserver(s=>{"
    "s=s.filter(s=>s.isIntersecting).map(({target:e})=>[e,e.scrollWidth>e.clientWidth||e.scrollHeight>e.clientHeight?0:-1]);"
    "s.forEach(([e,t])=>{e.tabIndex=t})});o.unobserve(e);o.observe(e)})"
)


def tab_stops_without_forced_layouts(app, exception):
    """pydata-sphinx-theme 0.20: make scrolling blocks keyboard-focusable without laying out the whole chapter.

    When a page loads (and after every change to its content) the theme asks
    each code block and output whether it scrolls, and makes it a tab stop
    if so, writing each answer before reading the next: every question
    forces a fresh layout of the page, sections below the screen included
    (docs/_static/book.css leaves those unrendered until they are near).
    On a long chapter that was a second of a phone's time before the first
    paint.  The same question is asked of each block when it comes near the
    screen, all answers read before any is written.
    """
    if exception is not None or app.builder.format != "html":
        return
    script = Path(app.outdir) / "_static" / "scripts" / "pydata-sphinx-theme.js"
    text = script.read_text(encoding="utf-8")
    if _TAB_STOPS_NEAR_SCREEN in text:
        return
    if text.count(_TAB_STOPS) != 1:
        raise ExtensionError("upstream_fixes: pydata-sphinx-theme.js changed; review tab_stops_without_forced_layouts")
    script.write_text(text.replace(_TAB_STOPS, _TAB_STOPS_NEAR_SCREEN), encoding="utf-8")


def numpy_defaults(app, what, name, obj, options, signature, return_annotation):
    """Sphinx autodoc: signatures show ``dtype=numpy.float64``, not ``dtype=<class 'numpy.float64'>``."""
    if signature:
        signature = re.sub(r"<class '(numpy\.\w+)'>", r"\1", signature)
    return signature, return_annotation


def setup(app):
    remember_pybtex_plugins()
    proof_domain_merges_in_parallel_builds()
    app.connect("builder-inited", singlehtml_inherits_html_handlers)
    app.connect("build-finished", forget_a_build_that_warned)
    app.connect("build-finished", drop_source_maps)
    app.connect("build-finished", tab_stops_without_forced_layouts)
    app.connect("autodoc-process-signature", numpy_defaults)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
