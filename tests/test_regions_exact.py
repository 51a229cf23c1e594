"""Exact linear regions of ReLU networks and Montúfar's fold: counts by hand, tiling, the grid, colours."""

from __future__ import annotations

from math import comb

import numpy as np
import pytest

from nnviz.analysis.fold import crossover, fold_network, fold_stages
from nnviz.analysis.linear_regions import (
    color_regions,
    grid_regions,
    linear_regions,
    polygon_area,
    region_bound,
)
from nnviz.engine import Dense, Network
from nnviz.engine.init import random_network
from nnviz.errors import NnvizError


def _one_layer(W, b) -> Network:
    W = np.asarray(W, float)
    return Network([Dense(W, b, "relu"), Dense(np.ones((W.shape[1], 1)), [0.0], "identity")], "one layer")


def _tangents(n: int) -> tuple[Network, float]:
    """n lines tangent to the unit circle at distinct angles in [0, π): no two parallel, no three through
    one point (from a point outside a circle only two tangents leave). The box holds every crossing."""
    angles = np.pi * (np.arange(n) + 0.37) / n
    normals = np.c_[np.cos(angles), np.sin(angles)]
    W, b = normals.T, -np.ones(n)  # n·x − 1 = 0: the tangent at angle a
    crossings = [np.linalg.solve(normals[[i, j]], [1.0, 1.0]) for i in range(n) for j in range(i + 1, n)]
    reach = 1.5 * max([2.0, *(np.abs(c).max() for c in crossings)])
    return _one_layer(W, b), reach


def _inside(points, polygon, tol=1e-9):
    """Which points lie inside a counter-clockwise convex polygon."""
    a, b = polygon, np.roll(polygon, -1, axis=0)
    cross = ((b[:, 0] - a[:, 0])[None] * (points[:, 1:2] - a[:, 1][None])
             - (b[:, 1] - a[:, 1])[None] * (points[:, 0:1] - a[:, 0][None]))
    return np.all(cross >= -tol, axis=1)


def _cross(u, v) -> float:
    return float(u[0] * v[1] - u[1] * v[0])


def _random_relu(sizes, seed):
    rng = np.random.default_rng(seed)
    net = random_network(sizes, "relu", "identity", seed=seed)
    return Network([Dense(layer.W, rng.normal(0, 0.5, layer.b.shape), layer.activation) for layer in net.layers])


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5, 6, 8, 10])
def test_one_layer_of_n_relus_in_general_position_makes_1_plus_n_plus_n_choose_2_regions(n):
    network, reach = _tangents(n)
    regions = linear_regions(network, extent=(-reach, reach, -reach, reach))
    assert regions.count == 1 + n + n * (n - 1) // 2 == region_bound(n)
    assert regions.bound == region_bound(n) and regions.relus == n


def test_the_regions_tile_the_window_and_each_is_one_pattern_of_the_engine():
    network = _random_relu([2, 6, 5, 1], seed=3)
    extent = (-2.0, 2.5, -1.5, 2.0)
    regions = linear_regions(network, extent)
    total = sum(polygon_area(p) for p in regions.polygons)
    assert all(polygon_area(p) > 0 for p in regions.polygons)  # counter-clockwise, not degenerate
    assert total == pytest.approx((extent[1] - extent[0]) * (extent[3] - extent[2]), rel=1e-9)
    centroids = np.array([p.mean(axis=0) for p in regions.polygons])
    trace = network.forward(centroids)
    engine = np.concatenate([lt.z_in > 0 for lt in trace.layers[:-1]], axis=1)
    np.testing.assert_array_equal(engine, regions.patterns)
    assert len({row.tobytes() for row in regions.patterns}) == regions.count  # one polygon per pattern


def test_every_grid_point_lies_in_the_region_of_its_pattern_and_a_fine_grid_sees_every_region():
    network = _one_layer([[1.0, 0.0, 1.0], [0.0, 1.0, -1.0]], [0.2, -0.3, 0.4])  # fat regions
    network = Network([*network.layers[:1], Dense(np.array([[1.0, -1], [0.5, 1], [-1, 0.3]]), [0.1, -0.2], "relu"),
                       Dense(np.ones((2, 1)), [0.0], "identity")])
    extent = (-2.0, 2.0, -2.0, 2.0)
    regions = linear_regions(network, extent, resolution=201)
    ids = grid_regions(network, extent, 201).ravel()
    x1 = np.linspace(-2, 2, 201)
    X1, X2 = np.meshgrid(x1, x1)
    points = np.c_[X1.ravel(), X2.ravel()]
    engine = np.concatenate([lt.z_in > 0 for lt in network.forward(points).layers[:-1]], axis=1)
    seen = set()
    for k, polygon in enumerate(regions.polygons):
        inside = _inside(points, polygon, tol=-1e-9)  # strictly inside: off every boundary
        assert inside.any(), f"region {k} holds no grid point: the grid cannot see it"
        assert np.all(engine[inside] == regions.patterns[k])
        seen |= set(ids[inside].tolist())
    assert regions.grid_count == len(seen) == regions.count


