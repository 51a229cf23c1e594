"""Manim pieces for learning: loss curves, risk tables, loss surfaces with descent paths, boundaries.

Each piece reads what the engine recorded (a ``Trace`` with gradients, a ``History``, a
``LossSurface``, a ``BoundaryMovie``) and draws it; the numbers it writes are listed as plain
strings (``.texts``) so that tests can compare them with the engine without rendering::

    panel = SurfacePanel(surface, history, theme, title="η = 0.62")
    self.play(FadeIn(panel))
    self.play(panel.descend())        # the iterates of history.parameters, one segment per step
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Animation,
    AnimationGroup,
    Axes,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    Group,
    ImageMobject,
    Line,
    Mobject,
    UpdateFromAlphaFunc,
    ValueTracker,
    VGroup,
    VMobject,
    linear,
)

from nnviz.analysis.descent import BoundaryMovie, LossSurface, contour_segments, loss_of_prediction
from nnviz.animate.base import Theme
from nnviz.animate.text import SMALL, elided, math, sign_color, superscript, words
from nnviz.animate.vectors import round_brackets
from nnviz.engine import Trace, get_loss
from nnviz.engine.notation import LayerNames, format_number, layer_names
from nnviz.engine.train import History


# ---- numbers ---------------------------------------------------------------------------------
def format_small(value: float, digits: int = 2) -> str:
    """The slides' format, but small numbers (gradients, losses, rates) keep ``digits`` significant digits.

    >>> format_small(-0.36), format_small(0.0648), format_small(-0.000327), format_small(12)
    ('-0.36', '0.065', '-3.3·10⁻⁴', '12')
    """
    value = float(value)
    if not np.isfinite(value) or value == 0 or abs(value) >= 0.095:
        return format_number(value)
    exponent = int(np.floor(np.log10(abs(value))))
    if exponent >= -3:  # 0.065, 0.0016; a rate like 0.05 without a trailing zero
        return f"{value:.{digits - 1 - exponent}f}".rstrip("0")
    mantissa = f"{value / 10**exponent:.{digits - 1}f}"
    return f"{mantissa}·10{superscript(str(exponent))}"


def parse_small(text: str) -> float:
    """The number a ``format_small`` string stands for (for tests and checks)."""
    if "·10" in text:
        mantissa, power = text.split("·10")
        return float(mantissa) * 10 ** int(power.translate(str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")))
    return float(text)


def _rgb(color: str) -> np.ndarray:
    color = color.lstrip("#")
    return np.array([int(color[i:i + 2], 16) for i in (0, 2, 4)], float)


def blend(low: str, high: str, t: np.ndarray) -> np.ndarray:
    """An RGB uint8 image going from colour ``low`` (t = 0) to ``high`` (t = 1)."""
    t = np.clip(np.asarray(t, float), 0, 1)[..., None]
    return ((1 - t) * _rgb(low) + t * _rgb(high)).round().astype(np.uint8)


def rgba(rgb: np.ndarray) -> np.ndarray:
    """An opaque RGBA uint8 copy of an RGB image (what ImageMobject fades and redraws)."""
    alpha = np.full((*rgb.shape[:2], 1), 255, np.uint8)
    return np.ascontiguousarray(np.concatenate([rgb.astype(np.uint8), alpha], axis=-1))


def grid_image(rgb: np.ndarray, axes: Axes, extent: tuple[float, float, float, float]) -> ImageMobject:
    """An RGB grid (row 0 at the bottom, as the data) stretched over ``extent`` of ``axes``."""
    image = ImageMobject(rgba(rgb[::-1]))
    x0, x1, y0, y1 = extent
    corner_low, corner_high = axes.c2p(x0, y0), axes.c2p(x1, y1)
    image.stretch_to_fit_width(corner_high[0] - corner_low[0])
    image.stretch_to_fit_height(corner_high[1] - corner_low[1])
    return image.move_to((corner_low + corner_high) / 2)


def segments_mobject(segments: np.ndarray, axes: Axes, color: str, width: float = 2.0) -> VMobject:
    """Many line segments (k, 2, 2) in data coordinates as one VMobject."""
    path = VMobject(stroke_color=color, stroke_width=width)
    for start, end in segments:
        path.start_new_path(axes.c2p(*start))
        path.add_line_to(axes.c2p(*end))
    return path


def plain_axes(x_range, y_range, width: float, height: float, theme: Theme, labels=("", ""),
               numbers: bool = True) -> VGroup:
    """Axes with a few ticks (numbered with ``format_number``), in the theme's muted colour, and names.

    The axes cross at the lower-left corner of the ranges, whatever their sign.
    """
    # Axes give the coordinate system; the drawn frame is an L at the lower-left corner of the ranges
    # (manim would cross the axes at 0, through the middle of a surface or a data set).
    axes = Axes(x_range=x_range, y_range=y_range, x_length=width, y_length=height, tips=False)
    axes.set_stroke(opacity=0)
    (x0, x1), (y0, y1) = x_range[:2], y_range[:2]
    corner = axes.c2p(x0, y0)
    group = VGroup(axes, Line(corner, axes.c2p(x1, y0), color=theme.muted, stroke_width=2),
                   Line(corner, axes.c2p(x0, y1), color=theme.muted, stroke_width=2))
    size = SMALL - 6
    for value in _ticks(x_range):
        at = axes.c2p(value, y0)
        group.add(Line(at, at + DOWN * 0.08, color=theme.muted, stroke_width=2))
        if numbers:
            group.add(words(format_number(value), theme, size, color=theme.muted).next_to(at, DOWN, buff=0.12))
    for value in _ticks(y_range):
        at = axes.c2p(x0, value)
        group.add(Line(at, at + LEFT * 0.08, color=theme.muted, stroke_width=2))
        if numbers:
            group.add(words(format_number(value), theme, size, color=theme.muted).next_to(at, LEFT, buff=0.12))
    x_name = words(labels[0], theme, SMALL).next_to(axes.c2p(x_range[1], y_range[0]), RIGHT, buff=0.25)
    y_name = words(labels[1], theme, SMALL).next_to(axes.c2p(x_range[0], y_range[1]), UP, buff=0.12)
    group.add(x_name, y_name)
    return group


def _ticks(axis_range) -> list[float]:
    low, high, step = axis_range
    first = np.ceil(low / step - 1e-9) * step
    return [round(v, 10) for v in np.arange(first, high + 1e-9 * step, step)]


def nice_step(span: float, count: int = 4) -> float:
    """A round tick spacing giving about ``count`` ticks over ``span``."""
    raw = span / count
    power = 10 ** np.floor(np.log10(raw))
    return float(min((m * power for m in (1, 2, 5, 10) if m * power >= raw), default=raw))


def fade_in(mobject: Mobject, **kwargs) -> AnimationGroup:
    """FadeIn that also works on a ``Group`` holding images (manim cannot interpolate a plain Group)."""
    if isinstance(mobject, (VMobject, ImageMobject)):
        return AnimationGroup(FadeIn(mobject, **kwargs))
    return AnimationGroup(*[fade_in(m, **kwargs) for m in mobject.submobjects])


def fade_out(mobject: Mobject, **kwargs) -> AnimationGroup:
    if isinstance(mobject, (VMobject, ImageMobject)):
        return AnimationGroup(FadeOut(mobject, **kwargs))
    return AnimationGroup(*[fade_out(m, **kwargs) for m in mobject.submobjects])


def _fade(mobject: Mobject, into: bool, run_time: float) -> Animation:
    members = mobject.family_members_with_points()
    fills = [m.get_fill_opacity() for m in members]
    strokes = [m.get_stroke_opacity() for m in members]

    def update(_, alpha: float) -> None:
        share = alpha if into else 1 - alpha
        for m, fill, stroke in zip(members, fills, strokes):
            m.set_fill(opacity=fill * share, family=False)
            m.set_stroke(opacity=stroke * share, family=False)

    # The animation drives a tiny tracker, so manim copies it and not the (big) group of texts.
    return UpdateFromAlphaFunc(ValueTracker(0), update, run_time=run_time)


def appear(mobject: Mobject, run_time: float = 0.6) -> Animation:
    """Fade a group of many texts in without manim's deep copies (add it to the scene first)."""
    return _fade(mobject, True, run_time)


