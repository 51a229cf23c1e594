"""Feedforward neural networks: the deep example, layer after layer in matrix–vector form."""

from __future__ import annotations

from manim import DOWN, FadeIn, FadeOut

from nnviz.animate import ActivationStep, AffineStep, ColumnStrip, LectureScene, SoftmaxStep, VectorColumn, heading


class DeepForward(LectureScene):
    name = "deep-forward"
    section = "Feedforward neural networks"
    summary = "x = (7, 1, -4) through three ReLU layers to f = (0.867, 0.016, 0.117), column by column."
    caption = ("A multi-layer perceptron is a series of affine transformations of an input vector, "
               "each of which is wrapped in a non-linear activation function.")
    order = 50
    default_network = "deep"
    heading_text = "Deep network: forward pass"

    def construct(self):
        trace, theme = self.trace(), self.theme
        title = heading(self.heading_text, theme)
        strip = ColumnStrip(theme, rows=trace.network.shape)  # x, z_in, z, …, f fill in left to right
        x = strip.place_below(VectorColumn.from_trace(trace, -1, "x", theme))
        self.play(FadeIn(title), x.reveal())
        self.play(FadeOut(title), strip.take(x))
        for layer, lt in enumerate(trace.layers):
            affine = strip.place_below(AffineStep(trace, layer, theme))  # W^T z + b = the sums
            self.play(affine.write_equation(), run_time=1.2)
            self.play(affine.write_sums())
            self.pause()
            self.play(affine.reduce(), run_time=0.8)  # … = z_in
            self.play(FadeOut(affine.equation()), strip.take(affine.result), run_time=0.8)
            if lt.activation.elementwise:  # z = σ(z_in), row by row
                activation = strip.place_below(ActivationStep(trace, layer, theme))
                self.play(activation.write(), run_time=0.7)
                self.play(activation.reduce(), run_time=0.7)
                self.play(strip.take(activation.result), run_time=0.8)
            else:  # f = τ(f_in): exponentials, their sum, probabilities
                softmax = strip.place_below(SoftmaxStep(lt.z_in[0], lt.z_out[0], theme))
                for step in softmax.steps():
                    self.play(step, run_time=0.9)
                self.pause()
                f = VectorColumn.from_trace(trace, layer, "z_out", theme).move_to(softmax.f, aligned_edge=DOWN)
                self.play(FadeOut(softmax), FadeIn(f), run_time=0.6)
                self.play(strip.take(f), run_time=0.8)
        self.play(strip.settle())
        self.play(strip.columns[-1].highlight(theme.highlight))
        self.pause(1.5)
