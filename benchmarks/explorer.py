"""The explorer page: its size, and its recompute time for the deep network, measured in Chromium.

An edit is timed as a user meets it: a number typed into x's field (the page's own input event, its
parsing, the evaluator, the diagram and the worked example redrawn) until the browser has laid the
page out again. The baseline in the same run is the evaluator alone (forward + backward), so the
ratio says what the drawing costs. Goals: a page under 300 KB, an edit under 16 ms (one frame).

    python benchmarks/explorer.py [--edits 200]
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

TIME_EDITS = """([n, view]) => {
  const field = document.querySelector('#x-fields input');
  const times = [];
  for (let k = 0; k < n; k++) {
    const t0 = performance.now();
    field.value = String(7 + (k % 5) * 0.25);
    field.dispatchEvent(new Event('input', {bubbles: true}));
    document.body.offsetHeight;  // the layout the edit caused, done now rather than at the next frame
    times.push(performance.now() - t0);
  }
  const t0 = performance.now();
  for (let k = 0; k < n * 10; k++) NNApp.compute();
  return {times, evaluate: (performance.now() - t0) / (n * 10)};
}"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=200)
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
            print(f"\nrecompute after an edit of x, deep network (3-4-4-4-3), 1024×768, {os.cpu_count()} cores, "
                  f"median of {args.edits}:")
            for view in ("neuron", "layer"):
                page.click(f"[data-view={view}]")
                page.click('#diagram .node[data-col="4"][data-row="0"]')  # the output: softmax and backward lines
                page.evaluate(TIME_EDITS, [20, view])  # warm up the JIT
                result = page.evaluate(TIME_EDITS, [args.edits, view])
                median = statistics.median(result["times"])
                print(f"  {view} view: edit → redrawn and laid out {median:6.2f} ms "
                      f"(90th percentile {statistics.quantiles(result['times'], n=10)[-1]:.2f} ms; goal < 16 ms); "
                      f"evaluator alone {result['evaluate'] * 1000:6.1f} µs, ×{median / result['evaluate']:.0f}")
            browser.close()


if __name__ == "__main__":
    main()
