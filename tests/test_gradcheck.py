import numpy as np
import pytest

import backprop as bp


class ForgetfulSigmoid(bp.Sigmoid):
    """A classic slip: sigma'(z) taken as sigma(z), dropping the (1 - sigma) factor."""

    def derivative(self, z, a=None):
        return bp.sigmoid(z)


def test_check_gradients_catches_a_wrong_activation_derivative(rng):
    net = bp.Network([3, 4, 2], activation=ForgetfulSigmoid(), rng=rng)
    X, Y = rng.standard_normal((3, 5)), rng.uniform(size=(2, 5))
    errors = bp.check_gradients(net, X, Y)
    assert min(errors.values()) > 0.1, errors


def test_check_gradients_catches_a_sum_instead_of_a_mean(rng):
    net = bp.Network([3, 4, 2], rng=rng)
    X, Y = rng.standard_normal((3, 5)), rng.uniform(size=(2, 5))
    good = net.backprop(X, Y)
    summed = bp.Gradients([5 * g for g in good.weights], [5 * g for g in good.biases])
    assert max(bp.check_gradients(net, X, Y, gradients=good).values()) < 1e-6
    assert min(bp.check_gradients(net, X, Y, gradients=summed).values()) == pytest.approx(4 / 6, rel=1e-4)


def test_check_gradients_catches_a_missing_bias_gradient(rng):
    net = bp.Network([3, 4, 2], rng=rng)
    X, Y = rng.standard_normal((3, 5)), rng.uniform(size=(2, 5))
    good = net.backprop(X, Y)
    no_bias = bp.Gradients(good.weights, [np.zeros_like(b) for b in good.biases])
    errors = bp.check_gradients(net, X, Y, gradients=no_bias)
    assert errors["W1"] < 1e-6 and errors["b1"] == pytest.approx(1.0)


def test_check_gradients_leaves_the_network_unchanged(rng):
    net = bp.Network([3, 4, 2], rng=rng)
    before = [W.copy() for W in net.weights]
    bp.check_gradients(net, rng.standard_normal((3, 2)), rng.uniform(size=(2, 2)))
    for W, W0 in zip(net.weights, before):
        np.testing.assert_array_equal(W, W0)


def test_relative_error():
    a = np.array([1.0, 2.0])
    assert bp.relative_error(a, a) == 0.0
    assert bp.relative_error(a, np.zeros(2)) == pytest.approx(1.0)
    assert bp.relative_error(a, -a) == pytest.approx(1.0)
    assert bp.relative_error(np.zeros(2), np.full(2, 1e-12)) < 1e-3  # both essentially zero
    with pytest.raises(ValueError, match=r"shapes \(2,\) and \(3,\)"):
        bp.relative_error(a, np.zeros(3))
