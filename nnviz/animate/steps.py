"""The forward pass in matrix form, as the deep-network slides compute it, column by column.

- ``AffineStep``: ``z_in^(l) = W^(l)ᵀ z^(l−1) + b^(l)`` above ``(W^T)(z) + (b) = [worked sums] = [z_in]``.
- ``ActivationStep``: ``z^(l) = ReLU(z_in^(l))`` above ``[max(0, 79) …] = [z]``.
- ``ColumnStrip``: the finished vectors ``x, z_in^(1), z^(1), …, f`` side by side at the top, and at
  the end the whole pass as one slide, the vectors joined by their operators (``finale``).

Every number is written by a ``ForwardNumbers`` (digits that add up as written); each cell of a
result carries the equation that gives it (``VectorColumn.set_equations``) for the classroom checks::

    affine = strip.place_below(AffineStep(numbers, layer, theme))
    self.step(affine.write_equation(), say="…", reads=affine.matrix)
    self.step(affine.write_sums(), say="…", reads=affine.sums)
    self.step(affine.show_result(), say="…", reads=affine.result)
    self.play(*affine.clear(), strip.take(affine.result))
"""

from __future__ import annotations

from collections.abc import Sequence

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    AnimationGroup,
    FadeIn,
    FadeOut,
    LaggedStart,
    MathTex,
    Mobject,
    Transform,
    VGroup,
    Write,
    config,
)

from nnviz.animate.base import Theme
from nnviz.animate.lines import SAFE_WIDTH, approximation_note, fit_width
from nnviz.animate.text import BODY, FORMULA, SMALL, elided, words
from nnviz.animate.vectors import ROW, MatrixBlock, VectorColumn, side_by_side
from nnviz.animate.written import ForwardNumbers
from nnviz.engine.notation import layer_names

LATEX_NAMES = {"sigmoid": r"\sigma", "tanh": r"\tanh", "relu": r"\mathrm{ReLU}", "identity": r"\mathrm{id}",
               "step": r"\mathbb{1}", "softmax": r"\tau"}


def previous_name(layer: int, n_layers: int) -> str:
    return r"\mathbf{x}" if layer == 0 else layer_names(layer - 1, n_layers).z_out


def affine_formula(layer: int, n_layers: int, n_neurons: int = 2) -> str:
    """``\\mathbf{z}_{in}^{(2)} = (W^{(2)})^T \\mathbf{z}^{(1)} + \\mathbf{b}^{(2)}``; last ``f_in = U^T z + c``
    (``f_{in} = \\mathbf{u}^T \\mathbf{z} + c`` for a single output, as the slides write it)."""
    names = layer_names(layer, n_layers)
    if names.is_output and n_neurons == 1:
        return rf"f_{{in}} = \mathbf{{u}}^T {previous_name(layer, n_layers)} + c"
    return rf"{names.z_in} = {names.WT} {previous_name(layer, n_layers)} + {names.b}"


def activation_formula(layer: int, n_layers: int, activation: str, n_neurons: int = 2) -> str:
    names = layer_names(layer, n_layers)
    symbol = LATEX_NAMES.get(activation, activation)
    if names.is_output and n_neurons == 1:
        return rf"f = {symbol}(f_{{in}})"
    return rf"{names.z_out} = {symbol}({names.z_in})"


def _arrange(parts: Sequence[Mobject], width: float) -> VGroup:
    """The parts in one row if they fit at ≥ 85 % of their size, else in two rows split at an ``=``."""
    row = side_by_side(*parts, buff=0.25)
    if row.width <= width / 0.85 or len(parts) < 4:
        return row
    cut = max(i for i, p in enumerate(parts) if getattr(p, "is_equals", False) and i < len(parts) - 1)
    top, bottom = side_by_side(*parts[:cut], buff=0.25), side_by_side(*parts[cut:], buff=0.25)
    return VGroup(top, bottom).arrange(DOWN, buff=0.45, aligned_edge=LEFT)


def _sign(text: str, theme: Theme, font_size: float) -> Mobject:
    mobject = words(text, theme, font_size + 4)
    mobject.is_equals = text == "="
    return mobject


