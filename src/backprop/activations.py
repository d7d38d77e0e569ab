"""Element-wise activation functions, each with its derivative beside it.

An activation maps :math:`z` to :math:`a = \\sigma(z)` one entry at a time,
so :math:`a_i` depends on :math:`z_i` alone.  That is the whole reason its Jacobian is
diagonal, and why its vector-Jacobian product is a Hadamard product:

.. math::

    J_\\sigma(z) = \\operatorname{diag}(\\sigma'(z)), \\qquad
    u^\\top J_\\sigma(z) = (u \\odot \\sigma'(z))^\\top .

The one exception is :class:`Softmax`, the output of a classifier: every
:math:`p_i` depends on every :math:`z_j` through the normalising sum, so its
Jacobian :math:`\\operatorname{diag}(p) - p p^\\top` is full.  It has the same interface (call,
``jacobian``, ``jvp``, ``vjp``) but no element-wise ``derivative``.
"""

from __future__ import annotations

import numpy as np

from ._checks import from_registry

__all__ = [
    "Activation",
    "Sigmoid",
    "Tanh",
    "ReLU",
    "Identity",
    "Softmax",
    "sigmoid",
    "softmax",
    "log_softmax",
    "get_activation",
    "ACTIVATIONS",
]


def _floating(z):
    z = np.asarray(z)
    return z if z.dtype.kind == "f" else z.astype(np.float64)


def sigmoid(z):
    """Logistic function ``1 / (1 + exp(-z))``, without overflow warnings.

    For very negative ``z``, ``exp(-z)`` overflows to ``inf`` and the result
    is ``1 / inf = 0``, the correctly rounded answer; the overflow is
    expected, so its warning is silenced here and nowhere else.  No branch
    or clipping is needed, so this costs what the textbook formula costs.

    Parameters
    ----------
    z : array_like
        Any shape.

    Returns
    -------
    numpy.ndarray
        :math:`\\sigma(z)`, same shape and floating dtype as ``z``.
    """
    z = _floating(z)
    with np.errstate(over="ignore"):
        e = np.exp(-z)
    e += 1
    return 1 / e


def softmax(z):
    """Column-wise softmax, computed without overflow.

    .. math::

        p_i &= \\frac{e^{z_i}}{\\sum_j e^{z_j}}
             = \\frac{e^{z_i - c}}{\\sum_j e^{z_j - c}}, \\\\
        c &= \\max_j z_j

    Subtracting the column's largest entry changes nothing mathematically
    and keeps every exponent at most 0, so ``exp`` cannot overflow and the
    denominator is at least 1.

    Parameters
    ----------
    z : array_like, shape (n,) or (n, m)
        Logits; each column (or the one vector) is one example.

    Returns
    -------
    numpy.ndarray
        Same shape; every column is positive and sums to 1.
    """
    z = _floating(z)
    e = np.exp(z - z.max(axis=0, keepdims=True))
    e /= e.sum(axis=0, keepdims=True)
    return e


def log_softmax(z):
    """Column-wise ``log(softmax(z))`` through log-sum-exp.

    .. math::

        \\log p_i &= (z_i - c) - \\log \\sum_j e^{z_j - c}, \\\\
        c &= \\max_j z_j

    Taking the log of :func:`softmax` instead would give ``log(0) = -inf``
    for a probability that underflows; this form stays finite.

    Parameters
    ----------
    z : array_like, shape (n,) or (n, m)

    Returns
    -------
    numpy.ndarray
        Same shape, every entry ``<= 0``.
    """
    z = _floating(z)
    shifted = z - z.max(axis=0, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=0, keepdims=True))


class Activation:
    """An element-wise function :math:`a = \\sigma(z)` and its derivative.

    Subclasses define ``__call__`` and :meth:`derivative`; the Jacobian,
    JVP and VJP follow from them and are the same for every element-wise
    function.
    """

    name = "activation"
    elementwise = True

    def __call__(self, z):
        raise NotImplementedError

    def derivative(self, z, a=None):
        """:math:`\\sigma'(z)`, element-wise, same shape as ``z``.

        ``a``, if given, must be :math:`\\sigma(z)`; functions whose derivative is
        cheaper from the output (sigmoid, tanh) then skip recomputing it.
        """
        raise NotImplementedError

    def jacobian(self, z):
        """Jacobian of :math:`z \\mapsto \\sigma(z)` at the vector ``z``.

        .. math:: J = \\operatorname{diag}(\\sigma'(z))

        Parameters
        ----------
        z : array_like, shape (n,) or (n, 1)

        Returns
        -------
        numpy.ndarray, shape (n, n)
            Diagonal, because output :math:`i` depends on input :math:`i` only.
        """
        return np.diag(self.derivative(np.asarray(z, dtype=float)).ravel())

    def jvp(self, z, v):
        """Jacobian-vector product :math:`J v = \\sigma'(z) \\odot v` (forward mode).

        ``z`` and ``v`` have the same shape, ``(n,)``, ``(n, 1)`` or a batch
        ``(n, m)``; the result has that shape too.
        """
        return self.derivative(z) * v

    def vjp(self, z, u, a=None):
        """Vector-Jacobian product :math:`J^\\top u = u \\odot \\sigma'(z)` (reverse mode).

        Multiplying by a diagonal matrix is the Hadamard product with its
        diagonal, so no ``(n, n)`` matrix is formed.  Shapes as in
        :meth:`jvp`; ``a`` as in :meth:`derivative`.
        """
        return u * self.derivative(z, a)

    def __repr__(self):
        return f"{type(self).__name__}()"


