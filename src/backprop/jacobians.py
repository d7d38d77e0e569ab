"""Jacobians, Jacobian-vector products and vector-Jacobian products.

A network is a chain of two kinds of block: the affine map
:math:`z = W a + b` and the element-wise activation :math:`a = \\sigma(z)`.
Each block here knows three ways to differentiate itself:

* ``jacobian(x)``: the explicit matrix :math:`J` (:math:`n_{out} \\times n_{in}`);
* ``jvp(x, v)``: :math:`J v`, pushing an input direction forward;
* ``vjp(x, u)``: :math:`J^\\top u`, pulling an output gradient back.

:class:`Chain` composes blocks and offers the same three, so that the
product of Jacobians, the chained JVPs and the chained VJPs can be compared.
The functions :func:`vjp` and :func:`jvp` follow JAX's naming and argument
order.  Central-difference versions for checking are at the end.
"""

from __future__ import annotations

import numpy as np

from .activations import get_activation

__all__ = [
    "Affine",
    "Elementwise",
    "Chain",
    "vjp",
    "jvp",
    "numerical_jacobian",
    "numerical_gradient",
]


def _bias_for(b, x):
    # A 1-D input is one example: use b as a 1-D vector so nothing broadcasts to (n, n).
    return b.ravel() if np.ndim(x) == 1 else b


class Affine:
    """The affine map :math:`z = W a + b`.

    Parameters
    ----------
    W : numpy.ndarray, shape (n_out, n_in)
    b : numpy.ndarray, shape (n_out, 1), optional
        Zero if omitted.
    """

    def __init__(self, W, b=None):
        self.W = np.asarray(W)
        if self.W.ndim != 2:
            raise ValueError(f"W has shape {self.W.shape}; expected a (n_out, n_in) matrix")
        n_out = self.W.shape[0]
        self.b = np.zeros((n_out, 1), self.W.dtype) if b is None else np.asarray(b).reshape(n_out, 1)

    def __call__(self, a):
        return self.W @ a + _bias_for(self.b, a)

    def jacobian(self, a=None):
        """:math:`\\partial z / \\partial a = W`, whatever :math:`a` is: the map is linear in :math:`a`."""
        return self.W

    def jvp(self, a, v):
        """:math:`J v = W v`."""
        return self.W @ v

    def vjp(self, a, u):
        """:math:`J^\\top u = W^\\top u`: the gradient pulled back to the input :math:`a`."""
        return self.W.T @ u

    def parameter_vjp(self, a, u):
        """Pull :math:`u = \\partial C / \\partial z` back to the parameters.

        .. math::

            \\frac{\\partial C}{\\partial W} = u\\, a^\\top, \\qquad
            \\frac{\\partial C}{\\partial b} = u\\, \\mathbf 1

        For one example :math:`u\\, a^\\top` is the outer product; for a batch
        (columns) it sums the outer products over the examples.

        Returns
        -------
        (numpy.ndarray, numpy.ndarray)
            Shapes ``(n_out, n_in)`` and ``(n_out, 1)``.
        """
        u2 = u.reshape(-1, 1) if np.ndim(u) == 1 else u
        a2 = a.reshape(-1, 1) if np.ndim(a) == 1 else a
        return u2 @ a2.T, u2.sum(axis=1, keepdims=True)

    def __repr__(self):
        return f"Affine(W: {self.W.shape}, b: {self.b.shape})"


class Elementwise:
    """An element-wise activation :math:`a = \\sigma(z)` as a block.

    Parameters
    ----------
    activation : str or Activation
    """

    def __init__(self, activation):
        self.activation = get_activation(activation)
        if not self.activation.elementwise:
            raise ValueError(
                f"{self.activation.name} is not element-wise; use the activation object itself as a block"
            )

    def __call__(self, z):
        return self.activation(z)

    def jacobian(self, z):
        """:math:`\\operatorname{diag}(\\sigma'(z))`: :math:`a_i` depends on :math:`z_i` alone."""
        return self.activation.jacobian(z)

    def jvp(self, z, v):
        """:math:`\\sigma'(z) \\odot v`."""
        return self.activation.jvp(z, v)

    def vjp(self, z, u):
        """:math:`u \\odot \\sigma'(z)`: the Hadamard product replaces :math:`\\operatorname{diag}(\\sigma'(z))\\, u`."""
        return self.activation.vjp(z, u)

    def __repr__(self):
        return f"Elementwise({self.activation.name})"


