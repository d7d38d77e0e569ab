"""The theme's icons drawn when the book is built: inline SVG, no Font Awesome script.

pydata-sphinx-theme 0.20 writes each icon as an empty ``<i>`` or ``<span>``
with Font Awesome classes ("fa-solid fa-bars") and loads Font Awesome's
JavaScript (1.6 MB, 540 kB gzipped, on every page) to replace them with SVG
when the page loads.  For the sixteen icons this book uses, that work is
done here, after the build, with the same SVG paths, taken from the theme's
own copy of Font Awesome Free (icons under CC BY 4.0); the script tag is
removed, and docs/_static/book.css carries the few rules Font Awesome's
script would have injected (``.svg-inline--fa``, ``.fa-lg``, ``.fa-fw``).
An icon the book does not know fails the build.
"""

import functools
import re
from pathlib import Path

from sphinx.errors import ExtensionError

_SCRIPT = re.compile(r'<script[^>]*src="[^"]*_static/scripts/fontawesome\.js[^"]*"[^>]*>\s*</script>\s*')
_PRELOAD = re.compile(r'<link[^>]*href="[^"]*_static/scripts/fontawesome\.js[^"]*"[^>]*>\s*')
_ICON = re.compile(r'<(i|span) class="([^"]*\bfa-[^"]*)"([^>]*)>\s*</\1>')
_MODIFIERS = {"fa-lg", "fa-fw", "fa-xs", "fa-sm", "fa-xl", "fa-2x"}
_PACKS = {"fas": "solid", "fa-solid": "solid", "far": "regular", "fa-regular": "regular",
          "fab": "brands", "fa-brands": "brands"}


@functools.cache
def _icons():
    """{pack: {name: (width, height, path)}} from the theme's fontawesome.js."""
    import pydata_sphinx_theme

    script = (Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static" / "scripts"
              / "fontawesome.js").read_text(encoding="utf-8")
    icons = {}
    # Each pack is an object literal of icons, handed over by a call p("fas", b).
    start = 0
    for end in re.finditer(r'p\("(fa[srb])",b\)', script):
        body = script[start:end.start()]
        pack = {"fas": "solid", "far": "regular", "fab": "brands"}[end.group(1)]
        icons[pack] = {
            (m.group(1) or m.group(2)): (m.group(3), m.group(4), m.group(5))
            for m in re.finditer(r'(?:"([a-z0-9-]+)"|\b([a-z0-9]+)):\[(\d+),(\d+),\[[^\]]*\],"[0-9a-f]+","([^"]+)"\]',
                                 body)
        }
        start = end.end()
    return icons


def _svg(match, page):
    tag, classes, rest = match.groups()
    names = classes.split()
    pack = next((_PACKS[c] for c in names if c in _PACKS), "solid")
    icon = next((c[3:] for c in names if c.startswith("fa-") and c not in _MODIFIERS and c not in _PACKS), None)
    known = _icons().get(pack, {})
    if icon not in known:
        raise ExtensionError(f"{page}: no {pack} Font Awesome icon {icon!r} for {match.group(0)}")
    width, height, path = known[icon]
    keep = " ".join(c for c in names if c not in _PACKS)
    return (f'<svg class="svg-inline--fa {keep}"{rest} aria-hidden="true" focusable="false" role="img" '
            f'xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}">'
            f'<path fill="currentColor" d="{path}"></path></svg>')


def _draw_icons(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    for page in Path(app.outdir).glob("*.html"):
        html = page.read_text(encoding="utf-8")
        if "fontawesome.js" not in html:
            continue                       # drawn by an earlier build
        html = _PRELOAD.sub("", _SCRIPT.sub("", html))
        html = _ICON.sub(lambda m: _svg(m, page.name), html)
        page.write_text(html, encoding="utf-8")


def setup(app):
    app.connect("build-finished", _draw_icons)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
