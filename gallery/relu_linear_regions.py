"""A ReLU network cuts the plane into linear regions: the exact count against one layer of the same ReLUs."""

SECTION = "Why add more layers?"
ORDER = 52
CAPTION = ("An intuitive, geometric explanation of the exponential advantage of deeper networks "
           "(Montúfar et al. (2014)).")

from nnviz import data, train  # noqa: E402
from nnviz.analysis.linear_regions import linear_regions  # noqa: E402
from nnviz.engine.init import random_network  # noqa: E402
from nnviz.plots.linear_regions import figure_linear_regions  # noqa: E402


def make(theme: str = "light"):
    X, y = data.moons(200, seed=0)
    network = random_network([2, 8, 8, 1], "relu", "sigmoid", seed=0, name="a 2-8-8-1 ReLU network on moons")
    history = train(network, X, y, "binary-cross-entropy", "adam", lr=0.02, steps=400)
    # Every linear region, exactly: the window is cut along each ReLU's boundary, layer by layer.
    # The fair comparison is one hidden layer of the same 16 ReLUs: at most 1 + 16 + 120 = 137.
    regions = linear_regions(history.final(), X=X, y=y)
    return figure_linear_regions(regions, theme=theme)


if __name__ == "__main__":
    from nnviz.plots.save import save

    print(save(make(), "relu_linear_regions.svg"))
