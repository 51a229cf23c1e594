"""The linear regions of a ReLU network on a window of the plane, exactly.

Inside a region every ReLU keeps its state (on or off), so the network is one affine map there.
``linear_regions`` finds them all: it starts from the window (a convex polygon) and cuts, layer by
layer, each polygon along each neuron's boundary ``z_in = 0``. Within one polygon the pre-activation
of a neuron of the next layer is affine in x (the layers below are), so its boundary there is a
straight segment and a cut leaves two convex polygons. The result is exact: the count, the polygons
with straight edges, and which regions touch (the pairs whose patterns differ in the one neuron
whose boundary they share), coloured so that neighbours differ::

    regions = linear_regions(network, extent=(-2, 2, -2, 2))
    regions.count, regions.bound          # e.g. 61 regions; one layer of the same 16 ReLUs: at most 137
    regions.colors                        # a colour index per region, never equal across an edge

``grid_regions`` is the other way: the distinct on/off patterns at the points of a grid, which
misses regions thinner than a cell (``LinearRegions.grid_count`` reports what a grid sees).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from math import comb

import numpy as np

from nnviz.analysis.grids import check_planar, data_extent, grid_points
from nnviz.engine.network import Network
from nnviz.errors import NnvizError

Array = np.ndarray
BOX = -1  # the tag of an edge that lies on the window's border


@dataclass
class Piece:
    """A convex polygon of the plane and the affine map the layers so far compute on it.

    ``tags[i]`` names what made the edge from vertex i to i + 1: the global index of the neuron
    whose boundary it lies on, or ``BOX``. ``A``, ``c``: the current layer's output is ``x @ A + c``.
    """

    vertices: Array
    tags: Array
    pattern: list[bool]
    A: Array
    c: Array


def region_bound(n_units: int, n_inputs: int = 2) -> int:
    """At most Σ_{j ≤ n₀} C(n, j) regions: n lines (hyperplanes) in general position cut n₀-space."""
    return sum(comb(n_units, j) for j in range(n_inputs + 1))


def polygon_area(vertices: Array) -> float:
    """The shoelace area of a polygon (positive when counter-clockwise)."""
    nxt = _next(vertices)
    return 0.5 * float(np.sum(vertices[:, 0] * nxt[:, 1] - nxt[:, 0] * vertices[:, 1]))


def _next(vertices: Array) -> Array:
    """Each vertex's successor around the polygon (``np.roll`` without its overhead)."""
    return np.concatenate([vertices[1:], vertices[:1]])


def cut(vertices: Array, tags: Array, values: Array, tag: int) -> tuple[tuple[Array, Array], tuple[Array, Array]]:
    """Split a convex polygon where an affine function (its ``values`` at the vertices) changes sign.

    Returns (vertices, tags) of the part where it is ≥ 0 and of the part where it is ≤ 0; the new
    edge of each part is tagged ``tag``. One pass of Sutherland–Hodgman for each side.
    """
    parts = []
    for sign in (1.0, -1.0):
        v = sign * values
        out, out_tags = [], []
        k = len(vertices)
        for i in range(k):
            j = (i + 1) % k
            if v[i] >= 0:
                out.append(vertices[i])
                # the edge from here: its own tag, unless it leaves the part (then it is cut short)
                out_tags.append(tags[i])
            if (v[i] >= 0) != (v[j] >= 0):
                t = v[i] / (v[i] - v[j])
                out.append(vertices[i] + t * (vertices[j] - vertices[i]))
                out_tags.append(tags[i] if v[i] < 0 else tag)
        parts.append(_without_repeats(np.array(out).reshape(-1, 2), np.array(out_tags, dtype=int)))
    return parts[0], parts[1]


def _without_repeats(vertices: Array, tags: Array) -> tuple[Array, Array]:
    """Drop zero-length edges (a cut through a vertex repeats it); the next edge keeps its tag."""
    if len(vertices) < 2:
        return vertices, tags
    step = np.abs(_next(vertices) - vertices).max(axis=1)
    keep = step > 1e-12 * (1.0 + float(np.abs(vertices).max()))
    return vertices[keep], tags[keep]


