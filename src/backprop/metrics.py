"""Scoring a network's predictions."""

from __future__ import annotations

import numpy as np

__all__ = ["accuracy"]


def accuracy(net, X, Y):
    """Fraction of examples (columns) classified correctly.

    With one output unit the prediction is ``a > 0.5`` against ``y > 0.5``;
    with several it is the row of the largest output against the row of the
    largest target (one-hot targets).

    Returns
    -------
    float
        In ``[0, 1]``.
    """
    X, Y = net._inputs_targets(X, Y)
    A = net._forward(X).activations[-1]
    if A.shape[0] == 1:
        hits = (A > 0.5) == (Y > 0.5)
    else:
        hits = A.argmax(axis=0) == Y.argmax(axis=0)
    return float(np.mean(hits))
