"""Implementing learning: backpropagation, a gradient-descent step, descent on a loss surface, training."""

from __future__ import annotations

import numpy as np
from manim import (
    DEGREES,
    DOWN,
    IN,
    LEFT,
    RIGHT,
    UP,
    Create,
    Dot,
    FadeIn,
    Group,
    LaggedStart,
    ReplacementTransform,
    ThreeDScene,
    ValueTracker,
    VGroup,
    Write,
    always_redraw,
    linear,
)

from nnviz.analysis.descent import (
    boundary_movie,
    descent_runs,
    learning_rates,
    loss_surface,
    single_neuron,
    toy_classification,
    toy_regression,
)
from nnviz.animate.base import LectureScene
from nnviz.animate.diagram import NetworkDiagram
from nnviz.animate.learning import (
    BoundaryPanel,
    Surface3D,
    SurfacePanel,
    TextMatrix,
    TrainingCurve,
    appear,
    disappear,
    fade_in,
    format_small,
    layer_gradients,
    weight_labels,
)
from nnviz.animate.text import BODY, SMALL, TITLE, math, words
from nnviz.animate.vectors import VectorColumn, side_by_side
from nnviz.data import load_dataset
from nnviz.engine import get_loss, train
from nnviz.engine.init import random_network
from nnviz.engine.notation import format_number, layer_names
from nnviz.errors import NnvizError

UPDATE = r"\theta \leftarrow \theta - \eta \, \nabla_\theta \mathcal{R}(\theta)"


FORMULA = BODY + 8  # LaTeX fractions look small at the size of plain text
DERIVATIVE = {"sigmoid": r"\sigma'", "relu": r"\mathrm{ReLU}'", "tanh": r"\tanh'", "identity": r"\mathrm{id}'",
              "step": r"\mathrm{step}'"}


def partial(name: str) -> str:
    return rf"\frac{{\partial L}}{{\partial {name}}}"


