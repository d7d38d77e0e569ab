"""Chapter 7's comparison, with more repetitions: backprop.sgd against scikit-learn's MLPClassifier.

The task: the 8x8 digits (bp.digits, 1,347 training images), a 64-128-10
network with sigmoid hidden units, softmax output and cross-entropy cost,
trained for 100 epochs of plain mini-batch SGD (batch 16, learning rate
0.3, no momentum, no weight penalty, no early stopping), float64.  Both
contenders run in this one process on the same split, taking turns, and the
best of the repeats counts.  Test accuracy is reported for both, so a speed
difference cannot come from doing less work.

Target (issue 3): backprop.sgd at least as fast as MLPClassifier.

Run:  .venv/bin/python benchmarks/bench_digits.py [--repeat N]
"""

from __future__ import annotations

import argparse
import time
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier

import backprop as bp

HIDDEN, EPOCHS, BATCH, ETA = 128, 100, 16, 0.3


def train_backprop(data, seed):
    net = bp.Network([64, HIDDEN, 10], activation="sigmoid", output="softmax", cost="cross_entropy", rng=seed)
    bp.sgd(net, data.X_train, data.Y_train, epochs=EPOCHS, batch_size=BATCH, learning_rate=ETA, rng=seed)
    return bp.accuracy(net, data.X_test, data.Y_test)


def train_sklearn(data, seed):
    clf = MLPClassifier(
        hidden_layer_sizes=(HIDDEN,), activation="logistic", solver="sgd", learning_rate="constant",
        learning_rate_init=ETA, batch_size=BATCH, max_iter=EPOCHS, momentum=0.0, nesterovs_momentum=False,
        alpha=0.0, tol=0.0, n_iter_no_change=EPOCHS + 1, shuffle=True, random_state=seed,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf.fit(data.X_train.T, data.Y_train.argmax(axis=0))
    assert clf.n_iter_ == EPOCHS
    return clf.score(data.X_test.T, data.Y_test.argmax(axis=0))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    import sklearn

    data = bp.digits()
    contenders = {"backprop.sgd": train_backprop, f"MLPClassifier (scikit-learn {sklearn.__version__})": train_sklearn}
    times = {name: [] for name in contenders}
    accuracy = {name: [] for name in contenders}
    for r in range(args.repeat):
        for name, train in contenders.items():
            start = time.perf_counter()
            accuracy[name].append(train(data, seed=r))
            times[name].append(time.perf_counter() - start)
    print(f"{EPOCHS} epochs, batch {BATCH}, learning rate {ETA}, sizes [64, {HIDDEN}, 10], "
          f"{data.X_train.shape[1]} training images; best of {args.repeat} (median in brackets)")
    ours = min(times["backprop.sgd"])
    for name in contenders:
        best, median = min(times[name]), float(np.median(times[name]))
        print(f"  {name:40s} {best:6.3f} s ({median:.3f})  test accuracy {np.mean(accuracy[name]):.4f} "
              f"(range {min(accuracy[name]):.4f}-{max(accuracy[name]):.4f})  time / backprop.sgd {best / ours:.2f}")
    theirs = min(t for name, ts in times.items() if name != "backprop.sgd" for t in ts)
    print(f"\nMLPClassifier / backprop.sgd = {theirs / ours:.2f}   (target: at least 1)")


if __name__ == "__main__":
    main()
