"""Scoring a network's predictions."""

from __future__ import annotations

import numpy as np

__all__ = ["accuracy", "confusion_matrix"]


def accuracy(net, X, Y):
    """Fraction of examples (columns) classified correctly.

    With one output unit the prediction is :math:`a > 0.5` against :math:`y > 0.5`;
    with several it is the row of the largest output against the row of the
    largest target (one-hot targets).

    Returns
    -------
    float
        In ``[0, 1]``.
    """
    X, Y = net._inputs_targets(X, Y)
    return float(np.mean(hits(net._forward(X).activations[-1], Y)))


def _answers(A):
    """Per column: its class (the row of its largest entry), or for one row whether it exceeds 1/2."""
    return A[0] > 0.5 if A.shape[0] == 1 else A.argmax(axis=0)


def hits(A, Y):
    """Boolean per example: is output column ``A[:, k]`` right about ``Y[:, k]``?"""
    return _answers(A) == _answers(Y)


def confusion_matrix(net, X, Y):
    """Counts of (true class, predicted class) pairs for a classifier.

    Parameters
    ----------
    net : Network
        With :math:`k \\ge 2` outputs; the predicted class of a column is the row
        of its largest output.
    X : array_like, shape (n_0, m)
    Y : array_like, shape (k, m)
        One-hot targets (the true class is the row of the largest entry).

    Returns
    -------
    numpy.ndarray of int, shape (k, k)
        Entry ``[i, j]`` counts the examples of class ``i`` predicted as
        ``j``; the diagonal holds the correct ones and the total is ``m``.
    """
    if net.sizes[-1] < 2:
        raise ValueError(f"confusion_matrix needs a network with at least 2 outputs, got sizes {net.sizes}")
    X, Y = net._inputs_targets(X, Y)
    k = Y.shape[0]
    true = Y.argmax(axis=0)
    predicted = net._forward(X).activations[-1].argmax(axis=0)
    return np.bincount(true * k + predicted, minlength=k * k).reshape(k, k)
