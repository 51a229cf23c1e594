"""Multi-class classification: g output neurons, the softmax, and the forward pass in matrix form."""

from __future__ import annotations

from manim import DOWN, UP, FadeIn, FadeOut, GrowFromCenter, VGroup
from nnviz.scenes.deep import DeepForward

from nnviz.animate import ForwardNumbers, LectureScene, SoftmaxTable, edge_legend, softmax_numbers, title
from nnviz.animate.layout import SlideLayout
from nnviz.animate.lines import note

# The lecture's example of softmax as a smooth argmax: τ((1, 1000, 2)) ≈ (0, 1, 0).
SMOOTH_ARGMAX_INPUT = (1.0, 1000.0, 2.0)
ARGMAX_NOTE = "A smooth argmax: τ((1, 1000, 2)) picks the 2nd entry. τ(f − max f) = τ(f): e¹⁰⁰⁰ never overflows."


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
        numbers, last = ForwardNumbers(trace), len(trace.layers)
        head = title("Multi-class classification", theme)
        slide = SlideLayout(head, split=0.55)
        legend = edge_legend(theme)
        diagram = slide.diagram(trace, theme, legend=legend, numbers=numbers)
        extra = [diagram.neuron_group(last, j) for j in list(diagram.nodes[last])[1:]]
        self.step(FadeIn(head), FadeIn(diagram.without(*extra)), FadeIn(legend),
                  say="How can we get a neural network to perform multi-class classification?")
        self.step(*map(GrowFromCenter, extra), say="The first step is to add neurons to the output layer: "
                                                   "one neuron per class.")
        self.step(*[a for c in range(last) for a in diagram.show_values(c, texts=numbers.values(c))],
                  reads=sum(len(numbers.values(c)) for c in range(last)), say="The hidden layer computes as before.")
        self.step(*diagram.show_values(last, texts=numbers.values(last, "z_in")), reads=len(numbers.values(last)),
                  say="Each output neuron k computes its own weighted sum f_in,k of the hidden values.")
        if trace.layers[-1].activation.name != "softmax":
            return
        table = slide.right.place(SoftmaxTable(numbers, last - 1, theme, stacked=True), UP)
        self.step(table.write_formula(), say="The second step is to apply a softmax activation to the output layer.")
        self.smooth_argmax(slide.body.below(table.formula), keep=[head, table.formula])
        self.step(table.write_exponentials(), reads=table.exponentials, say="For our network: e to each f_in,k.")
        self.step(table.write_total(), reads=table.total, say="Their sum.")
        self.step(table.write_probabilities(), *diagram.show_values(last, texts=numbers.values(last)),
                  reads=2 * len(numbers.values(last)),
                  say="Each divided by the sum: a probability distribution over the classes.")

    def smooth_argmax(self, region, keep: list) -> None:
        """τ((1, 1000, 2)) = (0.000, 1.000, 0.000), computed as the engine does: shifted by the largest entry.

        An aside: the network steps back for it, and comes back after.
        """
        aside = SoftmaxTable(softmax_numbers(SMOOTH_ARGMAX_INPUT), 0, self.theme)
        block = region.place(VGroup(note(ARGMAX_NOTE, self.theme), aside.submobjects[1]).arrange(DOWN, buff=0.4))
        away = [m for m in self.mobjects if all(m is not k for k in keep)]
        self.play(*map(FadeOut, away))
        self.step(FadeIn(block), reads=7, say="Softmax is a smooth approximation of the argmax: "
                                              "τ((1, 1000, 2)) is (0, 1, 0) to three decimals.")
        self.play(FadeOut(block), *map(FadeIn, away))


class MulticlassMatrixForward(DeepForward):
    name = "multiclass-forward"
    section = "Multi-class classification"
    summary = "The multi-class forward pass in matrix form: W^T x + b, σ, U^T z + c, softmax."
    caption = "Forward pass (Hidden: Sigmoid, Output: Softmax)."
    order = 41
    default_network = "multiclass"
    heading_text = "Multi-class classification: forward pass"
