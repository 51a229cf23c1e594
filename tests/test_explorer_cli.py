"""`nnviz explore` and the explorer's Python side: pages written, bad input refused in one line,
the gallery's scripts, and the data a page carries (the engine's numbers, the slides' notes)."""

from __future__ import annotations

import json
import re
import runpy
from pathlib import Path

import pytest
from click.testing import CliRunner

from nnviz.cli import cli
from nnviz.engine import load_network
from nnviz.errors import NnvizError
from nnviz.explorer import Explorer, SoftmaxLab
from nnviz.gallery import EXAMPLES, script_items


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def page_data(html: str) -> dict:
    text = re.search(r'<script type="application/json" id="nnviz-data">(.*?)</script>', html, re.S).group(1)
    return json.loads(text)


def test_explore_writes_one_page_and_prints_its_path(tmp_path):
    out = tmp_path / "deep.html"
    result = run("explore", "deep", "--target", "0", "--theme", "dark", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.output.strip() == str(out)
    data = page_data(out.read_text())
    assert data["x"] == [7, 1, -4] and data["target"] == [0] and data["loss"] == "cross-entropy"
    assert data["theme"] == "dark" and data["backward"] is True
    assert [layer["activation"] for layer in data["network"]["layers"]] == ["relu", "relu", "relu", "softmax"]
    assert data["network"]["layers"][0]["W"] == load_network("deep").layers[0].W.tolist()
    assert data["lab"]["fin"] == [3, -1, 1]  # the lab starts at the network's own f_in


def test_explore_a_spec_with_its_own_input_and_the_softmax_lab(tmp_path):
    spec = tmp_path / "net.toml"
    spec.write_text('name = "net"\n[[layers]]\nactivation = "tanh"\nW_T = [[1, -1], [0.5, 2]]\nb = [0, 1]\n'
                    '[[layers]]\nactivation = "sigmoid"\nW_T = [[1, 1]]\nb = [0]\n')
    result = run("explore", str(spec), "-x", "1,2", "--target", "1", "--loss", "l2", "-o", str(tmp_path / "a.html"))
    assert result.exit_code == 0, result.output
    data = page_data((tmp_path / "a.html").read_text())
    assert data["x"] == [1, 2] and data["loss"] == "l2" and data["notes"] == []
    result = run("explore", "softmax-lab", "-o", str(tmp_path / "lab.html"))
    assert result.exit_code == 0 and page_data((tmp_path / "lab.html").read_text())["kind"] == "lab"


@pytest.mark.parametrize("args, message", [
    (["nope"], "unknown network 'nope'"),
    (["deep", "-x", "1,2"], "x has 2 features, but deep expects 3"),
    (["deep", "--target", "5"], "target must be a class index 0..2"),
    (["deep", "--loss", "l2"], "--loss needs --target"),
    (["deep", "--target", "0", "--loss", "hinge"], "unknown loss 'hinge'"),
    (["deep", "-x", "1,x,3"], "'-x': '1,x,3' is not a list of numbers"),  # click's type, nnviz's line
    (["deep", "-o", "deep.png"], "expected a .html file"),
    (["softmax-lab", "-x", "1"], "softmax-lab takes no -x"),
])
def test_bad_input_is_one_line_exit_2_and_nothing_written(tmp_path, args, message):
    out = [] if "-o" in args else ["-o", str(tmp_path / "page.html")]
    result = run("explore", *args, *out)
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.output
    assert list(tmp_path.iterdir()) == []


def test_a_network_too_wide_to_work_by_hand_is_refused(tmp_path):
    from nnviz.engine.init import random_network

    net = random_network([2, 20, 1], "tanh", "sigmoid", seed=0)
    with pytest.raises(NnvizError, match="layer 1 has 20 neurons"):
        Explorer(net, x=[0, 0]).html()


def test_the_slides_notes_come_with_the_slides_numbers_only():
    notes = page_data(Explorer("single-hidden").html())["notes"]
    assert any("typo for σ(f_in)" in n for n in notes)
    assert any("(0.05, 0.88, 0.50, 0.99)" in n and "add up to 0.58" in n for n in notes)
    assert any(n.startswith("σ(7) = 0.9991 is 1.00") for n in notes)
    deep = page_data(Explorer("deep").html())["notes"]
    assert any("(0.866, 0.015, 0.117)" in n and "0.867 and 0.016" in n for n in deep)
    assert page_data(Explorer("deep", x=[1, 1, 1]).html())["notes"] == []  # not the slide's input: nothing to say


def test_page_data_cannot_close_its_script():
    spec = load_network("perceptron")
    spec.description = "</script><script>alert(1)</script>"
    html = Explorer(spec).html()
    assert "</script><script>alert(1)" not in html
    assert page_data(html)["description"] == spec.description


EXPLORE_SCRIPTS = sorted(EXAMPLES.glob("explore_*.py"))


def test_there_is_a_gallery_script_for_each_slide_network_and_the_lab():
    assert {p.stem for p in EXPLORE_SCRIPTS} == {"explore_perceptron", "explore_single_hidden",
                                                 "explore_multiclass", "explore_deep", "explore_softmax_lab"}
    items = {item.name: item for item in script_items()}
    assert items["explore_deep"].section == "Feedforward neural networks"
    assert items["explore_softmax_lab"].section == items["explore_multiclass"].section == "Multi-class classification"


@pytest.mark.parametrize("script", EXPLORE_SCRIPTS, ids=lambda p: p.stem)
def test_a_gallery_script_writes_its_page_through_gallery_files(tmp_path, script):
    made = runpy.run_path(str(script), run_name="nnviz_gallery")["make"]()
    assert isinstance(made, Explorer | SoftmaxLab)
    files = made.gallery_files(tmp_path, script.stem)
    assert files == [tmp_path / f"{script.stem}.html"] and [p.name for p in tmp_path.iterdir()] == [files[0].name]
    html = Path(files[0]).read_text()
    assert html.startswith("<!DOCTYPE html>") and len(html.encode()) < 300_000
    assert page_data(html)["theme"] == "light"
    dark = runpy.run_path(str(script), run_name="nnviz_gallery")["make"](theme="dark")  # the gallery's theme
    assert page_data(dark.html())["theme"] == "dark"
