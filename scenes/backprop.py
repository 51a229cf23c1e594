"""Implementing learning: backpropagation — the chain rule from right to left, with the numbers."""

from __future__ import annotations

from manim import LEFT, FadeIn

from nnviz.animate import LectureScene, heading
from nnviz.animate.backward import (
    chain_rule_panel,
    loss_panel,
    passed_back_panel,
    summary_panel,
    weight_gradient_panel,
)
from nnviz.animate.gradients import BackwardTexts, chosen_target_and_loss
from nnviz.animate.stage import Board, content_area, diagram_in, diagram_legend, reading
from nnviz.engine.notation import format_number


class Backprop(LectureScene):
    name = "backprop"
    takes = frozenset({"loss", "target"})
    section = "Implementing learning: backpropagation"
    summary = "Backpropagation through the network with the numbers: the loss, then each layer's gradients."
    caption = "Backprop: gradient descent."
    order = 70
    default_network = "single-hidden"

    def construct(self):
        theme, net = self.theme, self.network()
        target, loss = chosen_target_and_loss(net, self.options.target, self.options.loss)
        trace = net.backward(self.trace(), target, loss)
        texts, x = BackwardTexts(trace), ", ".join(format_number(v) for v in trace.x[0])
        title = heading("Backpropagation: the chain rule from right to left", theme)
        top, bottom = content_area(title).rows(0.5, 0.5, gap=0.25)  # the network above, its algebra below
        left, right = top.columns(0.74, 0.26)
        diagram, board = diagram_in(left, trace, theme, room_for=texts.hidden_strings()), Board(bottom)
        key = right.place(diagram_legend(theme, [(theme.value, "value"), (theme.gradient, "gradient ∂L/∂·")],
                                         column=True), LEFT)
        values = [a for column in range(diagram.n_columns) for a in diagram.show_values(column)]
        self.step(FadeIn(title), FadeIn(diagram), FadeIn(key), *values, reads=[reading(key), sum(net.shape)],
                  say=f"Backpropagation starts from the forward pass: the network's values for x = ({x}).")
        panel = loss_panel(texts, theme)
        self.step(*board.show(panel), reads=panel,
                  say=f"The loss compares the prediction with the target: L = {texts.scalar('L')}.")
        for layer in range(len(net.layers) - 1, -1, -1):
            panel = chain_rule_panel(texts, layer, theme, board.region.width)
            self.step(*board.show(panel), *diagram.show_values(layer + 1, texts=texts.column("grad_z_in", layer),
                                                               color=theme.gradient),
                      reads=[panel, net.shape[layer + 1]], say=self.chain_rule_words(texts, layer))
            panel = weight_gradient_panel(texts, layer, theme, board.region.width)
            self.step(*board.show(panel), *diagram.color_edges(layer, trace.layers[layer].grad_W, theme.gradient),
                      reads=panel, say=self.weight_words(net.shape[layer + 1]))
            if layer > 0:
                panel = passed_back_panel(texts, layer, theme, board.region.width)
                self.step(*board.show(panel), *diagram.show_values(layer, texts=texts.column("grad_z_out", layer - 1),
                                                                   color=theme.gradient),
                          reads=[panel, net.shape[layer]],
                          say="The gradient passes back to the layer below, along the same weights.")
        self.step(*board.show(summary_panel(texts, theme)), reads=len(net.layers) * 3,
                  say="One backward pass, from right to left, gives the gradient of the loss for every weight.")

    @staticmethod
    def chain_rule_words(texts: BackwardTexts, layer: int) -> str:
        if layer == texts.n_layers - 1 and texts.fused:
            return "Going backwards: with this output and loss, the gradient at f_in is simply f − y."
        return "Through the activation, the chain rule multiplies entry by entry by its derivative."

    @staticmethod
    def weight_words(neurons: int) -> str:
        if neurons == 1:
            return "Each weight's gradient is the gradient at the neuron times the input on its edge."
        return "Each weight's gradient is the gradient at its neuron times the input on its edge: a column times a row."


__all__ = ["Backprop"]
