import numpy as np
import pytest

import backprop as bp


@pytest.fixture
def chain(rng):
    net = bp.Network([4, 6, 5, 3], activation="tanh", output="sigmoid", rng=rng)
    for b in net.biases:
        b[...] = rng.standard_normal(b.shape)
    return bp.Chain(net.blocks())


def test_chain_computes_what_the_network_computes(rng):
    net = bp.Network([4, 6, 3], rng=rng)
    X = rng.standard_normal((4, 9))
    np.testing.assert_allclose(bp.Chain(net.blocks())(X), net.predict(X), rtol=1e-15)


def test_product_of_jacobians_matches_central_differences(chain, rng):
    x = rng.standard_normal((4, 1))
    J = chain.jacobian(x)
    assert J.shape == (3, 4)
    np.testing.assert_allclose(J, bp.numerical_jacobian(chain, x), atol=1e-9)


def test_jvp_vjp_and_jacobian_agree(chain, rng):
    x = rng.standard_normal((4, 1))
    v = rng.standard_normal((4, 1))
    u = rng.standard_normal((3, 1))
    J = chain.jacobian(x)
    np.testing.assert_allclose(chain.jvp(x, v), J @ v, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(chain.vjp(x, u), J.T @ u, rtol=1e-12, atol=1e-14)
    y, pullback = bp.vjp(chain, x)
    np.testing.assert_allclose(pullback(u), J.T @ u, rtol=1e-12, atol=1e-14)
    y2, y_dot = bp.jvp(chain, x, v)
    np.testing.assert_array_equal(y, y2)
    np.testing.assert_allclose(y_dot, J @ v, rtol=1e-12, atol=1e-14)


def test_adjoint_identity(chain, rng):
    x = rng.standard_normal((4, 1))
    v = rng.standard_normal((4, 1))
    u = rng.standard_normal((3, 1))
    lhs = np.vdot(u, chain.jvp(x, v))
    rhs = np.vdot(chain.vjp(x, u), v)
    assert lhs == pytest.approx(rhs, rel=1e-12)


def test_chain_rule_jacobian_of_composition_is_product(rng):
    g = bp.Chain([bp.Affine(rng.standard_normal((5, 3)), rng.standard_normal((5, 1))), bp.Elementwise("tanh")])
    f = bp.Chain([bp.Affine(rng.standard_normal((2, 5))), bp.Elementwise("sigmoid")])
    x = rng.standard_normal((3, 1))
    J_fg = bp.numerical_jacobian(lambda t: f(g(t)), x)
    np.testing.assert_allclose(f.jacobian(g(x)) @ g.jacobian(x), J_fg, atol=1e-9)


def test_affine_on_a_1d_vector_does_not_broadcast(rng):
    W, b = rng.standard_normal((3, 2)), rng.standard_normal((3, 1))
    a = rng.standard_normal(2)
    assert bp.Affine(W, b)(a).shape == (3,)
    np.testing.assert_allclose(bp.Affine(W, b)(a), W @ a + b.ravel())


def test_affine_parameter_vjp_is_outer_product(rng):
    W = rng.standard_normal((3, 2))
    a, u = rng.standard_normal(2), rng.standard_normal(3)
    gW, gb = bp.Affine(W).parameter_vjp(a, u)
    np.testing.assert_allclose(gW, np.outer(u, a))
    np.testing.assert_allclose(gW, np.einsum("i,j->ij", u, a))
    np.testing.assert_allclose(gb, u.reshape(3, 1))
    # and against differences: d<u, W a + b>/dW
    numeric = bp.numerical_gradient(lambda Wt: u @ (Wt @ a), W)
    np.testing.assert_allclose(gW, numeric, atol=1e-9)


def test_numerical_jacobian_shape_and_linear_map_exactness(rng):
    A = rng.standard_normal((4, 6))
    J = bp.numerical_jacobian(lambda x: A @ x, rng.standard_normal(6))
    assert J.shape == (4, 6)
    np.testing.assert_allclose(J, A, atol=1e-9)


def test_numerical_gradient_keeps_the_shape(rng):
    x = rng.standard_normal((3, 2))
    g = bp.numerical_gradient(lambda t: np.sum(t**3), x)
    assert g.shape == x.shape
    np.testing.assert_allclose(g, 3 * x**2, rtol=1e-8)


def test_numerical_jacobian_catches_a_wrong_jacobian(rng):
    """Negative test: an off-by-a-factor derivative is far outside tolerance."""
    act = bp.Sigmoid()
    z = rng.standard_normal(5)
    wrong = np.diag(bp.sigmoid(z))  # sigma instead of sigma'
    assert not np.allclose(wrong, bp.numerical_jacobian(act, z), atol=1e-6)
    assert bp.relative_error(wrong, bp.numerical_jacobian(act, z)) > 0.1


def test_chain_needs_blocks_and_affine_needs_a_matrix():
    with pytest.raises(ValueError, match="at least one block"):
        bp.Chain([])
    with pytest.raises(ValueError, match=r"W has shape \(3,\); expected a \(n_out, n_in\) matrix"):
        bp.Affine(np.ones(3))
