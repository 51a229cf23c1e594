"""The bad-input suite: every kind of bad input, for every command that reads a spec or a number.

Each case runs one command (in process, with click's runner) from a scratch folder that already
holds the user's files (a trained network pair, a figure, a notes file) and asserts what the README
promises: exit status 2, exactly one line on stderr (``nnviz: error: …``, naming what was wrong),
no traceback, and not one file written, changed or removed anywhere in the folder.

The table is generated: each cause is a list of inputs (a spec's bytes, an option's value), crossed
with the commands it reaches. ``CASES`` is what the README's "Reliability" section counts.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

from nnviz.cli import cli

SPEC_COMMANDS = {  # every command that reads a NETWORK, with what it needs to get to the spec
    "trace": ["trace", "{spec}", "-x", "1,1"],
    "landscape": ["landscape", "{spec}", "--dataset", "circles", "-o", "out/l.html"],
    "boundary": ["boundary", "{spec}", "-o", "out/b.svg"],
    "linear-regions": ["linear-regions", "{spec}", "-o", "out/r.html"],
    "diagram": ["diagram", "{spec}", "-x", "1,1", "-o", "out/d.svg"],
    "convert": ["convert", "{spec}", "-o", "out/net.toml"],
    "explore": ["explore", "{spec}", "-x", "1,1", "-o", "out/e.html"],
}
NO_TRAINING = ("trace", "diagram", "convert", "explore")  # they make no data and read no history
GOOD = {"layers": [{"activation": "relu", "W": [[1.0, -1.0], [0.5, 2.0]], "b": [0.0, 1.0]},
                   {"activation": "sigmoid", "W": [[1.0], [-1.0]], "b": [0.5]}]}


def spec(**changes) -> bytes:
    """The good 2-2-1 spec as JSON, with top-level fields replaced (None removes a field)."""
    data = {**GOOD, **changes}
    return json.dumps({k: v for k, v in data.items() if v is not None}).encode()


def layer(**changes) -> bytes:
    """The good spec with its first layer's fields replaced."""
    first = {**GOOD["layers"][0], **changes}
    return spec(layers=[{k: v for k, v in first.items() if v is not None}, GOOD["layers"][1]])


def trained(**meta) -> bytes:
    return spec(training={"dataset": "circles", "n": 50, "seed": 0, **meta})


