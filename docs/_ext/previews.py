"""Previews of the book's references: hover, focus or tap "(6.12)" and see equation (6.12).

What a preview shows comes from sphinx-tippy (pinned): from a page's HTML
it takes each target's HTML (a figure, a table, a box, a bibliography
entry, an equation without its number, an API entry with the first
paragraphs of its docstring), mapping every id Sphinx gives a node to the
element that carries it.  Its Sphinx extension is not loaded, for three
reasons: it keeps what it finds in the environment while pages are
written, which a parallel build's writers never send back (and it is not
marked unsafe for them); its script builds every tooltip when the page
loads, from HTML whose formulas are TeX for MathJax to typeset in the
browser, which this book does not load; and it would add Tippy.js from a
CDN.  Instead:

- While a page is written, its body is kept (``<doctrees>/previews/``),
  formulas still TeX, so the previews of pages not written again stay
  known.
- After the build, each page's links to an equation, figure, table,
  theorem, definition or exercise box, bibliography entry or API entry
  are listed in one file per page, ``_static/previews/<page>.html``, one
  ``<div data-href>`` per target: the id of the element to show, for a
  target on the page itself (shown from the page, already typeset), or
  the target's HTML, for one on another page.  build_math.py typesets
  those formulas with the pages'; figures get their WebP twins
  (figure_images.py).  Section and page links get no preview: their
  target is a heading.  The page names the file in a ``<meta
  name="book-previews">`` (with a hash of its content, so a browser never
  shows an old one) and marks each link that has a preview
  ``data-preview``.
- ``_static/previews.js`` fetches the file, with Tippy.js and Popper
  (npm, pinned in ``vendor/package.json``, copied to
  ``_static/previews/``), on the reader's first hover, focus or tap of
  such a link: a page that is only read loads none of them.

The single page that ``make pdf`` prints gets none of this.
"""

import hashlib
import html as html_text
import json
import multiprocessing
import os
import posixpath
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

from sphinx.errors import ExtensionError

from figure_images import as_pictures

ROOT = Path(__file__).resolve().parents[2]
VENDOR = ROOT / "vendor" / "node_modules"
LIBRARIES = {
    "popper.min.js": VENDOR / "@popperjs" / "core" / "dist" / "umd" / "popper.min.js",
    "tippy.umd.min.js": VENDOR / "tippy.js" / "dist" / "tippy.umd.min.js",
}
# The elements whose whole HTML is a preview (sphinx-tippy adds equations,
# API entries and sections itself).
TIP_SELECTOR = "figure, table, div.admonition, div.citation"
# The root element of a preview worth showing (not a heading's).
_KINDS = re.compile(r'<(?:figure|table|dt)\b|<div class="(?:math|citation|[^"]*\badmonition\b)')
_LINK = re.compile(r'(<a class="reference internal" href="([^"]*)")( data-preview)?')
_META = re.compile(r'<meta name="book-previews" content="[^"]*">\n?')


def _bodies(app):
    return Path(app.doctreedir) / "previews"


def _keep_body(app, pagename, templatename, context, doctree):
    if app.builder.name != "html" or doctree is None or "body" not in context:
        return
    bodies = _bodies(app)
    bodies.mkdir(exist_ok=True)
    (bodies / f"{pagename}.html").write_text(context["body"], encoding="utf-8")
    app.add_js_file("previews.js", loading_method="defer")


def _tips(body):
    """{id: its element's HTML} for a page's body (sphinx-tippy's extraction)."""
    from bs4 import BeautifulSoup
    from sphinx_tippy import create_id_to_tip_html

    config = SimpleNamespace(tip_selector=TIP_SELECTOR)  # the one setting create_id_to_tip_html reads
    return create_id_to_tip_html(config, BeautifulSoup(body.read_text(encoding="utf-8"), "html.parser"))


