import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import backprop as bp  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def bowl(w):
    return float(w[0] ** 2 + 3 * w[1] ** 2)


def bowl_grad(w):
    return np.array([2 * w[0], 6 * w[1]])


def test_surface_draws_on_the_given_axes_and_returns_them():
    ax = plt.figure().add_subplot(projection="3d")
    path = np.array([[1.0, 1.0], [0.5, 0.2], [0.1, 0.0]])
    out = bp.plot_surface(bowl, (-1, 1), (-1, 1), path=path, grad=bowl_grad, n=10, arrows=4, ax=ax)
    assert out is ax
    assert len(ax.collections) == 2  # the surface and the arrows
    (line,) = ax.lines
    np.testing.assert_allclose(line.get_data_3d()[2], [bowl(p) for p in path])


def test_contour_arrows_point_downhill_with_unit_length():
    ax = bp.plot_contour(bowl, (-1, 1), (-1, 1), grad=bowl_grad, n=20, arrows=5)
    quiver = [c for c in ax.collections if isinstance(c, matplotlib.quiver.Quiver)][0]
    U, V = quiver.U, quiver.V
    np.testing.assert_allclose(np.hypot(U, V)[np.hypot(U, V) > 0], 1.0, rtol=1e-9)
    X, Y = quiver.X, quiver.Y
    g = np.array([bowl_grad(np.array([x, y])) for x, y in zip(X, Y)])
    assert np.all(U * g[:, 0] + V * g[:, 1] <= 1e-12)  # never uphill


def test_loglog_labels_carry_the_fitted_slope():
    ax = bp.plot_loglog([1, 2, 4, 8], {"cubic": [1, 8, 64, 512]})
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"
    assert "slope 3.00" in ax.get_legend().get_texts()[0].get_text()


def test_history_and_decision_boundary():
    X, Y = bp.two_moons(60, rng=0)
    net = bp.Network([2, 4, 1], rng=0)
    history = bp.sgd(net, X, Y, epochs=3, batch_size=20, learning_rate=0.5, rng=0, validation=(X, Y))
    ax = bp.plot_history(history)
    assert [line.get_label() for line in ax.lines] == ["training cost", "validation cost"]
    np.testing.assert_allclose(ax.lines[0].get_ydata(), history.loss)
    ax = bp.plot_decision_boundary(net, X, Y, n=30)
    assert ax.collections  # regions, boundary and points


def test_decision_boundary_needs_two_inputs_and_one_output():
    with pytest.raises(ValueError, match=r"2 inputs and 1 output, got sizes \[3, 1\]"):
        bp.plot_decision_boundary(bp.Network([3, 1]), np.zeros((3, 2)), np.zeros((1, 2)))
