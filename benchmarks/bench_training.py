"""One epoch of mini-batch SGD: backprop.sgd against a bare NumPy loop and PyTorch.

The task: a 784-128-10 sigmoid network, quadratic cost (mean over the batch
of half the squared error), float32, batches of 64, 10,000 synthetic
examples reshuffled every epoch.  All contenders run in this one process, on
the same data, in blocks of consecutive epochs that take turns, and the
best epoch of each is compared.  Before timing, one epoch from identical weights and an identical
shuffle checks that the NumPy contenders compute the same thing.

Run:  make bench      (or .venv/bin/python benchmarks/bench_training.py)
PyTorch is used when it is installed (pip install torch); it is not a
dependency of the project.
"""

from __future__ import annotations

import argparse
import os
import time

# Sharing one process and two cores, PyTorch's OpenMP workers spin-wait
# after each parallel region and slow whatever runs next (measured here: the
# NumPy contenders at times took twice as long, and medians drifted far from
# the best epochs).  Passive waiting lets every contender have the cores to
# itself; set OMP_WAIT_POLICY yourself to compare.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import numpy as np  # noqa: E402

import backprop as bp  # noqa: E402

SIZES = [784, 128, 10]


def make_data(m, rng):
    """Examples as rows, the way data sets usually arrive: (m, 784), (m, 10)."""
    X_rows = rng.random((m, SIZES[0]), dtype=np.float32)
    Y_rows = np.zeros((m, SIZES[-1]), dtype=np.float32)
    Y_rows[np.arange(m), rng.integers(0, SIZES[-1], m)] = 1
    return X_rows, Y_rows


def bp_epoch(net, X, Y, batch, eta, seed):
    bp.sgd(net, X, Y, epochs=1, batch_size=batch, learning_rate=eta, rng=seed)


def bare_epoch(params, X_rows, Y_rows, batch, eta, seed):
    """The same epoch written directly in NumPy: no checks, no abstractions."""
    W1, b1, W2, b2 = params
    order = np.random.default_rng(seed).permutation(X_rows.shape[0])
    for start in range(0, len(order), batch):
        idx = order[start : start + batch]
        x, y = X_rows[idx].T, Y_rows[idx].T
        m = x.shape[1]
        a1 = 1 / (1 + np.exp(-(W1 @ x + b1)))
        a2 = 1 / (1 + np.exp(-(W2 @ a1 + b2)))
        d2 = (a2 - y) * a2 * (1 - a2) / m
        d1 = (W2.T @ d2) * a1 * (1 - a1)
        W2 -= eta * (d2 @ a1.T)
        b2 -= eta * d2.sum(axis=1, keepdims=True)
        W1 -= eta * (d1 @ x.T)
        b1 -= eta * d1.sum(axis=1, keepdims=True)


