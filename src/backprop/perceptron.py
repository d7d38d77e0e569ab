"""Rosenblatt's perceptron: a linear threshold unit and its learning rule."""

from __future__ import annotations

import numpy as np

from ._checks import as_columns, as_rng, positive

__all__ = ["Perceptron"]


class Perceptron:
    """A single threshold unit, :math:`\\hat y = 1` if :math:`w^\\top x + b > 0`, else 0.

    Parameters
    ----------
    n_inputs : int
        Length of each input vector.
    rng : int, numpy.random.Generator or None
        With ``None`` the weights ``w`` and the bias ``b`` start at zero;
        otherwise at small random values (standard deviation 0.01).

    Attributes
    ----------
    w : numpy.ndarray
        The weights, shape ``(n_inputs,)``.
    b : float
        The bias.

    Examples
    --------
    >>> X, y, _, _ = bp.iris(classes=("setosa", "versicolor"),
    ...                      features=("sepal length", "petal length"))
    >>> p = bp.Perceptron(2)
    >>> mistakes = p.train(X, y, epochs=100)
    >>> mistakes[-1], bool((p.predict(X) == y).all())
    (0, True)
    """

    def __init__(self, n_inputs, rng=None):
        positive("n_inputs", n_inputs, integer=True)
        self.n_inputs = int(n_inputs)
        if rng is None:
            self.w, self.b = np.zeros(self.n_inputs), 0.0
        else:
            gen = as_rng(rng)
            self.w, self.b = 0.01 * gen.standard_normal(self.n_inputs), float(0.01 * gen.standard_normal())

    def __repr__(self):
        return f"Perceptron(w={np.array2string(self.w, precision=4)}, b={self.b:.4g})"

    def _inputs(self, X):
        return as_columns(X, self.n_inputs, "X", np.float64)

    def decision_function(self, X):
        """:math:`w^\\top x + b` for each column :math:`x` of ``X`` (shape ``(n_inputs, m)``); shape ``(m,)``."""
        return self.w @ self._inputs(X) + self.b

    def predict(self, X):
        """1 where :math:`w^\\top x + b > 0`, else 0, for each column of ``X``; integers, shape ``(m,)``."""
        return (self.decision_function(X) > 0).astype(int)

    def train(self, X, y, *, epochs, learning_rate=1.0, rng=None):
        """Rosenblatt's rule, one example at a time.

        For each example, with prediction :math:`\\hat y`,

        .. math::

            w &\\leftarrow w + \\eta\\,(y - \\hat y)\\,x, \\\\
            b &\\leftarrow b + \\eta\\,(y - \\hat y),

        which changes nothing when the prediction is right.  The examples
        are taken in order, or in a new random order each epoch when
        ``rng`` is given.  Training stops after the first epoch without a
        mistake, or after ``epochs`` epochs.

        Parameters
        ----------
        X : array_like, shape (n_inputs, m)
            Examples as columns.
        y : array_like, shape (m,)
            Labels, 0 or 1.
        epochs : int
            The most passes over the data.
        learning_rate : float, default 1.0
            :math:`\\eta`.  Starting from :math:`w = 0`, :math:`b = 0` it only
            rescales :math:`w` and :math:`b`, so the predictions and mistakes do not depend on it.
        rng : int, numpy.random.Generator or None

        Returns
        -------
        list of int
            The number of mistakes (updates) in each epoch that ran.
        """
        X = self._inputs(X)
        y = self._labels(y, X.shape[1])
        positive("epochs", epochs, integer=True)
        positive("learning_rate", learning_rate, integer=False)
        gen = None if rng is None else as_rng(rng)
        columns = X.T  # one example per row, for the loop
        mistakes = []
        for _ in range(epochs):
            order = range(len(y)) if gen is None else gen.permutation(len(y))
            count = 0
            for k in order:
                error = y[k] - int(self.w @ columns[k] + self.b > 0)
                if error:
                    self.w += learning_rate * error * columns[k]
                    self.b += learning_rate * error
                    count += 1
            mistakes.append(count)
            if count == 0:
                break
        return mistakes

    @staticmethod
    def _labels(y, m):
        y = np.asarray(y)
        if y.ndim != 1 or y.shape[0] != m:
            raise ValueError(f"y has shape {y.shape}; expected ({m},), one 0/1 label per column of X")
        if not (np.issubdtype(y.dtype, np.number) or y.dtype == bool):
            raise ValueError(f"y must hold the labels 0 and 1, got dtype {y.dtype}")
        bad = ~np.isin(y, (0, 1))
        if bad.any():
            first = int(np.flatnonzero(bad)[0])
            raise ValueError(f"y must hold the labels 0 and 1 only; y[{first}] is {y[first].item()!r}")
        return y.astype(int)
