"""The curve of an activation on axes that show their numbers, and points (z, σ(z)) on it.

    plot = ActivationPlot(get_activation("sigmoid"), theme, z_values=[-3, 2, 0, 7])
    point, draw = plot.show_point(-3, "σ(-3) = 0.047")        # the label as written by ForwardNumbers
    self.step(draw, say="…", reads=1)

The x-axis lies at 0, the y-axis at the left end (numbers there stay clear of the curve); a faint
line marks z = 0. Tick numbers are written at the smallest text size, in the ``muted`` role.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import DOWN, LEFT, UP, UR, AnimationGroup, Axes, Create, DashedLine, Dot, FadeIn, Line, VGroup

from nnviz.animate.base import Theme
from nnviz.animate.text import BODY, SMALL, math, words
from nnviz.engine import Activation
from nnviz.engine.notation import format_number

FORMULAS = {"sigmoid": r"\sigma(z) = \frac{1}{1 + e^{-z}}",
            "tanh": r"\tanh(z) = \frac{e^z - e^{-z}}{e^z + e^{-z}}",
            "relu": r"\mathrm{ReLU}(z) = \max(0, z)",
            "identity": r"\mathrm{id}(z) = z",
            "step": r"\mathbb{1}(z) = [z \geq 0]"}


def nice(span: float, count: int = 4) -> float:
    """A round step (1, 2 or 5 times a power of ten) giving at most ``count`` steps over ``span``.

    >>> nice(12), nice(182), nice(1), nice(12, 6)
    (5.0, 50.0, 0.5, 2.0)
    """
    raw = span / count
    power = 10 ** np.floor(np.log10(raw))
    return float(min(m * power for m in (1, 2, 5, 10) if m * power >= raw))


def activation_ranges(activation: Activation, z_values: Sequence[float]) -> tuple[list, list]:
    """Axis ranges ``[low, high, step]`` that show the curve's shape and every z in ``z_values``."""
    reach = max(6.0, 1.15 * float(np.max(np.abs(z_values))) if len(z_values) else 6.0)
    step = nice(2 * reach, 6)
    reach = step * np.ceil(reach / step)
    x_range = [-reach, reach, step]
    name = activation.name
    if name in ("sigmoid", "step"):
        return x_range, [0, 1, 0.5]
    if name == "tanh":
        return x_range, [-1, 1, 1]
    return x_range, [0 if name == "relu" else -reach, reach, step]


def multiples(axis: Sequence[float]) -> list[float]:
    """The multiples of ``step`` in ``[low, high]``."""
    low, high, step = axis
    first = np.ceil(low / step - 1e-9) * step
    return [round(float(v), 9) + 0.0 for v in np.arange(first, high + 1e-9 * step, step)]


class ActivationPlot(VGroup):
    """The curve of an activation (σ, tanh, ReLU, …) on numbered axes; points go on it.

    ``z_values`` only choose the range so that every point shown fits on the axes.
    """

    def __init__(self, activation: Activation, theme: Theme, *, z_values: Sequence[float] = (),
                 width: float = 5.0, height: float = 3.4, title: bool = True):
        super().__init__()
        self.activation, self.theme = activation, theme
        self.x_range, self.y_range = x_range, y_range = activation_ranges(activation, z_values)
        # the whole plot (numbers, the axis name and the formula above) fits width × height
        x_length, y_length = width - 1.1, height - 0.45 - (0.95 if title else 0)
        self.axes = axes = Axes(x_range=x_range, y_range=y_range, x_length=x_length, y_length=y_length,
                                tips=False)
        axes.set_stroke(opacity=0)  # manim's crossing axes hide numbers under the curve: drawn below
        (x0, x1), (y0, y1) = x_range[:2], y_range[:2]
        self.frame = VGroup(Line(axes.c2p(x0, 0), axes.c2p(x1, 0), color=theme.muted, stroke_width=2),
                            Line(axes.c2p(x0, y0), axes.c2p(x0, y1), color=theme.muted, stroke_width=2),
                            DashedLine(axes.c2p(0, y0), axes.c2p(0, y1), color=theme.grid, stroke_width=2))
        self.numbers = VGroup()
        for x in multiples(x_range):
            if x == 0 and y0 < 0:  # the curve crosses there
                continue
            self.numbers.add(words(format_number(x), theme, SMALL, color=theme.muted)
                             .next_to(axes.c2p(x, 0), DOWN, buff=0.1))
        for y in multiples(y_range):
            if y == 0:  # the x-axis lies at 0 and says it; a "0" there crowds its numbers
                continue
            self.numbers.add(words(format_number(y), theme, SMALL, color=theme.muted)
                             .next_to(axes.c2p(x0, y), LEFT, buff=0.12))
        for number in self.numbers:
            number.axis_number = True  # read off the axes, not a result to read (classroom checks)
        self.ticks = [n.original_text for n in self.numbers]
        self.name = words("z", theme, SMALL + 2, color=theme.muted).next_to(axes.c2p(x1, 0), UR, buff=0.1)
        self.curve = axes.plot(lambda t: float(activation.value(np.array([t]))[0]), color=theme.value,
                               stroke_width=4, use_smoothing=False,
                               discontinuities=[0] if activation.name == "step" else None)
        self.add(axes, self.frame, self.numbers, self.name, self.curve)
        self.title = math(FORMULAS.get(activation.name, f"{activation.latex}(z)"), theme) if title else VGroup()
        if title:
            self.add(self.title.next_to(self.frame, UP, buff=0.2))

    def create_curve(self) -> Create:
        """Draw the curve from left to right."""
        return Create(self.curve)

    def point(self, z: float, value: float, label: str | None = None) -> VGroup:
        """The dot at (z, value), dashed lines to both axes, and ``label`` (e.g. ``σ(-3) = 0.047``) beside it."""
        axes = self.axes
        x = float(np.clip(z, *self.x_range[:2]))
        at = axes.c2p(x, value)
        dot = Dot(at, radius=0.09, color=self.theme.highlight)
        drop = DashedLine(axes.c2p(x, 0), at, color=self.theme.highlight, stroke_width=2)
        across = DashedLine(axes.c2p(self.x_range[0], value), at, color=self.theme.highlight, stroke_width=2)
        group = VGroup(drop, across, dot)
        if label:
            text = words(label, self.theme, BODY, color=self.theme.highlight)
            text.add_background_rectangle(color=self.theme.background, opacity=0.9, buff=0.05)
            text.next_to(dot, UR, buff=0.1)
            if text.get_right()[0] > self.frame.get_right()[0]:
                text.next_to(dot, UP + LEFT, buff=0.1)
            if text.get_top()[1] > self.frame.get_top()[1] + 0.1:  # near the top: below the curve
                text.next_to(dot, DOWN + (LEFT if x > 0 else -LEFT), buff=0.15)
            left, right = self.frame.get_left()[0], self.frame.get_right()[0]  # never past the plot's sides
            text.set_x(min(max(text.get_x(), left + text.width / 2), right - text.width / 2))
            group.add(text)
        return group

    def show_point(self, z: float, value: float, label: str | None = None) -> tuple[VGroup, AnimationGroup]:
        """The point as a mobject and the animation that draws it (dot first, then the lines and label)."""
        point = self.point(z, value, label)
        return point, AnimationGroup(FadeIn(point[2], scale=2), FadeIn(point[0]), FadeIn(point[1]),
                                     *([FadeIn(point[3])] if len(point) > 3 else []), lag_ratio=0.2)


__all__ = ["FORMULAS", "ActivationPlot", "activation_ranges", "multiples", "nice"]
