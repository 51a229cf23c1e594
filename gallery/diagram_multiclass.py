"""Multi-class output with the slide's numbers: diagram and TikZ picture."""

SECTION = "Multi-class classification"
ORDER = 42
CAPTION = ("The first step is to add additional neurons to the output layer; each neuron in the layer will "
           "represent a specific class.")

from nnviz.analysis.diagram_layout import diagram_layout  # noqa: E402
from nnviz.engine import load_network  # noqa: E402
from nnviz.latex import tikz_document  # noqa: E402
from nnviz.plots.diagram import figure_of  # noqa: E402


def make():
    # The same hidden layer, a softmax over g = 3 classes.
    trace = load_network("multiclass").forward([-3, 1, 5])
    # One layout drawn twice, as a matplotlib figure and as a TikZ picture: the same numbers.
    layout = diagram_layout(trace, show="values,weights")
    # The gallery writes diagram_multiclass.svg, .pdf, .png and .tex (gallery_files).
    return figure_of(layout).attach("tex", tikz_document(layout, name="diagram_multiclass.tex"))


if __name__ == "__main__":
    for path in make().gallery_files(".", "diagram_multiclass"):
        print(path)
