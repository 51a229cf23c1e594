"""Vectors and matrices in the slides' notation: ``x``, ``z_in``, ``z``, ``f_in``, ``f``, ``W^T``, ``b``.

Entries are plain text (fast to draw, no LaTeX); the name above a column is LaTeX. Every entry is a
separate mobject, so a scene can reveal cells one by one, highlight a row, or turn a column of
worked sums into a column of values::

    x = VectorColumn(trace.x[0], theme, label=r"\\mathbf{x}")
    self.play(x.reveal())
    z_in = VectorColumn.from_trace(trace, layer=0, which="z_in", theme=theme)

Long vectors and big matrices are elided with ⋮ / ⋯ (see ``nnviz.animate.text.elided``), and the
entries shown are listed in ``.texts`` (``None`` for the ⋮), which is what tests read.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    AnimationGroup,
    ArcBetweenPoints,
    FadeIn,
    LaggedStart,
    Line,
    Mobject,
    Rectangle,
    ReplacementTransform,
    VGroup,
    VMobject,
    Write,
)

from nnviz.animate.base import Theme
from nnviz.animate.text import BODY, elided, math, words
from nnviz.engine.notation import format_number, layer_names

ROW = 0.5  # vertical distance between entries at BODY size


def square_brackets(height: float, width: float, color: str, serif: float = 0.1) -> VGroup:
    """``[`` and ``]`` around a box of the given size (centred at the origin)."""
    h, w = height / 2, width / 2
    left = VMobject(color=color, stroke_width=2.5).set_points_as_corners(
        [[-w + serif, h, 0], [-w, h, 0], [-w, -h, 0], [-w + serif, -h, 0]])
    right = VMobject(color=color, stroke_width=2.5).set_points_as_corners(
        [[w - serif, h, 0], [w, h, 0], [w, -h, 0], [w - serif, -h, 0]])
    return VGroup(left, right)


def round_brackets(height: float, width: float, color: str) -> VGroup:
    """``(`` and ``)`` around a box of the given size (centred at the origin)."""
    h, w = height / 2, width / 2
    left = ArcBetweenPoints([-w, h, 0], [-w, -h, 0], angle=0.5, color=color, stroke_width=2.5)
    right = ArcBetweenPoints([w, -h, 0], [w, h, 0], angle=0.5, color=color, stroke_width=2.5)
    return VGroup(left, right)


class Ruled:
    """A group with an invisible 0.1-long ``ruler`` built beside its entries: how much it has been
    scaled since, and so the size its entries (``font_size`` when built) are drawn at now."""

    ruler: Line
    font_size: float

    @property
    def scale_now(self) -> float:
        """How much the group has been scaled since it was built."""
        return self.ruler.get_length() / 0.1

    @property
    def font_size_now(self) -> float:
        """The size its entries are drawn at now (after any scaling)."""
        return self.font_size * self.scale_now


class VectorColumn(Ruled, VGroup):
    """A column vector in brackets with its name above; each entry is a cell of ``.cells``.

    ``values`` are formatted with ``format_number`` (``probability=True``: three decimals); or pass
    ``texts`` to show anything else per row (a worked sum, ``max(0, 79)``). ``label`` is LaTeX.
    ``align_left`` lines the rows up on the left (for worked sums).
    """

    def __init__(self, values: Sequence[float] | None, theme: Theme, *, texts: Sequence[str] | None = None,
                 label: str | None = None, probability: bool = False, max_entries: int = 6,
                 font_size: float = BODY, row: float | None = None, round: bool = False,
                 colors: Sequence[str] | None = None, align_left: bool = False):
        super().__init__()
        self.theme, self.font_size = theme, font_size
        self.values = None if values is None else np.ravel(np.asarray(values, dtype=float))
        all_texts = list(texts) if texts is not None else [
            format_number(v, probability=probability) for v in self.values]
        self.n = len(all_texts)
        self.shown = elided(self.n, max_entries)
        self.texts = [None if i is None else all_texts[i] for i in self.shown]
        row = row if row is not None else ROW * font_size / BODY
        self.cells = VGroup(*[
            words("⋮" if text is None else text, theme, font_size,
                  color=None if colors is None or i is None else colors[i])
            for i, text in zip(self.shown, self.texts)])
        for k, cell in enumerate(self.cells):
            cell.move_to(DOWN * k * row)
        if align_left:  # worked sums read better left-aligned, as on the slides
            for cell in self.cells:
                cell.shift((self.cells[0].get_left()[0] - cell.get_left()[0]) * RIGHT)
        self.cells.move_to(0 * UP)
        height = max(row * len(self.cells), row) + 0.1
        width = max(self.cells.width, 0.35) + 0.35
        bracket = round_brackets if round else square_brackets
        self.brackets = bracket(height, width, theme.text).move_to(self.cells.get_center())
        self.label = math(label, theme) if label else VGroup()
        if label:
            self.label.next_to(self.brackets, UP, buff=0.15)
        # an invisible 0.1-long segment: how much the column has been scaled since it was built
        self.ruler = Line(0.05 * LEFT, 0.05 * RIGHT, stroke_opacity=0).move_to(self.cells)
        self.add(self.brackets, self.cells, self.label, self.ruler)

    @classmethod
    def from_trace(cls, trace, layer: int, which: str, theme: Theme, example: int = 0,
                   **kwargs) -> VectorColumn:
        """The trace's ``x`` (layer −1), or ``z_in``/``z_out`` of ``layer``, named as on the slides."""
        n_layers = len(trace.layers)
        if layer < 0:
            values, label = trace.x[example], r"\mathbf{x}"
        else:
            names = layer_names(layer, n_layers)
            lt = trace.layers[layer]
            values = getattr(lt, which)[example]
            label = names.z_in if which == "z_in" else names.z_out
        probability = which == "z_out" and layer == n_layers - 1 and \
            trace.layers[layer].activation.name == "softmax"
        kwargs.setdefault("label", label)
        return cls(values, theme, probability=probability, **kwargs)

    def cell(self, index: int) -> Mobject | None:
        """The cell of entry ``index`` (None if it is elided)."""
        return self.cells[self.shown.index(index)] if index in self.shown else None

    def set_equations(self, equations: Sequence[str]) -> VectorColumn:
        """The equation that gives each entry (``"7·13 + … + 5 = 79"``), kept on the entry's cell: what
        the classroom checks read wherever the cell is on screen (an elided entry shows none)."""
        for index, equation in enumerate(equations):
            cell = self.cell(index)
            if cell is not None:
                cell.written_equations = [equation]
        return self

    def drop_equations(self) -> None:
        for cell in self.cells:
            cell.written_equations = []

    def reveal(self, lag: float = 0.25) -> AnimationGroup:
        """Brackets and name first, then the entries one by one, top to bottom."""
        frame = [FadeIn(self.brackets), *([FadeIn(self.label)] if len(self.label) else [])]
        return AnimationGroup(AnimationGroup(*frame),
                              LaggedStart(*[FadeIn(c, shift=0.1 * RIGHT) for c in self.cells],
                                          lag_ratio=lag), lag_ratio=0.3)

    def highlight(self, color: str) -> AnimationGroup:
        """The entries take ``color`` (the result of the whole computation)."""
        return AnimationGroup(self.cells.animate.set_color(color))

    def frame(self) -> VGroup:
        """The brackets and the name, without the entries (to fill the cells in later)."""
        return VGroup(self.brackets, self.label)

    def become_values(self, other: VectorColumn) -> AnimationGroup:
        """Turn this column (e.g. worked sums) into ``other`` (the values), row by row."""
        return AnimationGroup(
            *[ReplacementTransform(a, b) for a, b in zip(self.cells, other.cells)],
            ReplacementTransform(self.brackets, other.brackets),
            *([ReplacementTransform(self.label, other.label)] if len(self.label) and len(other.label)
              else [FadeIn(other.label)] if len(other.label) else []))

    def row_box(self, index: int, color: str) -> Rectangle:
        """A rectangle around one entry (to point at the row being computed)."""
        cell = self.cells[index]
        return Rectangle(width=self.brackets.width - 0.15, height=cell.height + 0.18,
                         color=color, stroke_width=3).move_to([self.brackets.get_center()[0],
                                                               cell.get_center()[1], 0])


