"""Gradient descent made visible: a two-parameter loss surface, descent paths, boundaries in training.

Everything here is computed by the engine (``Network.loss``, ``Network.gradient``, ``train``); the
scenes only draw it.

>>> net, X, y = single_neuron(), *toy_regression()    # f = w·x + b; 8 points near y = 1.5x − 0.5
>>> runs = descent_runs(net, X, y, "l2", learning_rates(net, X, y, "l2"), steps=25)
>>> surface = loss_surface(net, X, y, "l2", around=[run.parameters for run in runs[:2]])
>>> surface.risk.shape, runs[1].parameters[-1].round(2).tolist()   # where the right rate lands: (w, b)
((61, 61), [1.58, -0.45])
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from nnviz.engine.losses import get_loss
from nnviz.engine.network import Dense, Network
from nnviz.engine.train import History, train
from nnviz.errors import NnvizError

Array = np.ndarray


# ---- the single neuron and its toy data -------------------------------------------------------
def single_neuron(w: float = -1.5, b: float = 2.0, activation: str = "identity") -> Network:
    """One neuron with one input, ``f(x) = act(w·x + b)``: two parameters, θ = (w, b)."""
    return Network([Dense([[w]], [b], activation, ["f"])], f"single neuron ({activation})",
                   input_labels=["x"], default_loss="l2" if activation == "identity" else "bce")


def toy_regression(n: int = 8, *, seed: int = 0) -> tuple[Array, Array]:
    """n points on the line y = 1.5x − 0.5 plus a little noise, x in [−1, 2]."""
    rng = np.random.default_rng(seed)
    x = np.linspace(-1.0, 2.0, n)
    return x[:, None], 1.5 * x - 0.5 + rng.normal(0.0, 0.25, n)


def toy_classification(n: int = 8, *, seed: int = 0) -> tuple[Array, Array]:
    """n points on a line, class 1 to the right of x = 0.5 except that the two nearest it swap labels."""
    rng = np.random.default_rng(seed)
    x = np.sort(rng.uniform(-1.0, 2.0, n))
    y = (x > 0.5).astype(int)
    last_zero = np.flatnonzero(y == 0)[-1]
    y[[last_zero, last_zero + 1]] = 1, 0  # not separable: the risk has a finite minimum
    return x[:, None], y


def loss_of_prediction(loss: str, y: float, f: Array) -> Array:
    """L(y, f) for a range of predictions f: the curve of a loss as a function of the prediction."""
    f = np.asarray(f, float).reshape(-1, 1)
    return get_loss(loss).value(f, np.full_like(f, y))


def example_losses(network: Network, X, y, loss: str) -> tuple[Array, Array, float]:
    """Per-example predictions f(x⁽ⁱ⁾) and losses L(y⁽ⁱ⁾, f(x⁽ⁱ⁾)), and their mean: the empirical risk.

    The mean is ``Network.loss`` itself, so what a scene shows as R_emp is the engine's risk.
    """
    loss_fn = get_loss(loss)
    X, _ = network.check_input(X)
    trace = network.forward(X)
    Y = network.targets(y, len(X), loss_fn)
    per_example = loss_fn.values(trace.f_in, trace.output, Y, network.layers[-1].activation)
    return trace.output[:, 0], per_example, network.loss(X, Y, loss_fn)


# ---- the surface ------------------------------------------------------------------------------
@dataclass
class LossSurface:
    """The empirical risk R(θ₀, θ₁) of a two-parameter network on a grid: ``risk[j, i]`` at (p0[i], p1[j])."""

    network: Network
    X: Array
    y: Array
    loss: str
    p0: Array  # (nx,) values of θ₀ (for a single neuron: w)
    p1: Array  # (ny,) values of θ₁ (b)
    risk: Array  # (ny, nx)
    names: tuple[str, str] = ("w", "b")

    @property
    def extent(self) -> tuple[float, float, float, float]:
        return float(self.p0[0]), float(self.p0[-1]), float(self.p1[0]), float(self.p1[-1])

    def contains(self, theta: Array) -> Array:
        """Whether each θ of a stack (..., 2) lies on the drawn surface."""
        theta = np.asarray(theta, float)
        x0, x1, y0, y1 = self.extent
        return (theta[..., 0] >= x0) & (theta[..., 0] <= x1) & (theta[..., 1] >= y0) & (theta[..., 1] <= y1)

    def at(self, p0: float, p1: float) -> float:
        """The risk at (θ₀, θ₁), bilinear between the grid's values (exact on the grid points)."""
        fx = np.interp(p0, self.p0, np.arange(len(self.p0)))
        fy = np.interp(p1, self.p1, np.arange(len(self.p1)))
        i, j = min(int(fx), len(self.p0) - 2), min(int(fy), len(self.p1) - 2)
        tx, ty = fx - i, fy - j
        r = self.risk
        return float((1 - ty) * ((1 - tx) * r[j, i] + tx * r[j, i + 1]) + ty * ((1 - tx) * r[j + 1, i]
                                                                             + tx * r[j + 1, i + 1]))

    def levels(self, count: int = 9) -> Array:
        """Contour levels spaced geometrically from just above the minimum to the top of the grid."""
        low, high = float(self.risk.min()), float(np.percentile(self.risk, 95))
        base = max(high - low, 1e-12)
        return low + base * np.geomspace(0.01, 1.0, count)


