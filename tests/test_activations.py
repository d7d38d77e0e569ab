import numpy as np
import pytest

import backprop as bp

ACTS = ["sigmoid", "tanh", "relu", "identity"]


def points(rng, n=7):
    z = rng.standard_normal(n) * 3
    return z[np.abs(z) > 1e-3]  # keep away from ReLU's kink


@pytest.mark.parametrize("name", ACTS)
def test_derivative_matches_central_differences(name, rng):
    act = bp.get_activation(name)
    z = points(rng)
    numeric = np.diag(bp.numerical_jacobian(act, z))
    np.testing.assert_allclose(act.derivative(z), numeric, rtol=1e-7, atol=1e-9)


@pytest.mark.parametrize("name", ACTS)
def test_jacobian_is_diagonal_and_matches_numerical(name, rng):
    act = bp.get_activation(name)
    z = points(rng)
    J = act.jacobian(z)
    np.testing.assert_allclose(J, bp.numerical_jacobian(act, z), atol=1e-8)
    np.testing.assert_array_equal(J - np.diag(np.diag(J)), 0)


@pytest.mark.parametrize("name", ACTS)
def test_vjp_and_jvp_are_hadamard_products_with_the_diagonal(name, rng):
    act = bp.get_activation(name)
    z = points(rng)
    u = rng.standard_normal(z.shape)
    J = act.jacobian(z)
    np.testing.assert_allclose(act.vjp(z, u), J.T @ u, rtol=1e-14, atol=1e-15)
    np.testing.assert_allclose(act.jvp(z, u), J @ u, rtol=1e-14, atol=1e-15)


def test_sigmoid_is_stable_at_large_inputs():
    # pytest turns warnings into errors (pyproject), so an overflow would fail here.
    z = np.array([-1000.0, -50.0, 0.0, 50.0, 1000.0])
    s = bp.sigmoid(z)
    assert np.isfinite(s).all()
    np.testing.assert_allclose(s, [0.0, np.exp(-50.0), 0.5, 1.0, 1.0], rtol=1e-12, atol=0)
    assert bp.sigmoid(np.float32(-1000)).dtype == np.float32
    assert np.isfinite(bp.Sigmoid().derivative(z)).all()


def test_sigmoid_matches_the_textbook_formula_where_that_is_safe(rng):
    z = rng.uniform(-30, 30, 1000)
    np.testing.assert_allclose(bp.sigmoid(z), 1 / (1 + np.exp(-z)), rtol=1e-14)


def test_unknown_activation_names_the_choices():
    with pytest.raises(ValueError, match=r"unknown activation 'softplus'.*'sigmoid'.*'relu'"):
        bp.get_activation("softplus")
    with pytest.raises(ValueError, match="unknown activation"):
        bp.Network([2, 1], activation=3)
