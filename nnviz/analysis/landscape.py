"""Loss landscapes: the risk on a plane through parameter space, the training path on it, 1-D slices.

A landscape is ``L(θ + α·d1 + β·d2)`` on a grid of (α, β). ``Landscape.loss[i, j]`` is the loss at
``(β_i, α_j)``: rows follow β, columns follow α, as ``np.meshgrid(alpha, beta)`` and every plotting
library (x = α across, y = β up) expect.

Directions are random Gaussian vectors rescaled as in Li et al. 2018, "Visualizing the Loss Landscape
of Neural Nets" (``filter``: each neuron's incoming weights, a column of ``W``, get the norm of that
neuron's weights; ``layer``: each layer gets its weights' norm; ``none``: raw), or the two principal
directions of a training path (``pca``).

>>> landscape = compute_landscape(network, X, y, directions="filter", resolution=51)
>>> landscape.loss.shape          # (51, 51): loss[i, j] is at (beta[i], alpha[j])
>>> landscape = compute_landscape(network, X, y, directions="pca", history=history)
>>> landscape.path.distance.max()  # how far the drawn path is from the real one
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np

from nnviz.engine.losses import Loss, get_loss
from nnviz.engine.network import Network
from nnviz.engine.notation import format_number
from nnviz.engine.train import History
from nnviz.errors import NnvizError

Array = np.ndarray
DIRECTION_KINDS = ("filter", "layer", "none", "pca")
KIND_NAMES = {"filter": "filter-normalised direction", "layer": "layer-normalised direction",
              "none": "random direction", "pca": "PCA"}
CHUNK_BYTES = 2**20  # the largest intermediate array of a chunk: small enough to stay in cache
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

    @property
    def centre_loss(self) -> float:
        """The loss at θ (the grid's centre when the grid is symmetric)."""
        assert self.network is not None
        return float(self.network.loss(self.X, self.y, self.loss_name))

    def axis_label(self, axis: int) -> str:
        """'PCA 1 (93.21 %)' or 'filter-normalised direction 1'."""
        name = f"{KIND_NAMES[self.kind]} {axis + 1}"
        if self.explained is not None:
            name += f" ({format_number(100 * float(self.explained[axis]))} %)"
        return name

    @property
    def title(self) -> str:
        data = self.dataset or "the slide example"
        return f"{self.loss_name} loss of {self.network.name if self.network else 'the network'} on {data}"


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


# ---- directions --------------------------------------------------------------------------------
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


# ---- fast evaluation ---------------------------------------------------------------------------
def _block(n: int, network: Network) -> int:
    """Data rows per block: each per-network matrix product stays below OpenBLAS's threading
    threshold (M·N·K ≤ 2^18), so no BLAS thread pool is woken for tiny products (on a busy machine
    that costs 10×)."""
    widest = max(layer.n_inputs * layer.n_neurons for layer in network.layers)
    return max(64, min(n, 2**18 // widest))


def _chunk(chunk_size: int | None, rows: int, network: Network) -> int:
    """Grid points per chunk: given, or so that an intermediate array is about ``CHUNK_BYTES``."""
    if chunk_size is not None:
        return max(1, int(chunk_size))
    widest = max(layer.n_neurons for layer in network.layers)
    return max(1, CHUNK_BYTES // (8 * rows * widest))


def _activate(activation, z: Array) -> Array:
    """The activation of an intermediate array, in place where that is possible (tanh, ReLU)."""
    if activation.name == "tanh":
        return np.tanh(z, out=z)
    if activation.name == "relu":
        return np.maximum(z, 0.0, out=z)
    return activation.value(z)


def _head(network: Network, z: Array, params: list[tuple[Array, Array]],
          buffers: list[Array] | None = None) -> Array:
    """From the first layer's pre-activation z (k, n, neurons) to the output's: returns f_in.

    ``buffers[i]`` (at least (k, n, neurons of layer i)) receive layer i's pre-activations, so a
    chunk allocates nothing (fresh megabytes per chunk cost page faults that double the time).
    """
    layers = network.layers
    for i in range(len(layers) - 1):
        W, b = params[i + 1]
        h = _activate(layers[i].activation, z)
        z = np.matmul(h, W, out=None if buffers is None else buffers[i + 1][:h.shape[0], :h.shape[1]])
        z += b[:, None, :]
    return z


def _loss_sum(network: Network, loss: Loss, f_in: Array, Y: Array) -> Array:
    """The summed loss per stacked network (k,), fused from f_in as the engine does."""
    last = network.layers[-1].activation
    if loss.fused_with == last.name:
        assert loss.fused_value is not None
        return loss.fused_value(f_in, Y).sum(axis=-1)
    return loss.value(last.value(f_in), Y).sum(axis=-1)


def _outputs(network: Network, thetas: Array, X: Array) -> tuple[Array, Array]:
    """(f_in, f) of the stacked networks ``thetas`` (k, P) on X: arrays (k, n, g)."""
    params = network.split_parameters(thetas)
    W, b = params[0]
    z = np.matmul(X[None], W)
    z += b[:, None, :]
    f_in = _head(network, z, params)
    return f_in, network.layers[-1].activation.value(f_in)


def evaluate_losses(network: Network, thetas: Array, X: Array, Y: Array, loss: str | Loss,
                    chunk_size: int | None = None) -> Array:
    """The risk at each parameter vector of ``thetas`` (K, P), batched; ``Y`` as ``network.targets``."""
    loss = get_loss(loss)
    thetas = np.atleast_2d(np.asarray(thetas, dtype=float))
    rows = _block(len(X), network)
    k = _chunk(chunk_size, rows, network)
    out = np.zeros(len(thetas))
    for start in range(0, len(thetas), k):
        params = network.split_parameters(thetas[start:start + k])
        W, b = params[0]
        for r in range(0, len(X), rows):
            z = np.matmul(X[None, r:r + rows], W)
            z += b[:, None, :]
            out[start:start + k] += _loss_sum(network, loss, _head(network, z, params), Y[r:r + rows])
    return out / len(X)


def evaluate_plane(network: Network, theta: Array, d1: Array, d2: Array, alpha: Array, beta: Array,
                   X: Array, Y: Array, loss: str | Loss, chunk_size: int | None = None,
                   progress: Callable[[int, int], None] | None = None, workers: int = 1,
                   dtype=np.float64) -> Array:
    """``loss[i, j] = L(θ + alpha[j]·d1 + beta[i]·d2)`` on (X, Y), all grid points batched.

    The first layer is affine in (α, β): X·W(α, β) + b(α, β) = (X·W0 + b0) + α(X·D1 + e1) + β(X·D2 + e2);
    the three products are computed once, and a chunk's pre-activations are their combination.
    Memory is bounded by the chunk size (grid points per chunk; default: ~1 MiB per intermediate
    array, which keeps a chunk in cache), and by blocks of data rows. ``progress(done, total)``
    reports the points done; ``workers`` > 1 evaluates chunks in that many threads. ``dtype``
    ``np.float32`` is about three times faster and good to ~1e-6 (pictures, not tests).
    """
    loss = get_loss(loss)
    alpha, beta = np.asarray(alpha, float), np.asarray(beta, float)
    (W0, b0), (D1, e1), (D2, e2) = (network.split_parameters(v)[0] for v in (theta, d1, d2))
    n = len(X)
    basis = np.stack([X @ W0 + b0, X @ D1 + e1, X @ D2 + e2]).astype(dtype, copy=False)  # (3, n, h)
    Y = np.asarray(Y).astype(dtype, copy=False)
    A, B = np.meshgrid(alpha, beta)
    coords = np.c_[A.ravel(), B.ravel()]
    low = np.dtype(dtype) != np.float64
    rows = _block(n, network)
    total, k = len(coords), _chunk(chunk_size, rows, network)
    out = np.zeros(total)
    local = threading.local()  # each thread's buffers, reused by all its chunks

    def chunk(start: int) -> int:
        if not hasattr(local, "buffers"):
            local.buffers = [np.empty((k, rows, layer.n_neurons), dtype) for layer in network.layers]
            local.spare = np.empty((k, rows, network.layers[0].n_neurons), dtype)
        a, b = coords[start:start + k, 0, None, None], coords[start:start + k, 1, None, None]
        params = network.split_parameters(theta + a[:, 0] * d1 + b[:, 0] * d2)
        if low:
            params = [(W.astype(dtype), c.astype(dtype)) for W, c in params]
            a, b = a.astype(dtype), b.astype(dtype)
        for r in range(0, n, rows):
            base, along1, along2 = basis[:, r:r + rows]
            # elementwise, not BLAS: no thread pool for a product of inner size 3
            z, spare = local.buffers[0][:len(a), :len(base)], local.spare[:len(a), :len(base)]
            np.multiply(a, along1, out=z)
            z += base
            z += np.multiply(b, along2, out=spare)
            f_in = _head(network, z, params, local.buffers)
            out[start:start + k] += _loss_sum(network, loss, f_in, Y[r:r + rows])
        out[start:start + k] /= n
        return min(start + k, total)

    starts = range(0, total, k)
    if workers > 1:  # NumPy releases the GIL inside its loops: chunks run in parallel threads
        with ThreadPoolExecutor(workers) as pool:
            for done, _ in enumerate(pool.map(chunk, starts), 1):
                if progress is not None and (done % 64 == 0 or done == len(starts)):
                    progress(min(done * k, total), total)
    else:
        for start in starts:
            end = chunk(start)
            if progress is not None:
                progress(end, total)
    return out.reshape(len(beta), len(alpha))


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


def decision_values(network: Network, thetas: Array, x1: Array, x2: Array) -> tuple[Array, str]:
    """What each stacked network says on the input grid: (k, len(x2), len(x1)) and the kind."""
    G1, G2 = np.meshgrid(x1, x2)
    grid = np.c_[G1.ravel(), G2.ravel()]
    thetas = np.atleast_2d(thetas)
    values = []
    for start in range(0, len(thetas), 16):
        _, f = _outputs(network, thetas[start:start + 16], grid)
        if f.shape[-1] > 1:
            values.append(np.argmax(f, axis=-1).astype(float))
        else:
            values.append(f[..., 0])
    kind = ("class" if network.n_outputs > 1 else
            "probability" if network.layers[-1].activation.name == "sigmoid" else "output")
    return np.concatenate(values).reshape(len(thetas), len(x2), len(x1)), kind


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
        raise NnvizError(f"--directions {directions!r}: expected one of {', '.join(DIRECTION_KINDS)}")
    loss = loss or network.fitting_loss()
    try:
        loss_fn = get_loss(loss)
    except KeyError as e:
        raise NnvizError(str(e.args[0])) from None
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
            raise NnvizError("--directions pca needs a training history: use a network saved by "
                             "`nnviz train DATASET -o net.json`")
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
