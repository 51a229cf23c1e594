"""Rendering speed: the whole scene set at -q l, as a real-time factor (render wall time / video length).

Cold: a fresh, empty manim cache (every formula through LaTeX, every animation rendered).
Warm: the same renders again (manim reuses its cached formulas and partial movies).
Goal on 2 cores: ≤ 2.0 cold, ≤ 1.0 warm. The ratio is a property of the scenes, not of a clock.
A lecturer renders at 1080p: one scene also at -q h (cold and warm), for its real-time factor there.

    python benchmarks/render.py [-q l] [--hq SCENE] [SCENE ...]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from nnviz.animate.base import SceneOptions
from nnviz.render import list_scenes, render_scene


def video_seconds(path: Path) -> float:
    import av

    with av.open(str(path)) as container:
        return container.duration / 1e6


def render_all(names: list[str], quality: str, out: Path) -> tuple[float, float]:
    """Render every scene once; returns (wall seconds, total video seconds)."""
    wall = length = 0.0
    for name in names:
        start = time.perf_counter()
        path = render_scene(name, SceneOptions(), quality=quality, output=out / f"{name}.mp4")
        wall += time.perf_counter() - start
        length += video_seconds(path)
    return wall, length


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-q", "--quality", default="l")
    parser.add_argument("--hq", default="single-hidden-example", help="The scene also rendered at -q h.")
    parser.add_argument("scenes", nargs="*")
    args = parser.parse_args()
    names = args.scenes or [cls.name for cls in list_scenes()]  # imports every scene module first
    if not names:
        print("render: no scenes installed")
        return
    with tempfile.TemporaryDirectory(prefix="nnviz-bench-") as tmp:
        os.environ["NNVIZ_CACHE_DIR"] = str(Path(tmp) / "cache")  # cold: nothing cached yet
        out = Path(tmp) / "out"
        cold_wall, length = render_all(names, args.quality, out)
        warm_wall, _ = render_all(names, args.quality, out)
    cold, warm = cold_wall / length, warm_wall / length
    print(f"render: {len(names)} scenes at -q {args.quality}, {length:.1f} s of video")
    print(f"  cold cache   {cold_wall:7.1f} s   real-time factor {cold:5.2f}   "
          f"(goal ≤ 2.0: {'met' if cold <= 2.0 else 'NOT met'})")
    print(f"  warm cache   {warm_wall:7.1f} s   real-time factor {warm:5.2f}   "
          f"(goal ≤ 1.0: {'met' if warm <= 1.0 else 'NOT met'})")
    if args.hq:
        with tempfile.TemporaryDirectory(prefix="nnviz-bench-hq-") as tmp:
            os.environ["NNVIZ_CACHE_DIR"] = str(Path(tmp) / "cache")
            hq_cold, hq_length = render_all([args.hq], "h", Path(tmp) / "out")
            hq_warm, _ = render_all([args.hq], "h", Path(tmp) / "out")
        print(f"render: {args.hq} at -q h (1080p60), {hq_length:.1f} s of video")
        print(f"  cold cache   {hq_cold:7.1f} s   real-time factor {hq_cold / hq_length:5.2f}")
        print(f"  warm cache   {hq_warm:7.1f} s   real-time factor {hq_warm / hq_length:5.2f}")


if __name__ == "__main__":
    main()
