"""Rendering: every scene renders tiny and moves; output lands exactly and atomically; errors are one line."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from scene_frames import TINY_FPS, TINY_SIZE, add_test_scenes, assert_frames_sane, decode, render_frames

from nnviz import render
from nnviz.animate.base import LectureScene, SceneOptions
from nnviz.cli import cli
from nnviz.errors import NnvizError
from nnviz.render import get_scene, list_scenes, render_scene

pytestmark = pytest.mark.render

TINY = ["--size", f"{TINY_SIZE[0]}x{TINY_SIZE[1]}", "--fps", str(TINY_FPS)]

@pytest.fixture
def test_scenes(tmp_path_factory, monkeypatch):
    """Adds the two test scenes (render-test-circle, render-test-fails) to nnviz.scenes for one test."""
    add_test_scenes(monkeypatch, tmp_path_factory.getbasetemp())


def run_cli(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


# ---- every lecture scene -----------------------------------------------------------------------
SCENES = [cls.name for cls in list_scenes()]


@pytest.mark.parametrize("scene_name", SCENES)
def test_every_scene_renders_tiny_and_its_last_frame_differs_from_its_first(scene_name, tmp_path):
    video = render_frames(scene_name, tmp_path)
    assert_frames_sane(video)
    assert video.first.shape == (TINY_SIZE[1], TINY_SIZE[0], 3)
    assert video.frame_count == pytest.approx(video.duration * TINY_FPS, abs=2)


def test_scenes_are_listed_in_lecture_order_with_a_section_and_summary():
    scenes = list_scenes()
    assert [cls.order for cls in scenes] == sorted(cls.order for cls in scenes)
    assert len({cls.name for cls in scenes}) == len(scenes)
    for cls in scenes:
        assert issubclass(cls, LectureScene)
        assert cls.section and cls.summary, f"{cls.name} needs a section and a one-line summary"


def test_nnviz_scenes_prints_one_line_per_scene(test_scenes):
    result = run_cli("scenes")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert len(lines) == len(list_scenes())
    line = next(line for line in lines if line.startswith("render-test-circle "))
    assert "Tests" in line and "A circle, then f of the network." in line


# ---- where the file goes -----------------------------------------------------------------------
def test_render_writes_exactly_the_output_path_and_nothing_else(test_scenes, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    target = tmp_path / "talk" / "circle.mp4"
    result = run_cli("render", "render-test-circle", "-o", str(target), *TINY)
    assert result.exit_code == 0, result.output
    # the video and its captions (one cue per step), nothing else: no version suffix, no temp
    captions = [target.with_suffix(".vtt"), target.with_suffix(".srt")]
    assert result.output.split() == [str(target), *map(str, captions)]
    assert sorted(p.name for p in target.parent.iterdir()) == ["circle.mp4", "circle.srt", "circle.vtt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "talk"]  # no media/ in the working dir
    assert (tmp_path / "cache" / "nnviz" / "manim" / "Tex").is_dir()  # the formula cache is the user's
    assert_frames_sane(decode(target))


def test_render_defaults_to_nnviz_out_scene_mp4(test_scenes, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run_cli("render", "render-test-circle", *TINY)
    assert result.exit_code == 0, result.output
    assert result.output.split()[0] == str(Path("nnviz-out") / "render-test-circle.mp4")
    assert (tmp_path / "nnviz-out" / "render-test-circle.mp4").stat().st_size > 0


def test_a_failing_render_leaves_the_existing_file_untouched(test_scenes, tmp_path):
    target = tmp_path / "slide.mp4"
    target.write_bytes(b"the good video from yesterday")
    with pytest.raises(RuntimeError, match="half-way"):
        render_scene("render-test-fails", output=target, size=TINY_SIZE, fps=TINY_FPS)
    assert target.read_bytes() == b"the good video from yesterday"
    assert [p.name for p in tmp_path.iterdir()] == ["slide.mp4"]


def test_options_reach_the_scene_without_changing_the_shared_class(test_scenes, tmp_path):
    options = SceneOptions(theme="dark", x=[1, 0, 2])
    render_scene("render-test-circle", options, output=tmp_path / "a.png", fmt="png", size=TINY_SIZE)
    assert get_scene("render-test-circle").options == SceneOptions()
    background = decode_png(tmp_path / "a.png")[2, 2]
    assert tuple(background) == (0x14, 0x16, 0x1B)  # the dark theme's background


# ---- formats -----------------------------------------------------------------------------------
def decode_png(path: Path) -> np.ndarray:
    from PIL import Image

    with Image.open(path) as image:
        assert image.format == "PNG"
        return np.asarray(image.convert("RGB"))


def test_png_is_the_last_frame_at_the_quality_size(test_scenes, tmp_path):
    target = tmp_path / "slide.png"
    result = run_cli("render", "render-test-circle", "--format", "png", "-q", "l", "-o", str(target))
    assert result.exit_code == 0, result.output
    frame = decode_png(target)
    assert frame.shape == (480, 854, 3)  # manim's -ql
    assert tuple(frame[2, 2]) == (255, 255, 255)  # the light theme's white background
    video = render_frames("render-test-circle", tmp_path)
    small = decode_png(render_scene("render-test-circle", fmt="png", output=tmp_path / "small.png",
                                    size=TINY_SIZE))
    assert np.abs(small.astype(int) - video.last.astype(int)).mean() < 8  # the video's last frame


@pytest.mark.parametrize("fmt", ["gif", "webm"])
def test_gif_and_webm_are_videos_of_the_same_length(test_scenes, tmp_path, fmt):
    mp4 = render_frames("render-test-circle", tmp_path)
    other = render_frames("render-test-circle", tmp_path, fmt=fmt)
    assert other.path.suffix == f".{fmt}"
    assert other.duration == pytest.approx(mp4.duration, abs=0.3)
    assert_frames_sane(other)


def test_format_follows_the_output_suffix(test_scenes, tmp_path):
    target = tmp_path / "loop.gif"
    result = run_cli("render", "render-test-circle", "-o", str(target), *TINY)
    assert result.exit_code == 0, result.output
    assert target.read_bytes()[:6] == b"GIF89a"


# ---- errors: one line, exit 2 ------------------------------------------------------------------
@pytest.mark.parametrize(("args", "message"), [
    (["render", "no-such-scene"], "unknown scene 'no-such-scene'; the scenes are: "),
    (["render", "render-test-circle", "--network", "no-such-net"], "unknown network 'no-such-net'"),
    (["render", "render-test-circle", "-x", "1,2"], "x has 2 features, but single-hidden expects 3"),
    (["render", "render-test-circle", "-x", "1,a,2"], "'-x': '1,a,2' is not a list of numbers"),  # click's type
    (["render", "render-test-fails", "--network", "deep"], "draws no network"),
    (["render", "render-test-circle", "--loss", "hinge"], "'--loss': unknown loss 'hinge'"),
    (["render", "render-test-circle", "--lr", "-1"], "--lr -1.0: the learning rate must be a positive number"),
    (["render", "render-test-circle", "--format", "png", "-o", "x.mp4"], "must end in .png"),
    (["render", "render-test-circle", "--fps", "0"], "--fps 0.0: the frame rate must be a number from 1 to 120"),
    (["render", "render-test-circle", "--fps", "nan"], "--fps nan: the frame rate must be a number"),
    (["render", "render-test-circle", "--fps", "-5"], "--fps -5.0: the frame rate must be a number"),
    (["render", "render-test-circle", "--size", "100000x100000"], "at most 7680"),
    (["render", "polar-morph", "--lr", "0.5"], "scene polar-morph does not use --lr"),
    (["render", "deep-forward", "--target", "0", "--loss", "l2"], "does not use --target, --loss"),
    (["render", "empirical-risk", "--target", "1"], "does not use --target (it takes --loss)"),
])
def test_bad_input_gives_one_line_and_exit_2(test_scenes, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("nnviz: error: ")
    assert message in lines[0]
    assert list(tmp_path.iterdir()) == []


def test_every_scene_declares_the_options_it_reads():
    """A scene's ``takes`` (which of --target, --loss, --lr it uses) is what its code reads, so that
    `render` refuses the others instead of silently ignoring them."""
    import ast
    import inspect

    from nnviz.render import list_scenes

    for cls in list_scenes():
        tree = ast.parse(inspect.getsource(cls))
        read = {node.attr for node in ast.walk(tree)
                if isinstance(node, ast.Attribute) and node.attr in ("target", "loss", "lr")
                and isinstance(node.value, ast.Attribute) and node.value.attr == "options"}
        assert read == set(cls.takes), cls.name


def test_missing_latex_names_the_debian_packages(test_scenes, tmp_path, monkeypatch):
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    result = CliRunner().invoke(cli, ["render", "render-test-circle", "-o", str(tmp_path / "a.mp4")])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "nnviz: error: latex and dvisvgm not found: manim needs LaTeX for the slides' formulas; install it "
        "with `sudo apt-get install texlive-latex-base texlive-latex-extra preview-latex-style dvisvgm`"]


def test_unknown_scene_from_python_lists_the_scenes(test_scenes):
    with pytest.raises(NnvizError, match="render-test-circle"):
        get_scene("nope")


def test_text_cache_survives_an_empty_file_left_by_an_interrupted_render(tmp_path):
    from manim import Text, config, tempconfig

    render._atomic_text_cache()
    with tempconfig({"media_dir": str(tmp_path)}):
        Text("cached once", font_size=20)
        sized = Path(config.get_dir("text_dir")) / f"{config.pixel_width}x{config.pixel_height}"
        svgs = list(sized.glob("*.svg"))
        assert len(svgs) == 1 and svgs[0].stat().st_size > 0
        svgs[0].write_bytes(b"")  # what a render stopped mid-write used to leave behind
        text = Text("cached once", font_size=20)
        assert len(text.submobjects) > 0 and svgs[0].stat().st_size > 0
        assert not [p for p in sized.iterdir() if p.is_dir()]  # no scratch folder left


# ---- the cache, stills, GIFs, progress --------------------------------------------------------
def test_a_tiny_render_leaves_no_partial_movies_in_the_cache(test_scenes, tmp_path, monkeypatch):
    """Tiny renders (size/fps given) skip manim's cache: nothing of theirs stays in partial/."""
    monkeypatch.setenv("NNVIZ_CACHE_DIR", str(tmp_path / "cache"))
    render_scene("render-test-circle", output=tmp_path / "c.mp4", size=TINY_SIZE, fps=TINY_FPS)
    partial = tmp_path / "cache" / "partial"
    assert not partial.exists() or not [p for p in partial.rglob("*") if p.is_file() and p.suffix == ".mp4"]
    assert not list((tmp_path / "cache" / "renders").iterdir())  # the scratch folder is gone too


