"""The deep ReLU network of the slides, layer by layer in matrix form, editable."""

SECTION = "Feedforward neural networks"
ORDER = 51
CAPTION = "A multi-layer perceptron is a series of affine transformations, each wrapped in a non-linear activation."

from nnviz import load_network  # noqa: E402
from nnviz.explorer import Explorer  # noqa: E402


def make(theme: str = "light"):  # the gallery passes its theme
    # x = (7, 1, -4) through three ReLU layers and a softmax: the slides' 79, -70, 9, -26 … 0.867.
    network = load_network("deep")
    return Explorer(network, target=network.default_target, theme=theme)


if __name__ == "__main__":
    print(make().write("explore_deep.html"))
