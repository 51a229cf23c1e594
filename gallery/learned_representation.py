"""The learned representation: a 2-2-2-1 tanh network carries the plane until one line separates the moons."""

SECTION = "Motivation: a new feature space"
ORDER = 22
CAPTION = "Instead of classifying the data in the original representation, we classify it in a new feature space."

from nnviz.analysis.representation import learned_representation  # noqa: E402
from nnviz.plots.representation import plot_representation  # noqa: E402


def make(theme: str = "light"):
    # A 2-2-2-1 tanh network trained on moons until every point is on its side of the line; the
    # engine traces the data and a grid of the plane through each layer.
    rep = learned_representation()
    # A slider steps through the layers: the affine map shears the grid, tanh bends it, and at the
    # last hidden layer the output unit's line separates the classes (Olah, 2014).
    return plot_representation(rep, theme=theme)


if __name__ == "__main__":
    from nnviz.plots.save import save

    print(save(make(), "learned_representation.html"))
