"""Small data sets, returned with examples as columns."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ._checks import as_rng, fraction as check_fraction

__all__ = ["xor", "two_moons", "line", "one_hot", "digits", "iris", "stratified_split", "Split", "Labelled"]


def xor():
    """The four XOR examples.

    Returns
    -------
    X : numpy.ndarray, shape (2, 4)
        Columns ``(0,0), (0,1), (1,0), (1,1)``.
    Y : numpy.ndarray, shape (1, 4)
        ``[0, 1, 1, 0]``.
    """
    X = np.array([[0.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]])
    Y = np.array([[0.0, 1.0, 1.0, 0.0]])
    return X, Y


def two_moons(m=200, noise=0.1, rng=None):
    """Two interleaved half circles, a classic problem a line cannot split.

    Parameters
    ----------
    m : int
        Number of examples (half in each class, the odd one in class 0).
    noise : float
        Standard deviation of Gaussian noise added to each coordinate.
    rng : int, numpy.random.Generator or None

    Returns
    -------
    X : numpy.ndarray, shape (2, m)
    Y : numpy.ndarray, shape (1, m)
        Class labels 0 (upper moon) and 1 (lower moon).
    """
    if not isinstance(m, (int, np.integer)) or m < 2:
        raise ValueError(f"m must be an integer >= 2, got {m!r}")
    gen = as_rng(rng)
    m0 = m - m // 2
    t0 = np.linspace(0, np.pi, m0)
    t1 = np.linspace(0, np.pi, m // 2)
    upper = np.stack([np.cos(t0), np.sin(t0)])
    lower = np.stack([1 - np.cos(t1), 0.5 - np.sin(t1)])
    X = np.concatenate([upper, lower], axis=1) + noise * gen.standard_normal((2, m))
    Y = np.concatenate([np.zeros(m0), np.ones(m // 2)]).reshape(1, m)
    order = gen.permutation(m)
    return X[:, order], Y[:, order]


def line(slope=2.0, intercept=1.0, xs=(0, 1, 2, 3, 4)):
    """Points on the line ``y = slope * x + intercept``, for linear regression.

    Returns
    -------
    x, y : numpy.ndarray, shape (N,)
    """
    x = np.asarray(xs, dtype=np.float64)
    return x, slope * x + intercept


def one_hot(labels, k=None):
    """Class labels as one-hot columns.

    Parameters
    ----------
    labels : array_like of int, shape (m,)
        Values in ``0..k-1``.
    k : int, optional
        Number of classes; ``max(labels) + 1`` by default.

    Returns
    -------
    numpy.ndarray, shape (k, m)
        Column ``j`` is the one-hot vector of class ``labels[j]``.
    """
    labels = np.asarray(labels)
    if labels.ndim != 1 or not np.issubdtype(labels.dtype, np.integer):
        raise ValueError(f"labels must be a 1-D array of integers, got dtype {labels.dtype} and shape {labels.shape}")
    k = int(labels.max()) + 1 if k is None else int(k)
    if labels.size and (labels.min() < 0 or labels.max() >= k):
        raise ValueError(f"labels must lie in 0..{k - 1}, got values from {labels.min()} to {labels.max()}")
    Y = np.zeros((k, labels.size))
    Y[labels, np.arange(labels.size)] = 1.0
    return Y


class Split(NamedTuple):
    """A training set and a test set, examples as columns."""

    X_train: np.ndarray
    Y_train: np.ndarray
    X_test: np.ndarray
    Y_test: np.ndarray


Split.X_train.__doc__ = "Training inputs, one example per column."
Split.Y_train.__doc__ = "Training targets (one-hot), one column per example of ``X_train``."
Split.X_test.__doc__ = "Test inputs, one example per column."
Split.Y_test.__doc__ = "Test targets (one-hot), one column per example of ``X_test``."


class Labelled(NamedTuple):
    """Examples as columns with integer class labels."""

    X: np.ndarray
    y: np.ndarray
    feature_names: tuple
    class_names: tuple


Labelled.X.__doc__ = "The examples as columns, one row per feature, shape :math:`(n, m)`."
Labelled.y.__doc__ = "Integer class labels, one per column of ``X``, shape :math:`(m,)`."
Labelled.feature_names.__doc__ = "The name of each row of ``X``, in order."
Labelled.class_names.__doc__ = "The name of each class; label ``i`` is ``class_names[i]``."


IRIS_FEATURES = ("sepal length", "sepal width", "petal length", "petal width")
IRIS_CLASSES = ("setosa", "versicolor", "virginica")


def iris(classes=IRIS_CLASSES, features=IRIS_FEATURES):
    """Fisher's iris flowers: 150 examples, 4 measurements in cm, 3 species.

    Parameters
    ----------
    classes : sequence of str, default all three
        Species to keep, from ``"setosa"``, ``"versicolor"``, ``"virginica"``.
        Labels are renumbered in this order: the first is 0, the next 1, ...
    features : sequence of str, default all four
        Measurements to keep, in this order, from ``"sepal length"``,
        ``"sepal width"``, ``"petal length"``, ``"petal width"``.

    Returns
    -------
    Labelled
        ``X (len(features), m)`` with examples as columns, ``y (m,)``
        integer labels, and the names of the features and the classes.

    Notes
    -----
    Needs scikit-learn, which ships the data (no download).

    Examples
    --------
    Setosa against versicolor on two features, for a perceptron:

    >>> X, y, _, _ = bp.iris(classes=("setosa", "versicolor"),
    ...                      features=("sepal length", "petal length"))
    >>> X.shape, y.shape
    ((2, 100), (100,))
    """
    classes, features = tuple(classes), tuple(features)
    for given, known, what in [(classes, IRIS_CLASSES, "class"), (features, IRIS_FEATURES, "feature")]:
        unknown = [name for name in given if name not in known]
        if unknown or not given or len(set(given)) != len(given):
            raise ValueError(f"iris {what} names must be distinct, from {known}; got {given!r}")
    try:
        from sklearn.datasets import load_iris
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise ImportError("bp.iris needs scikit-learn: pip install scikit-learn") from err
    data = load_iris()
    rows = [IRIS_FEATURES.index(name) for name in features]
    wanted = [IRIS_CLASSES.index(name) for name in classes]
    keep = np.isin(data.target, wanted)
    relabel = {old: new for new, old in enumerate(wanted)}
    y = np.array([relabel[t] for t in data.target[keep]])
    return Labelled(data.data[keep][:, rows].T.copy(), y, features, classes)


def digits(test_fraction=0.25, rng=0):
    """scikit-learn's 8x8 handwritten digits, split into training and test sets.

    1,797 grey-scale images of the digits 0-9, 8 x 8 pixels each, from the
    UCI "Optical Recognition of Handwritten Digits" data.  Each image is a
    column of 64 pixels (row by row), scaled from 0..16 to ``[0, 1]``.

    The split is stratified and fixed by ``rng``: within each class the
    images are shuffled and ``round(test_fraction * count)`` of them go to
    the test set, so both sets keep the classes' proportions.  With the
    defaults that is 450 test images and 1,347 training images.

    Parameters
    ----------
    test_fraction : float, default 0.25
        Share of each class held out, strictly between 0 and 1.
    rng : int, numpy.random.Generator or None, default 0
        Seed of the split; the default makes it the same on every machine.
        It is the first seed, not one picked for its results: chapter 7
        reports the mean test accuracy over the splits of several seeds.

    Returns
    -------
    Split
        ``X_train`` of shape :math:`(64, m_{\\text{train}})`, ``Y_train`` of
        shape :math:`(10, m_{\\text{train}})` one-hot, ``X_test`` of shape
        :math:`(64, m_{\\text{test}})`, ``Y_test`` of shape
        :math:`(10, m_{\\text{test}})`.

    Notes
    -----
    Needs scikit-learn, which ships the data (no download).
    """
    check_fraction("test_fraction", test_fraction)
    try:
        from sklearn.datasets import load_digits
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise ImportError("bp.digits needs scikit-learn: pip install scikit-learn") from err
    data = load_digits()
    return Split(*stratified_split(data.data.T / 16.0, one_hot(data.target, 10), test_fraction, rng))


def stratified_split(X, Y, fraction, rng=None):
    """Hold out ``fraction`` of every class, for validation or testing.

    Within each class the examples are shuffled and
    ``round(fraction * count)`` of them are held out, so both parts keep
    the classes' proportions.  Both parts keep the original order of the
    examples.

    Parameters
    ----------
    X : numpy.ndarray, shape (n, m)
        Examples as columns.
    Y : numpy.ndarray, shape (k, m)
        One-hot targets as columns (the class of each example is the row of
        its largest entry).
    fraction : float
        Share of each class held out, strictly between 0 and 1.
    rng : int, numpy.random.Generator or None

    Returns
    -------
    X_kept, Y_kept, X_held, Y_held : numpy.ndarray
        The remaining examples and the held-out ones, as columns.

    Examples
    --------
    Carve a validation set out of a training set, leaving the test set alone:

    >>> data = bp.digits()
    >>> X_fit, Y_fit, X_val, Y_val = bp.stratified_split(
    ...     data.X_train, data.Y_train, 0.25, rng=0)
    """
    check_fraction("fraction", fraction)
    X, Y = np.asarray(X), np.asarray(Y)
    if X.ndim != 2 or Y.ndim != 2 or X.shape[1] != Y.shape[1]:
        raise ValueError(
            f"X has shape {X.shape} and Y {Y.shape}; expected (n, m) and (k, m), "
            "the same number m of examples as columns"
        )
    labels = Y.argmax(axis=0)
    gen = as_rng(rng)
    held = []
    for c in np.unique(labels):
        members = gen.permutation(np.flatnonzero(labels == c))
        held.append(members[: int(round(fraction * members.size))])
    held = np.sort(np.concatenate(held))
    kept = np.setdiff1d(np.arange(labels.size), held)
    return X[:, kept], Y[:, kept], X[:, held], Y[:, held]