# ---- causes that reach every spec-reading command: (id, file name, bytes, expected words) -----------
SPEC_CAUSES = [
    ("binary", "bin.json", b"\xff\xfe\x00\x01PK\x03\x04", "not UTF-8 text"),
    ("latin-1", "latin.toml", "name = \"Gödel\"\n".encode("latin-1"), "not UTF-8 text"),
    ("nested-json", "deep.json", b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ("nested-toml", "deep.toml", b"a = " + b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ("nested-layers", "nest.json", spec(layers=[[[[[[1]]]]]]), "layer 1: expected a table"),
    ("huge-int", "int.json", b'{"layers": [{"W": [[1' + b"0" * 400 + b']], "b": [0]}]}', "too large for a float"),
    ("huge-digits", "digits.json", b'{"layers": [{"W": [[' + b"9" * 5000 + b']], "b": [0]}]}', "digits"),
    ("folder", "folder.json", None, "is a folder"),
    ("missing", "missing.json", "absent", "no such file"),
    ("empty", "empty.json", b"", "not valid JSON"),
    ("top-list", "list.json", b"[1, 2]", "expected a table"),
    ("nan", "nan.json", b'{"layers": [{"W": [[NaN]], "b": [0]}]}', "NaN or infinity"),
    ("ragged", "ragged.json", layer(W=[[1.0, 2.0], [3.0]]), "must be a matrix of numbers"),
    ("strings", "str.json", layer(W=[["1", "2"], ["3", "4"]]), "must be a matrix of numbers"),
    ("booleans", "bool.json", layer(W=[[True, False], [False, True]]), "must be a matrix of numbers"),
    ("zero-neurons", "zn.json", layer(W=[[], []], b=[]), "at least 1 input and 1 neuron"),
    ("zero-inputs", "zi.json", spec(layers=[{"W_T": [[]], "b": [0]}]), "at least 1 input and 1 neuron"),
    ("dict-labels", "dl.json", layer(labels=[{"a": 1}, "z"]), "labels[1] must be a string"),
    ("number-labels", "nl.json", layer(labels=[1, 2]), "labels[1] must be a string"),
    ("label-count", "lc.json", layer(labels=["a"]), "labels must be a list of 2 names"),
    ("nul-label", "nul.json", layer(labels=["a\x00b", "c"]), "control character"),
    ("nul-name", "nuln.json", spec(name="net\x00"), "control character"),
    ("escape-name", "esc.json", spec(name="evil\x1b[2J\x07"), "control character"),
    ("dict-name", "dn.json", spec(name={"x": 1}), "name must be a string"),
    ("long-name", "ln.json", spec(name="n" * 5000), "at most 200"),
    ("input-labels", "il.json", spec(input_labels=[None, "x"]), "input_labels[1] must be a string"),
    ("dict-target", "dt.json", spec(target={"y": 1}), "target must be"),
    ("target-2", "t2.json", spec(target=2), "target 2: binary-cross-entropy compares with probabilities in [0, 1]"),
    ("target-negative", "tn1.json", spec(target=[-1]), "target -1: binary-cross-entropy compares"),
    ("bad-loss", "bl.json", spec(loss="hinge"), "unknown loss"),
    ("bad-activation", "ba.json", layer(activation="swish"), "activation 'swish' is unknown"),
    ("list-activation", "la.json", layer(activation=["relu"]), "is unknown"),
    ("training-string", "ts.json", spec(training="circles"), "training must be a table"),
    ("training-n-text", "tn.json", trained(n="lots"), "training.n must be a whole number"),
    ("training-n-negative", "tneg.json", trained(n=-5), "training.n must be a whole number"),
    ("training-n-fraction", "tf.json", trained(n=2.5), "training.n must be a whole number"),
    ("training-n-tiny", "tt.json", trained(n=2), "at least 4 points"),
    ("training-n-1e10", "tbig.json", trained(n=1e10), "--force"),
    ("training-seed", "tsd.json", trained(seed=-1), "training.seed must be a whole number"),
    ("training-seed-text", "tst.json", trained(seed="x"), "training.seed must be a whole number"),
    ("training-dataset", "tds.json", trained(dataset="mnist"), "unknown dataset 'mnist'"),
    ("training-dataset-number", "tdn.json", trained(dataset=5), "training.dataset must be a string"),
    ("history-up", "hu.json", trained(history="../net.history.npz"), "training.history must be a file name"),
    ("history-absolute", "ha.json", trained(history="/etc/passwd"), "training.history must be a file name"),
    ("history-number", "hn.json", trained(history=7), "training.history must be a string"),
    ("history-junk", "hj.json", trained(history="junk.history.npz"), "not a training history"),
    ("lr-text", "lr.json", trained(lr="fast"), "training.lr must be a finite number"),
]
TRACE_IGNORES = (  # NO_TRAINING's commands make no data and read no history
    "training-n-1e10", "training-dataset", "history-junk")
COMMAND_CAUSES = [  # causes that only some commands can meet: (id, command, extra files, expected words)
    ("overflow-trace", ["trace", "{in}/overflow.json", "-x", "1,1"], "overflows"),
    ("overflow-boundary", ["boundary", "{in}/overflow.json", "-o", "out/b.png"], "overflows"),
    ("overflow-landscape", ["landscape", "{in}/overflow.json", "--dataset", "circles", "-o", "out/l.svg"],
     "overflows"),
    ("huge-landscape", ["landscape", "{huge}", "--dataset", "circles", "-o", "out/l.html"], "--force"),
    ("huge-boundary", ["boundary", "{huge}", "-o", "out/b.html"], "--force"),
    ("huge-linear", ["linear-regions", "{huge}", "-o", "out/r.html"], "--force"),
    ("tanh-linear-regions", ["linear-regions", "{in}/tanh.json", "-o", "out/r.html"], "need ReLU"),
    ("overflow-explore", ["explore", "{in}/overflow.json", "-x", "1,1", "-o", "out/e.html"], "overflows"),
    ("huge-explore", ["explore", "{huge}", "-x", "1,1", "-o", "out/e.html"], "draws at most"),
    ("three-inputs-boundary", ["boundary", "deep", "-o", "out/b.html"], "need a network with 2 inputs"),
]
EXTRA_FILES = {
    "overflow.json": spec(layers=[{"activation": "identity", "W": [[1e300], [1e300]], "b": [0.0]},
                                  {"activation": "identity", "W": [[1e300]], "b": [0.0]}]),
    "tanh.json": layer(activation="tanh"),
    "junk.history.npz": b"PK\x03\x04 this is not a zip",
    "bin.json": b"\xff\xfe\x00\x01PK\x03\x04",
    "folder.json": None,
    "zn.json": layer(W=[[], []], b=[]),
    "esc.json": spec(name="evil\x1b[2J\x07"),
}

NUMBER_CASES = [  # (id, args, expected words)
    # train
    *[(f"train-lr-{v}", ["train", "circles", "--lr", v, "-o", "out/net.json"], "--lr")
      for v in ("nan", "inf", "-inf", "-1", "0", "1e308", "fast", "")],
    *[(f"train-hidden-{v or 'empty'}", ["train", "xor", "--hidden", v, "-o", "out/net.json"], "--hidden")
      for v in ("0", "-3", "8,x", "2.5", "", "nan")],
    ("train-huge-hidden", ["train", "circles", "--hidden", "20000,20000", "-o", "out/net.json"], "--force"),
    ("train-huge-samples", ["train", "circles", "--samples", "1e8", "-o", "out/net.json"], "--force"),
    ("train-huge-steps", ["train", "circles", "--steps", "1e9", "-o", "out/net.json"], "--force"),
    *[(f"train-samples-{v}", ["train", "circles", "--samples", v, "-o", "out/net.json"], "--samples")
      for v in ("3", "-5", "1.5", "many", "1e400")],
    *[(f"train-steps-{v}", ["train", "circles", "--steps", v, "-o", "out/net.json"], "--steps")
      for v in ("0", "-1", "nan")],
    ("train-batch-0", ["train", "circles", "--batch-size", "0", "-o", "out/net.json"], "--batch-size"),
    *[(f"train-seed-{v}", ["train", "circles", "--seed", v, "-o", "out/net.json"], "--seed")
      for v in ("-1", "x", "1.5", str(2**64))],
    ("train-loss-hinge", ["train", "circles", "--loss", "hinge", "-o", "out/net.json"], "unknown loss 'hinge'"),
    ("train-loss-ce-binary", ["train", "circles", "--loss", "cross-entropy", "-o", "out/net.json"], "2 classes"),
    ("train-loss-bce-3", ["train", "blobs", "--loss", "bce", "-o", "out/net.json"], "3 classes"),
    ("train-optimizer", ["train", "circles", "--optimizer", "lbfgs", "-o", "out/net.json"], "lbfgs"),
    ("train-dataset", ["train", "mnist", "-o", "out/net.json"], "mnist"),
    ("train-suffix", ["train", "circles", "-o", "out/net.txt"], ".json"),
    # landscape
    *[(f"landscape-span-{v}", ["landscape", "single-hidden", "--span", v, "-o", "out/l.html"], "--span")
      for v in ("inf", "nan", "0", "-1", "1e308", "wide")],
    *[(f"landscape-seed-{v}", ["landscape", "single-hidden", "--seed", v, "-o", "out/l.html"], "--seed")
      for v in ("-1", "x")],
    *[(f"landscape-resolution-{v}", ["landscape", "single-hidden", "--resolution", v, "-o", "out/l.html"],
       "--resolution") for v in ("1", "0", "x")],
    ("landscape-resolution-20000", ["landscape", "{in}/net.json", "--resolution", "20000", "-o", "out/l.html"],
     "--force"),
    ("landscape-samples-2", ["landscape", "{in}/net.json", "--samples", "2", "-o", "out/l.html"], "--samples"),
    ("landscape-samples-huge", ["landscape", "{in}/net.json", "--samples", "1e10", "-o", "out/l.html"], "--force"),
    ("landscape-suffix", ["landscape", "single-hidden", "-o", "out/l.txt"], "expected .html"),
    ("landscape-dataset-3-inputs", ["landscape", "deep", "--dataset", "circles", "-o", "out/l.html"], "2 inputs"),
    ("landscape-pca-without-history", ["landscape", "single-hidden", "--directions", "pca", "-o", "out/l.html"],
     "history"),
    ("landscape-directions", ["landscape", "single-hidden", "--directions", "up", "-o", "out/l.html"],
     "--directions"),
    ("landscape-to-missing", ["landscape", "{in}/net.json", "--view", "interpolation", "--to", "none.json",
                              "-o", "out/l.html"], "no such file"),
    # regions
    *[(f"regions-polygon-{name}", ["regions", "--polygon", text, "-o", "out/r.html"], words) for name, text, words in (
        ("empty", "", "no points given"), ("blank", "   ", "no points given"), ("one", "1,2", "at least 3"),
        ("letters", "a,b c,d e,f", "not a point"), ("triple", "0,0,0 1,0 0,1", "not a point x,y"),
        ("1e300", "1e300,0 0,1e300 -1e300,0", "within ±1e+06"), ("nan", "nan,0 1,0 0,1", "within"),
        ("inf", "0,0 inf,0 0,1", "within"), ("crossing", "0,0 1,1 1,0 0,1", "intersects itself"),
        ("collinear", "0,0 1,1 2,2", "at least 3"))],
    ("regions-500-vertices", ["regions", "--polygon", " ".join(
        f"{(1 + (i % 2)) * __import__('math').cos(i / 80):.6f},{(1 + (i % 2)) * __import__('math').sin(i / 80):.6f}"
        for i in range(500)), "-o", "out/r.html"], "--force"),
    *[(f"regions-soft-{v}", ["regions", "--soft", v, "-o", "out/r.html"], "--soft")
      for v in ("1e308", "0", "-1", "nan", "inf", "steep")],
    *[(f"regions-resolution-{v}", ["regions", "--resolution", v, "-o", "out/r.html"], "--resolution")
      for v in ("5", "100000", "x")],
    ("regions-preset", ["regions", "--preset", "hexagon", "-o", "out/r.html"], "--preset"),
    ("regions-suffix", ["regions", "-o", "out/r.gif"], "expected .html"),
    # linear-regions, boundary, polar
    *[(f"linear-resolution-{v}", ["linear-regions", "{in}/relu.json", "--resolution", v, "-o", "out/r.html"],
       "--resolution") for v in ("5", "x", "1e9")],
    ("boundary-dataset", ["boundary", "{in}/net.json", "--dataset", "mnist", "-o", "out/b.html"], "--dataset"),
    *[(f"polar-seed-{v}", ["polar", "--seed", v, "-o", "out/p.html"], "--seed") for v in ("-1", "x")],
    *[(f"polar-samples-{v}", ["polar", "--samples", v, "-o", "out/p.html"], "--samples") for v in ("2", "x")],
    ("polar-samples-huge", ["polar", "--samples", "1e9", "-o", "out/p.html"], "--force"),
    # trace
    ("trace-x-1e308", ["trace", "deep", "-x", "1e308,1e308,1e308"], "beyond ±1e+100"),
    *[(f"trace-x-{name}", ["trace", "deep", "-x", text], words) for name, text, words in (
        ("nan", "1,nan,3", "NaN"), ("empty", "", "no numbers"), ("letters", "1,a,3", "not a list of numbers"),
        ("short", "1,2", "x has 2 features, but deep expects 3"), ("1e400", "1e400,1,1", "NaN or infinity"))],
    *[(f"trace-target-{name}", ["trace", "single-hidden", "--target", text], words) for name, text, words in (
        ("2", "2", "in [0, 1]"), ("-1", "-1", "in [0, 1]"), ("nan", "nan", "NaN"), ("x", "x", "--target"))],
    ("trace-class-5", ["trace", "deep", "--target", "5"], "class index 0..2"),
    ("trace-probabilities", ["trace", "deep", "--target", "0.5,2,-1.5"], "in [0, 1]"),
    ("trace-loss-hinge", ["trace", "deep", "--target", "0", "--loss", "hinge"], "unknown loss 'hinge'"),
    ("trace-loss-without-target", ["trace", "deep", "--loss", "l2"], "--loss needs --target"),
    ("trace-format", ["trace", "deep", "--format", "xml"], "--format"),
    ("trace-unknown", ["trace", "nope"], "unknown network 'nope'"),
    # diagram
    *[(f"diagram-{name}", ["diagram", *args, "-o", "out/d.svg"], words) for name, args, words in (
        ("x-nan", ["deep", "-x", "1,nan,3"], "NaN"), ("x-short", ["deep", "-x", "1,2"], "expects 3"),
        ("x-1e308", ["deep", "-x", "1e308,1e308,1e308"], "beyond ±1e+100"),
        ("overflow", ["{in}/overflow.json", "-x", "1,1"], "overflows"),
        ("target-out-of-range", ["single-hidden", "--target", "2"], "in [0, 1]"),
        ("class-5", ["deep", "--target", "5"], "class index 0..2"),
        ("loss-hinge", ["deep", "--target", "0", "--loss", "hinge"], "unknown loss 'hinge'"),
        ("dpi-0", ["deep", "--dpi", "0"], "--dpi"), ("neurons-1", ["deep", "--max-neurons", "1"], "--max-neurons"),
        ("show", ["deep", "--show", "colours"], "--show"), ("theme", ["deep", "--theme", "neon"], "--theme"))],
    ("diagram-suffix", ["diagram", "deep", "-o", "out/d.gif"], ".svg, .pdf, .png or .tex"),
    # explore: the page computes in the browser, so the command checks what it would show
    *[(f"explore-{name}", ["explore", *args, "-o", "out/e.html"], words) for name, args, words in (
        ("x-nan", ["deep", "-x", "1,nan,3"], "NaN"), ("x-short", ["deep", "-x", "1,2"], "expects 3"),
        ("x-1e308", ["deep", "-x", "1e308,1e308,1e308"], "beyond ±1e+100"), ("x-empty", ["deep", "-x", ""], "-x"),
        ("target-2", ["single-hidden", "--target", "2"], "in [0, 1]"),
        ("target-negative", ["single-hidden", "--target", "-1"], "in [0, 1]"),
        ("probabilities", ["deep", "--target", "0.5,2,-1.5"], "in [0, 1]"),
        ("class-5", ["deep", "--target", "5"], "class index 0..2"),
        ("target-nan", ["deep", "--target", "nan"], "--target"),
        ("loss-hinge", ["deep", "--target", "0", "--loss", "hinge"], "unknown loss 'hinge'"),
        ("loss-without-target", ["deep", "--loss", "l2"], "--loss needs --target"),
        ("precision", ["deep", "--precision", "7"], "--precision"), ("theme", ["deep", "--theme", "neon"], "--theme"),
        ("lab-with-x", ["softmax-lab", "-x", "1,2"], "softmax-lab takes no"),
        ("unknown", ["nope"], "unknown network 'nope'"))],
    ("explore-suffix", ["explore", "deep", "-o", "out/e.svg"], "expected a .html file"),
    # render: the scene's options (each case starts manim, so a few, not every spec)
    *[(f"render-{name}", ["render", "gradient-step", *args, "-o", "out/v.mp4"], words) for name, args, words in (
        ("lr-inf", ["--lr", "inf"], "--lr"), ("lr-nan", ["--lr", "nan"], "--lr"),
        ("lr-negative", ["--lr", "-1"], "--lr"), ("fps-0", ["--fps", "0"], "--fps"),
        ("fps-nan", ["--fps", "nan"], "--fps"), ("fps-negative", ["--fps", "-5"], "--fps"),
        ("size-0", ["--size", "0x0"], "size"), ("x-nan", ["-x", "1,nan,3"], "NaN"),
        ("network-binary", ["--network", "{in}/bin.json"], "not UTF-8 text"),
        ("network-folder", ["--network", "{in}/folder.json"], "is a folder"),
        ("network-zero", ["--network", "{in}/zn.json"], "at least 1 input and 1 neuron"),
        ("network-escape", ["--network", "{in}/esc.json"], "control character"),
        ("x-1e308", ["-x", "1e308,1e308,1e308"], "beyond ±1e+100"), ("x-letters", ["-x", "1,a,3"], "'-x'"),
        ("target-2", ["--target", "2"], "--target 2: binary-cross-entropy compares with probabilities in [0, 1]"),
        ("target-negative", ["--target", "-1"], "in [0, 1]"), ("target-nan", ["--target", "nan"], "--target"),
        ("loss-hinge", ["--loss", "hinge"], "invalid value for '--loss': unknown loss 'hinge'"),
        ("network-overflow", ["--network", "{in}/overflow.json", "-x", "1,1"], "overflows"))],
    *[(f"render-{scene}-{name}", ["render", scene, *args, "-o", "out/v.mp4"], words) for scene, name, args, words in (
        ("backprop", "target-7", ["--target", "7"], "in [0, 1]"),
        ("softmax-jacobian", "class-7", ["--target", "7"], "class index 0..2"),
        ("deep-forward", "probabilities", ["--target", "0.5,2,-1.5"], "in [0, 1]"),
        ("polar-morph", "network", ["--network", "deep"], "takes no --network or -x"),
        ("montufar-fold", "x", ["-x", "1,2"], "takes no --network or -x"))],
    ("render-unknown-scene", ["render", "no-such-scene", "-o", "out/v.mp4"], "no-such-scene"),
    # the command line itself
    ("unknown-command", ["trane", "circles"], "no such command 'trane'"),
    ("unknown-option", ["trace", "deep", "--lr", "1"], "no such option '--lr'"),
    ("missing-argument", ["trace"], "missing argument 'NETWORK'"),
    ("extra-argument", ["networks", "deep"], "unexpected extra argument"),
]
OUTPUT_CASES = [  # writing where nothing can be written: (id, args, expected words)
    *[(f"{name}-under-a-file", [*args, "-o", f"out/notes.txt/{target}"], "cannot write")
      for name, args, target in (
          ("train", ["train", "xor", "--steps", "5"], "net.json"), ("regions", ["regions"], "r.html"),
          ("boundary", ["boundary", "{in}/net.json"], "b.svg"), ("polar", ["polar"], "p.png"),
          ("landscape", ["landscape", "single-hidden", "--resolution", "5"], "l.html"),
          ("linear-regions", ["linear-regions", "{in}/relu.json", "--resolution", "20"], "r.png"),
          ("explore", ["explore", "deep"], "e.html"))],
    *[(f"{name}-name-too-long", [*args, "-o", "out/" + "n" * 300 + suffix], "cannot write")
      for name, args, suffix in (
          ("train", ["train", "xor", "--steps", "5"], ".json"), ("regions", ["regions"], ".svg"),
          ("polar", ["polar"], ".html"))],
    *[(f"{name}-onto-a-folder", [*args, "-o", "out/folder" + suffix], "folder")
      for name, args, suffix in (("regions", ["regions"], ".html"), ("train", ["train", "xor", "--steps", "5"],
                                                                      ".json"))],
]


@dataclass
class Case:
    id: str
    args: list[str]
    words: str
    files: dict[str, bytes | None | str] = field(default_factory=dict)


def _cases() -> list[Case]:
    cases = []
    for cause, name, data, words in SPEC_CAUSES:
        for command, args in SPEC_COMMANDS.items():
            if cause.startswith(("training", "history", "lr-")) and command in NO_TRAINING:
                continue  # trace reads no training table: those fields are checked when the spec loads, below
            cases.append(Case(f"{command}-{cause}", [a.replace("{spec}", f"{{in}}/{name}") for a in args], words,
                              {name: data, **EXTRA_FILES}))
    for cause, name, data, words in SPEC_CAUSES:
        # trace makes no data and reads no history: a size, a dataset or a history it never uses is no error
        if cause.startswith(("training", "history", "lr-")) and cause not in TRACE_IGNORES:
            for command in NO_TRAINING:
                cases.append(Case(f"{command}-{cause}", [a.replace("{spec}", f"{{in}}/{name}")
                                                         for a in SPEC_COMMANDS[command]], words,
                                  {name: data, **EXTRA_FILES}))
    cases += [Case(i, args, words, EXTRA_FILES) for i, args, words in COMMAND_CAUSES]
    cases += [Case(i, args, words, EXTRA_FILES) for i, args, words in NUMBER_CASES]
    cases += [Case(i, args, words, EXTRA_FILES) for i, args, words in OUTPUT_CASES]
    return cases


CASES = _cases()


@pytest.fixture(scope="module")
def user_files(tmp_path_factory) -> Path:
    """What a user already has: a trained pair, a ReLU net, notes, a figure; made once, copied per case."""
    folder = tmp_path_factory.mktemp("user")
    runner = CliRunner()
    for args in (["train", "circles", "--steps", "30", "--samples", "40", "-o", str(folder / "in/net.json")],
                 ["train", "circles", "--steps", "30", "--samples", "40", "--activation", "relu",
                  "-o", str(folder / "in/relu.json")]):
        assert runner.invoke(cli, args).exit_code == 0
    (folder / "out").mkdir()
    (folder / "out/notes.txt").write_text("my notes\n")
    (folder / "out/folder.html").mkdir()
    (folder / "out/folder.json").mkdir()
    (folder / "out/secret.txt").write_text("private\n")
    (folder / "out/secret.txt").chmod(0o600)
    (folder / "out/l.html").write_text("<html>an older page</html>")
    return folder


@pytest.fixture(scope="module")
def huge_spec(tmp_path_factory) -> Path:
    """A 2-300,000-1 network: loading it is fine, every grid over it is not."""
    path, width = tmp_path_factory.mktemp("huge") / "huge.json", 300_000
    row = "[" + ",".join(["0.001"] * width) + "]"
    path.write_text('{"layers": [{"activation": "relu", "W": [' + row + "," + row + '], "b": '
                    + "[" + ",".join(["0"] * width) + ']}, {"activation": "sigmoid", "W": '
                    + "[" + ",".join(["[0.001]"] * width) + '], "b": [0]}]}')
    return path


def snapshot(folder: Path) -> dict[str, tuple]:
    """Every file and folder under ``folder``: kind, mode and content hash."""
    out = {}
    for path in sorted(folder.rglob("*")):
        stat = path.lstat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"
        out[str(path.relative_to(folder))] = (stat.st_mode, digest)
    return out


def run_case(case: Case, folder: Path, huge: Path | None = None):
    args = [a.replace("{in}", str(folder / "in")).replace("{huge}", str(huge)) for a in case.args]
    return CliRunner().invoke(cli, args)


def assert_one_line(result, words: str) -> str:
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr, result.exception)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("nnviz: error: ") and "Traceback" not in result.stderr + result.stdout
    assert words in lines[0], lines[0]
    assert "\x1b" not in lines[0] and "\x00" not in lines[0] and "\x07" not in lines[0]
    return lines[0]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_is_one_line_exit_2_and_changes_nothing(case, user_files, tmp_path, monkeypatch, request):
    import shutil

    folder = tmp_path / "scratch"
    shutil.copytree(user_files, folder, symlinks=True)
    huge = request.getfixturevalue("huge_spec") if "{huge}" in " ".join(case.args) else None
    monkeypatch.chdir(folder)
    for name, data in case.files.items():  # inputs are part of what must not change: write them first
        if isinstance(data, bytes):
            (folder / "in" / name).write_bytes(data)
        elif data is None:
            (folder / "in" / name).mkdir(exist_ok=True)
    before = snapshot(folder)
    result = run_case(case, folder, huge)
    assert_one_line(result, case.words)
    assert snapshot(folder) == before


def test_the_suite_covers_every_command_that_reads_a_spec_or_a_number():
    commands = {case.args[0] for case in CASES}
    assert commands >= {"trace", "train", "landscape", "boundary", "linear-regions", "regions", "polar", "diagram",
                        "convert", "explore", "render"}
    assert len(CASES) >= 250, len(CASES)


def test_debug_shows_the_traceback_instead(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("[1]")
    result = CliRunner().invoke(cli, ["--debug", "trace", str(bad)])
    assert result.exit_code == 1 and type(result.exception).__name__ == "SpecError"


# ---- folders nnviz cannot write: read-only, and a full disk ------------------------------------------
WRITERS = {
    "train": (["train", "xor", "--steps", "5", "--samples", "20"], "net.json"),
    "regions": (["regions", "--resolution", "20"], "r.html"),
    "boundary": (["boundary", "{in}/net.json"], "b.svg"),
    "polar": (["polar", "--samples", "20"], "p.png"),
    "landscape": (["landscape", "single-hidden", "--resolution", "5"], "l.pdf"),
    "linear-regions": (["linear-regions", "{in}/relu.json", "--resolution", "20"], "r.html"),
    "diagram": (["diagram", "deep"], "d.pdf"),
    "convert": (["convert", "deep"], "net.toml"),
    "explore": (["explore", "deep"], "e.html"),
}


@contextlib.contextmanager
def unwritable_folder(path: Path, kind: str):
    """A folder holding a user's file, made read-only or full: a small tmpfs as root, chmod otherwise."""
    path.mkdir()
    if os.geteuid() != 0:
        if kind == "full":
            pytest.skip("a full disk is a small tmpfs, which only root can mount")
        (path / "keep.txt").write_text("the user's file\n")
        path.chmod(0o555)
        try:
            yield
        finally:
            path.chmod(0o755)
        return
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(path)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here (no CAP_SYS_ADMIN)")
    try:
        (path / "keep.txt").write_text("the user's file\n")
        if kind == "read-only":
            subprocess.run(["mount", "-o", "remount,ro", str(path)], check=True)
        else:
            with open(path / "filler.bin", "wb", buffering=0) as filler, contextlib.suppress(OSError):
                while True:
                    filler.write(b"\0" * 4096)
        yield
    finally:
        subprocess.run(["umount", "--lazy", str(path)], check=True)


@pytest.mark.parametrize("kind", ["read-only", "full"])
@pytest.mark.parametrize("command", WRITERS)
def test_a_folder_that_cannot_be_written_is_one_line_and_keeps_its_files(command, kind, user_files, tmp_path,
                                                                         monkeypatch):
    import shutil

    folder = tmp_path / "scratch"
    shutil.copytree(user_files, folder)
    monkeypatch.chdir(folder)
    args, target = WRITERS[command]
    with unwritable_folder(folder / "locked", kind):
        before = snapshot(folder)
        result = run_case(Case(command, [*args, "-o", f"locked/{target}"], ""), folder)
        line = assert_one_line(result, f"cannot write locked/{target}")
        assert ("read-only" in line or "permission denied" in line) if kind == "read-only" else "disk is full" in line
        assert snapshot(folder) == before


def test_the_readme_counts_these_cases():
    readme = " ".join((Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8").split())
    assert f"**{len(CASES)} bad inputs**" in readme, len(CASES)
    assert f"**{2 * len(WRITERS)} runs into a read-only folder and onto a full disk**" in readme


def test_an_unreadable_spec_is_one_line(tmp_path, monkeypatch):
    spec_file = tmp_path / "locked.json"
    spec_file.write_bytes(spec())
    if os.geteuid() == 0:  # root reads any file: make this one refuse the way a 0000 file refuses others
        real = Path.read_bytes

        def refuse(self):
            if self == spec_file:
                raise PermissionError(13, "Permission denied", str(self))
            return real(self)

        monkeypatch.setattr(Path, "read_bytes", refuse)
    else:
        spec_file.chmod(0)
    result = CliRunner().invoke(cli, ["trace", str(spec_file), "-x", "1,1"])
    assert_one_line(result, "locked.json: cannot read it (permission denied)")
