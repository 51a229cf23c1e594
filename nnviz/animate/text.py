"""The words on screen: fonts, sizes (readable at 480p), names as the slides write them, the title.

The string helpers here (``elided``, ``plain_name``) are pure functions; the numbers of a forward
pass and their worked sums are written by ``nnviz.animate.written.ForwardNumbers``::

    >>> plain_name("z_12"), elided(16, 8)
    ('z₁₂', [0, 1, 2, 3, 4, 5, None, 15])
"""

from __future__ import annotations

import numpy as np
from manim import MathTex, Text

from nnviz.analysis.worked import elided as elided  # re-exported: the scenes elide as the diagram does
from nnviz.animate.base import Theme
from nnviz.engine.notation import format_number

FONT = "DejaVu Sans"
# Sizes chosen to stay readable at 480p (a 14.2 × 8 frame on 854 × 480 pixels).
BODY = 28  # numbers in vectors, worked sums
SMALL = 22  # node labels and weight labels: the smallest size we use
TITLE = 34
FORMULA = BODY + 8  # LaTeX is set smaller than DejaVu: 36 gives digits of 15 px, scripts of 11 px at 480p

_SUBSCRIPTS = str.maketrans("0123456789+-()", "₀₁₂₃₄₅₆₇₈₉₊₋₍₎")


def plain_name(name: str) -> str:
    """A label such as ``x_1``, ``z_12`` or ``f_2`` with Unicode subscripts: ``x₁``, ``z₁₂``, ``f₂``."""
    if "_" not in name:
        return name
    head, sub = name.split("_", 1)
    sub = sub.strip("{}")
    return head + sub.translate(_SUBSCRIPTS) if sub.translate(_SUBSCRIPTS) != sub else f"{head}_{sub}"


def activation_symbol(name: str) -> str:
    return {"sigmoid": "σ", "tanh": "tanh", "relu": "ReLU", "identity": "id", "step": "step",
            "softmax": "τ"}.get(name, name)


def words(text: str, theme: Theme, font_size: float = BODY, color: str | None = None, **kwargs) -> Text:
    """Plain text in the theme's colour (numbers, sums, node labels)."""
    return Text(text, font=FONT, font_size=font_size, color=color or theme.text, **kwargs)


def number(value: float, theme: Theme, font_size: float = BODY, probability: bool = False,
           color: str | None = None) -> Text:
    return words(format_number(value, probability=probability), theme, font_size, color)


def math(latex: str, theme: Theme, font_size: float = FORMULA, color: str | None = None) -> MathTex:
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
