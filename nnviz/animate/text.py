"""The words and numbers on screen: fonts, sizes, and the slides' way of writing a worked sum.

The string builders here (``worked_sum_text``, ``elided``, ``plain_name``) are pure functions, so
tests can check what a scene writes without rendering it::

    >>> worked_sum_text([-3, 1, 5], [3, -9, 2], 5, -3)
    '(-3)·3 + 1·(-9) + 5·2 + 5 = -3'

Numbers are always formatted by ``nnviz.engine.notation.format_number``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import MathTex, Text

from nnviz.animate.base import Theme
from nnviz.engine.notation import format_number

FONT = "DejaVu Sans"
# Sizes chosen to stay readable at 480p (a 14.2 × 8 frame on 854 × 480 pixels).
BODY = 28  # numbers in vectors, worked sums
SMALL = 22  # node labels and weight labels: the smallest size we use
TITLE = 34

_SUBSCRIPTS = str.maketrans("0123456789+-()", "₀₁₂₃₄₅₆₇₈₉₊₋₍₎")
_SUPERSCRIPTS = str.maketrans("0123456789+-()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁽⁾")


def plain_name(name: str) -> str:
    """A label such as ``x_1``, ``z_12`` or ``f_2`` with Unicode subscripts: ``x₁``, ``z₁₂``, ``f₂``."""
    if "_" not in name:
        return name
    head, sub = name.split("_", 1)
    sub = sub.strip("{}")
    return head + sub.translate(_SUBSCRIPTS) if sub.translate(_SUBSCRIPTS) != sub else f"{head}_{sub}"


def superscript(text: str) -> str:
    return text.translate(_SUPERSCRIPTS)


def parenthesised(value: float, *, probability: bool = False) -> str:
    """A number as it appears inside a sum: negatives in parentheses, ``(-3)``."""
    text = format_number(value, probability=probability)
    return f"({text})" if text.startswith("-") else text


def elided(n: int, max_shown: int) -> list[int | None]:
    """Indices to draw for ``n`` items when at most ``max_shown`` fit; ``None`` marks the ⋮.

    >>> elided(16, 8)
    [0, 1, 2, 3, 4, 5, None, 15]
    """
    if n <= max_shown:
        return list(range(n))
    head = max_shown - 2
    return [*range(head), None, n - 1]


def worked_sum_terms(inputs: Sequence[float], weights: Sequence[float], bias: float,
                     max_terms: int = 6) -> list[str]:
    """The products ``input·weight`` and the bias, as on the slides: ``['(-3)·3', '1·(-9)', ..., '5']``.

    With more than ``max_terms`` products the middle ones are replaced by ``…``.
    """
    products = [f"{parenthesised(x)}·{parenthesised(w)}" for x, w in zip(inputs, weights)]
    keep = elided(len(products), max_terms)
    terms = ["…" if i is None else products[i] for i in keep]
    return [*terms, parenthesised(bias)]


def worked_sum_text(inputs: Sequence[float], weights: Sequence[float], bias: float,
                    value: float | None = None, max_terms: int = 6) -> str:
    """``(-3)·3 + 1·(-9) + 5·2 + 5 = -3``: the sum of one neuron, and its value if given."""
    text = " + ".join(worked_sum_terms(inputs, weights, bias, max_terms))
    return text if value is None else f"{text} = {format_number(value)}"


def layer_sum_texts(trace, layer: int, example: int = 0, max_terms: int = 6) -> list[str]:
    """The worked sum (without its value) of every neuron of a layer of a ``Trace``."""
    lt = trace.layers[layer]
    return [worked_sum_text(lt.input[example], lt.W[:, j], lt.b[j], max_terms=max_terms)
            for j in range(lt.W.shape[1])]


def activation_texts(trace, layer: int, example: int = 0) -> list[str]:
    """``max(0, 79)`` or ``σ(-3)``: the activation applied to each pre-activation, as on the slides."""
    lt = trace.layers[layer]
    name = lt.activation.name
    z = lt.z_in[example]
    if name == "relu":
        return [f"max(0, {format_number(v)})" for v in z]
    symbol = {"sigmoid": "σ", "tanh": "tanh", "identity": "id", "step": "step", "softmax": "τ"}[name]
    return [f"{symbol}({format_number(v)})" for v in z]


def activation_symbol(name: str) -> str:
    return {"sigmoid": "σ", "tanh": "tanh", "relu": "ReLU", "identity": "id", "step": "step",
            "softmax": "τ"}.get(name, name)


def words(text: str, theme: Theme, font_size: float = BODY, color: str | None = None, **kwargs) -> Text:
    """Plain text in the theme's colour (numbers, sums, node labels)."""
    return Text(text, font=FONT, font_size=font_size, color=color or theme.text, **kwargs)


def number(value: float, theme: Theme, font_size: float = BODY, probability: bool = False,
           color: str | None = None) -> Text:
    return words(format_number(value, probability=probability), theme, font_size, color)


def math(latex: str, theme: Theme, font_size: float = BODY + 8, color: str | None = None) -> MathTex:
    """A formula in the slides' notation. LaTeX is slow to compile: use for names, not numbers."""
    return MathTex(latex, font_size=font_size, color=color or theme.text)


def sign_color(value: float, theme: Theme) -> str:
    """Positive in the theme's positive colour, negative in its negative colour, zero muted."""
    if value > 0:
        return theme.positive
    if value < 0:
        return theme.negative
    return theme.muted


def finite_max(values) -> float:
    values = np.abs(np.asarray(values, dtype=float))
    return float(values.max()) if values.size and values.max() > 0 else 1.0


def title(text: str, theme: Theme) -> Text:
    """The scene's title, top left, as the slides' section headings: the one title style of every scene.

    The mobject says it is a title (``.title``), which is how the classroom checks find it.
    """
    from manim import LEFT, UP

    mobject = words(text, theme, TITLE, weight="BOLD").to_corner(UP + LEFT, buff=0.35)
    mobject.title = True
    return mobject


heading = title  # the first wave's name


def first_neurons(n: int, limit: int = 4) -> list[int]:
    """The neurons whose sums a scene writes out by hand (the others appear all at once)."""
    return list(range(min(n, limit)))