class Backprop(LectureScene):
    name = "backprop"
    section = "Implementing learning: backpropagation"
    summary = "Backpropagation through the network with the numbers: the loss, then each layer's gradients."
    caption = "Backprop: gradient descent."
    order = 70
    default_network = "single-hidden"

    def construct(self):
        theme, net = self.theme, self.network()
        target, loss = self.target_and_loss(net)
        trace = net.backward(self.trace(), target, loss)
        title = words("Backpropagation: the chain rule from right to left", theme, TITLE)
        title.to_edge(UP, buff=0.3)
        diagram = NetworkDiagram(trace, theme, width=5.2, height=4.8).to_edge(LEFT, buff=0.9).shift(DOWN * 0.4)
        self.panel_top = title.get_bottom()[1] - 0.35
        self.panel_left = diagram.get_right()[0] + 1.3  # the output's values sit right of its node
        self.play(FadeIn(title), FadeIn(diagram))
        self.play(*[a for col in range(diagram.n_columns) for a in diagram.show_values(col)])
        self.pause()

        f, y = format_number(trace.output[0, 0]), format_number(trace.target[0, 0])
        loss_name = get_loss(loss)
        self.right = VGroup(
            math(rf"L = {loss_name.latex}", theme, FORMULA),
            words(f"L = {format_small(trace.loss)}" + (f"   (f = {f}, y = {y})" if net.n_outputs == 1 else ""),
                  theme, BODY, color=theme.accent)).arrange(DOWN, buff=0.4)
        self.show_right(self.right)
        self.pause()

        legend = words("beside the nodes, in green: the gradients ∂L/∂·", theme, SMALL, color=theme.highlight)
        self.play(FadeIn(legend.next_to(diagram, DOWN, buff=0.35)))
        for layer in range(len(net.layers) - 1, -1, -1):
            g = layer_gradients(trace, layer)
            column = layer + 1
            self.show_right(self.chain_rule(g, trace, layer))
            self.play(*diagram.show_values(column, texts=g.grad_z_in, color=theme.highlight))
            self.pause()
            inputs = r"\mathbf{x}" if layer == 0 else layer_names(layer - 1, len(net.layers)).z_out
            weights = VGroup(
                math(rf"{partial(g.names.WT)} = {partial(g.names.z_in)}\,{{{inputs}}}^T", theme, FORMULA),
                TextMatrix(g.grad_WT, theme, font_size=SMALL + 2),
                math(rf"{partial(g.names.b)} = {partial(g.names.z_in)}", theme, FORMULA))
            weights.arrange(DOWN, buff=0.35)
            self.show_right(weights)
            self.play(*diagram.color_edges(layer, trace.layers[layer].grad_W))
            self.pause()
            if layer > 0:
                below = layer_gradients(trace, layer - 1)
                passed = VGroup(math(rf"{partial(below.names.z_out)} = {g.names.W}\,{partial(g.names.z_in)}",
                                     theme, FORMULA),
                                VectorColumn(None, theme, texts=below.grad_z_out, font_size=SMALL + 2))
                self.show_right(passed.arrange(DOWN, buff=0.35))
                self.play(*diagram.show_values(layer, texts=below.grad_z_out, color=theme.highlight))
                self.pause()
        self.pause(1.5)

    def chain_rule(self, g, trace, layer: int) -> VGroup:
        """∂L/∂z_in = ∂L/∂z ⊙ σ'(z_in) with the numbers, as columns (or f − y when fused)."""
        theme, size = self.theme, SMALL + 2
        column = lambda texts, label=None: VectorColumn(None, theme, texts=texts, font_size=size, label=label)
        if g.fused:
            formula = math(rf"{partial(g.names.z_in)} = \mathbf{{f}} - \mathbf{{y}}", theme, FORMULA)
            row = side_by_side(column(g.f), words("−", theme, BODY), column(g.y), words("=", theme, BODY),
                               column(g.grad_z_in))
        elif g.derivative is not None:
            act = DERIVATIVE.get(g.activation, g.activation + "'")
            formula = math(rf"{partial(g.names.z_in)} = {partial(g.names.z_out)} \odot {act}({g.names.z_in})",
                           theme, FORMULA)
            row = side_by_side(column(g.grad_z_out), words("⊙", theme, BODY), column(g.derivative),
                               words("=", theme, BODY), column(g.grad_z_in))
        else:
            formula = math(rf"{partial(g.names.z_in)} = J_\tau^T {partial(g.names.z_out)}", theme, FORMULA)
            row = side_by_side(column(g.grad_z_out), words("→", theme, BODY), column(g.grad_z_in))
        row[-1].cells.set_color(theme.highlight)
        return VGroup(formula, row).arrange(DOWN, buff=0.35)

    def show_right(self, group: VGroup) -> None:
        """Replace what the right half of the screen explains."""
        fit_right(group, self.panel_top, self.panel_left)
        old = getattr(self, "_shown", None)
        self.add(group)
        self.play(*([disappear(old)] if old is not None else []), appear(group))
        if old is not None:
            self.remove(old)
        self._shown = group

    def target_and_loss(self, net):
        target = self.options.target if self.options.target is not None else net.default_target
        if target is None:
            raise NnvizError(f"{net.name} has no slide target; give one with --target")
        loss = self.options.loss or net.default_loss or "l2"
        return target, get_loss(loss).name


