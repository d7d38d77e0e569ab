"""Plot helpers for the book's figures.

Each takes ``ax=None``, draws on the given axes (or on a new figure's) and
returns the axes; none calls ``plt.show()``.  Matplotlib is imported only
when a helper is called.
"""

from __future__ import annotations

import numpy as np

from .measure import loglog_fit

__all__ = [
    "plot_surface",
    "plot_contour",
    "plot_loglog",
    "plot_history",
    "plot_decision_boundary",
    "plot_confusion_matrix",
    "plot_digits",
]


def _axes(ax, projection=None):
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    fig = plt.figure()
    return fig.add_subplot(projection=projection)


def _grid(f, xlim, ylim, n):
    u, v = np.meshgrid(np.linspace(*xlim, n), np.linspace(*ylim, n))
    return u, v, np.vectorize(lambda a, b: float(f(np.array([a, b]))))(u, v)


def _descent(grad, u, v):
    """``-grad`` at every grid point, as two arrays shaped like the grid."""
    g = np.array([grad(np.array([a, b])) for a, b in zip(u.ravel(), v.ravel())])
    return -g[:, 0].reshape(u.shape), -g[:, 1].reshape(u.shape)


def plot_surface(f, xlim, ylim, *, path=None, grad=None, n=60, arrows=9, ax=None):
    """Surface of a cost ``f(w)`` of two parameters, in 3-D.

    Parameters
    ----------
    f : callable
        ``f(w) -> float`` for ``w`` of shape ``(2,)``.
    xlim, ylim : (float, float)
        Ranges of ``w[0]`` and ``w[1]``.
    path : array_like, shape (k, 2), optional
        Points visited by an optimiser; drawn on the surface.
    grad : callable, optional
        ``grad(w) -> (2,)``; when given, arrows of ``-grad`` (descent
        directions) are drawn on a coarse grid, lifted onto the surface.
    ax : mpl_toolkits.mplot3d.Axes3D, optional

    Returns
    -------
    Axes3D
    """
    ax = _axes(ax, "3d")
    u, v, c = _grid(f, xlim, ylim, n)
    ax.plot_surface(u, v, c, cmap="viridis", alpha=0.6, linewidth=0, antialiased=True)
    if grad is not None:
        gu, gv, gc = _grid(f, xlim, ylim, arrows)
        du, dv = _descent(grad, gu, gv)
        # Moving by -grad changes f by about -|grad|^2: that is the arrow's rise.
        dc = -(du**2 + dv**2)
        norm = np.sqrt(du**2 + dv**2 + dc**2) + 1e-12
        span = min(xlim[1] - xlim[0], ylim[1] - ylim[0]) / arrows
        ax.quiver(gu, gv, gc, du / norm, dv / norm, dc / norm, length=span, color="crimson", linewidth=1)
    if path is not None:
        p = np.asarray(path)
        ax.plot(p[:, 0], p[:, 1], [f(w) for w in p], "o-", color="black", markersize=3, zorder=5)
    return ax


def plot_contour(f, xlim, ylim, *, path=None, grad=None, n=120, arrows=15, levels=25, ax=None):
    """Contour map of ``f(w)`` with an optional path and ``-grad`` arrows.

    Parameters are as for :func:`plot_surface`; the arrows are normalised
    to one length so that their directions are easy to read.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _axes(ax)
    u, v, c = _grid(f, xlim, ylim, n)
    ax.contourf(u, v, c, levels=levels, cmap="viridis", alpha=0.8)
    ax.contour(u, v, c, levels=levels, colors="white", linewidths=0.4, alpha=0.6)
    if grad is not None:
        gu, gv = np.meshgrid(np.linspace(*xlim, arrows), np.linspace(*ylim, arrows))
        du, dv = _descent(grad, gu, gv)
        norm = np.hypot(du, dv) + 1e-12
        ax.quiver(gu, gv, du / norm, dv / norm, color="crimson", angles="xy", pivot="mid", width=0.003)
    if path is not None:
        p = np.asarray(path)
        ax.plot(p[:, 0], p[:, 1], "o-", color="black", markersize=3)
    return ax


def plot_loglog(x, series, *, ax=None):
    """Measurements on log-log axes, each with its fitted exponent.

    Parameters
    ----------
    x : array_like
        Sizes.
    series : dict of str to array_like
        Label to measured values at ``x``.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _axes(ax)
    x = np.asarray(x, dtype=np.float64)
    for label, y in series.items():
        y = np.asarray(y, dtype=np.float64)
        p, log_c = loglog_fit(x, y)
        (line,) = ax.loglog(x, y, "o", label=f"{label} (slope {p:.2f})")
        ax.loglog(x, np.exp(log_c) * x**p, "-", color=line.get_color(), alpha=0.6)
    ax.legend()
    return ax


