"""Element-wise activation functions, each with its derivative beside it.

An activation maps ``z`` to ``a = sigma(z)`` one entry at a time, so
``a_i`` depends on ``z_i`` alone.  That is the whole reason its Jacobian is
diagonal, and why its vector-Jacobian product is a Hadamard product:

.. math::

    J_\\sigma(z) = \\operatorname{diag}(\\sigma'(z)), \\qquad
    u^\\top J_\\sigma(z) = (u \\odot \\sigma'(z))^\\top .
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
    "sigmoid",
    "get_activation",
    "ACTIVATIONS",
]


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
        ``sigma(z)``, same shape and floating dtype as ``z``.
    """
    z = np.asarray(z)
    if z.dtype.kind != "f":
        z = z.astype(np.float64)
    with np.errstate(over="ignore"):
        e = np.exp(-z)
    e += 1
    return 1 / e


class Activation:
    """An element-wise function ``a = sigma(z)`` and its derivative.

    Subclasses define :meth:`__call__` and :meth:`derivative`; the Jacobian,
    JVP and VJP follow from them and are the same for every element-wise
    function.
    """

    name = "activation"

    def __call__(self, z):
        raise NotImplementedError

    def derivative(self, z, a=None):
        """``sigma'(z)``, element-wise, same shape as ``z``.

        ``a``, if given, must be ``sigma(z)``; functions whose derivative is
        cheaper from the output (sigmoid, tanh) then skip recomputing it.
        """
        raise NotImplementedError

    def jacobian(self, z):
        """Jacobian of ``z -> sigma(z)`` at the vector ``z``.

        .. math:: J = \\operatorname{diag}(\\sigma'(z))

        Parameters
        ----------
        z : array_like, shape (n,) or (n, 1)

        Returns
        -------
        numpy.ndarray, shape (n, n)
            Diagonal, because output ``i`` depends on input ``i`` only.
        """
        return np.diag(self.derivative(np.asarray(z, dtype=float)).ravel())

    def jvp(self, z, v):
        """Jacobian-vector product ``J v = sigma'(z) * v`` (forward mode).

        ``z`` and ``v`` have the same shape, ``(n,)``, ``(n, 1)`` or a batch
        ``(n, m)``; the result has that shape too.
        """
        return self.derivative(z) * v

    def vjp(self, z, u, a=None):
        """Vector-Jacobian product ``J^T u = u * sigma'(z)`` (reverse mode).

        Multiplying by a diagonal matrix is the Hadamard product with its
        diagonal, so no ``(n, n)`` matrix is formed.  Shapes as in
        :meth:`jvp`; ``a`` as in :meth:`derivative`.
        """
        return u * self.derivative(z, a)

    def __repr__(self):
        return f"{type(self).__name__}()"


class Sigmoid(Activation):
    """Logistic sigmoid; ``sigma'(z) = sigma(z) (1 - sigma(z))``."""

    name = "sigmoid"

    def __call__(self, z):
        return sigmoid(z)

    def derivative(self, z, a=None):
        s = sigmoid(z) if a is None else a
        return s * (1 - s)


class Tanh(Activation):
    """Hyperbolic tangent; ``tanh'(z) = 1 - tanh(z)^2``."""

    name = "tanh"

    def __call__(self, z):
        return np.tanh(z)

    def derivative(self, z, a=None):
        t = np.tanh(z) if a is None else a
        return 1 - t * t


class ReLU(Activation):
    """Rectified linear unit ``max(z, 0)``; derivative 1 for ``z > 0``, else 0."""

    name = "relu"

    def __call__(self, z):
        return np.maximum(z, 0)

    def derivative(self, z, a=None):
        z = np.asarray(z)
        return (z > 0).astype(z.dtype if np.issubdtype(z.dtype, np.floating) else np.float64)


class Identity(Activation):
    """The identity ``sigma(z) = z``; derivative 1 (a linear output layer)."""

    name = "identity"

    def __call__(self, z):
        return np.asarray(z)

    def derivative(self, z, a=None):
        return np.ones_like(z, dtype=np.result_type(np.asarray(z).dtype, np.float32))

    def vjp(self, z, u, a=None):
        return u

    def jvp(self, z, v):
        return v


ACTIVATIONS = {cls.name: cls for cls in (Sigmoid, Tanh, ReLU, Identity)}


def get_activation(spec):
    """Return an :class:`Activation` for a name or pass an instance through.

    Parameters
    ----------
    spec : str or Activation
        One of ``"sigmoid"``, ``"tanh"``, ``"relu"``, ``"identity"``, or an
        :class:`Activation` instance.

    Raises
    ------
    ValueError
        For an unknown name or an object that is not an activation.
    """
    return from_registry(spec, ACTIVATIONS, Activation, "activation")