class AffineStep(VGroup):
    """One layer's affine step in matrix form, the worked sum of each neuron, then ``z_in``."""

    def __init__(self, numbers: ForwardNumbers, layer: int, theme: Theme, *, font_size: float = BODY - 2,
                 max_rows: int = 6, max_cols: int = 6, max_terms: int = 4, width: float = SAFE_WIDTH):
        super().__init__()
        n_layers = numbers.n_layers
        names = layer_names(layer, n_layers)
        column = lambda texts, label=None, **kw: VectorColumn(  # noqa: E731
            None, theme, texts=texts, label=label, font_size=font_size, max_entries=max_rows, **kw)
        self.formula = MathTex(affine_formula(layer, n_layers, len(numbers.bias(layer))), font_size=FORMULA,
                               color=theme.text)
        self.matrix = MatrixBlock(None, theme, texts=numbers.matrix(layer), label=names.WT, max_rows=max_rows,
                                  max_cols=max_cols, font_size=font_size)
        self.input = column(numbers.values(layer), previous_name(layer, n_layers))
        self.plus = _sign("+", theme, font_size)
        self.bias = column(numbers.bias(layer), names.b)
        self.equals = [_sign("=", theme, font_size), _sign(numbers.sign(layer), theme, font_size)]
        sums = [numbers.worked_sum(layer, j, max_terms) for j in range(len(numbers.bias(layer)))]
        self.sums = column([s for s, _ in sums], align_left=True)
        self.result = column(numbers.values(layer + 1, "z_in"), names.z_in)
        self.result.set_equations([f"{s} {numbers.sign(layer)} {v}" for s, v in sums])
        self.matrix.reading_items = sum(t is not None for row in self.matrix.texts for t in row) + len(self.bias.texts)
        self.sums.reading_items = sum(t.count("·") for t in self.sums.texts if t)
        self.result.reading_items = len(self.result.texts)
        body = _arrange([self.matrix, self.input, self.plus, self.bias, self.equals[0], self.sums,
                         self.equals[1], self.result], width)
        self.reason = approximation_note(theme) if numbers.sign(layer) == "≈" else VGroup()
        body.add(self.reason.next_to(body, DOWN, buff=0.25)) if len(self.reason) else None
        VGroup(self.formula, body).arrange(DOWN, buff=0.35)
        self.add(self.formula, body)  # each part reaches the screen when its animation plays
        fit_width(self, width)

    def write_equation(self) -> AnimationGroup:
        """The formula, then ``W^T z + b`` with the numbers."""
        return AnimationGroup(Write(self.formula), self.matrix.reveal(), self.input.reveal(), FadeIn(self.plus),
                              self.bias.reveal(), lag_ratio=0.2)

    def write_sums(self) -> AnimationGroup:
        """``=`` and the worked sum of each neuron, row after row."""
        return AnimationGroup(FadeIn(self.equals[0]), FadeIn(self.sums.frame()),
                              LaggedStart(*[Write(c) for c in self.sums.cells], lag_ratio=0.4), lag_ratio=0.3)

    def show_result(self) -> AnimationGroup:
        """``= z_in``: the value of every sum (and why it is ``≈``, where it is)."""
        return AnimationGroup(FadeIn(self.equals[1]), self.result.reveal(), FadeIn(self.reason))

    def clear(self) -> list:
        """Everything but the result fades (the result then moves into the strip)."""
        return [FadeOut(m) for m in (self.formula, self.matrix, self.input, self.plus, self.bias, *self.equals,
                                     self.sums, self.reason)]


