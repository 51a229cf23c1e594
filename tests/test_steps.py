"""The step model: a step holds still for its reading time, and its words become the captions."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from nnviz.animate.pacing import PACES, StepRecord, caption_cues, captions_srt, captions_vtt, reading_time

STEP_SCENE = textwrap.dedent('''
    from manim import Circle, Create, FadeIn, Square, RIGHT
    from nnviz.animate.base import LectureScene
    from nnviz.animate.text import words


    class StepTestScene(LectureScene):
        name = "step-test-scene"
        section = "Tests"
        summary = "Two steps."
        order = 1

        def construct(self):
            circle = Circle(color=self.theme.highlight)
            self.step(Create(circle), say="A circle appears.", run_time=1)
            self.play(circle.animate.shift(RIGHT))  # a transition between steps
            self.step(FadeIn(words("1·2 + 3 = 5", self.theme)), say="A sum with two products.", reads=2)
''')


def test_reading_time_is_a_base_plus_a_share_per_item():
    assert reading_time(PACES["lecture"], 0) == 1.5
    assert reading_time(PACES["lecture"], 16) == pytest.approx(1.5 + 16 * 0.3)
    assert reading_time(PACES["brisk"], 16) < reading_time(PACES["lecture"], 16)


def test_cues_cover_the_video_without_gaps():
    steps = [StepRecord(0, "one", 0, 0.0, 1.0, 2.5), StepRecord(1, "two", 2, 3.0, 4.0, 6.1)]
    assert caption_cues(steps, duration=6.1) == [(0.0, 3.0, "one"), (3.0, 6.1, "two")]
    vtt = captions_vtt(steps, 6.1)
    assert vtt.startswith("WEBVTT\n") and "00:00:03.000 --> 00:00:06.100\ntwo" in vtt
    assert "00:00:00,000 --> 00:00:03,000\none" in captions_srt(steps, 6.1)


def test_a_cue_never_holds_a_blank_line_or_an_arrow():
    vtt = captions_vtt([StepRecord(0, "a --> b\n\nc", 0, 0.0, 1.0, 2.0)])
    body = vtt.split("\n", 3)[3]
    assert "-->" not in body.split("\n", 1)[1] and "\n\n" not in body.strip()


def _add_step_scene(monkeypatch, folder: Path) -> None:
    import nnviz.scenes

    folder = folder / "step_scenes"
    folder.mkdir()
    (folder / "nnviz_step_test_scene.py").write_text(STEP_SCENE)
    monkeypatch.setattr(nnviz.scenes, "__path__", [*nnviz.scenes.__path__, str(folder)])


@pytest.mark.render
@pytest.mark.parametrize("pace", ["lecture", "brisk"])
def test_steps_hold_for_their_reading_time_and_write_captions(tmp_path, monkeypatch, pace):
    from scene_frames import decode

    from nnviz.animate.base import SceneOptions
    from nnviz.render import caption_paths, render_scene

    _add_step_scene(monkeypatch, tmp_path)
    video = render_scene("step-test-scene", SceneOptions(pace=pace), output=tmp_path / "s.mp4",
                         size=(128, 72), fps=10)
    vtt, srt = caption_paths(video)
    cues = re.findall(r"(\d\d):(\d\d):(\d\d)\.(\d\d\d) --> (\d\d):(\d\d):(\d\d)\.(\d\d\d)\n(.+)", vtt.read_text())
    assert [c[-1] for c in cues] == ["A circle appears.", "A sum with two products."]
    assert srt.read_text().count(" --> ") == 2

    def seconds(h, m, s, ms):
        return int(h) * 3600 + int(m) * 60 + int(s) + int(ms) / 1000

    spans = [(seconds(*c[:4]), seconds(*c[4:8])) for c in cues]
    duration = decode(video).duration
    assert spans[0][0] == 0 and spans[0][1] == spans[1][0]
    assert spans[-1][1] == pytest.approx(duration, abs=0.25)
    # the circle (run_time 1 at the pace's motion) + hold, 1 s shift, 1 s fade + hold with 2 items
    expected = PACES[pace].motion + 2 + reading_time(PACES[pace], 0) + reading_time(PACES[pace], 2)
    assert duration == pytest.approx(expected, abs=0.25)
