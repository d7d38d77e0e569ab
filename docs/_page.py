"""Set-up shared by every chapter's hidden first cell (the kernel runs in docs/).

Kept out of the package: it styles the figures and hands numbers to the
prose, which is the book's business, not the library's.  A chapter's
set-up cell falls back to plain defaults when this file is not there (a
notebook downloaded from the book).  conf.py hashes
this file together with the package, so editing it re-executes the chapters.
"""

import struct
import zlib
from base64 import b64encode

import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib_inline.backend_inline import set_matplotlib_formats
from myst_nb import glue

__all__ = ["glue", "setup", "TEXT_PX_KEY"]

# The PNG text chunk that records a figure's smallest lettering, in CSS
# pixels at the width the page gives the image (half the PNG's pixel width).
TEXT_PX_KEY = "smallest-text-px"


def _with_text_chunk(png, key, value):
    """png with a tEXt chunk key=value put before its final IEND chunk."""
    data = f"{key}\0{value}".encode("latin-1")
    chunk = struct.pack(">I", len(data)) + b"tEXt" + data
    chunk += struct.pack(">I", zlib.crc32(b"tEXt" + data))
    return png[:-12] + chunk + png[-12:]


def _retina_png(fig):
    """The figure as a double-density PNG that says how small its lettering is.

    The text drawn is recorded while the figure is drawn (tick labels outside
    the axes' limits, for instance, are never drawn and do not count), so a
    test can tell how large the smallest letters come out on a phone.
    """
    from IPython.core.pylabtools import retina_figure

    sizes = []
    draw = Text.draw

    def recording_draw(text, renderer):
        if text.get_visible() and text.get_text().strip():
            sizes.append(text.get_fontsize())
        return draw(text, renderer)

    Text.draw = recording_draw
    try:
        shown = retina_figure(fig)
    finally:
        Text.draw = draw
    if shown is None:
        return None
    png, size = shown
    if sizes:
        png = _with_text_chunk(png, TEXT_PX_KEY, f"{min(sizes) * fig.dpi / 72:.2f}")
    return b64encode(png).decode("ascii"), size


def setup():
    """Sharp figures and one plotting style for the whole book."""
    set_matplotlib_formats("retina")
    plt.rcParams.update({"figure.figsize": (6.4, 4.0), "figure.dpi": 100, "font.size": 12, "axes.grid": True, "grid.alpha": 0.3})
    from IPython import get_ipython

    shell = get_ipython()
    if shell is not None:
        shell.display_formatter.formatters["image/png"].for_type(Figure, _retina_png)
