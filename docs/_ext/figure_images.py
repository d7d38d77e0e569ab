"""The book's figures on the web: WebP where a browser takes it, loaded as the reader scrolls to them.

Format.  Matplotlib's PNGs compress poorly; the same pixels as lossless
WebP take a third of the bytes, identical to the last pixel.  Each figure
image (``_images/*.png``) gets a ``.webp`` twin, made once (the names are
content hashes), and its ``<img>`` goes into a ``<picture>`` that offers
the WebP first; the PNG stays as the fallback, as the image a tap opens,
and in the PDF.

Size.  Every figure is drawn at twice the width at which the page shows it
(myst-nb writes the half width into ``width``), so a high-density screen
gets sharp lines.  A separate 1x copy for plain screens was measured and
left out: downscaled line art, losslessly, takes more bytes than the 2x
original (anti-aliasing adds colours), so every screen gets the 2x image.

Loading.  Every figure gets ``loading="lazy"`` and ``decoding="async"``:
a phone fetches the figures of the first screen, not the forty of the
chapter.  Sphinx already writes each image's width and height, so nothing
shifts when it arrives (docs/_static/book.css keeps the height automatic).
"""

import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

_USED = re.compile(r"""_images/([^"'?#\s]+)""")
_IMG = re.compile(r'<img (?![^>]*\bloading=)([^>]*\bsrc="_images/([^"]+)\.png"[^>]*)>')
_PICTURE = (r'<picture><source srcset="_images/\2.webp" type="image/webp">'
            r'<img loading="lazy" decoding="async" \1></picture>')


def _webp(png):
    """Write png's lossless WebP twin unless it exists; Pillow encodes outside the GIL."""
    from PIL import Image

    twin = png.with_suffix(".webp")
    if not twin.is_file():
        with Image.open(png) as image:
            image.save(twin, "WEBP", lossless=True, method=4)


def as_pictures(html):
    """html with each figure's ``<img>`` in a ``<picture>`` offering its WebP twin, loaded lazily."""
    return _IMG.sub(_PICTURE, html)


def _figures(app, exception):
    # Not the single page that `make pdf` prints: every figure is printed, as PNG.
    if exception is not None or app.builder.name != "html":
        return
    out = Path(app.outdir)
    # Images of figures since redrawn: Sphinx copies each new image (named by
    # a hash of its content) and never deletes the old ones, so an author's
    # site would grow at every edit of a figure.
    pages = {page: page.read_text(encoding="utf-8") for page in out.rglob("*.html")}
    used = {name for html in pages.values() for name in _USED.findall(html)}
    for image in (out / "_images").iterdir():
        if image.with_suffix(".png").name not in used and image.name not in used:
            image.unlink()
    with ThreadPoolExecutor() as pool:
        list(pool.map(_webp, (out / "_images").glob("*.png")))
    for page, html in pages.items():
        if page.parent != out:
            continue
        done = as_pictures(html)
        if done != html:
            page.write_text(done, encoding="utf-8")


def setup(app):
    app.connect("build-finished", _figures)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
