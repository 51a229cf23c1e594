"""Feedforward neural networks: the deep example, layer after layer in matrix–vector form."""

from __future__ import annotations

from manim import FadeIn, FadeOut

from nnviz.animate import (
    ActivationStep,
    AffineStep,
    ColumnStrip,
    ForwardNumbers,
    LectureScene,
    SoftmaxTable,
    VectorColumn,
    operators,
    title,
)
from nnviz.animate.layout import SlideLayout


class DeepForward(LectureScene):
    name = "deep-forward"
    section = "Feedforward neural networks"
    summary = "x = (7, 1, -4) through three ReLU layers to f = (0.867, 0.016, 0.117), column by column."
    caption = ("A multi-layer perceptron is a series of affine transformations of an input vector, "
               "each of which is wrapped in a non-linear activation function.")
    order = 50
    default_network = "deep"
    heading_text = "Feedforward neural network: forward pass"

    def construct(self):
        trace, theme = self.trace(), self.theme
        self.numbers = numbers = ForwardNumbers(trace)
        head = title(self.heading_text, theme)
        self.strip = strip = ColumnStrip(theme, rows=trace.network.shape)  # x, z_in, z, …, f, left to right
        x = strip.place_below(VectorColumn(None, theme, texts=numbers.values(0), label=r"\mathbf{x}"))
        self.step(FadeIn(head), x.reveal(), reads=len(x.texts),
                  say=f"The input x = ({', '.join(numbers.values(0))}) is fed to the network.")
        self.play(FadeOut(head), strip.take(x))
        for layer, lt in enumerate(trace.layers):
            self.affine(layer)
            if lt.activation.elementwise:
                self.activation(layer)
            else:
                self.softmax(layer)
        head = title(self.heading_text, theme)
        finale = strip.finale(operators(trace), SlideLayout(head).area.top, result_color=theme.highlight)
        self.step(FadeIn(head), *finale, reads=sum(len(numbers.values(c)) for c in range(len(trace.layers) + 1)),
                  say="A series of affine transformations, each wrapped in a non-linear activation.")

    def affine(self, layer: int) -> None:
        """``z_in = Wᵀ z + b`` with the numbers, each neuron's worked sum, then ``z_in`` into the strip."""
        affine = self.strip.place_below(AffineStep(self.numbers, layer, self.theme))
        self.step(affine.write_equation(), reads=affine.matrix,
                  say="The affine transformation of the layer: its weight matrix times the vector, plus the bias.")
        self.step(affine.write_sums(), reads=affine.sums,
                  say="Row by row: the inputs times one neuron's weights, plus its bias.")
        self.step(affine.show_result(), reads=affine.result, say="The weighted sums of the layer.")
        self.play(*affine.clear(), self.strip.take(affine.result))

    def activation(self, layer: int) -> None:
        """``z = σ(z_in)`` row by row, then ``z`` into the strip."""
        step = self.strip.place_below(ActivationStep(self.numbers, layer, self.theme))
        self.step(step.write(), reads=step.applied, say="The non-linear activation, entry by entry.")
        self.step(step.show_result(), reads=step.result, say="The output of the layer.")
        self.play(*step.clear(), self.strip.take(step.result))

    def softmax(self, layer: int) -> None:
        """``f = τ(f_in)``: the exponentials, their sum, the probabilities; then ``f`` into the strip."""
        numbers = self.numbers
        table = self.strip.place_below(SoftmaxTable(numbers, layer, self.theme))
        self.step(table.write_formula(), say="The output layer applies the softmax.")
        self.step(table.write_exponentials(), reads=table.exponentials, say="e to the power of each f_in.")
        self.step(table.write_total(), reads=table.total, say="Their sum.")
        self.step(table.write_probabilities(), reads=table.probabilities,
                  say="Each divided by the sum: the probabilities f.")
        f = VectorColumn(None, self.theme, texts=numbers.values(layer + 1), label=r"\mathbf{f}")
        f.move_to(table.probabilities)
        self.play(FadeOut(table.formula), FadeOut(table.exponentials), FadeOut(table.total),
                  FadeOut(table.probabilities), FadeIn(f))
        self.play(self.strip.take(f))
