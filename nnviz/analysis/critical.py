"""Minima and saddle points of the risk on a plane Θ of parameters, and gradient descent on it.

The slide: "Given a family of parameters Θ and a differentiable risk R(θ), find
θ_opt = argmin_{θ∈Θ} R(θ)" and "a real loss landscape: many local minima, saddle points". Here Θ
is a plane ``θ₀ + α·d₁ + β·d₂`` through the parameters of a real network, R its empirical risk on a
real data set. Every number comes from the engine: the risk from its forward pass, the gradient on
Θ from its backward pass (``dᵢ·∇R``), the Hessian on Θ from central differences of those gradients.

The built-in example (``symmetric_example``) is the plane through a trained 1-3-1 tanh network θ*
and three copies of it that compute the same function: hidden units 1 and 2 swapped, hidden unit 3's
signs flipped, and both. Four networks, one function, four minima of equal risk; between them the
risk must rise, and it does so through saddle points::

    example = symmetric_example()
    [p.kind for p in example.critical]       # minima, saddles, maxima with their Hessians' signs
    [run.minimum for run in example.runs]    # gradient descent from four starts: four minima
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from nnviz.analysis.landscape import Landscape
from nnviz.analysis.plane import evaluate_losses, evaluate_plane
from nnviz.engine.init import random_network
from nnviz.engine.network import Network
from nnviz.engine.train import train
from nnviz.errors import NnvizError

Array = np.ndarray
KINDS = ("minimum", "saddle", "maximum")


@dataclass
class CriticalPoint:
    """A point of Θ where the gradient of R on Θ vanishes, and what the Hessian there says."""

    alpha: float
    beta: float
    loss: float
    eigenvalues: Array  # (2,), ascending: the Hessian of R on Θ, by finite differences of gradients
    gradient_norm: float

    @property
    def kind(self) -> str:
        """``minimum`` (both eigenvalues > 0), ``saddle`` (one of each sign) or ``maximum``."""
        negative = int(np.sum(self.eigenvalues < 0))
        return KINDS[negative]

    @property
    def signs(self) -> str:
        """The signs of the Hessian's eigenvalues as the slide would write them: '(+, +)', '(−, +)'."""
        return "(" + ", ".join("−" if v < 0 else "+" for v in self.eigenvalues) + ")"


@dataclass
class DescentRun:
    """Plain gradient descent on Θ from one start: the path (α_t, β_t), R along it, where it ended."""

    alpha: Array
    beta: Array
    loss: Array
    lr: float
    minimum: int  # index into ``CriticalLandscape.critical`` of the minimum it ends in

    @property
    def start(self) -> tuple[float, float]:
        return float(self.alpha[0]), float(self.beta[0])


@dataclass
class CriticalLandscape:
    """A landscape on the plane Θ with its critical points found and gradient-descent runs on it."""

    landscape: Landscape
    critical: list[CriticalPoint]
    runs: list[DescentRun]
    description: str = ""  # what Θ is, one line
    anchors: dict[str, tuple[float, float]] = field(default_factory=dict)  # named points of Θ

    @property
    def minima(self) -> list[CriticalPoint]:
        return [p for p in self.critical if p.kind == "minimum"]

    @property
    def saddles(self) -> list[CriticalPoint]:
        return [p for p in self.critical if p.kind == "saddle"]

    @property
    def argmin(self) -> list[CriticalPoint]:
        """The minima of least risk (several when the lowest value is reached more than once)."""
        low = min(p.loss for p in self.minima)
        return [p for p in self.minima if p.loss <= low + 1e-9 * max(1.0, abs(low))]


# ---- R, ∇R and the Hessian on the plane ----------------------------------------------------------
class PlaneRisk:
    """R(α, β) = R(θ₀ + α·d₁ + β·d₂), its gradient on the plane and its Hessian, from the engine."""

    def __init__(self, network: Network, X: Array, y: Array, loss: str, theta: Array, d1: Array, d2: Array):
        self.network, self.X, self.y, self.loss = network, X, y, loss
        self.theta, self.D = np.asarray(theta, float), np.stack([d1, d2], axis=1)

    def point(self, p) -> Array:
        return self.theta + self.D @ np.asarray(p, float)

    def value(self, p) -> float:
        return float(evaluate_losses(self.network, self.point(p)[None], self.X,
                                     self.network.targets(self.y, len(self.X), self.loss), self.loss)[0])

    def gradient(self, p) -> Array:
        """(∂R/∂α, ∂R/∂β) = (d₁·∇R, d₂·∇R): the engine's backward pass, projected on the plane."""
        _, grad = self.network.with_parameters(self.point(p)).gradient(self.X, self.y, self.loss)
        return self.D.T @ grad

    def hessian(self, p, step: float = 1e-5) -> Array:
        """The 2×2 Hessian on the plane by central differences of the gradient, symmetrised."""
        H = np.empty((2, 2))
        for k in range(2):
            e = np.zeros(2)
            e[k] = step
            H[:, k] = (self.gradient(np.asarray(p) + e) - self.gradient(np.asarray(p) - e)) / (2 * step)
        return (H + H.T) / 2


