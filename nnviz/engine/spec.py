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
import unicodedata
from importlib import resources
from pathlib import Path

import numpy as np

from nnviz.engine.activations import ACTIVATIONS, get_activation
from nnviz.engine.losses import get_loss
from nnviz.engine.network import Dense, Network
from nnviz.errors import SpecError, UnknownName
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
    return network_from_dict(_parse(_read(path), str(path)), str(path))


def _read(path: Path) -> str:
    """The text of a spec file, or one line saying why it cannot be read."""
    if path.is_dir():
        raise SpecError(f"{path}: is a folder, not a spec file")
    if not path.exists():
        raise SpecError(f"{path}: no such file")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise SpecError(f"{path}: cannot read it ({(e.strerror or str(e)).lower()})") from None
    try:
        return data.decode("utf-8-sig")  # a byte-order mark, as some editors write, is fine
    except UnicodeDecodeError as e:
        raise SpecError(f"{path}: not UTF-8 text (byte {e.start} is 0x{data[e.start]:02x}); a spec is a "
                        ".toml or .json text file") from None


def _parse(text: str, where: str) -> dict:
    kind = "JSON" if where.lower().endswith(".json") else "TOML"
    try:
        data = json.loads(text) if kind == "JSON" else tomllib.loads(text)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as e:
        raise SpecError(f"{where}: not valid {kind}: {e}") from None
    except RecursionError:
        raise SpecError(f"{where}: nested too deeply to be a network spec") from None
    except ValueError as e:  # e.g. an integer of more than 4300 digits
        raise SpecError(f"{where}: not a valid {kind} spec: {e}") from None
    if not isinstance(data, dict):
        raise SpecError(f"{where}: expected a table with a 'layers' list at the top")
    return data