def _targets(app):
    """{page: {id: (id of the element shown, its HTML)}} for every page, with every id a target can have."""
    from sphinx_tippy import create_element_id_map

    bodies = {page: _bodies(app) / f"{page}.html" for page in sorted(app.env.found_docs)}
    bodies = {page: body for page, body in bodies.items() if body.is_file()}
    # Kept beside the body, found again only when the page was written again.
    found = {page: body.with_suffix(".json") for page, body in bodies.items()}
    stale = [page for page in bodies
             if not found[page].is_file() or found[page].stat().st_mtime < bodies[page].stat().st_mtime]
    # Parsing a chapter takes about half a second: the stale pages are parsed
    # by one process per core (forked: nothing but a path goes across).
    workers = min(os.cpu_count() or 1, len(stale))
    if workers > 1:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            largest_first = sorted(stale, key=lambda page: -bodies[page].stat().st_size)
            tips = dict(zip(largest_first, pool.map(_tips, [bodies[page] for page in largest_first],
                                                    chunksize=1)))
    else:
        tips = {page: _tips(bodies[page]) for page in stale}
    for page in stale:
        # The unresolved doctree lacks what post-transforms add (the bibliography's entries).
        ids = {name: name for name in tips[page] if name} | create_element_id_map(app.env.get_doctree(page))
        found[page].write_text(json.dumps({name: (first, tips[page][first]) for name, first in ids.items()
                                           if first in tips[page] and _KINDS.match(tips[page][first])}),
                               encoding="utf-8")
    return {page: json.loads(found[page].read_text(encoding="utf-8")) for page in bodies}


def _previews_of(page, body, targets):
    """{href: (id of the element shown, its HTML)} for the links in a page's body that have a preview."""
    found = {}
    for _, href, _ in _LINK.findall(body):
        path, _, target = html_text.unescape(href).partition("#")
        if path and not path.endswith(".html"):
            continue
        other = posixpath.normpath(posixpath.join(posixpath.dirname(page), path[:-5])) if path else page
        if target in targets.get(other, {}):
            found[href] = targets[other][target]
    return found


def _preview(href, first, tip):
    """A target on the page itself is shown from the page (typeset, its figure loaded
    once); an API entry is not, being more than the element its id is on."""
    if href.startswith("#") and not tip.startswith("<dt"):
        return f'<div data-href="{href}" data-from="{first}"></div>\n'
    return f'<div data-href="{href}">{as_pictures(tip)}</div>\n'


def _write_previews(app, exception):
    if exception is not None or app.builder.name != "html":
        return
    out = Path(app.outdir)
    folder = out / "_static" / "previews"
    folder.mkdir(parents=True, exist_ok=True)
    for name, source in LIBRARIES.items():
        if not source.is_file():
            raise ExtensionError(f"{source} is missing: run `make html`, which installs vendor/package.json with npm")
        shutil.copyfile(source, folder / name)
    targets = _targets(app)
    written = set(LIBRARIES)
    for page in sorted(targets):
        html_page = out / f"{page}.html"
        previews = _previews_of(page, (_bodies(app) / f"{page}.html").read_text(encoding="utf-8"), targets)
        text = html_page.read_text(encoding="utf-8")
        meta = ""
        if previews:
            body = "".join(_preview(href, first, tip) for href, (first, tip) in sorted(previews.items()))
            version = hashlib.sha256(body.encode()).hexdigest()[:12]
            tips = folder / f"{page}.html"
            written.add(tips.name)
            stamp = f'<meta name="previews-of" content="{version}">'
            # Written (and typeset again) only when a preview changed.
            if not tips.is_file() or stamp not in tips.read_text(encoding="utf-8"):
                tips.write_text(f'<!DOCTYPE html>\n<html><head><meta charset="utf-8">{stamp}</head>'
                                f"<body>\n{body}</body></html>\n", encoding="utf-8")
            meta = f'<meta name="book-previews" content="_static/previews/{page}.html?v={version}">\n'
        marked = _LINK.sub(lambda m: m[1] + (" data-preview" if m[2] in previews else ""), _META.sub("", text))
        marked = marked.replace("</head>", meta + "</head>", 1)
        if marked != text:
            html_page.write_text(marked, encoding="utf-8")
    for stale in folder.iterdir():
        if stale.name not in written:
            stale.unlink()


def setup(app):
    app.connect("html-page-context", _keep_body)
    # After figure_images has written the WebP twins (500), before build_math
    # typesets the formulas (600).
    app.connect("build-finished", _write_previews, priority=550)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
