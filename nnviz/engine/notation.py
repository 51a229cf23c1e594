"""The slides' names for every quantity, and the slides' number format.

Hidden layer l has ``W^(l)``, ``b^(l)``, ``z_in^(l)``, ``z^(l) = z_out^(l)``; the output layer has
``U``, ``c``, ``f_in``, ``f``. With a single hidden layer the superscript is dropped, as on the slides.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class LayerNames:
    """LaTeX and plain names of one layer's quantities."""

    W: str
    b: str
    z_in: str
    z_out: str
    WT: str
    plain_W: str
    plain_b: str
    plain_z_in: str
    plain_z_out: str
    is_output: bool


def layer_names(index: int, n_layers: int) -> LayerNames:
    """Names for layer ``index`` (0-based) of a network with ``n_layers`` layers."""
    if index == n_layers - 1:
        return LayerNames("U", r"\mathbf{c}", r"\mathbf{f}_{in}", r"\mathbf{f}", "U^T",
                          "U", "c", "f_in", "f", True)
    sup = "" if n_layers == 2 else f"^{{({index + 1})}}"
    plain = "" if n_layers == 2 else f"^({index + 1})"
    WT = "W^T" if n_layers == 2 else f"(W{sup})^T"
    return LayerNames(f"W{sup}", rf"\mathbf{{b}}{sup}", rf"\mathbf{{z}}_{{in}}{sup}",
                      rf"\mathbf{{z}}{sup}", WT, f"W{plain}", f"b{plain}", f"z_in{plain}",
                      f"z_out{plain}", False)


def format_number(value: float, *, probability: bool = False) -> str:
    """Integers as integers, probabilities with three decimals, anything else with two.

    >>> format_number(79.0), format_number(0.5744), format_number(0.01587, probability=True)
    ('79', '0.57', '0.016')
    """
    value = float(value)
    if not np.isfinite(value):
        return str(value)
    if abs(value - round(value)) < 1e-9 and not probability:
        return str(int(round(value)))
    text = f"{value:.{3 if probability else 2}f}"
    # "-0.00" says nothing a plain "0.00" does not.
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def format_vector(values, *, probability: bool = False) -> list[str]:
    return [format_number(v, probability=probability) for v in np.ravel(values)]