def test_a_preset_render_caches_its_partial_movies_for_the_next_one(test_scenes, tmp_path, monkeypatch):
    monkeypatch.setenv("NNVIZ_CACHE_DIR", str(tmp_path / "cache"))
    render_scene("render-test-circle", output=tmp_path / "c.mp4", cache=True, size=TINY_SIZE, fps=TINY_FPS)
    movies = [p for p in (tmp_path / "cache" / "partial").rglob("*.mp4")]
    assert movies and not [p for p in movies if p.name.startswith("uncached")]


def test_a_text_drawn_for_a_narrow_render_is_not_reused_by_a_wide_one(tmp_path, monkeypatch):
    """Pango wraps a text to the frame's pixel width, which manim's text hash leaves out: after a
    192-pixel render the same cache must still give a 480p render its title on one line."""
    from nnviz.manim_setup import manim_config

    monkeypatch.setenv("NNVIZ_CACHE_DIR", str(tmp_path / "cache"))
    title = "Training 2-6-1 on XOR by gradient descent, step by step"

    def height(size):
        from manim import Text

        with manim_config("text-width", "l", "mp4", size, None, "#ffffff", progress=False, use_cache=False):
            return Text(title, font_size=36).height

    narrow = height((192, 108))
    wide = height(None)
    fresh_cache = tmp_path / "fresh"
    monkeypatch.setenv("NNVIZ_CACHE_DIR", str(fresh_cache))
    assert narrow > 1.5 * height(None)  # at 192 pixels the title wraps onto two lines or more
    assert wide == pytest.approx(height(None))  # …and the wide render drew it afresh, on one line


