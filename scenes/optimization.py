"""A single neuron: optimization — the empirical risk, the L2 loss and the cross-entropy loss."""

from __future__ import annotations

from manim import DOWN, LEFT, RIGHT, UP, Create, FadeIn, Indicate, LaggedStart, SurroundingRectangle, Write

from nnviz.analysis.descent import example_losses, single_neuron, toy_classification, toy_regression
from nnviz.animate.base import LectureScene
from nnviz.animate.learning import LossCurve, RiskTable
from nnviz.animate.text import BODY, SMALL, TITLE, activation_symbol, math, words
from nnviz.engine import get_loss
from nnviz.engine.notation import format_number
from nnviz.errors import NnvizError

RISK = r"\mathcal{R}_{\text{emp}} = \frac{1}{n} \sum_{i=1}^{n} L\left(y^{(i)}, f(\mathbf{x}^{(i)})\right)"
LOSS_NAMES = {"l2": "L2 loss", "binary-cross-entropy": "cross entropy", "l1": "L1 loss",
              "cross-entropy": "cross entropy"}
FORMULAS = {
    "l2": r"L(y, f(\mathbf{x})) = \tfrac{1}{2}\,(y - f(\mathbf{x}))^2",
    "binary-cross-entropy": r"L(y, f(\mathbf{x})) = -\big(y \log f(\mathbf{x}) + (1-y)\log(1 - f(\mathbf{x}))\big)",
}


class EmpiricalRisk(LectureScene):
    name = "empirical-risk"
    section = "A single neuron: optimization"
    summary = "The empirical risk: the mean of the per-example losses of a neuron on a small data set."
    caption = "To optimize this model, we minimize the empirical risk."
    order = 20

    def construct(self):
        theme = self.theme
        loss = get_loss(self.options.loss or "bce").name
        if loss not in ("binary-cross-entropy", "l2", "l1"):
            raise NnvizError(f"empirical-risk shows one output: --loss l2, l1 or bce, not {loss}")
        neuron, X, y = self.neuron_and_data(loss)
        f, losses, risk = example_losses(neuron, X, y, loss)
        w, b = neuron.layers[0].W[0, 0], neuron.layers[0].b[0]

        title = words(self.section, theme, TITLE).to_edge(UP, buff=0.35)
        formula = math(RISK, theme, BODY + 2).next_to(title, DOWN, buff=0.3)
        self.play(FadeIn(title), Write(formula))
        self.pause()

        act = activation_symbol(neuron.layers[0].activation.name)
        sign = "−" if b < 0 else "+"
        model = words(f"f(x) = {act}({format_number(w)}·x {sign} {format_number(abs(b))}),   L: {LOSS_NAMES[loss]}",
                      theme, SMALL, color=theme.muted).next_to(formula, DOWN, buff=0.3)
        table = RiskTable(X, y, f, losses, risk, theme).scale_to_fit_height(4.3)
        table.next_to(model, DOWN, buff=0.3)
        self.play(FadeIn(model), FadeIn(table.head))
        self.play(LaggedStart(*[FadeIn(row[:-1]) for row in table.cells], lag_ratio=0.15))
        self.pause()
        self.play(LaggedStart(*[FadeIn(row[-1], shift=0.2 * LEFT) for row in table.cells], lag_ratio=0.15))
        self.play(Indicate(table.loss_column, color=theme.accent))
        self.pause()
        self.play(FadeIn(table.rule), Write(table.mean))
        self.play(FadeIn(SurroundingRectangle(table.mean, color=theme.highlight, buff=0.1)))
        self.pause(1.5)

    def neuron_and_data(self, loss: str):
        """σ(2x − 1) on a small classification set for cross entropy; 2x − 1 on a regression set for L2."""
        if loss == "binary-cross-entropy":
            return single_neuron(2.0, -1.0, "sigmoid"), *toy_classification()
        return single_neuron(2.0, -1.0, "identity"), *toy_regression(6)


class LossFunctions(LectureScene):
    name = "loss-functions"
    section = "A single neuron: optimization"
    summary = "L2 for regression, cross entropy for classification: each loss over the prediction f = 0.64."
    caption = ("For binary classification, we typically apply the cross entropy loss "
               "(also known as Bernoulli loss).")
    order = 21
    default_network = "single-hidden"

    def construct(self):
        theme, net = self.theme, self.network()
        if net.n_outputs != 1:
            raise NnvizError(f"loss-functions draws a loss over one output; {net.name} has {net.n_outputs}")
        trace = self.trace()
        target = self.options.target if self.options.target is not None else net.default_target
        f = float(trace.output[0, 0])

        title = words(self.section, theme, TITLE).to_edge(UP, buff=0.35)
        heads = {"l2": "Regression: L2 loss", "binary-cross-entropy": "Classification: cross entropy"}
        self.play(FadeIn(title))
        panels = []
        for side, loss in ((LEFT, "l2"), (RIGHT, "binary-cross-entropy")):
            backward = net.backward(trace, target, loss)  # the engine's loss and ∂L/∂f at this prediction
            head = words(heads[loss], theme, BODY, color=theme.text)
            formula = math(FORMULAS[loss], theme, BODY)
            curve = LossCurve(loss, target, f, backward.loss, theme, width=5.2, height=3.3,
                              slope=backward.layers[-1].grad_z_out[0, 0])
            panel = (head, formula, curve)
            head.move_to(side * 3.45 + UP * 2.45)
            formula.next_to(head, DOWN, buff=0.25).scale_to_fit_width(min(formula.width, 6.4))
            curve.next_to(formula, DOWN, buff=0.35).set_x(side[0] * 3.45)
            panels.append(panel)
        for head, formula, curve in panels:
            self.play(FadeIn(head), Write(formula))
            self.play(FadeIn(curve.axes_group), FadeIn(curve.target_label), Write(curve.curve))
            self.pause()
            self.play(FadeIn(curve.guide), FadeIn(curve.dot, scale=2), FadeIn(curve.point_label))
            self.pause()
        # The slope at the prediction is where backpropagation starts.
        self.play(*[Create(curve.tangent[0]) for _, _, curve in panels],
                  *[FadeIn(curve.tangent[1]) for _, _, curve in panels])
        self.pause(2)
