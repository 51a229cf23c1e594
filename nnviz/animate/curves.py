"""Curves of the learning scenes: a loss over the prediction f, and the risk over training steps.

``LossCurve`` marks the network's prediction on L(y, f) and writes the loss and its slope with the
numbers put in (``prediction_texts``: digits that add up as written); ``TrainingCurve`` draws a
``History``'s risk and grows along it::

    curve = LossCurve("l2", target=1, f=trace.output[0, 0], value=trace.loss, theme=theme, slope=g)
    self.step(FadeIn(curve.frame), Create(curve.curve), say="…")
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from manim import (
    DOWN,
    UP,
    Animation,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    Line,
    Mobject,
    UpdateFromAlphaFunc,
    VGroup,
    VMobject,
    Write,
    linear,
)

from nnviz.analysis.descent import loss_of_prediction
from nnviz.animate.axes import PlotAxes, axis_step, polyline_upto
from nnviz.animate.base import Theme
from nnviz.animate.precision import Written, bracketed
from nnviz.animate.stage import reading
from nnviz.animate.tables import SHORT_LOSS_FORMULAS
from nnviz.animate.text import BODY, SMALL, math, words
from nnviz.engine import get_loss
from nnviz.engine.notation import format_number
from nnviz.engine.train import History


@dataclass
class PredictionTexts:
    """What a loss curve writes: ``L = ½·(1 - 0.64)² = 0.065`` and ``∂L/∂f = f - y = 0.64 - 1 = -0.36``."""

    loss_line: str
    slope_line: str
    f: str
    y: str
    equations: list[str]


def prediction_texts(loss: str, target: float, f: float, value: float, slope: float) -> PredictionTexts:
    """The loss and its slope at a prediction, with digits of ``f`` that make both add up as written.

    >>> t = prediction_texts("binary-cross-entropy", 1, 0.63918, 0.44757, -1.56451)
    >>> t.loss_line, t.slope_line
    ('L = -log(0.64) = 0.45', '∂L/∂f = -1/f = -1/0.64 = -1.56')
    """
    loss_fn = get_loss(loss)
    w = Written().add("f", [f], "number").add("y", [target], "number").add("L", value).add("slope", slope)
    y = format_number(target)
    w.relate("L", lambda fs, ys: loss_fn.value(fs[None], ys[None])[0], "f", "y",
             write=lambda fs, ys, L: [f"{_numbers(loss_fn.name, str(fs[0]), target)} = {L}"])
    slope_rule, slope_numbers = _slope(loss_fn.name, target)
    w.relate("slope", lambda fs, ys: loss_fn.gradient(fs[None], ys[None])[0, 0], "f", "y",
             write=lambda fs, ys, s: [f"{slope_numbers(str(fs[0]))} = {s}"])
    w.solve()
    loss_eq, slope_eq = w.equations("L")[0], w.equations("slope")[0]
    return PredictionTexts(f"L = {loss_eq}", f"∂L/∂f = {slope_rule} = {slope_eq}", w.text("f", 0), y,
                           [loss_eq, slope_eq])


def _numbers(loss: str, f: str, y: float) -> str:
    if loss == "l2":
        return f"½·({format_number(y)} - {f})²"
    if loss == "l1":
        return f"|{format_number(y)} - {f}|"
    if y == 1:
        return f"-log({f})"
    if y == 0:
        return f"-log(1 - {f})"
    return f"-({format_number(y)}·log({f}) + {bracketed(format_number(1 - y))}·log(1 - {f}))"


def _slope(loss: str, y: float):
    """The slope ∂L/∂f as a rule in f and y, and the same with the numbers put in."""
    ys = format_number(y)
    if loss == "l2":
        return "f - y", lambda f: f"{f} - {bracketed(ys)}"
    if loss == "l1":
        return "sign(f - y)", lambda f: f"sign({f} - {bracketed(ys)})"
    if y == 1:
        return "-1/f", lambda f: f"-1/{f}"
    if y == 0:
        return "1/(1 - f)", lambda f: f"1/(1 - {f})"
    return "(f - y)/(f(1 - f))", lambda f: f"({f} - {ys})/({f}·(1 - {f}))"


class LossCurve(VGroup):
    """L(y, f) drawn over the predictions f, with the network's prediction marked on the curve.

    ``value`` and ``slope`` are the engine's loss and ∂L/∂f at ``f``; ``.texts`` lists what is written.
    """

    def __init__(self, loss: str, target: float, f: float, value: float, slope: float, theme: Theme, *,
                 width: float = 5.0, height: float = 3.0):
        super().__init__()
        low, high = (0.0, 1.0) if get_loss(loss).name == "binary-cross-entropy" else \
            (min(0.0, f, target), max(1.0, f, target) + 0.5)
        fs = np.linspace(low + 1e-3, high - 1e-3, 200)
        values = loss_of_prediction(loss, target, fs)
        top = float(min(values.max(), max(4 * value, 3.0)))
        self.frame = PlotAxes([low, high, axis_step(low, high)], [0, top, axis_step(0, top)], width, height,
                              theme, ("f", "L"))
        axes = self.axes = self.frame.axes
        inside = values <= top
        self.curve = VMobject(stroke_color=theme.value, stroke_width=4).set_points_smoothly(
            [axes.c2p(a, v) for a, v in zip(fs[inside], values[inside])])
        target_line = DashedLine(axes.c2p(target, 0), axes.c2p(target, top), color=theme.muted, stroke_width=2)
        self.written = prediction_texts(loss, target, f, value, slope)
        self.target = VGroup(target_line, words(f"y = {self.written.y}", theme, SMALL, color=theme.muted)
                             .next_to(target_line, UP, buff=0.1))
        dot = Dot(axes.c2p(f, value), radius=0.09, color=theme.highlight)
        guide = VGroup(DashedLine(axes.c2p(f, 0), axes.c2p(f, value), stroke_width=2, color=theme.highlight),
                       DashedLine(axes.c2p(low, value), axes.c2p(f, value), stroke_width=2, color=theme.highlight))
        self.loss_text = words(self.written.loss_line, theme, BODY, color=theme.highlight)
        self.point = VGroup(guide, dot, self.loss_text.next_to(self.frame, DOWN, buff=0.3))
        step = np.array([1.0, slope])
        on_screen = axes.c2p(f + step[0], value + step[1]) - axes.c2p(f, value)
        half = step * 1.0 / np.linalg.norm(on_screen[:2])
        self.slope_text = words(self.written.slope_line, theme, BODY, color=theme.gradient)
        self.tangent = VGroup(Line(axes.c2p(f - half[0], value - half[1]), axes.c2p(f + half[0], value + half[1]),
                                   color=theme.gradient, stroke_width=4),
                              self.slope_text.next_to(self.loss_text, DOWN, buff=0.2))
        self.texts = [*self.frame.ticks, f"y = {self.written.y}", self.written.loss_line, self.written.slope_line]
        self.add(self.frame, self.target, self.curve, self.point, self.tangent)


class TrainingCurve(VGroup):
    """The risk recorded in a ``History`` against the step; ``.path`` grows along it (``set_progress``)."""

    def __init__(self, history: History, theme: Theme, *, width: float = 5.0, height: float = 3.0,
                 label: str | Mobject = "R", color: str | None = None):
        super().__init__()
        steps, loss = history.steps.astype(float), history.loss
        top = float(np.max(loss[np.isfinite(loss)])) * 1.05
        self.frame = PlotAxes([0, steps[-1], axis_step(0, steps[-1])], [0, top, axis_step(0, top)], width, height,
                              theme, ("step", label))
        self.axes = self.frame.axes
        self.data = np.c_[steps, loss]
        self.color = color or theme.highlight
        self.path = VMobject(stroke_color=self.color, stroke_width=3)
        self.add(self.frame, self.path)
        self.set_progress(0)

    @property
    def anchors(self) -> np.ndarray:
        """(step, risk) of every record where the curve is now on screen."""
        return np.array([self.axes.c2p(s, v) for s, v in self.data])

    def set_progress(self, t: float) -> None:
        """Draw the curve up to record ``t`` (fractional: part of the next segment)."""
        self.path.set_points_as_corners(polyline_upto(self.anchors, t))

    def grow(self, upto: float | None = None, run_time: float = 3.0) -> Animation:
        """Draw the curve from where it is to record ``upto`` (the end by default), at a constant pace."""
        start = getattr(self, "_shown", 0.0)
        end = float(len(self.data) - 1 if upto is None else upto)
        self._shown = end
        return UpdateFromAlphaFunc(self.path, lambda _, a: self.set_progress(start + a * (end - start)),
                                   run_time=run_time, rate_func=linear)




class LossPanel(VGroup):
    """A loss's name and formula above its curve over f, with a network's prediction on it."""

    HEADS = {"l2": "Regression: L2 loss", "l1": "Regression: L1 loss",
             "binary-cross-entropy": "Classification: cross entropy"}

    def __init__(self, loss: str, target: float, f: float, value: float, slope: float, theme: Theme, region):
        super().__init__()
        name = get_loss(loss).name
        self.head = words(self.HEADS[name], theme, BODY)
        self.formula = math(SHORT_LOSS_FORMULAS[name], theme, BODY + 6)
        self.curve = LossCurve(name, target, f, value, slope, theme, width=region.width - 1.4,
                               height=0.48 * region.height)
        self.add(self.head, self.formula, self.curve)
        self.arrange(DOWN, buff=0.3)
        region.place(self, UP)

    @property
    def curve_items(self) -> int:
        """What the viewer reads when the curve appears: its formula, tick numbers and target."""
        return reading(self.head, self.formula, self.curve.frame, self.curve.target)

    def show_curve(self) -> list[Animation]:
        c = self.curve
        return [FadeIn(self.head), Write(self.formula), FadeIn(c.frame), FadeIn(c.target), Create(c.curve)]

    def show_point(self) -> list[Animation]:
        return [FadeIn(self.curve.point)]

    def show_slope(self) -> list[Animation]:
        return [Create(self.curve.tangent[0]), FadeIn(self.curve.tangent[1])]


__all__ = ["LossCurve", "LossPanel", "PredictionTexts", "TrainingCurve", "prediction_texts"]
