"""Softmax, log-softmax, cross-entropy and the classifiers built on them."""

import autograd
import autograd.numpy as anp
import numpy as np
import pytest

import backprop as bp
from _shared import assert_same_gradients


def classifier(sizes, rng, activation="sigmoid"):
    net = bp.Network(sizes, activation=activation, output="softmax", cost="cross_entropy", rng=rng)
    for b in net.biases:  # non-zero biases, so their gradients are exercised
        b[...] = 0.5 * rng.standard_normal(b.shape)
    return net


def targets(k, m, rng, soft=False):
    """One-hot columns, or (soft=True) arbitrary probability distributions."""
    if soft:
        Y = rng.uniform(size=(k, m))
        return Y / Y.sum(axis=0)
    return bp.one_hot(rng.integers(0, k, m), k)


# -- the functions ----------------------------------------------------------------


def test_softmax_columns_are_distributions_and_log_softmax_is_their_log(rng):
    Z = 3 * rng.standard_normal((5, 7))
    P = bp.softmax(Z)
    assert P.shape == (5, 7) and (P > 0).all()
    np.testing.assert_allclose(P.sum(axis=0), 1, rtol=1e-15)
    np.testing.assert_allclose(bp.log_softmax(Z), np.log(P), rtol=1e-13)
    # shift invariance per column: adding c_k to column k changes nothing
    np.testing.assert_allclose(bp.softmax(Z + rng.standard_normal(7)), P, rtol=1e-13)


def test_softmax_jacobian_matches_differences_and_the_formula(rng):
    z = rng.standard_normal(6)
    J = bp.Softmax().jacobian(z)
    np.testing.assert_allclose(J, bp.numerical_jacobian(bp.softmax, z), rtol=1e-7, atol=1e-10)
    p = bp.softmax(z)
    for i in range(6):
        for j in range(6):
            assert J[i, j] == pytest.approx(p[i] * ((i == j) - p[j]), rel=1e-14, abs=1e-17)
    assert not np.allclose(J, np.diag(np.diag(J)))  # not diagonal, unlike an element-wise activation
    np.testing.assert_allclose(J.sum(axis=0), 0, atol=1e-16)  # outputs always sum to 1


def test_log_softmax_jacobian_matches_differences(rng):
    z = rng.standard_normal(4)
    p = bp.softmax(z)
    np.testing.assert_allclose(
        bp.numerical_jacobian(bp.log_softmax, z), np.eye(4) - np.outer(np.ones(4), p), rtol=1e-7, atol=1e-10
    )


