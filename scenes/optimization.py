"""A single neuron: optimization — the empirical risk, the L2 loss and the cross-entropy loss."""

from __future__ import annotations

from manim import DOWN, LEFT, UP, Create, FadeIn, VGroup, Write

from nnviz.animate import LectureScene, heading, math, words
from nnviz.animate.curves import LossPanel
from nnviz.animate.stage import content_area, reading
from nnviz.animate.tables import LOSS_FORMULAS, LOSS_NAMES, RISK_FORMULA, RiskTable, risk_problem, risk_texts
from nnviz.animate.text import BODY
from nnviz.engine import get_loss
from nnviz.errors import NnvizError

SECTION = "A single neuron: optimization"


class EmpiricalRisk(LectureScene):
    name = "empirical-risk"
    takes = frozenset({"loss"})
    section = SECTION
    summary = "The empirical risk: the mean of the per-example losses of a neuron on a small data set."
    caption = "To optimize this model, we minimize the empirical risk."
    order = 20

    def construct(self):
        theme = self.theme
        loss = get_loss(self.options.loss or "bce").name
        if loss not in LOSS_FORMULAS:
            raise NnvizError(f"empirical-risk shows one output: loss l2, l1 or bce, not {loss}")
        texts = risk_texts(*risk_problem(loss), loss)
        title = heading(SECTION, theme)
        left, right = content_area(title).columns(0.43, 0.57)
        table = left.place(RiskTable(texts, theme), UP)
        worst = max(range(texts.n), key=lambda i: float(texts.written.shown("L")[i]))
        side = VGroup(math(RISK_FORMULA, theme), words(texts.model, theme, BODY), math(LOSS_FORMULAS[loss], theme, 32),
                      words(f"i = {worst + 1}:  L = {texts.equations('L')[worst]}", theme, BODY,
                            color=theme.highlight)).arrange(DOWN, buff=0.45, aligned_edge=LEFT)
        right.place(side, UP)
        self.step(FadeIn(title), Write(side[0]), reads=reading(side[0]),
                  say="To optimize this model, we minimize the empirical risk: the mean loss over the n examples.")
        self.step(FadeIn(side[1]), Write(side[2]), reads=[reading(side[1], side[2]), 1],
                  say=f"The model is the neuron {texts.model}; {LOSS_NAMES[loss]} compares its prediction "
                      f"f(x) to the ground truth y.")
        self.step(FadeIn(table.head), table.show_rows(), reads=reading(table.rows) - texts.n,
                  say=f"The neuron's prediction f(x) for each of the {texts.n} examples.")
        self.step(table.show_losses(), FadeIn(side[3]), Create(table.mark(worst)),
                  reads=texts.n + reading(side[3]),
                  say="Each example's loss compares its prediction with its label: a confident mistake costs most.")
        self.step(*table.show_mean(), reads=reading(table.total, table.mean),
                  say=f"The empirical risk is their mean: {texts.total} / {texts.n} = {texts.risk}.")


class LossFunctions(LectureScene):
    name = "loss-functions"
    takes = frozenset({"target"})
    section = SECTION
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
        title = heading(SECTION, theme)
        panels = []
        for loss, region in zip(("l2", "binary-cross-entropy"), content_area(title).columns(1, 1, gap=0.7)):
            backward = net.backward(trace, target, loss)  # the engine's loss and ∂L/∂f at this prediction
            panels.append(LossPanel(loss, backward.target[0, 0], trace.output[0, 0], backward.loss,
                                    backward.layers[-1].grad_z_out[0, 0], theme, region))
        l2, bce = panels
        self.step(FadeIn(title), *l2.show_curve(), reads=l2.curve_items,
                  say="For regression, we typically use the L2 loss: half the squared difference of y and f(x).")
        self.step(*l2.show_point(), reads=reading(l2.curve.point),
                  say=f"For the network's prediction f = {l2.curve.written.f} and y = {l2.curve.written.y}: "
                      f"{l2.curve.written.loss_line}.")
        self.step(*bce.show_curve(), reads=bce.curve_items,
                  say="For binary classification, we typically apply the cross entropy loss "
                      "(also known as Bernoulli loss).")
        self.step(*bce.show_point(), reads=reading(bce.curve.point),
                  say=f"The same prediction costs {bce.curve.written.loss_line}: cross entropy punishes "
                      f"a confident mistake hard.")
        self.step(*l2.show_slope(), *bce.show_slope(), reads=reading(l2.curve.tangent, bce.curve.tangent),
                  say="The slope of the loss at the prediction, ∂L/∂f, is where backpropagation starts.")


__all__ = ["EmpiricalRisk", "LossFunctions"]