def _grid_candidates(alpha: Array, beta: Array, loss: Array) -> list[tuple[float, float]]:
    """Grid points where |∇R|² (by differences of the grid) is smallest among its 3×3 neighbours."""
    g_beta, g_alpha = np.gradient(loss, beta, alpha)
    size = g_alpha**2 + g_beta**2
    inner = size[1:-1, 1:-1]
    neighbours = np.stack([size[1 + di:size.shape[0] - 1 + di, 1 + dj:size.shape[1] - 1 + dj]
                           for di in (-1, 0, 1) for dj in (-1, 0, 1) if (di, dj) != (0, 0)])
    rows, cols = np.nonzero(inner <= neighbours.min(axis=0))
    return [(float(alpha[j + 1]), float(beta[i + 1])) for i, j in zip(rows, cols)]


def refine(risk: PlaneRisk, start, steps: int = 60, tol: float = 1e-11) -> Array | None:
    """Newton's method on the gradient of R on the plane: a critical point near ``start``, or None."""
    p = np.asarray(start, float)
    scale = 1.0 + float(np.abs(p).max())
    for _ in range(steps):
        g = risk.gradient(p)
        if np.linalg.norm(g) < tol:
            return p
        H = risk.hessian(p)
        try:
            move = np.linalg.solve(H, g)
        except np.linalg.LinAlgError:
            return None
        length = np.linalg.norm(move)
        if length > 0.1 * scale:  # a trust region: Newton jumps far where H is nearly singular
            move *= 0.1 * scale / length
        p = p - move
    return p if np.linalg.norm(risk.gradient(p)) < 1e-8 else None


def critical_points(risk: PlaneRisk, alpha: Array, beta: Array, loss: Array,
                    flat: float = 1e-6) -> list[CriticalPoint]:
    """Every critical point the grid suggests, refined by Newton and classified by its Hessian.

    Points where an eigenvalue is within ``flat`` of 0 (relative to the largest) are left out: they
    are not minima, maxima or saddles one can tell apart.
    """
    found: list[Array] = []
    span = max(alpha[-1] - alpha[0], beta[-1] - beta[0])
    for start in _grid_candidates(alpha, beta, loss):
        p = refine(risk, start)
        if p is None or not (alpha[0] <= p[0] <= alpha[-1] and beta[0] <= p[1] <= beta[-1]):
            continue
        if all(np.linalg.norm(p - q) > 1e-6 * span for q in found):
            found.append(p)
    points = []
    for p in found:
        eigenvalues = np.linalg.eigvalsh(risk.hessian(p))
        if np.min(np.abs(eigenvalues)) <= flat * np.max(np.abs(eigenvalues)):
            continue
        points.append(CriticalPoint(float(p[0]), float(p[1]), risk.value(p), eigenvalues,
                                    float(np.linalg.norm(risk.gradient(p)))))
    return sorted(points, key=lambda q: (KINDS.index(q.kind), q.loss, q.alpha, q.beta))


def descend(risk: PlaneRisk, start, lr: float, minima: list[CriticalPoint], steps: int = 4000,
            tol: float = 1e-9) -> DescentRun:
    """Gradient descent p ← p − η·∇R(p) on the plane until the gradient vanishes; the minimum it reaches."""
    path = [np.asarray(start, float)]
    for _ in range(steps):
        g = risk.gradient(path[-1])
        if np.linalg.norm(g) < tol:
            break
        path.append(path[-1] - lr * g)
    P = np.array(path)
    end = P[-1]
    distances = [np.hypot(end[0] - m.alpha, end[1] - m.beta) for m in minima]
    nearest = int(np.argmin(distances)) if minima else -1
    losses = evaluate_losses(risk.network, risk.theta + P @ risk.D.T, risk.X,
                             risk.network.targets(risk.y, len(risk.X), risk.loss), risk.loss)
    return DescentRun(P[:, 0], P[:, 1], losses, lr, nearest)


def runs_to_every_minimum(risk: PlaneRisk, critical: list[CriticalPoint], centre, radius: float,
                          lr: float, starts: int = 16) -> list[DescentRun]:
    """Gradient descent from starts on a circle around ``centre``: one run for each minimum reached.

    Starts close together end in different minima: which basin a start lies in decides the end.
    """
    minima = [p for p in critical if p.kind == "minimum"]
    runs: dict[int, DescentRun] = {}
    for angle in np.linspace(0, 2 * np.pi, starts, endpoint=False) + np.pi / starts:
        start = np.asarray(centre, float) + radius * np.array([np.cos(angle), np.sin(angle)])
        run = descend(risk, start, lr, minima)
        m = minima[run.minimum]
        if run.minimum not in runs and np.hypot(run.alpha[-1] - m.alpha, run.beta[-1] - m.beta) < 1e-4 * radius:
            runs[run.minimum] = run
    return [runs[k] for k in sorted(runs)]


