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


# ---- issue #11: never harms what the user has -----------------------------------------------------
def _pair(folder):
    """The bytes of a trained pair, to compare before and after."""
    return {name: (folder / name).read_bytes() for name in ("net.json", "net.history.npz")}


@pytest.fixture
def old_pair(tmp_path):
    result = run("train", "xor", "--hidden", "4", "--steps", "50", "-o", str(tmp_path / "net.json"))
    assert result.exit_code == 0, result.output
    return _pair(tmp_path)


def _folder_listing(folder):
    return sorted(p.name for p in folder.iterdir())


def test_a_training_that_diverges_writes_nothing_and_keeps_the_old_pair(tmp_path, old_pair, monkeypatch):
    import importlib

    train_module = importlib.import_module("nnviz.engine.train")  # the module, not the function

    class Exploding(train_module.SGD):  # an optimizer whose weights overflow at its third step
        steps = 0

        def step(self, theta, grad):
            Exploding.steps += 1
            return theta * (float("inf") if Exploding.steps == 3 else 1.0) - self.lr * grad

    monkeypatch.setitem(train_module.OPTIMIZERS, "sgd", Exploding)
    result = run("train", "xor", "--hidden", "4", "--optimizer", "sgd", "--steps", "50",
                 "-o", str(tmp_path / "net.json"))
    assert result.exit_code == 2 and "training diverged" in result.stderr and "step 3" in result.stderr
    assert _pair(tmp_path) == old_pair and _folder_listing(tmp_path) == ["net.history.npz", "net.json"]


def test_a_save_that_fails_half_way_keeps_the_old_pair(tmp_path, old_pair, monkeypatch):
    import os

    real_replace, calls = os.replace, []

    def second_rename_fails(src, dst):  # the history lands, then the spec cannot: the old pair returns
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr("nnviz.files.os.replace", second_rename_fails)
    result = run("train", "xor", "--hidden", "4", "--steps", "60", "--seed", "3", "-o", str(tmp_path / "net.json"))
    monkeypatch.undo()
    assert result.exit_code == 2 and "the disk is full" in result.stderr, result.output
    assert _pair(tmp_path) == old_pair and _folder_listing(tmp_path) == ["net.history.npz", "net.json"]


