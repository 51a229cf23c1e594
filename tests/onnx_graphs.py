"""ONNX graphs of MLPs built with onnx.helper, as the exporters write them (for tests/test_onnx.py)."""

from __future__ import annotations

import numpy as np

onnx = __import__("pytest").importorskip("onnx")
from onnx import TensorProto, helper, numpy_helper  # noqa: E402

TYPES = {np.float32: TensorProto.FLOAT, np.float64: TensorProto.DOUBLE}
OPS = {"relu": "Relu", "sigmoid": "Sigmoid", "tanh": "Tanh", "softmax": "Softmax", "identity": "Identity"}


def random_layers(sizes, seed=0):
    rng = np.random.default_rng(seed)
    return [(rng.normal(0, 1 / np.sqrt(n_in), (n_in, n_out)), rng.normal(0, 0.5, n_out))
            for n_in, n_out in zip(sizes[:-1], sizes[1:])]


def mlp(sizes, activations, *, style="gemm", dtype=np.float32, trans_b=False, alpha=1.0, beta=1.0,
        constants=False, flatten=None, opset=17, seed=0):
    """A model of Dense layers: ``style`` 'gemm' (Gemm(X, W, C)) or 'matmul' (MatMul then Add).

    Returns (model, layers) where layers are the (W, b) an nnviz network should end up with.
    ``constants`` puts the weights in Constant nodes instead of initializers; ``flatten`` adds a
    'Flatten' or 'Reshape' node before the first layer.
    """
    nodes, inits, layers = [], [], []
    current = "X"
    if flatten == "Flatten":
        nodes.append(helper.make_node("Flatten", [current], ["flat"], name="flatten", axis=1))
        current = "flat"
    elif flatten == "Reshape":
        inits.append(numpy_helper.from_array(np.array([0, -1], np.int64), "shape"))
        nodes.append(helper.make_node("Reshape", [current, "shape"], ["flat"], name="reshape"))
        current = "flat"

    def constant(array, name):
        array = np.asarray(array, dtype)
        if constants:
            nodes.append(helper.make_node("Constant", [], [name], value=numpy_helper.from_array(array, name)))
        else:
            inits.append(numpy_helper.from_array(array, name))

    for i, ((W, b), act) in enumerate(zip(random_layers(sizes, seed), activations)):
        W, b = np.asarray(W, dtype), np.asarray(b, dtype)
        layers.append((W.astype(float) * (alpha if style == "gemm" else 1),
                       b.astype(float) * (beta if style == "gemm" else 1)))
        constant(W.T if trans_b else W, f"fc{i}.weight")
        constant(b, f"fc{i}.bias")
        if style == "gemm":
            nodes.append(helper.make_node("Gemm", [current, f"fc{i}.weight", f"fc{i}.bias"], [f"h{i}"],
                                          name=f"/fc{i}/Gemm", transB=int(trans_b), alpha=alpha, beta=beta))
        else:
            nodes.append(helper.make_node("MatMul", [current, f"fc{i}.weight"], [f"m{i}"], name=f"dense{i}/MatMul"))
            nodes.append(helper.make_node("Add", [f"m{i}", f"fc{i}.bias"], [f"h{i}"], name=f"dense{i}/BiasAdd"))
        current = f"h{i}"
        if act is not None:
            attrs = {"axis": -1} if act == "softmax" and opset >= 13 else {}
            nodes.append(helper.make_node(OPS[act], [current], [f"a{i}"], name=f"/act{i}/{OPS[act]}", **attrs))
            current = f"a{i}"
    nodes.append(helper.make_node("Identity", [current], ["Y"], name="output"))
    graph = helper.make_graph(nodes, "mlp", [input_info(sizes[0], dtype, flatten)],
                              [helper.make_tensor_value_info("Y", TYPES[dtype], ["n", sizes[-1]])], inits)
    return make_model(graph, opset), layers


def input_info(width, dtype=np.float32, flatten=None):
    shape = ["n", 1, width] if flatten else ["n", width]
    return helper.make_tensor_value_info("X", TYPES[dtype], shape)


def make_model(graph, opset=17):
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def run_onnxruntime(path, X):
    ort = __import__("pytest").importorskip("onnxruntime")
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    name = session.get_inputs()[0].name
    return session.run(None, {name: X})
