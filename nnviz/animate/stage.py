"""Where things go on the screen of a learning scene: regions of the frame, a board whose content
changes from step to step, legends, and fades that do not copy big groups.

Positions come from the frame and the title, never from coordinates typed into a scene::

    title = heading("Backpropagation", theme)
    left, right = content_area(title).columns(0.45, 0.55)
    left.place(diagram)
    board = Board(right)
    self.step(*board.show(chain_rule_panel), say="…", reads=panel)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Animation,
    Dot,
    Line,
    Mobject,
    Square,
    VGroup,
    config,
)

from nnviz.animate.base import Theme
from nnviz.animate.text import SMALL, words

MARGIN = 0.3  # between the frame's edge and anything on it
GAP = 0.35  # between two regions


@dataclass(frozen=True)
class Region:
    """A rectangle of the frame (scene units), to place mobjects into."""

    left: float
    right: float
    bottom: float
    top: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.top - self.bottom

    @property
    def center(self) -> np.ndarray:
        return np.array([(self.left + self.right) / 2, (self.bottom + self.top) / 2, 0.0])

    def columns(self, *shares: float, gap: float = GAP) -> list[Region]:
        """Side by side, widths in proportion to ``shares``, ``gap`` apart."""
        free = self.width - gap * (len(shares) - 1)
        edges, x = [], self.left
        for share in shares:
            width = free * share / sum(shares)
            edges.append(Region(x, x + width, self.bottom, self.top))
            x += width + gap
        return edges

    def rows(self, *shares: float, gap: float = GAP) -> list[Region]:
        """One above the other (the first on top), heights in proportion to ``shares``."""
        free = self.height - gap * (len(shares) - 1)
        edges, y = [], self.top
        for share in shares:
            height = free * share / sum(shares)
            edges.append(Region(self.left, self.right, y - height, y))
            y -= height + gap
        return edges

    def below(self, mobject: Mobject, gap: float = GAP) -> Region:
        """The part of this region under ``mobject``."""
        return Region(self.left, self.right, self.bottom, min(self.top, mobject.get_bottom()[1] - gap))

    def above(self, mobject: Mobject, gap: float = GAP) -> Region:
        """The part of this region over ``mobject``."""
        return Region(self.left, self.right, max(self.bottom, mobject.get_top()[1] + gap), self.top)

    def fit(self, mobject: Mobject) -> Mobject:
        """Shrink (never grow) ``mobject`` until it fits."""
        if mobject.width > self.width or mobject.height > self.height:
            mobject.scale(min(self.width / mobject.width, self.height / mobject.height))
        return mobject

    def place(self, mobject: Mobject, edge: np.ndarray | None = None) -> Mobject:
        """Fit ``mobject`` and put it in the middle, or against ``edge`` (UP, DOWN, LEFT, RIGHT, UP + LEFT …)."""
        self.fit(mobject).move_to(self.center)
        edge = np.zeros(3) if edge is None else np.asarray(edge, float)
        if edge[0]:
            mobject.set_x(self.center[0] + edge[0] * (self.width - mobject.width) / 2)
        if edge[1]:
            mobject.set_y(self.center[1] + edge[1] * (self.height - mobject.height) / 2)
        return mobject


def frame_area(margin: float = MARGIN) -> Region:
    """The whole frame, less a margin."""
    w, h = config.frame_width / 2, config.frame_height / 2
    return Region(-w + margin, w - margin, -h + margin, h - margin)


def content_area(title: Mobject, margin: float = MARGIN, gap: float = 0.3) -> Region:
    """The frame under the title: where a scene's pictures go."""
    return frame_area(margin).below(title, gap)


class Board:
    """A region whose content is replaced step by step (the explanation beside a diagram)."""

    def __init__(self, region: Region, edge: np.ndarray = UP):
        self.region, self.edge, self.shown = region, edge, None

    def show(self, group: Mobject) -> list[Animation]:
        """Animations that fade the board's old content out and ``group`` in, placed in the region."""
        from nnviz.animate.fades import appear, disappear

        self.region.place(group, self.edge)
        old, self.shown = self.shown, group
        return [*([disappear(old)] if old is not None else []), appear(group)]


def diagram_in(region: Region, trace_or_network, theme: Theme, **options) -> Mobject:
    """A ``NetworkDiagram`` filling ``region``, with room left for the values written beside its nodes
    (inputs' on the left, the output's on the right)."""
    from nnviz.animate.diagram import NetworkDiagram

    inner = Region(region.left + 0.8, region.right - 1.2, region.bottom + 0.1, region.top - 0.35)
    diagram = NetworkDiagram(trace_or_network, theme, width=inner.width - 0.7, height=inner.height, **options)
    return inner.place(diagram)


