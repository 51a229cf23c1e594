"""Decision regions: threshold networks built exactly from polygons, and the regions networks draw.

"Build a network of units with a single output that fires if the input is in the coloured area."
A step unit ``[w·x + b ≥ 0]`` is a half-plane; N of them summed and thresholded at N are their AND
(a convex polygon); polygons summed and thresholded at 1 are their OR (a union, or a non-convex
polygon cut into convex pieces). The networks are ordinary engine ``Network``s::

    >>> region = preset_region("pentagon")
    >>> region.network.shape                     # (2, 5, 1): N + 1 units
    >>> grid = region_grid(region)               # every unit's output on a grid
    >>> grid.hidden_sum.max(), grid.threshold    # (5.0, 5): the top of the pyramid is the AND

Plots and scenes read only what is recorded here (``RegionGrid``, ``DecisionGrid``,
``LinearRegions``, ``PolarFit``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from math import comb

import numpy as np

from nnviz.analysis.polygons import (  # noqa: F401  (re-exported: the regions API)
    convex_pieces,
    distance_to_outline,
    half_planes,
    is_convex,
    parse_polygon,
    point_in_polygon,
    regular_polygon,
    signed_area,
    star_polygon,
    validate_polygon,
)
from nnviz.engine.network import Dense, Network, Trace
from nnviz.errors import NnvizError

Array = np.ndarray
PRESETS = ("pentagon", "two-pentagons", "star", "ring")


# ---- threshold networks ----------------------------------------------------------------------
@dataclass
class ThresholdRegion:
    """A region of the plane and the network that fires exactly on it.

    ``pieces`` are the convex polygons the network ANDs (one hidden unit per edge), ``outlines`` the
    boundary rings to draw (even–odd: a ring is its outer and inner outline), ``slope`` the k of
    the soft (sigmoid) version, ``None`` for step units.
    """

    name: str
    pieces: list[Array]
    outlines: list[Array]
    network: Network
    slope: float | None = None

    @property
    def threshold(self) -> int:
        """How many of its inputs the output unit needs: N for one N-gon (AND), 1 for a union (OR)."""
        return len(self.pieces[0]) if len(self.pieces) == 1 else 1

    @property
    def unit_piece(self) -> Array:
        """For each half-plane unit, the index of the convex piece it belongs to."""
        return np.concatenate([np.full(len(p), i) for i, p in enumerate(self.pieces)])

    def contains(self, points) -> Array:
        """The truth: even–odd point-in-polygon over the outlines (independent of the network)."""
        inside = np.zeros(len(np.asarray(points).reshape(-1, 2)), bool)
        for outline in self.outlines:
            inside ^= point_in_polygon(points, outline)
        return inside

    def extent(self, margin: float = 0.35) -> tuple[float, float, float, float]:
        """A square window around the region: (x1_min, x1_max, x2_min, x2_max)."""
        points = np.concatenate(self.outlines)
        lo, hi = points.min(axis=0), points.max(axis=0)
        center, half = (lo + hi) / 2, (hi - lo).max() / 2 * (1 + margin) + 0.1
        return (center[0] - half, center[0] + half, center[1] - half, center[1] + half)


def threshold_network(pieces: list[Array], name: str = "region", slope: float | None = None) -> Network:
    """The exact network of a union of convex CCW polygons.

    Layer 1: one unit ``[n·x + b ≥ 0]`` per edge (inward unit normal n). Layer 2: per piece the AND
    ``[Σ − N + ½ ≥ 0]``, labelled ∧. Layer 3 (only for several pieces): the OR ``[Σ − ½ ≥ 0]``, ∨. With ``slope``
    k every unit is ``σ(k·(…))`` instead: the soft network, which tends to the step one as k → ∞.
    """
    k, activation = (1.0, "step") if slope is None else (float(slope), "sigmoid")
    planes = [half_planes(p) for p in pieces]
    W1 = np.concatenate([W for W, _ in planes], axis=1)
    b1 = np.concatenate([b for _, b in planes])
    sizes = [len(p) for p in pieces]
    W2 = np.zeros((len(b1), len(pieces)))
    for i, start in enumerate(np.cumsum([0, *sizes[:-1]])):
        W2[start:start + sizes[i], i] = 1.0
    b2 = -np.asarray(sizes, float) + 0.5
    labels = [f"h_{i + 1}" for i in range(len(b1))]
    layers = [Dense(k * W1, k * b1, activation, labels),
              Dense(k * W2, k * b2, activation, ["∧"] if len(pieces) == 1 else
                    [f"∧_{i + 1}" for i in range(len(pieces))])]
    if len(pieces) > 1:
        layers.append(Dense(k * np.ones((len(pieces), 1)), k * np.array([-0.5]), activation, ["∨"]))
    return Network(layers, name, input_labels=["x_1", "x_2"],
                   description="fires where the input is in the coloured area")


def make_region(pieces: list[Array], outlines: list[Array], name: str,
                slope: float | None = None) -> ThresholdRegion:
    if slope is not None and not (np.isfinite(slope) and slope > 0):
        raise NnvizError(f"--soft: the slope k must be a positive number, got {slope}")
    return ThresholdRegion(name, pieces, outlines, threshold_network(pieces, name, slope), slope)


def polygon_region(vertices, name: str = "polygon", slope: float | None = None) -> ThresholdRegion:
    """The region of one simple polygon (convex: N + 1 units; else cut into convex pieces first)."""
    v = validate_polygon(vertices, name)
    return make_region(convex_pieces(v), [v], name, slope)


def union_region(polygons: list, name: str = "union", slope: float | None = None) -> ThresholdRegion:
    """The OR of several disjoint simple polygons."""
    vs = [validate_polygon(p, f"{name} polygon {i + 1}") for i, p in enumerate(polygons)]
    return make_region([piece for v in vs for piece in convex_pieces(v)], vs, name, slope)


def ring_region(outer: Array, inner: Array, name: str = "ring", slope: float | None = None) -> ThresholdRegion:
    """A polygon with a hole: two concentric CCW polygons with the same number of vertices.

    The pieces around the hole are the convex quadrilaterals between matching edges.
    """
    n = len(outer)
    pieces = [np.array([inner[i], outer[i], outer[(i + 1) % n], inner[(i + 1) % n]]) for i in range(n)]
    pieces = [p if signed_area(p) > 0 else p[::-1].copy() for p in pieces]
    return make_region(pieces, [outer, inner], name, slope)


def preset_region(name: str, slope: float | None = None) -> ThresholdRegion:
    """``pentagon``, ``two-pentagons``, ``star`` (non-convex) or ``ring`` (a hexagon with a hole)."""
    if name == "pentagon":
        return polygon_region(regular_polygon(5), name, slope)
    if name == "two-pentagons":
        return union_region([regular_polygon(5, 0.9, (-1.05, -0.25)),
                             regular_polygon(5, 0.9, (1.05, 0.25))], name, slope)
    if name == "star":
        return polygon_region(star_polygon(), name, slope)
    if name == "ring":
        return ring_region(regular_polygon(6, 1.5, rotation=0), regular_polygon(6, 0.75, rotation=0),
                           name, slope)
    raise NnvizError(f"unknown region preset {name!r}; expected one of {', '.join(PRESETS)}")


# ---- evaluation on a grid --------------------------------------------------------------------
def grid_points(extent, resolution: int) -> tuple[Array, Array, Array]:
    """x1 (W,), x2 (H,) and the (H·W, 2) batch of points, row by row (x2 outer, x1 inner)."""
    x1 = np.linspace(extent[0], extent[1], resolution)
    x2 = np.linspace(extent[2], extent[3], resolution)
    X1, X2 = np.meshgrid(x1, x2)
    return x1, x2, np.c_[X1.ravel(), X2.ravel()]


@dataclass
class RegionGrid:
    """Every unit of a threshold network evaluated on a grid: what the region plots draw.

    Arrays are (H, W, ·) over ``x2`` (rows) × ``x1`` (columns). ``half_planes`` are the first
    layer's outputs; ``hidden_sum`` is the sum the output unit thresholds (the "pyramid": for one
    N-gon the number of half-planes the point is in, for a union the number of pieces);
    ``output`` is f. ``W``, ``b`` are the half-planes' unit normals and offsets (one column each).
    """

    region: ThresholdRegion
    x1: Array
    x2: Array
    half_planes: Array
    and_units: Array
    hidden_sum: Array
    output: Array
    W: Array
    b: Array

    @property
    def threshold(self) -> int:
        return self.region.threshold

    @property
    def levels(self) -> Array:
        """The plateaus of the hidden sum (step units), highest first."""
        return np.unique(np.round(self.hidden_sum, 6))[::-1]

    def fires_at(self, level: int) -> Array:
        """Where an output unit thresholding the hidden sum at ``level`` would fire (Σ ≥ level − ½).

        At ``level == threshold`` this is the network's own output (step units).
        """
        return (self.hidden_sum >= level - 0.5).astype(float)

    def unit_anchors(self) -> Array:
        """For each half-plane unit, the midpoint of the polygon edge it stands for (M, 2)."""
        return np.concatenate([(p + np.roll(p, -1, axis=0)) / 2 for p in self.region.pieces])

    def extent(self) -> tuple[float, float, float, float]:
        return (self.x1[0], self.x1[-1], self.x2[0], self.x2[-1])

    @property
    def inside(self) -> Array:
        """The truth on the grid (point-in-polygon), for comparison with ``output``."""
        X1, X2 = np.meshgrid(self.x1, self.x2)
        return self.region.contains(np.c_[X1.ravel(), X2.ravel()]).reshape(X1.shape)


def region_grid(region: ThresholdRegion, extent=None, resolution: int = 160) -> RegionGrid:
    """Run the region's network on a grid and record every unit (one forward pass of the engine).

    The default resolution is even so that no grid row lies on a shared edge of two pieces (where
    both closed pieces fire and the sum shows a thin ridge).
    """
    extent = extent or region.extent()
    x1, x2, points = grid_points(extent, resolution)
    trace = region.network.forward(points)
    shape = (len(x2), len(x1))
    first = trace.layers[0]
    k = region.slope or 1.0
    return RegionGrid(region, x1, x2,
                      half_planes=first.z_out.reshape(*shape, -1),
                      and_units=trace.layers[1].z_out.reshape(*shape, -1),
                      hidden_sum=trace.layers[-1].input.sum(axis=1).reshape(shape),
                      output=trace.output[:, 0].reshape(shape),
                      W=first.W / k, b=first.b / k)


@dataclass
class RegionProbe:
    """A few inputs through a threshold network: each unit, the sum the output thresholds, f."""

    region: ThresholdRegion
    trace: Trace
    hidden_sum: Array  # (n,)
    output: Array  # (n,)

    @property
    def threshold(self) -> int:
        return self.region.threshold


def probe_region(region: ThresholdRegion, points) -> RegionProbe:
    """Run inputs (n, 2) through the region's network, as a scene asks "does it fire here?"."""
    trace = region.network.forward(np.asarray(points, float).reshape(-1, 2))
    return RegionProbe(region, trace, trace.layers[-1].input.sum(axis=1), trace.output[:, 0])


