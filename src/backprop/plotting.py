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


def plot_history(history, *, ax=None):
    """Training (and validation) cost per epoch from a :class:`~backprop.training.History`.

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _axes(ax)
    epochs = np.arange(1, len(history.loss) + 1)
    ax.plot(epochs, history.loss, label="training cost")
    if history.val_loss:
        ax.plot(epochs, history.val_loss, label="validation cost")
    ax.set_xlabel("epoch")
    ax.set_ylabel("cost")
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
