"""Implementing learning: gradient descent, watched — a network's decision boundary moves while its risk falls."""

from __future__ import annotations

from manim import DOWN, FadeIn, Write

from nnviz.analysis.descent import boundary_movie
from nnviz.animate import LectureScene, heading, math
from nnviz.animate.boundary import BoundaryPanel, TrainingView
from nnviz.animate.curves import TrainingCurve
from nnviz.animate.fades import fade_in
from nnviz.animate.precision import format_small
from nnviz.animate.stage import content_area, legend, reading, swatch
from nnviz.animate.tables import RISK
from nnviz.data import load_dataset
from nnviz.engine import get_loss, train
from nnviz.engine.init import random_network
from nnviz.errors import NnvizError

RULE = rf"\theta \leftarrow \theta - \eta\, \nabla_\theta {RISK}"


class TrainingBoundary(LectureScene):
    name = "training-boundary"
    takes = frozenset({"loss", "lr"})
    section = "Implementing learning: gradient descent"
    summary = "Training a small network on XOR: the decision boundary moves while the risk falls."
    caption = "Backprop: gradient descent."
    order = 85

    def construct(self):
        theme, dataset = self.theme, self.options.extra.get("dataset", "xor")
        X, y = load_dataset(dataset, 120, seed=0)
        net = random_network([2, 6, 1], "tanh", "sigmoid", seed=0, name="2-6-1")
        loss = get_loss(self.options.loss or "bce").name
        if loss not in ("binary-cross-entropy", "l2", "l1"):
            raise NnvizError(f"training-boundary trains one sigmoid output: loss bce, l2 or l1, not {loss}")
        lr = self.options.lr or 1.0
        history = train(net, X, y, loss, "sgd", lr=lr, steps=int(self.options.extra.get("steps", 300)))
        movie = boundary_movie(history, X, frames=40)
        title = heading(f"Training {'-'.join(map(str, net.shape))} on {dataset.replace('xor', 'XOR')} by gradient "
                        f"descent", theme)
        rule = math(rf"{RULE}, \quad \eta = {format_small(lr)}", theme).next_to(title, DOWN, buff=0.2)
        left, right = content_area(rule).columns(0.5, 0.5, gap=0.8)
        board = left.place(BoundaryPanel(movie, X, y, theme, size=min(left.width, left.height) - 0.7))
        plot, readout, below = right.rows(0.64, 0.16, 0.2, gap=0.2)
        curve = plot.place(TrainingCurve(history, theme, width=plot.width - 1.6, height=plot.height - 0.9,
                                         label=math(RISK, theme)))
        key = below.place(legend([(swatch(theme.class0), "class 0"), (swatch(theme.class1), "class 1"),
                                  (swatch(theme.text, "line", 3), "f = 0.5")], theme))
        view = TrainingView(movie, X, y, theme, board, curve, readout)
        self.step(FadeIn(title), Write(rule), fade_in(board), FadeIn(curve), FadeIn(key), FadeIn(view.readout),
                  reads=reading(title, rule, board, curve, key, view.readout),
                  say="Before training, the network's boundary f = 0.5 cuts the plane at random; the shading is "
                      "its output f, the probability of class 1.")
        self.add(board, view.dot)
        for frame in view.frames_at(0.2, 0.4, 1.0):  # a fifth of the steps, two fifths, all of them
            self.step(view.advance(frame), reads=reading(view.readout), say=self.progress_words(view, frame))
        view.stop()

    @staticmethod
    def progress_words(view: TrainingView, frame: int) -> str:
        row = int(view.movie.rows[frame])
        step, risk = int(view.history.steps[row]), format_small(view.history.loss[row])
        return f"After {step} steps of gradient descent the empirical risk is {risk}, and the boundary has moved."


__all__ = ["TrainingBoundary"]