class ActivationStep(VGroup):
    """``z^(l) = σ(z_in^(l))`` above the activation applied row by row (``max(0, 79)``), ``=``, then ``z``."""

    def __init__(self, numbers: ForwardNumbers, layer: int, theme: Theme, *, font_size: float = BODY - 2,
                 max_entries: int = 6):
        super().__init__()
        n_layers = numbers.n_layers
        activation = numbers.trace.layers[layer].activation.name
        self.formula = MathTex(activation_formula(layer, n_layers, activation, len(numbers.bias(layer))),
                               font_size=FORMULA, color=theme.text)
        rows = [numbers.activation(layer, j) for j in range(len(numbers.bias(layer)))]
        self.applied = VectorColumn(None, theme, texts=[a for a, _ in rows], font_size=font_size,
                                    max_entries=max_entries)
        self.equals = _sign(numbers.sign(layer, "z"), theme, font_size)
        self.result = VectorColumn(None, theme, texts=numbers.values(layer + 1),
                                   label=layer_names(layer, n_layers).z_out, font_size=font_size,
                                   max_entries=max_entries)
        self.result.set_equations([f"{a} {numbers.sign(layer, 'z')} {v}" for a, v in rows])
        self.applied.reading_items = self.result.reading_items = len(rows)
        body = side_by_side(self.applied, self.equals, self.result, buff=0.3)
        self.reason = approximation_note(theme) if numbers.sign(layer, "z") == "≈" else VGroup()
        body.add(self.reason.next_to(body, DOWN, buff=0.25)) if len(self.reason) else None
        VGroup(self.formula, body).arrange(DOWN, buff=0.35)
        self.add(self.formula, body)  # each part reaches the screen when its animation plays

    def write(self) -> AnimationGroup:
        return AnimationGroup(Write(self.formula), self.applied.reveal(), lag_ratio=0.3)

    def show_result(self) -> AnimationGroup:
        return AnimationGroup(FadeIn(self.equals), self.result.reveal(), FadeIn(self.reason))

    def clear(self) -> list:
        return [FadeOut(self.formula), FadeOut(self.applied), FadeOut(self.equals), FadeOut(self.reason)]


