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


def execution_cache_created_before_parallel_reads(app, config):
    """jupyter-cache 1.0 / myst-nb 1.4: create the execution cache's database once, up front.

    myst-nb opens the cache in each reading process when that process's
    first chapter executes, and jupyter-cache creates its tables on first
    use: on a cold ``-j`` build two processes create them at the same moment
    and one fails ("table settings already exists").  Created here, in the
    main process before the pages are read, they exist for both.
    """
    from jupyter_cache import get_cache

    get_cache(config.nb_execution_cache_path).list_cache_records()


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
    ".forEach(e=>{e.tabIndex=0;const o=window.pstTabStops||=new IntersectionObserver(s=>{"
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
    screen, all answers read before any is written; until then every block
    is a tab stop, so that one the reader tabs to before it was asked about
    can still be reached and scrolled from the keyboard.
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


# sphinx-togglebutton 0.4.5's solution buttons, all named "Toggle hidden content".
_TOGGLE_NAMES = (
    "// docs/_ext/upstream_fixes.py: each button named for what it shows or hides.\n"
    "var tbSubject = (item) => { const t = item.querySelector('.admonition-title');"
    " const s = t ? t.textContent.trim() : '';"
    " return (/^Solution\\s/.test(s) ? s.replace(/^Solution/, '') : s ? ': ' + s : '').replace(/\"/g, '&quot;'); };\n"
    "var tbName = (button) => button.setAttribute('aria-label',"
    " button.dataset.toggleHint + (button.dataset.toggleSubject || ''));\n"
)
_TOGGLE_EDITS = {
    'aria-label="Toggle hidden content"':
        'aria-label="${toggleHintShow}${tbSubject(item)}" data-toggle-subject="${tbSubject(item)}"',
    "button.dataset.toggleHint = toggleHintHide;": "button.dataset.toggleHint = toggleHintHide; tbName(button);",
    "button.dataset.toggleHint = toggleHintShow;": "button.dataset.toggleHint = toggleHintShow; tbName(button);",
}
_TOGGLE_COUNTS = {'aria-label="Toggle hidden content"': 1}


def toggle_buttons_named_for_their_content(app, exception):
    """sphinx-togglebutton 0.4: name each button by what it opens ("Show the solution to Exercise 6.1").

    The extension names every button "Toggle hidden content" while showing
    "Show the solution" beside it: a screen reader hears the same words for
    every solution of a chapter, none of them what the button says.  Each
    button is named by its hint followed by the subject of its box's title,
    and renamed when the hint changes to "Hide the solution".
    """
    if exception is not None or app.builder.format != "html":
        return
    script = Path(app.outdir) / "_static" / "togglebutton.js"
    text = script.read_text(encoding="utf-8")
    if text.startswith(_TOGGLE_NAMES):
        return
    for old, new in _TOGGLE_EDITS.items():
        if text.count(old) != _TOGGLE_COUNTS.get(old, 2):
            raise ExtensionError("upstream_fixes: togglebutton.js changed; review toggle_buttons_named_for_their_content")
        text = text.replace(old, new)
    script.write_text(_TOGGLE_NAMES + text, encoding="utf-8")


def bibliography_entries_as_list_items(app, pagename, templatename, context, doctree):
    """docutils 0.22: mark each bibliography entry as an item of its list, not with ``doc-biblioentry``.

    docutils wraps the entries in ``role="list"`` and gives each one the
    DPub role ``doc-biblioentry``, which ARIA 1.3 deprecates and which is
    not a list item: a screen reader is told the list holds no items, only
    stray links back to the citations.
    """
    if "body" in context and 'role="doc-biblioentry"' in context["body"]:
        context["body"] = context["body"].replace('role="doc-biblioentry"', 'role="listitem"')


def numpy_defaults(app, what, name, obj, options, signature, return_annotation):
    """Sphinx autodoc: signatures show ``dtype=numpy.float64``, not ``dtype=<class 'numpy.float64'>``."""
    if signature:
        signature = re.sub(r"<class '(numpy\.\w+)'>", r"\1", signature)
    return signature, return_annotation


def setup(app):
    remember_pybtex_plugins()
    proof_domain_merges_in_parallel_builds()
    app.connect("config-inited", execution_cache_created_before_parallel_reads)
    app.connect("builder-inited", singlehtml_inherits_html_handlers)
    app.connect("build-finished", forget_a_build_that_warned)
    app.connect("build-finished", drop_source_maps)
    app.connect("build-finished", tab_stops_without_forced_layouts)
    app.connect("build-finished", toggle_buttons_named_for_their_content)
    app.connect("html-page-context", bibliography_entries_as_list_items)
    app.connect("autodoc-process-signature", numpy_defaults)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
