"""`nnviz doctor`: one line per tool; what is missing comes with its install command."""

from __future__ import annotations

import os
import subprocess
import sys

from click.testing import CliRunner

from nnviz.cli import cli

NAMES = ["Python", "manim", "cairo/pango", "LaTeX, dvisvgm", "render a frame", "ffmpeg (PyAV)", "chromium"]
REQUIRED = [name for name in NAMES if name != "chromium"]


def test_doctor_reports_every_tool_ok_on_this_machine():
    result = CliRunner().invoke(cli, ["doctor"])
    lines = result.output.splitlines()
    assert result.exit_code == 0, result.output
    assert [line[8:24].strip() for line in lines] == NAMES
    assert all(line.startswith("ok ") for line in lines)
    assert "a formula compiles" in lines[3] and "drawn" in lines[4]
    assert "0.21" in lines[1]


def test_doctor_names_missing_latex_and_chromium_with_their_install_commands(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # nothing on PATH
    result = CliRunner().invoke(cli, ["doctor"])
    assert result.exit_code == 1
    lines = dict((line[8:24].strip(), line) for line in result.output.splitlines())
    assert lines["LaTeX, dvisvgm"].startswith("MISSING")
    assert lines["LaTeX, dvisvgm"].endswith(
        "install: sudo apt-get install texlive-latex-base texlive-latex-extra preview-latex-style dvisvgm")
    # chromium only serves the page tests: reported as absent, with its install command, never a failure
    assert lines["chromium"].startswith("absent") and "sudo apt-get install chromium" in lines["chromium"]
    assert lines["manim"].startswith("ok")  # Python packages do not depend on PATH
    assert "render a frame" not in lines  # no frame is tried without LaTeX


def test_doctor_passes_without_chromium_which_is_optional(monkeypatch):
    import shutil

    real_which = shutil.which
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None if "chromium" in name else real_which(name))
    result = CliRunner().invoke(cli, ["doctor"])
    assert result.exit_code == 0, result.output
    assert [line for line in result.output.splitlines() if "chromium" in line][0].startswith("absent")


def _fake_latex(folder):
    """A `latex` that fails at once without a log, first on PATH: a broken TeX installation."""
    fake = folder / "latex"
    fake.write_text("#!/bin/sh\nexit 1\n")
    fake.chmod(0o755)
    return folder


def test_doctor_compiles_a_formula_so_a_broken_latex_is_found(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", f"{_fake_latex(tmp_path)}:{os.environ['PATH']}")
    result = CliRunner().invoke(cli, ["doctor"])
    assert result.exit_code == 1
    latex = [line for line in result.output.splitlines() if "LaTeX" in line][0]
    assert latex.startswith("MISSING") and "does not compile" in latex and "latex failed" in latex


def test_render_with_a_broken_latex_says_so_in_one_line_and_exits_2(tmp_path):
    env = {**os.environ, "PATH": f"{_fake_latex(tmp_path)}:{os.environ['PATH']}",
           "NNVIZ_CACHE_DIR": str(tmp_path / "cold-cache")}  # a cold cache: the formulas must compile
    result = subprocess.run([sys.executable, "-m", "nnviz.cli", "render", "single-neuron", "--size", "128x72",
                             "--fps", "5", "-o", str(tmp_path / "out.mp4")], capture_output=True, text=True,
                            env=env, cwd=tmp_path, timeout=300)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("nnviz: error: LaTeX failed on the formula")
    assert "nnviz doctor" in lines[0] and "Traceback" not in result.stderr
    assert not (tmp_path / "out.mp4").exists()
