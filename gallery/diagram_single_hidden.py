"""A single hidden layer with the slide's numbers: diagram and TikZ picture."""

SECTION = "Single hidden layer networks"
ORDER = 31
CAPTION = ("Single hidden layer networks consist of two layers (without input layer): a hidden layer having"
           " a set of neurons, and an output layer.")

from nnviz.analysis.diagram_layout import diagram_layout  # noqa: E402
from nnviz.engine import load_network  # noqa: E402
from nnviz.latex import tikz_document  # noqa: E402
from nnviz.plots.diagram import figure_of  # noqa: E402


def make():
    # The slide's example: four sigmoid neurons, one sigmoid output.
    trace = load_network("single-hidden").forward([-3, 1, 5])
    # One layout drawn twice, as a matplotlib figure and as a TikZ picture: the same numbers.
    layout = diagram_layout(trace, show="values,weights")
    # The gallery writes diagram_single_hidden.svg, .pdf, .png and .tex (gallery_files).
    return figure_of(layout).attach("tex", tikz_document(layout, name="diagram_single_hidden.tex"))


if __name__ == "__main__":
    for path in make().gallery_files(".", "diagram_single_hidden"):
        print(path)
