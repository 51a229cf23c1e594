"""Text of a diagram as runs a backend can typeset, and how wide a run is, without a font library.

A ``Run`` is a piece of one line: ``text`` (literal, from a spec or ours: never markup), ``name``
(a neuron's name, ``x_1`` → x₁), ``number`` (a written number) or ``symbol`` (→, ⋮, δ, ∂, …).
matplotlib draws them as plain Unicode text; TikZ escapes text and sets numbers and symbols in math.

Widths are DejaVu Sans's advance widths (matplotlib's font) in ems, with the minus as wide as
LaTeX's math minus: an estimate that is never narrower than what either backend draws.

>>> round(line_width((Run("-0.05", "number"),), 10) / (10 * 2.54 / 72.27), 3)
3.147
>>> display_name("x_1"), display_name("z_in"), display_name("petal_length")
('x₁', 'zᵢₙ', 'petal_length')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PT = 2.54 / 72.27
KINDS = ("text", "name", "number", "symbol")

_EM = {  # DejaVu Sans advance widths in ems, grouped by width
    0.166: "ₗ", 0.175: "ⱼ", 0.179: "ᵢ", 0.246: "⁽⁾", 0.275: "'", 0.278: "ijl", 0.295: "IJₜ", 0.318: ",. ·",
    0.337: "/:;\\|", 0.352: "f", 0.373: "ₛ", 0.385: "ᵀ", 0.39: "()[]", 0.392: "tₐ", 0.398: "ₙ",
    0.401: "!₀₁₂₃₄₅₆₇₈₉⁰¹²³⁴⁵⁶⁷⁸⁹", 0.404: "ₕ", 0.411: "r", 0.414: "ₒ", 0.417: "ₑ", 0.426: "ₖ", 0.428: "ₚ",
    0.444: "ₓ", 0.46: '"', 0.5: "*_`", 0.517: "∂", 0.521: "s", 0.525: "z", 0.531: "?", 0.55: "c", 0.557: "L",
    0.575: "F", 0.579: "k", 0.592: "vxy", 0.602: "τ", 0.603: "P", 0.611: "TY", 0.612: "oδ", 0.613: "a",
    0.615: "e", 0.623: "ₘ", 0.632: "EΣ", 0.634: "hnuσ", 0.635: "bdgpqS", 0.636: "0123456789${}", 0.656: "K",
    0.684: "AV", 0.685: "XZ", 0.686: "B", 0.695: "R", 0.698: "C", 0.732: "U", 0.748: "N", 0.752: "H",
    0.77: "D", 0.775: "G", 0.78: "&", 0.787: "OQ", 0.8: "-", 0.818: "w", 0.838: "#+<=>^~−→≈×", 0.863: "M",
    0.95: "%", 0.974: "m", 0.989: "W", 1.0: "@⋮…∇",
}
WIDTHS = {ch: em for em, chars in _EM.items() for ch in chars}
UNKNOWN = 1.0  # any other character: as wide as an em (wider than most)

_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
_LETTER_SUBS = {"in": "ᵢₙ", "out": "ₒᵤₜ"}
_NAME = re.compile(r"^([^\W\d_]{1,3})_\{?([0-9]+|in|out)\}?$")


@dataclass(frozen=True)
class Run:
    """A piece of a line of text; ``key`` lets a backend reveal it later (Beamer overlays)."""

    text: str
    kind: str = "text"
    key: tuple = ()


def split_name(name: str) -> tuple[str, str] | None:
    """``"x_12"`` → ``("x", "12")``; None for a name that is not a letter with a subscript."""
    match = _NAME.match(name)
    return (match.group(1), match.group(2)) if match else None


def display_name(name: str) -> str:
    """A neuron's name in plain Unicode: subscript digits (and ``in``/``out``) lowered; anything else as is."""
    parts = split_name(name)
    if parts is None:
        return name
    head, sub = parts
    return head + _LETTER_SUBS.get(sub, sub.translate(_SUB))


def shown_text(run: Run) -> str:
    """What a plain-text backend writes for a run."""
    return display_name(run.text) if run.kind == "name" else run.text


SAFETY = 1.04  # drawn text (hinted, kerned) runs up to a few per cent wider than its advance widths


def text_width(text: str, size: float) -> float:
    """Width in cm of ``text`` at ``size`` points."""
    return sum(WIDTHS.get(ch, UNKNOWN) for ch in text) * size * PT * SAFETY


def line_width(runs, size: float) -> float:
    return sum(text_width(shown_text(run), size) for run in runs)


__all__ = ["KINDS", "PT", "Run", "WIDTHS", "display_name", "line_width", "shown_text", "split_name",
           "text_width"]
