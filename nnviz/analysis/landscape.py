"""Loss landscapes: the risk on a plane through parameter space, the training path on it, 1-D slices.

A landscape is ``L(θ + α·d1 + β·d2)`` on a grid of (α, β). ``Landscape.loss[i, j]`` is the loss at
``(β_i, α_j)``: rows follow β, columns follow α, as ``np.meshgrid(alpha, beta)`` and every plotting
library (x = α across, y = β up) expect.

Directions are random Gaussian vectors rescaled as in Li et al. 2018, "Visualizing the Loss Landscape
of Neural Nets" (``filter``: each neuron's incoming weights, a column of ``W``, get the norm of that
neuron's weights; ``layer``: each layer gets its weights' norm; ``none``: raw), or the two principal
directions of a training path (``pca``).

>>> from nnviz.data import load_dataset
>>> from nnviz.engine import random_network, train
>>> X, y = load_dataset("xor", 40)
>>> history = train(random_network([2, 4, 1]), X, y, steps=100)
>>> network = history.final()
>>> landscape = compute_landscape(network, X, y, directions="filter", resolution=11)
>>> landscape.loss.shape, (landscape.alpha[5], landscape.beta[5]) == (0, 0)   # loss[i, j]: (beta[i], alpha[j])
((11, 11), True)
>>> round(float(landscape.loss[5, 5]), 3), round(network.loss(X, y), 3)   # the centre is the network itself
(0.663, 0.663)
>>> landscape = compute_landscape(network, X, y, directions="pca", history=history, resolution=11)
>>> print(landscape.path.summary())
drawn path: at most 0.00 from the real one (0.76 % of its length 0.49)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from nnviz.analysis.directions import (  # noqa: F401  (normalize_direction: part of the landscape API)
    normalize_direction,
    pca_directions,
    random_directions,
)
from nnviz.analysis.plane import decision_values, evaluate_losses, evaluate_plane
from nnviz.engine.losses import Loss, get_loss
from nnviz.engine.network import Network
from nnviz.engine.notation import format_number
from nnviz.engine.train import History
from nnviz.errors import NnvizError

Array = np.ndarray
DIRECTION_KINDS = ("filter", "layer", "none", "pca")
KIND_NAMES = {"filter": "filter-normalised direction", "layer": "layer-normalised direction",
              "none": "random direction", "pca": "PCA", "symmetry": "direction"}
MAX_FRAMES = 60  # path points a plot steps through


# ---- results -----------------------------------------------------------------------------------
@dataclass
class LandscapePath:
    """A training path projected onto the landscape's plane.

    ``alpha, beta`` are the coordinates of the projection of θ_t; ``surface_loss`` the loss there (on
    the drawn surface), ``loss`` the loss at the real θ_t, ``distance`` = ‖θ_t − projection‖.
    ``frames`` are the rows a plot steps through (at most ``MAX_FRAMES``, first and last included).
    """

    steps: Array
    alpha: Array
    beta: Array
    loss: Array
    surface_loss: Array
    distance: Array
    length: float  # Σ‖θ_{t+1} − θ_t‖ of the real path
    frames: Array

    def summary(self) -> str:
        """One line saying how far the drawn path is from the real one."""
        worst = float(self.distance.max())
        relative = worst / self.length if self.length > 0 else 0.0
        return (f"drawn path: at most {format_number(worst)} from the real one "
                f"({format_number(100 * relative)} % of its length {format_number(self.length)})")


@dataclass
class DecisionMaps:
    """The network's output over input space at the points of a coarse sub-grid of the landscape.

    ``maps[i, j]`` (shape (len(x2), len(x1))) belongs to (beta[i], alpha[j]); ``path_maps[k]`` to the
    real θ at path row ``frames[k]``. ``kind``: ``probability`` (of class 1), ``class`` (the argmax)
    or ``output`` (a regression output).
    """

    x1: Array
    x2: Array
    alpha: Array
    beta: Array
    maps: Array
    kind: str
    classes: int
    path_maps: Array | None = None


@dataclass
class Landscape:
    """The loss on a plane through θ: ``loss[i, j] = L(θ + alpha[j]·d1 + beta[i]·d2)``."""

    alpha: Array
    beta: Array
    loss: Array
    theta: Array
    d1: Array
    d2: Array
    kind: str
    loss_name: str
    explained: Array | None = None  # for PCA: fraction of Σ‖θ_t − θ‖² along d1 and d2
    path: LandscapePath | None = None
    regions: DecisionMaps | None = None
    X: Array | None = field(default=None, repr=False)
    y: Array | None = field(default=None, repr=False)
    network: Network | None = field(default=None, repr=False)  # the network at θ
    dataset: str | None = None
    history_parameters: Array | None = field(default=None, repr=False)  # the real path θ_t
    axis_names: tuple[str, str] | None = None  # names of α and β when they mean more than a direction

    @property
    def centre_loss(self) -> float:
        """The loss at θ (the grid's centre when the grid is symmetric)."""
        assert self.network is not None
        return float(self.network.loss(self.X, self.y, self.loss_name))

    def axis_label(self, axis: int) -> str:
        """'PCA 1 (93.21 %)' or 'filter-normalised direction 1' (or the plane's own names)."""
        if self.axis_names is not None:
            return self.axis_names[axis]
        name = f"{KIND_NAMES[self.kind]} {axis + 1}"
        if self.explained is not None:
            name += f" ({format_number(100 * float(self.explained[axis]))} %)"
        return name

    def axis_short(self, axis: int) -> str:
        """The axis's name for hover labels: 'PCA 1', 'direction 2' (or the first word of its own name)."""
        if self.axis_names is not None:
            return self.axis_names[axis].split(":")[0]
        return f"{'PCA' if self.kind == 'pca' else 'direction'} {axis + 1}"

    @property
    def title(self) -> str:
        data = self.dataset or "the slide example"
        return f"{self.loss_name} loss of {self.network.name if self.network else 'the network'} on {data}"

    @property
    def lowest(self) -> tuple[float, float, float]:
        """(α, β, loss) of the lowest grid point."""
        i, j = np.unravel_index(int(np.argmin(self.loss)), self.loss.shape)
        return float(self.alpha[j]), float(self.beta[i]), float(self.loss[i, j])

    def end_note(self, path: LandscapePath | None = None) -> str | None:
        """Why the drawn path does not end at the drawn minimum, when it does not (else None).

        The plane is a slice of Θ: its lowest point is a network training never visited. When the
        weights there are larger than at the path's end, the loss falls as the weights grow (a
        classifier on separable data can always sharpen its sigmoid): gradient descent would keep
        going that way, and stopped where its steps ran out.
        """
        path = self.path if path is None else path
        if path is None:
            return None
        a, b, low = self.lowest
        end_a, end_b = float(path.alpha[-1]), float(path.beta[-1])
        end_loss = float(path.surface_loss[-1])
        span = max(self.alpha[-1] - self.alpha[0], self.beta[-1] - self.beta[0])
        if np.hypot(a - end_a, b - end_b) < 0.05 * span or end_loss - low <= 1e-3 * max(end_loss, 1e-12):
            return None
        note = (f"The path ends at ({format_number(end_a)}, {format_number(end_b)}), not at the plane's "
                f"lowest point ({format_number(a)}, {format_number(b)}): the plane is a slice of Θ, "
                "and training never went there")
        norm_end = float(np.linalg.norm(self.theta + end_a * self.d1 + end_b * self.d2))
        norm_low = float(np.linalg.norm(self.theta + a * self.d1 + b * self.d2))
        if norm_low > norm_end:
            note += (f"; there the weights are larger (‖θ‖ {format_number(norm_low)} against "
                     f"{format_number(norm_end)}): the loss keeps falling as the weights grow")
        return note + "."


@dataclass
class Interpolation:
    """The loss along θ(t) = (1 − t)·θ_a + t·θ_b; t = 0 and t = 1 are the two end points."""

    t: Array
    loss: Array
    labels: tuple[str, str]
    loss_name: str

    @property
    def barrier(self) -> float:
        """How far the loss rises between the end points above the higher of the two."""
        inside = (self.t >= 0) & (self.t <= 1)
        ends = max(self.loss[np.argmin(np.abs(self.t))], self.loss[np.argmin(np.abs(self.t - 1))])
        return float(max(0.0, self.loss[inside].max() - ends))


# ---- paths, regions, interpolation -------------------------------------------------------------
def project_path(network: Network, parameters: Array, theta: Array, d1: Array, d2: Array, X: Array,
                 Y: Array, loss: str | Loss, steps: Array | None = None) -> LandscapePath:
    """Project θ_t onto the plane θ + α·d1 + β·d2 (least squares) and evaluate both losses."""
    parameters = np.asarray(parameters, dtype=float)
    D = np.stack([d1, d2], axis=1)  # (P, 2)
    coords, *_ = np.linalg.lstsq(D, (parameters - theta).T, rcond=None)
    alpha, beta = coords
    on_plane = theta + coords.T @ D.T
    distance = np.linalg.norm(parameters - on_plane, axis=1)
    frames = np.unique(np.linspace(0, len(parameters) - 1, min(len(parameters), MAX_FRAMES)).round()
                       .astype(int))
    return LandscapePath(
        steps=np.arange(len(parameters)) if steps is None else np.asarray(steps),
        alpha=alpha, beta=beta,
        loss=evaluate_losses(network, parameters, X, Y, loss),
        surface_loss=evaluate_losses(network, on_plane, X, Y, loss),
        distance=distance,
        length=float(np.linalg.norm(np.diff(parameters, axis=0), axis=1).sum()),
        frames=frames)


def resolve_path(landscape: Landscape, path=None) -> LandscapePath | None:
    """The path a plot draws: ``None`` the landscape's own, ``False`` none, a History projected."""
    if path is False:
        return None
    if path is None:
        return landscape.path
    if isinstance(path, History):
        assert landscape.network is not None and landscape.X is not None and landscape.y is not None
        return project_path(landscape.network, path.parameters, landscape.theta, landscape.d1,
                            landscape.d2, landscape.X, landscape.y, landscape.loss_name, path.steps)
    return path


def loss_scale(values, log: bool = False) -> Array:
    """The loss as plotted: itself, or log10 of it with zeros (an exactly fitted example) lifted to
    the smallest positive loss, or to 1e-12 × the largest when that is larger."""
    values = np.asarray(values, dtype=float)
    if not log:
        return values
    positive = values[values > 0]
    floor = max(float(positive.min()), 1e-12 * float(positive.max())) if positive.size else 1e-300
    return np.log10(np.maximum(values, floor))


def input_grid(X: Array, resolution: int = 41, margin: float = 0.15) -> tuple[Array, Array]:
    """Coordinates of a square grid over the data's bounding box, with a margin."""
    lo, hi = X.min(axis=0), X.max(axis=0)
    pad = margin * (hi - lo).max()
    return (np.linspace(lo[0] - pad, hi[0] + pad, resolution),
            np.linspace(lo[1] - pad, hi[1] + pad, resolution))


def decision_maps(landscape: Landscape, coarse: int = 11, resolution: int = 41) -> DecisionMaps:
    """The network's decision regions at a coarse sub-grid of the landscape (and along its path)."""
    network, X = landscape.network, landscape.X
    assert network is not None and X is not None
    ai = np.unique(np.linspace(0, len(landscape.alpha) - 1, min(coarse, len(landscape.alpha))).round()
                   .astype(int))
    bi = np.unique(np.linspace(0, len(landscape.beta) - 1, min(coarse, len(landscape.beta))).round()
                   .astype(int))
    alpha, beta = landscape.alpha[ai], landscape.beta[bi]
    A, B = np.meshgrid(alpha, beta)
    thetas = landscape.theta + A.ravel()[:, None] * landscape.d1 + B.ravel()[:, None] * landscape.d2
    x1, x2 = input_grid(X, resolution)
    maps, kind = decision_values(network, thetas, x1, x2)
    path_maps = None
    if landscape.path is not None and landscape.history_parameters is not None:
        path_maps, _ = decision_values(network, landscape.history_parameters[landscape.path.frames], x1, x2)
    classes = max(2, network.n_outputs)
    return DecisionMaps(x1, x2, alpha, beta, maps.reshape(len(bi), len(ai), len(x2), len(x1)), kind,
                        classes, path_maps)


def _axis(span: float, resolution: int) -> Array:
    return np.linspace(-span, span, resolution)


def _pair(value, what: str) -> tuple:
    pair = tuple(value) if isinstance(value, (tuple, list, np.ndarray)) else (value, value)
    if len(pair) != 2:
        raise NnvizError(f"{what}: expected one value or two (alpha, beta), got {value!r}")
    return pair


def compute_landscape(network: Network, X, y, loss: str | None = None, *, directions: str = "filter",
                      resolution: int | tuple[int, int] = 51, span: float | tuple[float, float] = 1.0,
                      seed: int = 0, include_bias: bool = False, history: History | None = None,
                      regions: bool = True, chunk_size: int | None = None, dataset: str | None = None,
                      progress: Callable[[int, int], None] | None = None, workers: int = 1,
                      dtype=np.float64) -> Landscape:
    """The loss landscape of ``network`` on (X, y) around its parameters.

    ``resolution`` and ``span`` may be pairs (alpha, beta) for non-square grids. Random directions
    span [−span, span]; ``pca`` directions (which need ``history``) are unit vectors, and the grid
    covers ``span`` × 1.2 × the path's extent on each axis. With a history the path is projected and
    drawn. ``regions`` adds decision maps for a network with 2 inputs.
    """
    if directions not in DIRECTION_KINDS:
        raise NnvizError(f"{directions!r}: expected one of {', '.join(DIRECTION_KINDS)}", parameter="directions")
    loss_fn = get_loss(loss or network.fitting_loss())
    X, _ = network.check_input(X)
    Y = network.targets(y, len(X), loss_fn)
    n_alpha, n_beta = (int(r) for r in _pair(resolution, "resolution"))
    if min(n_alpha, n_beta) < 2:
        raise NnvizError(f"resolution must be at least 2 points per axis, got {resolution!r}")
    span_a, span_b = (float(s) for s in _pair(span, "span"))
    if not (span_a > 0 and span_b > 0):
        raise NnvizError(f"span must be positive, got {span!r}")
    explained = None
    if directions == "pca":
        if history is None:
            raise NnvizError("pca needs a training history (from `train`, or a network saved by "
                             "`nnviz train DATASET -o net.json`)", parameter="directions")
        theta = history.parameters[-1]
        d1, d2, explained = pca_directions(history.parameters, theta)
    else:
        theta = network.parameters()
        d1, d2 = random_directions(network, directions, seed, include_bias, theta)
    centre_net = network.with_parameters(theta)
    path = None
    if history is not None:
        path = project_path(network, history.parameters, theta, d1, d2, X, Y, loss_fn, history.steps)
    if directions == "pca":
        assert path is not None
        reach_a = 1.2 * float(np.abs(path.alpha).max()) or 1.0
        reach_b = 1.2 * float(np.abs(path.beta).max()) or reach_a
        span_a, span_b = span_a * reach_a, span_b * reach_b
    alpha, beta = _axis(span_a, n_alpha), _axis(span_b, n_beta)
    values = evaluate_plane(network, theta, d1, d2, alpha, beta, X, Y, loss_fn, chunk_size, progress,
                            workers, dtype)
    landscape = Landscape(alpha, beta, values, theta, d1, d2, directions, loss_fn.name, explained, path,
                          None, X, Y, centre_net, dataset,
                          None if history is None else history.parameters)
    if regions and network.n_inputs == 2:
        landscape.regions = decision_maps(landscape)
    return landscape


def interpolate(network: Network, theta_a: Array, theta_b: Array, X, y, loss: str | None = None, *,
                resolution: int = 51, extend: float = 0.25,
                labels: tuple[str, str] = ("initial", "trained")) -> Interpolation:
    """The loss on the line through θ_a (t = 0) and θ_b (t = 1), for t in [−extend, 1 + extend].

    Between an initial and a trained θ it shows the descent; between two independently trained
    solutions, the barrier between two minima.
    """
    loss_fn = get_loss(loss or network.fitting_loss())
    X, _ = network.check_input(X)
    Y = network.targets(y, len(X), loss_fn)
    t = np.linspace(-extend, 1 + extend, resolution)
    t = np.union1d(t, [0.0, 1.0])
    thetas = (1 - t)[:, None] * np.asarray(theta_a, float) + t[:, None] * np.asarray(theta_b, float)
    return Interpolation(t, evaluate_losses(network, thetas, X, Y, loss_fn), labels, loss_fn.name)
