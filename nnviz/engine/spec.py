"""Network specs in TOML or JSON: load with validation that names the file, layer and field.

A spec, as the slides write it (``W_T`` is the slides' neurons × inputs matrix; ``W`` in the
engine's inputs × neurons layout is accepted too)::

    name = "single-hidden"
    input = [-3, 1, 5]                # the slide's input, used when no -x is given
    [[layers]]
    activation = "sigmoid"
    W_T = [[3, -9, 2], [11, -2, 7], [-6, 3, -4], [6, -1, 5]]
    b = [5, 2, -1, 1]
    [[layers]]
    activation = "sigmoid"
    W_T = [[3, -12, 8, 1]]
    b = [6]
"""

from __future__ import annotations

import json
import tomllib
from importlib import resources
from pathlib import Path

import numpy as np

from nnviz.engine.activations import ACTIVATIONS, get_activation
from nnviz.engine.losses import get_loss
from nnviz.engine.network import Dense, Network
from nnviz.errors import SpecError
from nnviz.files import write_text

_BUILTIN_PACKAGE = "nnviz.networks"


def builtin_networks() -> list[str]:
    """Names of the networks shipped with nnviz (the slides' networks)."""
    files = resources.files(_BUILTIN_PACKAGE).iterdir()
    return sorted(f.name.removesuffix(".toml") for f in files if f.name.endswith(".toml"))


def load_network(name_or_path: str | Path | Network) -> Network:
    """A built-in network by name (``"deep"``), a spec file (``.toml`` / ``.json``) or an ``.onnx`` model."""
    if isinstance(name_or_path, Network):
        return name_or_path
    text = str(name_or_path)
    if text in builtin_networks():
        source = resources.files(_BUILTIN_PACKAGE) / f"{text}.toml"
        return network_from_dict(_parse(source.read_text(encoding="utf-8"), f"{text}.toml"), text)
    path = Path(text)
    if path.suffix.lower() == ".onnx":
        from nnviz.engine.onnx import load_onnx  # onnx itself is imported only there, when needed

        return load_onnx(path)
    if path.suffix.lower() not in (".toml", ".json"):
        known = ", ".join(builtin_networks())
        raise SpecError(f"unknown network {text!r}: not a built-in ({known}) nor a .toml/.json/.onnx file")
    if not path.is_file():
        raise SpecError(f"{path}: no such file")
    return network_from_dict(_parse(path.read_text(encoding="utf-8"), str(path)), str(path))


def _parse(text: str, where: str) -> dict:
    try:
        if where.lower().endswith(".json"):
            data = json.loads(text)
        else:
            data = tomllib.loads(text)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as e:
        raise SpecError(f"{where}: not valid {'JSON' if where.endswith('.json') else 'TOML'}: {e}") from None
    if not isinstance(data, dict):
        raise SpecError(f"{where}: expected a table with a 'layers' list at the top")
    return data