class Chain:
    """The composition :math:`f_k \\circ \\cdots \\circ f_1` of blocks, applied left to right.

    Parameters
    ----------
    blocks : sequence
        Objects with ``__call__``, ``jacobian``, ``jvp`` and ``vjp``, such as
        :class:`Affine`, :class:`Elementwise` or another :class:`Chain`.
    """

    def __init__(self, blocks):
        self.blocks = list(blocks)
        if not self.blocks:
            raise ValueError("a Chain needs at least one block")

    def inputs(self, x):
        """The input each block sees, and the final output: :math:`[x_0, \\dots, x_k]`."""
        xs = [x]
        for f in self.blocks:
            xs.append(f(xs[-1]))
        return xs

    def __call__(self, x):
        return self.inputs(x)[-1]

    def jacobians(self, x):
        """Each block's Jacobian at the point the chain passes through."""
        xs = self.inputs(x)
        return [f.jacobian(xi) for f, xi in zip(self.blocks, xs)]

    def jacobian(self, x):
        """The chain rule as a product of matrices: :math:`J_k \\cdots J_2 J_1`.

        Forms every intermediate matrix-matrix product; the JVP and VJP
        below give its action on a vector without doing so.
        """
        J = None
        for Ji in self.jacobians(x):
            J = Ji if J is None else Ji @ J
        return J

    def jvp(self, x, v):
        """:math:`J v`, one block at a time from the input side (forward mode)."""
        xs = self.inputs(x)
        for f, xi in zip(self.blocks, xs):
            v = f.jvp(xi, v)
        return v

    def vjp(self, x, u):
        """:math:`J^\\top u`, one block at a time from the output side (reverse mode)."""
        xs = self.inputs(x)
        for f, xi in zip(reversed(self.blocks), reversed(xs[:-1])):
            u = f.vjp(xi, u)
        return u

    def __repr__(self):
        return "Chain([" + ", ".join(map(repr, self.blocks)) + "])"


def vjp(f, x):
    """Evaluate ``f`` at ``x`` and return its pullback.

    Parameters
    ----------
    f : block or Chain
    x : numpy.ndarray

    Returns
    -------
    y : numpy.ndarray
        ``f(x)``.
    pullback : callable
        :math:`u \\mapsto J^\\top u` with :math:`J` the Jacobian of ``f`` at ``x``.
    """
    y = f(x)
    return y, lambda u: f.vjp(x, u)


def jvp(f, x, v):
    """Evaluate ``f`` at ``x`` and push the direction ``v`` through it.

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        ``f(x)`` and :math:`J v`.
    """
    return f(x), f.jvp(x, v)


# -- central differences ---------------------------------------------------


def numerical_jacobian(f, x, eps=1e-6):
    """Jacobian of ``f`` at ``x`` by central differences, in float64.

    .. math:: J_{ij} \\approx \\frac{f_i(x + \\varepsilon e_j) - f_i(x - \\varepsilon e_j)}{2 \\varepsilon}

    Parameters
    ----------
    f : callable
        Array in, array out (any shapes).
    x : array_like
        The point; any shape.  It is not modified.
    eps : float
        The step; the error is of order ``eps**2`` plus rounding.

    Returns
    -------
    numpy.ndarray, shape (f(x).size, x.size)
    """
    x = np.array(x, dtype=np.float64)
    flat = x.reshape(-1)
    n_out = np.asarray(f(x)).size
    J = np.empty((n_out, flat.size))
    for j in range(flat.size):
        old = flat[j]
        flat[j] = old + eps
        up = np.array(f(x), dtype=np.float64).reshape(-1)  # a copy: f may return x itself
        flat[j] = old - eps
        down = np.array(f(x), dtype=np.float64).reshape(-1)
        flat[j] = old
        J[:, j] = (up - down) / (2 * eps)
    return J


def numerical_gradient(f, x, eps=1e-6):
    """Gradient of a scalar ``f`` at ``x`` by central differences.

    Returns
    -------
    numpy.ndarray
        Same shape as ``x``, like the gradient it approximates.
    """
    x = np.asarray(x, dtype=np.float64)
    J = numerical_jacobian(lambda t: np.asarray(f(t), dtype=np.float64).reshape(1), x, eps)
    return J.reshape(x.shape)
