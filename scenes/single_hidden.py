"""Single hidden layer networks: the worked example, neuron by neuron, as on the slides."""

from __future__ import annotations

from manim import DOWN, LEFT, RIGHT, UP, FadeIn, FadeOut, VGroup

from nnviz.animate import ActivationPlot, LectureScene, NetworkDiagram, SoftmaxStep, WorkedSum, first_neurons, heading


class SingleHiddenExample(LectureScene):
    name = "single-hidden-example"
    section = "Single hidden layer networks"
    summary = "Each hidden neuron's sum (-3, 2, 0, 7), their sigmoids, then f_in = 0.57 and f = 0.64."
    caption = ("Each neuron in the hidden layer performs an affine transformation on the inputs; "
               "the output neuron performs a non-linear activation transformation on the weighted sum.")
    order = 30
    default_network = "single-hidden"

    def construct(self):
        trace, theme = self.trace(), self.theme
        self.add(heading("Single hidden layer: forward pass", theme))
        diagram = NetworkDiagram(trace, theme, width=5.2, height=4.8).to_edge(LEFT, buff=1.0).shift(0.2 * UP)
        self.play(FadeIn(diagram))
        self.play(*diagram.show_values(0))
        self.pause()
        by_hand = 4 if len(trace.layers) <= 2 else 2  # sums written out per layer; deeper nets: fewer
        for layer, lt in enumerate(trace.layers):
            column = layer + 1
            for neuron in first_neurons(lt.W.shape[1], by_hand):  # ① the affine step, written out
                worked = WorkedSum(trace, layer, neuron, theme).to_edge(DOWN, buff=0.45)
                self.play(*diagram.highlight_neuron(column, neuron), worked.write())
                self.play(worked.show_value(), *diagram.show_values(column, which="z_in", only=[neuron]))
                self.pause(0.5)
                self.play(FadeOut(worked), *diagram.unhighlight(), run_time=0.5)
            self.play(*diagram.show_values(column, which="z_in"))
            if lt.activation.elementwise:  # ② the activation, each value a point on the curve
                plot = ActivationPlot(lt.activation, theme, z_values=lt.z_in[0], width=4.8, height=2.6)
                plot.to_edge(RIGHT, buff=0.5).shift(0.3 * UP)
                self.play(FadeIn(plot))
                for neuron in first_neurons(lt.W.shape[1], by_hand):
                    point, draw = plot.show_point(lt.z_in[0, neuron], lt.z_out[0, neuron],
                                                  probability=diagram.is_probability(column, "z_out"))
                    self.play(draw, *diagram.show_values(column, only=[neuron]), run_time=0.8)
                    self.play(FadeOut(point), run_time=0.3)
                self.play(*diagram.show_values(column), FadeOut(plot))
            else:  # softmax: the exponentials, their sum, the probabilities
                softmax = SoftmaxStep(lt.z_in[0], lt.z_out[0], theme).scale(0.8).to_edge(RIGHT, buff=0.4)
                for step in softmax.steps():
                    self.play(step)
                self.play(*diagram.show_values(column), FadeOut(softmax))
            self.pause()
        # The finished forward pass, centred: the last frame is a slide of its own.
        finished = VGroup(diagram, *(diagram.value_group(c) for c in range(len(trace.layers) + 1)))
        self.play(finished.animate.scale(1.15).move_to(0.3 * DOWN))
        self.pause(1.0)