class GradientStep(LectureScene):
    name = "gradient-step"
    section = "Implementing learning: gradient descent"
    summary = "One gradient-descent step: every weight moves by −η·gradient, and the loss falls."
    caption = "Goal: θ_opt = argmin over θ in Θ of the risk R(θ)."
    order = 75
    default_network = "single-hidden"

    def construct(self):
        theme, net = self.theme, self.network()
        target, loss = Backprop.target_and_loss(self, net)
        lr = self.options.lr if self.options.lr is not None else 0.05
        x = self.input()
        trace = net.backward(net.forward(x), target, loss)
        step = train(net, x[None], net.targets(target, 1, loss), loss, "sgd", lr=lr, steps=1)
        after = step.network_at(1).backward(step.network_at(1).forward(x), target, loss)

        title = words("One step of gradient descent", theme, TITLE).to_edge(UP, buff=0.3)
        rule = math(rf"\theta \leftarrow \theta - \eta\, \nabla_\theta L, \qquad \eta = {format_small(lr)}",
                    theme, FORMULA).next_to(title, DOWN, buff=0.2)
        diagram = NetworkDiagram(trace, theme, width=5.0, height=4.6).to_edge(LEFT, buff=1.0).shift(DOWN * 0.7)
        moved = NetworkDiagram(after, theme, width=5.0, height=4.6).move_to(diagram)  # the new values
        # weights written on the edges where they fit (a few edges); the matrices on the right say the rest
        labelled = [k for k, layer in enumerate(net.layers) if layer.W.size <= 6]
        labels = {k: weight_labels(diagram, k, net.layers[k].W, at=0.55, spread=0) for k in labelled}
        self.panel_top = rule.get_bottom()[1] - 0.3
        self.panel_left = diagram.get_right()[0] + 1.3
        self.play(FadeIn(title), Write(rule), FadeIn(diagram), *[FadeIn(g) for g in labels.values()])
        self.play(*[a for col in range(diagram.n_columns) for a in diagram.show_values(col)])
        before = self.loss_line(trace, "before").next_to(diagram, DOWN, buff=0.25)
        before.set_x(max(before.get_x(), -6.9 + before.width / 2))  # long for many outputs
        self.play(FadeIn(before))
        self.pause()

        for layer in range(len(net.layers) - 1, -1, -1):
            weights, bias = self.update(trace, after, layer, lr)
            self.show_right(weights)
            self.play(*diagram.color_edges(layer, trace.layers[layer].grad_W))
            self.pause()
            moves = [ReplacementTransform(a, b) for a, b in zip(
                labels[layer], weight_labels(diagram, layer, after.layers[layer].W, at=0.55, spread=0))
            ] if layer in labels else []
            self.play(*diagram.color_edges(layer, after.layers[layer].W), *moves)
            self.pause()
            self.show_right(bias)
            self.pause()

        self.play(*[a for col in range(1, diagram.n_columns) for a in diagram.show_values(
            col, moved.trace_values(col), color=theme.highlight)])
        after_line = self.loss_line(after, "after").next_to(before, DOWN, buff=0.15).align_to(before, LEFT)
        self.play(FadeIn(after_line))
        self.pause(2)

    def loss_line(self, trace, when: str):
        softmax = trace.layers[-1].activation.name == "softmax"
        f = ", ".join(format_number(v, probability=softmax) for v in trace.output[0])
        text = f"{when}:  f = {f},  L = {format_small(trace.loss)}"
        return words(text, self.theme, BODY, color=self.theme.accent if when == "before" else self.theme.highlight)

    def update(self, trace, after, layer: int, lr: float) -> VGroup:
        """W^T ← W^T − η ∂L/∂W^T and b ← b − η ∂L/∂b with the numbers (the new values from ``train``)."""
        theme, names = self.theme, layer_names(layer, len(trace.layers))
        old, new = trace.layers[layer], after.layers[layer]
        g = layer_gradients(trace, layer)
        size = SMALL
        matrix = lambda texts: TextMatrix(texts, theme, font_size=size, max_rows=5, max_cols=4)
        fmt = lambda M: [[format_number(v) for v in row] for row in np.atleast_2d(M)]
        eta = words(f"{format_small(lr)}·", theme, size)
        column = old.W.shape[1] == 1  # one neuron: write u as the slides do, as a column
        W_name = names.W if column else names.WT
        shown = (lambda M: M) if column else (lambda M: M.T)
        grad = [[format_small(v) for v in row] for row in shown(trace.layers[layer].grad_W)]
        weights = VGroup(
            side_by_side(matrix(fmt(shown(old.W))), words("−", theme, BODY), eta, matrix(grad), buff=0.18),
            side_by_side(words("=", theme, BODY), matrix(fmt(shown(new.W))), buff=0.18))
        weights[-1][-1].cells.set_color(theme.highlight)
        if column:
            weights.arrange(RIGHT, buff=0.18)
        else:
            weights.arrange(DOWN, buff=0.2)
        column = lambda texts, color=None: VectorColumn(None, theme, texts=texts, font_size=size,
                                                         colors=None if color is None else [color] * len(texts))
        bias = side_by_side(column(fmt(old.b)[0]), words("−", theme, BODY), eta.copy(), column(g.grad_b),
                            words("=", theme, BODY), column(fmt(new.b)[0], theme.highlight), buff=0.18)
        return (VGroup(math(rf"{W_name} \leftarrow {W_name} - \eta\, {partial(W_name)}", theme, FORMULA),
                       weights).arrange(DOWN, buff=0.3),
                VGroup(math(rf"{names.b} \leftarrow {names.b} - \eta\, {partial(names.b)}", theme, FORMULA),
                       bias).arrange(DOWN, buff=0.3))

    show_right = Backprop.show_right


