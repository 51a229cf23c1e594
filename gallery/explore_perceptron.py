"""A single neuron, worked by hand: edit x, w and b and watch f follow."""

SECTION = "A single neuron"
ORDER = 12
CAPTION = "A neuron performs a 2-step computation: the weighted sum of its inputs plus the bias, then σ."

from nnviz import load_network  # noqa: E402
from nnviz.explorer import Explorer  # noqa: E402


def make(theme: str = "light"):  # the gallery passes its theme
    # The slides' perceptron at the slides' input; a target opens the page with the backward pass.
    network = load_network("perceptron")
    return Explorer(network, target=network.default_target, theme=theme)


if __name__ == "__main__":
    print(make().write("explore_perceptron.html"))
