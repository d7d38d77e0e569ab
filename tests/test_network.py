import autograd
import autograd.numpy as anp
import numpy as np
import pytest

import backprop as bp
from _shared import assert_same_gradients

ARCHITECTURES = [
    ([3, 1], "sigmoid", None),
    ([2, 4, 1], "sigmoid", None),
    ([4, 5, 3], "tanh", "sigmoid"),
    ([3, 6, 5, 2], "relu", "identity"),
    ([5, 4, 4, 4, 3], "tanh", "identity"),
]


def make(sizes, activation, output, rng, bias=True):
    net = bp.Network(sizes, activation=activation, output=output, rng=rng)
    if bias:  # non-zero biases so their gradients are exercised at a generic point
        for b in net.biases:
            b[...] = 0.5 * rng.standard_normal(b.shape)
    return net


def data(net, m, rng):
    return rng.standard_normal((net.sizes[0], m)), rng.uniform(0, 1, (net.sizes[-1], m))


@pytest.mark.parametrize("sizes,activation,output", ARCHITECTURES)
@pytest.mark.parametrize("m", [1, 5])
def test_gradients_match_central_differences(sizes, activation, output, m, rng):
    net = make(sizes, activation, output, rng)
    X, Y = data(net, m, rng)
    errors = bp.check_gradients(net, X, Y)
    assert set(errors) == {f"{p}{l}" for l in range(1, len(sizes)) for p in "Wb"}
    assert max(errors.values()) < 1e-6, errors


@pytest.mark.parametrize("dtype,tol", [(np.float64, 1e-7), (np.float32, 1e-5)])
def test_gradient_in_random_directions_on_a_wider_network(dtype, tol, rng):
    """<grad C, v> against (C(p + eps v) - C(p - eps v)) / (2 eps), all parameters at once."""
    net = bp.Network([20, 30, 25, 10], activation="tanh", output="sigmoid", rng=rng, dtype=dtype)
    X, Y = rng.standard_normal((20, 16)), rng.uniform(size=(10, 16))
    grads = net.backprop(X, Y)
    params = net.weights + net.biases
    flat_grad = np.concatenate([g.ravel() for g in grads.weights + grads.biases]).astype(np.float64)
    ref = net.astype(np.float64)
    eps = 1e-5
    for _ in range(5):
        v = [rng.standard_normal(p.shape) for p in params]
        def cost_at(t):
            moved = ref.copy()
            moved.weights = [W + t * d for W, d in zip(ref.weights, v[: len(ref.weights)])]
            moved.biases = [b + t * d for b, d in zip(ref.biases, v[len(ref.weights):])]
            return moved.cost(X, Y)
        numeric = (cost_at(eps) - cost_at(-eps)) / (2 * eps)
        analytic = flat_grad @ np.concatenate([d.ravel() for d in v])
        assert analytic == pytest.approx(numeric, rel=tol)


def test_no_overflow_and_no_nan_for_huge_inputs(rng):
    # Warnings are errors in this suite (pyproject), so any overflow fails here.
    for act in ["sigmoid", "tanh", "relu"]:
        net = bp.Network([3, 4, 2], activation=act, output="sigmoid", rng=rng)
        X = np.array([[1e3, -1e3, 0.0], [-1e3, 1e3, 5.0], [1e3, 1e3, -5.0]])
        Y = rng.uniform(size=(2, 3))
        grads = net.backprop(X, Y)
        assert np.isfinite(net.cost(X, Y))
        assert all(np.isfinite(g).all() for g in grads.weights + grads.biases)


# -- an independent reference: autograd, from PyPI --------------------------

AG_ACT = {
    "sigmoid": lambda z: 1 / (1 + anp.exp(-z)),
    "tanh": anp.tanh,
    "relu": lambda z: anp.maximum(z, 0),
    "identity": lambda z: z,
}


def autograd_cost(params, X, Y, acts):
    A = X
    for (W, b), act in zip(params, acts):
        A = AG_ACT[act](anp.dot(W, A) + b)
    return 0.5 * anp.sum((A - Y) ** 2) / X.shape[1]


@pytest.mark.parametrize("sizes,activation,output", ARCHITECTURES)
@pytest.mark.parametrize("m", [1, 7])
def test_gradients_match_autograd(sizes, activation, output, m, rng):
    net = make(sizes, activation, output, rng)
    X, Y = data(net, m, rng)
    acts = [a.name for a in net.activations]
    params = list(zip(net.weights, net.biases))
    ref = autograd.grad(autograd_cost)(params, X, Y, acts)
    assert net.cost(X, Y) == pytest.approx(autograd_cost(params, X, Y, acts), rel=1e-14)
    assert_same_gradients(net.backprop(X, Y), ref, atol=1e-14)


