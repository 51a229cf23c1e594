"""A window of the plane in a scene: data by class, lines, polylines and regions at their coordinates.

The motivation and fold scenes draw what ``nnviz.analysis`` recorded (the polar morph, the plane
carried through layers, exact regions) into a ``PlanePanel``; positions come from the panel's
``to_screen``, never typed in a scene::

    panel = PlanePanel((-1.2, 1.2, -1.2, 1.2), theme, side=5.0, names=("x₁", "x₂"))
    dots = panel.class_dots(X, y)
    line = panel.line(W, b)          # w·x + b = 0, clipped to the window
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Dot, Line, Polygon, Rectangle, Square, VGroup, VMobject

from nnviz.analysis.polygons import line_segment
from nnviz.animate.base import Theme
from nnviz.animate.text import SMALL, words
from nnviz.engine.notation import format_number
from nnviz.palette import class_color, mix

Array = np.ndarray
NUMBER = SMALL - 2  # axis numbers: ≥ 12 px at 480p
NAME = SMALL + 6  # axis names: their subscripts (x₁) ≥ 8 px at 480p


def window(points: Array, margin: float = 0.08, square: bool = True) -> tuple[float, float, float, float]:
    """A window around points (n, 2): square by default, so shapes and angles read true."""
    lo, hi = points.min(axis=0), points.max(axis=0)
    if square:
        half = (hi - lo).max() / 2 * (1 + margin) + 1e-9
        centre = (lo + hi) / 2
        return (centre[0] - half, centre[0] + half, centre[1] - half, centre[1] + half)
    pad = (hi - lo) * margin + 1e-9
    return (lo[0] - pad[0], hi[0] + pad[0], lo[1] - pad[1], hi[1] + pad[1])


class PlanePanel(VGroup):
    """A framed window of the plane with its numbers at the edges and the names of its axes."""

    def __init__(self, extent, theme: Theme, side: float = 5.0, names: tuple[str, str] = ("x₁", "x₂"),
                 height: float | None = None, numbers: bool = True):
        super().__init__()
        self.extent, self.theme = tuple(float(v) for v in extent), theme
        self.width_units, self.height_units = side, height or side
        self.frame = Rectangle(width=self.width_units, height=self.height_units, color=theme.muted, stroke_width=2)
        self.add(self.frame)
        self.labels = VGroup()
        if numbers:
            self.labels = self.edge_numbers()
            self.add(self.labels)
        self.names = VGroup(words(names[0], theme, NAME).next_to(self.frame, DOWN, buff=0.45),
                            words(names[1], theme, NAME).next_to(self.frame, LEFT, buff=0.55))
        self.add(self.names)

    def to_screen(self, points) -> Array:
        """Data coordinates (n, 2) → scene points (n, 3) inside the frame."""
        points = np.atleast_2d(np.asarray(points, float))
        x0, x1, y0, y1 = self.extent
        corner = self.frame.get_corner(DOWN + LEFT)
        u = (points[:, 0] - x0) / (x1 - x0) * self.width_units
        v = (points[:, 1] - y0) / (y1 - y0) * self.height_units
        return np.c_[corner[0] + u, corner[1] + v, np.zeros(len(points))]

    def edge_numbers(self) -> VGroup:
        """The window's first and last value on each axis, written at the frame's corners."""
        x0, x1, y0, y1 = self.extent
        group = VGroup()
        for value, corner, edge in ((x0, DOWN + LEFT, LEFT), (x1, DOWN + RIGHT, RIGHT)):
            label = words(format_number(value), self.theme, NUMBER, color=self.theme.muted)
            group.add(label.next_to(self.frame.get_corner(corner), DOWN, buff=0.1, aligned_edge=edge))
        for value, corner, edge in ((y0, DOWN + LEFT, DOWN), (y1, UP + LEFT, UP)):
            label = words(format_number(value), self.theme, NUMBER, color=self.theme.muted)
            group.add(label.next_to(self.frame.get_corner(corner), LEFT, buff=0.1, aligned_edge=edge))
        for label in group:
            label.axis_number = True  # the classroom checker counts no reading time for axis numbers
        return group

    def class_dots(self, X: Array, y: Array, radius: float = 0.05) -> VGroup:
        """One mark per point: a dot for class 0, a square for class 1 (shape and colour both tell)."""
        marks = VGroup()
        for point, label in zip(self.to_screen(X), np.asarray(y).astype(int)):
            color = class_color(label, self.theme)
            mark = Dot(point, radius=radius, color=color) if label == 0 else \
                Square(side_length=1.8 * radius, color=color, fill_opacity=1, stroke_width=0).move_to(point)
            marks.add(mark)
        return marks

    def move_dots(self, marks: VGroup, X: Array) -> None:
        for mark, point in zip(marks, self.to_screen(X)):
            mark.move_to(point)

    def line(self, w, b: float, color: str | None = None, width: float = 6) -> VMobject:
        """The line w·x + b = 0 inside the window (nothing drawn if it misses the window)."""
        segment = line_segment(np.asarray(w, float), float(b), self.extent)
        if segment is None:
            return VMobject()
        start, end = self.to_screen(segment)
        return Line(start, end, color=color or self.theme.highlight, stroke_width=width)

    def polylines(self, lines: Array, color: str | None = None, width: float = 1.5) -> VGroup:
        """Polylines (k, m, 2) in data coordinates, e.g. grid lines carried through a network."""
        group = VGroup()
        for line in lines:
            path = VMobject(stroke_color=color or self.theme.muted, stroke_width=width)
            path.set_points_as_corners(self.to_screen(line))
            group.add(path)
        return group

    def regions(self, polygons: list[Array], colors: Array, tints: list[str]) -> VGroup:
        """Filled polygons, one per region, each in its colour index's tint, edges crisp."""
        group = VGroup()
        for polygon, c in zip(polygons, colors):
            group.add(Polygon(*self.to_screen(polygon), fill_color=tints[int(c)], fill_opacity=1,
                              stroke_color=self.theme.muted, stroke_width=1))
        return group


def centred(mobject, below=None, buff: float = 0.5):
    """Place ``mobject`` below ``below`` (if given) and centre it across the frame."""
    if below is not None:
        mobject.next_to(below, DOWN, buff=buff)
    return mobject.move_to(np.zeros(3), coor_mask=np.array([1.0, 0.0, 0.0]))


def region_tints(theme: Theme, count: int = 8) -> list[str]:
    """Region fills from the palette's roles mixed with the background (as the pages' ``style.tints``)."""
    roles = [theme.positive, theme.negative, theme.gradient, theme.highlight]
    return [mix(theme.background, roles[k % 4], 0.45 if k < 4 else 0.25) for k in range(count)]


def class_legend(theme: Theme) -> VGroup:
    """● class 0   ■ class 1 — what colour and shape mean."""
    entries = VGroup()
    for k in (0, 1):
        mark = Dot(radius=0.07, color=class_color(0, theme)) if k == 0 else \
            Square(side_length=0.13, color=class_color(1, theme), fill_opacity=1, stroke_width=0)
        entries.add(VGroup(mark, words(f"class {k}", theme, SMALL)).arrange(RIGHT, buff=0.12))
    legend = entries.arrange(RIGHT, buff=0.4)
    legend.legend = True
    return legend
