"""Mini-batch stochastic gradient descent."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ._checks import as_rng, positive
from .metrics import _answers, accuracy

__all__ = ["History", "sgd"]


@dataclass
class History:
    """What :func:`sgd` measured, one entry per epoch.

    Attributes
    ----------
    loss : list of float
        Training cost of the epoch: the mean over its examples of the cost
        each mini-batch had when it was used (it comes free with the
        backward pass, so no extra pass over the data is made).
    accuracy : list of float
        Training accuracy of the epoch, measured the same way: the share of
        examples the network got right in the forward pass of their
        mini-batch, just before the step.
    val_loss : list of float
        Cost on ``validation`` at the end of each epoch; empty when no
        validation set was given.
    val_accuracy : list of float
        :func:`~backprop.accuracy` on ``validation`` at the end of
        each epoch; empty when no validation set was given.
    """

    loss: list = field(default_factory=list)
    accuracy: list = field(default_factory=list)
    val_loss: list = field(default_factory=list)
    val_accuracy: list = field(default_factory=list)

    def __repr__(self):
        # A summary: the lists hold one number per epoch, often thousands.
        def first_last(values, fmt):
            return f"{values[0]:{fmt}} -> {values[-1]:{fmt}}" if values else "-"

        parts = [f"{len(self.loss)} epochs",
                 f"cost {first_last(self.loss, '.4g')}",
                 f"accuracy {first_last(self.accuracy, '.4f')}"]
        if self.val_loss:
            parts += [f"val_cost {first_last(self.val_loss, '.4g')}",
                      f"val_accuracy {first_last(self.val_accuracy, '.4f')}"]
        return f"History({', '.join(parts)})"

    def postfix(self):
        """The last epoch's numbers, as a progress bar shows them."""
        numbers = {"cost": self.loss, "acc": self.accuracy, "val_cost": self.val_loss, "val_acc": self.val_accuracy}
        return {name: f"{values[-1]:.4g}" for name, values in numbers.items() if values}


def sgd(net, X, Y, *, epochs, batch_size, learning_rate, rng=None, validation=None, callback=None,
        progress=False):
    """Train ``net`` in place by mini-batch stochastic gradient descent.

    Each epoch shuffles the examples and, for every mini-batch :math:`B`, takes
    the step

    .. math::

        W^l &\\leftarrow W^l - \\eta \\frac{\\partial C_B}{\\partial W^l}, \\\\
        b^l &\\leftarrow b^l - \\eta \\frac{\\partial C_B}{\\partial b^l}

    with :math:`C_B` the mean cost over the batch (the last batch may be smaller).

    Parameters
    ----------
    net : Network
    X : array_like, shape (n_0, m)
        Inputs, examples as columns.
    Y : array_like, shape (n_L, m)
        Targets, examples as columns.
    epochs : int
    batch_size : int
    learning_rate : float
        :math:`\\eta`.
    rng : int, numpy.random.Generator or None
        Source of the shuffling.
    validation : tuple (X_val, Y_val), optional
        Scored at the end of every epoch.
    callback : callable, optional
        ``callback(epoch, net, history)`` after every epoch (``epoch`` from
        0).  If it returns ``True``, training stops after that epoch: early
        stopping, for instance, when the validation cost has not improved
        for a while.
    progress : bool, default False
        Show a `tqdm <https://tqdm.github.io/>`_ progress bar over the
        epochs, on standard error, with the last epoch's cost and accuracy
        (and validation cost and accuracy) beside it.  Off by default: a
        library call prints nothing unless asked to.

    Returns
    -------
    History

    Notes
    -----
    Mini-batches are gathered from a copy of the data with one example per
    contiguous row, since picking scattered columns out of a row-major
    ``(n_0, m)`` array touches a different cache line for every number.  If
    your data arrive one example per row, pass ``X_rows.T``: that is already
    the layout, and no copy is made.
    """
    positive("epochs", epochs, integer=True)
    positive("batch_size", batch_size, integer=True)
    positive("learning_rate", learning_rate, integer=False)
    X, Y = net._inputs_targets(X, Y)
    if validation is not None:
        if not isinstance(validation, (tuple, list)) or len(validation) != 2:
            raise ValueError("validation must be a pair (X_val, Y_val) with examples as columns")
        X_val, Y_val = net._inputs_targets(*validation)
    gen = as_rng(rng)
    # One example per contiguous row: gathering a shuffled batch then copies
    # whole rows, and the transposed batch is a column-major (n, b) matrix.
    X_rows = np.ascontiguousarray(X.T)
    Y_rows = np.ascontiguousarray(Y.T)
    m = X_rows.shape[0]
    # What each example's target says, worked out once rather than per batch.
    truths = _answers(Y)
    eta = float(learning_rate)
    history = History()
    epoch_numbers = range(epochs)
    if progress:
        from tqdm import tqdm  # plain text: tqdm.auto warns in notebooks without ipywidgets

        epoch_numbers = bar = tqdm(epoch_numbers, desc="sgd", unit="epoch")
    for epoch in epoch_numbers:
        order = gen.permutation(m)
        total, right = 0.0, 0
        for start in range(0, m, batch_size):
            idx = order[start : start + batch_size]
            Y_batch = Y_rows[idx].T
            # The gradients come back already multiplied by eta.
            cost, steps, A_out = net._cost_and_gradients(X_rows[idx].T, Y_batch, scale=eta)
            for W, step in zip(net.weights, steps.weights):
                W -= step
            for b, step in zip(net.biases, steps.biases):
                b -= step
            total += cost * len(idx)
            right += int(np.count_nonzero(_answers(A_out) == truths[idx]))
        history.loss.append(total / m)
        history.accuracy.append(right / m)
        if validation is not None:
            history.val_loss.append(net.cost(X_val, Y_val))
            history.val_accuracy.append(accuracy(net, X_val, Y_val))
        if progress:
            bar.set_postfix(history.postfix(), refresh=False)
        if callback is not None and callback(epoch, net, history) is True:
            break
    return history
