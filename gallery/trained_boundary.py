"""A small tanh network trained on the circles: its decision regions and every hidden neuron's."""

SECTION = "Motivation: a new feature space"
ORDER = 23
CAPTION = "Instead of classifying the data in the original representation, we classify it in a new feature space."

from nnviz import data, train  # noqa: E402
from nnviz.analysis.regions import decision_grid  # noqa: E402
from nnviz.engine.init import random_network  # noqa: E402
from nnviz.plots.regions import plot_boundary  # noqa: E402


def make(theme: str = "light"):
    # Seeded data and a seeded 2-8-8-1 network: the page is the same on every machine.
    X, y = data.circles(200, seed=0)
    network = random_network([2, 8, 8, 1], "tanh", "sigmoid", seed=0, name="a 2-8-8-1 tanh network on circles")
    # Full-batch Adam on the binary cross entropy; History keeps θ and the risk at every step.
    history = train(network, X, y, "binary-cross-entropy", "adam", lr=0.05, steps=400)
    # The trained network on a grid around the data: probabilities, boundary, hidden neurons.
    return plot_boundary(decision_grid(history.final(), X, y), theme=theme)


if __name__ == "__main__":
    from nnviz.plots.save import save

    print(save(make(), "trained_boundary.html"))
