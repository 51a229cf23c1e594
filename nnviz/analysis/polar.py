"""The lecture's motivation: one neuron on circles, in (x₁, x₂), in polar (r, θ), and on the way between.

"A single neuron is restricted to learning only linear decision boundaries … However, the neuron can
easily separate the classes if the original features are transformed (e.g., from Cartesian to polar
coordinates)." ``polar_fit`` trains one sigmoid neuron on each; ``polar_morph`` moves every point
from (x₁, x₂) to (r, θ) in steps, ``p(t) = (1 − t)·(x₁, x₂) + t·(r, θ)``, and trains the same neuron
(same seed, same steps) on the features at each step: its line fails at t = 0 and separates at t = 1::

    morph = polar_morph(frames=21)
    morph.accuracy[0], morph.accuracy[-1]          # e.g. 0.62 and 1.0
    np.allclose(morph.points[-1], morph.fit.R)     # the last step is the polar plot
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from nnviz.engine.network import Network

Array = np.ndarray


@dataclass
class PolarFit:
    """One neuron on circles in (x₁, x₂) and in polar (r, θ).

    ``W``, ``b`` of each trained neuron define its line ``w·x + b = 0``; accuracies on the data.
    """

    X: Array
    y: Array
    R: Array
    cartesian: Network
    polar: Network
    accuracy_cartesian: float
    accuracy_polar: float
    loss_cartesian: float = field(default=0.0)
    loss_polar: float = field(default=0.0)


def fit_neuron(features: Array, y: Array, seed: int = 0, steps: int = 600) -> tuple[Network, float, float]:
    """One sigmoid neuron trained by the engine (Adam on the cross entropy): net, accuracy, loss."""
    from nnviz.engine.init import random_network
    from nnviz.engine.train import train

    net = random_network([2, 1], "sigmoid", "sigmoid", seed=seed, name="single neuron")
    history = train(net, features, y, "binary-cross-entropy", "adam", lr=0.1, steps=steps, seed=seed,
                    record_every=steps)
    trained = history.final()
    accuracy = float(np.mean((trained.predict(features)[:, 0] >= 0.5) == y))
    return trained, accuracy, float(history.loss[-1])


def polar_fit(n: int = 200, seed: int = 0, steps: int = 600) -> PolarFit:
    """Train a single sigmoid neuron (the engine's ``train``) on circles in both coordinates."""
    from nnviz.data import circles, polar

    X, y = circles(n, seed=seed)
    R = polar(X)
    (cart, acc_c, loss_c), (pol, acc_p, loss_p) = (fit_neuron(data, y, seed, steps) for data in (X, R))
    return PolarFit(X, y, R, cart, pol, acc_c, acc_p, loss_c, loss_p)


@dataclass
class PolarMorph:
    """Every point on its way from (x₁, x₂) (t = 0) to (r, θ) (t = 1), and one neuron trained at each t.

    ``points[k]`` (n, 2) are the features at ``t[k]``; ``W[k]`` (2,), ``b[k]`` the neuron trained on
    them (its line ``W[k]·p + b[k] = 0``), ``accuracy[k]`` and ``loss[k]`` on the data.
    """

    fit: PolarFit
    t: Array
    points: Array
    W: Array
    b: Array
    accuracy: Array
    loss: Array

    def extent(self, k: int, margin: float = 0.08) -> tuple[float, float, float, float]:
        """A window around the points of step k."""
        lo, hi = self.points[k].min(axis=0), self.points[k].max(axis=0)
        pad = (hi - lo) * margin
        return (lo[0] - pad[0], hi[0] + pad[0], lo[1] - pad[1], hi[1] + pad[1])

    def axis_names(self, k: int) -> tuple[str, str]:
        """'x₁', 'r' or '0.6·x₁ + 0.4·r': what the horizontal and vertical axes hold at step k."""
        t = float(self.t[k])
        if t == 0:
            return "x₁", "x₂"
        if t == 1:
            return "r", "θ"
        a, c = f"{1 - t:.2f}".rstrip("0").rstrip("."), f"{t:.2f}".rstrip("0").rstrip(".")
        return f"{a}·x₁ + {c}·r", f"{a}·x₂ + {c}·θ"


def polar_morph(n: int = 200, seed: int = 0, frames: int = 21, steps: int = 600) -> PolarMorph:
    """The points at ``frames`` evenly spaced t in [0, 1], and the neuron trained at each.

    Each neuron starts from the same seeded initialisation and trains the same number of steps as
    ``polar_fit``'s, so the first step is its Cartesian neuron and the last its polar one.
    """
    fit = polar_fit(n, seed, steps)
    t = np.linspace(0.0, 1.0, frames)
    points = (1 - t)[:, None, None] * fit.X[None] + t[:, None, None] * fit.R[None]
    fits = [fit_neuron(p, fit.y, seed, steps) for p in points[1:-1]]
    nets = [fit.cartesian, *(f[0] for f in fits), fit.polar]
    accuracy = [fit.accuracy_cartesian, *(f[1] for f in fits), fit.accuracy_polar]
    loss = [fit.loss_cartesian, *(f[2] for f in fits), fit.loss_polar]
    points[-1] = fit.R  # exactly, not 0·X + 1·R
    return PolarMorph(fit, t, points, np.array([net.layers[0].W[:, 0] for net in nets]),
                      np.array([net.layers[0].b[0] for net in nets]), np.array(accuracy), np.array(loss))
