"""Small seeded 2-D datasets for the lecture's pictures (no scikit-learn needed).

Each returns ``(X, y)``: X of shape (n, 2), y integer class labels (n,).

>>> X, y = circles(200, seed=0)
>>> R = polar(X)        # (r, θ): the circles become separable by one line
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from nnviz.errors import NnvizError

Array = np.ndarray


def circles(n: int = 200, *, noise: float = 0.05, factor: float = 0.5, seed: int = 0) -> tuple[Array, Array]:
    """An inner disc (class 1) inside an outer ring (class 0): not linearly separable."""
    rng = np.random.default_rng(seed)
    outer, inner = n - n // 2, n // 2
    angle = rng.uniform(0, 2 * np.pi, n)
    radius = np.r_[np.ones(outer), np.full(inner, factor)]
    X = np.c_[radius * np.cos(angle), radius * np.sin(angle)] + rng.normal(0, noise, (n, 2))
    y = np.r_[np.zeros(outer, int), np.ones(inner, int)]
    return _shuffle(X, y, rng)


def xor(n: int = 200, *, noise: float = 0.1, seed: int = 0) -> tuple[Array, Array]:
    """Four clusters at (±1, ±1); class 1 where the signs differ."""
    rng = np.random.default_rng(seed)
    corners = rng.integers(0, 4, n)
    centres = np.array([[-1, -1], [-1, 1], [1, -1], [1, 1]], float)
    X = centres[corners] * 0.5 + rng.normal(0, noise, (n, 2))
    y = (np.sign(centres[corners, 0]) != np.sign(centres[corners, 1])).astype(int)
    return X, y


def moons(n: int = 200, *, noise: float = 0.1, seed: int = 0) -> tuple[Array, Array]:
    """Two interleaving half circles."""
    rng = np.random.default_rng(seed)
    first, second = n - n // 2, n // 2
    a = np.linspace(0, np.pi, first)
    b = np.linspace(0, np.pi, second)
    X = np.r_[np.c_[np.cos(a), np.sin(a)], np.c_[1 - np.cos(b), 0.5 - np.sin(b)]]
    X = X + rng.normal(0, noise, (n, 2))
    X = (X - [0.5, 0.25]) * [1.0, 1.6]  # centred, roughly in [-1.5, 1.5]²
    y = np.r_[np.zeros(first, int), np.ones(second, int)]
    return _shuffle(X, y, rng)


def spiral(n: int = 200, *, classes: int = 2, noise: float = 0.05, turns: float = 1.25,
           seed: int = 0) -> tuple[Array, Array]:
    """Interleaved spiral arms, one per class."""
    rng = np.random.default_rng(seed)
    y = np.arange(n) % classes
    t = rng.uniform(0.1, 1.0, n)
    angle = 2 * np.pi * turns * t + 2 * np.pi * y / classes
    X = np.c_[t * np.cos(angle), t * np.sin(angle)] + rng.normal(0, noise, (n, 2))
    return _shuffle(X, y, rng)


def blobs(n: int = 200, *, centers: int = 3, spread: float = 0.3, seed: int = 0) -> tuple[Array, Array]:
    """Gaussian blobs around ``centers`` points evenly spaced on a circle of radius 1."""
    rng = np.random.default_rng(seed)
    y = np.arange(n) % centers
    angle = 2 * np.pi * np.arange(centers) / centers + np.pi / 2
    means = np.c_[np.cos(angle), np.sin(angle)]
    X = means[y] + rng.normal(0, spread, (n, 2))
    return _shuffle(X, y, rng)


def polar(X: Array) -> Array:
    """(x₁, x₂) → (r, θ): the lecture's change of representation that makes circles separable."""
    X = np.asarray(X, dtype=float)
    return np.c_[np.hypot(X[:, 0], X[:, 1]), np.arctan2(X[:, 1], X[:, 0])]


DATASETS: dict[str, Callable[..., tuple[Array, Array]]] = {
    "circles": circles, "xor": xor, "moons": moons, "spiral": spiral, "blobs": blobs}


def load_dataset(name: str, n: int = 200, *, seed: int = 0) -> tuple[Array, Array]:
    """A dataset by name: ``circles``, ``xor``, ``moons``, ``spiral`` or ``blobs``."""
    if name not in DATASETS:
        raise NnvizError(f"unknown dataset {name!r}; expected one of {', '.join(DATASETS)}")
    if n < 4:
        raise NnvizError(f"a dataset needs at least 4 points, got {n}")
    return DATASETS[name](n, seed=seed)


def _shuffle(X: Array, y: Array, rng: np.random.Generator) -> tuple[Array, Array]:
    order = rng.permutation(len(X))
    return X[order], y[order]
