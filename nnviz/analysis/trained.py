"""A network together with what it was trained on: the input of landscapes, boundaries and regions."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from nnviz.data import load_dataset
from nnviz.engine.network import Network
from nnviz.engine.spec import load_network
from nnviz.engine.train import History


@dataclass
class Trained:
    """A network, its training history (if saved by ``nnviz train``) and its dataset."""

    network: Network
    history: History | None
    X: np.ndarray | None
    y: np.ndarray | None
    dataset: str | None
    loss: str | None


def history_path(spec_path: str | Path) -> Path:
    """Where ``nnviz train -o net.json`` keeps the history: ``net.history.npz`` beside it."""
    spec_path = Path(spec_path)
    return spec_path.with_name(spec_path.stem + ".history.npz")


def load_trained(name_or_path: str | Path, dataset: str | None = None, n: int | None = None,
                 seed: int | None = None) -> Trained:
    """Load a built-in network or a spec; with a spec from ``nnviz train``, also its history and data.

    ``dataset`` overrides the dataset the network was trained on (``None``: the recorded one).
    """
    network = load_network(name_or_path)
    meta = network.training or {}
    history = None
    if meta.get("history"):
        path = Path(str(name_or_path)).with_name(meta["history"])
        if path.is_file():
            history = History.load(path, network)
    name = dataset or meta.get("dataset")
    X = y = None
    if name is not None:
        X, y = load_dataset(name, n or int(meta.get("n", 200)),
                            seed=meta.get("seed", 0) if seed is None else seed)
    return Trained(network, history, X, y, name, meta.get("loss") or network.default_loss)
