"""Multi-class classification worked by hand: the hidden layer, then the softmax over g = 3 classes."""

SECTION = "Multi-class classification"
ORDER = 42
CAPTION = "The softmax step: exponentials, their sum, the probabilities — and cross entropy going backward."

from nnviz import load_network  # noqa: E402
from nnviz.explorer import Explorer  # noqa: E402


def make(theme: str = "light"):  # the gallery passes its theme
    # The same hidden layer as single-hidden, then a softmax: click an output for e^f_in, their sum, τ.
    network = load_network("multiclass")
    return Explorer(network, target=network.default_target, theme=theme)


if __name__ == "__main__":
    print(make().write("explore_multiclass.html"))
