"""Single hidden layer networks: the worked example, neuron by neuron, as on the slides."""

from __future__ import annotations

import math

from manim import LEFT, RIGHT, UP, FadeIn, FadeOut, VGroup

from nnviz.animate import ForwardNumbers, LectureScene, SoftmaxTable, WorkedLine, edge_legend, title
from nnviz.animate.layout import SlideLayout
from nnviz.animate.lines import approximation_note, neuron_formula, note
from nnviz.animate.steps import pass_formulas
from nnviz.animate.text import first_neurons

SLIDE_TYPO = "The slide writes 1/(1 + e^f_in):\nwithout the minus, that is {wrong}, not {right}."


def parts_of(line: WorkedLine) -> list:
    return line.parts


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
        self.numbers = numbers = ForwardNumbers(trace)
        self.head = title("Single hidden layer network: example", theme)
        self.slide = SlideLayout(self.head, footer=2.0, split=0.55)
        self.legend = edge_legend(theme)
        self.diagram = self.slide.diagram(trace, theme, legend=self.legend, numbers=numbers)
        self.step(FadeIn(self.head), FadeIn(self.diagram), FadeIn(self.legend),
                  *self.diagram.show_values(0, texts=numbers.values(0)),
                  reads=len(numbers.values(0)) + len(self.diagram.braces),
                  say="The input x is fed to the network: a hidden layer, then the output neuron.")
        self.plot = None
        for layer, lt in enumerate(trace.layers):
            self.affine(layer)
            if lt.activation.elementwise:
                self.activation(layer)
            else:
                self.softmax(layer)
        formulas = self.slide.full(self.slide.right).place(pass_formulas(numbers, theme))
        network = VGroup(self.diagram, *self.diagram.all_values())
        self.step(*[FadeOut(m) for m in self.mobjects if all(m is not k for k in [self.head, self.legend, *network])],
                  FadeIn(formulas), *self.slide.grow(network, self.slide.full(self.slide.left), self.legend),
                  reads=sum(len(numbers.values(c)) for c in range(1, numbers.n_layers + 1)) * 2,
                  say="The forward pass: every value of the network, from x to f.")

    def affine(self, layer: int) -> None:
        """Each neuron's weighted sum, written out for the first few; then the others' values."""
        numbers, column, lt = self.numbers, layer + 1, self.trace().layers[layer]
        n_in, n_out = lt.W.shape
        for j in first_neurons(n_out, 4 if numbers.n_layers <= 2 else 2):
            line = WorkedLine(neuron_formula(numbers.n_layers, layer, j, n_in, n_out),
                              *numbers.worked_sum(layer, j), self.theme, sign=numbers.sign(layer))
            self.slide.footer.place(line, UP + LEFT)
            self.step(*self.diagram.highlight_neuron(column, j), line.write_formula(), line.write_numbers(),
                      reads=line.numbers.reading_items + 1,
                      say="The neuron's affine transformation: its weighted inputs plus bias.")
            self.step(line.show_value(), *self.diagram.show_values(column, texts=numbers.values(column, "z_in"),
                                                                    only=[j]),
                      reads=2, say=f"Its weighted sum is {line.value_text}.")
            self.play(*[FadeOut(m) for m in parts_of(line)], *self.diagram.unhighlight())
        if n_out > 4:
            self.step(*self.diagram.show_values(column, texts=numbers.values(column, "z_in")), reads=n_out,
                      say="The other neurons compute their sums the same way.")

    def activation(self, layer: int) -> None:
        """σ of each value: a point on the curve, the slides' formula with the numbers, the node's new value."""
        numbers, column, lt = self.numbers, layer + 1, self.trace().layers[layer]
        if self.plot is None or self.plot.activation is not lt.activation:
            if self.plot is not None:
                self.play(FadeOut(self.plot))
            self.plot = self.slide.plot(lt.activation, self.theme, z_values=lt.z_in[0])
            self.step(FadeIn(self.plot), say="Each neuron applies a non-linear activation to its weighted sum.")
        last = layer == numbers.n_layers - 1
        for j in first_neurons(lt.W.shape[1], 4):
            said = numbers.said(layer, j)
            point, draw = self.plot.show_point(lt.z_in[0, j], lt.z_out[0, j], label=said)
            parts = [draw, *self.diagram.show_values(column, texts=numbers.values(column), only=[j])]
            shown = [point]
            if lt.activation.name == "sigmoid":
                line, remarks = self.sigmoid_line(layer, j)
                parts += [line.write_formula(), line.write_numbers(), line.show_value(), *map(FadeIn, remarks)]
                shown += [*parts_of(line), *remarks]
            elif numbers.sign(layer, "z") == "≈":  # why the point's value is ≈
                reason = self.slide.footer.place(approximation_note(self.theme), UP + LEFT)
                parts.append(FadeIn(reason))
                shown.append(reason)
            self.step(*parts, reads=3, say=f"{said}." + (" The output of the network." if last else ""))
            if not last:
                self.play(*map(FadeOut, shown))

    def sigmoid_line(self, layer: int, neuron: int) -> tuple[WorkedLine, list]:
        """``z_out^(j) = σ(z_in^(j))`` over ``= σ(-3) = 1/(1 + e^3) = 0.047``; for the slides' output, a remark
        on the slide's typo."""
        numbers = self.numbers
        argument, fraction, value = numbers.sigmoid_fraction(layer, neuron)
        last, g = layer == numbers.n_layers - 1, len(numbers.values(layer + 1))
        lhs = ((f"f_{neuron + 1}" if g > 1 else "f") if last else rf"z_{{out}}^{{({neuron + 1})}}"
               if numbers.n_layers == 2 else rf"z_{{{neuron + 1}}}^{{({layer + 1})}}")
        inner = neuron_formula(numbers.n_layers, layer, neuron, 1, g)[0]
        line = WorkedLine((lhs, rf"\sigma({inner}) = \frac{{1}}{{1 + \exp(-{inner})}}"),
                          f"{argument} = {fraction}", value, self.theme, tex=True, sign=numbers.sign(layer, "z"))
        remarks = []
        if last and numbers.n_layers == 2 and g == 1:  # the slide's typo, said once, where it happens
            f_in = float(numbers.values(layer + 1, "z_in")[neuron])
            remarks.append(note(SLIDE_TYPO.format(wrong=f"{1 / (1 + math.exp(f_in)):.2f}", right=value), self.theme))
            line.add(remarks[0].next_to(line, RIGHT, buff=0.6))
        self.slide.footer.place(line, UP + LEFT)
        return line, remarks

    def softmax(self, layer: int) -> None:
        """f = τ(f_in): the exponentials, their sum, the probabilities beside the diagram."""
        table = self.slide.right.place(SoftmaxTable(self.numbers, layer, self.theme, stacked=True))
        if self.plot is not None:  # the table takes the plot's place
            self.play(FadeOut(self.plot))
        self.step(table.write_formula(), say="The softmax turns the output values into probabilities.")
        self.step(table.write_exponentials(), reads=table.exponentials, say="First, e to the power of each f_in.")
        self.step(table.write_total(), reads=table.total, say="Then their sum.")
        self.step(table.write_probabilities(),
                  *self.diagram.show_values(layer + 1, texts=self.numbers.values(layer + 1)),
                  reads=2 * len(self.numbers.values(layer + 1)),
                  say="Each exponential divided by the sum: probabilities that add up to 1.")