def bookkeeping(batch, eta, m=10_000, sizes=(4, 3, 2), repeats=20):
    """backprop.sgd's own time per batch: both loops on a network too small for arithmetic to count."""
    rng = np.random.default_rng(2)
    X_rows = rng.random((m, sizes[0]), dtype=np.float32)
    Y_rows = np.eye(sizes[-1], dtype=np.float32)[rng.integers(0, sizes[-1], m)]
    net = bp.Network(list(sizes), rng=3, dtype=np.float32)
    params = [p.copy() for pair in zip(net.weights, net.biases) for p in pair]
    best = {}
    for name, run in [("ours", lambda: bp_epoch(net, X_rows.T, Y_rows.T, batch, eta, 0)),
                      ("bare", lambda: bare_epoch(params, X_rows, Y_rows, batch, eta, 0))]:
        times = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            run()
            times.append(time.perf_counter() - t0)
        best[name] = min(times)
    batches = -(-m // batch)
    return (f"bookkeeping: backprop.sgd's own time per batch (a {'-'.join(map(str, sizes))} network, "
            f"best of {repeats} epochs): {(best['ours'] - best['bare']) / batches * 1e6:.1f} us, "
            f"{(best['ours'] - best['bare']) * 1e3:.2f} ms over an epoch's {batches} batches")


def torch_setup(net, X, Y):
    import torch

    model = torch.nn.Sequential(
        torch.nn.Linear(SIZES[0], SIZES[1]), torch.nn.Sigmoid(), torch.nn.Linear(SIZES[1], SIZES[2]), torch.nn.Sigmoid()
    )
    with torch.no_grad():
        for layer, W, b in zip((model[0], model[2]), net.weights, net.biases):
            layer.weight.copy_(torch.from_numpy(W))
            layer.bias.copy_(torch.from_numpy(b.ravel()))
    return model, torch.from_numpy(np.ascontiguousarray(X.T)), torch.from_numpy(np.ascontiguousarray(Y.T))


def torch_epoch(state, batch, eta, seed):
    import torch

    model, X_rows, Y_rows = state
    opt = torch.optim.SGD(model.parameters(), lr=eta)
    order = torch.from_numpy(np.random.default_rng(seed).permutation(X_rows.shape[0]))
    for start in range(0, len(order), batch):
        idx = order[start : start + batch]
        x, y = X_rows[idx], Y_rows[idx]
        loss = 0.5 * ((model(x) - y) ** 2).sum() / x.shape[0]
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--epochs", type=int, default=4, help="consecutive timed epochs in each block")
    parser.add_argument("--rounds", type=int, default=8, help="blocks per contender, interleaved")
    parser.add_argument("--eta", type=float, default=0.5)
    parser.add_argument("--blas-threads", type=int, default=1,
                        help="BLAS threads for the NumPy contenders (0: NumPy's default)")
    args = parser.parse_args()
    # One BLAS thread by default: what separates the two NumPy contenders is
    # the bookkeeping around the same matrix products, and on a 2-core
    # machine two threads each put the other core's noise into every
    # product (best epochs measured here swung the ratio from 1.04 to 1.8
    # between identical runs).
    if args.blas_threads:
        from threadpoolctl import threadpool_limits

        threadpool_limits(limits=args.blas_threads, user_api="blas")
    print(f"BLAS threads: {args.blas_threads or 'NumPy default'}")

    rng = np.random.default_rng(0)
    X_rows, Y_rows = make_data(args.examples, rng)
    # Converted at the boundary, as the package asks: examples become columns.
    # X is a (784, m) view of the same memory the bare loop reads.
    X, Y = X_rows.T, Y_rows.T
    net = bp.Network(SIZES, rng=1, dtype=np.float32)
    params = [p.copy() for pair in zip(net.weights, net.biases) for p in pair]
    params_again = [p.copy() for p in params]

    # Same start, same shuffle: the two NumPy versions must agree.
    check = net.copy()
    bp_epoch(check, X, Y, args.batch, args.eta, seed=99)
    twin = [p.copy() for p in params]
    bare_epoch(twin, X_rows, Y_rows, args.batch, args.eta, seed=99)
    gap = max(np.abs(a - b).max() for a, b in zip([check.weights[0], check.biases[0], check.weights[1], check.biases[1]], twin))
    print(f"backprop.sgd vs bare loop after one epoch: largest weight difference {gap:.1e} (float32)")
    assert gap < 1e-4, gap

    contenders = {
        "backprop.sgd": lambda seed: bp_epoch(net, X, Y, args.batch, args.eta, seed),
        "bare NumPy loop": lambda seed: bare_epoch(params, X_rows, Y_rows, args.batch, args.eta, seed),
        # The same loop on its own copy of the weights: how far two identical
        # contenders land apart on this machine, the resolution of the ratios.
        "bare NumPy loop, again": lambda seed: bare_epoch(params_again, X_rows, Y_rows, args.batch, args.eta, seed),
    }
    try:
        import torch

        state = torch_setup(net, X, Y)
        # Give PyTorch its better thread count on this machine (small
        # matrices often run faster on one thread than on two).
        trial = {}
        for threads in sorted({1, torch.get_num_threads()}):
            torch.set_num_threads(threads)
            torch_epoch(state, args.batch, args.eta, 0)
            t0 = time.perf_counter()
            torch_epoch(state, args.batch, args.eta, 0)
            trial[threads] = time.perf_counter() - t0
        torch.set_num_threads(min(trial, key=trial.get))
        contenders[f"PyTorch {torch.__version__} eager"] = lambda seed: torch_epoch(state, args.batch, args.eta, seed)
        print("PyTorch threads: " + ", ".join(f"{k}: {v * 1e3:.0f} ms" for k, v in trial.items())
              + f" for a trial epoch; using {torch.get_num_threads()}")
    except ImportError:
        print("PyTorch is not installed: comparing with the bare NumPy loop only")
    print(f"OMP_WAIT_POLICY={os.environ['OMP_WAIT_POLICY']}")

    # Each contender runs a block of consecutive epochs, and the blocks take
    # turns.  Epoch by epoch interleaving would charge each contender for the
    # one before it (PyTorch's OpenMP threads keep spinning after it returns).
    times = {name: [] for name in contenders}
    seed = 0
    for _ in range(args.rounds):
        for name, run in contenders.items():
            for _ in range(args.epochs):
                seed += 1
                t0 = time.perf_counter()
                run(seed)
                times[name].append(time.perf_counter() - t0)

    best = {name: min(t) for name, t in times.items()}
    ours = best["backprop.sgd"]
    print(f"\none epoch: {args.examples} examples, batch {args.batch}, sizes {SIZES}, float32; "
          f"best of {args.rounds} x {args.epochs} epochs (median in brackets)")
    for name, t in best.items():
        print(f"  {name:<24} {t * 1e3:8.1f} ms  ({np.median(times[name]) * 1e3:.1f})  ratio to backprop.sgd {t / ours:5.2f}")
    bare = best["bare NumPy loop"]
    print(f"\nbackprop.sgd / bare loop = {ours / bare:.3f}   (target: at most 1.05; the bare loop against "
          f"itself: {best['bare NumPy loop, again'] / bare:.3f})")
    print(bookkeeping(args.batch, args.eta))
    for name, t in best.items():
        if name.startswith("PyTorch"):
            print(f"{name} / backprop.sgd = {t / ours:.2f}   (target: at least 2)")

    # The same epoch when X arrives as a C-ordered (784, m) array: sgd then
    # copies it once per call into one-example-per-row layout.
    X_c, Y_c = np.ascontiguousarray(X), np.ascontiguousarray(Y)
    t_c = []
    for epoch in range(args.epochs * args.rounds):
        t0 = time.perf_counter()
        bp_epoch(net, X_c, Y_c, args.batch, args.eta, epoch)
        t_c.append(time.perf_counter() - t0)
    print(f"backprop.sgd with a C-ordered (784, m) X: {min(t_c) * 1e3:.1f} ms "
          f"(+{(min(t_c) - ours) * 1e3:.1f} ms for the one copy per call)")


if __name__ == "__main__":
    main()
