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


def test_accuracy_curves_and_a_bad_metric():
    X, Y = bp.two_moons(60, rng=0)
    net = bp.Network([2, 4, 1], rng=0)
    history = bp.sgd(net, X, Y, epochs=3, batch_size=20, learning_rate=0.5, rng=0, validation=(X, Y))
    ax = bp.plot_history(history, "accuracy", labels=("training", "test"))
    assert [line.get_label() for line in ax.lines] == ["training accuracy", "test accuracy"]
    np.testing.assert_allclose(ax.lines[1].get_ydata(), history.val_accuracy)
    with pytest.raises(ValueError, match="metric must be 'cost' or 'accuracy'"):
        bp.plot_history(history, "loss")


def test_confusion_matrix_writes_every_nonzero_count():
    counts = np.array([[40, 2, 0], [0, 45, 1], [3, 0, 44]])
    ax = bp.plot_confusion_matrix(counts, class_names="abc")
    assert sorted(t.get_text() for t in ax.texts) == sorted(str(c) for c in counts.ravel() if c)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["a", "b", "c"]
    with pytest.raises(ValueError, match=r"expected a square \(k, k\) matrix"):
        bp.plot_confusion_matrix(np.zeros((2, 3)))


def test_digit_gallery_tiles_images_with_captions():
    rng = np.random.default_rng(0)
    X = rng.uniform(size=(64, 7))
    ax = bp.plot_digits(X, [f"#{k}" for k in range(7)], ncols=4)
    (image,) = ax.images
    mosaic = image.get_array()
    assert mosaic.shape == (2 * (8 + 5), 4 * (8 + 2))
    np.testing.assert_allclose(mosaic[13:21, 10:18], X[:, 5].reshape(8, 8))  # row 1, column 1
    assert [t.get_text() for t in ax.texts] == [f"#{k}" for k in range(7)]
    with pytest.raises(ValueError, match=r"X has shape \(63, 2\); expected \(64, k\)"):
        bp.plot_digits(np.zeros((63, 2)))
    with pytest.raises(ValueError, match="got 1 captions for 2 images"):
        bp.plot_digits(np.zeros((64, 2)), ["a"])
