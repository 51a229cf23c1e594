"""Where the slides' own numbers differ from the engine's, a short note says so (CLASSROOM.md).

The notes appear only on a slide network with the slide's parameters. Their numbers come from the
engine's trace; the slide's printed values are derived the way the slide got them (truncation).
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

from nnviz.engine import Network, Trace
from nnviz.engine.notation import format_number


def _truncated(value: float, decimals: int) -> str:
    """What a slide prints when it cuts digits off instead of rounding: 0.8668 → 0.866."""
    scale = 10 ** decimals
    return f"{math.floor(value * scale) / scale:.{decimals}f}"


def _is_builtin(network: Network, name: str) -> bool:
    from nnviz.engine import builtin_networks, load_network
    from nnviz.engine.spec import network_to_dict

    if name not in builtin_networks():
        return False
    mine, slide = network_to_dict(network), network_to_dict(load_network(name))
    keys = ("layers", "input")
    return all(mine.get(k) == slide.get(k) for k in keys)


def _slide_written(value: float) -> str:
    """How the slides write a hidden σ: two decimals, but an almost-1 as 0.99 rather than 1.00."""
    text = format_number(value)
    return _truncated(value, 2) if text == "1.00" and value < 1 else text


def _saturated_sigmoids(trace: Trace) -> list[str]:
    """σ(7) = 0.9991 is 1.00 rounded; the slides write 0.99."""
    notes = []
    for lt in trace.layers[:-1]:
        if lt.activation.name != "sigmoid":
            continue
        for z, out in zip(lt.z_in[0], lt.z_out[0]):
            if _slide_written(out) != format_number(out):
                notes.append(f"σ({format_number(z)}) = {out:.4f} is {format_number(out)} rounded to two decimals; "
                             f"the slide writes {_slide_written(out)}.")
    return notes


def slide_notes(network: Network, trace: Trace) -> list[str]:
    """The notes for a slide network at its slide input (none for anything else)."""
    name = network.name
    if not _is_builtin(network, name) or network.default_input is None \
            or not np.array_equal(trace.x[0], network.default_input):
        return []
    notes: list[str] = []
    if name == "single-hidden":
        f_in, f = trace.f_in[0, 0], trace.output[0, 0]
        notes.append("The slide writes the output as 1/(1 + e^(f_in)); that is a typo for σ(f_in) = "
                     f"1/(1 + e^(−f_in)), which gives the slide's own result σ({format_number(f_in)}) = "
                     f"{format_number(f)}.")
        hidden = trace.layers[0].z_out[0]
        u, c = network.layers[1].W[:, 0], network.layers[1].b[0]
        written = [_slide_written(z) for z in hidden]
        slide_sum = sum(Fraction(str(w)) * Fraction(t) for w, t in zip(u, written)) + Fraction(str(c))
        notes.append(f"The slide writes z with two decimals ({', '.join(written)}) and gets f_in = "
                     f"{format_number(f_in)}, but those terms add up to {format_number(float(slide_sum))}. "
                     "The page writes z with as many digits as the sum needs to add up as written.")
    if name in ("single-hidden", "multiclass"):
        notes += _saturated_sigmoids(trace)
    if name == "deep":
        f = trace.output[0]
        off = [k for k, v in enumerate(f) if _truncated(v, 3) != format_number(v, probability=True)]
        if off:
            printed = ", ".join(_truncated(v, 3) for v in f)
            exact = " and ".join(f"{f[k]:.4f}" for k in off)
            rounded = " and ".join(format_number(f[k], probability=True) for k in off)
            notes.append(f"The slide prints f = ({printed}): {exact} cut off after three decimals. "
                         f"Rounded, as here, they are {rounded}.")
    return notes
