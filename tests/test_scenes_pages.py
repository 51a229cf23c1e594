"""The motivation and fold scenes: what they write, rendered tiny with one caption per step."""

from __future__ import annotations

import re

import pytest

from nnviz.analysis.fold import fold_stages
from nnviz.analysis.representation import Stage

motivation = pytest.importorskip("nnviz.scenes.motivation")
layers = pytest.importorskip("nnviz.scenes.layers")


def test_the_scenes_write_the_engines_numbers_and_the_slides_formulas():
    assert motivation.accuracy_text(0.545) == "accuracy 0.545" and motivation.accuracy_text(1) == "accuracy 1.000"
    affine = Stage("z_in^(2)", "", None, None, 2, "affine")
    assert motivation.stage_formula(affine) == r"\mathbf{z}_{in}^{(2)} = W^{(2)T} \mathbf{z}^{(1)} + \mathbf{b}^{(2)}"
    bend = Stage("z^(1)", "", None, None, 1, "activation")
    assert motivation.stage_formula(bend) == r"\mathbf{z}^{(1)} = \tanh\left(\mathbf{z}_{in}^{(1)}\right)"
    rows = [layers.count_row(stage) for stage in fold_stages(4)]
    assert rows == [["1", "3", "2", "7"], ["2", "6", "4", "22"], ["3", "9", "8", "46"], ["4", "12", "16", "79"]]
    assert "16 regions from 12 ReLUs" in layers.fold_words(fold_stages(4)[-1])


@pytest.mark.render
@pytest.mark.parametrize("scene, steps", [("polar-morph", 6), ("learned-representation", 6), ("montufar-fold", 7)])
def test_each_step_has_a_caption_and_the_video_ends_on_its_slide(scene, steps, tmp_path):
    from scene_frames import assert_frames_sane, render_frames

    video = render_frames(scene, tmp_path)
    assert_frames_sane(video)
    vtt = video.path.with_suffix(".vtt").read_text()
    cues = re.findall(r"\d\d:\d\d:\d\d\.\d\d\d --> \d\d:\d\d:\d\d\.\d\d\d\n(.+)", vtt)
    assert len(cues) == steps and all(len(cue) > 20 for cue in cues)
    assert video.duration >= steps * 1.5  # every step holds at least the lecture pace's 1.5 s


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("scene", ["polar-morph", "learned-representation", "montufar-fold"])
def test_the_scenes_pass_the_classroom_checks(scene, theme):
    from classroom import check, play

    problems = check(play(scene, theme=theme))
    assert not problems, f"{scene} [{theme}]: " + "\n".join(problems)
