"""A neuron's risk over its two parameters, with the path of gradient descent on it: 2-D and 3-D.

Both read a ``LossSurface`` and a ``History`` from ``nnviz.analysis.descent``; the path is the
history's parameters θ_t (and, in 3-D, its recorded risk R(θ_t))::

    panel = SurfacePanel(surface, history, theme)
    self.step(panel.descend(), say="…")            # the iterates, one segment per step
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from manim import UP, Animation, Dot, Group, Mobject, UpdateFromAlphaFunc, VGroup, VMobject, linear

from nnviz.analysis.descent import (
    LossSurface,
    contour_segments,
    descent_runs,
    learning_rates,
    loss_surface,
    single_neuron,
    toy_classification,
    toy_regression,
)
from nnviz.animate.axes import PlotAxes, axis_step, polyline_upto, segments_mobject, ticks
from nnviz.animate.base import Theme
from nnviz.animate.colormaps import grid_image, risk_rgb, risk_shades
from nnviz.animate.text import SMALL, words
from nnviz.engine import Network, get_loss
from nnviz.engine.notation import format_number
from nnviz.engine.train import History
from nnviz.errors import NnvizError


def descent_problem(loss: str | None = None) -> tuple[Network, np.ndarray, np.ndarray, str]:
    """The lecture's two-parameter problem: a linear neuron on a small regression set (L2), or a
    sigmoid neuron on a small classification set (cross entropy), starting from θ = (w, b) = (−1.5, 2)."""
    name = get_loss(loss or "l2").name
    if name == "l2":
        return single_neuron(-1.5, 2.0, "identity"), *toy_regression(), name
    if name == "binary-cross-entropy":
        return single_neuron(-1.5, 2.0, "sigmoid"), *toy_classification(), name
    raise NnvizError(f"loss {name!r}: the descent scenes take l2 or binary-cross-entropy")


@dataclass
class DescentRuns:
    """The lecture's two-parameter problem and gradient descent on it at three rates (too small, right,
    too large), every run from the same start: what the descent scenes show."""

    network: Network
    X: np.ndarray
    y: np.ndarray
    loss: str
    rates: tuple[float, float, float]
    runs: list[History]

    @classmethod
    def of(cls, loss: str | None = None, lr: float | None = None, steps: int = 20) -> DescentRuns:
        network, X, y, name = descent_problem(loss)
        rates = learning_rates(network, X, y, name, lr)
        return cls(network, X, y, name, rates, descent_runs(network, X, y, name, rates, steps=steps))

    def surface(self, runs: list[History] | None = None, **options) -> LossSurface:
        """The risk on a grid around the runs' paths (the part of a diverging path that stays near)."""
        runs = self.runs if runs is None else runs
        around = [run.parameters[run.loss <= 3 * run.loss[0]] for run in runs]
        return loss_surface(self.network, self.X, self.y, self.loss, around=around, **options)


class SurfacePanel(Group):
    """The risk over (θ₀, θ₁) as filled contours, and the iterates of one descent ``History`` on it.

    The path is clipped where it leaves the drawn surface (a diverging run); ``.left_surface`` says so.
    """

    def __init__(self, surface: LossSurface, history: History, theme: Theme, *, title: str = "",
                 width: float = 3.8, height: float = 3.2, image: bool = True):
        super().__init__()
        x0, x1, y0, y1 = surface.extent
        self.frame = PlotAxes([x0, x1, axis_step(x0, x1)], [y0, y1, axis_step(y0, y1)], width, height,
                              theme, surface.names)
        axes = self.axes = self.frame.axes
        levels = surface.levels()
        line = theme.background if image else risk_shades(theme)[0]
        self.contours = VGroup(*[segments_mobject(contour_segments(surface.p0, surface.p1, surface.risk, v),
                                                  axes, line, 1.2) for v in levels])
        inside = surface.contains(history.parameters)
        self.left_surface = not bool(inside.all())
        self.path_points = history.parameters[: int(np.argmin(inside)) if self.left_surface else len(inside)]
        self.path = VMobject(stroke_color=theme.highlight, stroke_width=3)
        self.dots = VGroup(*[Dot(p, radius=0.05, color=theme.highlight) for p in self.anchors])
        self.start = Dot(self.anchors[0], radius=0.08, color=theme.text)
        self.title = words(title, theme, SMALL).next_to(self.frame, UP, buff=0.25) if title else VGroup()
        if image:
            self.add(grid_image(risk_rgb(surface.risk, levels, theme), axes, surface.extent))
        self.add(self.contours, self.frame, self.title, self.path, self.dots, self.start)
        self.shown = 0.0
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
        self.path.set_points_as_corners(polyline_upto(self.anchors, t))
        for k, dot in enumerate(self.dots):
            dot.set_opacity(1.0 if k <= t else 0.0)

    def descend(self, upto: float | None = None, seconds_per_step: float = 0.25) -> Animation:
        """Draw the iterates θ_t → θ_{t+1} from where the path is to step ``upto`` (the last by default)."""
        start, end = self.shown, float(self.n_steps if upto is None else min(upto, self.n_steps))
        self.shown = end
        return UpdateFromAlphaFunc(self.path, lambda _, a: self.set_progress(start + a * (end - start)),
                                   run_time=max(1.0, seconds_per_step * (end - start)), rate_func=linear)


