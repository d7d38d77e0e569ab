"""Set-up shared by every chapter's hidden first cell (the kernel runs in docs/).

Kept out of the package: it styles the figures and hands numbers to the
prose, which is the book's business, not the library's.  A chapter's
set-up cell falls back to plain defaults when this file is not there (a
notebook downloaded from the book).  conf.py hashes
this file together with the package, so editing it re-executes the chapters.
"""

import matplotlib.pyplot as plt
from matplotlib_inline.backend_inline import set_matplotlib_formats
from myst_nb import glue

__all__ = ["glue", "setup"]


def setup():
    """Sharp figures and one plotting style for the whole book."""
    set_matplotlib_formats("retina")
    plt.rcParams.update({"figure.figsize": (6.4, 4.0), "figure.dpi": 100, "axes.grid": True, "grid.alpha": 0.3})

