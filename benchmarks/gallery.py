"""Gallery build time at -q l: -j 1 against -j 2 (the speed-up of parallel processes), and a rebuild.

What `make demo` builds: every scene's video, every script's page or figure (with its thumbnail),
and the deck (each scene's slides, its 1080p stills, the handout). Each full build starts from an
empty site folder and an empty manim cache, so both do the same work; the rebuild (nothing
changed) shows what skipping unchanged items saves.

    python benchmarks/gallery.py [-q l]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from nnviz.gallery import build_gallery


def timed_build(out: Path, quality: str, jobs: int) -> float:
    start = time.perf_counter()
    report = build_gallery(out, quality=quality, jobs=jobs, progress=False)
    if report.failed:
        raise SystemExit(f"gallery: items failed: {report.failed}")
    seconds = time.perf_counter() - start
    print(f"  -j {jobs}: built {len(report.built)}, unchanged {len(report.skipped)}, "
          f"{len(report.written)} files written, {seconds:.1f} s", flush=True)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-q", "--quality", default="l")
    args = parser.parse_args()
    times = {}
    with tempfile.TemporaryDirectory(prefix="nnviz-bench-gallery-") as tmp:
        for jobs in (1, 2):
            os.environ["NNVIZ_CACHE_DIR"] = str(Path(tmp) / f"cache-j{jobs}")  # cold manim cache
            times[jobs] = timed_build(Path(tmp) / f"site-j{jobs}", args.quality, jobs)
        rebuild = timed_build(Path(tmp) / "site-j2", args.quality, 2)
    print(f"gallery at -q {args.quality} ({os.cpu_count()} cores), from scratch:")
    print(f"  -j 1        {times[1]:7.1f} s")
    print(f"  -j 2        {times[2]:7.1f} s   speed-up {times[1] / times[2]:.2f}×")
    print(f"  rebuild     {rebuild:7.1f} s   (nothing changed: every item skipped)")


if __name__ == "__main__":
    main()