LABEL = SMALL + 8  # seen through the camera's zoom and perspective, labels in space look smaller


class Surface3D(VGroup):
    """The risk over (θ₀, θ₁) as a 3-D surface in a box, and the iterates of a ``History`` walking down it.

    Heights are the engine's risk (``LossSurface.at``); the path's points are (θ_t, R(θ_t)) from
    ``history.parameters`` and ``history.loss``. The axes run along three edges of the box (not
    through the middle of the bowl) and carry numbers; ``labels`` are those numbers and the axes'
    names, to be kept facing the camera (``add_fixed_orientation_mobjects``).
    """

    def __init__(self, surface: LossSurface, history: History, theme: Theme, *, resolution: int = 16,
                 size: float = 4.6, height: float = 2.6):
        from manim import Line, Surface, ThreeDAxes

        super().__init__()
        x0, x1, y0, y1 = surface.extent
        inside = surface.contains(history.parameters)
        last = int(np.argmin(inside)) if not inside.all() else len(inside)
        self.path_points = np.c_[history.parameters[:last], history.loss[:last]]
        self.top = top = float(max(surface.risk.max(), self.path_points[:, 2].max()))
        self.box = (x0, x1, y0, y1, top)
        self.axes = axes = ThreeDAxes(x_range=[x0, x1, 1], y_range=[y0, y1, 1], z_range=[0, top, 1],
                                      x_length=size, y_length=size, z_length=height, tips=False)
        axes.set_opacity(0)  # a coordinate system only: the drawn axes are edges of the box
        low, high = risk_shades(theme)
        self.mesh = Surface(lambda u, v: axes.c2p(u, v, surface.at(u, v)), u_range=[x0, x1], v_range=[y0, y1],
                            resolution=(resolution, resolution), fill_opacity=0.9, stroke_color=theme.background,
                            stroke_width=0.5)
        self.mesh.set_fill_by_value(axes=axes, colorscale=[(low, 0), (high, top)], axis=2)
        edge = lambda a, b: Line(axes.c2p(*a), axes.c2p(*b), color=theme.muted, stroke_width=2)  # noqa: E731
        self.edges = VGroup(edge((x0, y0, 0), (x1, y0, 0)), edge((x1, y0, 0), (x1, y1, 0)),
                            edge((x0, y0, 0), (x0, y0, top)))
        lift = 0.015 * top
        self.path = VMobject(stroke_color=theme.highlight, stroke_width=5).set_points_as_corners(
            [axes.c2p(a, b, r + lift) for a, b, r in self.path_points])
        self.dots = VGroup(*[Dot(axes.c2p(a, b, r + lift), radius=0.06, color=theme.highlight)
                             for a, b, r in self.path_points])
        self.labels = self._labels(surface, theme)
        self.add(self.axes, self.edges, self.mesh)

    def place_on_screen(self, camera, point: np.ndarray) -> Surface3D:
        """Move the plot (and its labels) in space so that, seen by ``camera``, its centre is at ``point``."""
        x0, x1, y0, y1, top = self.box
        camera.rotation_matrix = camera.generate_rotation_matrix()
        target = np.array([point[0], point[1], 0.0]) / camera.get_zoom()
        centre = self.axes.c2p((x0 + x1) / 2, (y0 + y1) / 2, top / 2)
        shift = camera.rotation_matrix.T @ target + camera.frame_center - centre
        VGroup(self, self.path, self.dots, self.labels).shift(shift)
        return self

    def _labels(self, surface: LossSurface, theme: Theme) -> VGroup:
        """Numbers along the three drawn edges, and the axes' names past their ends."""
        x0, x1, y0, y1, top = self.box
        axes, labels, out = self.axes, VGroup(), 0.14
        def number(value: float, at) -> Mobject:
            text = words(format_number(value), theme, LABEL, color=theme.muted).move_to(axes.c2p(*at))
            text.axis_number = True
            return text

        for value in ticks([x0, x1, axis_step(x0, x1)]):
            labels.add(number(value, (value, y0 - out * (y1 - y0), 0)))
        for value in ticks([y0, y1, axis_step(y0, y1)]):
            labels.add(number(value, (x1 + out * (x1 - x0), value, 0)))
        for value in ticks([0, top, axis_step(0, top, 2)])[1:]:
            labels.add(number(value, (x0 - out * (x1 - x0), y0, value)))
        w_name, b_name = surface.names
        name = lambda text, at: words(text, theme, LABEL + 4).move_to(axes.c2p(*at))  # noqa: E731
        labels.add(name(w_name, ((x0 + x1) / 2, y0 - 2.2 * out * (y1 - y0), 0)),
                   name(b_name, (x1 + 2.2 * out * (x1 - x0), (y0 + y1) / 2, 0)),
                   name("R", (x0, y0, 1.15 * top)))
        return labels


__all__ = ["DescentRuns", "SurfacePanel", "Surface3D", "descent_problem"]
