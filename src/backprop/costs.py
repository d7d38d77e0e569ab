"""Cost functions: a batch of outputs and targets to one number.

A cost is always the **mean over the batch** of a per-example loss, so a
batch of one example gives the single-example formula.  Each cost carries
its gradient with respect to the network's output beside its value.
"""

from __future__ import annotations

import numpy as np

from ._checks import from_registry
from .activations import Softmax, log_softmax

__all__ = ["Cost", "Quadratic", "CrossEntropy", "get_cost", "COSTS"]


class Cost:
    """A cost :math:`C(A, Y)` and its gradient :math:`\\partial C / \\partial A`.

    ``A`` and ``Y`` have shape :math:`(n_L, m)`: one column per example.
    """

    name = "cost"

    def value(self, A, Y, Z=None):
        """The cost of the batch, a Python float.

        ``Z``, the output layer's :math:`Z^L`, is passed by the network for
        costs that are more accurate computed from it (cross-entropy).
        """
        raise NotImplementedError

    def gradient(self, A, Y):
        """:math:`\\partial C / \\partial A`, shape :math:`(n_L, m)`, including the :math:`1/m` of the mean."""
        raise NotImplementedError

    def output_delta(self, Z, A, Y, activation):
        """:math:`\\partial C / \\partial Z^L`: the gradient pulled back through the output activation.

        By default the activation's VJP applied to :meth:`gradient`; a cost
        whose pairing with its activation simplifies overrides this.
        """
        return activation.vjp(Z, self.gradient(A, Y), A)

    def check_targets(self, Y):
        """Raise a ValueError if ``Y`` cannot be targets for this cost."""

    def check_output(self, activation):
        """Raise a ValueError if this cost cannot follow ``activation``.

        Softmax outputs are paired with cross-entropy only: with any other
        cost its gradient keeps the full Jacobian and learns slowly.
        """
        if isinstance(activation, Softmax):
            raise ValueError(
                f"a softmax output needs cost='cross_entropy', not {self.name!r}; "
                "for the quadratic cost use a 'sigmoid' or 'identity' output"
            )

    def __repr__(self):
        return f"{type(self).__name__}()"


class Quadratic(Cost):
    """Half the squared error, averaged over the batch.

    .. math::

        C &= \\frac{1}{m} \\sum_{k=1}^{m} \\tfrac12 \\lVert y_k - a_k \\rVert^2, \\\\
        \\frac{\\partial C}{\\partial A} &= \\frac{A - Y}{m}
    """

    name = "quadratic"

    def value(self, A, Y, Z=None):
        D = A - Y
        return 0.5 * float(np.vdot(D, D)) / A.shape[1]

    def gradient(self, A, Y):
        return (A - Y) / A.shape[1]


class CrossEntropy(Cost):
    """Cross-entropy of predicted distributions, averaged over the batch.

    .. math::

        C &= -\\frac{1}{m} \\sum_{k=1}^{m} \\sum_i y_{ik} \\log p_{ik}, \\\\
        \\frac{\\partial C}{\\partial P} &= -\\frac{1}{m} \\frac{Y}{P}
        \\ \\text{(element-wise)}

    Each column of ``Y`` must be a probability distribution (one-hot for
    class labels).  Paired with a softmax output :math:`P = \\operatorname{softmax}(Z)`, the
    chain rule through the softmax Jacobian collapses to

    .. math:: \\frac{\\partial C}{\\partial Z} = \\frac{P - Y}{m},

    which is what :meth:`output_delta` returns, and the value is computed
    from ``log_softmax(Z)`` so that no :math:`\\log 0` can occur.
    """

    name = "cross_entropy"

    def value(self, A, Y, Z=None):
        m = A.shape[1]
        if Z is not None:
            return -float(np.vdot(Y, log_softmax(Z))) / m
        # From probabilities alone: only entries with y > 0 enter (0 log 0 = 0).
        with np.errstate(divide="ignore"):
            logp = np.log(A, out=np.zeros_like(A), where=Y > 0)
        return -float(np.vdot(Y, logp)) / m

    def gradient(self, A, Y):
        with np.errstate(divide="ignore"):
            return np.divide(-Y, A.shape[1] * A, out=np.zeros_like(A), where=Y > 0)

    def output_delta(self, Z, A, Y, activation):
        # softmax VJP of -Y/(m P): P * (g - P.g) with P.g = -1/m per column,
        # because each column of Y sums to 1.
        return (A - Y) / A.shape[1]

    def check_output(self, activation):
        if not isinstance(activation, Softmax):
            raise ValueError(
                f"cost='cross_entropy' needs output='softmax' (outputs that are probability "
                f"distributions), not {activation.name!r}"
            )

    def check_targets(self, Y):
        tol = np.sqrt(np.finfo(Y.dtype).eps) * max(1, Y.shape[0])
        sums = Y.sum(axis=0)
        bad = np.flatnonzero((Y < 0).any(axis=0) | (np.abs(sums - 1) > tol))
        if bad.size:
            k = int(bad[0])
            raise ValueError(
                f"cross-entropy needs each column of Y to be a probability distribution "
                f"(entries >= 0 summing to 1), but column {k} has entries "
                f"{np.array2string(Y[:, k], precision=3, threshold=12)} summing to {float(sums[k]):.4g}; "
                f"for class labels pass one-hot columns (bp.one_hot)"
            )


COSTS = {cls.name: cls for cls in (Quadratic, CrossEntropy)}


def get_cost(spec):
    """Return a :class:`Cost` for a name or pass an instance through.

    Raises
    ------
    ValueError
        For an unknown name.
    """
    return from_registry(spec, COSTS, Cost, "cost")
