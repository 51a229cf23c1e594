"""Randomly initialised networks (Glorot for tanh/sigmoid, He for ReLU), seeded."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from nnviz.engine.activations import get_activation
from nnviz.engine.network import Dense, Network


def random_network(sizes: Sequence[int], activation: str = "tanh", output: str = "sigmoid", *,
                   seed: int = 0, name: str = "network") -> Network:
    """A network with layer sizes ``sizes`` (inputs first), hidden ``activation``, ``output`` last.

    >>> random_network([2, 8, 8, 1], "tanh", "sigmoid", seed=0).shape
    (2, 8, 8, 1)
    """
    rng = np.random.default_rng(seed)
    layers = []
    for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        act = get_activation(output if i == len(sizes) - 2 else activation)
        gain = 2.0 if act.name == "relu" else 1.0
        scale = np.sqrt(gain * 2.0 / (n_in + n_out)) if act.name != "relu" else np.sqrt(gain / n_in)
        layers.append(Dense(rng.normal(0.0, scale, (n_in, n_out)), np.zeros(n_out), act))
    return Network(layers, name)
