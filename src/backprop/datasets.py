"""Small data sets, returned with examples as columns."""

from __future__ import annotations

import numpy as np

from ._checks import as_rng

__all__ = ["xor", "two_moons", "line"]


def xor():
    """The four XOR examples.

    Returns
    -------
    X : numpy.ndarray, shape (2, 4)
        Columns ``(0,0), (0,1), (1,0), (1,1)``.
    Y : numpy.ndarray, shape (1, 4)
        ``[0, 1, 1, 0]``.
    """
    X = np.array([[0.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]])
    Y = np.array([[0.0, 1.0, 1.0, 0.0]])
    return X, Y


def two_moons(m=200, noise=0.1, rng=None):
    """Two interleaved half circles, a classic problem a line cannot split.

    Parameters
    ----------
    m : int
        Number of examples (half in each class, the odd one in class 0).
    noise : float
        Standard deviation of Gaussian noise added to each coordinate.
    rng : int, numpy.random.Generator or None

    Returns
    -------
    X : numpy.ndarray, shape (2, m)
    Y : numpy.ndarray, shape (1, m)
        Class labels 0 (upper moon) and 1 (lower moon).
    """
    if not isinstance(m, (int, np.integer)) or m < 2:
        raise ValueError(f"m must be an integer >= 2, got {m!r}")
    gen = as_rng(rng)
    m0 = m - m // 2
    t0 = np.linspace(0, np.pi, m0)
    t1 = np.linspace(0, np.pi, m // 2)
    upper = np.stack([np.cos(t0), np.sin(t0)])
    lower = np.stack([1 - np.cos(t1), 0.5 - np.sin(t1)])
    X = np.concatenate([upper, lower], axis=1) + noise * gen.standard_normal((2, m))
    Y = np.concatenate([np.zeros(m0), np.ones(m // 2)]).reshape(1, m)
    order = gen.permutation(m)
    return X[:, order], Y[:, order]


def line(slope=2.0, intercept=1.0, xs=(0, 1, 2, 3, 4)):
    """Points on the line ``y = slope * x + intercept``, for linear regression.

    Returns
    -------
    x, y : numpy.ndarray, shape (N,)
    """
    x = np.asarray(xs, dtype=np.float64)
    return x, slope * x + intercept
