"""Engine overhead: a recorded forward + backward pass vs bare NumPy, the stacked forward pass, start-up.

Goal: forward + backward + Trace for a 2-64-64-1 tanh network on a batch of 256 costs at most
1.25× a bare NumPy forward + backward that records nothing. Both run in this process, so the
ratio does not depend on the machine.

The stacked forward pass (``Network.forward_stacked``, k parameter sets at once) is timed against
the loss landscape's own batched evaluation on the landscape benchmark's grid (101×101 sets of a
2-16-16-1 tanh network, 1,000 points of ``circles``): goal ≤ 1.1× its time, equal to 1e-12.

    python benchmarks/engine.py
"""

from __future__ import annotations

import os

# One BLAS thread: on a busy 2-core machine, threaded matmuls of this size only add noise.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import timeit  # noqa: E402

import numpy as np  # noqa: E402

from nnviz.engine.init import random_network  # noqa: E402
from nnviz.runtime import keep_freed_memory  # noqa: E402

BATCH, SIZES = 256, [2, 64, 64, 1]


def bare_numpy(params, X, y):
    """The same computation with nothing recorded: tanh, tanh, sigmoid, BCE from logits."""
    (W1, b1), (W2, b2), (W3, b3) = params
    a1 = np.tanh(X @ W1 + b1)
    a2 = np.tanh(a1 @ W2 + b2)
    logits = a2 @ W3 + b3
    f = 1.0 / (1.0 + np.exp(-logits))
    loss = np.mean(np.maximum(logits, 0) - y * logits + np.log1p(np.exp(-np.abs(logits))))
    g3 = (f - y) / len(X)
    gW3, gb3 = a2.T @ g3, g3.sum(0)
    g2 = (g3 @ W3.T) * (1 - a2**2)
    gW2, gb2 = a1.T @ g2, g2.sum(0)
    g1 = (g2 @ W2.T) * (1 - a1**2)
    gW1, gb1 = X.T @ g1, g1.sum(0)
    return loss, (gW1, gb1, gW2, gb2, gW3, gb3)


def best_of(fn, number: int, repeat: int = 5) -> float:
    """The fastest of ``repeat`` runs of ``number`` calls: the least disturbed by other work."""
    return min(timeit.repeat(fn, number=number, repeat=repeat)) / number


def main() -> None:
    rng = np.random.default_rng(0)
    net = random_network(SIZES, "tanh", "sigmoid", seed=0)
    X = rng.normal(size=(BATCH, 2))
    y = (rng.uniform(size=(BATCH, 1)) > 0.5).astype(float)
    params = [(layer.W, layer.b) for layer in net.layers]

    # Same numbers first: the benchmark compares equal work.
    trace = net.backward(net.forward(X), y, "bce")
    loss, grads = bare_numpy(params, X, y)
    assert abs(trace.loss - loss) < 1e-12
    np.testing.assert_allclose(trace.layers[0].grad_W, grads[0], atol=1e-12)

    def measure() -> tuple[float, float]:
        bare, traced = float("inf"), float("inf")
        for _ in range(3):  # interleaved, so that both see the same machine
            bare = min(bare, best_of(lambda: bare_numpy(params, X, y), 200))
            traced = min(traced, best_of(lambda: net.backward(net.forward(X), y, "bce"), 200))
        return bare, traced

    print(f"engine: forward+backward+trace, 2-64-64-1 tanh, batch {BATCH}")
    for setting in ("glibc's default malloc", "freed memory kept (as the nnviz command does)"):
        if setting.startswith("freed"):
            keep_freed_memory()
        bare, traced = measure()
        ratio = traced / bare
        print(f"  {setting}:")
        print(f"    bare NumPy          {bare * 1e6:8.1f} µs")
        print(f"    nnviz (recorded)    {traced * 1e6:8.1f} µs")
        print(f"    ratio               {ratio:8.2f}×   (goal ≤ 1.25×: {'met' if ratio <= 1.25 else 'NOT met'})")

    stacked()

    cmd = [sys.executable, "-c", "from nnviz.cli import main; main()", "--help"]
    subprocess.run(cmd, capture_output=True, check=True)  # warm the file cache
    times = []
    for _ in range(5):
        start = timeit.default_timer()
        subprocess.run(cmd, capture_output=True, check=True)
        times.append(timeit.default_timer() - start)
    baseline = []
    for _ in range(5):
        start = timeit.default_timer()
        subprocess.run([sys.executable, "-c", "pass"], capture_output=True, check=True)
        baseline.append(timeit.default_timer() - start)
    print(f"  nnviz --help          {min(times) * 1e3:8.0f} ms   (python alone {min(baseline) * 1e3:.0f} ms;"
          f" goal < 300 ms: {'met' if min(times) < 0.3 else 'NOT met'})")