def _split_layer(pieces: list[Piece], W: Array, b: Array, first: int, eps: float, size: float) -> list[Piece]:
    """Cut every piece along the boundaries of one layer's neurons; give each part its new map.

    A neuron whose pre-activation keeps its sign on the whole piece decides its bit at once; only
    the neurons whose boundary crosses the piece cut it, one after the other.
    """
    out = []
    min_area = eps * size * size
    for piece in pieces:
        A_in, c_in = piece.A @ W, piece.c @ W + b  # z_in = x @ A_in + c_in on this piece
        values = piece.vertices @ A_in + c_in  # (vertices, neurons)
        scale = eps * (1.0 + np.abs(values).max(axis=0))
        on = np.all(values >= -scale, axis=0)
        crossing = np.flatnonzero(~on & ~np.all(values <= scale, axis=0))
        parts = [(piece.vertices, piece.tags, on.copy())]
        for j in crossing:
            cut_parts = []
            for vertices, tags, bits in parts:
                v = vertices @ A_in[:, j] + c_in[j]
                s = eps * (1.0 + float(np.abs(v).max()))
                if np.all(v >= -s) or np.all(v <= s):
                    bits[j] = bool(np.all(v >= -s))
                    cut_parts.append((vertices, tags, bits))
                    continue
                (pos, pos_tags), (neg, neg_tags) = cut(vertices, tags, v, int(first + j))
                for part, part_tags, state in ((pos, pos_tags, True), (neg, neg_tags, False)):
                    if len(part) >= 3 and abs(polygon_area(part)) > min_area:
                        part_bits = bits.copy()
                        part_bits[j] = state
                        cut_parts.append((part, part_tags, part_bits))
            parts = cut_parts
        for vertices, tags, bits in parts:
            out.append(Piece(vertices, tags, piece.pattern + bits.tolist(), A_in * bits, c_in * bits))
    return out


@dataclass
class LinearRegions:
    """The linear regions of a ReLU network in a window, found exactly.

    ``polygons[k]`` (vertices, counter-clockwise) is region k, ``patterns[k]`` its on/off state of
    every hidden ReLU, ``neighbours`` the pairs (k, m) that share an edge, ``colors[k]`` a colour
    index no neighbour shares. ``bound`` is the most regions ONE hidden layer of the same number of
    ReLUs can make in the plane; ``first_layer_bound`` the same for the first layer's ReLUs alone.
    ``grid_count`` is how many distinct patterns a grid of ``grid_resolution``² points sees.
    """

    network: Network
    extent: tuple[float, float, float, float]
    polygons: list[Array]
    patterns: Array  # (count, ReLUs) bool
    neighbours: list[tuple[int, int]]
    colors: Array
    X: Array | None = None
    y: Array | None = None
    grid_count: int | None = None
    grid_resolution: int | None = None
    edges: list[Array] = field(default_factory=list, repr=False)  # per region: (k, 2, 2) segments

    @property
    def count(self) -> int:
        return len(self.polygons)

    @property
    def relus(self) -> int:
        return int(self.patterns.shape[1])

    @property
    def bound(self) -> int:
        return region_bound(self.relus, self.network.n_inputs)

    @property
    def first_layer_bound(self) -> int:
        return region_bound(self.network.layers[0].n_neurons, self.network.n_inputs)

    @property
    def x1(self) -> Array:
        return np.array(self.extent[:2])

    @property
    def x2(self) -> Array:
        return np.array(self.extent[2:])


def check_relu(network: Network) -> None:
    """A network the region count applies to: 2 inputs, ReLU hidden layers."""
    check_planar(network)
    hidden = network.layers[:-1]
    if not hidden or any(layer.activation.name != "relu" for layer in hidden):
        acts = ", ".join(layer.activation.name for layer in hidden) or "none"
        raise NnvizError(f"{network.name}: linear regions need ReLU hidden layers, this one has {acts}")


def linear_regions(network: Network, extent=None, X: Array | None = None, y: Array | None = None,
                   resolution: int | None = None, eps: float = 1e-9) -> LinearRegions:
    """Every linear region of a ReLU network inside ``extent`` (x1_min, x1_max, x2_min, x2_max).

    ``extent`` defaults to a window around the data ``X``. With ``resolution``, a grid of that many
    points a side is counted too (``grid_count``), to compare.
    """
    check_relu(network)
    extent = tuple(float(v) for v in (extent or data_extent(X)))
    x_lo, x_hi, y_lo, y_hi = extent
    if not (x_hi > x_lo and y_hi > y_lo):
        raise NnvizError(f"extent {extent}: expected x1_min < x1_max and x2_min < x2_max")
    box = np.array([[x_lo, y_lo], [x_hi, y_lo], [x_hi, y_hi], [x_lo, y_hi]])
    size = max(x_hi - x_lo, y_hi - y_lo)
    pieces = [Piece(box, np.full(4, BOX), [], np.eye(2), np.zeros(2))]
    first = 0
    for layer in network.layers[:-1]:
        pieces = _split_layer(pieces, layer.W, layer.b, first, eps, size)
        first += layer.n_neurons
    patterns = np.array([p.pattern for p in pieces], dtype=bool).reshape(len(pieces), first)
    neighbours = _neighbours(pieces, size)
    grid_count = None
    if resolution is not None:
        grid_count = int(grid_regions(network, extent, resolution).max()) + 1
    polygons = [p.vertices for p in pieces]
    return LinearRegions(network, extent, polygons, patterns, neighbours, color_regions(len(pieces), neighbours),
                         X, y, grid_count, resolution)


