"""The single hidden layer network, every sum written out and editable."""

SECTION = "Single hidden layer networks"
ORDER = 31
CAPTION = "Each hidden neuron: an affine transformation, then σ; the output neuron does the same with u and c."

from nnviz import load_network  # noqa: E402
from nnviz.explorer import Explorer  # noqa: E402


def make(theme: str = "light"):  # the gallery passes its theme
    # The page writes the output's sum with the digits it needs to add up (the slide's 0.05·3 … does not).
    network = load_network("single-hidden")
    return Explorer(network, target=network.default_target, theme=theme)


if __name__ == "__main__":
    print(make().write("explore_single_hidden.html"))