def _check_two_parameters(network: Network) -> None:
    if network.n_parameters != 2:
        raise NnvizError(f"a loss surface needs a network with exactly 2 parameters; {network.name} "
                         f"has {network.n_parameters} (use a single neuron with one input)")


def parameter_names(network: Network) -> tuple[str, str]:
    """The slides' names of θ₀ and θ₁: (w, b) for a one-input neuron, else (θ₀, θ₁)."""
    if network.n_inputs == 1 and len(network.layers) == 1:
        return "w", "b"
    return "θ₀", "θ₁"


def loss_surface(network: Network, X, y, loss: str, *, around: Sequence[Array] = (),
                 extent: tuple[float, float, float, float] | None = None, resolution: int = 61,
                 margin: float = 0.25) -> LossSurface:
    """The risk on a grid covering ``extent``, or the bounding box of the parameter stacks ``around``.

    ``around`` is usually ``[history.parameters, ...]``: the surface then shows the whole path.
    """
    _check_two_parameters(network)
    X, _ = network.check_input(X)
    if extent is None:
        points = np.concatenate([np.atleast_2d(p) for p in around] or [network.parameters()[None]])
        points = points[np.all(np.isfinite(points), axis=1)]
        low, high = points.min(axis=0), points.max(axis=0)
        pad = margin * np.maximum(high - low, 1.0)
        (x0, y0), (x1, y1) = low - pad, high + pad
        extent = (x0, x1, y0, y1)
    p0 = np.linspace(extent[0], extent[1], resolution)
    p1 = np.linspace(extent[2], extent[3], resolution)
    risk = np.array([[network.with_parameters(np.array([a, b])).loss(X, y, loss) for a in p0] for b in p1])
    return LossSurface(network, X, np.asarray(y), loss, p0, p1, risk, parameter_names(network))


# ---- learning rates and runs -----------------------------------------------------------------
def sharpness(network: Network, X, y, loss: str, theta: Array | None = None, eps: float = 1e-5) -> float:
    """The largest eigenvalue of the risk's Hessian at θ, by central differences of the gradient.

    Plain gradient descent on a quadratic converges when η < 2 / sharpness, and diverges above.
    """
    theta = network.parameters() if theta is None else np.asarray(theta, float)
    P = len(theta)
    H = np.empty((P, P))
    for k in range(P):
        step = np.zeros(P)
        step[k] = eps
        plus = network.with_parameters(theta + step).gradient(X, y, loss)[1]
        minus = network.with_parameters(theta - step).gradient(X, y, loss)[1]
        H[:, k] = (plus - minus) / (2 * eps)
    return float(np.max(np.linalg.eigvalsh((H + H.T) / 2)))


def learning_rates(network: Network, X, y, loss: str, lr: float | None = None) -> tuple[float, float, float]:
    """Learning rates (too small, right, too large) for gradient descent from the network's θ.

    ``right`` is ``lr`` if given, else 1 / sharpness (one step to the bottom along the steepest
    direction, at the start or at the bottom, whichever is sharper); ``too small`` is a tenth of it;
    ``too large`` is 2.05 / sharpness at the bottom, just past the edge where the iterates diverge.
    """
    start = sharpness(network, X, y, loss)
    # Away from a quadratic (a sigmoid neuron) the curvature changes along the way: the right rate
    # respects the sharper of the start and the bottom; too large is too large at the bottom.
    bottom = train(network, X, y, loss, "sgd", lr=1.0 / start, steps=200).parameters[-1]
    at_bottom = sharpness(network, X, y, loss, bottom)
    right = 1.0 / max(start, at_bottom) if lr is None else float(lr)
    return right / 10, right, max(2.05 / at_bottom, 2.05 * right)


