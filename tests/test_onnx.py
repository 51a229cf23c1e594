"""ONNX models read by nnviz: forward passes equal onnxruntime's; what nnviz cannot read says so in one line."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from click.testing import CliRunner
from onnx_graphs import input_info, make_model, mlp, run_onnxruntime

from nnviz import load_network, save_network
from nnviz.cli import cli
from nnviz.errors import NnvizError

onnx = pytest.importorskip("onnx")
from onnx import TensorProto, helper, numpy_helper  # noqa: E402

HIDDEN = ["relu", "sigmoid", "tanh", "identity"]
OUTPUTS = {1: ("sigmoid", 1), 2: ("softmax", 3), 3: (None, 2), 4: ("tanh", 2)}  # depth → output, width
TOLERANCE = {np.float32: 1e-6, np.float64: 1e-12}


def save(model, tmp_path, name="model.onnx"):
    path = tmp_path / name
    onnx.save(model, str(path))
    return path


def assert_same_as_onnxruntime(path, net, n_inputs, dtype, shape=None):
    X = np.random.default_rng(11).normal(size=(64, n_inputs)).astype(dtype)
    (theirs, *_) = run_onnxruntime(path, X if shape is None else X.reshape(shape))
    ours = net.predict(X.astype(float))
    scale = np.abs(theirs).max()
    np.testing.assert_allclose(ours, theirs, rtol=TOLERANCE[dtype], atol=TOLERANCE[dtype] * scale)


@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=["float32", "float64"])
@pytest.mark.parametrize("style, trans_b", [("gemm", False), ("gemm", True), ("matmul", False)],
                         ids=["Gemm", "Gemm-transB", "MatMul+Add"])
@pytest.mark.parametrize("hidden", HIDDEN)
@pytest.mark.parametrize("depth", [1, 2, 3, 4])
def test_forward_pass_equals_onnxruntime(tmp_path, depth, hidden, style, trans_b, dtype):
    output, width = OUTPUTS[depth]
    sizes = [3, *[5, 4, 6][: depth - 1], width]
    model, layers = mlp(sizes, [hidden] * (depth - 1) + [output], style=style, trans_b=trans_b, dtype=dtype)
    net = load_network(save(model, tmp_path))
    assert net.shape == tuple(sizes)
    assert [layer.activation.name for layer in net.layers] == [hidden] * (depth - 1) + [output or "identity"]
    for layer, (W, b) in zip(net.layers, layers):
        np.testing.assert_array_equal(layer.W, W)  # exactly the file's weights, in nnviz's layout
        np.testing.assert_array_equal(layer.b, b)
    assert_same_as_onnxruntime(tmp_path / "model.onnx", net, 3, dtype)


def test_gemm_alpha_and_beta_scale_weights_and_bias(tmp_path):
    model, layers = mlp([2, 4, 1], ["tanh", "sigmoid"], alpha=0.5, beta=2.0, trans_b=True)
    net = load_network(save(model, tmp_path))
    np.testing.assert_allclose(net.layers[0].W, layers[0][0], rtol=1e-15)
    np.testing.assert_allclose(net.layers[0].b, layers[0][1], rtol=1e-15)
    assert_same_as_onnxruntime(tmp_path / "model.onnx", net, 2, np.float32)


def test_weights_in_constant_nodes_and_old_softmax_opset(tmp_path):
    model, _ = mlp([3, 4, 3], ["relu", "softmax"], constants=True, opset=11)
    net = load_network(save(model, tmp_path))
    assert net.layers[-1].activation.name == "softmax"
    assert_same_as_onnxruntime(tmp_path / "model.onnx", net, 3, np.float32)


@pytest.mark.parametrize("flatten", ["Flatten", "Reshape"])
def test_flatten_or_reshape_of_a_batch_of_vectors(tmp_path, flatten):
    model, _ = mlp([3, 4, 1], ["relu", "sigmoid"], flatten=flatten)
    net = load_network(save(model, tmp_path))
    assert net.shape == (3, 4, 1)
    assert_same_as_onnxruntime(tmp_path / "model.onnx", net, 3, np.float32, shape=(64, 1, 3))


def test_layer_names_come_from_the_graph(tmp_path):
    gemm, _ = mlp([2, 3, 1], ["relu", "sigmoid"])
    matmul, _ = mlp([2, 3, 1], ["relu", "sigmoid"], style="matmul")
    assert [layer.name for layer in load_network(save(gemm, tmp_path, "a.onnx")).layers] == ["fc0", "fc1"]
    assert [layer.name for layer in load_network(save(matmul, tmp_path, "b.onnx")).layers] == ["dense0", "dense1"]
    assert load_network(tmp_path / "a.onnx").name == "a"


@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_load_save_load_round_trip_is_exact(tmp_path, suffix):
    model, _ = mlp([3, 5, 4, 2], ["tanh", "relu", "softmax"], dtype=np.float32, seed=4)
    net = load_network(save(model, tmp_path))
    again = load_network(save_network(net, tmp_path / f"net{suffix}"))
    assert again.shape == net.shape and again.name == net.name and again.description == net.description
    np.testing.assert_array_equal(again.parameters(), net.parameters())
    assert [(a.activation.name, a.name) for a in again.layers] == [(a.activation.name, a.name) for a in net.layers]
    x = np.random.default_rng(0).normal(size=(10, 3))
    np.testing.assert_array_equal(again.predict(x), net.predict(x))


def test_the_written_toml_prints_w_transposed_as_the_slides_do(tmp_path):
    text = save_network(load_network("single-hidden"), tmp_path / "net.toml").read_text()
    assert "W_T = [\n  [3, -9, 2],\n  [11, -2, 7],\n  [-6, 3, -4],\n  [6, -1, 5],\n]" in text
    assert "b = [5, 2, -1, 1]" in text and 'activation = "sigmoid"' in text
    assert "input = [-3, 1, 5]" in text


def test_convert_command_writes_an_editable_spec(tmp_path):
    model, _ = mlp([2, 3, 1], ["relu", "sigmoid"])
    source = save(model, tmp_path)
    result = CliRunner().invoke(cli, ["convert", str(source), "-o", str(tmp_path / "net.toml")])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == str(tmp_path / "net.toml")
    edited = (tmp_path / "net.toml").read_text().replace('name = "fc0"', 'name = "hidden"')
    (tmp_path / "net.toml").write_text(edited)
    net = load_network(tmp_path / "net.toml")
    assert net.layers[0].name == "hidden"
    np.testing.assert_array_equal(net.parameters(), load_network(source).parameters())


# ---- what nnviz cannot read: one line naming the node, its op type, and what is supported ---------
def graph_with(nodes, inits, inputs=None, output="Y", width=2):
    graph = helper.make_graph(nodes, "bad", inputs or [input_info(2)],
                              [helper.make_tensor_value_info(output, TensorProto.FLOAT, ["n", width])],
                              [numpy_helper.from_array(np.asarray(v, np.float32), k) for k, v in inits.items()])
    return make_model(graph)


W22, B2 = np.eye(2), np.zeros(2)
BAD = {
    "unsupported op": (graph_with([helper.make_node("Gemm", ["X", "W", "B"], ["h"], name="fc"),
                                   helper.make_node("LeakyRelu", ["h"], ["Y"], name="act")], {"W": W22, "B": B2}),
                       "node 'act' (LeakyRelu): an operation nnviz does not support"),
    "branch": (graph_with([helper.make_node("Gemm", ["X", "W", "B"], ["h"], name="fc"),
                           helper.make_node("Relu", ["h"], ["r"], name="relu"),
                           helper.make_node("Add", ["r", "X"], ["Y"], name="residual")], {"W": W22, "B": B2}),
               "node 'residual' (Add): 2 inputs that are not constants (r, X): a branch that joins"),
    "dynamic weight": (graph_with([helper.make_node("RandomNormal", [], ["W"], name="draw", shape=[2, 2]),
                                   helper.make_node("Gemm", ["X", "W", "B"], ["Y"], name="fc")], {"B": B2}),
                       "node 'draw' (RandomNormal): a value that is neither the data nor a constant (a weight "
                       "must be an initializer or a Constant node)"),
    "activation first": (graph_with([helper.make_node("Relu", ["X"], ["Y"], name="relu")], {}),
                         "node 'relu' (Relu): an activation that follows no Gemm or MatMul"),
    "weight from the data": (graph_with([helper.make_node("Identity", ["X"], ["Xc"], name="copy"),
                                         helper.make_node("MatMul", ["X", "Xc"], ["Y"], name="outer")], {}),
                             "node 'outer' (MatMul): 2 inputs that are not constants (X, Xc)"),
    "dims do not chain": (graph_with([helper.make_node("Gemm", ["X", "W", "B"], ["h"], name="fc1"),
                                      helper.make_node("Gemm", ["h", "W2", "B"], ["Y"], name="fc2")],
                                     {"W": np.ones((2, 4)), "B": B2, "W2": np.ones((3, 2))}),
                          "node 'fc1' (Gemm): a bias of shape (2,) for 4 neurons"),
    "weight rows do not chain": (graph_with([helper.make_node("MatMul", ["X", "W"], ["h"], name="fc1"),
                                             helper.make_node("MatMul", ["h", "W2"], ["Y"], name="fc2")],
                                            {"W": np.ones((2, 4)), "W2": np.ones((3, 2))}),
                                 "node 'fc2' (MatMul): the weight takes 3 inputs, but the data has 4 features"),
    "NaN weight": (graph_with([helper.make_node("Gemm", ["X", "W", "B"], ["Y"], name="fc")],
                              {"W": [[1.0, np.nan], [0.0, 1.0]], "B": B2}),
                   "node 'fc' (Gemm): a weight 'W' with NaN or infinity"),
    "softmax over the batch": (graph_with([helper.make_node("Gemm", ["X", "W", "B"], ["h"], name="fc"),
                                           helper.make_node("Softmax", ["h"], ["Y"], name="sm", axis=0)],
                                          {"W": W22, "B": B2}),
                               "node 'sm' (Softmax): softmax over axis 0"),
    "transA": (graph_with([helper.make_node("Gemm", ["X", "W", "B"], ["Y"], name="fc", transA=1)],
                          {"W": W22, "B": B2}),
               "node 'fc' (Gemm): transA = 1 on the data"),
    "two inputs": (graph_with([helper.make_node("MatMul", ["X", "W"], ["Y"], name="mm")], {},
                              inputs=[input_info(2), helper.make_tensor_value_info("W", TensorProto.FLOAT, [2, 2])]),
                   "the graph has 2 data inputs (X, W); nnviz reads a network with one input, a batch of vectors, "
                   "and weights in initializers"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_each_unsupported_graph_is_one_line_and_exit_2(tmp_path, case):
    model, expected = BAD[case]
    path = save(model, tmp_path, "bad.onnx")
    result = subprocess.run([sys.executable, "-m", "nnviz.cli", "trace", str(path)], capture_output=True,
                            text=True, cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"nnviz: error: {path}: ")
    assert expected in lines[0]
    if "node '" in expected:
        assert lines[0].endswith("nnviz reads feed-forward MLPs: Gemm, MatMul + Add, Relu, Sigmoid, Tanh, "
                                 "Softmax, Identity, Flatten/Reshape of a batch of vectors")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.onnx"]  # nothing written


def test_a_file_that_is_not_onnx_is_one_line(tmp_path):
    path = tmp_path / "junk.onnx"
    path.write_bytes(b"\x00\xffnot a protobuf" * 10)
    result = CliRunner().invoke(cli, ["trace", str(path)])
    assert result.exit_code == 2
    assert result.output.startswith(f"nnviz: error: {path}: not a readable ONNX model")
    assert len(result.output.strip().splitlines()) == 1


def test_missing_onnx_package_names_the_extra(tmp_path):
    model, _ = mlp([2, 3, 1], ["relu", "sigmoid"])
    path = save(model, tmp_path)
    code = ("import sys; sys.modules['onnx'] = None\n"
            "from nnviz.cli import main; sys.argv = ['nnviz', 'trace', sys.argv[1]]; main()")
    result = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.strip() == (f"nnviz: error: {path}: reading .onnx files needs the onnx package: "
                                     "pip install 'nnviz[onnx]'")


def test_import_nnviz_imports_neither_onnx_nor_sklearn():
    code = ("import sys, nnviz, nnviz.engine\n"
            "nnviz.load_network('deep').forward([7, 1, -4])\n"
            "heavy = [m for m in sys.modules if m.split('.')[0] in ('onnx', 'onnxruntime', 'sklearn', 'skl2onnx',"
            " 'manim', 'plotly', 'matplotlib', 'jinja2')]\n"
            "print(heavy)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_a_layer_name_from_the_graph_is_plain_text(tmp_path):
    model, _ = mlp([2, 3, 1], ["relu", "sigmoid"])
    model.graph.node[0].name = "/fc\x1b[31m0\x07/Gemm"
    net = load_network(save(model, tmp_path))
    assert net.layers[0].name == "fc[31m0"
    again = load_network(save_network(net, tmp_path / "net.toml"))
    assert again.layers[0].name == "fc[31m0"
    (tmp_path / "bad.toml").write_text((tmp_path / "net.toml").read_text().replace('"fc[31m0"', '"a\\u0007b"'))
    with pytest.raises(NnvizError, match="layer 1: name must be plain text of at most 100 characters"):
        load_network(tmp_path / "bad.toml")
