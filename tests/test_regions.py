"""Exact Boolean regions: threshold networks built from polygons fire exactly on the polygon."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.path import Path as MplPath

from nnviz.analysis.regions import (
    PRESETS,
    convex_pieces,
    decision_grid,
    distance_to_outline,
    is_convex,
    linear_regions,
    parse_polygon,
    polar_fit,
    polygon_region,
    preset_region,
    region_bound,
    region_grid,
    regular_polygon,
    star_polygon,
    validate_polygon,
)
from nnviz.engine import Dense, Network
from nnviz.errors import NnvizError


def _points(grid):
    X1, X2 = np.meshgrid(grid.x1, grid.x2)
    return np.c_[X1.ravel(), X2.ravel()]


def _off_boundary(grid, margin=1e-6):
    points = _points(grid)
    d = np.min([distance_to_outline(points, o) for o in grid.region.outlines], axis=0)
    return (d > margin).reshape(len(grid.x2), len(grid.x1))


def _truth_by_matplotlib(region, points):
    """An independent point-in-polygon (matplotlib's), even–odd over the outlines."""
    inside = np.zeros(len(points), bool)
    for outline in region.outlines:
        inside ^= MplPath(outline).contains_points(points)
    return inside


@pytest.mark.parametrize("name", PRESETS)
def test_every_preset_network_fires_exactly_inside_its_region(name):
    grid = region_grid(preset_region(name), resolution=120)
    off = _off_boundary(grid)
    truth = _truth_by_matplotlib(grid.region, _points(grid)).reshape(off.shape)
    assert set(np.unique(grid.output)) == {0.0, 1.0}
    assert np.array_equal(grid.output[off] == 1.0, truth[off])
    assert truth.sum() > 100 and (~truth).sum() > 100  # the window shows both sides


def test_presets_are_built_from_the_expected_units():
    assert preset_region("pentagon").network.shape == (2, 5, 1)
    assert preset_region("two-pentagons").network.shape == (2, 10, 2, 1)
    ring = preset_region("ring")
    assert ring.network.shape == (2, 24, 6, 1)  # six quadrilaterals around the hexagonal hole
    assert all(is_convex(p) for p in preset_region("star").pieces)
    assert [layer.activation.name for layer in ring.network.layers] == ["step"] * 3


@st.composite
def convex_polygons(draw):
    points = np.array(draw(st.lists(st.tuples(st.floats(-3, 3), st.floats(-3, 3)), min_size=3, max_size=12)))
    hull = _convex_hull(points)
    area = 0.5 * abs(np.sum(hull[:, 0] * np.roll(hull[:, 1], -1) - np.roll(hull[:, 0], -1) * hull[:, 1]))
    # a sliver thinner than a grid cell has no interior grid point to check
    edges = np.linalg.norm(np.roll(hull, -1, axis=0) - hull, axis=1) if len(hull) else [0]
    if len(hull) < 3 or area < 0.5 or min(edges) < 0.05:
        from hypothesis import reject
        reject()
    return hull


def _convex_hull(points):
    """Andrew's monotone chain, counter-clockwise, without collinear points."""
    pts = sorted(set(map(tuple, np.round(points, 6))))
    if len(pts) < 3:
        return np.zeros((0, 2))

    def half(seq):
        out = []
        for p in seq:
            while len(out) >= 2 and ((out[-1][0] - out[-2][0]) * (p[1] - out[-2][1])
                                     - (out[-1][1] - out[-2][1]) * (p[0] - out[-2][0])) <= 1e-9:
                out.pop()
            out.append(p)
        return out

    return np.array(half(pts)[:-1] + half(pts[::-1])[:-1])


@settings(max_examples=40, deadline=None)
@given(convex_polygons())
def test_a_random_convex_polygon_uses_n_plus_one_units_and_fires_exactly_inside(hull):
    region = polygon_region(hull)
    n = len(validate_polygon(hull))
    assert sum(region.network.shape[1:]) == n + 1
    grid = region_grid(region, extent=(-3.5, 3.5, -3.5, 3.5), resolution=71)
    off = _off_boundary(grid)
    truth = MplPath(hull).contains_points(_points(grid)).reshape(off.shape)
    assert np.array_equal(grid.output[off] == 1.0, truth[off])


@st.composite
def star_shaped_polygons(draw):
    """Simple, usually non-convex polygons: vertices at increasing angles, random radii."""
    k = draw(st.integers(4, 12))
    gaps = np.array(draw(st.lists(st.floats(0.3, 1.0), min_size=k, max_size=k)))
    angles = np.cumsum(gaps) / gaps.sum() * 2 * np.pi
    radii = np.array(draw(st.lists(st.floats(0.4, 3.0), min_size=k, max_size=k)))
    return np.c_[radii * np.cos(angles), radii * np.sin(angles)]


@settings(max_examples=30, deadline=None)
@given(star_shaped_polygons())
def test_a_random_non_convex_polygon_is_cut_into_convex_pieces_and_fires_exactly_inside(vertices):
    region = polygon_region(vertices)
    assert all(is_convex(piece) for piece in region.pieces)
    grid = region_grid(region, extent=(-3.2, 3.2, -3.2, 3.2), resolution=64)
    off = _off_boundary(grid, margin=1e-6)
    truth = MplPath(region.outlines[0]).contains_points(_points(grid)).reshape(off.shape)
    assert np.array_equal(grid.output[off] == 1.0, truth[off])


@pytest.mark.parametrize("n", [3, 4, 5, 6, 7, 8])
def test_hidden_sum_of_a_regular_polygon_steps_from_n_down_to_half_n(n):
    grid = region_grid(polygon_region(regular_polygon(n)), extent=(-40, 40, -40, 40), resolution=241)
    assert list(grid.levels) == list(range(n, n // 2 - 1, -1))
    assert grid.threshold == n
    # inside the polygon every half-plane fires: the top of the pyramid is the AND
    assert np.all(grid.hidden_sum[grid.output == 1.0] == n)


def test_far_away_the_hidden_sum_of_a_pentagon_is_two_or_three():
    grid = region_grid(polygon_region(regular_polygon(5)), extent=(-50, 50, -50, 50), resolution=101)
    X1, X2 = np.meshgrid(grid.x1, grid.x2)
    far = np.hypot(X1, X2) > 30
    assert set(np.unique(grid.hidden_sum[far])) == {2.0, 3.0}


def test_union_hidden_sum_counts_the_pieces_and_or_fires_from_one():
    grid = region_grid(preset_region("two-pentagons"), resolution=101)
    assert grid.threshold == 1
    assert list(grid.levels) == [1, 0]
    assert np.array_equal(grid.output == 1.0, grid.hidden_sum >= 1)
    assert grid.half_planes.shape == (101, 101, 10) and grid.and_units.shape == (101, 101, 2)


def test_soft_network_converges_to_the_step_network_as_k_grows():
    hard = region_grid(preset_region("star"), resolution=101)
    # pointwise convergence: away from every unit's line (W holds unit normals, so this is a distance)
    off_lines = np.min(np.abs(_points(hard) @ hard.W + hard.b), axis=1).reshape(hard.output.shape) > 0.05
    errors = [np.abs(region_grid(preset_region("star", slope=k), resolution=101).output - hard.output)
              for k in (2, 10, 50, 250, 1000)]
    mean = [e.mean() for e in errors]
    worst = [e[off_lines].max() for e in errors[2:]]  # once k·distance ≫ 1
    assert mean == sorted(mean, reverse=True) and mean[0] > 0.3 and mean[-1] < 1e-3
    assert worst == sorted(worst, reverse=True) and worst[-1] < 1e-6
    assert preset_region("star", slope=50).network.layers[0].activation.name == "sigmoid"


def test_non_convex_star_is_cut_into_convex_pieces_that_cover_it_exactly():
    star = validate_polygon(star_polygon())
    pieces = convex_pieces(star)
    area = sum(0.5 * np.sum(p[:, 0] * np.roll(p[:, 1], -1) - np.roll(p[:, 0], -1) * p[:, 1]) for p in pieces)
    star_area = 0.5 * np.sum(star[:, 0] * np.roll(star[:, 1], -1) - np.roll(star[:, 0], -1) * star[:, 1])
    assert area == pytest.approx(star_area)
    assert len(pieces) <= 4 * (len(star) // 2)


@pytest.mark.parametrize("text, message", [
    ("0,0 1,1", "at least 3"),
    ("0,0 1,0 2,0", "at least 3"),
    ("0,0 1,1 1,0 0,1", "intersects itself"),
    ("0,0 a,1 1,0", "not a point"),
    ("0,0 1 1,0", "not a point"),
    ("0,0 nan,1 1,0", "NaN"),
])
def test_malformed_polygons_get_one_clear_error(text, message):
    with pytest.raises(NnvizError, match=message):
        parse_polygon(text)


def test_clockwise_polygon_is_reoriented_and_a_user_polygon_works():
    v = parse_polygon("0,0 0,2 2,2 2,0")
    assert v[0].tolist() == [2, 0] or np.sum(v[:, 0] * np.roll(v[:, 1], -1) - np.roll(v[:, 0], -1) * v[:, 1]) > 0
    region = polygon_region(parse_polygon("0,0 3,0 3,3 2,3 2,1 0,1"))  # an L shape: not convex
    assert len(region.pieces) == 2
    assert region.network.predict([[2.5, 2.5], [0.5, 0.5], [1, 2]])[:, 0].tolist() == [1, 1, 0]


def _relu_network(W, b):
    W = np.asarray(W, float)
    return Network([Dense(W, b, "relu"), Dense(np.ones((W.shape[1], 1)), [0.0], "identity")], "hand-made")


@pytest.mark.parametrize("W, b, expected", [
    ([[1, 0], [0, 1]], [0, 0], 4),                  # the two axes: four quadrants
    ([[1, 1], [0, 0]], [0, -1], 3),                 # x1 = 0 and x1 = 1: three strips
    ([[1, 0, 1], [0, 1, 1]], [0, 0, -1], 7),        # three lines in general position: 1 + 3 + 3
])
def test_linear_region_count_of_hand_made_relu_networks(W, b, expected):
    regions = linear_regions(_relu_network(W, b), extent=(-3, 3, -3, 3), resolution=151)
    assert regions.count == expected
    assert regions.bound == region_bound(len(b)) == sum([1, len(b), len(b) * (len(b) - 1) // 2])


def test_linear_regions_refuse_networks_that_are_not_relu_or_not_planar():
    with pytest.raises(NnvizError, match="ReLU"):
        linear_regions(Network([Dense(np.eye(2), [0, 0], "tanh"), Dense(np.ones((2, 1)), [0], "identity")]))
    with pytest.raises(NnvizError, match="2 inputs"):
        decision_grid(Network([Dense(np.ones((3, 1)), [0], "sigmoid")], "three-in"))


def test_decision_grid_records_probabilities_and_every_hidden_neuron():
    from nnviz.engine.init import random_network

    X = np.array([[0.0, 0.0], [1.0, 1.0]])
    net = random_network([2, 3, 1], "tanh", "sigmoid", seed=0)
    grid = decision_grid(net, X, np.array([0, 1]), resolution=21)
    assert grid.probability.shape == (21, 21) and grid.hidden[0].shape == (21, 21, 3)
    assert np.allclose(grid.probability.ravel(), net.predict(np.c_[np.meshgrid(grid.x1, grid.x2)[0].ravel(),
                                                                     np.meshgrid(grid.x1, grid.x2)[1].ravel()])[:, 0])
    assert grid.accuracy in (0.0, 0.5, 1.0)


def test_polar_coordinates_let_one_neuron_separate_the_circles():
    fit = polar_fit(n=200, seed=0, steps=400)
    assert fit.accuracy_polar == 1.0
    assert fit.accuracy_cartesian < 0.75
    assert np.allclose(fit.R[:, 0], np.hypot(fit.X[:, 0], fit.X[:, 1]))
