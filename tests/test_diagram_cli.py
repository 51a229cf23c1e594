"""`nnviz diagram` and the gallery's diagrams: the files a lecturer gets, and what is in them."""

from __future__ import annotations

import json
import runpy
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from nnviz.analysis.worked import worked
from nnviz.cli import cli
from nnviz.engine import load_network
from nnviz.gallery import EXAMPLES

DIAGRAM_SCRIPTS = sorted(EXAMPLES.glob("diagram_*.py"))


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def svg_texts(path: Path) -> list[str]:
    """Every text element of an SVG, as a viewer (or a search) sees it."""
    root = ET.parse(path).getroot()
    return ["".join(element.itertext()) for element in root.iter("{http://www.w3.org/2000/svg}text")]


def pdf_fonts(path: Path) -> list[str]:
    return subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]


def test_the_svg_keeps_every_value_and_weight_as_text(tmp_path):
    result = run("diagram", "deep", "-o", str(tmp_path / "deep.svg"))
    assert result.exit_code == 0 and result.output == f"{tmp_path / 'deep.svg'}\n"
    texts = svg_texts(tmp_path / "deep.svg")
    joined = "\n".join(texts)
    net = load_network("deep")
    w = worked(net.forward(net.default_input))
    assert w.x == ["7", "1", "-4"] and all(t in texts for t in w.x)
    for k in range(len(net.layers)):
        for z_in, z in zip(w.z_in[k], w.z_out[k]):
            assert f"{z_in} → {z}" in texts
        rows, cols = net.layers[k].W.shape
        assert all(w.weight(k, i, j) in texts for i in range(rows) for j in range(cols))
    assert "deep: forward pass for x = (7, 1, -4)" in joined and "positive weight" in joined


def test_the_pdf_embeds_truetype_fonts_never_type_3(tmp_path):
    result = run("diagram", "single-hidden", "--target", "1", "-o", str(tmp_path / "net.pdf"))
    assert result.exit_code == 0, result.output
    fonts = pdf_fonts(tmp_path / "net.pdf")
    assert fonts and all("TrueType" in line for line in fonts) and not any("Type 3" in line for line in fonts)
    assert any("DejaVuSans" in line for line in fonts)


def test_the_png_has_the_diagrams_size_at_the_asked_resolution(tmp_path):
    from nnviz.analysis.diagram_layout import diagram_layout

    assert run("diagram", "perceptron", "--dpi", "100", "-o", str(tmp_path / "n.png")).exit_code == 0
    net = load_network("perceptron")
    layout = diagram_layout(net.forward(net.default_input))
    width, height = Image.open(tmp_path / "n.png").size  # save() pads a tight box by 0.1 in
    assert width == pytest.approx((layout.width / 2.54 + 0.2) * 100, abs=6)
    assert height == pytest.approx((layout.height / 2.54 + 0.2) * 100, abs=6)


def test_tex_output_is_a_standalone_picture_that_says_how_to_use_it(tmp_path):
    assert run("diagram", "multiclass", "--theme", "dark", "-o", str(tmp_path / "mc.tex")).exit_code == 0
    tex = (tmp_path / "mc.tex").read_text()
    assert tex.startswith("% nnviz: diagram of multiclass (3-4-3), showing values, weights.")
    assert "% Made by: nnviz diagram multiclass -o mc.tex" in tex
    assert r"\includestandalone[width=\linewidth]{mc}" in tex and r"\input{mc.tex}" in tex
    assert r"\documentclass[border=2pt]{standalone}" in tex and r"\definecolor{nnvizbackground}{HTML}{14161B}" in tex


def test_beamer_outputs_a_frame_or_a_whole_presentation(tmp_path):
    assert run("diagram", "deep", "--beamer", "-o", str(tmp_path / "frame.tex")).exit_code == 0
    frame = (tmp_path / "frame.tex").read_text()
    assert "\n\\begin{frame}[t]" in frame and "\n\\documentclass" not in frame
    assert run("diagram", "deep", "--target", "0", "--beamer-document", "-o", str(tmp_path / "d.tex")).exit_code == 0
    document = (tmp_path / "d.tex").read_text()
    assert "\\documentclass[aspectratio=169]{beamer}" in document and "\\log 0.867 = 0.14" in document


