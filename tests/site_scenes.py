"""Scenes that exist only while a gallery or deck test runs: steps with words (captions, speaker notes).

    from site_scenes import STEP_WORDS, add_site_scenes
    add_site_scenes(monkeypatch.setattr, tmp_path)      # "site-test-steps" is now a scene

``site-test-steps`` has three steps, the third after a transition played outside any step, and one
word with markup characters (which must stay text in the notes and the captions).
"""

from __future__ import annotations

import textwrap
from pathlib import Path

STEP_WORDS = [
    "A circle appears: the value of the neuron.",
    "Its sum, 1·2 + 3 = 5, is written below.",
    "σ(5) < 1 & > 0: the <b>result</b> stays a number.",
]

SITE_SCENES = textwrap.dedent('''
    from manim import Circle, Create, FadeIn, Indicate, Square, RIGHT, DOWN
    from nnviz.animate.base import LectureScene
    from nnviz.animate.text import words

    WORDS = {words!r}


    class SiteTestSteps(LectureScene):
        name = "site-test-steps"
        section = "A single neuron"
        summary = "Three steps with words."
        caption = "A test scene with steps."
        order = 1

        def construct(self):
            circle = Circle(color=self.theme.highlight)
            self.step(Create(circle), say=WORDS[0], run_time=1)
            self.step(FadeIn(words("1·2 + 3 = 5", self.theme).next_to(circle, DOWN)), say=WORDS[1], reads=2)
            self.play(circle.animate.shift(RIGHT), run_time=0.5)  # a transition between steps
            self.step(FadeIn(Square(color=self.theme.positive).shift(3 * RIGHT)), say=WORDS[2])
''').format(words=STEP_WORDS)


def add_site_scenes(setattr, folder: Path) -> None:
    """Make ``site-test-steps`` discoverable (``setattr``: a MonkeyPatch's, so it is undone)."""
    import nnviz.scenes

    folder = Path(folder) / "site_test_scenes"
    folder.mkdir(exist_ok=True)
    module = folder / "nnviz_site_test_scenes.py"
    if not module.exists():
        module.write_text(SITE_SCENES)
    if str(folder) not in nnviz.scenes.__path__:
        setattr(nnviz.scenes, "__path__", [*nnviz.scenes.__path__, str(folder)])
