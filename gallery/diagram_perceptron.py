"""A single neuron with the slide's numbers: diagram and TikZ picture."""

SECTION = "A single neuron"
ORDER = 12
CAPTION = ("Single neurons perform a 2-step computation: an affine transformation (a weighted sum of inputs"
           " plus bias), then an activation.")

from nnviz.analysis.diagram_layout import diagram_layout  # noqa: E402
from nnviz.engine import load_network  # noqa: E402
from nnviz.latex import tikz_document  # noqa: E402
from nnviz.plots.diagram import figure_of  # noqa: E402


def make():
    # The slide's neuron: σ(3·(-3) - 9·1 + 2·5 + 5).
    trace = load_network("perceptron").forward([-3, 1, 5])
    # One layout drawn twice, as a matplotlib figure and as a TikZ picture: the same numbers.
    layout = diagram_layout(trace, show="values,weights")
    # The gallery writes diagram_perceptron.svg, .pdf, .png and .tex (gallery_files).
    return figure_of(layout).attach("tex", tikz_document(layout, name="diagram_perceptron.tex"))


if __name__ == "__main__":
    for path in make().gallery_files(".", "diagram_perceptron"):
        print(path)