def test_the_default_output_is_in_nnviz_out(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("diagram", "perceptron")
    assert result.exit_code == 0 and result.output == "nnviz-out/perceptron.svg\n"
    assert (tmp_path / "nnviz-out" / "perceptron.svg").is_file()


@pytest.mark.parametrize("args, message", [
    (["deep", "-o", "x.jpg"], "-o x.jpg: a diagram is saved as .svg, .pdf, .png or .tex, not .jpg"),
    (["deep", "--show", "values,colours"], "--show: 'colours' unknown; expected some of values, weights, biases, "
                                            "gradients"),
    (["deep", "--show", "values,gradients"], "--show gradients needs --target (the gradients come from the "
                                             "backward pass)"),
    (["deep", "--beamer", "-o", "x.svg"], "-o x.svg: --beamer writes LaTeX: give a .tex file"),
    (["deep", "--beamer", "--beamer-document", "-o", "x.tex"], "--beamer and --beamer-document: choose one"),
    (["deep", "-x", "1,2"], "x has 2 features, but deep expects 3"),
    (["deep", "--loss", "l2"], "--loss needs --target (the loss compares the output to a target)"),
    (["nothing"], "unknown network 'nothing'"),
])
def test_bad_input_is_one_line_and_writes_nothing(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["diagram", *args])
    assert result.exit_code == 2
    assert result.output.startswith("nnviz: error: ") and message in result.output
    assert result.output.count("\n") == 1
    assert list(tmp_path.rglob("*")) == []


def test_a_spec_without_an_input_draws_its_weights_and_values_ask_for_one(tmp_path):
    spec = tmp_path / "bare.json"
    spec.write_text(json.dumps({"layers": [{"activation": "relu", "W_T": [[1, -2], [3, 0.5]], "b": [0, 1]}]}))
    assert run("diagram", str(spec), "-o", str(tmp_path / "bare.svg")).exit_code == 0
    assert {"1", "-2", "3", "0.50"} <= set(svg_texts(tmp_path / "bare.svg"))
    result = CliRunner().invoke(cli, ["diagram", str(spec), "--show", "values", "-o", str(tmp_path / "v.svg")])
    assert result.exit_code == 2 and "the spec has no slide input; give one with -x" in result.output


def test_a_thousand_neurons_are_elided(tmp_path):
    import numpy as np

    rng = np.random.default_rng(0)
    spec = {"name": "wide", "input": [0.5, -1],
            "layers": [{"activation": "tanh", "W": rng.normal(size=(2, 1000)).round(2).tolist(), "b": [0] * 1000},
                       {"activation": "sigmoid", "W": rng.normal(size=(1000, 1)).round(2).tolist(), "b": [0]}]}
    (tmp_path / "wide.json").write_text(json.dumps(spec))
    assert run("diagram", str(tmp_path / "wide.json"), "-o", str(tmp_path / "wide.svg")).exit_code == 0
    texts = svg_texts(tmp_path / "wide.svg")
    assert "1000" in texts and "⋮" in texts and "z₁₀₀₀" in texts and "z₇" not in texts


def test_trace_latex_prints_one_layer_and_names_a_missing_one():
    result = run("trace", "deep", "--format", "latex", "--layer", "4", "--target", "0")
    assert result.exit_code == 0
    assert "% ---- output layer (softmax)" in result.output and "% ---- backward, output layer" in result.output
    assert "hidden layer" not in result.output.split("\n", 3)[3]
    bad = CliRunner().invoke(cli, ["trace", "deep", "--format", "latex", "--layer", "5"])
    assert bad.exit_code == 2 and bad.output == ("nnviz: error: --layer: 5 is not a layer of deep (layers 1 to 4; "
                                                 "the output is 4)\n")


@pytest.mark.parametrize("script", DIAGRAM_SCRIPTS, ids=lambda p: p.stem)
def test_each_gallery_diagram_writes_svg_pdf_png_and_tex(tmp_path, script):
    figure = runpy.run_path(str(script), run_name="nnviz_gallery")["make"]()
    paths = figure.gallery_files(tmp_path, script.stem)
    assert [p.name for p in paths] == [f"{script.stem}.{s}" for s in ("svg", "pdf", "png", "tex")]
    assert all(p.stat().st_size > 1000 for p in paths)
    assert not any("Type 3" in line for line in pdf_fonts(paths[1]))
    assert paths[3].read_text().startswith("% nnviz: diagram of ")
    values = [t for t in figure.layout.texts if t.group == "value"]
    assert values and {t.string for t in values} <= set(svg_texts(paths[0]))


def test_the_gallery_has_the_four_slide_networks_and_a_wide_one():
    names = {p.stem for p in DIAGRAM_SCRIPTS}
    assert names == {"diagram_perceptron", "diagram_single_hidden", "diagram_multiclass", "diagram_deep",
                     "diagram_wide"}
