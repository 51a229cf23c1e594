"""A ReLU network cuts the plane into linear regions: their count against the one-layer bound."""

SECTION = "Feedforward neural networks"
ORDER = 62
CAPTION = ("An intuitive, geometric explanation of the exponential advantage of deeper networks "
           "(Montúfar et al. (2014)).")

from nnviz import data, train  # noqa: E402
from nnviz.analysis.regions import linear_regions  # noqa: E402
from nnviz.engine.init import random_network  # noqa: E402
from nnviz.plots.regions_static import figure_linear_regions  # noqa: E402


def make():
    X, y = data.moons(200, seed=0)
    network = random_network([2, 8, 8, 1], "relu", "sigmoid", seed=0)
    history = train(network, X, y, "binary-cross-entropy", "adam", lr=0.02, steps=400)
    # Every activation pattern of the hidden ReLUs on a grid: one colour per linear region.
    regions = linear_regions(history.final(), resolution=201, X=X, y=y)
    return figure_linear_regions(regions)


if __name__ == "__main__":
    from nnviz.plots.save import save

    print(save(make(), "relu_linear_regions.svg"))
