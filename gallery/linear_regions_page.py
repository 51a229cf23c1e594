"""Every linear region of a trained 2-8-8-1 ReLU network, exact, against the bound for one layer of 16 ReLUs."""

SECTION = "Why add more layers?"
ORDER = 51
CAPTION = "Each layer in a feed-forward neural network adds its own degree of non-linearity to the model."

from nnviz import data, train  # noqa: E402
from nnviz.analysis.linear_regions import linear_regions  # noqa: E402
from nnviz.engine.init import random_network  # noqa: E402
from nnviz.plots.linear_regions import plot_linear_regions  # noqa: E402


def make(theme: str = "light"):
    X, y = data.moons(200, seed=0)
    network = random_network([2, 8, 8, 1], "relu", "sigmoid", seed=0, name="a 2-8-8-1 ReLU network on moons")
    history = train(network, X, y, "binary-cross-entropy", "adam", lr=0.02, steps=400)
    # Exact regions (polygons) and, to compare, what a 301 × 301 grid of points would see.
    regions = linear_regions(history.final(), X=X, y=y, resolution=301)
    return plot_linear_regions(regions, theme=theme)


if __name__ == "__main__":
    from nnviz.plots.save import save

    print(save(make(), "linear_regions_page.html"))
