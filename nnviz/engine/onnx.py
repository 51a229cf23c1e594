"""Read a feed-forward network from an ONNX file: what PyTorch, Keras (tf2onnx) and scikit-learn export.

The file's protobuf is read, never run: the graph is walked node by node along the one path the data
takes, and every node must be one nnviz understands — ``Gemm``, ``MatMul`` + ``Add``, ``Relu``,
``Sigmoid``, ``Tanh``, ``Softmax``, ``Identity``, ``Flatten``/``Reshape`` of a batch of vectors.
Weights come from the initializers (and ``Constant`` nodes). scikit-learn's extra outputs (the label:
``ArgMax``, ``ArrayFeatureExtractor``; the ``ZipMap`` of probabilities) are set aside and the
probabilities kept; for a binary classifier, the probability of class 1 (as ``from_sklearn``).

Example (or ``load_network("model.onnx")``, or any command that takes a NETWORK)::

    net = load_onnx("model.onnx")
    net.forward([0.5, -0.2]).output
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from nnviz.engine.network import Dense, Network
from nnviz.errors import NnvizError

Array = np.ndarray
SUPPORTED = ("nnviz reads feed-forward MLPs: Gemm, MatMul + Add, Relu, Sigmoid, Tanh, Softmax, Identity, "
             "Flatten/Reshape of a batch of vectors")
ACTIVATIONS = {"Relu": "relu", "Sigmoid": "sigmoid", "Tanh": "tanh", "Softmax": "softmax"}
PASS_THROUGH = {"Identity", "Dropout"}  # Dropout is the identity outside training
FLOAT_TYPES = {1: "float32", 11: "float64"}  # TensorProto.FLOAT, DOUBLE
# Nodes that only compute a constant from constants (an exporter's transposed weight, a cast bias).
CONSTANT_FOLDS = {"Transpose", "Cast", "Identity", "Reshape", "Unsqueeze", "Squeeze"}


class OnnxError(NnvizError):
    """An ONNX graph nnviz cannot read: names the file, the node, its op type and what is supported."""


def load_onnx(path: str | Path) -> Network:
    """The network of an ``.onnx`` file (needs the ``onnx`` package: ``pip install 'nnviz[onnx]'``)."""
    try:
        import onnx
        from onnx import numpy_helper
    except ImportError:
        raise NnvizError(f"{path}: reading .onnx files needs the onnx package: "
                         "pip install 'nnviz[onnx]'") from None
    path = Path(path)
    if not path.is_file():
        raise NnvizError(f"{path}: no such file")
    try:
        model = onnx.load(str(path))
    except Exception as e:  # a protobuf DecodeError, a missing external-data file, …
        raise NnvizError(f"{path}: not a readable ONNX model ({type(e).__name__}: {e})") from None
    try:
        return _Reader(path, model, numpy_helper.to_array).network()
    except RecursionError:
        raise OnnxError(f"{path}: a chain of constant nodes too deep to read; {SUPPORTED}") from None


@dataclass
class _Stream:
    """The data on its way through the graph: its tensor name, its features, and a pending affine map."""

    name: str
    width: int | None  # features per example (None: not known yet)
    flat: bool = True  # a batch of vectors (n, width), not yet flattened otherwise
    W: Array | None = None  # the affine map since the last activation, if any
    b: Array | None = None
    layer_name: str | None = None
    layers: list[Dense] = field(default_factory=list)


class _Reader:
    def __init__(self, path: Path, model: Any, to_array: Any):
        self.path, self.graph, self.to_array = path, model.graph, to_array
        self.consts: dict[str, Array] = {t.name: to_array(t) for t in self.graph.initializer}
        self.producer = {out: node for node in self.graph.node for out in node.output}

    # ---- errors ------------------------------------------------------------------------------------
    def fail(self, node: Any, what: str) -> OnnxError:
        return OnnxError(f"{self.path}: node {node.name or node.output[0]!r} ({node.op_type}): {what}; {SUPPORTED}")

    # ---- the graph's ends --------------------------------------------------------------------------
    def data_input(self) -> Any:
        inputs = [i for i in self.graph.input if i.name not in self.consts]
        if len(inputs) != 1:
            names = ", ".join(i.name for i in inputs) or "none"
            raise OnnxError(f"{self.path}: the graph has {len(inputs)} data inputs ({names}); nnviz reads a "
                            "network with one input, a batch of vectors, and weights in initializers")
        return inputs[0]

    def data_output(self) -> tuple[str, bool]:
        """The tensor the network's output is, and whether it is a two-class [1 − p, p] to unpack."""
        kept = []
        for out in self.graph.output:
            kind = out.type.WhichOneof("value")
            if kind == "tensor_type" and out.type.tensor_type.elem_type in FLOAT_TYPES:
                kept.append(out.name)
            elif kind == "sequence_type" and out.name in self.producer \
                    and self.producer[out.name].op_type == "ZipMap":
                kept.append(self.producer[out.name].input[0])  # the probabilities it maps
            # other outputs (scikit-learn's labels: int64 or strings) are set aside
        kept = list(dict.fromkeys(kept))
        if len(kept) != 1:
            names = ", ".join(o.name for o in self.graph.output)
            raise OnnxError(f"{self.path}: {len(kept)} numeric outputs among ({names}); nnviz reads a network "
                            "with one output (scikit-learn's label outputs are set aside)")
        name = kept[0]
        while name in self.producer and self.producer[name].op_type in PASS_THROUGH:
            name = self.producer[name].input[0]
        node = self.producer.get(name)
        if node is not None and node.op_type == "Concat" and len(node.input) == 2:
            # scikit-learn's binary classifier: probabilities = [1 − p, p]; the network's output is p.
            neg, pos = node.input
            sub = self.producer.get(neg)
            if sub is not None and sub.op_type == "Sub" and sub.input[1] == pos \
                    and np.all(self.const(sub.input[0]) == 1.0):
                return pos, True
        return name, False

    def const(self, name: str) -> Array | None:
        """The value of a constant tensor (an initializer, a Constant node, or folded from those)."""
        if name in self.consts:
            return self.consts[name]
        node = self.producer.get(name)
        if node is None:
            return None
        if node.op_type == "Constant":
            attr = node.attribute[0]
            if attr.name == "value":
                value = self.to_array(attr.t)
            elif attr.name in ("value_float", "value_int"):
                value = np.asarray(attr.f if attr.name == "value_float" else attr.i)
            elif attr.name in ("value_floats", "value_ints"):
                value = np.asarray(list(attr.floats if attr.name == "value_floats" else attr.ints))
            else:
                raise self.fail(node, f"a constant given as {attr.name}")
            self.consts[name] = value
            return value
        if node.op_type in CONSTANT_FOLDS:
            args = [self.const(i) if i else None for i in node.input]
            if any(i and a is None for i, a in zip(node.input, args)):
                return None
            try:
                value = self.fold(node, args)
            except (ValueError, TypeError, IndexError) as e:
                raise self.fail(node, f"a constant nnviz cannot compute ({e})") from None
            self.consts[name] = value
            return value
        return None

    def fold(self, node: Any, args: list[Array | None]) -> Array:
        attrs = {a.name: _attribute(a) for a in node.attribute}
        x = args[0]
        assert x is not None
        if node.op_type == "Transpose":
            return np.transpose(x, attrs.get("perm"))
        if node.op_type == "Reshape" and args[1] is not None:  # 0 keeps that dimension of x
            shape = [x.shape[i] if int(d) == 0 and i < x.ndim else int(d) for i, d in enumerate(args[1])]
            return np.reshape(x, shape)
        if node.op_type in ("Unsqueeze", "Squeeze"):
            axes = attrs.get("axes", None if len(args) < 2 or args[1] is None else list(args[1]))
            if node.op_type == "Unsqueeze":
                return np.expand_dims(x, tuple(axes or ()))
            return np.squeeze(x, None if axes is None else tuple(axes))
        return np.asarray(x, dtype=float) if node.op_type == "Cast" else x

    # ---- the walk ----------------------------------------------------------------------------------
    def network(self) -> Network:
        source = self.data_input()
        tensor = source.type.tensor_type
        if source.type.WhichOneof("value") != "tensor_type" or tensor.elem_type not in FLOAT_TYPES:
            raise OnnxError(f"{self.path}: input {source.name!r} is not a float32 or float64 tensor; "
                            "nnviz reads networks of real-valued inputs")
        dims = [d.dim_value if d.HasField("dim_value") else None for d in tensor.shape.dim]
        if len(dims) < 2 or (len(dims) > 2 and any(d is None for d in dims[1:])):
            raise OnnxError(f"{self.path}: input {source.name!r} has shape {_shape(dims)}; nnviz reads a batch "
                            "of vectors (n, features)")
        width = dims[1] if len(dims) == 2 else int(np.prod(dims[1:]))  # type: ignore[arg-type]
        stream = _Stream(source.name, width, flat=len(dims) == 2)
        target, binary = self.data_output()
        needed = self.needed(target)
        for node in self.graph.node:
            if id(node) not in needed or all(self.const(o) is not None for o in node.output):
                continue
            self.step(node, stream)
        if stream.name != target:
            raise OnnxError(f"{self.path}: the output {target!r} is not computed from the input "
                            f"{source.name!r} by a chain of supported nodes; {SUPPORTED}")
        if stream.W is not None:
            self.close_layer(stream, "identity")
        if not stream.layers:
            raise OnnxError(f"{self.path}: no layer (Gemm or MatMul) between input and output; {SUPPORTED}")
        description = f"imported from {self.path.name}"
        if binary:
            description += " (a two-class classifier: the output is the probability of class 1)"
        return Network(stream.layers, self.path.stem, description=description)

    def needed(self, target: str) -> set[int]:
        """The nodes the output depends on (the labels' nodes are not among them)."""
        seen: set[int] = set()
        todo = [target]
        while todo:
            node = self.producer.get(todo.pop())
            if node is None or id(node) in seen:
                continue
            seen.add(id(node))
            todo.extend(i for i in node.input if i)
        return seen

    def step(self, node: Any, stream: _Stream) -> None:
        """Apply one node that the data flows through."""
        dynamic = [i for i in node.input if i and self.const(i) is None]
        if dynamic != [stream.name]:
            if len(dynamic) > 1:
                raise self.fail(node, f"{len(dynamic)} inputs that are not constants ({', '.join(dynamic)}): a "
                                      "branch that joins, or a weight that is not an initializer")
            if not dynamic:
                raise self.fail(node, "a value that is neither the data nor a constant (a weight must be an "
                                      "initializer or a Constant node)")
            raise self.fail(node, f"reads {dynamic[0]!r}, not the data's current value {stream.name!r} (a branch)")
        op, attrs = node.op_type, {a.name: _attribute(a) for a in node.attribute}
        if op in ("Gemm", "MatMul"):
            self.affine(node, stream, attrs)
        elif op == "Add":
            self.bias(node, stream)
        elif op in ACTIVATIONS:
            if op == "Softmax" and attrs.get("axis", -1) not in (-1, 1):
                raise self.fail(node, f"softmax over axis {attrs['axis']}, not over the features")
            if stream.W is None:
                raise self.fail(node, "an activation that follows no Gemm or MatMul")
            self.close_layer(stream, ACTIVATIONS[op])
        elif op in PASS_THROUGH:
            pass
        elif op == "Cast":
            if attrs.get("to") not in FLOAT_TYPES:
                raise self.fail(node, "a cast of the data to a type that is not float")
        elif op == "Flatten":
            if attrs.get("axis", 1) != 1:
                raise self.fail(node, f"flatten at axis {attrs['axis']}, not into a batch of vectors")
            stream.flat = True
        elif op == "Reshape":
            shape = self.const(node.input[1])
            ok = shape is not None and len(shape) == 2 and shape[0] in (0, -1) \
                and (shape[1] == -1 or stream.width is None or shape[1] == stream.width)
            if not ok:
                raise self.fail(node, f"a reshape to {None if shape is None else list(shape)}, not into a batch "
                                      f"of vectors ({stream.width} features)")
            stream.flat = True
        else:
            raise self.fail(node, "an operation nnviz does not support")
        stream.name = node.output[0]

    def affine(self, node: Any, stream: _Stream, attrs: dict[str, Any]) -> None:
        if node.input[0] != stream.name:
            raise self.fail(node, "the weight is on the left of the data (nnviz reads X·W, a batch of rows)")
        if attrs.get("transA", 0):
            raise self.fail(node, "transA = 1 on the data (a batch of columns)")
        W = self.numbers(node, node.input[1], "weight")
        if W.ndim != 2:
            raise self.fail(node, f"a weight of shape {W.shape}, not a matrix")
        if attrs.get("transB", 0):
            W = W.T
        W = W * float(attrs.get("alpha", 1.0))
        if not stream.flat:
            raise self.fail(node, "a product with data that is not a batch of vectors (flatten it first)")
        if stream.width is not None and W.shape[0] != stream.width:
            raise self.fail(node, f"the weight takes {W.shape[0]} inputs, but the data has {stream.width} "
                                  "features (dimensions that do not chain)")
        if stream.W is not None:  # two products in a row: the first was a linear layer
            self.close_layer(stream, "identity")
        stream.W, stream.b, stream.width = W, np.zeros(W.shape[1]), W.shape[1]
        stream.layer_name = _layer_name(node, node.input[1])
        if node.op_type == "Gemm" and len(node.input) > 2 and node.input[2]:
            self.add_bias(node, stream, self.numbers(node, node.input[2], "bias"), float(attrs.get("beta", 1.0)))

    def bias(self, node: Any, stream: _Stream) -> None:
        if stream.W is None:
            raise self.fail(node, "an addition that follows no Gemm or MatMul")
        other = node.input[1] if node.input[0] == stream.name else node.input[0]
        self.add_bias(node, stream, self.numbers(node, other, "bias"), 1.0)

    def numbers(self, node: Any, name: str, what: str) -> Array:
        """A constant input as finite float64 numbers (float32 weights are widened exactly)."""
        value = self.const(name)
        try:
            value = np.asarray(value, dtype=float)
        except (TypeError, ValueError):
            raise self.fail(node, f"a {what} {name!r} that is not numbers") from None
        if not np.all(np.isfinite(value)):
            raise self.fail(node, f"a {what} {name!r} with NaN or infinity")
        return value

    def add_bias(self, node: Any, stream: _Stream, c: Array, beta: float) -> None:
        assert stream.b is not None
        c = c * beta
        if c.ndim > 2 or (c.ndim == 2 and c.shape[0] != 1) or c.size not in (1, stream.b.size):
            raise self.fail(node, f"a bias of shape {c.shape} for {stream.b.size} neurons (dimensions that do "
                                  "not chain)")
        stream.b = stream.b + c.reshape(-1)

    def close_layer(self, stream: _Stream, activation: str) -> None:
        assert stream.W is not None and stream.b is not None
        stream.layers.append(Dense(stream.W, stream.b, activation, name=stream.layer_name))
        stream.W = stream.b = stream.layer_name = None


def _attribute(attr: Any) -> Any:
    from onnx import helper

    value = helper.get_attribute_value(attr)
    return value.decode() if isinstance(value, bytes) else value


def _shape(dims: list[int | None]) -> str:
    return "(" + ", ".join("?" if d is None else str(d) for d in dims) + ")"


def _layer_name(node: Any, weight: str) -> str | None:
    """A layer's name from the graph: PyTorch's '/fc1/Gemm' → 'fc1', else the weight's 'fc1.weight' → 'fc1'."""
    parts = [p for p in node.name.split("/") if p and not p.startswith(node.op_type)]
    name = "/".join(parts)
    if not name:
        name = weight
        for suffix in (".weight", "/kernel", ":0"):
            name = name.removesuffix(suffix)
    name = "".join(c for c in name if c.isprintable())[:100]  # a name is text: no control characters
    return name or None
