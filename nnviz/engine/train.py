"""Gradient descent on the flat parameter vector: SGD, momentum and Adam, recorded in a History.

>>> from nnviz.data import load_dataset
>>> from nnviz.engine.init import random_network
>>> X, y = load_dataset("moons", 100, seed=0)
>>> net = random_network([2, 8, 1], "tanh", "sigmoid", seed=0)
>>> history = train(net, X, y, loss="bce", optimizer="adam", lr=0.05, steps=200)
>>> bool(history.loss[-1] < history.loss[0] / 2)
True
>>> trained = history.final()
>>> history
History of network (2-8-1): 201 records over 200 steps of adam, lr 0.05
  binary-cross-entropy 0.7266 → 0.005846
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from nnviz.engine.losses import Loss, get_loss
from nnviz.engine.network import Network
from nnviz.errors import NnvizError
from nnviz.files import atomic_path

Array = np.ndarray


class SGD:
    """θ ← θ − η·∇R(θ)."""

    name = "sgd"

    def __init__(self, lr: float = 0.1):
        self.lr = lr

    def step(self, theta: Array, grad: Array) -> Array:
        return theta - self.lr * grad


class Momentum:
    """v ← βv + ∇R(θ);  θ ← θ − η·v (heavy ball)."""

    name = "momentum"

    def __init__(self, lr: float = 0.1, beta: float = 0.9):
        self.lr, self.beta = lr, beta
        self.velocity: Array | None = None

    def step(self, theta: Array, grad: Array) -> Array:
        self.velocity = grad if self.velocity is None else self.beta * self.velocity + grad
        return theta - self.lr * self.velocity


class Adam:
    """Adam (Kingma & Ba, 2015) with bias-corrected first and second moments."""

    name = "adam"

    def __init__(self, lr: float = 0.01, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.m: Array | None = None
        self.v: Array | None = None
        self.t = 0

    def step(self, theta: Array, grad: Array) -> Array:
        m = np.zeros_like(theta) if self.m is None else self.m
        v = np.zeros_like(theta) if self.v is None else self.v
        self.t += 1
        self.m = m = self.beta1 * m + (1 - self.beta1) * grad
        self.v = v = self.beta2 * v + (1 - self.beta2) * grad**2
        m_hat = m / (1 - self.beta1**self.t)
        v_hat = v / (1 - self.beta2**self.t)
        return theta - self.lr * m_hat / (np.sqrt(v_hat) + self.eps)


OPTIMIZERS = {"sgd": SGD, "momentum": Momentum, "adam": Adam}


def make_optimizer(name: str, lr: float | None = None):
    """An optimizer by name (``sgd``, ``momentum``, ``adam``) with learning rate ``lr``."""
    if name not in OPTIMIZERS:
        raise NnvizError(f"unknown optimizer {name!r}; expected one of {', '.join(OPTIMIZERS)}")
    return OPTIMIZERS[name]() if lr is None else OPTIMIZERS[name](lr=lr)


@dataclass
class History:
    """The parameters and the loss at every recorded step of training.

    ``parameters[t]`` is θ after ``steps[t]`` updates (row 0 is the initial θ); ``loss[t]`` is the
    full-data risk at that θ.
    """

    network: Network = field(repr=False)  # the architecture; its own parameters are θ_0
    parameters: Array  # (T, P)
    loss: Array  # (T,)
    steps: Array  # (T,)
    loss_name: str = "l2"
    optimizer: str = "sgd"
    lr: float = 0.1

    def __len__(self) -> int:
        return len(self.loss)

    def __repr__(self) -> str:
        shape = "-".join(map(str, self.network.shape))
        return (f"History of {self.network.name} ({shape}): {len(self)} records over {int(self.steps[-1])} steps "
                f"of {self.optimizer}, lr {self.lr:g}\n"
                f"  {self.loss_name} {float(self.loss[0]):.4g} → {float(self.loss[-1]):.4g}")

    def network_at(self, t: int = -1) -> Network:
        """The network with the parameters recorded at row ``t`` (default: the last)."""
        return self.network.with_parameters(self.parameters[t])

    def final(self) -> Network:
        return self.network_at(-1)

    def save(self, path: str | Path) -> Path:
        """Write the history as ``.npz`` atomically."""
        with atomic_path(path) as tmp:
            with open(tmp, "wb") as fh:
                np.savez_compressed(fh, parameters=self.parameters, loss=self.loss, steps=self.steps,
                                    loss_name=self.loss_name, optimizer=self.optimizer, lr=self.lr)
        return Path(path)

    @classmethod
    def load(cls, path: str | Path, network: Network) -> History:
        try:
            with np.load(path) as data:
                parameters = data["parameters"]
                if parameters.shape[-1] != network.n_parameters:
                    raise NnvizError(f"{path}: history has {parameters.shape[-1]} parameters, "
                                     f"but {network.name} has {network.n_parameters}")
                return cls(network.with_parameters(parameters[0]), parameters, data["loss"],
                           data["steps"], str(data["loss_name"]), str(data["optimizer"]),
                           float(data["lr"]))
        except (OSError, KeyError, ValueError) as e:
            raise NnvizError(f"{path}: not a training history saved by nnviz ({e})") from None


def train(network: Network, X: Any, y: Any, loss: str | Loss | None = None, optimizer: Any = "sgd", *,
          lr: float | None = None,
          steps: int = 1000, batch_size: int | None = None, seed: int = 0, record_every: int = 1,
          callback: Callable[[int, float], None] | None = None) -> History:
    """Train a copy of ``network`` on (X, y); the network passed in is left unchanged.

    ``batch_size=None`` is full-batch gradient descent; otherwise minibatches are drawn, without
    replacement within an epoch, from a generator seeded with ``seed``. Every ``record_every``
    steps (and at the last) the parameters and the full-data loss are recorded. ``loss`` defaults
    to the network's fitting loss (``Network.fitting_loss``).
    """
    loss_fn = get_loss(network.fitting_loss() if loss is None else loss)
    opt = make_optimizer(optimizer, lr) if isinstance(optimizer, str) else optimizer
    if steps < 1:
        raise NnvizError(f"steps must be at least 1, got {steps}")
    X, _ = network.check_input(X)
    Y = network.targets(y, len(X), loss_fn)
    n = len(X)
    if batch_size is not None and not 1 <= batch_size:
        raise NnvizError(f"batch size must be at least 1, got {batch_size}")
    rng = np.random.default_rng(seed)
    theta = network.parameters()
    net = network.copy()
    records_theta, records_loss, records_step = [theta.copy()], [network.loss(X, Y, loss_fn)], [0]
    order, at = rng.permutation(n), 0
    idx: slice | Array
    for step in range(1, steps + 1):
        if batch_size is None or batch_size >= n:
            idx = slice(None)
        else:
            if at + batch_size > n:
                order, at = rng.permutation(n), 0
            idx = order[at:at + batch_size]
            at += batch_size
        net = net.with_parameters(theta)
        _, grad = net.gradient(X[idx], Y[idx], loss_fn)
        theta = opt.step(theta, grad)
        if step % record_every == 0 or step == steps:
            value = net.with_parameters(theta).loss(X, Y, loss_fn)
            records_theta.append(theta.copy())
            records_loss.append(value)
            records_step.append(step)
            if callback is not None:
                callback(step, value)
    return History(network.copy(), np.array(records_theta), np.array(records_loss),
                   np.array(records_step), loss_fn.name, getattr(opt, "name", "custom"),
                   float(getattr(opt, "lr", float("nan"))))