def cpu_best(fn, repeat: int = 3) -> float:
    """The least CPU time of ``repeat`` calls (CPU time stays honest when other processes share the cores)."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times)


def interleaved(first, second, rounds: int = 3) -> tuple[float, float]:
    """The best CPU times of two functions timed in turns, so that both see the same machine."""
    a = b = float("inf")
    for _ in range(rounds):
        a, b = min(a, cpu_best(first)), min(b, cpu_best(second))
    return a, b


def stacked() -> None:
    """Network.forward_stacked against analysis.landscape's batched evaluation, on the same sets."""
    from nnviz.analysis import landscape
    from nnviz.data import circles
    from nnviz.engine.stacked import forward_from_first, loss_sums

    net = random_network([2, 16, 16, 1], "tanh", "sigmoid", seed=0)
    X, y = circles(1000, seed=0)
    Y = net.targets(y, len(X), "binary-cross-entropy")
    theta = net.parameters()
    d1, d2 = landscape.random_directions(net, "filter", seed=0)
    axis = np.linspace(-1, 1, 101)
    A, B = np.meshgrid(axis, axis)
    thetas = theta + A.reshape(-1, 1) * d1 + B.reshape(-1, 1) * d2
    ours = net.forward_stacked(thetas, X, Y, "binary-cross-entropy", outputs=False).loss
    assert ours is not None
    print(f"  stacked forward, {len(thetas)} parameter sets of 2-16-16-1 tanh on {len(X)} points, CPU time:")
    if not hasattr(landscape, "_head"):
        print("    (the landscape already runs on the engine's stacked pass: nothing else to compare)")
        return
    # The landscape's own forward pass, before it switched to the engine's.
    error = float(np.abs(landscape.evaluate_losses(net, thetas, X, Y, "binary-cross-entropy") - ours).max())
    assert error < 1e-12, error
    theirs, mine = interleaved(lambda: landscape.evaluate_losses(net, thetas, X, Y, "binary-cross-entropy"),
                               lambda: net.forward_stacked(thetas, X, Y, "binary-cross-entropy", outputs=False))
    print(f"    landscape's evaluate_losses {theirs:6.3f} s   Network.forward_stacked {mine:6.3f} s   "
          f"ratio {mine / theirs:5.2f}×   (goal ≤ 1.1×: {'met' if mine / theirs <= 1.1 else 'NOT met'})")
    # The plane evaluation, as is and with the engine's pieces in place of the landscape's private ones.
    own = landscape._head, landscape._loss_sum
    engines = (lambda network, z, params, buffers=None: forward_from_first(
                   [layer.activation for layer in network.layers], params, z, buffers),
               lambda network, loss, f_in, Y: loss_sums(loss, network.layers[-1].activation, f_in, Y))

    def plane(pieces) -> np.ndarray:
        landscape._head, landscape._loss_sum = pieces
        try:
            return landscape.evaluate_plane(net, theta, d1, d2, axis, axis, X, Y, "binary-cross-entropy")
        finally:
            landscape._head, landscape._loss_sum = own

    assert float(np.abs(plane(own) - plane(engines)).max()) < 1e-12
    theirs, mine = interleaved(lambda: plane(own), lambda: plane(engines))
    print(f"    evaluate_plane as it is     {theirs:6.3f} s   with the engine's pieces {mine:5.3f} s   "
          f"ratio {mine / theirs:5.2f}×   (goal ≤ 1.1×: {'met' if mine / theirs <= 1.1 else 'NOT met'})")


if __name__ == "__main__":
    main()
