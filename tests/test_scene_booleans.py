"""The scene "Booleans over the reals": the engine's sums on screen, everything inside the frame, a real video."""

from __future__ import annotations

import numpy as np
import pytest
from manim import Text
from scene_frames import assert_frames_sane, render_frames

from nnviz.animate import SceneOptions
from nnviz.render import get_scene, list_scenes

HALF_W, HALF_H = 14.2222 / 2, 8.0 / 2


def play_storyboard():
    """Run the scene with animations skipped; record the texts after each play and what left the frame."""
    from manim import tempconfig

    texts, outside = [], []

    class Probe(get_scene("booleans-over-the-reals")):
        def play(self, *animations, **kwargs):
            super().play(*animations, **kwargs)
            family = [m for top in self.mobjects for m in top.get_family()]
            texts.append({m.original_text for m in family if isinstance(m, Text)})
            for m in family:
                if len(m.points) and (m.get_fill_opacity() > 0.01 or m.get_stroke_opacity() > 0.01):
                    (x0, y0, _), (x1, y1, _) = m.get_corner([-1, -1, 0]), m.get_corner([1, 1, 0])
                    if x0 < -HALF_W or x1 > HALF_W or y0 < -HALF_H or y1 > HALF_H:
                        outside.append(f"play {len(texts)}: {type(m).__name__}")

    Probe.options = SceneOptions()
    with tempconfig({"dry_run": True, "write_to_movie": False, "pixel_width": 256, "pixel_height": 144,
                     "frame_rate": 5, "verbosity": "WARNING", "progress_bar": "none"}):
        Probe(skip_animations=True).render()
    return texts, outside


def test_scene_is_listed_in_its_lecture_section():
    scene = get_scene("booleans-over-the-reals")
    assert scene in list_scenes()
    assert scene.section == "Why add more layers?" and scene.order == 55
    assert scene.caption == "The network must fire if the input is in the coloured area"


def test_storyboard_shows_the_and_then_the_or_with_the_engines_sums():
    texts, outside = play_storyboard()
    seen = set().union(*texts)
    assert "AND: Σ = 5 ≥ 5  →  f = 1" in seen  # inside the first pentagon all five half-planes fire
    assert "AND: Σ = 3 < 5  →  f = 0" in seen  # at the second pentagon's centre only three do
    assert "OR: Σ = 1 ≥ 1  →  f = 1" in seen
    assert {"h₁", "h₅", "∧", "∨", "1.05", "0.25", "-1.05", "-0.25"} <= seen
    assert "OR: Σ = 1 ≥ 1  →  f = 1" in texts[-1]
    assert outside == []


@pytest.mark.render
def test_video_plays_and_ends_with_both_pentagons_coloured(tmp_path):
    video = render_frames("booleans-over-the-reals", tmp_path)
    assert_frames_sane(video)
    assert 15 < video.duration < 40
    last = video.last.astype(int)
    # the coloured area (the theme's highlight at 0.75 over white) fills part of the plane
    from nnviz.palette import mix, palette, rgb

    light = palette("light")
    r, g, b = (round(255 * c) for c in rgb(mix(light.background, light.highlight, 0.75)))
    accent = (np.abs(last[..., 0] - r) < 30) & (np.abs(last[..., 1] - g) < 35) & (np.abs(last[..., 2] - b) < 35)
    height, width = accent.shape
    assert accent[:, : width // 2].mean() > 0.03
    assert accent[:, width // 2:].mean() < 0.002  # the diagram's side has no fill
