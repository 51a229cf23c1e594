"""Directions of a loss-landscape plane: random ones scaled like the weights, or a path's principal ones.

Random Gaussian vectors are rescaled as in Li et al. 2018, "Visualizing the Loss Landscape of Neural
Nets" (``filter``: each neuron's incoming weights, a column of ``W``, get the norm of that neuron's
weights; ``layer``: each layer gets its weights' norm; ``none``: raw). ``pca`` directions are the two
principal directions of a training path::

    d1, d2 = random_directions(network, "filter", seed=0)
    d1, d2, explained = pca_directions(history.parameters)
"""

from __future__ import annotations

import numpy as np

from nnviz.engine.network import Network
from nnviz.errors import NnvizError

Array = np.ndarray


def normalize_direction(network: Network, d: Array, kind: str = "filter", include_bias: bool = False,
                        theta: Array | None = None) -> Array:
    """Rescale a direction like the weights of ``theta`` (default: the network's parameters).

    ``filter``: for every neuron, its column of the direction's ``W`` (and its bias entry when
    ``include_bias``) gets the norm of that neuron's weights; ``layer``: the whole layer gets the
    layer's norm; ``none``: unchanged. Bias entries are zero unless ``include_bias``.
    """
    if kind not in ("filter", "layer", "none"):
        raise NnvizError(f"direction kind {kind!r}: expected filter, layer or none")
    theta = network.parameters() if theta is None else theta
    d = np.array(d, dtype=float)
    for (dW, db), (W, b) in zip(network.split_parameters(d), network.split_parameters(theta)):
        if not include_bias:
            db[...] = 0.0
        if kind == "none":
            continue
        if include_bias:  # a neuron's "filter" is its weights and its bias
            d_rows, w_rows = np.vstack([dW, db[None]]), np.vstack([W, b[None]])
        else:
            d_rows, w_rows = dW, W
        if kind == "filter":
            scale = np.linalg.norm(w_rows, axis=0) / np.maximum(np.linalg.norm(d_rows, axis=0), 1e-300)
        else:
            scale = np.linalg.norm(w_rows) / max(float(np.linalg.norm(d_rows)), 1e-300)
        dW *= scale
        if include_bias:
            db *= scale
    return d


def random_directions(network: Network, kind: str = "filter", seed: int = 0, include_bias: bool = False,
                      theta: Array | None = None) -> tuple[Array, Array]:
    """Two seeded Gaussian directions, normalised by ``kind`` (see ``normalize_direction``)."""
    rng = np.random.default_rng(seed)
    P = network.n_parameters
    d1, d2 = (normalize_direction(network, rng.standard_normal(P), kind, include_bias, theta) for _ in range(2))
    return d1, d2


def pca_directions(parameters: Array, centre: Array | None = None) -> tuple[Array, Array, Array]:
    """The two principal directions of a path around ``centre`` (default: its last point).

    The plane through ``centre`` closest to the path (least squares) is spanned by the top two right
    singular vectors of ``θ_t − centre``; ``explained`` is the fraction of Σ‖θ_t − centre‖² each keeps.
    Signs are chosen so the path starts at negative α and β.
    """
    parameters = np.asarray(parameters, dtype=float)
    centre = parameters[-1] if centre is None else centre
    M = parameters - centre
    if len(M) < 2 or not np.any(M):
        raise NnvizError("pca directions need a training path that moves (a history with ≥ 2 steps)")
    _, s, Vt = np.linalg.svd(M, full_matrices=False)
    d = np.zeros((2, M.shape[1]))
    d[: len(Vt[:2])] = Vt[:2]
    for k in range(2):
        if M[0] @ d[k] > 0:
            d[k] = -d[k]
    total = float(np.sum(s**2))
    explained = np.zeros(2)
    explained[: len(s[:2])] = s[:2] ** 2 / total
    return d[0], d[1], explained


