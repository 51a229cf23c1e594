"""Motivation: a new feature space — the polar change of coordinates, and the representation a network learns."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Create, FadeIn, FadeOut, Succession, Transform, UpdateFromAlphaFunc, VGroup

from nnviz.analysis.polar import polar_morph
from nnviz.analysis.representation import learned_representation
from nnviz.animate import LectureScene, heading
from nnviz.animate.planes import PlanePanel, centred, class_legend, window
from nnviz.animate.text import BODY, SMALL, math, words
from nnviz.engine.notation import format_number

POLAR = r"r = \sqrt{x_1^2 + x_2^2}, \qquad \theta = \operatorname{atan2}(x_2, x_1)"


def accuracy_text(accuracy: float) -> str:
    """'accuracy 0.545': the share of points on their side of the line, as the pages write it.

    >>> accuracy_text(0.545), accuracy_text(1.0)
    ('accuracy 0.545', 'accuracy 1.000')
    """
    return f"accuracy {format_number(accuracy, probability=True)}"


class PolarMorph(LectureScene):
    name = "polar-morph"
    section = "Motivation: a new feature space"
    summary = "Circles: one neuron's best line fails; every point moves to (r, θ), where one line separates them."
    caption = ("However, the neuron can easily separate the classes if the original features are transformed "
               "(e.g., from Cartesian to polar coordinates).")
    order = 25

    def construct(self):
        theme, morph = self.theme, polar_morph(frames=2)
        fit = morph.fit
        title = heading("Motivation: a new feature space", theme)
        legend = class_legend(theme).to_corner(UP + RIGHT, buff=0.4)
        left = PlanePanel(window(fit.X, 0.1), theme, side=4.4, names=("x₁", "x₂"))
        right = PlanePanel(window(fit.R, 0.08, square=False), theme, side=4.4, names=("r", "θ"))
        centred(VGroup(left, right).arrange(RIGHT, buff=1.8), below=title, buff=0.9)
        dots = left.class_dots(fit.X, fit.y)
        self.step(FadeIn(title), FadeIn(legend), FadeIn(left), FadeIn(dots),
                  say="A single neuron learns only a straight boundary. Here class 1 is a disc inside a ring of "
                      "class 0.")
        line = left.line(fit.cartesian.layers[0].W[:, 0], fit.cartesian.layers[0].b[0])
        before = words(accuracy_text(fit.accuracy_cartesian), theme, BODY).next_to(left, DOWN, buff=0.2)
        self.step(Create(line), FadeIn(before), reads=1,
                  say="Its best line gets only some of the points right: no line separates a disc from a ring.")
        formula = math(POLAR, theme, BODY + 2).next_to(right, UP, buff=0.35)
        self.step(FadeIn(right), FadeIn(formula), reads=2,
                  say="Transform the features from Cartesian to polar coordinates: the distance r and the angle θ.")
        moved = right.class_dots(fit.R, fit.y)
        self.step(Transform(dots.copy(), moved, run_time=2.5), reads=0,
                  say="Every point moves to its polar coordinates (r, θ).")
        polar_line = right.line(fit.polar.layers[0].W[:, 0], fit.polar.layers[0].b[0])
        after = words(accuracy_text(fit.accuracy_polar), theme, BODY, color=theme.highlight).next_to(right, DOWN,
                                                                                                     buff=0.2)
        self.step(Create(polar_line), FadeIn(after), reads=1,
                  say="There the same neuron separates the classes with one straight line.")
        note = words("the same neuron, a new feature space", theme, SMALL, color=theme.muted)
        self.step(FadeIn(centred(note, below=VGroup(before, after), buff=0.2)), reads=0,
                  say="Instead of classifying the data in the original representation, we classify it in a new "
                      "feature space.")


class LearnedRepresentation(LectureScene):
    name = "learned-representation"
    section = "Motivation: a new feature space"
    summary = "A 2-2-2-1 tanh network carries the plane layer by layer until one line separates the moons."
    caption = "Instead of classifying the data in the original representation, we classify it in a new feature space."
    order = 26

    def construct(self):
        theme, rep = self.theme, learned_representation()
        self.rep = rep
        title = heading("Representation learning", theme)
        legend = class_legend(theme).to_corner(UP + RIGHT, buff=0.4)
        self.panel = PlanePanel(stage_window(rep.stages[0]), theme, side=5.6, names=("", ""))
        self.panel.next_to(title, DOWN, buff=0.45).align_to(title, LEFT)
        self.grid = self.panel.polylines(rep.stages[0].lines, width=1.2)
        self.dots = self.panel.class_dots(rep.stages[0].data, rep.y, radius=0.045)
        self.formulas = VGroup(math(r"\mathbf{x}", theme))  # one line per step, the newest in the text colour
        self.formulas.next_to(self.panel, RIGHT, buff=0.8).align_to(self.panel, UP)
        self.step(FadeIn(title), FadeIn(legend), FadeIn(self.panel), Create(self.grid), FadeIn(self.dots),
                  FadeIn(self.formulas), reads=1,
                  say="The input plane with a grid and the two moons: no straight line separates them.")
        for k in range(1, len(rep.stages)):
            self.carry(k)
        line = self.panel.line(rep.U, rep.c)
        output = math(r"f = \sigma\left(\mathbf{u}^T \mathbf{z}^{(2)} + c\right)", theme)
        output.next_to(self.formulas, DOWN, buff=0.35, aligned_edge=LEFT)
        result = words(accuracy_text(rep.accuracy), theme, BODY, color=theme.highlight)
        result.next_to(output, DOWN, buff=0.35, aligned_edge=LEFT)
        self.step(Create(line), self.formulas[-1].animate.set_color(theme.muted), FadeIn(output), FadeIn(result),
                  reads=2,
                  say="In the space of the last hidden layer, the output unit's straight line separates the "
                      "classes.")

    def carry(self, k: int) -> None:
        """One step of the network: the plane moves from stage k − 1 to stage k, the window follows."""
        before, after = self.rep.stages[k - 1], self.rep.stages[k]
        start, end = stage_window(before), stage_window(after)

        def move(_, alpha):
            s = float(alpha)
            self.panel.extent = tuple((1 - s) * a + s * b for a, b in zip(start, end))
            data = (1 - s) * before.data + s * after.data
            lines = (1 - s) * before.lines + s * after.lines
            self.panel.move_dots(self.dots, data)
            for path, points in zip(self.grid, lines):
                path.set_points_as_corners(self.panel.to_screen(points))

        formula = math(stage_formula(after), self.theme).next_to(self.formulas, DOWN, buff=0.3, aligned_edge=LEFT)
        self.play(FadeOut(self.panel.labels), self.formulas[-1].animate.set_color(self.theme.muted), FadeIn(formula))
        self.formulas.add(formula)
        self.panel.extent = end
        numbers = self.panel.edge_numbers()
        self.panel.extent = start
        self.panel.remove(self.panel.labels)
        self.panel.labels = numbers
        self.step(Succession(UpdateFromAlphaFunc(VGroup(self.dots, self.grid), move, run_time=2.5),
                             FadeIn(numbers, run_time=0.4)), reads=2, say=stage_words(after))
        self.panel.add(numbers)


def stage_window(stage) -> tuple[float, float, float, float]:
    """The square window around a stage's data and grid lines (as the page draws it)."""
    return window(np.concatenate([stage.data, stage.lines.reshape(-1, 2)]), 0.06)


def stage_formula(stage) -> str:
    """The slide's formula of a stage: z_in^(l) = W^(l)T z^(l-1) + b^(l), or z^(l) = tanh(z_in^(l))."""
    k, below = stage.layer, (r"\mathbf{x}" if stage.layer == 1 else rf"\mathbf{{z}}^{{({stage.layer - 1})}}")
    if stage.kind == "affine":
        return rf"\mathbf{{z}}_{{in}}^{{({k})}} = W^{{({k})T}} {below} + \mathbf{{b}}^{{({k})}}"
    return rf"\mathbf{{z}}^{{({k})}} = \tanh\left(\mathbf{{z}}_{{in}}^{{({k})}}\right)"


def stage_words(stage) -> str:
    if stage.kind == "affine":
        return (f"Layer {stage.layer} first computes an affine map of the plane: it shears, turns and "
                "stretches the grid.")
    return f"Then tanh bends the plane of layer {stage.layer} into the square from −1 to 1."


__all__ = ["LearnedRepresentation", "PolarMorph"]