def test_a_grid_misses_thin_regions_that_the_exact_count_keeps():
    network = _random_relu([2, 16, 16, 1], seed=1)
    coarse = linear_regions(network, (-2, 2, -2, 2), resolution=41)
    assert coarse.grid_count < coarse.count
    assert linear_regions(network, (-2, 2, -2, 2), resolution=401).grid_count <= coarse.count


def test_neighbours_share_an_edge_and_never_a_colour():
    network = _random_relu([2, 5, 4, 1], seed=7)
    regions = linear_regions(network, (-2, 2, -2, 2))
    assert regions.neighbours and all(regions.colors[a] != regions.colors[b] for a, b in regions.neighbours)
    assert len(set(regions.colors.tolist())) >= 4  # the map reads as regions, not as a checkerboard

    def segments(polygon):
        return [(polygon[i], polygon[(i + 1) % len(polygon)]) for i in range(len(polygon))]

    def share(p, q):  # an independent check: collinear edges that overlap over a positive length
        for a, b in segments(p):
            d = (b - a) / np.linalg.norm(b - a)
            for c, e in segments(q):
                if abs(_cross(d, c - a)) < 1e-7 and abs(_cross(d, e - a)) < 1e-7:
                    lo, hi = sorted([(c - a) @ d, (e - a) @ d])
                    if min(hi, np.linalg.norm(b - a)) - max(lo, 0.0) > 1e-7:
                        return True
        return False

    truth = {(i, j) for i in range(regions.count) for j in range(i + 1, regions.count)
             if share(regions.polygons[i], regions.polygons[j])}
    assert set(regions.neighbours) == truth


def test_colouring_a_graph_gives_neighbours_different_colours_and_uses_them_evenly():
    ring = [(k, (k + 1) % 9) for k in range(9)]  # an odd cycle needs three colours
    colors = color_regions(9, ring, n_colors=3)
    assert all(colors[a] != colors[b] for a, b in ring)
    assert sorted(np.bincount(colors).tolist()) == [3, 3, 3]


def test_the_fair_bound_counts_every_relu_of_the_network():
    network = random_network([2, 8, 8, 1], "relu", "sigmoid", seed=0)
    regions = linear_regions(network, (-1, 1, -1, 1))
    assert regions.relus == 16 and regions.bound == 1 + 16 + comb(16, 2) == 137
    assert regions.first_layer_bound == 1 + 8 + comb(8, 2) == 37


@pytest.mark.parametrize("both, growth, per_layer", [(False, 2, 3), (True, 4, 4)])
def test_the_fold_multiplies_its_regions_with_every_layer(both, growth, per_layer):
    stages = fold_stages(5 if not both else 4, both)
    assert [s.count for s in stages] == [growth ** (k + 1) for k in range(len(stages))]
    assert [s.relus for s in stages] == [per_layer * (k + 1) for k in range(len(stages))]
    # every region of the fold is a rectangle of the same size: the plane folded onto one copy
    areas = [polygon_area(p) for p in stages[-1].regions.polygons]
    assert np.allclose(areas, 4.0 / stages[-1].count)


def test_the_fold_computes_the_folded_coordinate_and_beats_one_layer_past_the_crossover():
    network = fold_network(3)
    x = np.random.default_rng(0).uniform(-1, 1, (50, 2))
    u = 2 * np.abs(2 * np.abs(x[:, 0]) - 1) - 1  # fold x₁, then x₂ (carried), then x₁ again
    np.testing.assert_allclose(network.predict(x)[:, 0], u, atol=1e-12)
    assert crossover(3, 2) == 9 and 2**9 > region_bound(27) and 2**8 <= region_bound(24)
    assert crossover(4, 4) == 4 and fold_stages(4, both=True)[-1].count > region_bound(16) == 137


def test_linear_regions_refuse_networks_that_are_not_relu_or_not_planar():
    with pytest.raises(NnvizError, match="ReLU"):
        linear_regions(Network([Dense(np.eye(2), [0, 0], "tanh"), Dense(np.ones((2, 1)), [0], "identity")]))
    with pytest.raises(NnvizError, match="2 inputs"):
        linear_regions(Network([Dense(np.ones((3, 2)), [0, 0], "relu"), Dense(np.ones((2, 1)), [0], "identity")]))
    with pytest.raises(NnvizError, match="extent"):
        linear_regions(_tangents(2)[0], extent=(1, -1, 0, 1))
