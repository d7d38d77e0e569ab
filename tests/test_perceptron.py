"""The perceptron: convergence within Novikoff's bound, XOR, the learning rate, bad input."""

import numpy as np
import pytest

import backprop as bp


def separable(m=200, margin=0.3, rng=0):
    """Points on both sides of a known line, at least `margin` away from it."""
    gen = np.random.default_rng(rng)
    u = np.array([0.6, -0.8])  # unit normal of the line u.x + c = 0
    c = 0.2
    X = gen.uniform(-2, 2, size=(2, 4 * m))
    distance = u @ X + c
    keep = np.abs(distance) >= margin
    X, distance = X[:, keep][:, :m], distance[keep][:m]
    return X, (distance > 0).astype(int), u, c


def test_converges_on_separable_data_within_the_mistake_bound():
    X, y, u, c = separable()
    p = bp.Perceptron(2)
    mistakes = p.train(X, y, epochs=1000)
    assert mistakes[-1] == 0 and len(mistakes) < 1000
    np.testing.assert_array_equal(p.predict(X), y)
    # Novikoff: with the bias as the weight of a constant input 1, every
    # (x, 1) has norm <= R, and the unit vector (u, c)/|(u, c)| separates the
    # data with margin gamma, so the number of updates is at most (R/gamma)^2.
    augmented = np.vstack([X, np.ones(X.shape[1])])
    R = np.linalg.norm(augmented, axis=0).max()
    w_star = np.append(u, c) / np.linalg.norm(np.append(u, c))
    signs = 2 * y - 1
    gamma = (signs * (w_star @ augmented)).min()
    assert gamma > 0
    assert sum(mistakes) <= (R / gamma) ** 2


def test_never_converges_on_xor():
    X, Y = bp.xor()
    y = Y[0].astype(int)
    for rng in (None, 0, 1):
        p = bp.Perceptron(2)
        mistakes = p.train(X, y, epochs=500, rng=rng)
        assert len(mistakes) == 500 and min(mistakes) >= 1
        assert (p.predict(X) == y).sum() <= 3


def test_from_zero_the_learning_rate_only_rescales_the_weights():
    X, y, _, _ = bp.iris(classes=("setosa", "versicolor"), features=("sepal length", "petal length"))
    runs = {}
    for eta in (1.0, 0.1, 7.5):
        p = bp.Perceptron(2)
        runs[eta] = (p.train(X, y, epochs=100, learning_rate=eta, rng=3), p)
    (m1, p1) = runs[1.0]
    assert m1[-1] == 0
    for eta, (m, p) in runs.items():
        assert m == m1
        np.testing.assert_allclose(p.w, eta * p1.w, rtol=1e-12)
        assert p.b == pytest.approx(eta * p1.b, rel=1e-12)
        np.testing.assert_array_equal(p.predict(X), p1.predict(X))


def test_shuffling_is_seeded_and_random_start_is_small():
    X, y, _, _ = separable(m=60, rng=1)
    a, b = bp.Perceptron(2), bp.Perceptron(2)
    assert a.train(X, y, epochs=50, rng=5) == b.train(X, y, epochs=50, rng=5)
    np.testing.assert_array_equal(a.w, b.w)
    start = bp.Perceptron(3, rng=0)
    assert start.w.shape == (3,) and 0 < np.abs(start.w).max() < 0.1 and isinstance(start.b, float)
    zero = bp.Perceptron(3)
    assert not zero.w.any() and zero.b == 0.0


def test_decision_function_and_predict_shapes():
    p = bp.Perceptron(2)
    p.w[...] = [1.0, -1.0]
    p.b = 0.5
    X = np.array([[0.0, 2.0, 0.0], [0.0, 0.0, 2.0]])
    np.testing.assert_allclose(p.decision_function(X), [0.5, 2.5, -1.5])
    np.testing.assert_array_equal(p.predict(X), [1, 1, 0])
    assert p.predict(np.array([0.0, 0.0])).shape == (1,)  # one example as a vector


@pytest.mark.parametrize(
    "y, message",
    [
        (np.array([0, 1, 2, 1]), r"labels 0 and 1 only; y\[2\] is 2"),
        (np.array([0, 1, np.nan, 1]), r"labels 0 and 1 only; y\[2\] is nan"),
        (np.array([-1, 1, 1, -1]), r"labels 0 and 1 only; y\[0\] is -1"),
        (np.array([0, 1, 1]), r"y has shape \(3,\); expected \(4,\)"),
        (np.array([[0, 1, 1, 0]]), r"y has shape \(1, 4\); expected \(4,\)"),
        (np.array(["a", "b", "a", "b"]), r"labels 0 and 1, got dtype"),
    ],
)
def test_bad_labels_are_refused_with_what_was_expected(y, message):
    X, _ = bp.xor()
    with pytest.raises(ValueError, match=message):
        bp.Perceptron(2).train(X, y, epochs=1)


def test_bad_inputs_and_settings_are_refused():
    X, Y = bp.xor()
    y = Y[0].astype(int)
    with pytest.raises(ValueError, match=r"X has shape \(4, 2\); expected \(2, m\) with examples as columns - pass X.T"):
        bp.Perceptron(2).train(X.T, y, epochs=1)
    with pytest.raises(ValueError, match="epochs must be a positive integer"):
        bp.Perceptron(2).train(X, y, epochs=0)
    with pytest.raises(ValueError, match="learning_rate must be a positive number"):
        bp.Perceptron(2).train(X, y, epochs=1, learning_rate=-1)
    with pytest.raises(ValueError, match="n_inputs must be a positive integer"):
        bp.Perceptron(0)


def test_iris_loader_selects_classes_and_features_as_columns():
    data = bp.iris()
    assert data.X.shape == (4, 150) and data.y.shape == (150,)
    np.testing.assert_array_equal(np.bincount(data.y), [50, 50, 50])
    X, y, features, classes = bp.iris(classes=("versicolor", "setosa"), features=("petal length", "sepal width"))
    assert X.shape == (2, 100) and features == ("petal length", "sepal width") and classes == ("versicolor", "setosa")
    np.testing.assert_array_equal(np.bincount(y), [50, 50])
    # relabelled in the order given, and the rows are the features asked for
    np.testing.assert_array_equal(X[0], data.X[2][np.isin(data.y, (0, 1))])
    assert (X[0][y == 1] < 2.5).all()  # setosa (now 1) has short petals
    with pytest.raises(ValueError, match="iris class names must be distinct"):
        bp.iris(classes=("setosa", "rose"))
    with pytest.raises(ValueError, match="iris feature names must be distinct"):
        bp.iris(features=("petal length", "petal length"))
