"""Small legends: wherever colour carries meaning, the picture says what it means.

    legend = edge_legend(theme)                    # "+ weight  − weight   width: size"
    legend = edge_legend(theme, "gradient")        # edges recoloured by ∂L/∂W
    legend = colour_legend(theme, [(theme.class0, "class 0"), (theme.class1, "class 1")])

Every legend has ``legend = True`` (the classroom checks look for it when a diagram is on screen).
"""

from __future__ import annotations

from collections.abc import Sequence

from manim import RIGHT, Line, VGroup

from nnviz.animate.base import Theme
from nnviz.animate.text import SMALL, words


def colour_legend(theme: Theme, entries: Sequence[tuple[str, str]], note: str | None = None,
                  font_size: float = SMALL) -> VGroup:
    """A row of short coloured strokes, each followed by what its colour means, then ``note``."""
    group = VGroup()
    for colour, meaning in entries:
        swatch = Line(0.45 * RIGHT * -0.5, 0.45 * RIGHT * 0.5, color=colour, stroke_width=6)
        group.add(VGroup(swatch, words(meaning, theme, font_size)).arrange(RIGHT, buff=0.12))
    if note:
        group.add(words(note, theme, font_size, color=theme.muted))
    group.arrange(RIGHT, buff=0.35)
    group.legend = True
    return group


def edge_legend(theme: Theme, quantity: str = "weight", font_size: float = SMALL) -> VGroup:
    """What an edge's colour and width mean: the sign and the size of its ``quantity``."""
    return colour_legend(theme, [(theme.positive, f"{quantity} > 0"), (theme.negative, f"{quantity} < 0")],
                         note="width: size", font_size=font_size)


__all__ = ["colour_legend", "edge_legend"]