def disappear(mobject: Mobject, run_time: float = 0.6) -> Animation:
    """Fade a group out without copying it (remove it from the scene afterwards)."""
    return _fade(mobject, False, run_time)


# ---- the loss as a function of the prediction ------------------------------------------------
class LossCurve(VGroup):
    """L(y, f) drawn over the predictions f, with the network's prediction marked on the curve.

    ``value`` is the engine's loss at ``f`` (e.g. ``trace.loss``); ``.texts`` lists what is written.
    """

    def __init__(self, loss: str, target: float, f: float, value: float, theme: Theme, *,
                 width: float = 5.0, height: float = 3.2, f_range: tuple[float, float] | None = None,
                 slope: float | None = None):
        super().__init__()
        low, high = f_range or ((0.0, 1.0) if loss in ("binary-cross-entropy", "bce") else
                                (min(0.0, f, target), max(1.0, f, target) + 0.5))
        fs = np.linspace(low + 1e-3, high - 1e-3, 200)
        curve_values = loss_of_prediction(loss, target, fs)
        top = float(min(curve_values.max(), max(4 * value, 3.0)))
        self.axes_group = plain_axes([low, high, nice_step(high - low)], [0, top, nice_step(top)],
                                     width, height, theme, ("f", "L"))
        self.axes = axes = self.axes_group[0]
        inside = curve_values <= top
        self.curve = VMobject(stroke_color=theme.positive, stroke_width=4).set_points_smoothly(
            [axes.c2p(a, v) for a, v in zip(fs[inside], curve_values[inside])])
        self.dot = Dot(axes.c2p(f, value), radius=0.09, color=theme.accent)
        self.guide = VGroup(
            Line(axes.c2p(f, 0), axes.c2p(f, value), stroke_width=2, color=theme.accent),
            Line(axes.c2p(low, value), axes.c2p(f, value), stroke_width=2, color=theme.accent))
        self.guide.set_opacity(0.6)
        self.texts = [f"f = {format_number(f)}", f"L = {format_small(value)}", f"y = {format_number(target)}"]
        self.point_label = words(f"{self.texts[0]},  {self.texts[1]}", theme, SMALL, color=theme.accent)
        self.point_label.next_to(self.axes_group, DOWN, buff=0.2)
        target_line = DashedLine(axes.c2p(target, 0), axes.c2p(target, top), color=theme.muted,
                                 stroke_width=2)
        self.target_label = VGroup(target_line, words(self.texts[2], theme, SMALL, color=theme.muted)
                                   .next_to(target_line, UP, buff=0.1))
        self.add(self.axes_group, self.target_label, self.curve, self.guide, self.dot, self.point_label)
        self.tangent = VGroup()
        if slope is not None:  # ∂L/∂f from the engine: where backpropagation starts
            self.texts.append(f"∂L/∂f = {format_small(slope)}")
            step = np.array([1.0, slope])
            on_screen = axes.c2p(f + step[0], value + step[1]) - axes.c2p(f, value)
            half = step * 0.9 / np.linalg.norm(on_screen[:2])
            line = Line(axes.c2p(f - half[0], value - half[1]), axes.c2p(f + half[0], value + half[1]),
                        color=theme.highlight, stroke_width=4)
            label = words(self.texts[-1], theme, SMALL, color=theme.highlight)
            label.next_to(self.point_label, DOWN, buff=0.12)
            self.tangent = VGroup(line, label)
            self.add(self.tangent)  # moves with the curve; a scene shows it when it chooses