def descent_runs(network: Network, X, y, loss: str, lrs: Sequence[float], steps: int = 25) -> list[History]:
    """One full-batch gradient-descent ``History`` per learning rate, all from the network's θ."""
    return [train(network, X, y, loss, "sgd", lr=lr, steps=steps) for lr in lrs]


# ---- a decision boundary while training ------------------------------------------------------
@dataclass
class BoundaryMovie:
    """The network's output on a grid at some recorded steps of a training ``History``."""

    history: History
    rows: Array  # (T,) rows of history.parameters shown
    x0: Array  # (nx,) grid of the first feature
    x1: Array  # (ny,)
    output: Array  # (T, ny, nx) the first output (class-1 probability) at each shown row

    @property
    def extent(self) -> tuple[float, float, float, float]:
        return float(self.x0[0]), float(self.x0[-1]), float(self.x1[0]), float(self.x1[-1])


def boundary_movie(history: History, X, *, frames: int = 40, resolution: int = 81,
                   margin: float = 0.3) -> BoundaryMovie:
    """Evaluate the network at ``frames`` rows of the history (more of them early, where it moves)."""
    X = np.asarray(X, float)
    low, high = X.min(axis=0) - margin, X.max(axis=0) + margin
    x0 = np.linspace(low[0], high[0], resolution)
    x1 = np.linspace(low[1], high[1], resolution)
    grid = np.stack(np.meshgrid(x0, x1), axis=-1).reshape(-1, 2)
    T = len(history)
    rows = np.unique(np.round(np.geomspace(1, T, frames)).astype(int) - 1)
    output = np.stack([history.network_at(t).predict(grid)[:, 0].reshape(resolution, resolution)
                       for t in rows])
    return BoundaryMovie(history, rows, x0, x1, output)


# ---- iso-lines (marching squares) --------------------------------------------------------------
def contour_segments(x: Array, y: Array, values: Array, level: float) -> Array:
    """Line segments (k, 2, 2) of the curve values == level on the grid values[j, i] at (x[i], y[j]).

    Marching squares with linear interpolation on each cell edge; enough for iso-loss lines and the
    f = 0.5 decision boundary without a plotting library.
    """
    v = np.asarray(values, float) - level
    a, b, c, d = v[:-1, :-1], v[:-1, 1:], v[1:, 1:], v[1:, :-1]  # corners: bl, br, tr, tl
    X0, Y0 = np.meshgrid(x[:-1], y[:-1])
    dx, dy = np.diff(x)[None, :], np.diff(y)[:, None]

    def crossing(p, q):  # fraction along an edge where the sign changes
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.clip(np.where(p == q, 0.5, p / (p - q)), 0, 1)

    edges = [  # each edge: its points (as functions of the cell) and its sign change
        (np.stack([X0 + crossing(a, b) * dx, Y0 + 0 * dy], -1), (a > 0) != (b > 0)),  # bottom
        (np.stack([X0 + dx + 0 * dy, Y0 + crossing(b, c) * dy], -1), (b > 0) != (c > 0)),  # right
        (np.stack([X0 + crossing(d, c) * dx, Y0 + dy + 0 * dx], -1), (d > 0) != (c > 0)),  # top
        (np.stack([X0 + 0 * dy, Y0 + crossing(a, d) * dy], -1), (a > 0) != (d > 0)),  # left
    ]
    points = np.stack([e[0] for e in edges], axis=-2)  # (ny-1, nx-1, 4, 2)
    crosses = np.stack([e[1] for e in edges], axis=-1)  # (ny-1, nx-1, 4)
    segments = []
    for j, i in zip(*np.nonzero(crosses.sum(-1) >= 2)):
        hit = points[j, i][crosses[j, i]]
        segments.append(hit[:2])
        if len(hit) == 4:  # a saddle cell: two segments
            segments.append(hit[2:])
    return np.array(segments).reshape(-1, 2, 2)