class Sigmoid(Activation):
    """Logistic sigmoid; :math:`\\sigma'(z) = \\sigma(z)\\,(1 - \\sigma(z))`."""

    name = "sigmoid"

    def __call__(self, z):
        return sigmoid(z)

    def derivative(self, z, a=None):
        s = sigmoid(z) if a is None else a
        return s * (1 - s)


class Tanh(Activation):
    """Hyperbolic tangent; :math:`\\tanh'(z) = 1 - \\tanh^2 z`."""

    name = "tanh"

    def __call__(self, z):
        return np.tanh(z)

    def derivative(self, z, a=None):
        t = np.tanh(z) if a is None else a
        return 1 - t * t


class ReLU(Activation):
    """Rectified linear unit :math:`\\max(z, 0)`; derivative 1 for :math:`z > 0`, else 0."""

    name = "relu"

    def __call__(self, z):
        return np.maximum(z, 0)

    def derivative(self, z, a=None):
        z = np.asarray(z)
        return (z > 0).astype(z.dtype if np.issubdtype(z.dtype, np.floating) else np.float64)


class Identity(Activation):
    """The identity :math:`\\sigma(z) = z`; derivative 1 (a linear output layer)."""

    name = "identity"

    def __call__(self, z):
        return np.asarray(z)

    def derivative(self, z, a=None):
        return np.ones_like(z, dtype=np.result_type(np.asarray(z).dtype, np.float32))

    def vjp(self, z, u, a=None):
        return u

    def jvp(self, z, v):
        return v


class Softmax(Activation):
    """Softmax over each column, the output of a classifier.

    Not element-wise: :math:`p_i = e^{z_i} / \\sum_j e^{z_j}` depends on every
    :math:`z_j`.  Its Jacobian is full and symmetric,

    .. math::

        \\frac{\\partial p_i}{\\partial z_j} &= p_i (I_{ij} - p_j), \\\\
        J &= \\operatorname{diag}(p) - p p^\\top,

    with :math:`I_{ij}` the entries of the identity matrix (the book keeps
    :math:`\\delta` for the error of a layer).  The Jacobian is symmetric
    because it is the Hessian of log-sum-exp, whose gradient is softmax.
    A product with it costs two passes over :math:`p` instead of an
    ``(n, n)`` matrix: :math:`J u = p \\odot (u - (p^\\top u)\\,\\mathbf 1)`,
    the same for :math:`J^\\top u`.
    """

    name = "softmax"
    elementwise = False

    def __call__(self, z):
        return softmax(z)

    def derivative(self, z, a=None):
        """Not defined: softmax is not element-wise; raises TypeError."""
        raise TypeError(
            "softmax is not element-wise, so it has no element-wise derivative; "
            "use its jacobian(z), jvp(z, v) or vjp(z, u)"
        )

    def jacobian(self, z):
        """:math:`\\operatorname{diag}(p) - p p^\\top` at the vector ``z``, shape ``(n, n)``."""
        p = softmax(np.asarray(z, dtype=float).ravel())
        return np.diag(p) - np.outer(p, p)

    def jvp(self, z, v):
        """:math:`J v = p \\odot (v - (p^\\top v)\\,\\mathbf 1)`, per column: the VJP, since :math:`J` is symmetric."""
        return self.vjp(z, v)

    def vjp(self, z, u, a=None):
        """:math:`J^\\top u = p \\odot (u - (p^\\top u)\\,\\mathbf 1)` (:math:`J` is symmetric); ``a``, if given, is ``softmax(z)``."""
        p = softmax(z) if a is None else a
        return p * (u - (p * u).sum(axis=0, keepdims=True))


ACTIVATIONS = {cls.name: cls for cls in (Sigmoid, Tanh, ReLU, Identity, Softmax)}


def get_activation(spec):
    """Return an :class:`Activation` for a name or pass an instance through.

    Parameters
    ----------
    spec : str or Activation
        One of ``"sigmoid"``, ``"tanh"``, ``"relu"``, ``"identity"``,
        ``"softmax"``, or an :class:`Activation` instance.

    Raises
    ------
    ValueError
        For an unknown name or an object that is not an activation.
    """
    return from_registry(spec, ACTIVATIONS, Activation, "activation")
