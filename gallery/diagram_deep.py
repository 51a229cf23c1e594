"""The deep ReLU network with the slide's numbers: diagram and TikZ picture."""

SECTION = "Feedforward neural networks"
ORDER = 51
CAPTION = ("A multi-layer perceptron is a series of affine transformations of an input vector, each of "
           "which is wrapped in a non-linear activation function.")

from nnviz.analysis.diagram_layout import diagram_layout  # noqa: E402
from nnviz.engine import load_network  # noqa: E402
from nnviz.latex import tikz_document  # noqa: E402
from nnviz.plots.diagram import figure_of  # noqa: E402


def make():
    # The slide's input through three ReLU layers and the softmax.
    trace = load_network("deep").forward([7, 1, -4])
    # One layout drawn twice, as a matplotlib figure and as a TikZ picture: the same numbers.
    layout = diagram_layout(trace, show="values,weights")
    # The gallery writes diagram_deep.svg, .pdf, .png and .tex (gallery_files).
    return figure_of(layout).attach("tex", tikz_document(layout, name="diagram_deep.tex"))


if __name__ == "__main__":
    for path in make().gallery_files(".", "diagram_deep"):
        print(path)
