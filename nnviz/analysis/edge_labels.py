"""Labels on edges that can be read: each on its own edge, none over a crossing or over another label.

Between two columns every edge crosses many others. A label centred on its edge at ``t`` of the way
hides what lies under it, so it must not cover a point where two edges cross (the reader could not
tell which edge it belongs to) and must not touch another label. ``place_on_edges`` tries positions
along every edge and picks, most constrained edge first, the position that the fewest other edges
pass through and that takes the fewest positions from the others; neighbours end up staggered.

>>> import numpy as np
>>> edges = np.array([[0, 0, 6, 0], [0, 0, 6, 3], [0, 3, 6, 0], [0, 3, 6, 3]], float)
>>> centres = place_on_edges(edges, np.full((4, 2), [0.8, 0.4]), (0.2, 5.8))
>>> centres is not None and len(centres) == 4
True
"""

from __future__ import annotations

import numpy as np

STEPS = np.linspace(0.05, 0.95, 46)


def crossings(edges: np.ndarray) -> np.ndarray:
    """The points (k, 2) where two segments cross inside both (shared end points do not count).

    >>> crossings(np.array([[0, 0, 2, 2], [0, 2, 2, 0], [0, 0, 2, 0]], float)).tolist()
    [[1.0, 1.0]]
    """
    if len(edges) < 2:
        return np.zeros((0, 2))
    p, d = edges[:, :2], edges[:, 2:] - edges[:, :2]
    a, b = np.triu_indices(len(edges), 1)
    denom = d[a, 0] * d[b, 1] - d[a, 1] * d[b, 0]
    with np.errstate(divide="ignore", invalid="ignore"):
        w = p[b] - p[a]
        t = (w[:, 0] * d[b, 1] - w[:, 1] * d[b, 0]) / denom
        u = (w[:, 0] * d[a, 1] - w[:, 1] * d[a, 0]) / denom
    eps = 1e-9
    hit = (np.abs(denom) > 1e-12) & (t > eps) & (t < 1 - eps) & (u > eps) & (u < 1 - eps)
    return p[a][hit] + t[hit, None] * d[a][hit]


def segments_through_boxes(edges: np.ndarray, boxes: np.ndarray) -> np.ndarray:
    """(…, E) booleans: does edge e pass through box (…) = (x0, y0, x1, y1)? Liang–Barsky, vectorised.

    >>> segments_through_boxes(np.array([[0, 0, 4, 4], [0, 3, 1, 3]], float), np.array([1.5, 1.5, 2.5, 2.5]))
    array([ True, False])
    """
    px, py = edges[:, 0], edges[:, 1]
    dx, dy = edges[:, 2] - px, edges[:, 3] - py
    b = np.asarray(boxes, float)[..., None, :]
    shape = (*b.shape[:-2], len(edges))
    lo, hi = np.zeros(shape), np.ones(shape)
    outside = np.zeros_like(lo, dtype=bool)
    for pk, qk in ((-dx, px - b[..., 0]), (dx, b[..., 2] - px), (-dy, py - b[..., 1]), (dy, b[..., 3] - py)):
        pk = np.broadcast_to(pk, qk.shape)
        with np.errstate(divide="ignore", invalid="ignore"):
            t = qk / pk
        outside |= (pk == 0) & (qk < 0)
        lo = np.where(pk < 0, np.maximum(lo, t), lo)
        hi = np.where(pk > 0, np.minimum(hi, t), hi)
    return ~outside & (lo <= hi)


def _overlap(box: np.ndarray, boxes: np.ndarray, gap: float) -> np.ndarray:
    """Whether ``box`` (…, 4) and ``boxes`` (…, 4) overlap (closer than ``gap``), broadcast."""
    return ~((box[..., 2] + gap <= boxes[..., 0]) | (boxes[..., 2] + gap <= box[..., 0])
             | (box[..., 3] + gap <= boxes[..., 1]) | (boxes[..., 3] + gap <= box[..., 1]))


def place_on_edges(edges: np.ndarray, sizes: np.ndarray, x_range: tuple[float, float], *,
                   margin: float | None = None, prefer: float = 0.65) -> np.ndarray | None:
    """Centres (E, 2) for labels of ``sizes`` (E, 2: width, height) on ``edges`` (E, 4: x0, y0, x1, y1),
    inside ``x_range``; None when no placement is found (the caller widens the gap and tries again).

    Among good positions, those near ``prefer`` (of the way along the edge) win: towards the target,
    so that a neuron's incoming weights gather before it, as its worked sum reads them."""
    edges = np.asarray(edges, float)
    n = len(edges)
    if n == 0:
        return np.zeros((0, 2))
    margin = 0.15 * float(np.min(sizes[:, 1])) if margin is None else margin
    start, step = edges[:, None, :2], (edges[:, 2:] - edges[:, :2])[:, None, :]
    centres = start + STEPS[None, :, None] * step  # (E, T, 2)
    half = np.asarray(sizes, float)[:, None, :] / 2
    boxes = np.concatenate([centres - half, centres + half], axis=-1)  # (E, T, 4)
    alive = (boxes[..., 0] >= x_range[0]) & (boxes[..., 2] <= x_range[1])
    points = crossings(edges)
    if len(points):
        px, py = points[:, 0], points[:, 1]
        covered = ((px > boxes[..., :1] - margin) & (px < boxes[..., 2:3] + margin)
                   & (py > boxes[..., 1:2] - margin) & (py < boxes[..., 3:4] + margin)).any(axis=-1)
        alive &= ~covered
    through = segments_through_boxes(edges, boxes)  # (E, T, E)
    through[np.arange(n), :, np.arange(n)] = False
    cost = through.sum(axis=-1)
    chosen = np.full((n, 2), np.nan)
    todo = set(range(n))
    while todo:
        e = min(todo, key=lambda k: (alive[k].sum(), k))
        options = np.flatnonzero(alive[e])
        if len(options) == 0:
            return None
        others = np.array(sorted(todo - {e}), dtype=int)
        mine = boxes[e, options][:, None, None, :]  # (O, 1, 1, 4) against (M, T, 4)
        taken = (_overlap(mine, boxes[others][None], margin) & alive[others][None]).sum(axis=(1, 2))
        score = cost[e, options] + 0.05 * taken + 4 * np.abs(STEPS[options] - prefer)
        t = options[int(np.argmin(score))]
        chosen[e] = centres[e, t]
        todo.remove(e)
        if len(others):
            alive[others] &= ~_overlap(boxes[e, t], boxes[others], margin)
    return chosen


def narrowest_gap(place, low: float, high: float):
    """The narrowest gap (to a twentieth) from ``low`` up to ``high`` at which ``place(gap)`` succeeds:
    growing by a sixth until it does, then halving back towards the last failure."""
    failed, gap = None, low
    while (centres := place(gap)) is None:
        if gap >= high:
            return gap, None
        failed, gap = gap, min(gap * 7 / 6, high)
    while failed is not None and gap - failed > low / 20:
        middle = (gap + failed) / 2
        if (found := place(middle)) is not None:
            gap, centres = middle, found
        else:
            failed = middle
    return gap, centres


__all__ = ["crossings", "narrowest_gap", "place_on_edges", "segments_through_boxes"]
