"""Measuring cost: wall-clock timing and power-law fits."""

from __future__ import annotations

import time

import numpy as np

__all__ = ["best_time", "loglog_fit", "loglog_slope"]


def best_time(f, repeat=5, min_time=0.02):
    """Seconds one call of ``f()`` takes: the best of ``repeat`` runs.

    Each run calls ``f`` as many times as needed to last at least
    ``min_time`` seconds and reports the mean, so fast calls are not
    swamped by the timer's resolution.  The minimum over runs is the least
    disturbed by whatever else the machine is doing.
    """
    n = 1
    while True:
        t0 = time.perf_counter()
        for _ in range(n):
            f()
        elapsed = time.perf_counter() - t0
        if elapsed >= min_time:
            break
        n *= 2
    runs = [elapsed / n]
    for _ in range(repeat - 1):
        t0 = time.perf_counter()
        for _ in range(n):
            f()
        runs.append((time.perf_counter() - t0) / n)
    return min(runs)


def loglog_fit(x, y):
    """Least-squares fit of :math:`y \\approx c\\, x^p` on log-log axes.

    Returns
    -------
    (float, float)
        The exponent :math:`p` and :math:`\\log c`.
    """
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if x.shape != y.shape or x.size < 2 or (x <= 0).any() or (y <= 0).any():
        raise ValueError("x and y must be positive arrays of the same shape with at least two points")
    p, log_c = np.polyfit(np.log(x), np.log(y), 1)
    return float(p), float(log_c)


def loglog_slope(x, y):
    """Exponent :math:`p` of the least-squares fit :math:`y \\approx c\\, x^p` on log-log axes."""
    return loglog_fit(x, y)[0]