# ---- the empirical risk: a table of examples and their mean -----------------------------------
class RiskTable(VGroup):
    """Rows x⁽ⁱ⁾, y⁽ⁱ⁾, f(x⁽ⁱ⁾), L⁽ⁱ⁾ and, below, their mean R_emp; ``.rows`` and ``.risk_text`` are strings."""

    HEAD = ("i", "x⁽ⁱ⁾", "y⁽ⁱ⁾", "f(x⁽ⁱ⁾)", "L⁽ⁱ⁾")

    def __init__(self, X, y, f, losses, risk: float, theme: Theme, *, font_size: float = SMALL,
                 col_width: float = 1.35, row_height: float = 0.42):
        super().__init__()
        X = np.asarray(X, float).reshape(len(f), -1)
        self.rows = [[str(i + 1), ", ".join(format_number(v) for v in X[i]), format_number(y[i]),
                      format_number(f[i]), format_small(losses[i])] for i in range(len(f))]
        self.risk_text = format_small(risk)
        self.head = VGroup(*[words(h, theme, font_size, color=theme.muted) for h in self.HEAD])
        self.cells = VGroup()
        for r, row in enumerate([None, *self.rows]):
            mobs = self.head if row is None else VGroup(*[words(t, theme, font_size) for t in row])
            for c, mob in enumerate(mobs):
                mob.move_to([c * col_width, -r * row_height, 0])
            if row is not None:
                mobs[-1].set_color(theme.accent)
                self.cells.add(mobs)
        bottom = -(len(self.rows) + 0.5) * row_height
        self.rule = Line([-0.4, bottom, 0], [(len(self.HEAD) - 1) * col_width + 0.5, bottom, 0],
                         color=theme.muted, stroke_width=2)
        self.mean = words(f"mean = R_emp = {self.risk_text}", theme, font_size + 2, color=theme.highlight)
        self.mean.next_to(self.rule, DOWN, buff=0.2).align_to(self.rule, RIGHT)
        self.add(self.head, self.cells, self.rule, self.mean)
        self.move_to(np.zeros(3))

    @property
    def loss_column(self) -> VGroup:
        return VGroup(*[row[-1] for row in self.cells])


