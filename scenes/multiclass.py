"""Multi-class classification: g output neurons, the softmax, and the forward pass in matrix form."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, FadeIn, FadeOut, GrowFromCenter
from nnviz.scenes.deep import DeepForward

from nnviz.animate import LectureScene, NetworkDiagram, SoftmaxStep, heading, words
from nnviz.animate.text import BODY
from nnviz.engine import softmax

# The lecture's example of softmax as a smooth argmax: τ((1, 1000, 2)) ≈ (0, 1, 0).
SMOOTH_ARGMAX_INPUT = (1.0, 1000.0, 2.0)


class MulticlassSoftmax(LectureScene):
    name = "multiclass-softmax"
    section = "Multi-class classification"
    summary = "The output layer grows to g neurons; softmax turns f_in into probabilities; τ((1, 1000, 2)) ≈ (0, 1, 0)."
    caption = ("The second step is to apply a softmax activation function to the output layer. "
               "This gives us a probability distribution over g different possible classes.")
    order = 40
    default_network = "multiclass"

    def construct(self):
        trace, theme = self.trace(), self.theme
        last = len(trace.layers)
        title = heading("Multi-class classification", theme)
        self.add(title)
        diagram = NetworkDiagram(trace, theme, width=4.4, height=4.6).to_edge(LEFT, buff=0.9).shift(0.2 * DOWN)
        extra = [diagram.neuron_group(last, j) for j in list(diagram.nodes[last])[1:]]
        self.play(FadeIn(diagram.without(*extra)))  # the single hidden layer network of before
        note = words("One output neuron per class", theme, BODY).to_edge(DOWN, buff=0.5)
        self.play(FadeIn(note), *[GrowFromCenter(g) for g in extra])  # g neurons
        self.pause()
        self.play(*[a for column in range(last) for a in diagram.show_values(column)])
        self.play(*diagram.show_values(last, which="z_in"))  # f_in
        self.pause()
        lt = trace.layers[-1]
        if lt.activation.name == "softmax":  # τ: exponentials, their sum, the probabilities
            step = SoftmaxStep(lt.z_in[0], lt.z_out[0], theme).scale(0.85).to_edge(RIGHT, buff=0.5)
            self.play(FadeOut(note))
            for animation in step.steps():
                self.play(animation, run_time=0.9)
            self.play(*diagram.show_values(last))
            self.pause()
        self.play(*[FadeOut(m) for m in self.mobjects if m is not title])
        self.smooth_argmax()

    def smooth_argmax(self):
        """τ((1, 1000, 2)) ≈ (0, 1, 0): the softmax picks out the largest entry."""
        theme, f_in = self.theme, np.array(SMOOTH_ARGMAX_INPUT)
        title = words("Softmax is a smooth argmax", theme, BODY + 4).to_edge(UP, buff=1.3)
        step = SoftmaxStep(f_in, softmax(f_in), theme, out_label=r"\tau(\mathbf{f}_{in})")
        step.next_to(title, DOWN, buff=0.6)
        self.play(FadeIn(title))
        for animation in step.steps():
            self.play(animation, run_time=0.9)
        self.pause(1.5)


class MulticlassMatrixForward(DeepForward):
    name = "multiclass-forward"
    section = "Multi-class classification"
    summary = "The multi-class forward pass in matrix form: W^T x + b, σ, U^T z + c, softmax."
    caption = "Forward pass (Hidden: Sigmoid, Output: Softmax)."
    order = 41
    default_network = "multiclass"
    heading_text = "Multi-class: forward pass in matrix form"
