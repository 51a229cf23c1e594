"""The loss landscape of a trained network, with the path gradient descent took across it."""

SECTION = "Loss landscapes"
ORDER = 90
CAPTION = "A “real” loss landscape: many (many many) local minima, saddle points."

from nnviz import data, train  # noqa: E402
from nnviz.analysis.landscape import compute_landscape  # noqa: E402
from nnviz.engine.init import random_network  # noqa: E402
from nnviz.plots.landscape import plot_landscape  # noqa: E402


def make(theme: str = "light"):
    X, y = data.circles(200, seed=0)
    network = random_network([2, 8, 8, 1], "tanh", "sigmoid", seed=0, name="a 2-8-8-1 tanh network")
    history = train(network, X, y, "binary-cross-entropy", "adam", lr=0.05, steps=300, record_every=3)
    # The plane through the trained θ spanned by the training path's two principal directions,
    # so the path is drawn on the surface; the page links each point to its decision regions.
    landscape = compute_landscape(history.final(), X, y, "binary-cross-entropy", directions="pca",
                                  history=history, resolution=31, dataset="circles")
    return plot_landscape(landscape, theme=theme)


if __name__ == "__main__":
    from nnviz.plots.save import save

    print(save(make(), "loss_landscape.html"))
