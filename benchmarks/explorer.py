"""The explorer page: its size, and its recompute time for the deep network, measured in Chromium.

An edit is timed as a user meets it: a number typed into x's field (the page's own input event, its
parsing, the evaluator, the diagram and the worked example redrawn) until the browser has laid the
page out again. Two clocks: the wall time of each edit (what a user waits for, on this machine now,
however busy), and the CPU time the page's renderer process spent per edit (what the edit costs,
whatever else runs: the figure to hold against the goal on a shared machine). The baseline in the
same run is the evaluator alone (forward + backward), so the ratio says what the drawing costs.
Goals: a page under 300 KB, an edit under 16 ms (one frame at 60 Hz).

    python benchmarks/explorer.py [--edits 300]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
from pathlib import Path

from nnviz.engine import load_network
from nnviz.explorer import Explorer, SoftmaxLab

NETWORKS = ("perceptron", "single-hidden", "multiclass", "deep")

def _children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def renderer_pids() -> list[int]:
    """Chromium's renderer processes started under this Python process (Linux /proc)."""
    found, todo = [], [os.getpid()]
    while todo:
        pid = todo.pop()
        for child in _children(pid):
            todo.append(child)
            try:
                if b"--type=renderer" in Path(f"/proc/{child}/cmdline").read_bytes():
                    found.append(child)
            except OSError:
                pass
    return found


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of the processes, all their threads (seconds)."""
    ticks = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


EDITS = """n => {
  const field = document.querySelector('#x-fields input');
  const times = [];
  for (let k = 0; k < n; k++) {
    const t0 = performance.now();
    field.value = String(7 + (k % 5) * 0.25);
    field.dispatchEvent(new Event('input', {bubbles: true}));
    document.body.offsetHeight;  // the layout the edit caused, done now rather than at the next frame
    times.push(performance.now() - t0);
  }
  return times;
}"""

EVALUATE = """n => {
  const t0 = performance.now();
  for (let k = 0; k < n; k++) NNApp.compute();
  return (performance.now() - t0) / n;
}"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=300)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="nnviz-bench-explorer-") as tmp:
        pages = {name: Explorer(name, target=load_network(name).default_target).write(Path(tmp) / f"{name}.html")
                 for name in NETWORKS}
        pages["softmax-lab"] = SoftmaxLab().write(Path(tmp) / "softmax-lab.html")
        print("page sizes (one self-contained file each, no plotly):")
        for name, path in pages.items():
            print(f"  {name:<14} {path.stat().st_size / 1024:6.1f} KB   goal < 300 KB")
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, headless=True, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1024, "height": 768})
            page.goto(pages["deep"].as_uri())
            page.wait_for_function("() => window.nnvizState !== undefined")
            renderers = renderer_pids()
            load = os.getloadavg()[0]
            print(f"\nrecompute after an edit of x, deep network (3-4-4-4-3), 1024×768, {os.cpu_count()} cores, "
                  f"load average {load:.1f}, {args.edits} edits:")
            for view in ("neuron", "layer"):
                page.click(f"[data-view={view}]")
                page.click('#diagram .node[data-col="4"][data-row="0"]')  # the output: softmax and backward lines
                page.evaluate(EDITS, 20)  # warm up the JIT
                before = cpu_seconds(renderers)
                times = page.evaluate(EDITS, args.edits)
                cpu = (cpu_seconds(renderers) - before) * 1000 / args.edits
                evaluate = page.evaluate(EVALUATE, args.edits * 10)
                median = statistics.median(times)
                print(f"  {view:<6} view: {cpu:5.1f} ms of CPU an edit (goal < 16 ms); wall {median:6.2f} ms median, "
                      f"{statistics.quantiles(times, n=10)[-1]:.2f} ms 90th percentile; "
                      f"the evaluator alone {evaluate * 1000:5.1f} µs (×{cpu / evaluate:.0f} in CPU)")
            browser.close()


if __name__ == "__main__":
    main()
