"""Set-up shared by every chapter's hidden first cell (the kernel runs in docs/).

Kept out of the package: it formats numbers for the prose and styles the
figures, which is the book's business, not the library's.  conf.py hashes
this file together with the package, so editing it re-executes the chapters.
"""

import matplotlib.pyplot as plt
from matplotlib_inline.backend_inline import set_matplotlib_formats


def setup():
    """Sharp figures and one plotting style for the whole book."""
    set_matplotlib_formats("retina")
    plt.rcParams.update({"figure.figsize": (6.4, 4.0), "figure.dpi": 100, "axes.grid": True, "grid.alpha": 0.3})


def agreement(gap):
    """How two computed quantities agree, for the prose."""
    return "exactly" if gap == 0 else f"to within {gap:.1e}"
