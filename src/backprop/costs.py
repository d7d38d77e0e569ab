"""Cost functions: a batch of outputs and targets to one number.

A cost is always the **mean over the batch** of a per-example loss, so a
batch of one example gives the single-example formula.  Each cost carries
its gradient with respect to the network's output beside its value.
"""

from __future__ import annotations

import numpy as np

from ._checks import from_registry

__all__ = ["Cost", "Quadratic", "get_cost", "COSTS"]


class Cost:
    """A cost ``C(A, Y)`` and its gradient ``dC/dA``.

    ``A`` and ``Y`` have shape ``(n_L, m)``: one column per example.
    """

    name = "cost"

    def value(self, A, Y):
        """The cost of the batch, a Python float."""
        raise NotImplementedError

    def gradient(self, A, Y):
        """``dC/dA``, shape ``(n_L, m)``, including the ``1/m`` of the mean."""
        raise NotImplementedError

    def __repr__(self):
        return f"{type(self).__name__}()"


class Quadratic(Cost):
    """Half the squared error, averaged over the batch.

    .. math::

        C = \\frac{1}{m} \\sum_{k=1}^{m} \\tfrac12 \\lVert y_k - a_k \\rVert^2,
        \\qquad
        \\frac{\\partial C}{\\partial A} = \\frac{A - Y}{m}
    """

    name = "quadratic"

    def value(self, A, Y):
        D = A - Y
        return 0.5 * float(np.vdot(D, D)) / A.shape[1]

    def gradient(self, A, Y):
        return (A - Y) / A.shape[1]


COSTS = {cls.name: cls for cls in (Quadratic,)}


def get_cost(spec):
    """Return a :class:`Cost` for a name or pass an instance through.

    Raises
    ------
    ValueError
        For an unknown name.
    """
    return from_registry(spec, COSTS, Cost, "cost")
