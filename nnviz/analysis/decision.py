"""Decision regions of a trained network with two inputs: its prediction and every hidden neuron on a grid.

    grid = decision_grid(network, X, y)
    grid.probability.shape, grid.accuracy         # (121, 121) P(class 1); accuracy on (X, y)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnviz.analysis.grids import check_planar, data_extent, grid_points
from nnviz.engine.network import Network

Array = np.ndarray


@dataclass
class DecisionGrid:
    """A network with 2 inputs on a grid: its prediction and every hidden neuron's output.

    ``probability`` is P(class 1) for one sigmoid output, else the probability of the predicted
    class; ``predicted`` the class index; ``hidden[l]`` the (H, W, n_l) outputs of hidden layer l.
    """

    network: Network
    x1: Array
    x2: Array
    probability: Array
    predicted: Array
    hidden: list[Array]
    X: Array | None = None
    y: Array | None = None
    accuracy: float | None = None
    classes: int = 2


def decision_grid(network: Network, X: Array | None = None, y: Array | None = None,
                  extent=None, resolution: int = 121) -> DecisionGrid:
    """Evaluate a trained 2-input network on a grid around its data."""
    check_planar(network)
    extent = extent or data_extent(X)
    x1, x2, points = grid_points(extent, resolution)
    trace = network.forward(points)
    shape = (len(x2), len(x1))
    f = trace.output
    binary = f.shape[1] == 1
    predicted = (f[:, 0] >= 0.5).astype(int) if binary else f.argmax(axis=1)
    probability = f[:, 0] if binary else f.max(axis=1)
    accuracy = None
    if X is not None and y is not None:
        out = network.predict(X)
        guess = (out[:, 0] >= 0.5).astype(int) if binary else out.argmax(axis=1)
        accuracy = float(np.mean(guess == y))
    return DecisionGrid(network, x1, x2, probability.reshape(shape), predicted.reshape(shape),
                        [lt.z_out.reshape(*shape, -1) for lt in trace.layers[:-1]], X, y, accuracy,
                        2 if binary else f.shape[1])