def line_segment(w: Array, b: float, extent) -> Array | None:
    """The part of the line ``w·x + b = 0`` inside the window, as two points (2, 2), or None."""
    x_lo, x_hi, y_lo, y_hi = extent
    points = []
    if abs(w[1]) > 1e-12:
        for x in (x_lo, x_hi):
            y = -(w[0] * x + b) / w[1]
            if y_lo - 1e-9 <= y <= y_hi + 1e-9:
                points.append((x, y))
    if abs(w[0]) > 1e-12:
        for y in (y_lo, y_hi):
            x = -(w[1] * y + b) / w[0]
            if x_lo - 1e-9 <= x <= x_hi + 1e-9:
                points.append((x, y))
    ends = np.unique(np.round(points, 12), axis=0) if points else np.zeros((0, 2))
    if len(ends) < 2:
        return None
    far = np.argmax(np.linalg.norm(ends - ends[0], axis=1))
    return np.array([ends[0], ends[far]])


def half_plane_polygon(w: Array, b: float, extent) -> Array:
    """The part of the window where ``w·x + b ≥ 0``, as a convex polygon (k, 2) (maybe empty).

    One step of Sutherland–Hodgman: walk the window's corners, keep those inside, add crossings.
    """
    x_lo, x_hi, y_lo, y_hi = extent
    corners = np.array([[x_lo, y_lo], [x_hi, y_lo], [x_hi, y_hi], [x_lo, y_hi]], float)
    value = corners @ np.asarray(w, float) + b
    out = []
    for i in range(4):
        j = (i + 1) % 4
        if value[i] >= 0:
            out.append(corners[i])
        if (value[i] >= 0) != (value[j] >= 0):
            t = value[i] / (value[i] - value[j])
            out.append(corners[i] + t * (corners[j] - corners[i]))
    out = [p for k, p in enumerate(out) if not np.allclose(p, out[k - 1])] if len(out) > 1 else out
    return np.array(out).reshape(-1, 2)


