"""Plot axes for the learning scenes: an L-shaped frame with numbered ticks, readable at 480p.

Ticks carry their numbers (``format_number``) at the smallest text size the scenes use, in the
palette's ``muted`` role, which keeps a 4.5:1 contrast on both themes::

    frame = PlotAxes([0, 1, 0.25], [0, 3, 1], 5.0, 3.0, theme, ("f", "L"))
    axes = frame.axes                     # manim Axes: c2p / p2c for everything drawn on it
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Axes, Line, Mobject, VGroup, VMobject

from nnviz.animate.base import Theme
from nnviz.animate.text import SMALL, words
from nnviz.engine.notation import format_number

TICK_SIZE = SMALL  # digits ≥ 12 px tall at 854×480
NAME_SIZE = SMALL + 4  # an axis name's subscript (x₁) stays ≥ 8 px


class PlotAxes(VGroup):
    """Axes crossing at the lower-left corner of their ranges, with numbered ticks and names.

    ``axes`` is the (invisible) manim coordinate system; ``ticks`` the tick numbers as written.
    ``labels`` are the axes' names: strings, or mobjects (a typeset ``R_emp``).
    """

    def __init__(self, x_range, y_range, width: float, height: float, theme: Theme, labels=("", ""),
                 numbers: bool = True):
        super().__init__()
        # manim would cross the axes at 0, through the middle of a surface or a data set: draw an L.
        self.axes = axes = Axes(x_range=x_range, y_range=y_range, x_length=width, y_length=height, tips=False)
        axes.set_stroke(opacity=0)
        (x0, x1), (y0, y1) = x_range[:2], y_range[:2]
        corner = axes.c2p(x0, y0)
        self.add(axes, Line(corner, axes.c2p(x1, y0), color=theme.muted, stroke_width=2),
                 Line(corner, axes.c2p(x0, y1), color=theme.muted, stroke_width=2))
        self.ticks: list[str] = []
        self.numbers = VGroup()
        for value in ticks(x_range):
            self._tick(axes.c2p(value, y0), DOWN, value, theme, numbers)
        for value in ticks(y_range):
            self._tick(axes.c2p(x0, value), LEFT, value, theme, numbers)
        name = lambda label: label if isinstance(label, Mobject) else words(label, theme, NAME_SIZE)  # noqa: E731
        last = self.numbers[len(ticks(x_range)) - 1].width / 2 if numbers and ticks(x_range) else 0.0
        self.x_name = name(labels[0]).next_to(axes.c2p(x1, y0), RIGHT, buff=0.25 + last)
        self.y_name = name(labels[1]).next_to(axes.c2p(x0, y1), UP, buff=0.15)
        self.add(self.numbers, self.x_name, self.y_name)

    def _tick(self, at: np.ndarray, side: np.ndarray, value: float, theme: Theme, numbered: bool) -> None:
        self.add(Line(at, at + side * 0.08, color=theme.muted, stroke_width=2))
        if numbered:
            text = format_number(value)
            self.ticks.append(text)
            number = words(text, theme, TICK_SIZE, color=theme.muted).next_to(at, side, buff=0.12)
            number.axis_number = True  # a tick, not a result to read (the classroom checks know it)
            self.numbers.add(number)


def ticks(axis_range) -> list[float]:
    """The tick values of ``[low, high, step]``: the multiples of ``step`` inside the range.

    >>> ticks([-0.3, 1.2, 0.5])
    [0.0, 0.5, 1.0]
    """
    low, high, step = axis_range
    first = np.ceil(low / step - 1e-9) * step
    return [round(float(v), 10) + 0.0 for v in np.arange(first, high + 1e-9 * step, step)]


def nice_step(span: float, count: int = 4) -> float:
    """A round tick spacing (1, 2 or 5 times a power of ten) giving at most about ``count`` ticks.

    >>> nice_step(3.0), nice_step(0.9), nice_step(300, 3)
    (1.0, 0.5, 100.0)
    """
    raw = span / count
    power = 10 ** np.floor(np.log10(raw))
    return float(min((m * power for m in (1, 2, 5, 10) if m * power >= raw), default=raw))


def axis_step(low: float, high: float, at_least: int = 3) -> float:
    """The roundest tick spacing that still puts ``at_least`` numbered ticks on ``[low, high]``.

    >>> axis_step(-1.8, 1.6), axis_step(0, 20), axis_step(0, 4.99, 2)
    (1.0, 10.0, 2.0)
    """
    for count in range(2, 12):
        step = nice_step(high - low, count)
        if len(ticks([low, high, step])) >= at_least:
            return step
    return nice_step(high - low, at_least)


def segments_mobject(segments: np.ndarray, axes: Axes, color: str, width: float = 2.0) -> VMobject:
    """Many line segments (k, 2, 2) in data coordinates as one VMobject."""
    path = VMobject(stroke_color=color, stroke_width=width)
    for start, end in segments:
        path.start_new_path(axes.c2p(*start))
        path.add_line_to(axes.c2p(*end))
    return path


def polyline_upto(anchors: np.ndarray, t: float) -> list[np.ndarray]:
    """The corners of a path through ``anchors`` drawn up to ``t`` (fractional: part of the next segment).

    >>> [p.tolist() for p in polyline_upto(np.array([[0.0, 0], [2, 0], [2, 2]]), 1.5)]
    [[0.0, 0.0], [2.0, 0.0], [2.0, 1.0]]
    """
    t = float(np.clip(t, 0, len(anchors) - 1))
    whole = int(np.floor(t))
    points = list(anchors[: whole + 1])
    if whole < len(anchors) - 1 and t > whole:
        points.append(anchors[whole] + (t - whole) * (anchors[whole + 1] - anchors[whole]))
    return points if len(points) > 1 else [points[0], points[0]]


__all__ = ["PlotAxes", "axis_step", "nice_step", "polyline_upto", "segments_mobject", "ticks"]