# ---- the built-in example --------------------------------------------------------------------------
def wave(n: int = 25, *, noise: float = 0.1, seed: int = 0) -> tuple[Array, Array]:
    """n noisy samples of y = sin(2.2x) + 0.3x on [−2, 2]: a 1-D regression a 1-3-1 network fits."""
    rng = np.random.default_rng(seed)
    x = np.linspace(-2.0, 2.0, n)
    return x[:, None], np.sin(2.2 * x) + 0.3 * x + rng.normal(0.0, noise, n)


def _permute_units(network: Network, theta: Array, order: list[int]) -> Array:
    """θ with the first hidden layer's units reordered: the same function, other parameters."""
    (W, b), (U, c) = network.split_parameters(theta)
    return np.concatenate([W[:, order].ravel(), b[order], U[order].ravel(), c])


def _flip_unit(network: Network, theta: Array, unit: int) -> Array:
    """θ with one tanh unit's weights, bias and outgoing weights negated: tanh is odd, f is unchanged."""
    (W, b), (U, c) = (tuple(a.copy() for a in pair) for pair in network.split_parameters(theta))
    W[:, unit] *= -1
    b[unit] *= -1
    U[unit] *= -1
    return np.concatenate([W.ravel(), b, U.ravel(), c])


def trained_minimum(network: Network, X: Array, y: Array, loss: str, steps: int = 5000,
                    seed: int = 0) -> Array:
    """θ* where ∇R = 0: Adam from the network's θ, then Newton steps on the engine's full gradient."""
    theta = train(network, X, y, loss, "adam", lr=0.02, steps=steps, seed=seed,
                  record_every=steps).parameters[-1]

    def gradient(t: Array) -> Array:
        return network.with_parameters(t).gradient(X, y, loss)[1]

    eye = 1e-5 * np.eye(len(theta))
    for _ in range(30):
        g = gradient(theta)
        if np.linalg.norm(g) < 1e-12:
            break
        H = np.stack([(gradient(theta + e) - gradient(theta - e)) / 2e-5 for e in eye], axis=1)
        theta = theta - np.linalg.solve((H + H.T) / 2, g)
    return theta


def symmetric_example(resolution: int = 121, seed: int = 0) -> CriticalLandscape:
    """The plane through a trained 1-3-1 tanh network and three copies computing the same function.

    θ* is trained on ``wave`` (L2). Swapping hidden units 1 and 2 moves θ* along d₁; negating unit
    3 moves it along d₂ (d₁ ⟂ d₂: they touch different weights). The origin is the centre of the
    four copies, where units 1 and 2 are equal and unit 3 is switched off.
    """
    X, y = wave(seed=seed)
    network = random_network([1, 3, 1], "tanh", "identity", seed=seed, name="1-3-1 tanh network")
    network.default_loss = "l2"
    theta = trained_minimum(network, X, y, "l2", seed=seed)
    swapped, flipped = _permute_units(network, theta, [1, 0, 2]), _flip_unit(network, theta, 2)
    both = swapped + flipped - theta
    centre = (theta + swapped + flipped + both) / 4
    d1, d2 = (theta - swapped) / 2, (theta - flipped) / 2
    a, b = float(np.linalg.norm(d1)), float(np.linalg.norm(d2))
    if a == 0 or b == 0:
        raise NnvizError("the trained network has equal units: no plane of copies to draw")
    d1, d2 = d1 / a, d2 / b
    reach = 1.6 * max(a, b)
    axis = np.linspace(-reach, reach, resolution)
    Y = network.targets(y, len(X), "l2")
    loss = evaluate_plane(network, centre, d1, d2, axis, axis, X, Y, "l2")
    landscape = Landscape(axis, axis.copy(), loss, centre, d1, d2, "symmetry", "l2", None, None, None, X, Y,
                          network.with_parameters(centre), "25 points of y = sin(2.2x) + 0.3x + noise",
                          axis_names=("α: swap hidden units 1 and 2", "β: flip the signs of hidden unit 3"))
    risk = PlaneRisk(network, X, y, "l2", centre, d1, d2)
    critical = critical_points(risk, axis, axis.copy(), loss)
    minima = [p for p in critical if p.kind == "minimum"]
    sharpest = max(float(p.eigenvalues[-1]) for p in minima)
    runs = runs_to_every_minimum(risk, critical, (0.0, 0.0), 0.35 * min(a, b), lr=1.0 / sharpest)
    anchors = {"θ*": (a, b), "swapped": (-a, b), "flipped": (a, -b), "both": (-a, -b)}
    return CriticalLandscape(landscape, critical, runs,
                             "Θ: the plane through θ* and its three copies that compute the same function",
                             anchors)
