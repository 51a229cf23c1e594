"""Implementing learning: gradient descent — one step with the numbers, then descent on a loss surface."""

from __future__ import annotations

from manim import DEGREES, DOWN, LEFT, RIGHT, Create, FadeIn, ReplacementTransform, ThreeDScene, VGroup, Write

from nnviz.animate import LectureScene, heading, math, words
from nnviz.animate.backward import bias_update_panel, edge_labels, update_panel
from nnviz.animate.descent import DescentColumns, LossLines, descent_legend, goal_and_rule
from nnviz.animate.fades import fade_in
from nnviz.animate.gradients import BackwardTexts, chosen_target_and_loss, gradient_step
from nnviz.animate.precision import format_small
from nnviz.animate.stage import Board, content_area, diagram_in, diagram_legend, reading
from nnviz.animate.surfaces import DescentRuns, Surface3D, SurfacePanel
from nnviz.animate.text import SMALL

UPDATE = r"\theta \leftarrow \theta - \eta\, \nabla_\theta L"


class GradientStep(LectureScene):
    name = "gradient-step"
    takes = frozenset({"loss", "lr", "target"})
    section = "Implementing learning: gradient descent"
    summary = "One gradient-descent step: every weight moves by −η·gradient, and the loss falls."
    caption = "Goal: θ_opt = argmin over θ in Θ of the risk R(θ)."
    order = 75
    default_network = "single-hidden"

    def construct(self):
        theme, net = self.theme, self.network()
        target, loss = chosen_target_and_loss(net, self.options.target, self.options.loss)
        lr = self.options.lr if self.options.lr is not None else 0.05
        before, after = gradient_step(net, self.input(), target, loss, lr)
        texts = BackwardTexts(before, lr=lr, after=after)
        title = heading("One step of gradient descent", theme)
        rule = math(rf"{UPDATE}, \qquad \eta = {texts.scalar('eta')}", theme).next_to(title, DOWN, buff=0.25)
        top, bottom = content_area(rule).rows(0.45, 0.55, gap=0.25)  # the network above, the update below
        left, middle, right = top.columns(0.55, 0.19, 0.26)
        diagram, board = diagram_in(left, before, theme, room_for=("",)), Board(bottom)
        key = middle.place(diagram_legend(theme, [(theme.value, "value"), (theme.gradient, "gradient"),
                                                  (theme.highlight, "after the step")],
                                          column=True), LEFT)
        lines = right.place(LossLines(before, after, theme))
        labels = {k: edge_labels(diagram, k, texts.matrix("WT", k), theme) for k, lt in enumerate(net.layers)
                  if lt.W.size <= 6}  # weights on the edges where they fit; the panels say the rest
        ends = (0, diagram.n_columns - 1)  # x and f: the hidden values are not what this step is about
        values = [a for column in ends for a in diagram.show_values(column)]
        self.step(FadeIn(title), Write(rule), FadeIn(diagram), FadeIn(key), *map(FadeIn, labels.values()), *values,
                  FadeIn(lines.head), FadeIn(lines.before),
                  reads=[reading(rule, key, lines.before, *labels.values()), len(values)],
                  say=f"Before the step: the network predicts f = {lines.f_before}, with loss L = {lines.L_before}.")
        for layer in range(len(net.layers) - 1, -1, -1):
            panel = update_panel(texts, layer, theme, board.region.width)
            self.step(*board.show(panel), *diagram.color_edges(layer, before.layers[layer].grad_W, theme.gradient),
                      reads=panel, say="Every weight moves against its gradient, by the learning rate η times it.")
            moved = edge_labels(diagram, layer, texts.matrix("WT_new", layer), theme) if layer in labels else []
            self.step(*diagram.color_edges(layer, after.layers[layer].W),
                      *[ReplacementTransform(a, b) for a, b in zip(labels.get(layer, []), moved)],
                      reads=len(moved), say="The edges take their new weights.")
            panel = bias_update_panel(texts, layer, theme, board.region.width)
            self.step(*board.show(panel), reads=panel, say="The biases move the same way.")
        new_values = diagram.show_values(ends[1], after.output[0], color=theme.highlight)
        self.step(*new_values, FadeIn(lines.after), reads=[reading(lines.after), len(new_values)],
                  say=f"With the new weights the network predicts f = {lines.f_after}, and the loss falls "
                      f"from {lines.L_before} to {lines.L_after}.")


