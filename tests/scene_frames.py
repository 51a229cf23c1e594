"""Render a scene small and look at its frames: the helper every scene test uses.

    from scene_frames import assert_frames_sane, render_frames

    def test_deep_forward_plays(tmp_path):
        video = render_frames("deep-forward", tmp_path, theme="dark")
        assert_frames_sane(video)
        assert video.duration > 5

``render_frames`` takes the ``SceneOptions`` fields as keywords (network, x, target, loss, lr,
theme, extra) and renders at 256x144, 5 fps (``size=``/``fps=`` override). Frames are RGB uint8
arrays of shape (height, width, 3).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path

import numpy as np

TINY_SIZE = (256, 144)
TINY_FPS = 5


@dataclass
class RenderedVideo:
    """A decoded render: its length in seconds, its frames (RGB arrays) and its file."""

    path: Path
    duration: float
    frames: list[np.ndarray]
    fps: float

    @property
    def frame_count(self) -> int:
        return len(self.frames)

    @property
    def first(self) -> np.ndarray:
        return self.frames[0]

    @property
    def last(self) -> np.ndarray:
        return self.frames[-1]

    def at(self, seconds: float) -> np.ndarray:
        """The frame shown at ``seconds`` into the video."""
        index = min(int(seconds * self.fps), self.frame_count - 1)
        return self.frames[max(index, 0)]


def decode(path: Path) -> RenderedVideo:
    """Every frame of a video file, decoded with PyAV."""
    import av

    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        frames = [frame.to_ndarray(format="rgb24") for frame in container.decode(stream)]
        fps = float(stream.average_rate or stream.guessed_rate or TINY_FPS)
        duration = container.duration / 1e6 if container.duration else len(frames) / fps
    return RenderedVideo(path, duration, frames, fps)


def render_frames(scene_name: str, tmp_path: Path, *, size=TINY_SIZE, fps=TINY_FPS, fmt: str = "mp4",
                  **options) -> RenderedVideo:
    """Render ``scene_name`` tiny into ``tmp_path`` and decode it."""
    from nnviz.animate.base import SceneOptions
    from nnviz.render import render_scene

    output = Path(tmp_path) / f"{scene_name}.{fmt}"
    render_scene(scene_name, SceneOptions(**options), quality="l", fmt=fmt, output=output, size=size, fps=fps)
    return decode(output)


def is_blank(frame: np.ndarray) -> bool:
    """A frame of (almost) one colour: nothing drawn."""
    return float(frame.astype(float).std(axis=(0, 1)).max()) < 2.0


def assert_frames_sane(video: RenderedVideo) -> None:
    """The video has a length, something is drawn, and the end differs from the start."""
    assert video.duration > 0, f"{video.path}: duration {video.duration}"
    assert video.frame_count >= 2, f"{video.path}: {video.frame_count} frames"
    assert not is_blank(video.last), f"{video.path}: the last frame is blank"
    drawn = sum(not is_blank(frame) for frame in video.frames)
    assert drawn >= video.frame_count // 4, f"{video.path}: only {drawn} of {video.frame_count} frames drawn"
    change = np.abs(video.last.astype(int) - video.first.astype(int)).mean()
    assert change > 0.5, f"{video.path}: the last frame looks like the first (mean change {change:.2f})"


# Two scenes that exist only while a test runs: one that draws (and shows f of its network, with a
# pause: two slides in a deck), one that fails half-way through, after manim has started writing.
TEST_SCENES = textwrap.dedent('''
    from manim import Circle, Create, FadeIn, MathTex, Square, RIGHT
    from nnviz.animate.base import LectureScene
    from nnviz.engine.notation import format_number


    class RenderTestCircle(LectureScene):
        name = "render-test-circle"
        section = "Tests"
        summary = "A circle, then f of the network."
        caption = "A test scene."
        order = 1
        default_network = "single-hidden"

        def construct(self):
            f = self.trace().output[0, 0]
            circle = Circle(color=self.theme.accent)
            self.play(Create(circle), run_time=1)
            self.pause()
            self.play(FadeIn(MathTex("f = " + format_number(f), color=self.theme.text).next_to(circle)))
            self.play(FadeIn(Square(color=self.theme.positive).shift(4 * RIGHT)))


    class RenderTestFails(LectureScene):
        name = "render-test-fails"
        section = "Tests"
        summary = "Breaks after its first animation."
        order = 2

        def construct(self):
            self.play(Create(Circle()), run_time=1)
            raise RuntimeError("the scene broke half-way")
''')


def add_test_scenes(monkeypatch, folder: Path) -> None:
    """Make the test scenes discoverable (``render-test-circle``, ``render-test-fails``) for one test."""
    import nnviz.scenes

    folder = Path(folder) / "render_test_scenes"
    folder.mkdir(exist_ok=True)
    module = folder / "nnviz_render_test_scenes.py"
    if not module.exists():
        module.write_text(TEST_SCENES)
    monkeypatch.setattr(nnviz.scenes, "__path__", [*nnviz.scenes.__path__, str(folder)])
