"""The motivation's pictures: the polar morph and the plane carried through 2-unit hidden layers."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.analysis.polar import polar_fit, polar_morph
from nnviz.analysis.representation import carry_plane, grid_lines, learned_representation
from nnviz.data import polar
from nnviz.engine.init import random_network
from nnviz.errors import NnvizError


@pytest.fixture(scope="module")
def morph():
    return polar_morph(n=120, frames=6, steps=300)


def test_the_morph_starts_at_the_data_and_ends_at_the_polar_plot(morph):
    fit = morph.fit
    np.testing.assert_array_equal(morph.points[0], fit.X)
    np.testing.assert_array_equal(morph.points[-1], polar(fit.X))
    same = polar_fit(n=120, steps=300)
    np.testing.assert_allclose(morph.W[-1], same.polar.layers[0].W[:, 0], rtol=1e-12)
    np.testing.assert_allclose(morph.W[0], same.cartesian.layers[0].W[:, 0], rtol=1e-12)
    assert morph.axis_names(0) == ("x₁", "x₂") and morph.axis_names(len(morph.t) - 1) == ("r", "θ")


def test_every_point_moves_on_a_straight_line_between_its_two_positions(morph):
    for k, t in enumerate(morph.t):
        np.testing.assert_allclose(morph.points[k], (1 - t) * morph.fit.X + t * morph.fit.R, atol=1e-12)
    assert morph.axis_names(2) == ("0.6·x₁ + 0.4·r", "0.6·x₂ + 0.4·θ")


def test_the_neuron_fails_before_and_one_line_separates_after(morph):
    assert morph.accuracy[0] < 0.75 and morph.accuracy[-1] == 1.0
    for k in range(len(morph.t)):  # each step's accuracy is the engine's, from its own neuron's line
        side = morph.points[k] @ morph.W[k] + morph.b[k] >= 0
        assert np.mean(side == (morph.fit.y == 1)) == pytest.approx(morph.accuracy[k])


@pytest.fixture(scope="module")
def representation():
    return learned_representation()


def test_each_stage_is_the_engines_trace_of_the_data_and_of_the_grid(representation):
    rep = representation
    trace = rep.network.forward(rep.X)
    assert [s.label for s in rep.stages] == ["x", "z_in^(1)", "z^(1)", "z_in^(2)", "z^(2)"]
    for stage in rep.stages[1:]:
        lt = trace.layers[stage.layer - 1]
        np.testing.assert_array_equal(stage.data, lt.z_in if stage.kind == "affine" else lt.z_out)
    lines = rep.stages[0].lines
    last = rep.network.forward(lines.reshape(-1, 2)).layers[1].z_out.reshape(lines.shape)
    np.testing.assert_array_equal(rep.stages[-1].lines, last)
    assert np.abs(rep.stages[-1].data).max() < 1  # tanh: inside the square (−1, 1)²


def test_the_last_line_separates_the_classes_in_the_learned_plane(representation):
    rep = representation
    side = rep.stages[-1].data @ rep.U + rep.c >= 0  # σ(uᵀz + c) ≥ ½ ⇔ uᵀz + c ≥ 0
    assert rep.accuracy == 1.0 and np.all(side == (rep.y == 1))
    segment = rep.boundary((-1, 1, -1, 1))
    assert segment is not None and np.allclose(segment @ rep.U + rep.c, 0, atol=1e-9)


def test_frames_move_from_each_stage_to_the_next(representation):
    frames = representation.frames(per_step=4)
    assert len(frames) == 1 + 4 * (len(representation.stages) - 1)
    stage, s, data, _ = frames[4]
    assert (stage, s) == (1, 1.0) and np.array_equal(data, representation.stages[1].data)
    _, s, data, _ = frames[2]
    np.testing.assert_allclose(data, 0.5 * representation.stages[0].data + 0.5 * representation.stages[1].data)


def test_grid_lines_and_networks_the_plane_cannot_pass():
    lines = grid_lines((-1, 1, 0, 2), count=3, points=5)
    assert lines.shape == (6, 5, 2) and lines[0, 0].tolist() == [-1, 0] and lines[-1, -1].tolist() == [1, 2]
    with pytest.raises(NnvizError, match="hidden layers of 2 units"):
        carry_plane(random_network([2, 3, 1], "tanh", "sigmoid"), np.zeros((2, 2)), np.array([0, 1]))
