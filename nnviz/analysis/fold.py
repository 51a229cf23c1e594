"""Montúfar's fold: a deep ReLU network that folds the plane onto itself, doubling its regions per layer.

Montúfar, Pascanu, Cho & Bengio (2014), "On the number of linear regions of deep neural networks":
an absolute-value unit ``|u| = relu(u) + relu(−u)`` (two ReLUs) folds the line at u = 0, both halves
landing on one. Every later layer acts on the folded copy, so whatever it cuts there is cut in every
region that was folded onto it: each fold doubles the number of regions, and L layers make 2^L,
while one layer of the same number of ReLUs makes at most 1 + n + n(n − 1)/2 in the plane.

Layer l folds one coordinate of the window [−1, 1]² (x₁, then x₂, then x₁ …) with
``u ↦ 2|u| − 1``, back onto [−1, 1], and carries the other coordinate through a third ReLU that never
switches off there (``relu(v + 2)``, then −2). The exact regions come from ``linear_regions``.

>>> fold_network(4).shape                     # 12 ReLUs
(2, 3, 3, 3, 3, 1)
>>> [stage.count for stage in fold_stages(4)]
[2, 4, 8, 16]
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnviz.analysis.linear_regions import LinearRegions, linear_regions, region_bound
from nnviz.engine.network import Dense, Network
from nnviz.errors import NnvizError

Array = np.ndarray
WINDOW = (-1.0, 1.0, -1.0, 1.0)
CARRY = 2.0  # v + CARRY > 0 on the window: the carrying ReLU is the identity there (shifted)


def fold_network(layers: int, both: bool = False) -> Network:
    """A ReLU network of ``layers`` folding layers and a one-unit readout (the last folded coordinate).

    ``both``: every layer folds both coordinates (four ReLUs, regions ×4 per layer), as in the
    paper's figure; else one coordinate per layer, alternating (three ReLUs, regions ×2).
    """
    if layers < 1:
        raise NnvizError(f"layers must be at least 1, got {layers}")
    R, r = np.eye(2), np.zeros(2)  # the current coordinates (u, v) = h @ R + r of the layer's input h
    dense = []
    for depth in range(layers):
        folded = [0, 1] if both else [depth % 2]
        columns, bias, R_next, r_next = [], [], [], np.zeros(2)
        for axis in (0, 1):
            if axis in folded:  # |c| = relu(c) + relu(−c); the next layer reads 2|c| − 1
                columns += [R[:, axis], -R[:, axis]]
                bias += [r[axis], -r[axis]]
                R_next += [(axis, 2.0), (axis, 2.0)]
                r_next[axis] = -1.0
            else:  # carried through: relu(c + CARRY) − CARRY = c on the window
                columns.append(R[:, axis])
                bias.append(r[axis] + CARRY)
                R_next.append((axis, 1.0))
                r_next[axis] = -CARRY
        W = np.stack(columns, axis=1)
        names = [f"|{'uv'[a]}|" if a in folded else 'uv'[a] for a, _ in R_next]
        dense.append(Dense(W, np.array(bias), "relu", names))
        R = np.zeros((len(R_next), 2))
        for k, (axis, weight) in enumerate(R_next):
            R[k, axis] = weight
        r = r_next
    last = (layers - 1) % 2 if not both else 0
    dense.append(Dense(R[:, [last]], r[[last]], "identity", ["f"]))
    kind = "both coordinates" if both else "one coordinate"
    return Network(dense, f"fold ({kind} a layer, {layers} layers)", input_labels=["x_1", "x_2"],
                   description="Montúfar's fold: each layer folds the plane onto itself")


@dataclass
class FoldStage:
    """The fold network cut after ``layers`` layers: its exact regions and the fair comparison."""

    layers: int
    regions: LinearRegions

    @property
    def count(self) -> int:
        return self.regions.count

    @property
    def relus(self) -> int:
        return self.regions.relus

    @property
    def one_layer_bound(self) -> int:
        """The most regions one hidden layer of the same number of ReLUs makes in the plane."""
        return region_bound(self.relus, 2)


def fold_stages(layers: int, both: bool = False) -> list[FoldStage]:
    """The exact regions of the fold after 1, 2, …, ``layers`` layers."""
    full = fold_network(layers, both)
    stages = []
    for depth in range(1, layers + 1):
        head = full.layers[:depth]
        readout = Dense(np.ones((head[-1].n_neurons, 1)), [0.0], "identity", ["f"])
        network = Network([*head, readout], f"fold, {depth} layer{'s' if depth > 1 else ''}",
                          input_labels=["x_1", "x_2"])
        stages.append(FoldStage(depth, linear_regions(network, WINDOW)))
    return stages


def crossover(relus_per_layer: int = 3, growth: int = 2, limit: int = 64) -> int:
    """The fewest layers whose fold has more regions than one layer of the same ReLUs can make."""
    for layers in range(1, limit + 1):
        if growth**layers > region_bound(relus_per_layer * layers, 2):
            return layers
    raise NnvizError(f"no crossover within {limit} layers")
