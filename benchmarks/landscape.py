"""Loss landscape speed: the batched plane evaluation against a per-point loop, memory per chunk, growth.

A 101×101 grid for a 2-16-16-1 tanh network on 1,000 points of `circles` (filter-normalised
directions). The loop sets the parameters and evaluates, point by point, as a user would without
nnviz; both run in this process on the same grid and must agree to 1e-10.
Goals: ≥ 5× faster than the loop, under 1 s on 2 cores, memory bounded by the chunk size.

    python benchmarks/landscape.py
"""

from __future__ import annotations

import os
import time
import tracemalloc

import numpy as np

from nnviz.analysis.landscape import _chunk, evaluate_plane, random_directions
from nnviz.data import circles
from nnviz.engine.init import random_network

SIZES, N, GRID = [2, 16, 16, 1], 1000, 101
LOSS = "binary-cross-entropy"


def setup(n: int = N, grid: int = GRID):
    net = random_network(SIZES, "tanh", "sigmoid", seed=0)
    X, y = circles(n, seed=0)
    Y = net.targets(y, n, LOSS)
    theta = net.parameters()
    d1, d2 = random_directions(net, "filter", seed=0)
    axis = np.linspace(-1, 1, grid)
    return net, X, y, Y, theta, d1, d2, axis


def best_of(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def time_plane(n: int, grid: int) -> float:
    net, X, _, Y, theta, d1, d2, axis = setup(n, grid)
    return best_of(lambda: evaluate_plane(net, theta, d1, d2, axis, axis, X, Y, LOSS), 1)


def main() -> None:
    net, X, y, Y, theta, d1, d2, axis = setup()
    workers = min(2, os.cpu_count() or 1)
    print(f"landscape: {GRID}×{GRID} grid, 2-16-16-1 tanh, {N} circles points, float64, "
          f"default chunk {_chunk(None, N, net)} grid points")

    start = time.perf_counter()
    loop = np.array([[net.with_parameters(theta + a * d1 + b * d2).loss(X, y, LOSS) for a in axis]
                     for b in axis])
    loop_time = time.perf_counter() - start
    batched = evaluate_plane(net, theta, d1, d2, axis, axis, X, Y, LOSS)
    error = float(np.abs(batched - loop).max())
    assert error < 1e-10, error

    one = best_of(lambda: evaluate_plane(net, theta, d1, d2, axis, axis, X, Y, LOSS))
    two = best_of(lambda: evaluate_plane(net, theta, d1, d2, axis, axis, X, Y, LOSS, workers=workers))
    print(f"  per-point loop        {loop_time:7.2f} s  ({loop_time / GRID**2 * 1e6:.0f} µs a point)")
    print(f"  batched, 1 thread     {one:7.2f} s  {loop_time / one:5.1f}× faster")
    print(f"  batched, {workers} threads    {two:7.2f} s  {loop_time / two:5.1f}× faster  "
          f"(goals ≥ 5×: {'met' if loop_time / min(one, two) >= 5 else 'NOT met'}, "
          f"< 1 s: {'met' if min(one, two) < 1 else 'NOT met'})")
    print(f"  max |batched − loop|  {error:.1e}")

    print("  peak memory (tracemalloc) and time against the chunk size:")
    for chunk in (1, _chunk(None, N, net), 64, 512, 4096):
        tracemalloc.start()
        start = time.perf_counter()
        evaluate_plane(net, theta, d1, d2, axis, axis, X, Y, LOSS, chunk_size=chunk)
        elapsed = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"    chunk {chunk:5d} points  peak {peak / 2**20:8.1f} MiB  {elapsed:6.2f} s")

    print("  growth with the grid (1,000 points), time per grid point:")
    for grid in (26, 51, 101, 201):
        t = time_plane(N, grid)
        print(f"    {grid:4d}×{grid:<4d} {t:7.2f} s  {t / grid**2 * 1e6:6.1f} µs a point")
    print("  growth with the data (51×51 grid):")
    for n in (250, 500, 1000, 2000, 4000):
        t = time_plane(n, 51)
        print(f"    n = {n:5d}  {t:7.2f} s  {t / n / 51**2 * 1e9:6.1f} ns per grid point and data point")


if __name__ == "__main__":
    main()
