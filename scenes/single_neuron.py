"""A single neuron: the perceptron's two-step computation, and the activation functions."""

from __future__ import annotations

from manim import DOWN, LEFT, RIGHT, UP, FadeIn, FadeOut, ValueTracker, VGroup, Write, always_redraw, linear

from nnviz.animate import ActivationPlot, LectureScene, NetworkDiagram, WorkedSum, heading, math, words
from nnviz.animate.text import BODY, activation_symbol
from nnviz.engine import get_activation
from nnviz.engine.notation import format_number


def perceptron_formula(n_inputs: int, activation_latex: str) -> str:
    """``f(x) = σ(w_1x_1 + w_2x_2 + w_3x_3 + b)``, shortened with ``\\dots`` for many inputs."""
    terms = [f"w_{i}x_{i}" for i in range(1, n_inputs + 1)]
    if n_inputs > 4:
        terms = [terms[0], r"\dots", f"w_{{{n_inputs}}}x_{{{n_inputs}}}"]
    return rf"f(\mathbf{{x}}) = {activation_latex}({' + '.join(terms)} + b)"


class SingleNeuron(LectureScene):
    name = "single-neuron"
    section = "A single neuron"
    summary = "The perceptron: inputs, weights and bias, then the affine step and the activation, with numbers."
    caption = ("A neuron performs a 2-step computation: an affine transformation (weighted sum of inputs "
               "plus bias), then a non-linear activation.")
    order = 10
    default_network = "perceptron"

    def construct(self):
        trace, theme = self.trace(), self.theme
        lt = trace.layers[0]
        self.add(heading("A single neuron", theme))
        formula = math(perceptron_formula(lt.W.shape[0], lt.activation.latex), theme).to_edge(UP, buff=1.0)
        diagram = NetworkDiagram(trace, theme, width=5.0, height=3.6)
        diagram.next_to(formula, DOWN, buff=0.5).to_edge(LEFT, buff=1.3)
        self.play(Write(formula), FadeIn(diagram))
        self.play(*diagram.show_values(0))  # the input x, fed to the input layer
        self.pause()
        extras = VGroup()
        if len(diagram.edges[0]) <= 8:  # the weights on the edges, the bias under the neuron
            extras.add(diagram.weight_labels(0), diagram.bias_labels(0))
        self.play(FadeIn(extras), *diagram.highlight_neuron(1, 0))
        self.pause()
        step1 = words("① Affine transformation: weighted sum of inputs plus bias", theme, BODY)
        worked = WorkedSum(trace, 0, 0, theme).to_edge(DOWN, buff=0.5)
        step1.next_to(worked, UP, buff=0.35)
        self.play(FadeIn(step1), worked.write())
        self.play(worked.show_value(), *diagram.show_values(1, which="z_in", only=[0]))
        self.pause()
        step2 = words("② Non-linear activation", theme, BODY).move_to(step1, aligned_edge=LEFT)
        plot = ActivationPlot(lt.activation, theme, z_values=lt.z_in[0, :1], width=4.6, height=2.4)
        plot.next_to(diagram, RIGHT, buff=1.2).align_to(diagram, DOWN)
        point, draw = plot.show_point(lt.z_in[0, 0], lt.z_out[0, 0],
                                      probability=diagram.is_probability(1, "z_out"))
        self.play(FadeOut(step1), FadeIn(step2), FadeIn(plot))
        self.play(draw, *diagram.show_values(1, only=[0]))
        self.pause(1.5)


class ActivationFunctions(LectureScene):
    name = "activation-functions"
    section = "A single neuron"
    summary = "Sigmoid, tanh and ReLU drawn side by side, a point moving along each curve."
    caption = "Activation functions: sigmoid σ(x) = 1/(1+e^(−x)), tanh, and the rectified linear unit max(0, x)."
    order = 11
    default_network = None

    formulas = {"sigmoid": r"\sigma(z) = \frac{1}{1 + e^{-z}}",
                "tanh": r"\tanh(z) = \frac{e^z - e^{-z}}{e^z + e^{-z}}",
                "relu": r"\mathrm{ReLU}(z) = \max(0, z)"}

    def construct(self):
        theme = self.theme
        self.add(heading("Activation functions", theme))
        plots = VGroup(*[ActivationPlot(get_activation(name), theme, width=3.7, height=3.0, title=False)
                         for name in self.formulas]).arrange(RIGHT, buff=0.7).shift(0.3 * DOWN)
        titles = VGroup(*[math(tex, theme, BODY + 6).next_to(plot, UP, buff=0.35)
                          for tex, plot in zip(self.formulas.values(), plots)])
        for plot, title in zip(plots, titles):
            self.play(FadeIn(plot.axes), Write(title), run_time=0.6)
            self.play(plot.create_curve(), run_time=1.0)
        self.pause()
        lo, hi = plots[0].x_range[:2]
        z = ValueTracker(0.7 * lo)
        points = VGroup(*[always_redraw(lambda p=plot: self.moving_point(p, z.get_value())) for plot in plots])
        readouts = VGroup(*[self.readout(plot, z) for plot in plots])
        self.play(FadeIn(points), FadeIn(readouts))
        self.play(z.animate.set_value(0.7 * hi), run_time=5, rate_func=linear)
        self.play(z.animate.set_value(0), run_time=2)
        readouts.update()  # z is at rest: the readouts show its exact value
        self.pause()

    def moving_point(self, plot: ActivationPlot, z: float) -> VGroup:
        """The dot at (z, value) on the curve, with dashed lines to the axes (the engine's value)."""
        return plot.point(z, float(plot.activation.value([z])[0]), label=False)

    def readout_text(self, plot: ActivationPlot, z: float):
        value = float(plot.activation.value([z])[0])
        symbol = activation_symbol(plot.activation.name)
        return words(f"{symbol}({format_number(z)}) = {format_number(value)}", self.theme, BODY,
                     color=self.theme.accent).next_to(plot.axes, DOWN, buff=0.3)

    def readout(self, plot: ActivationPlot, z: ValueTracker, step: float = 0.15):
        """``σ(z) = value`` under the axes, rewritten every ``step`` of z and when z comes to rest.

        Drawing text is the slow part of a frame; the dot moves every frame.
        """
        label = self.readout_text(plot, z.get_value())
        state = {"shown": z.get_value(), "last": z.get_value()}

        def follow(mobject):
            now = z.get_value()
            at_rest = now == state["last"] and now != state["shown"]
            if abs(now - state["shown"]) >= step or at_rest:
                mobject.become(self.readout_text(plot, now))
                state["shown"] = now
            state["last"] = now

        return label.add_updater(follow)