def test_ctrl_c_between_the_two_renames_keeps_the_old_pair(tmp_path, old_pair, monkeypatch):
    import os

    real_replace, calls = os.replace, []

    def interrupted_second(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real_replace(src, dst)

    monkeypatch.setattr("nnviz.files.os.replace", interrupted_second)
    result = run("train", "xor", "--hidden", "4", "--steps", "60", "--seed", "3", "-o", str(tmp_path / "net.json"))
    monkeypatch.undo()
    assert result.exit_code == 130 and "nnviz: interrupted" in result.stderr
    assert _pair(tmp_path) == old_pair and _folder_listing(tmp_path) == ["net.history.npz", "net.json"]


def test_a_new_pair_replaces_both_files(tmp_path, old_pair):
    result = run("train", "xor", "--hidden", "4", "--steps", "60", "--seed", "3", "-o", str(tmp_path / "net.json"))
    assert result.exit_code == 0
    new = _pair(tmp_path)
    assert all(new[name] != old_pair[name] for name in new)
    assert json.loads(new["net.json"])["training"]["seed"] == 3


def test_ctrl_c_stops_train_with_exit_130_and_keeps_the_old_pair(tmp_path, old_pair):
    import os
    import signal
    import time

    nnviz = os.path.join(os.path.dirname(sys.executable), "nnviz")
    process = subprocess.Popen([nnviz, "train", "circles", "--steps", "400000", "-o", "net.json"], cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    # The estimate (over 30 s) is printed just before the training starts.
    assert "nnviz: train: estimated" in process.stderr.readline()
    time.sleep(1.0)
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the whole process group
    start = time.monotonic()
    rest = process.communicate(timeout=10)[1]
    assert process.returncode == 130 and time.monotonic() - start < 5
    assert rest.strip() == "nnviz: interrupted" and "Traceback" not in rest
    assert _pair(tmp_path) == old_pair and _folder_listing(tmp_path) == ["net.history.npz", "net.json"]


def test_ctrl_c_anywhere_in_a_command_exits_130(monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("nnviz.engine.network.Network.forward", interrupted)
    result = run("trace", "deep")
    assert result.exit_code == 130 and "nnviz: interrupted" in result.stderr and "Traceback" not in result.output


@pytest.mark.parametrize("args,message", [
    (["trace", "deep", "--lr", "1"], "nnviz: error: no such option '--lr' (did you mean one of: "),
    (["train", "circles", "--steps", "0"], "nnviz: error: invalid value for '--steps': 0 is not ≥ 1"),
    (["trane"], "nnviz: error: no such command 'trane'"),
])
def test_click_usage_errors_read_like_nnviz_errors(args, message):
    result = run(*args)
    assert result.exit_code == 2 and result.stderr.startswith(message), result.stderr
    assert len(result.stderr.splitlines()) == 1 and "Usage:" not in result.output and "Error:" not in result.output


def test_number_lists_are_click_types_shown_in_help():
    help_text = run("train", "--help").output
    assert "--hidden 8,8" in help_text and "--lr NUMBER" in help_text and "--force" in help_text
    assert "-x 7,1,-4" in run("trace", "--help").output


def test_scientific_counts_are_whole_numbers(tmp_path):
    result = run("train", "xor", "--hidden", "4", "--steps", "1e2", "--samples", "4e1", "-o", str(tmp_path / "n.json"))
    assert result.exit_code == 0, result.output
    training = json.loads((tmp_path / "n.json").read_text())["training"]
    assert (training["steps"], training["n"]) == (100, 40)


# ---- specs that are fine, though unusual -----------------------------------------------------------
def test_a_json_spec_with_a_byte_order_mark_and_an_uppercase_suffix_loads(tmp_path):
    spec = tmp_path / "Net.JSON"
    spec.write_bytes(b"\xef\xbb\xbf" + json.dumps({"layers": [{"W": [[2.0]], "b": [1.0]}]}).encode())
    result = run("trace", str(spec), "-x", "3", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["output"] == [7.0]


def test_names_with_control_characters_reach_the_terminal_escaped(tmp_path):
    spec = tmp_path / "evil\x1b[2J\x07.json"  # no name field: the name is the file's stem
    spec.write_text(json.dumps({"layers": [{"W": [[1.0]], "b": [0.0]}]}))
    table = run("trace", str(spec), "-x", "1").stdout
    assert "\x1b" not in table and "\x07" not in table and "evil\\x1b[2J\\x07: forward pass" in table
    error = run("trace", str(spec), "-x", "1,2").stderr
    assert "\x1b" not in error and "evil\\x1b[2J\\x07 expects 1" in error


def test_the_flag_of_a_library_parameter():
    from nnviz.cli import flag_for
    from nnviz.commands.engine import trace
    from nnviz.commands.landscape import landscape
    from nnviz.commands.regions import regions

    assert flag_for(landscape, "directions") == "--directions"
    assert flag_for(landscape, "include_bias") == "--include-bias"
    assert flag_for(regions, "polygon") == "--polygon"
    assert flag_for(trace, "x") == "-x"
    assert flag_for(trace, "network") == "NETWORK"


def test_a_library_error_with_a_parameter_names_the_flag(monkeypatch):
    from nnviz.errors import NnvizError

    def refuse(*args, **kwargs):
        raise NnvizError("expected a class index 0..2", parameter="target")

    monkeypatch.setattr("nnviz.engine.network.Network.backward", refuse)
    result = run("trace", "deep", "--target", "7")
    assert result.exit_code == 2 and result.stderr == "nnviz: error: --target: expected a class index 0..2\n"
    assert str(NnvizError("expected a class index 0..2", parameter="target")) == (
        "target: expected a class index 0..2")


# ---- shell completion ------------------------------------------------------------------------------
def _complete(words: str, cwd) -> list[str]:
    import os

    env = {**os.environ, "_NNVIZ_COMPLETE": "bash_complete", "COMP_WORDS": words,
           "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1))}
    code = ("import sys\nfrom nnviz.cli import cli\ntry:\n    cli(prog_name='nnviz')\nexcept SystemExit:\n    pass\n"
            "print('HEAVY', [m for m in sys.modules if m.split('.')[0] in ('manim', 'plotly', 'matplotlib')])\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=cwd, env=env, check=True)
    return out.stdout.splitlines()


def test_network_names_and_spec_files_complete_without_heavy_imports(tmp_path):
    (tmp_path / "net.json").write_text("{}")
    (tmp_path / "notes.txt").write_text("")
    (tmp_path / "specs").mkdir()
    lines = _complete("nnviz trace ", tmp_path)
    assert {"plain,deep", "plain,single-hidden", "plain,net.json", "plain,specs/"} <= set(lines)
    assert "plain,notes.txt" not in lines and lines[-1] == "HEAVY []"
    assert _complete("nnviz landscape de", tmp_path)[:-1] == ["plain,deep"]
    assert "plain,cross-entropy" in _complete("nnviz trace deep --loss c", tmp_path)
    assert _complete("nnviz explore de", tmp_path)[:-1] == ["plain,deep"]


def test_every_network_argument_and_option_completes_network_names():
    from nnviz.commands import COMMANDS
    from nnviz.commands.common import NetworkName

    networks = {(command.name, param.name): type(param.type).__name__ for command in COMMANDS
                for param in command.params if param.name == "network"}
    assert {"trace", "landscape", "boundary", "explore", "diagram", "convert", "render"} <= {c for c, _ in networks}
    assert set(networks.values()) == {NetworkName.__name__}, networks


# ---- one default loss, in the API and the CLI ------------------------------------------------------
@pytest.mark.parametrize("name,target", [("single-hidden", 1), ("deep", 0), ("multiclass", 2)])
def test_the_api_and_the_cli_give_the_same_gradients(name, target):
    net = load_network(name)
    api = net.backward(net.forward(net.default_input), target=target)
    printed = json.loads(run("trace", name, "--target", str(target), "--format", "json").stdout)
    assert printed["loss_function"] == api.loss_name
    assert printed["loss"] == pytest.approx(api.loss, rel=1e-12)
    for layer, recorded in zip(printed["layers"], api.layers):
        np.testing.assert_allclose(layer["grad_W"], recorded.grad_W, rtol=1e-12)
        np.testing.assert_allclose(layer["grad_b"], recorded.grad_b, rtol=1e-12)


def test_a_tiny_triangle_is_a_triangle(tmp_path):
    from nnviz.analysis.polygons import validate_polygon

    for corner in ((0.0, 0.0), (1000.0, -1000.0)):  # at the origin and far from it
        tiny = [[corner[0], corner[1]], [corner[0] + 1e-5, corner[1]], [corner[0], corner[1] + 1e-5]]
        np.testing.assert_array_equal(validate_polygon(tiny), tiny)  # kept, counter-clockwise as given
    result = run("regions", "--polygon", "0,0 0.00001,0 0,0.00001", "--resolution", "20",
                 "-o", str(tmp_path / "tiny.html"))
    assert result.exit_code == 0, result.output
    with pytest.raises(Exception, match="at least 3 distinct, non-collinear points"):
        validate_polygon([[0, 0], [1e-5, 1e-5], [2e-5, 2e-5]])


def test_terminal_text_escapes_controls_and_keeps_the_rest():
    from nnviz.commands.common import terminal_text

    assert terminal_text("ünïcode σ(z) ≥ 0 👩\u200d🔬\n\tend") == "ünïcode σ(z) ≥ 0 👩\u200d🔬\n\tend"
    assert terminal_text("a\x1b]0;title\x07b\rc\u202ed\x9b") == "a\\x1b]0;title\\x07b\\x0dc\\u202ed\\x9b"
    assert terminal_text("one\ntwo", keep_newlines=False) == "one\\x0atwo"


def test_nnviz_alone_shows_the_help_and_version_works():
    alone = run()
    assert alone.exit_code == 2 and alone.stderr.startswith("Usage: ") and "trace" in alone.stderr
    version = run("--version")
    assert version.exit_code == 0 and "version" in version.stdout


def test_render_checks_every_scene_s_own_numbers_before_manim_starts():
    """Each scene's slide network, input and target pass the edge's checks (none refused by default);
    the same scene with a target its loss cannot compare with is refused in one line."""
    from nnviz.commands.render import check_numbers, scene_options
    from nnviz.errors import NnvizError
    from nnviz.render import list_scenes

    checked = 0
    for scene in list_scenes():
        check_numbers(scene.name, scene_options(None, None, None, None, None, "light"))
        checked += scene.default_network is not None
    assert checked >= 8
    with pytest.raises(NnvizError, match=r"--target 3: binary-cross-entropy compares with probabilities in \[0, 1\]"):
        check_numbers("backprop", scene_options(None, None, [3.0], None, None, "light"))