# ---- what trained networks draw --------------------------------------------------------------
def _check_planar(network: Network) -> None:
    if network.n_inputs != 2:
        raise NnvizError(f"{network.name}: decision regions need a network with 2 inputs (x_1, x_2), "
                         f"this one has {network.n_inputs}")


def data_extent(X: Array | None, margin: float = 0.15, default: float = 2.0) -> tuple[float, float, float, float]:
    """A window around the data (or [-default, default]² without data)."""
    if X is None or len(X) == 0:
        return (-default, default, -default, default)
    lo, hi = X.min(axis=0), X.max(axis=0)
    pad = (hi - lo) * margin + 1e-9
    return (lo[0] - pad[0], hi[0] + pad[0], lo[1] - pad[1], hi[1] + pad[1])


@dataclass
class DecisionGrid:
    """A network with 2 inputs on a grid: its prediction and every hidden neuron's output.

    ``probability`` is P(class 1) for one sigmoid output, else the probability of the predicted
    class; ``predicted`` the class index; ``hidden[l]`` the (H, W, n_l) outputs of hidden layer l.
    """

    network: Network
    x1: Array
    x2: Array
    probability: Array
    predicted: Array
    hidden: list[Array]
    X: Array | None = None
    y: Array | None = None
    accuracy: float | None = None
    classes: int = 2


