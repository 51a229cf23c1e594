"""The README's tour, run as written from an empty folder: every command must work on the first try.

The commands are read from the README itself (the ```sh block under "## A tour", then the
"your own network" example with its ```toml spec, then the examples of the explorer's and the slide
figures' sections, which use that spec), so the README cannot drift from what nnviz does.
Each runs as a real `nnviz` process in a scratch folder, in order (later lines use what earlier
lines wrote). Adapted, and why:

- `. .venv/bin/activate` is not run: the test calls the venv's `nnviz` directly, which is what
  activating it gives the reader.
- `nnviz render …` and `nnviz slides …` get the hidden `--size 128x72 --fps 5`: the same scenes,
  the same code paths, rendered tiny so that the test takes seconds, not minutes.
- `nnviz slides` builds one scene (`deep-forward`), still into its default, relative output folder.
- `nnviz gallery -j 2` is not run here: it builds every scene and page of the lecture (minutes);
  `tests/test_gallery.py` builds it from a few tiny scenes, with `-j 2`.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"
NNVIZ = str(Path(sys.executable).parent / "nnviz")
TINY = ["--size", "128x72", "--fps", "5"]


def fenced_blocks(text: str, heading: str) -> list[tuple[str, str]]:
    """The fenced code blocks (language, body) of the README's section ``heading`` (to its first
    sub-heading)."""
    section = re.split(r"\n##+ ", text.split(f"\n{heading}\n", 1)[1], maxsplit=1)[0]
    return re.findall(r"```(\w+)\n(.*?)```", section, flags=re.S)


SECTIONS = ("## A tour", "## The worked-example explorer", "## Slide figures of the networks")


def tour_lines(heading: str = "## A tour") -> list[str]:
    """The commands of a section (the tour: then of "your own network"), as the README writes them."""
    blocks = fenced_blocks(README.read_text(encoding="utf-8"), heading)
    return [line.strip() for language, body in blocks if language == "sh"
            for line in body.splitlines() if line.strip()]


def as_run(line: str) -> list[str] | None:
    """The argument list the test runs for a README line (None: not run; see the module's notes)."""
    words = shlex.split(line, comments=True)
    if words[:1] == ["."] or words[:2] == ["nnviz", "gallery"]:
        return None
    assert words[0] == "nnviz", line
    if words[1] == "render":
        words += TINY
    if words[1] == "slides":
        words += ["deep-forward", *TINY]
    return [NNVIZ, *words[1:]]


def test_the_tour_is_read_from_the_readme():
    lines = tour_lines()
    assert lines[0] == ". .venv/bin/activate" and "nnviz doctor" in lines[-3]
    assert any(line.startswith("nnviz linear-regions relu.json") for line in lines)
    assert "nnviz trace my-net.toml -x 1,2,3 --target 0" in lines
    assert any(line.startswith("nnviz explore softmax-lab") for line in tour_lines(SECTIONS[1]))
    assert any(line.startswith("nnviz diagram my-net.toml") for line in tour_lines(SECTIONS[2]))


@pytest.mark.render
def test_the_readme_tour_runs_as_written(tmp_path):
    text = README.read_text(encoding="utf-8")
    toml = [body for language, body in fenced_blocks(text, "## A tour") if language == "toml"]
    assert len(toml) == 1
    (tmp_path / "my-net.toml").write_text(toml[0], encoding="utf-8")  # "your own network", as printed
    failures, ran = [], 0
    for line in [line for heading in SECTIONS for line in tour_lines(heading)]:
        args = as_run(line)
        if args is None:
            continue
        ran += 1
        result = subprocess.run(args, cwd=tmp_path, capture_output=True, text=True, timeout=900)
        if result.returncode != 0:
            failures.append(f"{line}\n  exit {result.returncode}: {result.stderr.strip()[-400:]}")
            continue
        written = [Path(p) for p in result.stdout.splitlines() if re.fullmatch(r"[\w./-]+\.\w+", p)]
        missing = [str(p) for p in written if not (tmp_path / p).is_file()
                   or ((tmp_path / p).stat().st_size == 0 and p.suffix not in (".srt", ".vtt"))]  # a scene may
        # have no captioned step yet: its caption files are then empty, which is no failure of the tour
        arrow = re.search(r"→ (\S+)", line)  # "# → nnviz-out/deep-forward.mp4": the file the README promises
        if arrow and not (tmp_path / arrow.group(1)).is_file():
            missing.append(arrow.group(1))
        if missing:
            failures.append(f"{line}\n  printed but not written: {missing}")
    assert ran >= 29
    assert not failures, "\n".join(failures)
    assert (tmp_path / "talk/backprop.mp4").is_file() and (tmp_path / "linear.html").is_file()
    assert (tmp_path / "net.history.npz").is_file() and (tmp_path / "relu.history.npz").is_file()
    assert (tmp_path / "softmax.html").is_file() and (tmp_path / "nnviz-out/explore-my-net.html").is_file()
    assert (tmp_path / "net.png").is_file() and (tmp_path / "deep.pdf").is_file()
