"""Checking analytic gradients against central differences."""

from __future__ import annotations

import numpy as np

from .jacobians import numerical_gradient

__all__ = ["relative_error", "check_gradients"]


def relative_error(a, b, floor=1e-8):
    """Relative distance between two arrays.

    .. math:: \\frac{\\lVert a - b \\rVert}{\\max(\\lVert a \\rVert + \\lVert b \\rVert, \\text{floor})}

    Zero when they are equal; 1, its largest value, when one is zero and the
    other is not, or when they point in opposite directions.  The floor
    keeps two gradients that are both essentially zero from looking
    different.
    """
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(f"cannot compare arrays of shapes {a.shape} and {b.shape}")
    return float(np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), floor))


def check_gradients(net, X, Y, gradients=None, eps=1e-6):
    """Compare a network's gradients with central differences of its cost.

    The check runs on a float64 copy of ``net``, perturbing one parameter
    entry at a time, so it is meant for small networks.

    Parameters
    ----------
    net : Network
    X : array_like, shape (n_0, m)
    Y : array_like, shape (n_L, m)
    gradients : Gradients, optional
        The gradients to check; by default ``net.backprop(X, Y)``.  Passing
        your own lets you check a hand-written derivation.
    eps : float
        Finite-difference step.

    Returns
    -------
    dict of str to float
        ``{"W1": e, "b1": e, ..., "WL": e, "bL": e}``: the
        :func:`relative_error` of each parameter's gradient (layers numbered
        from 1, as in the book).
    """
    ref = net.astype(np.float64)
    X, Y = ref._inputs_targets(X, Y)
    if gradients is None:
        gradients = ref.backprop(X, Y)

    def numerical(param):
        def cost_at(value):
            saved = param.copy()
            param[...] = value
            try:
                return ref.cost(X, Y)
            finally:
                param[...] = saved

        return numerical_gradient(cost_at, param, eps)

    errors = {}
    for l in range(ref.n_layers):
        errors[f"W{l + 1}"] = relative_error(gradients.weights[l], numerical(ref.weights[l]))
        errors[f"b{l + 1}"] = relative_error(gradients.biases[l], numerical(ref.biases[l]))
    return errors
