"""One palette, named roles: the same colours in scenes, pages, figures, the explorer and the gallery.

A colour is chosen by what it means, never by its hue::

    from nnviz.palette import palette
    p = palette("light")
    p.positive, p.negative      # edge colour: the sign of a weight
    p.value, p.gradient         # forward values, backward gradients
    p.class0, p.class1          # the two classes of a data set (points, regions)
    p.highlight                 # what is being computed now, and its result

Every role that is drawn as text keeps a contrast of at least 4.5:1 against its theme's background
(``contrast``), and no two roles that can meet in one picture are told apart by red vs green alone:
positive/negative are blue/vermillion, class 0/1 orange/bluish green (the Okabe–Ito set, darkened
for white backgrounds), gradients violet. ``tests/test_palette.py`` keeps both promises, the second
by simulating deuteranopia and protanopia. This module is ground floor: stdlib only.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

ROLES = ("value", "gradient", "positive", "negative", "class0", "class1", "highlight")
TEXT_ROLES = ("text", "muted", *ROLES)  # roles that appear as text: they must meet 4.5:1
MIN_CONTRAST = 4.5

ROLE_MEANINGS = {
    "value": "a value of the forward pass",
    "gradient": "a gradient of the backward pass",
    "positive": "a positive weight",
    "negative": "a negative weight",
    "class0": "class 0",
    "class1": "class 1",
    "highlight": "what is being computed, and its result",
}


@dataclass(frozen=True)
class Palette:
    """The colours of one theme (``light`` for slides and pages, ``dark`` for a dark hall)."""

    name: str
    background: str
    text: str
    muted: str  # secondary text, axes, tick labels: still ≥ 4.5:1
    value: str
    gradient: str
    positive: str
    negative: str
    class0: str
    class1: str
    highlight: str
    node_fill: str
    node_stroke: str
    grid: str  # thin lines that carry no text (grid lines, region edges)
    panel: str  # a surface one step off the background (cards, legends)

    @property
    def accent(self) -> str:
        """The colour of what is being computed right now: the highlight role."""
        return self.highlight

    @property
    def classes(self) -> tuple[str, str]:
        return self.class0, self.class1

    def sign(self, value: float) -> str:
        """The colour of a weight by its sign: positive, negative, or muted for zero."""
        return self.positive if value > 0 else self.negative if value < 0 else self.muted

    def roles(self) -> dict[str, str]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "name"}


PALETTES: dict[str, Palette] = {
    "light": Palette(
        "light", background="#FFFFFF", text="#1F2430", muted="#5F6672", value="#1F2430",
        gradient="#6A3D9A", positive="#0067A5", negative="#C2391B", class0="#B35F00", class1="#1D7A55",
        highlight="#8A6100", node_fill="#F4F6FA", node_stroke="#1F2430", grid="#D5D9E0", panel="#F4F6FA"),
    "dark": Palette(
        "dark", background="#14161B", text="#ECEFF4", muted="#A3ABB8", value="#ECEFF4",
        gradient="#C3A3F0", positive="#6CB6F0", negative="#FF8A70", class0="#E69F00", class1="#6FD3A4",
        highlight="#FFD166", node_fill="#232733", node_stroke="#ECEFF4", grid="#3A404D", panel="#1E2128"),
}
THEME_NAMES = tuple(PALETTES)


def palette(theme: str = "light") -> Palette:
    """The palette of ``theme``; an unknown theme names the known ones."""
    try:
        return PALETTES[theme]
    except KeyError:
        from nnviz.errors import NnvizError

        raise NnvizError(f"theme {theme!r}: must be one of {', '.join(PALETTES)}") from None


def rgb(color: str) -> tuple[float, float, float]:
    """``"#RRGGBB"`` as three floats in [0, 1]."""
    h = color.lstrip("#")
    return tuple(int(h[i:i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def mix(a: str, b: str, t: float) -> str:
    """The colour ``t`` of the way from ``a`` to ``b`` (for tints: ``mix(class0, background, 0.7)``)."""
    ca, cb = rgb(a), rgb(b)
    return "#" + "".join(f"{round(255 * (x + (y - x) * t)):02X}" for x, y in zip(ca, cb))


def relative_luminance(color: str) -> float:
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours (1 to 21).

    >>> round(contrast("#FFFFFF", "#000000"), 1)
    21.0
    """
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


# Classes beyond the first two (spiral and blob data sets have three or more): the rest of Okabe–Ito.
MORE_CLASSES = {"light": ("#A8326E", "#3D7FB8", "#6B6B00"), "dark": ("#E58FC0", "#8FC8F0", "#E0E070")}


def class_colors(count: int, theme: str = "light") -> list[str]:
    """The colours of ``count`` classes: class 0, class 1, then distinct others (cycled past five)."""
    p = palette(theme)
    colours = [p.class0, p.class1, *MORE_CLASSES[p.name]]
    return [colours[k % len(colours)] for k in range(count)]


def class_color(k: int, theme: str | Palette = "light") -> str:
    """The colour of class ``k`` (a theme's name or its palette)."""
    return class_colors(k + 1, theme if isinstance(theme, str) else theme.name)[k]


def probability_scale(theme: str = "light") -> list[list]:
    """A diverging scale for P(class 1): class 0's colour through the background to class 1's."""
    p = palette(theme)
    return [[0.0, p.class0], [0.5, p.background], [1.0, p.class1]]


__all__ = ["MIN_CONTRAST", "PALETTES", "ROLES", "ROLE_MEANINGS", "TEXT_ROLES", "THEME_NAMES", "Palette",
           "class_color", "class_colors", "contrast", "mix", "palette", "probability_scale", "relative_luminance",
           "rgb"]