def _matrix(value, where: str, field: str, ndim: int) -> np.ndarray:
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise SpecError(f"{where}: {field} must be a {'matrix' if ndim == 2 else 'vector'} of numbers") from None
    if arr.ndim != ndim:
        what = "a matrix (a list of rows)" if ndim == 2 else "a vector (a list of numbers)"
        raise SpecError(f"{where}: {field} must be {what}, got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise SpecError(f"{where}: {field} contains NaN or infinity")
    return arr


def network_from_dict(data: dict, where: str = "spec") -> Network:
    """Build and validate a Network from a parsed spec."""
    layers_data = data.get("layers")
    if not isinstance(layers_data, list) or not layers_data:
        raise SpecError(f"{where}: 'layers' must be a non-empty list of layers")
    layers: list[Dense] = []
    for i, spec in enumerate(layers_data, start=1):
        at = f"{where}: layer {i}"
        if not isinstance(spec, dict):
            raise SpecError(f"{at}: expected a table with W (or W_T), b and activation")
        if ("W" in spec) == ("W_T" in spec):
            raise SpecError(f"{at}: give exactly one of W (inputs × neurons) or W_T (neurons × inputs)")
        W = _matrix(spec["W"], at, "W", 2) if "W" in spec else _matrix(spec["W_T"], at, "W_T", 2).T
        name = "W" if "W" in spec else "W_T"
        if "b" not in spec:
            raise SpecError(f"{at}: missing field b (one bias per neuron)")
        b = _matrix(spec["b"], at, "b", 1)
        if b.shape[0] != W.shape[1]:
            raise SpecError(f"{at}: b has {b.shape[0]} entries, but {name} gives {W.shape[1]} neurons")
        if layers and W.shape[0] != layers[-1].n_neurons:
            rows = "rows" if name == "W" else "columns"
            raise SpecError(f"{at}: {name} has {W.shape[0]} {rows}, "
                            f"but layer {i - 1} has {layers[-1].n_neurons} neurons")
        act = spec.get("activation", "identity")
        try:
            act = get_activation(act)
        except KeyError:
            raise SpecError(f"{at}: activation {act!r} is unknown; expected one of "
                            f"{', '.join(ACTIVATIONS)}") from None
        labels = spec.get("labels")
        if labels is not None and (not isinstance(labels, list) or len(labels) != W.shape[1]):
            raise SpecError(f"{at}: labels must be a list of {W.shape[1]} names")
        layers.append(Dense(W, b, act, labels))
    _name_layers(layers, layers_data, where)
    n_in = layers[0].n_inputs
    default_input = data.get("input")
    if default_input is not None:
        default_input = _matrix(default_input, where, "input", 1)
        if default_input.shape[0] != n_in:
            raise SpecError(f"{where}: input has {default_input.shape[0]} entries, "
                            f"but layer 1 takes {n_in} inputs")
    input_labels = data.get("input_labels")
    if input_labels is not None and (not isinstance(input_labels, list) or len(input_labels) != n_in):
        raise SpecError(f"{where}: input_labels must be a list of {n_in} names")
    loss = data.get("loss")
    if loss is not None:
        try:
            loss = get_loss(loss).name
        except KeyError as e:
            raise SpecError(f"{where}: loss: {e.args[0]}") from None
    return Network(layers, str(data.get("name", Path(where).stem)), input_labels=input_labels,
                   default_input=default_input, default_target=data.get("target"),
                   default_loss=loss, description=str(data.get("description", "")),
                   training=data.get("training") if isinstance(data.get("training"), dict) else None)


def network_to_dict(network: Network) -> dict:
    """The JSON form of a network (W in the engine's inputs × neurons layout)."""
    out: dict = {"name": network.name}
    if network.description:
        out["description"] = network.description
    if network.default_input is not None:
        out["input"] = network.default_input.tolist()
    if network.input_labels:
        out["input_labels"] = network.input_labels
    if network.default_target is not None:
        out["target"] = network.default_target
    if network.default_loss:
        out["loss"] = network.default_loss
    if network.training:
        out["training"] = network.training
    out["layers"] = []
    for layer in network.layers:
        entry = {"activation": layer.activation.name, "W": layer.W.tolist(), "b": layer.b.tolist()}
        if layer.name:
            entry = {"name": layer.name, **entry}
        if layer.labels:
            entry["labels"] = layer.labels
        out["layers"].append(entry)
    return out


def save_network(network: Network, path: str | Path) -> Path:
    """Write a network as a spec, atomically: TOML (``W_T`` as the slides print it) or JSON, by the suffix.

    Example: ``save_network(load_network("model.onnx"), "net.toml")``, then edit net.toml.
    """
    suffix = Path(path).suffix.lower()
    if suffix == ".toml":
        from nnviz.engine.spec_toml import network_to_toml

        return write_text(path, network_to_toml(network))
    if suffix != ".json":
        raise SpecError(f"{path}: a network spec is saved as .toml or .json")
    text = json.dumps(network_to_dict(network), indent=2, allow_nan=False)
    return write_text(path, text + "\n")


def _name_layers(layers: list[Dense], specs: list, where: str) -> None:
    """A layer's own ``name`` (e.g. "fc1" from an imported model): plain text of at most 100 characters."""
    for i, (layer, spec) in enumerate(zip(layers, specs), start=1):
        name = spec.get("name")
        if name is None:
            continue
        if not isinstance(name, str) or len(name) > 100 or not name.isprintable():
            raise SpecError(f"{where}: layer {i}: name must be plain text of at most 100 characters")
        layer.name = name