def _matrix(value, where: str, field: str, ndim: int) -> np.ndarray:
    what = "a matrix of numbers (a list of rows)" if ndim == 2 else "a vector of numbers (a list)"
    try:
        kind = np.asarray(value).dtype.kind
        if kind not in "iufO" or (kind == "O" and any(isinstance(v, bool) for v in np.asarray(value).flat)):
            raise TypeError
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise SpecError(f"{where}: {field} must be {what}") from None
    except OverflowError:
        raise SpecError(f"{where}: {field} has a number too large for a float (beyond ±1.8e308)") from None
    if arr.ndim != ndim:
        raise SpecError(f"{where}: {field} must be {what}, got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise SpecError(f"{where}: {field} contains NaN or infinity")
    return arr


def _text(value, where: str, field: str, limit: int) -> str:
    """A name or label: a string without NUL or other control characters, of reasonable length."""
    if not isinstance(value, str):
        raise SpecError(f"{where}: {field} must be a string, got {type(value).__name__} {_short(value)}")
    if len(value) > limit:
        raise SpecError(f"{where}: {field} is {len(value)} characters long; at most {limit}")
    bad = next((c for c in value if unicodedata.category(c) == "Cc"), None)
    if bad is not None:
        raise SpecError(f"{where}: {field} contains the control character {bad!r}; names are plain text")
    return value


def _labels(value, where: str, field: str, count: int) -> list[str] | None:
    if value is None:
        return None
    if not isinstance(value, list) or len(value) != count:
        raise SpecError(f"{where}: {field} must be a list of {count} names")
    return [_text(v, where, f"{field}[{i + 1}]", LABEL_LIMIT) for i, v in enumerate(value)]


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


NAME_LIMIT, LABEL_LIMIT, DESCRIPTION_LIMIT = 200, 100, 2000


def _layer(spec, index: int, where: str, previous: Dense | None) -> Dense:
    at = f"{where}: layer {index}"
    if not isinstance(spec, dict):
        raise SpecError(f"{at}: expected a table with W (or W_T), b and activation")
    if ("W" in spec) == ("W_T" in spec):
        raise SpecError(f"{at}: give exactly one of W (inputs × neurons) or W_T (neurons × inputs)")
    name = "W" if "W" in spec else "W_T"
    W = _matrix(spec[name], at, name, 2)
    W = W if name == "W" else W.T
    if W.size == 0:
        raise SpecError(f"{at}: {name} has shape {W.shape if name == 'W' else W.T.shape}; a layer needs "
                        "at least 1 input and 1 neuron")
    if "b" not in spec:
        raise SpecError(f"{at}: missing field b (one bias per neuron)")
    b = _matrix(spec["b"], at, "b", 1)
    if b.shape[0] != W.shape[1]:
        raise SpecError(f"{at}: b has {b.shape[0]} entries, but {name} gives {W.shape[1]} neurons")
    if previous is not None and W.shape[0] != previous.n_neurons:
        rows = "rows" if name == "W" else "columns"
        raise SpecError(f"{at}: {name} has {W.shape[0]} {rows}, but layer {index - 1} has "
                        f"{previous.n_neurons} neurons")
    act = spec.get("activation", "identity")
    try:
        act = get_activation(act if isinstance(act, str) else repr(act))
    except UnknownName:
        raise SpecError(f"{at}: activation {_short(act)} is unknown; expected one of "
                        f"{', '.join(ACTIVATIONS)}") from None
    return Dense(W, b, act, _labels(spec.get("labels"), at, "labels", W.shape[1]))


def network_from_dict(data: dict, where: str = "spec") -> Network:
    """Build and validate a Network from a parsed spec."""
    layers_data = data.get("layers")
    if not isinstance(layers_data, list) or not layers_data:
        raise SpecError(f"{where}: 'layers' must be a non-empty list of layers")
    layers: list[Dense] = []
    for i, spec in enumerate(layers_data, start=1):
        layers.append(_layer(spec, i, where, layers[-1] if layers else None))
    _name_layers(layers, layers_data, where)
    n_in = layers[0].n_inputs
    default_input = data.get("input")
    if default_input is not None:
        default_input = _matrix(default_input, where, "input", 1)
        if default_input.shape[0] != n_in:
            raise SpecError(f"{where}: input has {default_input.shape[0]} entries, "
                            f"but layer 1 takes {n_in} inputs")
    input_labels = _labels(data.get("input_labels"), where, "input_labels", n_in)
    loss = data.get("loss")
    if loss is not None:
        try:
            loss = get_loss(loss if isinstance(loss, str) else repr(loss)).name
        except UnknownName as e:
            raise SpecError(f"{where}: loss: {e}") from None
    name = Path(where).stem if data.get("name") is None else _text(data["name"], where, "name", NAME_LIMIT)
    description = _text(data.get("description", ""), where, "description", DESCRIPTION_LIMIT)
    target = data.get("target")
    if target is not None:
        target = _matrix(target, where, "target", np.ndim(target) if np.ndim(target) in (0, 1) else 1)
        target = float(target) if target.ndim == 0 else target.tolist()
    network = Network(layers, name, input_labels=input_labels, default_input=default_input,
                      default_target=target, default_loss=loss, description=description,
                      training=_training(data.get("training"), where))
    problem = None if target is None else target_problem(target, network.fitting_loss(), network.n_outputs)
    if problem:
        raise SpecError(f"{where}: target {problem}")
    return network


def target_problem(target, loss: str, outputs: int) -> str | None:
    """Why ``target`` cannot be compared with the output by ``loss``, or None (the one rule: a spec's
    target and ``--target`` alike). Cross entropies compare with probabilities in [0, 1]; softmax
    cross entropy also takes a class index.

    >>> target_problem(2, "binary-cross-entropy", 1)
    '2: binary-cross-entropy compares with probabilities in [0, 1]'
    """
    y = np.asarray(target, dtype=float)
    if loss not in ("binary-cross-entropy", "cross-entropy") or not (np.any(y < 0) or np.any(y > 1)):
        return None
    if loss == "cross-entropy" and y.ndim == 0 and outputs > 1:
        return None  # a class index, which the network checks against its classes
    kind = "a class index or probabilities" if loss == "cross-entropy" and outputs > 1 else "probabilities"
    return f"{','.join(f'{v:g}' for v in np.ravel(y))}: {loss} compares with {kind} in [0, 1]"


TRAINING_FIELDS = {"dataset": str, "n": int, "seed": int, "loss": str, "optimizer": str, "lr": float,
                   "steps": int, "history": str}


def _training(meta, where: str) -> dict | None:
    """How ``nnviz train`` made the network: checked field by field, since it names files and sizes."""
    if meta is None:
        return None
    if not isinstance(meta, dict):
        raise SpecError(f"{where}: training must be a table (dataset, n, seed, history …)")
    out = dict(meta)
    for field, kind in TRAINING_FIELDS.items():
        if field not in meta:
            continue
        value, at = meta[field], f"training.{field}"
        if kind is int:
            whole = isinstance(value, int) or (isinstance(value, float) and value.is_integer() and abs(value) < 2**63)
            if isinstance(value, bool) or not whole or value < 0:
                raise SpecError(f"{where}: {at} must be a whole number ≥ 0, got {_short(value)}")
            out[field] = int(value)
        elif kind is float:
            if isinstance(value, bool) or not isinstance(value, int | float) or not np.isfinite(value):
                raise SpecError(f"{where}: {at} must be a finite number, got {_short(value)}")
        else:
            _text(value, where, at, NAME_LIMIT)
    history = out.get("history")
    if history is not None and (Path(history).name != history or history in ("", ".", "..")
                                or "\\" in history):
        raise SpecError(f"{where}: training.history must be a file name beside the spec (like "
                        f"net.history.npz), got {_short(history)}")
    if "n" in out and out["n"] < 4:
        raise SpecError(f"{where}: training.n must be at least 4 points, got {out['n']}")
    return out


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
