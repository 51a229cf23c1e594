"""A network's decision boundary moving while it trains: its output over the plane, frame by frame.

Reads a ``BoundaryMovie`` (``nnviz.analysis.descent.boundary_movie``): the class-1 probability on a
grid at some recorded steps of a ``History``. Classes are coloured by the palette's ``class0`` and
``class1`` roles, the points as the pages draw them::

    board = BoundaryPanel(movie, X, y, theme)
    board.show_frame(k)          # the picture at the movie's k-th recorded step
"""

from __future__ import annotations

import numpy as np
from manim import RIGHT, Dot, Group, ValueTracker, VGroup, always_redraw

from nnviz.analysis.descent import BoundaryMovie, contour_segments
from nnviz.animate.axes import PlotAxes, axis_step, segments_mobject
from nnviz.animate.base import Theme
from nnviz.animate.colormaps import grid_image, probability_rgb, rgba
from nnviz.animate.fades import Drive
from nnviz.animate.precision import format_small
from nnviz.animate.tables import RISK
from nnviz.animate.text import BODY, math, words


class BoundaryPanel(Group):
    """The data, and the network's output on the plane at one frame of a ``BoundaryMovie``."""

    def __init__(self, movie: BoundaryMovie, X, y, theme: Theme, *, size: float = 4.6):
        super().__init__()
        x0, x1, y0, y1 = movie.extent
        self.movie, self.theme = movie, theme
        self.frame = PlotAxes([x0, x1, axis_step(x0, x1)], [y0, y1, axis_step(y0, y1)], size,
                              size * (y1 - y0) / (x1 - x0), theme, ("x₁", "x₂"))
        axes = self.axes = self.frame.axes
        self.frames = [rgba(probability_rgb(out, theme)[::-1]) for out in movie.output]
        self.boundaries = [contour_segments(movie.x0, movie.x1, out, 0.5) for out in movie.output]
        self.image = grid_image(probability_rgb(movie.output[0], theme), axes, movie.extent)
        self.boundary = segments_mobject(self.boundaries[0], axes, theme.text, 3)
        self.data = VGroup(*[Dot(axes.c2p(*p), radius=0.05, color=theme.class1 if label == 1 else theme.class0)
                             for p, label in zip(np.asarray(X, float), y)])
        self.add(self.image, self.frame, self.data, self.boundary)
        self.shown = 0

    def show_frame(self, k: int) -> None:
        """Switch the picture to frame ``k`` of the movie (used in an updater)."""
        k = int(np.clip(k, 0, len(self.frames) - 1))
        if k == self.shown:
            return
        self.image.pixel_array = self.frames[k]
        self.boundary.become(segments_mobject(self.boundaries[k], self.axes, self.theme.text, 3))
        self.shown = k


class TrainingView:
    """A ``BoundaryPanel`` and a ``TrainingCurve`` driven together through a training ``History``.

    ``advance(k)`` plays the movie up to its ``k``-th frame: the boundary moves, the curve grows, and
    the readout ``step t: R_emp = …`` follows in ``region`` (one text per shown step, not per video frame).
    """

    SECONDS_PER_FRAME = 0.4

    def __init__(self, movie: BoundaryMovie, X, y, theme: Theme, board: Group, curve, region):
        self.movie, self.theme, self.board, self.curve, self.region = movie, theme, board, curve, region
        self.history = movie.history
        self.frame, self.readouts = ValueTracker(0), {}
        self.dot = always_redraw(lambda: Dot(curve.anchors[self.row], radius=0.08, color=theme.highlight))
        self.readout = always_redraw(lambda: self.readout_at(self.row).copy())
        board.add_updater(lambda m: m.show_frame(self.shown))
        curve.path.add_updater(lambda m: curve.set_progress(self.row))

    @property
    def shown(self) -> int:
        return int(round(self.frame.get_value()))

    @property
    def row(self) -> int:
        return int(self.movie.rows[self.shown])

    def readout_at(self, row: int):
        if row not in self.readouts:
            t, theme = int(self.history.steps[row]), self.theme
            self.readouts[row] = VGroup(words(f"step {t}:", theme, BODY), math(RISK, theme, BODY + 10),
                                        words(f"= {format_small(self.history.loss[row])}", theme, BODY)
                                        ).arrange(RIGHT, buff=0.15).set_color(theme.highlight)
            self.region.place(self.readouts[row])
        return self.readouts[row]

    def frames_at(self, *shares: float) -> list[int]:
        """The movie frames nearest to the given shares of the training steps (0.5: half way)."""
        steps = self.history.steps[self.movie.rows]
        return [int(np.argmin(np.abs(steps - share * steps[-1]))) for share in shares]

    def advance(self, frame: int) -> Drive:
        """The animation that trains on to movie frame ``frame`` (its length follows the frames shown)."""
        start = self.frame.get_value()
        return Drive(self.curve.path, lambda a: self.frame.set_value(start + a * (frame - start)),
                     run_time=max(1.0, self.SECONDS_PER_FRAME * abs(frame - start)))

    def stop(self) -> None:
        """Freeze the picture where it is (updaters off)."""
        self.board.clear_updaters()
        self.curve.path.clear_updaters()


__all__ = ["BoundaryPanel", "TrainingView"]
