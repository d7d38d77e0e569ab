"""A fully connected network and its backpropagation, examples as columns.

Notation (the book's): layer :math:`l = 1, \\dots, L` has weights :math:`W^l`
of shape :math:`(n_l, n_{l-1})` and biases :math:`b^l` of shape
:math:`(n_l, 1)`.  A batch of :math:`m` examples is a matrix whose columns
are the examples, so

.. math::

    Z^l = W^l A^{l-1} + b^l \\mathbf 1^\\top, \\qquad A^l = \\sigma(Z^l), \\qquad A^0 = X,

and :math:`Z^l`, :math:`A^l` have shape :math:`(n_l, m)`;
:math:`b^l \\mathbf 1^\\top` repeats the bias in every column, which NumPy's
broadcasting does in ``W @ A + b``.  In Python the lists are 0-based:
``weights[l - 1]`` is :math:`W^l`.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ._checks import as_columns, as_rng, same_width
from .activations import get_activation
from .costs import get_cost

__all__ = ["Network", "ForwardPass", "Gradients"]


class ForwardPass(NamedTuple):
    """What the forward pass computed: the fields ``zs`` and ``activations``."""

    zs: list
    activations: list


ForwardPass.zs.__doc__ = (
    "List of numpy.ndarray :math:`[Z^1, \\dots, Z^L]`, each of shape :math:`(n_l, m)`.")
ForwardPass.activations.__doc__ = (
    "List of numpy.ndarray :math:`[A^0, A^1, \\dots, A^L]`, each of shape "
    ":math:`(n_l, m)`; :math:`A^0` is the input.")


class Gradients(NamedTuple):
    """Gradients of the cost, shaped like the parameters: the fields ``weights`` and ``biases``."""

    weights: list
    biases: list


Gradients.weights.__doc__ = (
    "List of numpy.ndarray :math:`[\\partial C / \\partial W^1, \\dots, \\partial C / \\partial W^L]`, "
    "each of shape :math:`(n_l, n_{l-1})`, like :math:`W^l`.")
Gradients.biases.__doc__ = (
    "List of numpy.ndarray :math:`[\\partial C / \\partial b^1, \\dots, \\partial C / \\partial b^L]`, "
    "each of shape :math:`(n_l, 1)`, like :math:`b^l`.")


class Network:
    """A fully connected feed-forward network.

    Parameters
    ----------
    sizes : sequence of int
        :math:`[n_0, n_1, \\dots, n_L]`: inputs, hidden widths, outputs.
    activation : str or Activation, default "sigmoid"
        Activation of the hidden layers: ``"sigmoid"``, ``"tanh"``,
        ``"relu"`` or ``"identity"``.
    output : str or Activation, optional
        Activation of the last layer; defaults to ``activation``.
        ``"softmax"`` makes a classifier and goes with
        ``cost="cross_entropy"``.
    cost : str or Cost, default "quadratic"
        ``"quadratic"`` is :math:`C = \\frac1m \\sum_k \\frac12 \\lVert y_k - a_k \\rVert^2`;
        ``"cross_entropy"`` is :math:`C = -\\frac1m \\sum_k \\sum_i y_{ik} \\log p_{ik}`,
        computed from ``log_softmax`` of :math:`Z^L`, with targets whose columns are
        distributions (one-hot labels).
    rng : int, numpy.random.Generator or None
        Seed or generator for the initial weights.
    dtype : numpy dtype, default numpy.float64
        ``float64`` or ``float32``; inputs are cast to it.

    Notes
    -----
    Initialisation: :math:`W^l` has independent normal entries with variance
    :math:`1 / n_{l-1}` (:math:`2 / n_{l-1}` when the layer's activation is ReLU),
    so that :math:`z` keeps a variance of order one at every layer; biases start
    at zero.  The weights are random, so hidden units still differ.

    Examples
    --------
    >>> import numpy as np, backprop as bp
    >>> net = bp.Network([2, 3, 1], rng=0)
    >>> [W.shape for W in net.weights]
    [(3, 2), (1, 3)]
    >>> net.predict(np.zeros((2, 5))).shape
    (1, 5)
    """

    def __init__(self, sizes, activation="sigmoid", output=None, cost="quadratic", rng=None, dtype=np.float64):
        sizes = list(sizes)
        if len(sizes) < 2 or not all(isinstance(n, (int, np.integer)) and n >= 1 for n in sizes):
            raise ValueError(f"sizes must list at least two positive integers [n_0, ..., n_L], got {sizes!r}")
        dtype = np.dtype(dtype)
        if dtype not in (np.float32, np.float64):
            raise ValueError(f"dtype must be float32 or float64, got {dtype}")
        self.sizes = [int(n) for n in sizes]
        self.dtype = dtype
        hidden = get_activation(activation)
        last = hidden if output is None else get_activation(output)
        if not hidden.elementwise and self.n_layers > 1:
            raise ValueError(
                f"activation={hidden.name!r} is not element-wise and is only offered for the output layer; "
                "pass it as output= and choose 'sigmoid', 'tanh', 'relu' or 'identity' for the hidden layers"
            )
        if not last.elementwise and self.sizes[-1] < 2:
            raise ValueError(f"a {last.name} output needs at least 2 units (classes), got sizes {self.sizes}")
        self.activations = [hidden] * (self.n_layers - 1) + [last]
        self.cost_function = get_cost(cost)
        self.cost_function.check_output(last)
        gen = as_rng(rng)
        self.weights = []
        self.biases = []
        for n_in, n_out, act in zip(self.sizes[:-1], self.sizes[1:], self.activations):
            scale = np.sqrt((2.0 if act.name == "relu" else 1.0) / n_in)
            self.weights.append((scale * gen.standard_normal((n_out, n_in))).astype(dtype))
            self.biases.append(np.zeros((n_out, 1), dtype=dtype))

    @property
    def n_layers(self):
        """:math:`L`, the number of weight layers."""
        return len(self.sizes) - 1

    def __repr__(self):
        acts = [a.name for a in self.activations]
        return (
            f"Network(sizes={self.sizes}, activation={acts[0]!r}, output={acts[-1]!r}, "
            f"cost={self.cost_function.name!r}, dtype={self.dtype.name})"
        )

    # -- checking at the boundary ------------------------------------------

    def _inputs(self, X):
        return as_columns(X, self.sizes[0], "X", self.dtype)

    def _inputs_targets(self, X, Y):
        X = self._inputs(X)
        Y = as_columns(Y, self.sizes[-1], "Y", self.dtype)
        same_width(X, Y)
        self.cost_function.check_targets(Y)
        return X, Y

    # -- forward -----------------------------------------------------------

    def forward(self, X):
        """Run the forward pass and return every :math:`Z^l` and :math:`A^l`.

        Parameters
        ----------
        X : array_like, shape (n_0, m) or (n_0,)
            Inputs, one example per column.

        Returns
        -------
        ForwardPass
            ``zs`` holds :math:`Z^1, \\dots, Z^L` and ``activations`` holds
            :math:`A^0, \\dots, A^L`.  Nothing is stored on the network.
        """
        return self._forward(self._inputs(X))

    def _forward(self, X):
        zs, activations = [], [X]
        A = X
        for W, b, act in zip(self.weights, self.biases, self.activations):
            Z = W @ A
            Z += b  # in place: one pass, no second (n_l, m) array
            A = act(Z)
            zs.append(Z)
            activations.append(A)
        return ForwardPass(zs, activations)

    def predict(self, X):
        """The output :math:`A^L`, shape :math:`(n_L, m)`."""
        return self.forward(X).activations[-1]

    def cost(self, X, Y):
        """The cost of the batch, mean over its examples, as a float."""
        X, Y = self._inputs_targets(X, Y)
        zs, activations = self._forward(X)
        return self.cost_function.value(activations[-1], Y, zs[-1])

    # -- backward ----------------------------------------------------------

    def backprop(self, X, Y):
        """The exact gradient of :meth:`cost` with respect to every parameter.

        Implements the four backpropagation equations for a batch:

        .. math::

            \\Delta^L &= \\nabla_{A^L} C \\odot \\sigma'(Z^L) \\\\
            \\Delta^l &= \\big((W^{l+1})^\\top \\Delta^{l+1}\\big) \\odot \\sigma'(Z^l) \\\\
            \\frac{\\partial C}{\\partial W^l} &= \\Delta^l (A^{l-1})^\\top, \\\\
            \\frac{\\partial C}{\\partial b^l} &= \\Delta^l \\mathbf 1

        where :math:`\\nabla_{A^L} C = (A^L - Y)/m` for the quadratic cost.
        For a softmax output with cross-entropy the first line is replaced by
        :math:`\\Delta^L = (P - Y)/m`, what the softmax Jacobian makes of
        the cross-entropy gradient.

        Parameters
        ----------
        X : array_like, shape (n_0, m) or (n_0,)
        Y : array_like, shape (n_L, m) or (n_L,)

        Returns
        -------
        Gradients
            Same shapes as ``weights`` and ``biases``.
        """
        return self.cost_and_gradients(X, Y)[1]

    def cost_and_gradients(self, X, Y):
        """``(cost, gradients)`` from one forward and one backward pass."""
        X, Y = self._inputs_targets(X, Y)
        return self._cost_and_gradients(X, Y)[:2]

    def _cost_and_gradients(self, X, Y, scale=None):
        # Returns (cost, gradients, A^L); sgd scores the batch with A^L.
        # Every gradient is linear in Delta^L, so scaling that small (n_L, m)
        # array by `scale` scales them all: sgd passes the learning rate here
        # instead of multiplying each weight-sized gradient.
        zs, activations = self._forward(X)
        A_out, cost = activations[-1], self.cost_function
        L = self.n_layers
        grad_w, grad_b = [None] * L, [None] * L
        # Reverse mode: pull the gradient back through one block at a time.
        # dC/dA^L through the output activation gives Delta^L (BP1).
        delta = cost.output_delta(zs[-1], A_out, Y, self.activations[-1])
        if scale is not None:
            delta *= scale
        for l in reversed(range(L)):
            # through W A + b, with respect to W (BP4), b (BP3) ...
            grad_w[l] = delta @ activations[l].T
            grad_b[l] = delta.sum(axis=1, keepdims=True)
            if l > 0:
                # ... and A^{l-1}, then through sigma: Delta^{l-1} (BP2)
                g = self.weights[l].T @ delta
                delta = self.activations[l - 1].vjp(zs[l - 1], g, activations[l])
        return cost.value(A_out, Y, zs[-1]), Gradients(grad_w, grad_b), A_out

    # -- as a chain of blocks ---------------------------------------------

    def blocks(self):
        """The network as a list of blocks :math:`[\\text{Affine}^1, \\text{Elementwise}^1, \\dots]`.

        Each block carries its Jacobian, JVP and VJP (see
        the API reference); a :class:`~backprop.Chain` of
        them computes what this network computes.
        """
        from .jacobians import Affine, Elementwise

        out = []
        for W, b, act in zip(self.weights, self.biases, self.activations):
            # softmax has the block interface itself; it is not element-wise
            out += [Affine(W, b), Elementwise(act) if act.elementwise else act]
        return out

    def copy(self):
        """An independent copy (parameters copied, functions shared)."""
        return self.astype(self.dtype)

    def astype(self, dtype):
        """An independent copy whose parameters (and inputs) use ``dtype``.

        ``net.astype(np.float64)`` is how a float32 network is checked
        against finite differences, which need float64.
        """
        dtype = np.dtype(dtype)
        if dtype not in (np.float32, np.float64):
            raise ValueError(f"dtype must be float32 or float64, got {dtype}")
        new = object.__new__(Network)
        new.__dict__.update(self.__dict__)
        new.dtype = dtype
        new.weights = [W.astype(dtype) for W in self.weights]  # astype copies
        new.biases = [b.astype(dtype) for b in self.biases]
        new.activations = list(self.activations)
        return new
