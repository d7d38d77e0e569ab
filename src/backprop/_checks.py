"""Boundary helpers shared by the package: input checks, seeds and name lookups."""

from __future__ import annotations

import numpy as np


def as_rng(rng):
    """A ``numpy.random.Generator`` from a seed, a generator or ``None``."""
    if isinstance(rng, np.random.Generator):
        return rng
    if rng is None or isinstance(rng, (int, np.integer)):
        return np.random.default_rng(rng)
    raise ValueError(f"rng must be an int seed, a numpy.random.Generator or None, not {type(rng).__name__}")


def positive(name, value, integer):
    """Raise unless ``value`` is a positive integer (or number); bools are refused."""
    kinds = (int, np.integer) if integer else (int, float, np.integer, np.floating)
    if isinstance(value, bool) or not isinstance(value, kinds) or not value > 0:
        raise ValueError(f"{name} must be a positive {'integer' if integer else 'number'}, got {value!r}")


def fraction(name, value):
    """Raise unless ``value`` is a number strictly between 0 and 1."""
    if isinstance(value, bool) or not isinstance(value, (float, int)) or not 0 < value < 1:
        raise ValueError(f"{name} must be a number strictly between 0 and 1, got {value!r}")


def as_columns(X, rows, name, dtype):
    """Return ``X`` as a finite float array of shape ``(rows, m)``.

    A 1-D array of length ``rows`` is one example and becomes one column.
    """
    X = np.asarray(X)
    if X.dtype == object or not (np.issubdtype(X.dtype, np.number) or X.dtype == bool):
        raise ValueError(f"{name} must be numeric, got dtype {X.dtype}")
    if X.ndim == 1:
        if X.shape[0] != rows:
            raise ValueError(
                f"{name} has shape {X.shape}; expected ({rows},) for one example or ({rows}, m) with examples as columns"
            )
        X = X.reshape(rows, 1)
    elif X.ndim != 2:
        raise ValueError(f"{name} has {X.ndim} dimensions; expected a ({rows}, m) matrix with examples as columns")
    elif X.shape[0] != rows:
        hint = f" - pass {name}.T" if X.shape[1] == rows else ""
        raise ValueError(f"{name} has shape {X.shape}; expected ({rows}, m) with examples as columns{hint}")
    if X.shape[1] == 0:
        raise ValueError(f"{name} has shape {X.shape}: no examples (m = 0)")
    X = X.astype(dtype, copy=False)
    # A finite sum of squares means finite entries (a NaN or an infinity
    # makes it NaN or infinite), and BLAS computes it reading X once, with no
    # (n, m) mask written: a third of the time of the elementwise test, which
    # runs only when the sum is not finite (perhaps from large finite entries).
    flat = X.reshape(-1, order="A") if X.flags.c_contiguous or X.flags.f_contiguous else X.ravel()
    with np.errstate(over="ignore", invalid="ignore"):
        finite_sum = np.isfinite(np.dot(flat, flat))
    if not finite_sum and not np.isfinite(X).all():
        raise ValueError(f"{name} contains NaN or infinite values; expected finite numbers")
    return X


def same_width(X, Y):
    """Raise unless ``X`` and ``Y`` hold the same number of examples."""
    if X.shape[1] != Y.shape[1]:
        raise ValueError(
            f"X has {X.shape[1]} examples (columns) but Y has {Y.shape[1]}; "
            "expected one target column per input column"
        )


def from_registry(spec, registry, base, what):
    """``spec`` if it is a ``base`` instance, else ``registry[spec]()``.

    Raises a ValueError naming the known choices for anything else.
    """
    if isinstance(spec, base):
        return spec
    if isinstance(spec, str) and spec in registry:
        return registry[spec]()
    known = ", ".join(repr(k) for k in registry)
    raise ValueError(f"unknown {what} {spec!r}; expected one of {known} or a {base.__name__} instance")
