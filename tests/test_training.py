import numpy as np
import pytest

import backprop as bp


def test_sgd_learns_two_moons_and_records_history(capsys):
    X, Y = bp.two_moons(200, noise=0.1, rng=0)
    Xv, Yv = bp.two_moons(100, noise=0.1, rng=1)
    net = bp.Network([2, 16, 1], activation="tanh", output="sigmoid", rng=0)
    seen = []
    history = bp.sgd(
        net, X, Y, epochs=200, batch_size=16, learning_rate=1.0, rng=0,
        validation=(Xv, Yv), callback=lambda epoch, n, h: seen.append(epoch),
    )
    assert seen == list(range(200))
    assert len(history.loss) == len(history.val_loss) == len(history.val_accuracy) == 200
    assert history.loss[-1] < 0.1 * history.loss[0]
    assert bp.accuracy(net, X, Y) > 0.97
    assert history.val_accuracy[-1] > 0.95
    assert capsys.readouterr() == ("", "")  # library code prints nothing


def test_sgd_is_reproducible_and_shuffles():
    X, Y = bp.two_moons(64, rng=0)
    runs = []
    for seed in (3, 3, 4):
        net = bp.Network([2, 5, 1], rng=0)
        bp.sgd(net, X, Y, epochs=2, batch_size=8, learning_rate=0.5, rng=seed)
        runs.append(net.weights[0])
    np.testing.assert_array_equal(runs[0], runs[1])
    assert not np.array_equal(runs[0], runs[2])


def test_one_full_batch_step_is_one_gradient_step():
    X, Y = bp.xor()
    net = bp.Network([2, 3, 1], rng=0)
    before = net.copy()
    g = before.backprop(X, Y)
    history = bp.sgd(net, X, Y, epochs=1, batch_size=4, learning_rate=0.3, rng=0)
    for W, W0, gW in zip(net.weights, before.weights, g.weights):
        np.testing.assert_allclose(W, W0 - 0.3 * gW, rtol=1e-12)
    assert history.loss == [pytest.approx(before.cost(X, Y), rel=1e-12)]


def test_epoch_loss_weights_a_short_last_batch_by_its_size():
    X, Y = bp.xor()
    net = bp.Network([2, 3, 1], rng=0)
    twin = net.copy()
    order = np.random.default_rng(5).permutation(4)
    history = bp.sgd(net, X, Y, epochs=1, batch_size=3, learning_rate=0.1, rng=5)
    first, rest = order[:3], order[3:]
    c1 = twin.cost(X[:, first], Y[:, first])
    g = twin.backprop(X[:, first], Y[:, first])
    for W, gW in zip(twin.weights, g.weights):
        W -= 0.1 * gW
    for b, gb in zip(twin.biases, g.biases):
        b -= 0.1 * gb
    c2 = twin.cost(X[:, rest], Y[:, rest])
    assert history.loss[0] == pytest.approx((3 * c1 + c2) / 4, rel=1e-12)


def test_float32_training_stays_float32():
    X, Y = bp.two_moons(50, rng=0)
    net = bp.Network([2, 4, 1], rng=0, dtype=np.float32)
    bp.sgd(net, X, Y, epochs=2, batch_size=10, learning_rate=0.5, rng=0)
    assert all(p.dtype == np.float32 for p in net.weights + net.biases)


@pytest.mark.parametrize(
    "kwargs,message",
    [
        (dict(epochs=0, batch_size=2, learning_rate=0.1), "epochs must be a positive integer"),
        (dict(epochs=1.5, batch_size=2, learning_rate=0.1), "epochs must be a positive integer"),
        (dict(epochs=1, batch_size=0, learning_rate=0.1), "batch_size must be a positive integer"),
        (dict(epochs=1, batch_size=2, learning_rate=-1), "learning_rate must be a positive number"),
        (dict(epochs=1, batch_size=2, learning_rate="fast"), "learning_rate must be a positive number"),
    ],
)
def test_sgd_rejects_bad_settings(kwargs, message):
    X, Y = bp.xor()
    with pytest.raises(ValueError, match=message):
        bp.sgd(bp.Network([2, 2, 1]), X, Y, **kwargs)