def fit_right(group: VGroup, top: float, left: float, right: float = 6.9, height: float = 5.9) -> VGroup:
    """Place a group between ``left`` and the frame's right edge, under ``top``, shrunk if it does not fit."""
    width = right - left
    if group.width > width or group.height > height:
        group.scale(min(width / group.width, height / group.height))
    return group.move_to([(left + right) / 2, min(top - group.height / 2, -0.3), 0])


class GradientDescentSurface(LectureScene):
    name = "gradient-descent-surface"
    section = "Implementing learning: gradient descent"
    summary = "Gradient descent on the loss surface of a two-parameter neuron: η too small, right, too large."
    caption = "Goal: θ_opt = argmin over θ in Θ of the differentiable risk R(θ)."
    order = 80

    def construct(self):
        theme = self.theme
        net, X, y, loss = self.problem()
        rates = learning_rates(net, X, y, loss, self.options.lr)
        runs = descent_runs(net, X, y, loss, rates, steps=int(self.options.extra.get("steps", 20)))
        bounded = [run.parameters[run.loss <= 3 * run.loss[0]] for run in runs]
        surface = loss_surface(net, X, y, loss, around=bounded, resolution=61)

        title = words(self.section, theme, TITLE).to_edge(UP, buff=0.3)
        rule = math(UPDATE, theme, BODY + 4).next_to(title, DOWN, buff=0.25)
        self.play(FadeIn(title), Write(rule))
        self.pause()

        verdicts = ("too small", "right", "too large")
        columns = Group()
        for run, lr, verdict in zip(runs, rates, verdicts):
            panel = SurfacePanel(surface, run, theme, title=f"η = {format_small(lr)}: {verdict}", width=4.0,
                                 height=3.15)
            curve = TrainingCurve(run, theme, width=3.4, height=1.2, label="R")
            columns.add(Group(panel, curve).arrange(DOWN, buff=0.45))
        columns.arrange(RIGHT, buff=0.7).next_to(rule, DOWN, buff=0.3)
        if columns.width > 13.4:
            columns.scale_to_fit_width(13.4).next_to(rule, DOWN, buff=0.3)
        self.play(fade_in(columns))
        self.add(columns)
        self.pause()

        self.play(*[anim for panel, curve in columns for anim in (panel.descend(9), curve.grow(9))])
        outcomes = VGroup()
        for (panel, curve), run in zip(columns, runs):
            text = f"R: {format_small(run.loss[0])} → {format_small(run.loss[-1])}"
            if panel.left_surface:
                text += " (leaves)"
            outcomes.add(words(text, theme, SMALL, color=theme.highlight).next_to(curve, DOWN, buff=0.2))
        self.play(FadeIn(outcomes))
        self.pause(2)

    def problem(self):
        """A linear neuron on a small regression set (L2), or a sigmoid neuron on a classification set."""
        loss = get_loss(self.options.loss or "l2").name
        if loss == "l2":
            return single_neuron(-1.5, 2.0, "identity"), *toy_regression(), loss
        if loss == "binary-cross-entropy":
            return single_neuron(-1.5, 2.0, "sigmoid"), *toy_classification(), loss
        raise NnvizError(f"gradient-descent-surface: --loss l2 or bce, not {loss}")


