"""A single neuron: the perceptron's two-step computation, and the activation functions."""

from __future__ import annotations

from manim import UP, FadeIn, UpdateFromFunc, ValueTracker, VGroup, Write, linear

from nnviz.animate import (
    ForwardNumbers,
    LectureScene,
    WorkedLine,
    edge_legend,
    formula,
    title,
    words,
)
from nnviz.animate.layout import SlideLayout
from nnviz.animate.text import BODY
from nnviz.engine import get_activation
from nnviz.engine.notation import format_number

SYMBOLS = {"sigmoid": "σ", "tanh": "tanh", "relu": "ReLU"}


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
        numbers, lt = ForwardNumbers(trace), trace.layers[0]
        head = title("A single neuron", theme)
        slide = SlideLayout(head, footer=1.9, split=0.52)
        rule = slide.beside_title(formula(perceptron_formula(lt.W.shape[0], lt.activation.latex), theme))
        legend = edge_legend(theme)
        diagram = slide.diagram(trace, theme, legend=legend, numbers=numbers)
        self.step(FadeIn(head), Write(rule), FadeIn(diagram), FadeIn(legend),
                  say="A perceptron: a weighted sum of its inputs, transformed by an activation function.")
        self.step(*diagram.show_values(0, texts=numbers.values(0)), reads=lt.W.shape[0],
                  say="The input features x are the nodes of the input layer.")
        self.step(FadeIn(diagram.weight_labels(0)), FadeIn(diagram.bias_labels(0)), reads=lt.W.size + 1,
                  say="The weights w sit on the edges; the bias b is implicit, written under the neuron.")
        affine, act = slide.footer.columns(0.58, 0.42)
        worked = affine.place(WorkedLine(("z_{in}", r"\mathbf{w}^T\mathbf{x} + b"), *numbers.worked_sum(0, 0),
                                         theme, sign=numbers.sign(0)), UP)
        self.step(worked.write_formula(), worked.write_numbers(), *diagram.highlight_neuron(1, 0),
                  reads=worked.numbers, say="Step one, the affine transformation: the weighted sum of the "
                                            "inputs plus the bias.")
        self.step(worked.show_value(), *diagram.show_values(1, texts=numbers.values(1, "z_in")), reads=2,
                  say=f"The weighted sum is {worked.value_text}.")
        argument, fraction, value = numbers.sigmoid_fraction(0, 0)
        squash = act.place(WorkedLine((r"f", rf"{lt.activation.latex}(z_{{in}})"), rf"{argument} = {fraction}",
                                      value, theme, tex=True, sign=numbers.sign(0, "z")), UP)
        plot = slide.plot(lt.activation, theme, z_values=lt.z_in[0])
        self.step(FadeIn(plot), squash.write_formula(),
                  say="Step two, the non-linear activation: here the sigmoid.")
        said = numbers.said(0, 0)
        point, draw = plot.show_point(lt.z_in[0, 0], lt.z_out[0, 0], label=said)
        self.step(draw, squash.write_numbers(), squash.show_value(), *diagram.unhighlight(),
                  *diagram.show_values(1, texts=numbers.values(1)), reads=3,
                  say=f"{said}: the output f of the neuron.")


class ActivationFunctions(LectureScene):
    name = "activation-functions"
    section = "A single neuron"
    summary = "Sigmoid, tanh and ReLU drawn side by side, a point moving along each curve."
    caption = "Activation functions: sigmoid σ(x) = 1/(1+e^(−x)), tanh, and the rectified linear unit max(0, x)."
    order = 11
    default_network = None
    stops = (2.0, -2.0)  # where the moving z comes to rest and the values are read

    def construct(self):
        theme = self.theme
        head = title("Activation functions", theme)
        slide = SlideLayout(head)
        regions = [column.rows(6, 1)[0] for column in slide.body.columns(1, 1, 1, gap=0.6)]
        plots = VGroup(*[slide.plot(get_activation(name), theme, region) for name, region in zip(SYMBOLS, regions)])
        self.add(head)
        for plot, said in zip(plots, ("Sigmoid: it squashes any z into (0, 1).",
                                      "Tanh: it squashes any z into (−1, 1).",
                                      "The rectified linear unit: max(0, z).")):
            self.step(FadeIn(plot.frame), FadeIn(plot.numbers), FadeIn(plot.name), Write(plot.title),
                      plot.create_curve(), say=said)
        marks = VGroup(*[VGroup() for _ in plots])  # per plot: the moving point and its readout
        self.follow(marks, plots, plots[0].x_range[0] * 0.8)
        self.play(FadeIn(marks))
        for stop in self.stops:
            values = ", ".join(f"{SYMBOLS[plot.activation.name]}({format_number(stop)}) = "
                               f"{format_number(float(plot.activation.value([stop])[0]))}" for plot in plots)
            self.step(*self.sweep(marks, plots, stop), say=f"At z = {format_number(stop)}: {values}.",
                      reads=len(plots), run_time=3.0, rate_func=linear)
            self.follow(marks, plots, stop)

    def follow(self, marks: VGroup, plots, z: float) -> None:
        """Each plot's point at z and its readout ``σ(z) = value`` (rebuilt: never a stale text)."""
        for mark, plot in zip(marks, plots):
            value = float(plot.activation.value([z])[0])
            readout = words(f"{SYMBOLS[plot.activation.name]}({format_number(z)}) = {format_number(value)}",
                            self.theme, BODY, color=self.theme.highlight)
            readout.move_to([plot.get_x(), min(p.get_bottom()[1] for p in plots) - 0.45, 0])
            mark.submobjects = [plot.point(z, value), readout]

    def sweep(self, marks: VGroup, plots, stop: float, every: float = 0.15) -> list:
        """The animations that move z to ``stop`` (played as a step, linearly): the points follow every
        frame, the readouts every ``every`` of z (text is the slow part of a frame) and exactly at the
        stop. Nothing updates once z is at rest."""
        z = ValueTracker(float(marks[0][1].original_text.split("(")[1].split(")")[0]))
        shown = {"z": z.get_value()}

        def update(group):
            now = z.get_value()
            if abs(now - shown["z"]) >= every or now == stop:
                self.follow(group, plots, now)
                shown["z"] = now
            else:
                for mark, plot in zip(group, plots):
                    mark.submobjects[0] = plot.point(now, float(plot.activation.value([now])[0]))

        return [z.animate.set_value(stop), UpdateFromFunc(marks, update)]