def test_sgd_checks_shapes_before_training():
    X, Y = bp.xor()
    with pytest.raises(ValueError, match=r"X has shape \(4, 2\); expected \(2, m\) with examples as columns - pass X.T"):
        bp.sgd(bp.Network([2, 2, 1]), X.T, Y, epochs=1, batch_size=2, learning_rate=0.1)
    with pytest.raises(ValueError, match=r"Y has shape"):
        bp.sgd(bp.Network([2, 2, 1]), X, Y, epochs=1, batch_size=2, learning_rate=0.1, validation=(X, X))
    with pytest.raises(ValueError, match=r"validation must be a pair \(X_val, Y_val\)"):
        bp.sgd(bp.Network([2, 2, 1]), X, Y, epochs=1, batch_size=2, learning_rate=0.1, validation=X)


def test_datasets_shapes_and_labels():
    X, Y = bp.xor()
    assert X.shape == (2, 4) and Y.tolist() == [[0, 1, 1, 0]]
    X, Y = bp.two_moons(101, rng=0)
    assert X.shape == (2, 101) and Y.shape == (1, 101)
    assert Y.sum() == 50
    x, y = bp.line()
    np.testing.assert_array_equal(y, 2 * x + 1)
    with pytest.raises(ValueError, match="m must be an integer >= 2"):
        bp.two_moons(1)


def test_accuracy_for_one_and_several_outputs():
    net = bp.Network([2, 1], output="identity", rng=0)
    net.weights[0][...] = [[1.0, 0.0]]
    X = np.array([[0.0, 1.0, 2.0], [0.0, 0.0, 0.0]])
    assert bp.accuracy(net, X, np.array([[0, 1, 0]])) == pytest.approx(2 / 3)
    net2 = bp.Network([2, 2], output="identity", rng=0)
    net2.weights[0][...] = np.eye(2)
    assert bp.accuracy(net2, np.eye(2), np.eye(2)) == 1.0
    assert bp.accuracy(net2, np.eye(2), np.eye(2)[::-1]) == 0.0


def test_measure_helpers():
    assert bp.loglog_slope([1, 2, 4, 8], [3, 12, 48, 192]) == pytest.approx(2.0)
    p, log_c = bp.loglog_fit([1, 2, 4, 8], [3, 12, 48, 192])
    assert (p, log_c) == (pytest.approx(2.0), pytest.approx(np.log(3.0)))
    assert bp.best_time(lambda: None, repeat=2, min_time=0.001) > 0
    with pytest.raises(ValueError, match="positive arrays"):
        bp.loglog_slope([1, 2], [0, 1])


def test_history_prints_a_summary_not_every_epoch():
    X, Y = bp.xor()
    net = bp.Network([2, 4, 1], rng=0)
    history = bp.sgd(net, X, Y, epochs=300, batch_size=4, learning_rate=1.0, rng=0, validation=(X, Y))
    text = repr(history)
    assert text.startswith("History(300 epochs, cost ") and "val_accuracy" in text
    assert f"{history.loss[0]:.4g} -> {history.loss[-1]:.4g}" in text
    assert len(text) < 200 and len(history.loss) == 300  # the lists stay as they are
    assert repr(bp.History()) == "History(0 epochs, cost -, accuracy -)"


def test_sgd_is_silent_unless_a_progress_bar_is_asked_for(capsys):
    X, Y = bp.xor()
    bp.sgd(bp.Network([2, 3, 1], rng=0), X, Y, epochs=5, batch_size=4, learning_rate=1.0, rng=0)
    quiet = capsys.readouterr()
    assert quiet.out == "" and quiet.err == ""
    history = bp.sgd(bp.Network([2, 3, 1], rng=0), X, Y, epochs=5, batch_size=4, learning_rate=1.0, rng=0,
                     validation=(X, Y), progress=True)
    err = capsys.readouterr().err
    assert "sgd" in err and "5/5" in err
    assert f"cost={history.loss[-1]:.4g}" in err and "val_acc=" in err


def test_a_callback_that_returns_true_stops_training_after_that_epoch():
    X, Y = bp.xor()
    seen = []

    def stop_after_three(epoch, net, history):
        seen.append(epoch)
        return epoch == 2

    history = bp.sgd(bp.Network([2, 3, 1], rng=0), X, Y, epochs=50, batch_size=4, learning_rate=1.0, rng=0,
                     callback=stop_after_three)
    assert seen == [0, 1, 2] and len(history.loss) == 3
    # anything but True (None, a number) lets training go on
    history = bp.sgd(bp.Network([2, 3, 1], rng=0), X, Y, epochs=5, batch_size=4, learning_rate=1.0, rng=0,
                     callback=lambda epoch, net, history: 1)
    assert len(history.loss) == 5
