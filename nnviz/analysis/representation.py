"""The learned representation: the plane carried through a network with 2-unit hidden layers.

"Instead of classifying the data in the original representation, we classify it in a new feature
space." A network whose hidden layers have two units maps the plane to a plane, layer after layer:
first the affine map ``z_in = Wᵀz + b`` (it shears, turns and stretches the grid), then the
activation bends it (tanh squeezes it into the square (−1, 1)²). At the last hidden layer the
output unit draws one straight line, ``uᵀz + c = 0``. This follows Olah, "Neural Networks,
Manifolds, and Topology" (2014). Every position comes from the engine's ``Trace`` of the data and of
the grid lines' points::

    rep = learned_representation()
    [stage.label for stage in rep.stages]     # input, z_in^(1), z^(1), z_in^(2), z^(2), …
    rep.accuracy                              # the last line separates the classes
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnviz.analysis.grids import data_extent
from nnviz.engine.network import Network
from nnviz.errors import NnvizError

Array = np.ndarray


@dataclass
class Stage:
    """The plane after one step: the data's points (n, 2) and the grid lines' (lines, m, 2)."""

    label: str  # "x", "z_in^(1)", "z^(1)", …
    title: str  # what happened in this step, in words
    data: Array
    lines: Array
    layer: int  # the hidden layer it belongs to (0 for the input)
    kind: str  # "input", "affine" or "activation"


@dataclass
class Representation:
    """Every stage of the plane through the hidden layers, the data's classes and the last line."""

    network: Network
    X: Array
    y: Array
    stages: list[Stage]
    U: Array  # (2,): the output unit's weights on the last hidden layer
    c: float
    accuracy: float

    def frames(self, per_step: int = 8) -> list[tuple[int, float, Array, Array]]:
        """In-between positions for a smooth picture: (stage, s, data, lines) from each stage to the next.

        Between two stages every point moves on a straight line, ``(1 − s)·before + s·after``: for an
        affine step that is the homotopy Olah draws; for an activation the bend, point by point.
        """
        out = [(0, 0.0, self.stages[0].data, self.stages[0].lines)]
        for k in range(1, len(self.stages)):
            a, b = self.stages[k - 1], self.stages[k]
            for s in np.linspace(0, 1, per_step + 1)[1:]:
                out.append((k, float(s), (1 - s) * a.data + s * b.data, (1 - s) * a.lines + s * b.lines))
        return out

    def boundary(self, extent) -> Array | None:
        """The output unit's line uᵀz + c = 0 inside ``extent`` of the last hidden plane (2 points)."""
        from nnviz.analysis.polygons import line_segment

        return line_segment(self.U, self.c, extent)


def grid_lines(extent, count: int = 13, points: int = 60) -> Array:
    """``count`` vertical and ``count`` horizontal lines over the window, ``points`` points each."""
    x_lo, x_hi, y_lo, y_hi = extent
    xs, ys = np.linspace(x_lo, x_hi, count), np.linspace(y_lo, y_hi, count)
    along_x, along_y = np.linspace(x_lo, x_hi, points), np.linspace(y_lo, y_hi, points)
    vertical = [np.c_[np.full(points, x), along_y] for x in xs]
    horizontal = [np.c_[along_x, np.full(points, y)] for y in ys]
    return np.array(vertical + horizontal)


def carry_plane(network: Network, X: Array, y: Array, extent=None, count: int = 13) -> Representation:
    """The data and a grid of the plane through every hidden layer of ``network`` (each of 2 units)."""
    hidden = network.layers[:-1]
    if network.n_inputs != 2 or any(layer.n_neurons != 2 for layer in hidden) or network.n_outputs != 1:
        raise NnvizError(f"{network.name} ({'-'.join(map(str, network.shape))}): the plane can be carried "
                         "through a network with 2 inputs, hidden layers of 2 units and one output")
    extent = extent or data_extent(X, margin=0.1)
    lines = grid_lines(extent, count)
    shape = lines.shape
    data_trace = network.forward(X)
    line_trace = network.forward(lines.reshape(-1, 2))
    stages = [Stage("x", "the input plane (x₁, x₂)", np.asarray(X, float), lines, 0, "input")]
    for k, (dt, lt) in enumerate(zip(data_trace.layers[:-1], line_trace.layers[:-1]), start=1):
        name = lt.activation.name
        stages.append(Stage(f"z_in^({k})", f"layer {k}: the affine map W^({k})ᵀz + b^({k})", dt.z_in,
                            lt.z_in.reshape(shape), k, "affine"))
        stages.append(Stage(f"z^({k})", f"layer {k}: {name} bends the plane", dt.z_out,
                            lt.z_out.reshape(shape), k, "activation"))
    top = network.layers[-1]
    f = data_trace.output[:, 0]
    threshold = 0.5 if top.activation.name == "sigmoid" else 0.0
    accuracy = float(np.mean((f >= threshold) == (np.asarray(y) == 1)))
    return Representation(network, np.asarray(X, float), np.asarray(y), stages, top.W[:, 0].copy(),
                          float(top.b[0]), accuracy)


def learned_representation(n: int = 200, seed: int = 4, hidden: int = 2, steps: int = 3000) -> Representation:
    """The built-in example: a 2-2-2-1 tanh network trained on moons, carried layer by layer.

    Training (the engine's Adam on the cross entropy) stops at the first recorded step at which every
    point is on its side of the line: trained longer, the weights grow and tanh squeezes the plane
    into its corners, which shows less.
    """
    from nnviz.data import moons
    from nnviz.engine.init import random_network
    from nnviz.engine.train import train

    X, y = moons(n, seed=0)
    net = random_network([2, *[2] * hidden, 1], "tanh", "sigmoid", seed=seed,
                         name=f"2-{'2-' * hidden}1 tanh network")
    history = train(net, X, y, "binary-cross-entropy", "adam", lr=0.03, steps=steps, seed=seed, record_every=5)
    best, best_accuracy = 0, -1.0
    for row in range(len(history.parameters)):
        accuracy = float(np.mean((history.network_at(row).predict(X)[:, 0] >= 0.5) == y))
        if accuracy > best_accuracy:
            best, best_accuracy = row, accuracy
        if accuracy == 1.0:
            break
    return carry_plane(history.network_at(best), X, y)