class MatrixBlock(Ruled, VGroup):
    """A matrix (``W^T``, ``U^T``) in parentheses, entries as text, rows and columns elided if big.

    ``matrix`` is formatted with ``format_number``; or pass ``texts`` (rows of strings, e.g. gradients
    with the digits that make a product add up as written) and leave ``matrix`` None. ``colors``: one
    colour per cell (rows of colours), else the theme's text colour.
    """

    def __init__(self, matrix, theme: Theme, *, texts: Sequence[Sequence[str]] | None = None,
                 colors: Sequence[Sequence[str]] | None = None, label: str | None = None, max_rows: int = 8,
                 max_cols: int = 6, font_size: float = BODY, col_gap: float = 0.3):
        super().__init__()
        self.theme, self.font_size = theme, font_size
        all_texts = [list(map(str, row)) for row in texts] if texts is not None else [
            [format_number(v) for v in row] for row in np.atleast_2d(np.asarray(matrix, dtype=float))]
        self.matrix = None if matrix is None else np.atleast_2d(np.asarray(matrix, dtype=float))
        self.rows_shown = elided(len(all_texts), max_rows)
        self.cols_shown = elided(len(all_texts[0]), max_cols)
        row = ROW * font_size / BODY
        self.texts = [[None if i is None or j is None else all_texts[i][j]
                       for j in self.cols_shown] for i in self.rows_shown]
        cells = [[words(("⋮" if i is None else "⋯") if t is None else t, theme, font_size,
                        color=None if colors is None or t is None else colors[i][j])
                  for t, j in zip(line, self.cols_shown)]
                 for line, i in zip(self.texts, self.rows_shown)]
        col_widths = [max(cells[r][c].width for r in range(len(cells))) for c in range(len(cells[0]))]
        x = 0.0
        xs = []
        for w in col_widths:
            xs.append(x + w / 2)
            x += w + col_gap
        for r, line in enumerate(cells):
            for c, cell in enumerate(line):
                cell.move_to([xs[c], -r * row, 0])
        self.rows = VGroup(*[VGroup(*line) for line in cells])
        self.rows.move_to(0 * UP)
        self.brackets = round_brackets(row * len(cells) + 0.1, self.rows.width + 0.35, theme.text)
        self.brackets.move_to(self.rows.get_center())
        self.label = math(label, theme) if label else VGroup()
        if label:
            self.label.next_to(self.brackets, UP, buff=0.15)
        self.ruler = Line(0.05 * LEFT, 0.05 * RIGHT, stroke_opacity=0).move_to(self.rows)
        self.add(self.brackets, self.rows, self.label, self.ruler)

    def row(self, index: int) -> VGroup | None:
        return self.rows[self.rows_shown.index(index)] if index in self.rows_shown else None

    def set_equations(self, equations: Sequence[Sequence[str]]) -> MatrixBlock:
        """The equation that gives each entry, kept on its cell (see ``VectorColumn.set_equations``)."""
        for r, i in enumerate(self.rows_shown):
            for c, j in enumerate(self.cols_shown):
                if i is not None and j is not None:
                    self.rows[r][c].written_equations = [equations[i][j]]
        return self

    def reveal(self) -> AnimationGroup:
        parts = [FadeIn(self.brackets), FadeIn(self.rows)]
        if len(self.label):
            parts.append(Write(self.label))
        return AnimationGroup(*parts)


def side_by_side(*mobjects: Mobject, buff: float = 0.3) -> VGroup:
    """Mobjects in a row, aligned on their brackets' centres (labels above stay above)."""
    group = VGroup(*mobjects)
    group.arrange(RIGHT, buff=buff)
    centre = mobjects[0].brackets.get_center()[1] if hasattr(mobjects[0], "brackets") else 0
    for m in mobjects:
        body = m.brackets if hasattr(m, "brackets") else m
        m.shift((centre - body.get_center()[1]) * UP)
    return group


__all__ = ["MatrixBlock", "VectorColumn", "round_brackets", "side_by_side", "square_brackets"]