def test_autograd_comparison_catches_a_wrong_derivative(rng):
    """Negative test: the reference above is not blind to a slip in sigma'."""

    class ForgetfulSigmoid(bp.Sigmoid):
        def derivative(self, z, a=None):
            return bp.sigmoid(z)  # sigma instead of sigma (1 - sigma)

    net = make([3, 4, 2], ForgetfulSigmoid(), None, rng)
    X, Y = data(net, 5, rng)
    params = list(zip(net.weights, net.biases))
    ref = autograd.grad(autograd_cost)(params, X, Y, ["sigmoid", "sigmoid"])
    grads = net.backprop(X, Y)
    for l, (gW, gb) in enumerate(ref):
        assert not np.allclose(grads.weights[l], gW, rtol=1e-10, atol=1e-14)
        assert bp.relative_error(grads.biases[l], gb) > 0.1


def test_batched_gradient_is_mean_of_per_example_gradients(rng):
    net = make([3, 5, 2], "sigmoid", None, rng)
    X, Y = data(net, 6, rng)
    batched = net.backprop(X, Y)
    singles = [net.backprop(X[:, k], Y[:, k]) for k in range(6)]
    for l in range(2):
        np.testing.assert_allclose(batched.weights[l], np.mean([g.weights[l] for g in singles], axis=0), rtol=1e-12)
        np.testing.assert_allclose(batched.biases[l], np.mean([g.biases[l] for g in singles], axis=0), rtol=1e-12)


def test_gradients_equal_the_books_two_layer_formulas(rng):
    """delta2 = (a2 - y) * s'(z2), dW2 = delta2 a1^T, ..., one example at a time."""
    net = make([3, 4, 2], "sigmoid", None, rng)
    X, Y = data(net, 5, rng)
    W1, W2 = net.weights
    b1, b2 = net.biases
    s = bp.sigmoid
    ds = lambda z: s(z) * (1 - s(z))  # noqa: E731
    sums = [np.zeros_like(p) for p in (W1, b1, W2, b2)]
    for k in range(5):
        x, y = X[:, [k]], Y[:, [k]]
        z1 = W1 @ x + b1
        a1 = s(z1)
        z2 = W2 @ a1 + b2
        a2 = s(z2)
        d2 = (a2 - y) * ds(z2)
        d1 = (W2.T @ d2) * ds(z1)
        for acc, g in zip(sums, (d1 @ x.T, d1, d2 @ a1.T, d2)):
            acc += g / 5
    g = net.backprop(X, Y)
    for got, want in zip((g.weights[0], g.biases[0], g.weights[1], g.biases[1]), sums):
        np.testing.assert_allclose(got, want, rtol=1e-12)


def test_backprop_is_the_vjp_chain(rng):
    """Pulling dC/dA^L back block by block gives every gradient backprop gives."""
    net = make([4, 6, 5, 3], "tanh", "sigmoid", rng)
    X, Y = data(net, 8, rng)
    blocks = net.blocks()
    xs = bp.Chain(blocks).inputs(X)
    g = net.cost_function.gradient(xs[-1], Y)
    grads_w, grads_b = [], []
    for block, x in zip(reversed(blocks), reversed(xs[:-1])):
        if isinstance(block, bp.Affine):
            gW, gb = block.parameter_vjp(x, g)
            grads_w.insert(0, gW)
            grads_b.insert(0, gb)
        g = block.vjp(x, g)
    ref = net.backprop(X, Y)
    for l in range(3):
        np.testing.assert_allclose(ref.weights[l], grads_w[l], rtol=1e-13)
        np.testing.assert_allclose(ref.biases[l], grads_b[l], rtol=1e-13)


def test_input_gradient_from_the_vjp_chain_matches_differences(rng):
    net = make([4, 6, 3], "sigmoid", None, rng)
    x, y = data(net, 1, rng)
    chain = bp.Chain(net.blocks())
    u = net.cost_function.gradient(chain(x), y)
    numeric = bp.numerical_gradient(lambda t: net.cost(t, y), x)
    np.testing.assert_allclose(chain.vjp(x, u), numeric, rtol=1e-7, atol=1e-10)


def test_forward_returns_everything_and_stores_nothing(rng):
    net = bp.Network([3, 4, 2], rng=rng)
    before = dict(vars(net))
    X = rng.standard_normal((3, 5))
    zs, acts = net.forward(X)
    assert [z.shape for z in zs] == [(4, 5), (2, 5)]
    assert [a.shape for a in acts] == [(3, 5), (4, 5), (2, 5)]
    np.testing.assert_array_equal(acts[0], X)
    assert vars(net).keys() == before.keys()
    np.testing.assert_array_equal(net.predict(X), acts[-1])


def test_one_dimensional_input_is_one_column(rng):
    net = bp.Network([3, 2], rng=rng)
    x = rng.standard_normal(3)
    assert net.predict(x).shape == (2, 1)
    g = net.backprop(x, np.array([0.0, 1.0]))
    assert [w.shape for w in g.weights] == [(2, 3)] and [b.shape for b in g.biases] == [(2, 1)]


