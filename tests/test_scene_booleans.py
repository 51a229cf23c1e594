"""The scene "Booleans over the reals": the units' weights and the engine's sums on screen, as written."""

from __future__ import annotations

import numpy as np
import pytest
from classroom import check, play
from classroom_arithmetic import equations
from scene_frames import assert_frames_sane, render_frames

from nnviz.analysis.regions import polygon_region, preset_region
from nnviz.animate.regions import UnitNumbers
from nnviz.render import get_scene, list_scenes


@pytest.fixture(scope="module")
def run():
    return play("booleans-over-the-reals")


def test_scene_is_listed_in_its_lecture_section():
    scene = get_scene("booleans-over-the-reals")
    assert scene in list_scenes()
    assert scene.section == "Why add more layers?" and scene.order == 55
    assert scene.caption == "The network must fire if the input is in the coloured area"


def test_each_units_sum_at_the_input_adds_up_with_the_weights_in_the_table():
    union = preset_region("two-pentagons")
    first = polygon_region(union.outlines[0], "pentagon")
    units = UnitNumbers(first, [p.mean(axis=0) for p in union.outlines])
    assert units.row(0) == ["0.59", "-0.81", "1.143"]  # w₁, w₂, b of h₁ (the pentagon's first edge)
    assert units.worked(0, 0) == ("0.59·(-1.05) + (-0.81)·(-0.25) + 1.143", "0.73")
    for line in units.written.equations():
        found, unreadable = equations(line)
        assert found and not unreadable and all(e.ok for e in found), line
    np.testing.assert_allclose([float(t) for t in units.row(3)],
                               [*first.network.layers[0].W[:, 3], first.network.layers[0].b[3]], atol=0.005)


def test_the_scene_shows_every_units_weights_and_the_thresholds(run):
    seen = run.seen  # the table: w₁, w₂, b of every half-plane unit of the pentagon
    assert {"0.59", "-0.81", "1.143", "0.95", "0.31", "1.804", "0.978", "-0.193", "-0.091"} <= seen
    assert {"Σ ≥ 5", "Σ ≥ 1", "∧", "∨"} <= seen  # the AND threshold N and the OR threshold 1
    assert "AND: Σ = 1 + 1 + 1 + 1 + 1 = 5 ≥ 5  →  f = 1" in seen  # inside: all five half-planes fire
    assert "AND: Σ = 1 + 1 + 1 + 0 + 0 = 3 < 5  →  f = 0" in seen  # in the other pentagon only three do
    assert "OR: Σ = 0 + 1 = 1 ≥ 1  →  f = 1" in run.end.strings


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_scene_passes_the_classroom_checks(theme, run):
    problems = check(run if theme == "light" else play("booleans-over-the-reals", theme=theme))
    assert not problems, "\n".join(problems)


@pytest.mark.render
def test_video_plays_and_ends_with_both_pentagons_coloured(tmp_path):
    video = render_frames("booleans-over-the-reals", tmp_path)
    assert_frames_sane(video)
    assert 30 < video.duration < 90
    last = video.last.astype(int)
    from nnviz.palette import mix, palette, rgb

    light = palette("light")
    r, g, b = (round(255 * c) for c in rgb(mix(light.background, light.highlight, 0.45)))
    fill = (np.abs(last[..., 0] - r) < 30) & (np.abs(last[..., 1] - g) < 35) & (np.abs(last[..., 2] - b) < 35)
    height, width = fill.shape
    plane = fill[:, : width * 3 // 10]  # the plane takes the left ~30 % of the frame, the x₁ axis across it
    left, right = plane[:, : plane.shape[1] // 2], plane[:, plane.shape[1] // 2:]
    assert left.mean() > 0.03 and right.mean() > 0.03  # both pentagons coloured (the OR fires on both)