def test_two_cold_cache_renders_at_once_both_succeed(tmp_path):
    """Two people, or the gallery and a render, on one cache: no shared scratch file breaks either."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "NNVIZ_CACHE_DIR": str(tmp_path / "cold")}
    runs = [subprocess.Popen([sys.executable, "-m", "nnviz.cli", "render", "single-hidden-example", "--size",
                              "128x72", "--fps", "2", "-o", str(tmp_path / f"out{k}.mp4")],
                             env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for k in range(2)]
    for k, run in enumerate(runs):
        out, err = run.communicate(timeout=600)
        assert run.returncode == 0, err
        assert (tmp_path / f"out{k}.mp4").stat().st_size > 0


def test_a_still_for_a_slide_defaults_to_1080p(test_scenes, tmp_path):
    result = run_cli("render", "render-test-circle", "--format", "png", "-o", str(tmp_path / "s.png"))
    assert result.exit_code == 0, result.output
    assert decode_png(tmp_path / "s.png").shape == (1080, 1920, 3)


def test_a_gif_keeps_the_videos_colours_without_fringes(test_scenes, tmp_path):
    """manim 0.21 squeezes GIF palettes into rgb8, tinting anti-aliased text green and yellow."""
    from PIL import Image

    mp4 = render_frames("render-test-circle", tmp_path, size=(384, 216))
    gif = Image.open(render_scene("render-test-circle", fmt="gif", output=tmp_path / "c.gif", size=(384, 216),
                                  fps=TINY_FPS))
    gif.seek(gif.n_frames - 1)
    last = np.asarray(gif.convert("RGB")).astype(int)
    reference = mp4.last.astype(int)
    assert np.abs(last - reference).mean() < 2.0

    def tinted(frame):  # green or yellow cast: green well above blue, not a shade of the drawn colours
        return int(((frame[..., 1] - frame[..., 2] > 40) & (frame[..., 1] - frame[..., 0] > -10)).sum())

    assert tinted(last) <= tinted(reference) + 5


def _render_in_subprocess(tmp_path, *extra: str, stderr_tty: bool = False) -> str:
    """Render single-neuron tiny in a real process; returns what it wrote on stderr."""
    import os
    import subprocess
    import sys

    args = [sys.executable, "-m", "nnviz.cli", "render", "single-neuron", *TINY, "-o", str(tmp_path / "n.mp4"),
            *extra]
    if not stderr_tty:
        result = subprocess.run(args, capture_output=True, text=True, cwd=tmp_path, timeout=300)
        assert result.returncode == 0, result.stderr
        return result.stderr
    import fcntl
    import struct
    import termios

    main, secondary = os.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a terminal has a size
    run = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=secondary, cwd=tmp_path)
    os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the process closed its end
            break
        if not chunk:
            break
        chunks.append(chunk)
    assert run.wait(timeout=300) == 0
    os.close(main)
    return b"".join(chunks).decode(errors="replace")


def test_progress_shows_on_a_terminal_and_stays_silent_in_a_pipe(tmp_path):
    assert "it/s" not in _render_in_subprocess(tmp_path)  # a log file or CI: nothing
    assert "it/s" in _render_in_subprocess(tmp_path, stderr_tty=True)  # a person watching: manim's bars
    assert "it/s" not in _render_in_subprocess(tmp_path, "--quiet", stderr_tty=True)
    assert "it/s" in _render_in_subprocess(tmp_path, "--progress")


def test_no_matplotlib_font_cache_lines_after_a_render_set_up_manim(tmp_path):
    """manim raises matplotlib's logger to INFO; a fresh machine then printed "generated new fontManager"."""
    import os
    import subprocess
    import sys

    code = ("from nnviz.manim_setup import make_caches_safe; make_caches_safe(); "
            "from nnviz.analysis.regions import preset_region, region_grid; "
            "from nnviz.plots.regions_static import figure_regions; "
            "figure_regions(region_grid(preset_region('pentagon'), resolution=21))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                            env={**os.environ, "MPLCONFIGDIR": str(tmp_path / "fresh-matplotlib")})
    assert result.returncode == 0, result.stderr
    assert "fontManager" not in result.stdout + result.stderr
    assert "font cache" not in result.stdout + result.stderr