def _neighbours(pieces: list[Piece], size: float) -> list[tuple[int, int]]:
    """Pairs of regions that share an edge.

    Pre-activations are continuous, so a later boundary that crosses a shared edge meets it at the
    same point from both sides: the two regions have the very same edge. Vertices are merged within
    a tolerance (a hash of cells, searched with their neighbours) and edges matched by their ends.
    """
    tol = 1e-7 * size
    cells: dict[tuple[int, int], int] = {}
    ids: list[Array] = []

    def vertex_id(point: Array) -> int:
        i, j = int(np.floor(point[0] / tol)), int(np.floor(point[1] / tol))
        for di in (0, -1, 1):
            for dj in (0, -1, 1):
                found = cells.get((i + di, j + dj))
                if found is not None and np.max(np.abs(ids[found] - point)) <= tol:
                    return found
        cells[(i, j)] = len(ids)
        ids.append(point)
        return len(ids) - 1

    owner: dict[tuple[int, int], int] = {}
    pairs = set()
    for k, piece in enumerate(pieces):
        corners = [vertex_id(v) for v in piece.vertices]
        for i, tag in enumerate(piece.tags):
            if tag == BOX:
                continue
            a, b = corners[i], corners[(i + 1) % len(corners)]
            key = (min(a, b), max(a, b))
            other = owner.setdefault(key, k)
            if other != k:
                pairs.add((min(k, other), max(k, other)))
    return sorted(pairs)


def color_regions(count: int, neighbours: list[tuple[int, int]], n_colors: int = 6) -> Array:
    """A colour index per region, different across every shared edge (DSATUR greedy colouring).

    The most constrained region (most distinct colours around it) is coloured first, with the colour
    its neighbours leave free that is used least so far: all ``n_colors`` appear, evenly. (Two would
    do: crossing a boundary flips one ReLU, so the parity of the pattern alternates; a map in two
    colours reads as a checkerboard, not as regions.) Past ``n_colors`` taken around a region, the
    next index is used.
    """
    import heapq

    adjacent: list[set[int]] = [set() for _ in range(count)]
    for a, b in neighbours:
        adjacent[a].add(b)
        adjacent[b].add(a)
    colors = np.full(count, -1)
    seen: list[set[int]] = [set() for _ in range(count)]
    used: dict[int, int] = {}
    heap = [(0, -len(adjacent[r]), r) for r in range(count)]
    heapq.heapify(heap)
    while heap:
        saturation, _, k = heapq.heappop(heap)
        if colors[k] >= 0 or -saturation != len(seen[k]):
            continue  # coloured already, or an old entry: a newer one is in the heap
        free = [c for c in range(n_colors) if c not in seen[k]]
        c = min(free, key=lambda c: (used.get(c, 0), c)) if free else \
            next(c for c in range(n_colors, count + n_colors) if c not in seen[k])
        colors[k] = c
        used[c] = used.get(c, 0) + 1
        for m in adjacent[k]:
            if colors[m] < 0 and c not in seen[m]:
                seen[m].add(c)
                heapq.heappush(heap, (-len(seen[m]), -len(adjacent[m]), m))
    return colors


def grid_regions(network: Network, extent, resolution: int) -> Array:
    """The on/off pattern of every hidden ReLU at each grid point, numbered: (H, W) region ids."""
    check_relu(network)
    x1, x2, points = grid_points(extent, resolution)
    trace = network.forward(points)
    bits = np.concatenate([lt.z_in > 0 for lt in trace.layers[:-1]], axis=1)
    packed = np.ascontiguousarray(np.packbits(bits, axis=1))  # one byte per 8 ReLUs: a fast unique
    _, ids = np.unique(packed.view(np.dtype((np.void, packed.shape[1]))).ravel(), return_inverse=True)
    return ids.reshape(len(x2), len(x1))