def decision_grid(network: Network, X: Array | None = None, y: Array | None = None,
                  extent=None, resolution: int = 121) -> DecisionGrid:
    """Evaluate a trained 2-input network on a grid around its data."""
    _check_planar(network)
    extent = extent or data_extent(X)
    x1, x2, points = grid_points(extent, resolution)
    trace = network.forward(points)
    shape = (len(x2), len(x1))
    f = trace.output
    binary = f.shape[1] == 1
    predicted = (f[:, 0] >= 0.5).astype(int) if binary else f.argmax(axis=1)
    probability = f[:, 0] if binary else f.max(axis=1)
    accuracy = None
    if X is not None and y is not None:
        out = network.predict(X)
        guess = (out[:, 0] >= 0.5).astype(int) if binary else out.argmax(axis=1)
        accuracy = float(np.mean(guess == y))
    return DecisionGrid(network, x1, x2, probability.reshape(shape), predicted.reshape(shape),
                        [lt.z_out.reshape(*shape, -1) for lt in trace.layers[:-1]], X, y, accuracy,
                        2 if binary else f.shape[1])


@dataclass
class LinearRegions:
    """The activation regions of a ReLU network on a window of the plane.

    ``pattern`` (H, W) numbers each grid point's on/off pattern of every hidden ReLU. Points with
    the same pattern form ONE convex region (given the pattern, every pre-activation is affine in
    x, so the region is an intersection of half-planes): ``count`` distinct patterns = the number
    of regions the grid sees (a region thinner than a grid cell can be missed). ``bound`` is the
    one-layer bound Σ_{j ≤ n₀} C(n₁, j) for the first hidden layer's n₁ lines in the n₀ = 2 plane.
    """

    network: Network
    x1: Array
    x2: Array
    pattern: Array
    count: int
    bound: int
    X: Array | None = None
    y: Array | None = None


def region_bound(n_units: int, n_inputs: int = 2) -> int:
    """At most Σ_{j ≤ n₀} C(n₁, j) regions: n₁ lines in general position cut the n₀-space."""
    return sum(comb(n_units, j) for j in range(n_inputs + 1))


def linear_regions(network: Network, extent=None, resolution: int = 301, X: Array | None = None,
                   y: Array | None = None) -> LinearRegions:
    """Number every activation pattern of a ReLU network's hidden layers on a grid."""
    _check_planar(network)
    hidden = network.layers[:-1]
    if not hidden or any(layer.activation.name != "relu" for layer in hidden):
        acts = ", ".join(layer.activation.name for layer in hidden) or "none"
        raise NnvizError(f"{network.name}: linear regions need ReLU hidden layers, this one has {acts}")
    extent = extent or data_extent(X)
    x1, x2, points = grid_points(extent, resolution)
    trace = network.forward(points)
    bits = np.concatenate([lt.z_in > 0 for lt in trace.layers[:-1]], axis=1)
    packed = np.ascontiguousarray(np.packbits(bits, axis=1))  # one byte per 8 ReLUs: a fast unique
    _, pattern = np.unique(packed.view(np.dtype((np.void, packed.shape[1]))).ravel(), return_inverse=True)
    pattern = pattern.reshape(len(x2), len(x1))
    return LinearRegions(network, x1, x2, pattern, int(pattern.max()) + 1,
                         region_bound(hidden[0].n_neurons, network.n_inputs), X, y)


@dataclass
class PolarFit:
    """The lecture's motivation: one neuron on circles, in (x₁, x₂) and in polar (r, θ).

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


def polar_fit(n: int = 200, seed: int = 0, steps: int = 600) -> PolarFit:
    """Train a single sigmoid neuron (the engine's ``train``) on circles in both coordinates."""
    from nnviz.data import circles, polar
    from nnviz.engine.init import random_network
    from nnviz.engine.train import train

    X, y = circles(n, seed=seed)
    R = polar(X)
    fits = []
    for data in (X, R):
        net = random_network([2, 1], "sigmoid", "sigmoid", seed=seed, name="single neuron")
        history = train(net, data, y, "binary-cross-entropy", "adam", lr=0.1, steps=steps, seed=seed,
                        record_every=steps)
        trained = history.final()
        accuracy = float(np.mean((trained.predict(data)[:, 0] >= 0.5) == y))
        fits.append((trained, accuracy, float(history.loss[-1])))
    (cart, acc_c, loss_c), (pol, acc_p, loss_p) = fits
    return PolarFit(X, y, R, cart, pol, acc_c, acc_p, loss_c, loss_p)
