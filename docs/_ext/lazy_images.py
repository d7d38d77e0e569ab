"""The book's figures load as the reader scrolls to them.

Every figure image (``_images/``) gets ``loading="lazy"`` and
``decoding="async"``: a phone fetches the figures of the first screen, not
the forty of the chapter.  Sphinx already writes each image's width and
height, so nothing shifts when it arrives (docs/_static/book.css keeps the
height automatic).
"""

import re
from pathlib import Path

_IMG = re.compile(r'<img (?![^>]*\bloading=)([^>]*\bsrc="_images/[^"]+"[^>]*)>')


def _lazy(app, exception):
    # Not the single page that `make pdf` prints: every figure is printed.
    if exception is not None or app.builder.name != "html":
        return
    for page in Path(app.outdir).glob("*.html"):
        html = page.read_text(encoding="utf-8")
        lazy = _IMG.sub(r'<img loading="lazy" decoding="async" \1>', html)
        if lazy != html:
            page.write_text(lazy, encoding="utf-8")


def setup(app):
    app.connect("build-finished", _lazy)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