def diagram_legend(theme: Theme, entries: Sequence[tuple[str, str]], column: bool = False) -> VGroup:
    """What a diagram's colours mean: its labels' colours (``entries``), then its edges' (sign, width).

    ``column``: every entry on a line of its own (for a narrow place).
    """
    from nnviz.animate.legend import colour_legend, edge_legend

    rows = [colour_legend(theme, entries), edge_legend(theme)]
    if column:
        rows = [entry for row in rows for entry in row]
    group = VGroup(*rows).arrange(DOWN, buff=0.15, aligned_edge=LEFT)
    group.legend = True
    return group


EDGE_LABEL_GAP = 0.05


def on_edge(label: Mobject, edge: Mobject, at: float, theme: Theme) -> Mobject:
    """``label`` on ``edge``, ``at`` of the way from its source, in a framed box that hides the edge behind it.

    The frame shows where the edge stops: an edge ending right at a number would read as its minus sign
    (``8`` as ``-8``).
    """
    label.add_background_rectangle(color=theme.background, opacity=1, buff=EDGE_LABEL_GAP)
    label.background_rectangle.set_stroke(theme.muted, width=1.5, opacity=1)
    return label.move_to(edge.point_from_proportion(at))


def table_layout(rows: Sequence[Sequence[Mobject]], col_gap: float = 0.5, row_height: float = 0.5,
                 head_gap: float = 0.1) -> None:
    """Place the cells of a table: columns as wide as their widest cell, ``col_gap`` apart, centred in
    their column; the first row is the head, the others ``row_height`` apart under it."""
    widths = [max(row[c].width for row in rows) for c in range(len(rows[0]))]
    centres = np.cumsum([0.0, *[(a + b) / 2 + col_gap for a, b in zip(widths, widths[1:])]])
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            cell.move_to([centres[c], -(r + (head_gap if r else 0)) * row_height, 0])


# ---- what there is to read -------------------------------------------------------------------------
_NUMBER = re.compile(r"\(?-?\d+(\.\d+)?(·10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)?\)?")


def items_in_text(text: str) -> int:
    """What a viewer reads in one text: a bare number is one item; in anything else each product
    (``·``) and each result (``= 0.45``) is one.

    >>> items_in_text("-0.36"), items_in_text("L = -log(0.639) = 0.45"), items_in_text("step 40")
    (1, 1, 0)
    """
    if _NUMBER.fullmatch(text.strip()):
        return 1
    return text.count("·") - text.count("·10") + len(re.findall(r"=\s*-?\d", text))


def reading(*mobjects: Mobject) -> int:
    """How many items the viewer must read in ``mobjects`` (every text in their families)."""
    from manim import MathTex, Text

    seen, total = set(), 0
    for mobject in mobjects:
        for m in mobject.get_family():
            if id(m) in seen:
                continue
            seen.add(id(m))
            if isinstance(m, Text):
                total += items_in_text(m.original_text)
            elif isinstance(m, MathTex):
                total += items_in_text(m.tex_string)
    return total


# ---- legends --------------------------------------------------------------------------------------
def swatch(color: str, kind: str = "dot", width: float | None = None) -> Mobject:
    """What a legend entry shows: a ``dot``, a ``line`` (``width``: its stroke) or a filled ``square``."""
    if kind == "line":
        return Line(LEFT * 0.25, RIGHT * 0.25, color=color, stroke_width=width or 5)
    if kind == "square":
        return Square(0.3, color=color, fill_color=color, fill_opacity=1, stroke_width=0)
    return Dot(radius=0.09, color=color)


def legend(entries: Sequence[tuple[Mobject, str]], theme: Theme, font_size: float = SMALL + 2,
           direction: np.ndarray = RIGHT) -> VGroup:
    """``[(swatch, "what it means"), …]`` in a row (or a column with ``direction=DOWN``)."""
    items = VGroup(*[VGroup(mark, words(text, theme, font_size, color=theme.muted)).arrange(RIGHT, buff=0.15)
                     for mark, text in entries])
    items.arrange(direction, buff=0.45 if np.allclose(direction, RIGHT) else 0.15,
                  aligned_edge=LEFT if np.allclose(direction, DOWN) else np.zeros(3))
    items.legend = True
    return items


__all__ = ["GAP", "MARGIN", "Board", "Region", "content_area", "diagram_in", "diagram_legend", "frame_area",
           "items_in_text", "legend", "on_edge", "reading", "swatch", "table_layout"]