def plot_history(history, metric="cost", *, labels=("training", "validation"), ax=None):
    """Learning curves from a :class:`~backprop.History`, one point per epoch.

    Parameters
    ----------
    history : History
    metric : {"cost", "accuracy"}
        ``"cost"`` draws ``history.loss`` and ``history.val_loss``;
        ``"accuracy"`` draws ``history.accuracy`` and ``history.val_accuracy``.
    labels : (str, str)
        Names of the training and the validation curve (say ``"test"``
        when the validation set is the test set).
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    curves = {"cost": (history.loss, history.val_loss), "accuracy": (history.accuracy, history.val_accuracy)}
    if metric not in curves:
        raise ValueError(f"metric must be 'cost' or 'accuracy', got {metric!r}")
    ax = _axes(ax)
    for values, label in zip(curves[metric], labels):
        if values:
            ax.plot(np.arange(1, len(values) + 1), values, label=f"{label} {metric}")
    ax.set_xlabel("epoch")
    ax.set_ylabel(metric)
    ax.legend()
    return ax


def plot_decision_boundary(net, X, Y, *, ax=None, n=200, margin=0.5):
    """Regions where a one-output network predicts above and below 0.5.

    Parameters
    ----------
    net : Network
        With two inputs and one output.
    X : array_like, shape (2, m)
    Y : array_like, shape (1, m)
        Labels 0 or 1, used to colour the points.

    Returns
    -------
    matplotlib.axes.Axes
    """
    if net.sizes[0] != 2 or net.sizes[-1] != 1:
        raise ValueError(f"plot_decision_boundary needs a network with 2 inputs and 1 output, got sizes {net.sizes}")
    ax = _axes(ax)
    X = np.asarray(X)
    Y = np.asarray(Y).ravel()
    u, v = np.meshgrid(
        np.linspace(X[0].min() - margin, X[0].max() + margin, n),
        np.linspace(X[1].min() - margin, X[1].max() + margin, n),
    )
    out = net.predict(np.stack([u.ravel(), v.ravel()])).reshape(u.shape)
    ax.contourf(u, v, out, levels=np.linspace(0, 1, 11), cmap="RdBu_r", alpha=0.5)
    ax.contour(u, v, out, levels=[0.5], colors="black", linewidths=1.5)
    ax.scatter(X[0], X[1], c=Y, cmap="RdBu_r", edgecolors="black", linewidths=0.5, s=18)
    ax.set_aspect("equal")
    return ax


def plot_confusion_matrix(counts, *, class_names=None, ax=None):
    """A confusion matrix as a grid of counts, true classes down the side.

    Parameters
    ----------
    counts : array_like of int, shape (k, k)
        As returned by :func:`~backprop.confusion_matrix`.
    class_names : sequence of str, optional
        Tick labels; ``0..k-1`` by default.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    counts = np.asarray(counts)
    if counts.ndim != 2 or counts.shape[0] != counts.shape[1]:
        raise ValueError(f"counts has shape {counts.shape}; expected a square (k, k) matrix")
    k = counts.shape[0]
    names = [str(i) for i in range(k)] if class_names is None else list(class_names)
    ax = _axes(ax)
    # A log-like colour scale would hide the diagonal; cap the colours
    # instead so that the few mistakes are visible next to it.
    off = counts[~np.eye(k, dtype=bool)]
    vmax = max(int(off.max()) if off.size else 1, 1) * 2
    ax.imshow(np.minimum(counts, vmax), cmap="Blues", vmin=0, vmax=vmax)
    for i in range(k):
        for j in range(k):
            if counts[i, j]:
                dark = counts[i, j] >= 0.6 * vmax
                ax.text(j, i, str(counts[i, j]), ha="center", va="center", fontsize="small",
                        color="white" if dark else "black")
    ax.set_xticks(range(k), names)
    ax.set_yticks(range(k), names)
    ax.set_xlabel("predicted class")
    ax.set_ylabel("true class")
    return ax


def plot_digits(X, captions=None, *, ncols=10, side=8, fontsize=8, ax=None):
    """A gallery of small grey-scale images tiled into one picture.

    Parameters
    ----------
    X : array_like, shape (side * side, k)
        One image per column, pixels row by row, values in ``[0, 1]``.
    captions : sequence of str, optional
        One per image, written under it.
    ncols : int
        Images per row of the gallery.
    side : int
        Width and height of each image in pixels.
    fontsize : float
        Size of the captions, in points.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2 or X.shape[0] != side * side:
        raise ValueError(f"X has shape {X.shape}; expected ({side * side}, k) with one image per column")
    k = X.shape[1]
    if captions is not None and len(captions) != k:
        raise ValueError(f"got {len(captions)} captions for {k} images")
    ncols = max(1, min(ncols, k))
    nrows = -(-k // ncols)
    gap_x, gap_y = 2, 5 if captions is not None else 2  # room under each image for its caption
    cell_w, cell_h = side + gap_x, side + gap_y
    mosaic = np.full((nrows * cell_h, ncols * cell_w), np.nan)
    for n in range(k):
        r, c = divmod(n, ncols)
        mosaic[r * cell_h : r * cell_h + side, c * cell_w : c * cell_w + side] = X[:, n].reshape(side, side)
    ax = _axes(ax)
    ax.imshow(mosaic, cmap="gray_r", vmin=0, vmax=1, interpolation="nearest")
    if captions is not None:
        for n, text in enumerate(captions):
            r, c = divmod(n, ncols)
            ax.text(c * cell_w + side / 2 - 0.5, r * cell_h + side + 1.5, text, ha="center", va="center", fontsize=fontsize)
    ax.set_axis_off()
    return ax
