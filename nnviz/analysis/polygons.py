"""Polygon geometry for threshold networks: parsing, validation, convex pieces, half-planes.

A simple polygon is given by its vertices; ``convex_pieces`` cuts a non-convex one into convex
pieces (ear clipping, then Hertel–Mehlhorn merging), and ``half_planes`` gives one inward unit
normal per edge, the weights of the step units that fire inside.
"""

from __future__ import annotations

import numpy as np

from nnviz.errors import NnvizError

Array = np.ndarray
_EPS = 1e-9


def polygon_points(text: str) -> list[list[float]]:
    """``"x,y x,y ..."`` → the points as written, ``[[x, y], ...]`` (not yet checked as a polygon).

    >>> polygon_points("0,0 2,0; 1,1.5")
    [[0.0, 0.0], [2.0, 0.0], [1.0, 1.5]]
    """
    points = []
    for item in text.replace(";", " ").split():
        parts = [p for p in item.split(",") if p]
        try:
            values = [float(p) for p in parts]
        except ValueError:
            raise NnvizError(f"{item!r} is not a point like 0.5,-1 (expected \"x,y x,y x,y ...\")",
                             parameter="polygon") from None
        if len(values) != 2:
            raise NnvizError(f"{item!r} is not a point x,y (expected \"x,y x,y x,y ...\")", parameter="polygon")
        points.append(values)
    return points


def parse_polygon(text: str) -> Array:
    """``"x,y x,y ..."`` → validated vertices (k, 2), counter-clockwise; one-line error otherwise."""
    return validate_polygon(np.array(polygon_points(text), dtype=float).reshape(-1, 2), "polygon")


def validate_polygon(vertices, what: str = "polygon") -> Array:
    """A simple polygon's vertices, counter-clockwise, without repeated or collinear vertices."""
    v = np.asarray(vertices, dtype=float)
    if v.ndim != 2 or v.shape[1] != 2:
        raise NnvizError(f"{what}: expected points (x, y), got an array of shape {v.shape}")
    if not np.all(np.isfinite(v)):
        raise NnvizError(f"{what}: the points contain NaN or infinity")
    v = _drop_degenerate(v)
    if len(v) < 3:
        raise NnvizError(f"{what}: a polygon needs at least 3 distinct, non-collinear points, got {len(v)}")
    crossing = _self_intersection(v)
    if crossing is not None:
        i, j = crossing
        raise NnvizError(f"{what}: the polygon intersects itself (edge {i + 1} crosses edge {j + 1})")
    return v if signed_area(v) > 0 else v[::-1].copy()


def signed_area(v: Array) -> float:
    """Positive for counter-clockwise vertices (the shoelace formula)."""
    v = v - v.mean(axis=0)  # about the centre: a small polygon far from the origin keeps its digits
    x, y = v[:, 0], v[:, 1]
    return 0.5 * float(np.sum(x * np.roll(y, -1) - np.roll(x, -1) * y))


def _cross(o: Array, a: Array, b: Array) -> float:
    return float((a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]))


def _drop_degenerate(v: Array) -> Array:
    """Remove repeated points and vertices on a straight line (or spikes): they change no region."""
    size = float(np.ptp(v, axis=0).max()) if len(v) else 0.0  # tolerances relative to the polygon's size
    kept = list(v)
    changed = True
    while changed and len(kept) >= 3:
        changed = False
        for i in range(len(kept)):
            a, b, c = kept[i - 1], kept[i], kept[(i + 1) % len(kept)]
            ab, bc = float(np.linalg.norm(b - a)), float(np.linalg.norm(c - b))
            if ab <= _EPS * size or abs(_cross(a, b, c)) <= _EPS * ab * bc:  # a repeat, or a turn of < 1e-9 rad
                del kept[i]
                changed = True
                break
    return np.array(kept, dtype=float).reshape(-1, 2)


def _segments_touch(p1: Array, p2: Array, q1: Array, q2: Array) -> bool:
    """True if the closed segments p1p2 and q1q2 share a point."""
    scale = float(np.linalg.norm(p2 - p1) * np.linalg.norm(q2 - q1)) * _EPS  # relative: tiny polygons too
    d1, d2 = _cross(q1, q2, p1), _cross(q1, q2, p2)
    d3, d4 = _cross(p1, p2, q1), _cross(p1, p2, q2)
    if d1 * d2 < 0 and d3 * d4 < 0 and min(abs(d1), abs(d2), abs(d3), abs(d4)) > scale:
        return True

    def on(a, b, c, d):  # c is on the line ab (d ≈ 0) and inside its bounding box
        return abs(d) <= scale and bool(np.all(np.minimum(a, b) - 1e-12 <= c) and np.all(c <= np.maximum(a, b) + 1e-12))
    return on(q1, q2, p1, d1) or on(q1, q2, p2, d2) or on(p1, p2, q1, d3) or on(p1, p2, q2, d4)


def _self_intersection(v: Array) -> tuple[int, int] | None:
    n = len(v)
    for i in range(n):
        for j in range(i + 1, n):
            if j == i + 1 or (i == 0 and j == n - 1):  # neighbours share a vertex
                continue
            if _segments_touch(v[i], v[(i + 1) % n], v[j], v[(j + 1) % n]):
                return i, j
    return None


def is_convex(v: Array) -> bool:
    """True for a counter-clockwise polygon whose every turn is to the left (or straight)."""
    n = len(v)
    return all(_cross(v[i - 1], v[i], v[(i + 1) % n]) >= -_EPS for i in range(n))


