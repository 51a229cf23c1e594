"""The same landscape as contour lines, for a slide (log scale)."""

SECTION = "Loss landscapes"
ORDER = 91
CAPTION = "Many (many many) local minima; saddle points."

from nnviz import data, train  # noqa: E402
from nnviz.analysis.landscape import compute_landscape  # noqa: E402
from nnviz.engine.init import random_network  # noqa: E402
from nnviz.plots.landscape_static import figure_landscape_contour  # noqa: E402


def make(theme: str = "light"):
    X, y = data.circles(200, seed=0)
    network = random_network([2, 8, 8, 1], "tanh", "sigmoid", seed=0, name="a 2-8-8-1 tanh network")
    history = train(network, X, y, "binary-cross-entropy", "adam", lr=0.05, steps=300, record_every=3)
    # No decision maps (regions=False): a slide figure shows only the loss.
    landscape = compute_landscape(history.final(), X, y, "binary-cross-entropy", directions="pca",
                                  history=history, resolution=41, regions=False, dataset="circles")
    # log10 of the loss: the valley floor shows its contours instead of one flat colour.
    return figure_landscape_contour(landscape, log=True, theme=theme)


if __name__ == "__main__":
    from nnviz.plots.save import save

    print(save(make(), "landscape_contours.pdf"))
