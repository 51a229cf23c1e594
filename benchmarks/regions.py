"""Linear regions of ReLU networks: the exact count (polygons cut layer by layer) against counting on a grid.

Two seeded random ReLU networks with random biases, 2-16-16-1 and 2-32-32-32-1, on the window
[-2, 2]². The exact method finds every region; a grid of points finds the patterns its points hit
and misses regions thinner than a cell. Reported: time and count of each, and what the grid misses.

    python benchmarks/regions.py
"""

from __future__ import annotations

import os
import time

import numpy as np

from nnviz.analysis.linear_regions import grid_regions, linear_regions
from nnviz.engine.init import random_network
from nnviz.engine.network import Dense, Network

EXTENT = (-2.0, 2.0, -2.0, 2.0)
RESOLUTIONS = (201, 401, 801)


def network(sizes: list[int], seed: int = 1) -> Network:
    rng = np.random.default_rng(seed)
    net = random_network(sizes, "relu", "sigmoid", seed=seed)
    return Network([Dense(layer.W, rng.normal(0.0, 0.5, layer.b.shape), layer.activation) for layer in net.layers],
                   "-".join(map(str, sizes)))


def best_of(fn, repeat: int = 3) -> tuple[float, object]:
    """The best CPU time of ``repeat`` runs (honest when other processes share the cores) and the result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.process_time()
        result = fn()
        times.append(time.process_time() - start)
    return min(times), result


def main() -> None:
    print(f"linear regions in the window {EXTENT}: exact polygons against a grid of points (CPU time)")
    for sizes in ([2, 16, 16, 1], [2, 32, 32, 32, 1]):
        net = network(sizes)
        exact_time, exact = best_of(lambda n=net: linear_regions(n, EXTENT))
        print(f"  {net.name}: {exact.relus} ReLUs; exact {exact.count} regions in {exact_time:.2f} s "
              f"({len(exact.neighbours)} shared edges, {int(exact.colors.max()) + 1} colours)")
        for resolution in RESOLUTIONS:
            grid_time, ids = best_of(lambda n=net, r=resolution: grid_regions(n, EXTENT, r), 1)
            seen = int(ids.max()) + 1
            print(f"    grid {resolution:4d}²: {seen:5d} regions ({exact.count - seen:4d} missed) "
                  f"in {grid_time:6.2f} s;"
                  f" exact / grid time {exact_time / grid_time:5.2f}×")
    print(f"  load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
