"""`nnviz diagram` on a spec with 1,000 neurons in a layer: elided, and how long it takes.

Each run is a fresh `nnviz diagram … -o out.svg` process (what a lecturer waits for), best of 3,
against the same command on the slides' deep network in the same run (the baseline: a small
network, mostly start-up and drawing). Then, in this process, where the time goes.
Goal: the 1,000-neuron diagram in under 2 s; its cost should not grow with the layer's width.

    python benchmarks/diagram.py
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

NNVIZ = [str(Path(sys.executable).with_name("nnviz"))]  # the installed command, as a user runs it


def spec(sizes: list[int], seed: int = 0) -> dict:
    rng = np.random.default_rng(seed)
    layers = [{"activation": "tanh" if k < len(sizes) - 2 else "sigmoid",
               "W": rng.normal(0, 1 / np.sqrt(a), (a, b)).round(3).tolist(), "b": [0.0] * b}
              for k, (a, b) in enumerate(zip(sizes[:-1], sizes[1:]))]
    return {"name": "-".join(map(str, sizes)), "input": rng.normal(size=sizes[0]).round(2).tolist(), "layers": layers}


def best_of(args: list[str], repeat: int = 3) -> tuple[float, float]:
    """The best wall time and the best CPU time (user + system) of ``repeat`` runs of a command: CPU
    time stays honest when other processes share the cores."""
    walls, cpus = [], []
    for _ in range(repeat):
        before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
        subprocess.run(args, check=True, capture_output=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        walls.append(time.perf_counter() - start)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return min(walls), min(cpus)


def phases(path: Path, out: Path) -> dict[str, float]:
    from nnviz.analysis.diagram_layout import diagram_layout
    from nnviz.engine import load_network
    from nnviz.plots.diagram import figure_of
    from nnviz.plots.save import save

    times, start = {}, time.process_time()
    net = load_network(str(path))
    times["load the spec"] = time.process_time() - start
    start = time.process_time()
    trace = net.forward(net.default_input)
    times["forward pass"] = time.process_time() - start
    start = time.process_time()
    layout = diagram_layout(trace)
    times["layout (elision, label placement)"] = time.process_time() - start
    start = time.process_time()
    save(figure_of(layout), out)
    times["draw and write the SVG"] = time.process_time() - start
    times["drawn nodes / edges"] = (len(layout.nodes), len(layout.edges))
    return times


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        cases = {"deep (3-4-4-4-3, the baseline)": "deep"}
        for sizes in ([3, 1000, 1], [2, 16, 1000, 16, 1], [2, 1000, 1000, 1]):
            path = folder / f"{'-'.join(map(str, sizes))}.json"
            path.write_text(json.dumps(spec(sizes)))
            cases[f"{path.stem} ({path.stat().st_size / 1e6:.1f} MB spec)"] = str(path)
        print(f"nnviz diagram … -o out.svg, a fresh process each, best of 3 (load average "
              f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
        base = None
        print(f"  {'network':<40} {'wall':>8} {'CPU':>8}   CPU against the baseline")
        for label, network in cases.items():
            wall, cpu = best_of([*NNVIZ, "diagram", network, "-o", str(folder / "out.svg")])
            base = base or cpu
            print(f"  {label:<40} {wall:6.2f} s {cpu:6.2f} s   {cpu / base:5.2f}×")
        print("where the CPU time goes for 2-1000-1000-1, in one process:")
        for step, value in phases(folder / "2-1000-1000-1.json", folder / "phases.svg").items():
            print(f"  {step:<40} {value if isinstance(value, tuple) else f'{value:6.3f} s'}")


if __name__ == "__main__":
    main()
