"""Windows and grids of the plane: where a network with two inputs is evaluated and drawn.

    extent = data_extent(X)                          # (x1_min, x1_max, x2_min, x2_max) around the data
    x1, x2, points = grid_points(extent, 101)        # points row by row: x2 outer, x1 inner
"""

from __future__ import annotations

import numpy as np

from nnviz.engine.network import Network
from nnviz.errors import NnvizError

Array = np.ndarray


def grid_points(extent, resolution: int) -> tuple[Array, Array, Array]:
    """x1 (W,), x2 (H,) and the (H·W, 2) batch of points, row by row (x2 outer, x1 inner)."""
    x1 = np.linspace(extent[0], extent[1], resolution)
    x2 = np.linspace(extent[2], extent[3], resolution)
    X1, X2 = np.meshgrid(x1, x2)
    return x1, x2, np.c_[X1.ravel(), X2.ravel()]


def data_extent(X: Array | None, margin: float = 0.15, default: float = 2.0) -> tuple[float, float, float, float]:
    """A window around the data (or [-default, default]² without data)."""
    if X is None or len(X) == 0:
        return (-default, default, -default, default)
    lo, hi = X.min(axis=0), X.max(axis=0)
    pad = (hi - lo) * margin + 1e-9
    return (lo[0] - pad[0], hi[0] + pad[0], lo[1] - pad[1], hi[1] + pad[1])


def check_planar(network: Network) -> None:
    """Pictures of the input plane need a network with 2 inputs: one clear error otherwise."""
    if network.n_inputs != 2:
        raise NnvizError(f"{network.name}: decision regions need a network with 2 inputs (x_1, x_2), "
                         f"this one has {network.n_inputs}")
