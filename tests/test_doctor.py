"""`nnviz doctor`: one line per tool; what is missing comes with its install command."""

from __future__ import annotations

from click.testing import CliRunner

from nnviz.cli import cli

NAMES = ["Python", "manim", "cairo/pango", "LaTeX, dvisvgm", "ffmpeg (PyAV)", "chromium"]


def test_doctor_reports_every_tool_ok_on_this_machine():
    result = CliRunner().invoke(cli, ["doctor"])
    lines = result.output.splitlines()
    assert result.exit_code == 0, result.output
    assert [line[8:24].strip() for line in lines] == NAMES
    assert all(line.startswith("ok ") for line in lines)
    assert "0.21" in lines[1]


def test_doctor_names_missing_latex_and_chromium_with_their_install_commands(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # nothing on PATH
    result = CliRunner().invoke(cli, ["doctor"])
    assert result.exit_code == 1
    lines = dict((line[8:24].strip(), line) for line in result.output.splitlines())
    assert lines["LaTeX, dvisvgm"].startswith("MISSING")
    assert lines["LaTeX, dvisvgm"].endswith(
        "install: sudo apt-get install texlive-latex-base texlive-latex-extra preview-latex-style dvisvgm")
    assert lines["chromium"].startswith("MISSING") and "sudo apt-get install chromium" in lines["chromium"]
    assert lines["manim"].startswith("ok")  # Python packages do not depend on PATH
