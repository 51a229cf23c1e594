"""Decision regions: threshold networks built exactly from polygons, and the regions networks draw.

"Build a network of units with a single output that fires if the input is in the coloured area."
A step unit ``[w·x + b ≥ 0]`` is a half-plane; N of them summed and thresholded at N are their AND
(a convex polygon); polygons summed and thresholded at 1 are their OR (a union, or a non-convex
polygon cut into convex pieces). The networks are ordinary engine ``Network``s::

    >>> region = preset_region("pentagon")
    >>> region.network.shape                     # N + 1 units
    (2, 5, 1)
    >>> grid = region_grid(region)               # every unit's output on a grid
    >>> float(grid.hidden_sum.max()), grid.threshold   # the top of the pyramid is the AND
    (5.0, 5)

Plots and scenes read only what is recorded here (``RegionGrid``, ``RegionProbe``). What trained
networks draw lives beside it: ``decision`` (decision regions), ``linear_regions`` (the exact
linear regions of ReLU networks), ``polar`` (the motivation's change of coordinates); their names
are re-exported here for older callers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nnviz.analysis.decision import DecisionGrid, decision_grid  # noqa: F401  (re-exported)
from nnviz.analysis.grids import data_extent, grid_points  # noqa: F401  (re-exported)
from nnviz.analysis.linear_regions import LinearRegions, linear_regions, region_bound  # noqa: F401
from nnviz.analysis.polar import PolarFit, polar_fit  # noqa: F401  (re-exported)
from nnviz.analysis.polygons import (  # noqa: F401  (re-exported: the regions API)
    convex_pieces,
    distance_to_outline,
    half_plane_polygon,
    half_planes,
    is_convex,
    line_segment,
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
        raise NnvizError(f"the slope k must be a positive number, got {slope}", parameter="slope")
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


def one_layer_errors(grid: RegionGrid) -> Array:
    """For each k, the share of the window where "at least k of the half-planes" differs from the region.

    That is all ONE output unit over the half-plane units can say. A zero for some k means one
    hidden layer suffices (a convex polygon: k = N, the AND); for a union of separate polygons every
    k is wrong somewhere, which is why an OR of ANDs needs a second hidden layer.
    """
    total = grid.half_planes.sum(axis=2)
    truth = grid.inside
    X1, X2 = np.meshgrid(grid.x1, grid.x2)
    points = np.c_[X1.ravel(), X2.ravel()]
    cell = max(grid.x1[1] - grid.x1[0], grid.x2[1] - grid.x2[0])
    # on an outline a grid point may fall either side of a unit's line: count only points off it
    off = np.min([distance_to_outline(points, o) for o in grid.region.outlines], axis=0).reshape(truth.shape) > cell
    return np.array([float(np.mean(((total >= k - 0.5) != truth)[off]))
                     for k in range(1, grid.half_planes.shape[2] + 1)])


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