class LossSurface3D(LectureScene, ThreeDScene):
    name = "loss-surface-3d"
    section = "Implementing learning: gradient descent"
    summary = "The loss surface of a two-parameter neuron in 3-D, the camera turning while gradient descent walks down."
    caption = "Goal: θ_opt = argmin over θ in Θ of the differentiable risk R(θ)."
    order = 81

    def construct(self):
        theme = self.theme
        net, X, y, loss = GradientDescentSurface.problem(self)
        lr = learning_rates(net, X, y, loss, self.options.lr)[1]
        run = descent_runs(net, X, y, loss, [lr], steps=int(self.options.extra.get("steps", 20)))[0]
        surface = loss_surface(net, X, y, loss, around=[run.parameters], resolution=41)
        plot = Surface3D(surface, run, theme)
        VGroup(plot, plot.path, plot.dots).shift(IN * 1.6)  # the bowl's rim stays under the title

        title = words(f"The risk R(w, b) and gradient descent, η = {format_small(lr)}", theme, TITLE)
        title.to_edge(UP, buff=0.3)
        names = words("axes: w, b, and the risk R upwards", theme, SMALL, color=theme.muted).to_corner(DOWN + LEFT)
        self.add_fixed_in_frame_mobjects(title, names)
        self.set_camera_orientation(phi=60 * DEGREES, theta=-60 * DEGREES, zoom=0.8)
        self.play(FadeIn(title), FadeIn(names), Create(plot.axes), FadeIn(plot.mesh))
        self.pause()

        self.begin_ambient_camera_rotation(rate=0.12)
        start = plot.dots[0]
        self.play(FadeIn(start, scale=2))
        self.play(Create(plot.path), LaggedStart(*[FadeIn(d) for d in plot.dots[1:]], lag_ratio=0.4),
                  run_time=8, rate_func=linear)
        outcome = words(f"R: {format_small(run.loss[0])} → {format_small(run.loss[-1])}", theme, BODY,
                        color=theme.highlight).to_corner(DOWN + RIGHT)
        self.add_fixed_in_frame_mobjects(outcome)
        self.play(FadeIn(outcome))
        self.wait(3)
        self.stop_ambient_camera_rotation()
        self.pause()


class TrainingBoundary(LectureScene):
    name = "training-boundary"
    section = "Implementing learning: gradient descent"
    summary = "Training a small network on XOR: the decision boundary moves while the risk falls."
    caption = "Backprop: gradient descent."
    order = 85

    def construct(self):
        theme = self.theme
        dataset = self.options.extra.get("dataset", "xor")
        X, y = load_dataset(dataset, 120, seed=0)
        net = random_network([2, 6, 1], "tanh", "sigmoid", seed=0, name="2-6-1")
        loss = get_loss(self.options.loss or "bce").name
        if loss not in ("binary-cross-entropy", "l2", "l1"):
            raise NnvizError(f"training-boundary trains one sigmoid output: --loss bce, l2 or l1, not {loss}")
        history = train(net, X, y, loss, "sgd", lr=self.options.lr or 1.0,
                        steps=int(self.options.extra.get("steps", 300)))
        movie = boundary_movie(history, X, frames=40)

        title = words(f"Training {'-'.join(map(str, net.shape))} on {dataset}: gradient descent",
                      theme, TITLE).to_edge(UP, buff=0.3)
        board = BoundaryPanel(movie, X, y, theme, size=5.2).to_edge(LEFT, buff=0.9).shift(DOWN * 0.4)
        curve = TrainingCurve(history, theme, width=5.0, height=3.6).to_edge(RIGHT, buff=0.9)
        curve.match_y(board)
        self.play(FadeIn(title), fade_in(board), FadeIn(curve))
        self.add(board)  # as one group, so that its updater runs
        self.pause()

        frame = ValueTracker(0)

        def row() -> int:
            return int(movie.rows[int(round(frame.get_value()))])

        board.add_updater(lambda m: m.show_frame(int(round(frame.get_value()))))
        drawn = always_redraw(lambda: curve.partial_curve(row(), theme))
        dot = always_redraw(lambda: Dot(curve.anchors[row()], radius=0.07, color=theme.accent))
        readouts = {}  # one text per shown step, not one per video frame

        def readout_at(t: int):
            if t not in readouts:
                readouts[t] = words(f"step {int(history.steps[t])}    R_emp = {format_small(history.loss[t])}",
                                    theme, BODY, color=theme.accent).next_to(curve, UP, buff=0.3)
            return readouts[t].copy()

        readout = always_redraw(lambda: readout_at(row()))
        self.add(drawn, dot, readout)
        self.play(frame.animate.set_value(len(movie.rows) - 1), run_time=15, rate_func=linear)
        board.clear_updaters()
        self.pause(2)