def test_softmax_jvp_and_vjp_equal_products_with_the_jacobian_column_by_column(rng):
    Z, U = rng.standard_normal((5, 3)), rng.standard_normal((5, 3))
    act = bp.Softmax()
    for k in range(3):
        J = act.jacobian(Z[:, k])
        np.testing.assert_allclose(act.jvp(Z, U)[:, k], J @ U[:, k], rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(act.vjp(Z, U)[:, k], J.T @ U[:, k], rtol=1e-12, atol=1e-15)


def test_softmax_has_no_elementwise_derivative():
    with pytest.raises(TypeError, match="not element-wise"):
        bp.Softmax().derivative(np.zeros(3))
    with pytest.raises(ValueError, match="not element-wise"):
        bp.Elementwise("softmax")


# -- cross-entropy ----------------------------------------------------------------------


def test_cross_entropy_gradient_through_softmax_is_p_minus_y(rng):
    Z, Y = rng.standard_normal((4, 6)), targets(4, 6, rng, soft=True)
    P = bp.softmax(Z)
    ce = bp.CrossEntropy()
    through_jacobian = bp.Softmax().vjp(Z, ce.gradient(P, Y))
    np.testing.assert_allclose(through_jacobian, (P - Y) / 6, rtol=1e-12, atol=1e-16)
    np.testing.assert_allclose(ce.output_delta(Z, P, Y, bp.Softmax()), (P - Y) / 6, rtol=1e-15)
    # and both are the gradient of C(Z) = -mean sum y log softmax(z), by differences
    numeric = bp.numerical_gradient(lambda z: ce.value(bp.softmax(z), Y, z), Z)
    np.testing.assert_allclose((P - Y) / 6, numeric, rtol=1e-6, atol=1e-10)


def test_cross_entropy_value_from_logits_and_from_probabilities_agree(rng):
    Z, Y = rng.standard_normal((3, 5)), targets(3, 5, rng)
    ce = bp.CrossEntropy()
    P = bp.softmax(Z)
    expected = -np.mean(np.log(P[Y.argmax(axis=0), np.arange(5)]))
    assert ce.value(P, Y, Z) == pytest.approx(expected, rel=1e-14)
    assert ce.value(P, Y) == pytest.approx(expected, rel=1e-14)


@pytest.mark.parametrize(
    "sizes,activation",
    [([3, 2], "sigmoid"), ([4, 5, 3], "sigmoid"), ([6, 4, 5, 10], "tanh"), ([3, 7, 4], "relu")],
)
@pytest.mark.parametrize("m,soft", [(1, False), (6, False), (6, True)])
def test_softmax_networks_pass_the_gradient_check(sizes, activation, m, soft, rng):
    net = classifier(sizes, rng, activation)
    X, Y = rng.standard_normal((sizes[0], m)), targets(sizes[-1], m, rng, soft)
    errors = bp.check_gradients(net, X, Y)
    assert max(errors.values()) < 1e-6, errors


def autograd_cross_entropy(params, X, Y):
    A = X
    for l, (W, b) in enumerate(params):
        Z = anp.dot(W, A) + b
        A = 1 / (1 + anp.exp(-Z)) if l < len(params) - 1 else Z
    log_p = Z - anp.log(anp.sum(anp.exp(Z), axis=0, keepdims=True))  # small logits: no shift needed
    return -anp.sum(Y * log_p) / X.shape[1]


@pytest.mark.parametrize("sizes", [[5, 3], [5, 6, 4], [8, 6, 5, 10]])
def test_classifier_gradients_match_autograd(sizes, rng):
    net = classifier(sizes, rng)
    X, Y = rng.standard_normal((sizes[0], 9)), targets(sizes[-1], 9, rng)
    params = list(zip(net.weights, net.biases))
    assert net.cost(X, Y) == pytest.approx(autograd_cross_entropy(params, X, Y), rel=1e-13)
    ref = autograd.grad(autograd_cross_entropy)(params, X, Y)
    assert_same_gradients(net.backprop(X, Y), ref, atol=1e-15)


def test_a_softmax_treated_as_elementwise_is_caught(rng):
    """Negative test: keeping only the diagonal p(1 - p) of the softmax Jacobian is wrong, and both checks see it."""

    class DiagonalOnly(bp.CrossEntropy):
        def output_delta(self, Z, A, Y, activation):
            return A * (1 - A) * self.gradient(A, Y)

    net = bp.Network([4, 5, 3], output="softmax", cost=DiagonalOnly(), rng=rng)
    X, Y = rng.standard_normal((4, 6)), targets(3, 6, rng)
    assert max(bp.check_gradients(net, X, Y).values()) > 0.1
    ref = autograd.grad(autograd_cross_entropy)(list(zip(net.weights, net.biases)), X, Y)
    assert bp.relative_error(net.backprop(X, Y).weights[-1], ref[-1][0]) > 0.1


# -- stability ------------------------------------------------------------------------------
# Warnings are errors in this suite (pyproject), so any overflow or log(0) fails here.


def test_softmax_and_log_softmax_of_huge_logits():
    Z = np.array([[1000.0, -1000.0, 0.0], [-1000.0, 1000.0, 0.0], [0.0, 0.0, 1000.0]])
    P = bp.softmax(Z)
    np.testing.assert_array_equal(P, np.eye(3)[:, [0, 1, 2]])
    log_P = bp.log_softmax(Z)
    assert np.isfinite(log_P).all()
    assert log_P[1, 0] == -2000.0 and log_P[0, 0] == 0.0


def test_cross_entropy_cost_and_gradients_are_finite_for_logits_of_1000(rng):
    net = bp.Network([2, 3], activation="identity", output="softmax", cost="cross_entropy", rng=rng)
    net.weights[0][...] = [[1000.0, 0.0], [-1000.0, 0.0], [0.0, 1000.0]]
    X = np.array([[1.0, -1.0], [0.0, 1.0]])  # logits (1000, -1000, 0) and (-1000, 1000, 1000)
    Y = bp.one_hot(np.array([1, 0]), 3)  # confidently wrong on both
    cost = net.cost(X, Y)
    assert cost == pytest.approx((2000 + (2000 + np.log(2))) / 2, rel=1e-12)
    grads = net.backprop(X, Y)
    assert all(np.isfinite(g).all() for g in grads.weights + grads.biases)
    right = bp.one_hot(np.array([0, 1]), 3)
    assert net.cost(X, right) == pytest.approx(np.log(2) / 2, rel=1e-12)


def test_cross_entropy_from_probabilities_with_zeros():
    ce = bp.CrossEntropy()
    P = np.array([[1.0, 0.5], [0.0, 0.5]])
    Y = np.array([[1.0, 0.0], [0.0, 1.0]])
    assert ce.value(P, Y) == pytest.approx(np.log(2) / 2)
    np.testing.assert_array_equal(ce.gradient(P, Y), [[-0.5, 0.0], [0.0, -1.0]])


# -- bad input ----------------------------------------------------------------------------------


def test_softmax_needs_cross_entropy_and_back():
    with pytest.raises(ValueError, match="a softmax output needs cost='cross_entropy', not 'quadratic'"):
        bp.Network([4, 3], output="softmax")
    with pytest.raises(ValueError, match="cost='cross_entropy' needs output='softmax'.*not 'sigmoid'"):
        bp.Network([4, 3], cost="cross_entropy")


def test_softmax_only_at_the_output_and_with_two_classes():
    with pytest.raises(ValueError, match="only offered for the output layer"):
        bp.Network([4, 5, 3], activation="softmax", cost="cross_entropy")
    with pytest.raises(ValueError, match="needs at least 2 units"):
        bp.Network([4, 1], output="softmax", cost="cross_entropy")


@pytest.mark.parametrize(
    "Y,message",
    [
        (np.array([[1.0, 0.0], [1.0, 1.0], [0.0, 0.0]]), r"column 0 has entries \[1\. 1\. 0\.\] summing to 2"),
        (np.array([[1.5, 0.0], [-0.5, 1.0], [0.0, 0.0]]), r"column 0 has entries .* summing to 1"),
        (np.array([[3.0, 0.0], [0.0, 1.0], [0.0, 0.0]]), "column 0 .* summing to 3"),
    ],
)
def test_targets_that_are_not_distributions_are_rejected(Y, message):
    net = bp.Network([2, 3], output="softmax", cost="cross_entropy", rng=0)
    with pytest.raises(ValueError, match="cross-entropy needs each column of Y to be a probability distribution"):
        net.backprop(np.zeros((2, 2)), Y)
    with pytest.raises(ValueError, match=message):
        net.cost(np.zeros((2, 2)), Y)


def test_labels_instead_of_one_hot_get_a_hint():
    net = bp.Network([2, 3], output="softmax", cost="cross_entropy", rng=0)
    with pytest.raises(ValueError, match=r"pass one-hot columns \(bp.one_hot\)"):
        bp.sgd(net, np.zeros((2, 3)), np.array([[0.0, 2.0, 1.0], [0, 0, 0], [0, 0, 0]]),
               epochs=1, batch_size=2, learning_rate=0.1)


# -- one-hot, confusion matrix, digits --------------------------------------------------------------


def test_one_hot():
    np.testing.assert_array_equal(bp.one_hot(np.array([2, 0, 1]), 4), [[0, 1, 0], [0, 0, 1], [1, 0, 0], [0, 0, 0]])
    assert bp.one_hot(np.array([1, 1])).shape == (2, 2)
    with pytest.raises(ValueError, match=r"labels must lie in 0..2"):
        bp.one_hot(np.array([0, 3]), 3)
    with pytest.raises(ValueError, match="1-D array of integers"):
        bp.one_hot(np.array([0.0, 1.0]))


def test_confusion_matrix_counts_true_against_predicted():
    net = bp.Network([3, 3], activation="identity", output="softmax", cost="cross_entropy", rng=0)
    net.weights[0][...] = np.eye(3)  # predicts the row of the largest input
    X = np.array([[5.0, 0, 0, 0, 5], [0, 5, 0, 5, 0], [0, 0, 5, 0, 0]])
    Y = bp.one_hot(np.array([0, 1, 2, 2, 1]), 3)
    counts = bp.confusion_matrix(net, X, Y)
    np.testing.assert_array_equal(counts, [[1, 0, 0], [1, 1, 0], [0, 1, 1]])
    assert np.trace(counts) / counts.sum() == bp.accuracy(net, X, Y) == 0.6


def test_digits_split_is_fixed_stratified_and_scaled():
    d = bp.digits()
    assert [a.shape for a in d] == [(64, 1347), (10, 1347), (64, 450), (10, 450)]
    for X in (d.X_train, d.X_test):
        assert X.min() == 0.0 and X.max() == 1.0
    for Y in (d.Y_train, d.Y_test):
        np.testing.assert_array_equal(Y.sum(axis=0), 1)
        assert set(np.unique(Y)) == {0.0, 1.0}
    per_class = d.Y_test.sum(axis=1) / (d.Y_test.sum(axis=1) + d.Y_train.sum(axis=1))
    np.testing.assert_allclose(per_class, 0.25, atol=0.005)
    again = bp.digits()
    np.testing.assert_array_equal(again.X_test, d.X_test)
    other = bp.digits(rng=1)
    assert not np.array_equal(other.X_test, d.X_test)
    # no test image is also a training image (compare as rows of bytes)
    train = {col.tobytes() for col in d.X_train.T}
    from sklearn.datasets import load_digits

    duplicated = len(load_digits().data) - len({row.tobytes() for row in load_digits().data})
    assert sum(col.tobytes() in train for col in d.X_test.T) <= duplicated


def test_digits_rejects_a_bad_fraction():
    with pytest.raises(ValueError, match="strictly between 0 and 1"):
        bp.digits(test_fraction=25)


def test_a_small_classifier_learns_the_digits():
    d = bp.digits()
    net = bp.Network([64, 32, 10], output="softmax", cost="cross_entropy", rng=0)
    history = bp.sgd(net, d.X_train, d.Y_train, epochs=20, batch_size=16, learning_rate=0.3, rng=0,
                     validation=(d.X_test, d.Y_test))
    assert history.loss[-1] < 0.1 * history.loss[0]
    assert len(history.accuracy) == 20 and history.accuracy[-1] > history.accuracy[0]
    assert history.val_accuracy[-1] > 0.93


def test_stratified_split_holds_out_a_share_of_every_class_and_keeps_the_rest():
    d = bp.digits()
    X_fit, Y_fit, X_val, Y_val = bp.stratified_split(d.X_train, d.Y_train, 0.25, rng=0)
    assert X_fit.shape[1] + X_val.shape[1] == d.X_train.shape[1]
    assert X_fit.shape[0] == X_val.shape[0] == 64 and Y_fit.shape[0] == Y_val.shape[0] == 10
    counts = d.Y_train.sum(axis=1)
    np.testing.assert_array_equal(Y_val.sum(axis=1), np.round(0.25 * counts))
    # together the two parts are the training set, each example exactly once
    together = np.concatenate([X_fit, X_val], axis=1)
    assert sorted(c.tobytes() for c in together.T) == sorted(c.tobytes() for c in d.X_train.T)
    again = bp.stratified_split(d.X_train, d.Y_train, 0.25, rng=0)
    np.testing.assert_array_equal(again[2], X_val)
    assert not np.array_equal(bp.stratified_split(d.X_train, d.Y_train, 0.25, rng=1)[2], X_val)


def test_stratified_split_rejects_bad_input():
    X, Y = np.zeros((3, 8)), bp.one_hot(np.arange(8) % 2, 2)
    for fraction in (0, 1, 1.5, True, "0.2"):
        with pytest.raises(ValueError, match="strictly between 0 and 1"):
            bp.stratified_split(X, Y, fraction)
    with pytest.raises(ValueError, match=r"X has shape \(3, 7\) and Y \(2, 8\)"):
        bp.stratified_split(X[:, :7], Y, 0.25)
