"""A network spec written as TOML a lecturer reads and edits: ``W_T`` one row per neuron, as the slides print.

Numbers are written in full (the file loads back to the same network, bit for bit); whole numbers
without a decimal point, so a slide's network reads as it is printed.

>>> from nnviz.engine.spec import load_network
>>> print(network_to_toml(load_network("perceptron")).splitlines()[0])
# nnviz network spec: edit it freely; `nnviz trace FILE` shows what it computes.
"""

from __future__ import annotations

import json
import re
from typing import Any

import numpy as np

from nnviz.engine.network import Network

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def network_to_toml(network: Network) -> str:
    """The TOML text of a network spec (the same fields as the JSON form, ``W_T`` instead of ``W``)."""
    lines = ["# nnviz network spec: edit it freely; `nnviz trace FILE` shows what it computes.",
             f"name = {_value(network.name)}"]
    if network.description:
        lines.append(f"description = {_value(network.description)}")
    if network.default_input is not None:
        lines.append(f"input = {_value(network.default_input.tolist())}")
    if network.input_labels:
        lines.append(f"input_labels = {_value(network.input_labels)}")
    if network.default_target is not None:
        lines.append(f"target = {_value(network.default_target)}")
    if network.default_loss:
        lines.append(f"loss = {_value(network.default_loss)}")
    if network.training:
        lines += ["", "[training]"]
        lines += [f"{_key(k)} = {_value(v)}" for k, v in network.training.items() if v is not None]
    for i, layer in enumerate(network.layers, start=1):
        lines += ["", "[[layers]]"]
        if layer.name:
            lines.append(f"name = {_value(layer.name)}")
        lines.append(f"activation = {_value(layer.activation.name)}")
        lines.append(f"# layer {i}: W_T is {layer.n_neurons} neurons × {layer.n_inputs} inputs, one row per neuron")
        lines.append("W_T = [")
        lines += [f"  {_value(row)}," for row in layer.W.T.tolist()]
        lines.append("]")
        lines.append(f"b = {_value(layer.b.tolist())}")
        if layer.labels:
            lines.append(f"labels = {_value(layer.labels)}")
    return "\n".join(lines) + "\n"


def _key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else _string(key)


def _string(text: str) -> str:
    # JSON's escapes are TOML's (\" \\ \n \uXXXX); TOML also forbids a raw DEL.
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _number(value: float) -> str:
    if not np.isfinite(value):
        raise ValueError(f"a spec holds finite numbers only, got {value}")
    if value == int(value) and abs(value) < 2**53:
        return str(int(value))
    return repr(float(value))  # the shortest text that reads back to the same float


def _value(value: Any) -> str:
    """One TOML value: a number, a string, a boolean, an inline array or table."""
    if isinstance(value, bool | np.bool_):
        return "true" if value else "false"
    if isinstance(value, int | np.integer):
        return str(int(value))
    if isinstance(value, float | np.floating):
        return _number(float(value))
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, np.ndarray):
        return _value(value.tolist())
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(str(k))} = {_value(v)}" for k, v in value.items() if v is not None) + " }"
    raise TypeError(f"cannot write {type(value).__name__} in a spec")