class ColumnStrip(VGroup):
    """The finished vectors side by side at the top of the frame, as the slides fill them in.

    ``take(column)`` moves a column into the next place on the right (entries at ``font_size``); when
    the strip would leave the frame, the oldest columns fade out on the left. ``finale`` lays out the
    whole pass as the last slide: every vector, joined by arrows labelled with their operators.
    """

    def __init__(self, theme: Theme, *, rows: Sequence[int] = (4,), max_entries: int = 6,
                 top: float | None = None, font_size: float = SMALL, buff: float = 0.4,
                 max_width: float = SAFE_WIDTH):
        super().__init__()
        self.theme, self.font_size, self.buff, self.max_width = theme, font_size, buff, max_width
        top = top if top is not None else config.frame_height / 2 - 0.25
        self.bracket_top = top - 0.75  # the names sit above the brackets
        tallest = max(len(elided(n, max_entries)) for n in rows)
        # where the tallest column of the network will end: the work area starts below it
        self.bottom = self.bracket_top - (tallest * ROW * font_size / BODY + 0.1)
        self.columns: list[VectorColumn] = []
        self.history: list[VectorColumn] = []  # every column ever taken, for the finale

    def place_below(self, mobject: Mobject, gap: float = 0.35) -> Mobject:
        """Centre ``mobject`` in the space under the strip, shrinking it if it would not fit."""
        top, bottom = self.bottom - gap, -config.frame_height / 2 + 0.3
        fit_width(mobject, self.max_width)
        if mobject.height > top - bottom:
            mobject.scale_to_fit_height(top - bottom)
        return mobject.move_to([0, (top + bottom) / 2, 0])

    def take(self, column: VectorColumn) -> AnimationGroup:
        """Move ``column`` (already on screen) into the strip; returns the animation."""
        members = [*self.columns, column]
        scale = self.font_size / column.font_size_now  # every column at the strip's size
        widths = [c.width for c in self.columns] + [column.width * scale]
        drop = 0
        while sum(widths[drop:]) + self.buff * (len(widths) - drop - 1) > self.max_width:
            drop += 1
        anims = [FadeOut(m, shift=LEFT) for m in members[:drop]]
        x = -self.max_width / 2
        for m in members[drop:-1]:  # the columns already in place move only when some left
            if drop:
                anims.append(m.animate.shift((x - m.get_left()[0]) * RIGHT))
            x += m.width + self.buff
        target = column.copy().scale(scale)
        target.shift((x - target.get_left()[0]) * RIGHT + (self.bracket_top - target.brackets.get_top()[1]) * UP)
        anims.append(Transform(column, target))
        column.drop_equations()  # its equations were read where they were worked out
        for m in members[:drop]:
            self.remove(m)
        self.columns = members[drop:]
        self.history.append(column)
        self.add(column)
        return AnimationGroup(*anims)

    def finale(self, operators: Sequence[str], top: float, result_color: str | None = None) -> list:
        """Every vector of the pass below ``top``, joined by arrows labelled with ``operators`` (LaTeX,
        one per gap), in one row or two; the last vector in ``result_color``. Returns the animations."""
        shown = {id(c) for c in self.columns}
        columns = [c.copy() if id(c) not in shown else c for c in self.history]
        targets = [c.copy().scale(self.font_size / c.font_size_now) for c in columns]
        links = [VGroup(MathTex(op, font_size=FORMULA - 8, color=self.theme.muted),
                        words("⟶", self.theme, BODY + 4, color=self.theme.muted)).arrange(DOWN, buff=0.05)
                 for op in operators]
        order = [m for pair in zip(targets, [*links, None]) for m in pair if m is not None]
        rows = [side_by_side(*order, buff=0.2)]
        if rows[0].width > self.max_width:  # two rows; the second begins with the arrow that carries on
            half = 2 * ((len(targets) + 1) // 2) - 1
            rows = [side_by_side(*order[:half], buff=0.2), side_by_side(*order[half:], buff=0.2)]
        slide = VGroup(*rows).arrange(DOWN, buff=0.6)
        area = top - (-config.frame_height / 2 + 0.3)
        slide.scale(min(1.35, self.max_width / slide.width, area / slide.height))
        slide.move_to([0, (top - config.frame_height / 2 + 0.3) / 2, 0])
        if result_color:
            targets[-1].cells.set_color(result_color)
        anims = [Transform(c, t) if id(c) in shown else FadeIn(t) for c, t in zip(columns, targets)]
        self.columns = [t if id(c) not in shown else c for c, t in zip(columns, targets)]
        self.links = VGroup(*links)
        return [*anims, *[FadeIn(link) for link in links]]


def operators(trace) -> list[str]:
    """The operators between the vectors of a pass: ``W^{(1)T}·+b^{(1)}``, ``ReLU``, …, ``τ``."""
    n = len(trace.layers)
    ops = []
    for k, lt in enumerate(trace.layers):
        names = layer_names(k, n)
        ops += [rf"{names.WT}\cdot + {names.b}", LATEX_NAMES.get(lt.activation.name, lt.activation.name)]
    return ops



def pass_formulas(numbers, theme: Theme, max_entries: int = 4) -> VGroup:
    """The whole forward pass in the slides' vector notation, each formula with its numbers under it:
    ``z_in = Wᵀx + b`` / ``= (-3, 2, 0, 7)ᵀ``, ``z = σ(z_in)`` / ``= (…)ᵀ``, …, ``f = σ(f_in)`` / ``= 0.64``."""
    def vector(texts: list[str]) -> str:
        shown = texts if len(texts) <= max_entries else [*texts[:max_entries - 1], r"\dots", texts[-1]]
        return shown[0] if len(texts) == 1 else "(" + ", ".join(shown) + ")^T"

    lines = VGroup()
    n = numbers.n_layers
    for layer, lt in enumerate(numbers.trace.layers):
        g = lt.W.shape[1]
        for latex, texts in ((affine_formula(layer, n, g), numbers.values(layer + 1, "z_in")),
                             (activation_formula(layer, n, lt.activation.name, g), numbers.values(layer + 1))):
            lines.add(VGroup(MathTex(latex, font_size=FORMULA, color=theme.text),
                             MathTex("= " + vector(texts), font_size=FORMULA, color=theme.text))
                      .arrange(DOWN, buff=0.15, aligned_edge=LEFT))
    return lines.arrange(DOWN, buff=0.3, aligned_edge=LEFT)


__all__ = ["ActivationStep", "AffineStep", "ColumnStrip", "activation_formula", "affine_formula", "operators",
           "pass_formulas"]