# ---- a loss surface with the path of gradient descent ------------------------------------------
def surface_rgb(surface: LossSurface, theme: Theme, levels: np.ndarray) -> np.ndarray:
    """Filled contours: each band between two levels gets one shade, low risk darkest."""
    band = np.searchsorted(levels, surface.risk) / len(levels)
    return blend(theme.positive, theme.background, 0.25 + 0.75 * band)


class SurfacePanel(Group):
    """The risk over (θ₀, θ₁) as filled contours, and the iterates of one descent ``History`` on it.

    The path is clipped where it leaves the drawn surface (a diverging run); ``.left_surface`` says so.
    """

    def __init__(self, surface: LossSurface, history: History, theme: Theme, *, title: str = "",
                 width: float = 3.8, height: float = 3.2, path_color: str | None = None):
        super().__init__()
        x0, x1, y0, y1 = surface.extent
        self.axes_group = plain_axes([x0, x1, nice_step(x1 - x0)], [y0, y1, nice_step(y1 - y0)],
                                     width, height, theme, surface.names)
        axes = self.axes = self.axes_group[0]
        levels = surface.levels()
        self.image = grid_image(surface_rgb(surface, theme, levels), axes, surface.extent)
        self.contours = VGroup(*[segments_mobject(contour_segments(surface.p0, surface.p1, surface.risk, v),
                                                  axes, theme.background, 1.2) for v in levels])
        inside = surface.contains(history.parameters)
        self.left_surface = not bool(inside.all())
        shown = history.parameters[: int(np.argmin(inside)) if self.left_surface else len(inside)]
        self.path_points = shown
        color = path_color or theme.accent
        self.path = VMobject(stroke_color=color, stroke_width=3)
        self.dots = VGroup(*[Dot(p, radius=0.045, color=color) for p in self.anchors])
        self.start = Dot(self.anchors[0], radius=0.08, color=theme.text)
        self.title = words(title, theme, SMALL).next_to(axes, UP, buff=0.2)
        self.add(self.image, self.contours, self.axes_group, self.title, self.path, self.dots, self.start)
        self.set_progress(0)

    @property
    def anchors(self) -> np.ndarray:
        """The iterates θ_t where the panel is now on screen."""
        return np.array([self.axes.c2p(*theta) for theta in self.path_points])

    @property
    def n_steps(self) -> int:
        return len(self.path_points) - 1

    def set_progress(self, t: float) -> None:
        """Show the path up to step ``t`` (fractional: part of the next segment)."""
        t = float(np.clip(t, 0, self.n_steps))
        whole, anchors = int(np.floor(t)), self.anchors
        points = list(anchors[: whole + 1])
        if whole < self.n_steps and t > whole:
            points.append(anchors[whole] + (t - whole) * (anchors[whole + 1] - anchors[whole]))
        if len(points) < 2:
            points = [points[0], points[0]]
        self.path.set_points_as_corners(points)
        for k, dot in enumerate(self.dots):
            dot.set_opacity(1.0 if k <= t else 0.0)

    def descend(self, run_time: float = 4.0) -> Animation:
        """Draw the iterates step by step, θ_t → θ_{t+1}, at a constant number of steps per second."""
        return UpdateFromAlphaFunc(self.path, lambda _, alpha: self.set_progress(alpha * self.n_steps),
                                   run_time=run_time, rate_func=linear)

    def loss_text(self, history: History, t: int) -> str:
        return f"R = {format_small(history.loss[t])}"


