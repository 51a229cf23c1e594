"""A 2-16-16-1 network: wide layers elided, with a brace giving their size."""

SECTION = "Feedforward neural networks"
ORDER = 52
CAPTION = "We will now extend the model class once again, such that we allow an arbitrary amount l of hidden layers."

from nnviz.analysis.diagram_layout import diagram_layout  # noqa: E402
from nnviz.engine.init import random_network  # noqa: E402
from nnviz.latex import tikz_document  # noqa: E402
from nnviz.plots.diagram import figure_of  # noqa: E402


def make():
    # Two inputs, two tanh layers of 16 and a sigmoid output (seeded, like `nnviz train`'s start).
    net = random_network([2, 16, 16, 1], "tanh", "sigmoid", seed=0, name="2-16-16-1")
    trace = net.forward([0.5, -1.0])
    # 16 neurons do not fit: each layer shows its first six, ⋮, its last, and a brace with 16.
    layout = diagram_layout(trace, show="values,weights", max_neurons=8)
    # The first layer's 14 drawn edges keep their weights; 7 × 7 edges show theirs by colour and width.
    return figure_of(layout).attach("tex", tikz_document(layout, name="diagram_wide.tex"))


if __name__ == "__main__":
    for path in make().gallery_files(".", "diagram_wide"):
        print(path)
