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

from nnviz.analysis.directions import random_directions
from nnviz.analysis.plane import _chunk, evaluate_plane
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


def best_of(fn, repeat: int = 3) -> tuple[float, float]:
    """The best wall time and the best CPU time of ``repeat`` runs (CPU time stays honest when other
    processes share the cores; for threads it is the sum over threads)."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus)


def time_plane(n: int, grid: int) -> float:
    net, X, _, Y, theta, d1, d2, axis = setup(n, grid)
    return best_of(lambda: evaluate_plane(net, theta, d1, d2, axis, axis, X, Y, LOSS), 1)[1]


def main() -> None:
    net, X, y, Y, theta, d1, d2, axis = setup()
    workers = min(2, os.cpu_count() or 1)
    print(f"landscape: {GRID}×{GRID} grid, 2-16-16-1 tanh, {N} circles points, float64, "
          f"default chunk {_chunk(None, N, net)} grid points")

    def loop(betas):
        return np.array([[net.with_parameters(theta + a * d1 + b * d2).loss(X, y, LOSS) for a in axis]
                         for b in betas])

    def batched(betas, workers=1, dtype=np.float64):
        return evaluate_plane(net, theta, d1, d2, axis, betas, X, Y, LOSS, workers=workers, dtype=dtype)

    reference = loop(axis)
    error = float(np.abs(batched(axis) - reference).max())
    assert error < 1e-10, error
    error32 = float(np.abs(batched(axis, dtype=np.float32) / reference - 1).max())
    # Other processes may share the cores: time the loop and the batched evaluation in turns, ten rows
    # of the grid at a time, so both see the same conditions.
    totals = np.zeros(7)  # loop wall, CPU; batched wall, CPU; with threads wall; float32 wall, CPU
    for rows in np.array_split(axis, 10):
        totals[:2] += best_of(lambda r=rows: loop(r), 1)
        totals[2:4] += best_of(lambda r=rows: batched(r), 1)
        totals[4] += best_of(lambda r=rows: batched(r, workers), 1)[0]
        totals[5:7] += best_of(lambda r=rows: batched(r, dtype=np.float32), 1)
    loop_wall, loop_cpu, one_wall, one_cpu, two_wall, f32_wall, f32_cpu = totals
    full_one = best_of(lambda: batched(axis))[0]
    full_two = best_of(lambda: batched(axis, workers))[0]
    full_f32 = best_of(lambda: batched(axis, workers, np.float32))[0]
    print("                          wall      CPU   speed-up (wall, CPU)   whole grid, best of 3")
    print(f"  per-point loop        {loop_wall:6.2f} s {loop_cpu:6.2f} s   "
          f"({loop_cpu / GRID**2 * 1e6:.0f} µs CPU a point)")
    print(f"  batched, 1 thread     {one_wall:6.2f} s {one_cpu:6.2f} s   {loop_wall / one_wall:5.1f}×"
          f" {loop_cpu / one_cpu:5.1f}×           {full_one:6.2f} s")
    print(f"  batched, {workers} threads    {two_wall:6.2f} s            {loop_wall / two_wall:5.1f}×"
          f"                  {full_two:6.2f} s")
    print(f"  batched, float32      {f32_wall:6.2f} s {f32_cpu:6.2f} s   {loop_wall / f32_wall:5.1f}×"
          f" {loop_cpu / f32_cpu:5.1f}×  ({workers} threads) {full_f32:6.2f} s;"
          f" max relative error {error32:.0e}")
    best = min(full_one, full_two)
    print(f"  goals: ≥ 5× {'met' if loop_wall / two_wall >= 5 else 'NOT met'}, "
          f"< 1 s {'met' if best < 1 else 'NOT met'}; max |batched − loop| {error:.1e}; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")

    print("  peak memory (tracemalloc) and time against the chunk size:")
    for chunk in (1, _chunk(None, N, net), 64, 512, 4096):
        _, cpu = best_of(lambda c=chunk: evaluate_plane(net, theta, d1, d2, axis, axis, X, Y, LOSS,
                                                         chunk_size=c), 1)
        tracemalloc.start()
        evaluate_plane(net, theta, d1, d2, axis, axis, X, Y, LOSS, chunk_size=chunk)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"    chunk {chunk:5d} points  peak {peak / 2**20:8.1f} MiB  {cpu:6.2f} s CPU")

    print("  growth with the grid (1,000 points), CPU time:")
    for grid in (26, 51, 101, 201):
        t = time_plane(N, grid)
        print(f"    {grid:4d}×{grid:<4d} {t:7.2f} s  {t / grid**2 * 1e6:6.1f} µs a grid point")
    print("  growth with the data (51×51 grid), CPU time:")
    for n in (250, 500, 1000, 2000, 4000):
        t = time_plane(n, 51)
        print(f"    n = {n:5d}  {t:7.2f} s  {t / n / 51**2 * 1e9:6.1f} ns per grid point and data point")


if __name__ == "__main__":
    main()