# ---- a loss curve over training --------------------------------------------------------------
class TrainingCurve(VGroup):
    """The risk recorded in a ``History`` against the step; ``.path`` grows along it (``set_progress``)."""

    def __init__(self, history: History, theme: Theme, *, width: float = 5.0, height: float = 3.0,
                 numbers: bool = True, label: str = "R_emp"):
        super().__init__()
        steps, loss = history.steps.astype(float), history.loss
        top = float(np.max(loss[np.isfinite(loss)])) * 1.05
        self.axes_group = plain_axes([0, steps[-1], nice_step(steps[-1])], [0, top, nice_step(top, 3)],
                                     width, height, theme, ("step", label), numbers=numbers)
        self.axes = self.axes_group[0]
        self.data = np.c_[steps, loss]
        self.path = VMobject(stroke_color=theme.negative, stroke_width=3)
        self.add(self.axes_group, self.path)
        self.set_progress(0)

    @property
    def anchors(self) -> np.ndarray:
        """(step, risk) of every record where the curve is now on screen."""
        return np.array([self.axes.c2p(s, v) for s, v in self.data])

    def partial_curve(self, upto: int, theme: Theme) -> VMobject:
        points = self.anchors[: max(upto + 1, 2)]
        return VMobject(stroke_color=theme.negative, stroke_width=3).set_points_as_corners(points)

    def set_progress(self, t: float) -> None:
        """Draw the curve up to record ``t`` (fractional: part of the next segment)."""
        anchors = self.anchors
        t = float(np.clip(t, 0, len(anchors) - 1))
        whole = int(np.floor(t))
        points = list(anchors[: whole + 1])
        if whole < len(anchors) - 1 and t > whole:
            points.append(anchors[whole] + (t - whole) * (anchors[whole + 1] - anchors[whole]))
        self.path.set_points_as_corners(points if len(points) > 1 else [points[0], points[0]])

    def grow(self, run_time: float = 4.0) -> Animation:
        last = len(self.data) - 1
        return UpdateFromAlphaFunc(self.path, lambda _, alpha: self.set_progress(alpha * last),
                                   run_time=run_time, rate_func=linear)


# ---- a decision boundary while training --------------------------------------------------------
def boundary_rgb(output: np.ndarray, theme: Theme) -> np.ndarray:
    """Class-1 probability → colour: the negative colour at 0, background at 0.5, positive at 1."""
    p = np.asarray(output, float)[..., None]
    low, mid, high = _rgb(theme.negative), _rgb(theme.background), _rgb(theme.positive)
    soft = 0.55  # pale shades: the data points must stay visible on top
    rgb = np.where(p < 0.5, mid + (low - mid) * soft * (1 - 2 * p), mid + (high - mid) * soft * (2 * p - 1))
    return rgb.round().astype(np.uint8)