def test_initialisation_is_seeded_and_scaled():
    a = bp.Network([400, 300, 10], rng=7)
    b = bp.Network([400, 300, 10], rng=np.random.default_rng(7))
    for Wa, Wb in zip(a.weights, b.weights):
        np.testing.assert_array_equal(Wa, Wb)
    assert a.weights[0].std() == pytest.approx(1 / np.sqrt(400), rel=0.02)
    assert bp.Network([400, 300], activation="relu", rng=0).weights[0].std() == pytest.approx(np.sqrt(2 / 400), rel=0.02)
    assert all((b == 0).all() for b in a.biases)


def test_astype_copies_and_converts(rng):
    net = bp.Network([3, 4, 2], rng=rng, dtype=np.float32)
    wide = net.astype(np.float64)
    assert wide.dtype == np.float64 and all(W.dtype == np.float64 for W in wide.weights + wide.biases)
    wide.weights[0][0, 0] += 1.0
    assert net.weights[0][0, 0] != wide.weights[0][0, 0]  # independent
    assert net.copy().weights[0] is not net.weights[0]
    with pytest.raises(ValueError, match="dtype must be float32 or float64"):
        net.astype(np.int64)


def test_float32_network_stays_float32(rng):
    net = bp.Network([5, 4, 3], rng=rng, dtype=np.float32)
    X, Y = rng.standard_normal((5, 6)), rng.uniform(size=(3, 6))
    g = net.backprop(X, Y)
    assert all(w.dtype == np.float32 for w in g.weights + g.biases)
    assert net.predict(X).dtype == np.float32
    ref = bp.check_gradients(net, X, Y)  # checked in float64 against the float32 gradients
    assert max(ref.values()) < 1e-5


def test_cost_is_mean_half_squared_error(rng):
    net = bp.Network([2, 3], rng=rng)
    X, Y = rng.standard_normal((2, 4)), rng.standard_normal((3, 4))
    A = net.predict(X)
    assert net.cost(X, Y) == pytest.approx(np.mean(0.5 * np.sum((Y - A) ** 2, axis=0)), rel=1e-14)


# -- bad input ------------------------------------------------------------------


@pytest.fixture
def net():
    return bp.Network([64, 10, 3], rng=0)


def test_transposed_input_gets_a_hint(net):
    with pytest.raises(ValueError, match=r"X has shape \(256, 64\); expected \(64, m\) with examples as columns - pass X.T"):
        net.predict(np.zeros((256, 64)))


@pytest.mark.parametrize(
    "X,message",
    [
        (np.zeros(5), r"X has shape \(5,\); expected \(64,\) for one example or \(64, m\)"),
        (np.zeros((2, 64, 1)), r"X has 3 dimensions; expected a \(64, m\) matrix"),
        (np.zeros((10, 5)), r"X has shape \(10, 5\); expected \(64, m\) with examples as columns$"),
        (np.zeros((64, 0)), r"no examples"),
        (np.array([["a"] * 3] * 64), r"X must be numeric"),
    ],
)
def test_wrong_inputs_are_rejected_with_what_was_expected(net, X, message):
    with pytest.raises(ValueError, match=message):
        net.forward(X)


def test_non_finite_values_are_rejected(net):
    X = np.zeros((64, 4))
    X[3, 2] = np.nan
    with pytest.raises(ValueError, match="X contains NaN or infinite values"):
        net.predict(X)
    Y = np.zeros((3, 4))
    Y[0, 0] = np.inf
    with pytest.raises(ValueError, match="Y contains NaN or infinite"):
        net.backprop(np.zeros((64, 4)), Y)


def test_mismatched_widths(net):
    with pytest.raises(ValueError, match=r"X has 4 examples \(columns\) but Y has 5"):
        net.backprop(np.zeros((64, 4)), np.zeros((3, 5)))
    with pytest.raises(ValueError, match=r"Y has shape \(4, 4\); expected \(3, m\)"):
        net.cost(np.zeros((64, 4)), np.zeros((4, 4)))


@pytest.mark.parametrize("sizes", [[3], [], [3, 0, 1], [3, 2.5], "34"])
def test_bad_sizes(sizes):
    with pytest.raises(ValueError, match="sizes must list at least two positive integers"):
        bp.Network(sizes)


def test_bad_cost_dtype_and_rng():
    with pytest.raises(ValueError, match=r"unknown cost 'mse'; expected one of 'quadratic'"):
        bp.Network([2, 1], cost="mse")
    with pytest.raises(ValueError, match="dtype must be float32 or float64"):
        bp.Network([2, 1], dtype=np.int32)
    with pytest.raises(ValueError, match="rng must be an int seed"):
        bp.Network([2, 1], rng="seed")