def point_in_polygon(points, vertices) -> Array:
    """Even–odd ray casting: which points lie inside the polygon (the truth the networks must match)."""
    p = np.asarray(points, dtype=float).reshape(-1, 2)
    a, b = np.asarray(vertices, float), np.roll(np.asarray(vertices, float), -1, axis=0)
    px, py = p[:, :1], p[:, 1:]
    straddles = (a[:, 1] > py) != (b[:, 1] > py)
    with np.errstate(divide="ignore", invalid="ignore"):
        x_cross = a[:, 0] + (py - a[:, 1]) * (b[:, 0] - a[:, 0]) / (b[:, 1] - a[:, 1])
    return (np.sum(straddles & (px < x_cross), axis=1) % 2).astype(bool)


def distance_to_outline(points, vertices) -> Array:
    """Distance from each point to the nearest edge of the polygon."""
    p = np.asarray(points, dtype=float).reshape(-1, 1, 2)
    a = np.asarray(vertices, float)[None]
    d = np.roll(a, -1, axis=1) - a
    t = np.clip(np.sum((p - a) * d, axis=2) / np.sum(d * d, axis=2), 0.0, 1.0)
    return np.min(np.linalg.norm(p - (a + t[..., None] * d), axis=2), axis=1)


def convex_pieces(vertices: Array) -> list[Array]:
    """Cut a simple counter-clockwise polygon into convex pieces (Hertel–Mehlhorn).

    Ear clipping gives triangles and the diagonals between them; a diagonal is removed whenever the
    two pieces it separates merge into a convex polygon. At most 4× the fewest possible pieces.
    """
    v = np.asarray(vertices, float)
    if is_convex(v):
        return [v]
    triangles, diagonals = _ear_clip(v)
    pieces = [list(t) for t in triangles]
    for i, j in diagonals:
        a = next(p for p in pieces if _has_edge(p, i, j))
        b = next(p for p in pieces if _has_edge(p, j, i))
        merged = _merge(a, b, i, j)
        if is_convex(v[merged]):
            pieces.remove(a)
            pieces.remove(b)
            pieces.append(merged)
    return [_drop_degenerate(v[p]) for p in pieces]


def _has_edge(piece: list[int], i: int, j: int) -> bool:
    return any(piece[k] == i and piece[(k + 1) % len(piece)] == j for k in range(len(piece)))


def _merge(a: list[int], b: list[int], i: int, j: int) -> list[int]:
    """Join piece a (with edge i→j) and piece b (with edge j→i) along that edge."""
    k = a.index(j)
    a = a[k:] + a[:k]  # a starts at j, ends at i
    k = b.index(i)
    b = b[k:] + b[:k]  # b starts at i, ends at j
    return a[:-1] + b[:-1]


def _ear_clip(v: Array) -> tuple[list[tuple[int, int, int]], list[tuple[int, int]]]:
    """Triangulate a simple CCW polygon by clipping ears; returns triangles and diagonals."""
    index = list(range(len(v)))
    triangles, diagonals = [], []
    while len(index) > 3:
        for k in range(len(index)):
            a, b, c = index[k - 1], index[k], index[(k + 1) % len(index)]
            if _cross(v[a], v[b], v[c]) <= _EPS:
                continue
            others = [m for m in index if m not in (a, b, c)]
            if others and np.any(_in_triangle(v[others], v[a], v[b], v[c])):
                continue
            triangles.append((a, b, c))
            diagonals.append((c, a))  # the edge c→a of this triangle is a diagonal of the rest
            index.pop(k)
            break
        else:  # numerically stuck (nearly degenerate input): clip the most convex vertex
            k = max(range(len(index)), key=lambda m: _cross(v[index[m - 1]], v[index[m]],
                                                            v[index[(m + 1) % len(index)]]))
            triangles.append((index[k - 1], index[k], index[(k + 1) % len(index)]))
            diagonals.append((index[(k + 1) % len(index)], index[k - 1]))
            index.pop(k)
    triangles.append(tuple(index))  # type: ignore[arg-type]  # the last three
    return triangles, diagonals


def _in_triangle(p: Array, a: Array, b: Array, c: Array) -> Array:
    def side(o, q):
        return (q[0] - o[0]) * (p[:, 1] - o[1]) - (q[1] - o[1]) * (p[:, 0] - o[0])
    return (side(a, b) >= -_EPS) & (side(b, c) >= -_EPS) & (side(c, a) >= -_EPS)


def regular_polygon(n: int, radius: float = 1.0, center=(0.0, 0.0), rotation: float = np.pi / 2) -> Array:
    """A regular n-gon, counter-clockwise, its first vertex at angle ``rotation``."""
    angle = rotation + 2 * np.pi * np.arange(n) / n
    return np.c_[np.cos(angle), np.sin(angle)] * radius + np.asarray(center, float)


def star_polygon(points: int = 5, outer: float = 1.2, inner: float = 0.5) -> Array:
    angle = np.pi / 2 + np.pi * np.arange(2 * points) / points
    radius = np.where(np.arange(2 * points) % 2 == 0, outer, inner)
    return np.c_[np.cos(angle), np.sin(angle)] * radius[:, None]


def half_planes(vertices: Array) -> tuple[Array, Array]:
    """One half-plane per edge of a CCW convex polygon: unit inward normals W (2, N) and b (N,).

    The polygon is ``{x : x @ W + b ≥ 0}``; ``b`` is minus the normal times the edge's first vertex.
    """
    d = np.roll(vertices, -1, axis=0) - vertices
    normal = np.c_[-d[:, 1], d[:, 0]] / np.linalg.norm(d, axis=1, keepdims=True)  # left = inward
    return normal.T.copy(), -np.sum(normal * vertices, axis=1)


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