class GradientDescentSurface(LectureScene):
    name = "gradient-descent-surface"
    takes = frozenset({"loss", "lr"})
    section = "Implementing learning: gradient descent"
    summary = "Gradient descent on the loss surface of a two-parameter neuron: η too small, right, too large."
    caption = "Goal: θ_opt = argmin over θ in Θ of the differentiable risk R(θ)."
    order = 80

    def construct(self):
        theme = self.theme
        problem = DescentRuns.of(self.options.loss, self.options.lr, int(self.options.extra.get("steps", 20)))
        rates, surface = problem.rates, problem.surface(resolution=61)
        title = heading("Implementing learning: gradient descent", theme)
        goal, rule = goal_and_rule(theme)
        area = content_area(title)
        top, rest = area.rows(0.2, 0.8, gap=0.15)
        key = descent_legend(theme)
        top.place(VGroup(VGroup(goal, rule).arrange(RIGHT, buff=1.0), key).arrange(DOWN, buff=0.2))
        columns = DescentColumns(surface, problem.runs, rates, theme, rest)
        self.step(FadeIn(title), Write(goal), reads=reading(goal),
                  say="Given a family of parameters Θ and a differentiable risk R(θ), the goal is the θ "
                      "that minimizes it.")
        self.step(Write(rule), fade_in(columns), FadeIn(key), reads=reading(rule, columns, key),
                  say=f"A neuron f(x) = w·x + b has two parameters; here is its risk R(w, b) on "
                      f"{len(problem.X)} points. Gradient descent steps downhill from the same start.")
        for k, verdict in enumerate(("too small", "about right", "too large")):
            self.step(*columns.descend(k), reads=reading(columns.outcomes[k]),
                      say=f"With η = {format_small(rates[k])}, {verdict}: {columns.outcome_words(k)}")


class LossSurface3D(LectureScene, ThreeDScene):
    name = "loss-surface-3d"
    takes = frozenset({"loss", "lr"})
    section = "Implementing learning: gradient descent"
    summary = "The loss surface of a two-parameter neuron in 3-D beside its contour lines, gradient descent on both."
    caption = "Goal: θ_opt = argmin over θ in Θ of the differentiable risk R(θ)."
    order = 81

    def construct(self):
        theme = self.theme
        problem = DescentRuns.of(self.options.loss, self.options.lr, int(self.options.extra.get("steps", 20)))
        lr, run = problem.rates[1], problem.runs[1]  # the rate that is about right
        surface = problem.surface([run], resolution=41, margin=0.15)
        title = heading(f"The risk R(w, b) and gradient descent, η = {format_small(lr)}", theme)
        left, right = content_area(title).columns(0.55, 0.45)
        upper, lower = right.rows(0.72, 0.28)
        flat = upper.place(SurfacePanel(surface, run, theme, width=upper.width - 1.4, height=upper.height - 0.9,
                                        image=False))
        rule = goal_and_rule(theme)[1]
        outcome = words(f"R: {format_small(run.loss[0])} → {format_small(run.loss[-1])} in {len(run) - 1} steps",
                        theme, SMALL + 4, color=theme.highlight)
        lower.place(VGroup(rule, outcome).arrange(DOWN, buff=0.3))
        plot = Surface3D(surface, run, theme)
        self.set_camera_orientation(phi=55 * DEGREES, theta=-75 * DEGREES, zoom=0.95)
        plot.place_on_screen(self.renderer.camera, left.center)
        self.add_fixed_in_frame_mobjects(title, flat, rule, outcome)
        self.add_fixed_orientation_mobjects(*plot.labels)
        self.remove(flat, rule, outcome)
        self.step(FadeIn(title), Create(plot.edges), FadeIn(plot.mesh), FadeIn(plot.labels), FadeIn(flat),
                  reads=reading(title, plot.labels, flat),
                  say="The risk of the neuron over its two parameters w and b: as a surface, and seen from above "
                      "as contour lines.")
        self.step(FadeIn(plot.dots[0], scale=2), Write(rule), reads=reading(rule) + 1,
                  say="Gradient descent starts from one point θ₀ and steps against the gradient.")
        self.step(Create(plot.path), *[FadeIn(d) for d in plot.dots[1:]], flat.descend(), FadeIn(outcome),
                  reads=reading(outcome), say="Each step goes downhill, and the risk falls to the bottom of the bowl.")


__all__ = ["GradientDescentSurface", "GradientStep", "LossSurface3D"]