class BoundaryPanel(Group):
    """The data, and the network's output on the plane at one frame of a ``BoundaryMovie``."""

    def __init__(self, movie: BoundaryMovie, X, y, theme: Theme, *, size: float = 4.6):
        super().__init__()
        x0, x1, y0, y1 = movie.extent
        self.movie, self.theme = movie, theme
        self.axes_group = plain_axes([x0, x1, nice_step(x1 - x0)], [y0, y1, nice_step(y1 - y0)],
                                     size, size * (y1 - y0) / (x1 - x0), theme, ("x₁", "x₂"))
        axes = self.axes = self.axes_group[0]
        self.frames = [rgba(boundary_rgb(out, theme)[::-1]) for out in movie.output]
        self.boundaries = [contour_segments(movie.x0, movie.x1, out, 0.5) for out in movie.output]
        self.image = grid_image(boundary_rgb(movie.output[0], theme), axes, movie.extent)
        self.boundary = segments_mobject(self.boundaries[0], axes, theme.text, 3)
        self.data = VGroup(*[Dot(axes.c2p(*p), radius=0.04,
                                 color=theme.positive if label == 1 else theme.negative)
                             for p, label in zip(np.asarray(X, float), y)])
        self.add(self.image, self.axes_group, self.data, self.boundary)
        self.shown = 0

    def show_frame(self, k: int) -> None:
        """Switch the picture to frame ``k`` of the movie (used in an updater)."""
        k = int(np.clip(k, 0, len(self.frames) - 1))
        if k == self.shown:
            return
        self.image.pixel_array = self.frames[k]
        self.boundary.become(segments_mobject(self.boundaries[k], self.axes, self.theme.text, 3))
        self.shown = k


def row_label(values: Sequence[str], theme: Theme, font_size: float = SMALL) -> VGroup:
    """Strings in a row, evenly spaced (the captions under side-by-side panels)."""
    return VGroup(*[words(v, theme, font_size) for v in values]).arrange(RIGHT, buff=0.8)


# ---- backpropagation: what is written for one layer --------------------------------------------
@dataclass
class LayerGradients:
    """The strings the backprop scene writes for one layer, from a ``Trace`` with gradients.

    ``derivative`` is σ'(z_in) entry by entry, or None when the loss is fused with the output
    activation (sigmoid + BCE, softmax + CE) and the slides' shortcut ∂L/∂f_in = f − y is written.
    """

    layer: int
    names: LayerNames
    activation: str
    fused: bool
    grad_z_out: list[str]
    derivative: list[str] | None
    grad_z_in: list[str]
    grad_WT: list[list[str]]  # neurons × inputs, as the slides print W^T
    grad_b: list[str]
    f: list[str] | None = None  # for the fused shortcut: f and y
    y: list[str] | None = None


def layer_gradients(trace: Trace, layer: int, example: int = 0) -> LayerGradients:
    """Format layer ``layer``'s gradients of a backward ``trace`` with ``format_small``."""
    if not trace.has_gradients:
        raise ValueError("the trace has no gradients: run Network.backward first")
    lt, n_layers = trace.layers[layer], len(trace.layers)
    last = layer == n_layers - 1
    fused = last and get_loss(trace.loss_name).fused_with == lt.activation.name
    fmt = lambda values: [format_small(v) for v in np.ravel(values)]
    derivative = None
    if not fused and lt.activation.jacobian is None:
        derivative = fmt(lt.activation.grad(lt.z_in[example]))
    return LayerGradients(
        layer, layer_names(layer, n_layers), lt.activation.name, fused, fmt(lt.grad_z_out[example]),
        derivative, fmt(lt.grad_z_in[example]), [fmt(row) for row in lt.grad_W.T], fmt(lt.grad_b),
        f=[format_number(v, probability=lt.activation.name == "softmax") for v in lt.z_out[example]] if fused
        else None, y=[format_number(v) for v in trace.target[example]] if fused else None)


def weight_labels(diagram, layer: int, W: np.ndarray, font_size: float = SMALL - 2, at: float = 0.25,
                  spread: float = 0.45) -> VGroup:
    """Each weight of ``W`` (inputs, neurons) on its edge of ``diagram``, staggered so that none overlap.

    Edges into the first neuron carry their label near the source, edges into the last near the
    target: the labels of one source node then sit at different heights along its fan of edges.
    """
    theme = diagram.theme
    neurons = sorted(j for j in diagram.nodes[layer + 1])
    group = VGroup()
    for (i, j), edge in diagram.edges[layer].items():
        where = at + spread * neurons.index(j) / max(len(neurons) - 1, 1)
        text = words(format_number(W[i, j]), theme, font_size, color=sign_color(W[i, j], theme))
        text.add_background_rectangle(color=theme.background, opacity=0.85, buff=0.03)
        group.add(text.move_to(edge.point_from_proportion(where)))
    return group


