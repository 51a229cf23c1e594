"""The computations the slides do by hand, as mobjects with animation methods.

- ``WorkedSum``: ``z_in,1 = (-3)·3 + 1·(-9) + 5·2 + 5``, then ``= -3``, then reduced to the value.
- ``ActivationPlot``: the curve of an activation, and the point (z, σ(z)) on it.
- ``SoftmaxStep``: ``f_in`` → the exponentials → their sum → the probabilities ``f``.
- ``AffineStep``: the matrix form ``W^T z + b`` = the worked sums = ``z_in``.
- ``ActivationStep``: ``max(0, 79)`` … → ``z = σ(z_in)``.
- ``ColumnStrip``: the finished vectors ``x, z_in^(1), z^(1), …, f`` side by side at the top.

Every number comes from a ``Trace`` and is formatted by ``format_number``::

    worked = WorkedSum(trace, layer=0, neuron=0, theme=self.theme)
    self.play(worked.write())
    self.play(worked.show_value())
    self.play(worked.reduce())
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import (
    DOWN,
    LEFT,
    ORIGIN,
    RIGHT,
    UP,
    UR,
    AnimationGroup,
    Axes,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    LaggedStart,
    Mobject,
    Transform,
    VGroup,
    Write,
    config,
)

from nnviz.animate.base import Theme
from nnviz.animate.text import (
    BODY,
    SMALL,
    activation_symbol,
    activation_texts,
    elided,
    layer_sum_texts,
    math,
    superscript,
    words,
    worked_sum_text,
)
from nnviz.animate.vectors import ROW, MatrixBlock, VectorColumn, side_by_side
from nnviz.engine import Activation, Trace
from nnviz.engine.activations import softmax_terms
from nnviz.engine.notation import format_number, layer_names

SAFE_WIDTH = 13.4  # of the 14.2-wide frame: what content may use


def fit_width(mobject: Mobject, width: float = SAFE_WIDTH) -> Mobject:
    """Scale down (never up) so that ``mobject`` is at most ``width`` wide."""
    if mobject.width > width:
        mobject.scale_to_fit_width(width)
    return mobject


def superscript_of(layer: int, n_layers: int) -> str:
    return "" if n_layers == 2 else f"^{{({layer + 1})}}"


def neuron_latex(trace: Trace, layer: int, neuron: int, which: str = "z_in") -> str:
    """The slides' name of one neuron's value: ``z_{in,2}``, ``z_{in,2}^{(3)}``, ``f_{in}``, ``f_2``."""
    n_layers, g = len(trace.layers), trace.layers[layer].W.shape[1]
    inner = "in" if which == "z_in" else ""
    if layer == n_layers - 1:
        index = "" if g == 1 else str(neuron + 1)
        sub = ",".join(p for p in (inner, index) if p)
        return f"f_{{{sub}}}" if sub else "f"
    sub = ",".join(p for p in (inner, str(neuron + 1)) if p)
    return f"z_{{{sub}}}{superscript_of(layer, n_layers)}"


def place_like(column: VectorColumn, where: VectorColumn, aligned_edge=ORIGIN) -> VectorColumn:
    """Scale ``column`` to the size of ``where``'s entries and put its brackets where ``where``'s are."""
    column.scale(where.scale_now / column.scale_now)
    column.shift(where.brackets.get_center() - column.brackets.get_center())
    if aligned_edge is LEFT:
        column.shift((where.brackets.get_left()[0] - column.brackets.get_left()[0]) * RIGHT)
    return column


class WorkedSum(VGroup):
    """One neuron's affine step written out: ``name = x₁·w₁ + … + b``, then ``= value``.

    ``.sum_text`` is the sum as written, ``.value_text`` its value (the trace's ``z_in``).
    """

    def __init__(self, trace: Trace, layer: int, neuron: int, theme: Theme, *, example: int = 0,
                 font_size: float = BODY, max_terms: int = 6, max_width: float = SAFE_WIDTH):
        super().__init__()
        lt = trace.layers[layer]
        self.sum_text = worked_sum_text(lt.input[example], lt.W[:, neuron], lt.b[neuron],
                                        max_terms=max_terms)
        self.value = float(lt.z_in[example, neuron])
        self.value_text = format_number(self.value)
        self.name = math(neuron_latex(trace, layer, neuron) + "=", theme, font_size + 10)
        self.sum = words(self.sum_text, theme, font_size)
        self.result = words(f"= {self.value_text}", theme, font_size, color=theme.accent)
        VGroup(self.name, self.sum, self.result).arrange(RIGHT, buff=0.18)
        self.add(self.name, self.sum, self.result)
        fit_width(self, max_width)
        self.remove(self.result)

    def write(self) -> AnimationGroup:
        return AnimationGroup(FadeIn(self.name), Write(self.sum, run_time=1.5), lag_ratio=0.3)

    def show_value(self) -> FadeIn:
        self.result.next_to(self.sum, RIGHT, buff=0.18)
        self.add(self.result)
        return FadeIn(self.result, shift=0.2 * LEFT)

    def reduce(self) -> AnimationGroup:
        """The written sum collapses: only ``name = value`` remains, centred where the sum was."""
        value = self.result.copy().set_color(self.result.get_color())
        target = VGroup(self.name.copy(), value).arrange(RIGHT, buff=0.18).move_to(self.get_center())
        anims = AnimationGroup(FadeOut(self.sum, scale=0.6), Transform(self.name, target[0]),
                               Transform(self.result, target[1]))
        self.remove(self.sum)
        return anims


def activation_ranges(activation: Activation, z_values: Sequence[float]) -> tuple[list, list]:
    """Axis ranges that show the curve's shape and every z in ``z_values``."""
    reach = max(6.0, 1.15 * float(np.max(np.abs(z_values))) if len(z_values) else 6.0)
    step = 10 ** np.floor(np.log10(reach)) if reach >= 10 else 2.0
    x_range = [-reach, reach, step]
    name = activation.name
    if name == "sigmoid" or name == "step":
        y_range = [0, 1, 0.5]
    elif name == "tanh":
        y_range = [-1, 1, 0.5]
    elif name == "relu":
        y_range = [0, reach, step]
    else:
        y_range = [-reach, reach, step]
    return x_range, y_range


class ActivationPlot(VGroup):
    """The curve of an activation (σ, tanh, ReLU, …) on axes, with its name; points go on it.

    ``z_values`` only choose the range so that every point shown fits on the axes.
    """

    def __init__(self, activation: Activation, theme: Theme, *, z_values: Sequence[float] = (),
                 width: float = 5.0, height: float = 2.8, title: bool = True):
        super().__init__()
        self.activation, self.theme = activation, theme
        x_range, y_range = activation_ranges(activation, z_values)
        self.axes = Axes(x_range=x_range, y_range=y_range, x_length=width, y_length=height, tips=False,
                         axis_config=dict(color=theme.muted, stroke_width=2))
        self.curve = self.axes.plot(lambda t: float(activation.value(np.array([t]))[0]),
                                    color=theme.positive, stroke_width=4, use_smoothing=False,
                                    discontinuities=[0] if activation.name == "step" else None)
        self.add(self.axes, self.curve)
        self.title = math(f"{activation.latex}(z)", theme) if title else VGroup()
        if title:
            self.title.next_to(self.axes, UP, buff=0.15)
            self.add(self.title)
        self.x_range = x_range

    def create_curve(self) -> Create:
        """Draw the curve from left to right."""
        return Create(self.curve)

    def point(self, z: float, value: float, *, probability: bool = False, label: bool = True) -> VGroup:
        """The dot at (z, value), dashed lines to both axes, and ``σ(z) = value`` beside it."""
        x = float(np.clip(z, self.x_range[0], self.x_range[1]))
        at = self.axes.c2p(x, value)
        dot = Dot(at, radius=0.09, color=self.theme.accent)
        drop = DashedLine(self.axes.c2p(x, 0), at, color=self.theme.accent, stroke_width=2)
        across = DashedLine(self.axes.c2p(0, value), at, color=self.theme.accent, stroke_width=2)
        group = VGroup(drop, across, dot)
        if label:
            symbol = activation_symbol(self.activation.name)
            text = words(f"{symbol}({format_number(z)}) = {format_number(value, probability=probability)}",
                         self.theme, BODY, color=self.theme.accent)
            text.add_background_rectangle(color=self.theme.background, opacity=0.85, buff=0.05)
            text.next_to(dot, UR, buff=0.08)
            if text.get_right()[0] > self.axes.get_right()[0] + 0.5:
                text.next_to(dot, UP + LEFT, buff=0.08)
            group.add(text)
        return group

    def show_point(self, z: float, value: float, **kwargs) -> tuple[VGroup, AnimationGroup]:
        """The point as a mobject and the animation that draws it (dot first, then the lines)."""
        point = self.point(z, value, **kwargs)
        return point, AnimationGroup(FadeIn(point[2], scale=2), FadeIn(point[0]), FadeIn(point[1]),
                                     *([FadeIn(point[3])] if len(point) > 3 else []), lag_ratio=0.2)


def exponential_texts(f_in: Sequence[float]) -> tuple[list[str], str]:
    """``e^{f_in,k}`` written as numbers when they are small, as powers of e (``e¹⁰⁰⁰``) when huge."""
    f_in = np.ravel(np.asarray(f_in, dtype=float))
    if f_in.max() <= 30:
        exps, total = softmax_terms(f_in)
        return [format_number(v) for v in exps], format_number(total)
    powers = [f"e{superscript(format_number(v))}" for v in f_in]
    return powers, f"≈ e{superscript(format_number(f_in.max()))}"


class SoftmaxStep(VGroup):
    """``f_in`` → ``e^{f_in,k}`` → their sum Σ → ``f = e^{f_in,k} / Σ``, with the engine's ``f``."""

    def __init__(self, f_in: Sequence[float], f: Sequence[float], theme: Theme, *,
                 in_label: str = r"\mathbf{f}_{in}", out_label: str = r"\mathbf{f} = \tau(\mathbf{f}_{in})",
                 font_size: float = BODY, max_entries: int = 6):
        super().__init__()
        self.exp_texts, self.sum_text = exponential_texts(f_in)
        self.f_in = VectorColumn(f_in, theme, label=in_label, font_size=font_size, max_entries=max_entries)
        self.exps = VectorColumn(None, theme, texts=self.exp_texts, label=r"e^{f_{in,k}}",
                                 font_size=font_size, max_entries=max_entries)
        self.total = words(f"Σ = {self.sum_text}" if not self.sum_text.startswith("≈")
                           else f"Σ {self.sum_text}", theme, font_size, color=theme.muted)
        self.f = VectorColumn(f, theme, label=out_label, probability=True, font_size=font_size,
                              max_entries=max_entries, colors=None)
        self.arrows = [words("→", theme, font_size + 6), words("→", theme, font_size + 6)]
        self.divide = words("÷ Σ", theme, font_size)
        side_by_side(self.f_in, self.arrows[0], self.exps, VGroup(self.divide, self.arrows[1]).arrange(DOWN),
                     self.f, buff=0.35)
        self.total.next_to(self.exps.brackets, DOWN, buff=0.25)
        self.add(self.f_in, *self.arrows, self.exps, self.divide, self.total, self.f)
        fit_width(self)

    def steps(self) -> list[AnimationGroup]:
        """The animations of each step: f_in, the exponentials, their sum, the probabilities."""
        return [self.f_in.reveal(),
                AnimationGroup(FadeIn(self.arrows[0]), self.exps.reveal()),
                FadeIn(self.total, shift=0.2 * UP),
                AnimationGroup(FadeIn(self.divide), FadeIn(self.arrows[1]), self.f.reveal())]


class AffineStep(VGroup):
    """``W^T z + b = [worked sums]``, then the sums become ``z_in``: one layer in matrix form."""

    def __init__(self, trace: Trace, layer: int, theme: Theme, *, example: int = 0,
                 font_size: float = BODY - 2, max_rows: int = 6, max_cols: int = 6, max_terms: int = 4):
        super().__init__()
        n_layers = len(trace.layers)
        names = layer_names(layer, n_layers)
        previous = r"\mathbf{x}" if layer == 0 else layer_names(layer - 1, n_layers).z_out
        lt = trace.layers[layer]
        self.matrix = MatrixBlock(lt.W.T, theme, label=names.WT, max_rows=max_rows, max_cols=max_cols,
                                  font_size=font_size)
        self.input = VectorColumn(lt.input[example], theme, label=previous, font_size=font_size,
                                  max_entries=max_cols)
        self.plus = words("+", theme, font_size + 4)
        self.bias = VectorColumn(lt.b, theme, label=names.b, font_size=font_size, max_entries=max_rows)
        self.equals = words("=", theme, font_size + 4)
        self.sum_texts = layer_sum_texts(trace, layer, example, max_terms=max_terms)
        self.sums = VectorColumn(None, theme, texts=self.sum_texts, label=names.z_in, font_size=font_size,
                                 max_entries=max_rows, align_left=True)
        self.result = VectorColumn.from_trace(trace, layer, "z_in", theme, example=example,
                                              font_size=font_size, max_entries=max_rows)
        side_by_side(self.matrix, self.input, self.plus, self.bias, self.equals, self.sums, buff=0.25)
        self.add(self.matrix, self.input, self.plus, self.bias, self.equals, self.sums)
        fit_width(self)

    def write_equation(self) -> AnimationGroup:
        return AnimationGroup(self.matrix.reveal(), self.input.reveal(), FadeIn(self.plus),
                              self.bias.reveal(), lag_ratio=0.25)

    def write_sums(self) -> AnimationGroup:
        """``=`` and the worked sum of each neuron, row after row."""
        return AnimationGroup(FadeIn(self.equals), FadeIn(self.sums.frame()),
                              LaggedStart(*[Write(c) for c in self.sums.cells], lag_ratio=0.4),
                              lag_ratio=0.3, run_time=1.8)

    def reduce(self) -> AnimationGroup:
        """The worked sums turn into their values, ``z_in``, where the sums begin."""
        place_like(self.result, self.sums, aligned_edge=LEFT)
        self.remove(self.sums)
        self.add(self.result)
        return self.sums.become_values(self.result)

    def equation(self) -> VGroup:
        """Everything left of ``=`` (to clear it once ``z_in`` is known)."""
        return VGroup(self.matrix, self.input, self.plus, self.bias, self.equals)


class ActivationStep(VGroup):
    """``σ(z_in)`` row by row as on the slides (``max(0, 79)`` …), then the values ``z``."""

    def __init__(self, trace: Trace, layer: int, theme: Theme, *, example: int = 0,
                 font_size: float = BODY - 2, max_entries: int = 6):
        super().__init__()
        n_layers = len(trace.layers)
        names = layer_names(layer, n_layers)
        symbol = trace.layers[layer].activation.latex
        self.texts = activation_texts(trace, layer, example)
        label = rf"{names.z_out} = {symbol}({names.z_in})"
        self.applied = VectorColumn(None, theme, texts=self.texts, label=label, font_size=font_size,
                                    max_entries=max_entries)
        self.result = VectorColumn.from_trace(trace, layer, "z_out", theme, example=example,
                                              font_size=font_size, max_entries=max_entries)
        self.add(self.applied)

    def write(self) -> AnimationGroup:
        return self.applied.reveal()

    def reduce(self) -> AnimationGroup:
        place_like(self.result, self.applied)
        self.remove(self.applied)
        self.add(self.result)
        return self.applied.become_values(self.result)


class ColumnStrip(VGroup):
    """The finished vectors side by side at the top of the frame, as the slides fill them in.

    ``take(column)`` moves a column into the next place on the right (entries at ``font_size``); when the
    strip would leave the frame, the oldest columns fade out on the left so everything stays readable.
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

    def place_below(self, mobject: Mobject, gap: float = 0.35) -> Mobject:
        """Centre ``mobject`` in the space under the strip, shrinking it if it would not fit."""
        top, bottom = self.bottom - gap, -config.frame_height / 2 + 0.3
        fit_width(mobject)
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
        for m in members[:drop]:
            self.remove(m)
        self.columns = members[drop:]
        self.add(column)
        return AnimationGroup(*anims)

    def settle(self, max_scale: float = 1.4) -> AnimationGroup:
        """The finished strip moves to the centre of the frame, as large as fits (the last slide)."""
        target = VGroup(*self.columns).copy()
        target.scale(min(max_scale, self.max_width / target.width)).move_to(ORIGIN)
        return AnimationGroup(*[Transform(m, t) for m, t in zip(self.columns, target)])


__all__ = ["ActivationPlot", "ActivationStep", "AffineStep", "ColumnStrip", "SoftmaxStep", "WorkedSum",
           "exponential_texts", "fit_width", "neuron_latex", "place_like"]
