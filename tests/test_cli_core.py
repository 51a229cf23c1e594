"""The core CLI: networks, trace, train — and every bad input gets one line and exit status 2."""

import json
import subprocess
import sys

import numpy as np
import pytest
from click.testing import CliRunner

from nnviz import load_network
from nnviz.cli import cli
from nnviz.errors import SpecError


def run(*args):
    return CliRunner().invoke(cli, list(args))


def test_networks_lists_the_builtins_with_shapes():
    result = run("networks")
    assert result.exit_code == 0
    assert "deep" in result.output and "3-4-4-4-3" in result.output
    assert "relu, relu, relu, softmax" in result.output


def test_trace_json_uses_the_slides_names():
    result = run("trace", "deep", "--target", "0", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["input"] == [7, 1, -4]
    assert data["layers"][0]["z_in"] == [79, -70, 9, -26]
    assert data["layers"][2]["z_out"] == [0, 24, 0, 17]
    assert set(data["layers"][0]) >= {"z_in", "z_out", "grad_z_in", "grad_z_out", "grad_W", "grad_b"}
    np.testing.assert_allclose(data["output"], [0.867, 0.016, 0.117], atol=5e-4)
    assert data["loss"] == pytest.approx(-np.log(data["output"][0]))


def test_trace_without_target_has_no_gradients():
    data = json.loads(run("trace", "single-hidden", "--format", "json").output)
    assert "grad_W" not in data["layers"][0] and "loss" not in data


def test_trace_table_and_latex_show_the_worked_values():
    table = run("trace", "single-hidden").output
    assert "0.57" in table and "0.64" in table
    latex = run("trace", "deep", "--format", "latex").output
    # one aligned block per layer, for Beamer frames (issue 14): the formula, then its numbers
    assert r"= (W^{(1)})^T \mathbf{x} + \mathbf{b}^{(1)} = \begin{pmatrix} 13 & -9 & 2" in latex
    assert r"\mathbf{f} &= \tau(\mathbf{f}_{in})" in latex
    assert r"= \begin{bmatrix} 0.867 \\ 0.016 \\ 0.117 \end{bmatrix}" in latex


def test_trace_takes_x_and_a_spec_file(tmp_path):
    spec = tmp_path / "and.toml"
    spec.write_text('[[layers]]\nactivation = "step"\nW_T = [[1, 1]]\nb = [-1.5]\n')
    data = json.loads(run("trace", str(spec), "-x", "1,1", "--format", "json").output)
    assert data["output"] == [1.0]
    data = json.loads(run("trace", str(spec), "-x", "1 0", "--format", "json").output)
    assert data["output"] == [0.0]


@pytest.mark.parametrize("args,message", [
    (["trace", "nope"], "unknown network 'nope'"),
    (["trace", "deep", "-x", "1,2"], "x has 2 features, but deep expects 3"),
    (["trace", "deep", "-x", "1,a,3"], "is not a list of numbers"),
    (["trace", "deep", "-x", "1,nan,3"], "NaN"),
    (["trace", "deep", "--target", "5"], "class index 0..2"),
    (["trace", "deep", "--target", "0", "--loss", "hinge"], "unknown loss 'hinge'"),
    (["trace", "missing.json"], "missing.json: no such file"),
])
def test_bad_input_gives_one_line_and_exit_2(args, message):
    result = run(*args)
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and message in lines[0], result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("text,message", [
    ("[[layers]]\nW_T = [[1, 2]]\nb = [1]\n[[layers]]\nW = [[1], [2], [3]]\nb = [0]\n",
     "layer 2: W has 3 rows, but layer 1 has 1 neurons"),
    ("[[layers]]\nW_T = [[1, 2]]\nb = [1, 2]\n", "layer 1: b has 2 entries, but W_T gives 1 neurons"),
    ("[[layers]]\nW_T = [[1, 2]]\nb = [1]\nactivation = 'swish'\n", "activation 'swish' is unknown"),
    ("[[layers]]\nb = [1]\n", "give exactly one of W"),
    ("layers = 3\n", "'layers' must be a non-empty list"),
    ("[[layers]\n", "not valid TOML"),
    ("[[layers]]\nW_T = [[1, 'a']]\nb = [1]\n", "W_T must be a matrix of numbers"),
    ("input = [1]\n[[layers]]\nW_T = [[1, 2]]\nb = [1]\n", "input has 1 entries, but layer 1 takes 2"),
])
def test_malformed_specs_name_the_file_layer_and_field(tmp_path, text, message):
    spec = tmp_path / "bad.toml"
    spec.write_text(text)
    with pytest.raises(SpecError, match="bad.toml"):
        load_network(spec)
    result = run("trace", str(spec), "-x", "1,2")
    assert result.exit_code == 2 and message in result.output, result.output


def test_json_specs_load_and_malformed_json_is_one_line(tmp_path):
    good = tmp_path / "n.json"
    good.write_text(json.dumps({"layers": [{"W": [[2.0]], "b": [1.0], "activation": "relu"}]}))
    assert load_network(good).forward([3]).output[0, 0] == 7
    bad = tmp_path / "b.json"
    bad.write_text("{layers: ")
    result = run("trace", str(bad), "-x", "1")
    assert result.exit_code == 2 and "b.json: not valid JSON" in result.output


def test_train_saves_a_spec_and_history_that_load_back(tmp_path):
    out = tmp_path / "net.json"
    result = run("train", "xor", "--hidden", "6", "--steps", "300", "--lr", "0.05", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert str(out) in result.output and str(tmp_path / "net.history.npz") in result.output
    from nnviz.analysis.trained import load_trained

    trained = load_trained(out)
    assert trained.network.shape == (2, 6, 1) and trained.dataset == "xor"
    assert trained.history.loss[-1] < trained.history.loss[0]
    np.testing.assert_allclose(trained.history.parameters[-1], trained.network.parameters())


@pytest.mark.parametrize("args,message", [
    (["train", "xor", "--hidden", "8,x"], "--hidden"),
    (["train", "xor", "--hidden", "0"], "positive whole numbers"),
    (["train", "xor", "-o", "net.txt"], ".json"),
    (["train", "xor", "--optimizer", "lbfgs"], "lbfgs"),
])
def test_train_bad_input_writes_nothing(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = run(*args)
    assert result.exit_code == 2 and message in result.output, result.output
    assert not any(p.is_file() for p in tmp_path.rglob("*"))


def test_an_existing_output_survives_a_failed_write(tmp_path, monkeypatch):
    from nnviz.files import write_text

    target = tmp_path / "keep.json"
    target.write_text("good")

    class Boom(Exception):
        pass

    def explode(self, *a, **k):
        raise Boom

    monkeypatch.setattr("pathlib.Path.write_text", explode)
    with pytest.raises(Boom):
        write_text(target, "new")
    monkeypatch.undo()
    assert target.read_text() == "good"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.json"]


def test_import_nnviz_and_help_load_no_drawing_library():
    code = ("import sys, nnviz, nnviz.cli\n"
            "from click.testing import CliRunner\n"
            "CliRunner().invoke(nnviz.cli.cli, ['--help'])\n"
            "heavy = [m for m in sys.modules if m.split('.')[0] in ('manim', 'plotly', 'matplotlib')]\n"
            "print(heavy)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_written_files_get_the_usual_permissions(tmp_path):
    import os
    import stat

    from nnviz.files import write_text

    path = write_text(tmp_path / "page.html", "<html></html>")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask


def test_the_command_keeps_freed_memory_on_glibc():
    import platform

    from nnviz.runtime import keep_freed_memory

    if platform.libc_ver()[0] == "glibc":
        assert keep_freed_memory() is True