class TextMatrix(VGroup):
    """A matrix of given strings in round brackets (rows and columns elided beyond the maximum)."""

    def __init__(self, texts: Sequence[Sequence[str]], theme: Theme, *, label: str | None = None,
                 max_rows: int = 6, max_cols: int = 5, font_size: float = SMALL, col_gap: float = 0.3,
                 colors: Sequence[Sequence[str]] | None = None):
        super().__init__()
        rows_shown = elided(len(texts), max_rows)
        cols_shown = elided(len(texts[0]), max_cols)
        self.texts = [[None if i is None or j is None else texts[i][j] for j in cols_shown] for i in rows_shown]
        row_height = 0.5 * font_size / 28
        cells = [[words(("⋮" if i is None else "⋯") if t is None else t, theme, font_size,
                        color=None if colors is None or t is None else colors[i][j])
                  for t, j in zip(line, cols_shown)] for line, i in zip(self.texts, rows_shown)]
        widths = [max(cells[r][c].width for r in range(len(cells))) for c in range(len(cells[0]))]
        starts = np.concatenate([[0.0], np.cumsum(np.add(widths, col_gap))[:-1]])
        for r, line in enumerate(cells):
            for c, cell in enumerate(line):
                cell.move_to([starts[c] + widths[c] / 2, -r * row_height, 0])
        self.cells = VGroup(*[VGroup(*line) for line in cells]).move_to(0 * UP)
        self.brackets = round_brackets(row_height * len(cells) + 0.1, self.cells.width + 0.35, theme.text)
        self.brackets.move_to(self.cells.get_center())
        self.label = math(label, theme) if label else VGroup()
        if label:
            self.label.next_to(self.brackets, UP, buff=0.15)
        self.add(self.brackets, self.cells, self.label)


# ---- the loss surface in 3-D -------------------------------------------------------------------
class Surface3D(VGroup):
    """The risk over (θ₀, θ₁) as a 3-D surface, and the iterates of a ``History`` walking down it.

    Heights are the engine's risk (``LossSurface.at``), capped at ``top`` so that the bowl fits; the
    path's points are (θ_t, R(θ_t)) from ``history.parameters`` and ``history.loss``.
    """

    def __init__(self, surface: LossSurface, history: History, theme: Theme, *, resolution: int = 12,
                 size: float = 6.0, height: float = 3.0):
        from manim import Surface, ThreeDAxes

        super().__init__()
        x0, x1, y0, y1 = surface.extent
        self.top = top = max(float(np.percentile(surface.risk, 60)), 1.05 * float(history.loss[0]))
        self.axes = axes = ThreeDAxes(x_range=[x0, x1, nice_step(x1 - x0)], y_range=[y0, y1, nice_step(y1 - y0)],
                                      z_range=[0, top, nice_step(top)], x_length=size, y_length=size,
                                      z_length=height, axis_config={"color": theme.muted, "stroke_width": 2},
                                      tips=False)
        self.mesh = Surface(lambda u, v: axes.c2p(u, v, min(surface.at(u, v), top)), u_range=[x0, x1],
                            v_range=[y0, y1], resolution=(resolution, resolution), fill_opacity=0.85,
                            stroke_color=theme.background, stroke_width=0.4)
        self.mesh.set_fill_by_value(axes=axes, colorscale=[(theme.positive, 0), (theme.node_fill, top)], axis=2)
        inside = surface.contains(history.parameters) & (history.loss <= top)
        last = int(np.argmin(inside)) if not inside.all() else len(inside)
        self.path_points = np.c_[history.parameters[:last], history.loss[:last]]
        lift = 0.02 * top
        self.path = VMobject(stroke_color=theme.accent, stroke_width=5).set_points_as_corners(
            [axes.c2p(a, b, r + lift) for a, b, r in self.path_points])
        self.dots = VGroup(*[Dot(axes.c2p(a, b, r + lift), radius=0.05, color=theme.accent)
                             for a, b, r in self.path_points])
        self.add(self.axes, self.mesh)
