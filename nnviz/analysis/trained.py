"""A network together with what it was trained on: the input of landscapes, boundaries and regions.

``nnviz train -o net.json`` writes a pair — the spec ``net.json`` (its ``training`` table names the
dataset, the number of points, the seed and the history file) and ``net.history.npz`` — and
``load_trained("net.json")`` reads both back.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from nnviz.data import DATASETS, load_dataset
from nnviz.engine.network import Network
from nnviz.engine.spec import load_network
from nnviz.engine.train import History
from nnviz.errors import NnvizError

DEFAULT_POINTS = 200


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
                 seed: int | None = None, check_points: Callable[[Network, int], None] | None = None) -> Trained:
    """Load a built-in network or a spec; with a spec from ``nnviz train``, also its history and data.

    ``dataset`` overrides the dataset the network was trained on (``None``: the recorded one).
    ``check_points(network, n)`` is called with the network and the number of data points before they are made (a caller
    refuses sizes it cannot afford there).

        trained = load_trained("net.json")
        trained.history.loss[-1], trained.X.shape
    """
    network = load_network(name_or_path)
    meta = network.training or {}
    if meta.get("dataset") is not None and meta["dataset"] not in DATASETS:
        raise NnvizError(f"{name_or_path}: training.dataset: unknown dataset {meta['dataset']!r}; expected one of "
                         f"{', '.join(DATASETS)}")
    history = _history(Path(str(name_or_path)), meta, network)
    name = dataset or meta.get("dataset")
    X = y = None
    if name is not None:
        points = n or int(meta.get("n", DEFAULT_POINTS))
        if check_points is not None:
            check_points(network, points)
        X, y = load_dataset(name, points, seed=meta.get("seed", 0) if seed is None else seed)
    return Trained(network, history, X, y, name, meta.get("loss") or network.default_loss)


def _history(spec: Path, meta: dict, network: Network) -> History | None:
    """The history named in the spec's ``training`` table, beside the spec; checked to be usable."""
    if not meta.get("history"):
        return None
    path = spec.with_name(meta["history"])  # a bare file name: spec.py refuses paths
    if not path.is_file():
        return None
    try:
        history = History.load(path, network)
    except (zipfile.BadZipFile, EOFError, ValueError, OSError, KeyError, TypeError) as e:
        raise NnvizError(f"{path}: not a training history saved by nnviz ({e})") from None
    if not (np.all(np.isfinite(history.parameters)) and np.all(np.isfinite(history.loss))):
        raise NnvizError(f"{path}: the history holds NaN or infinity (a training that diverged); "
                         f"train again, e.g. with a smaller learning rate")
    return history
