"""The forward-pass scenes put the trace's numbers on screen, formatted, and stay inside the frame.

Most tests play a scene's storyboard with animations skipped (no video): after every ``play`` they
record the text on screen and check that every mobject is inside the 16:9 frame. One tiny render
per scene checks the video itself.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile

import numpy as np
import pytest
from manim import Text
from scene_frames import assert_frames_sane, render_frames

from nnviz.animate import SceneOptions, VectorColumn
from nnviz.animate.text import activation_texts, layer_sum_texts
from nnviz.engine import load_network, softmax
from nnviz.engine.init import random_network
from nnviz.engine.notation import format_number, format_vector
from nnviz.render import get_scene

FORWARD_SCENES = ["single-neuron", "activation-functions", "single-hidden-example", "multiclass-softmax",
                  "multiclass-forward", "deep-forward"]
HALF_W, HALF_H = 14.2222 / 2, 8.0 / 2


class Storyboard:
    """What a scene showed after each ``play``: the texts, and whatever left the frame."""

    def __init__(self):
        self.texts: list[set[str]] = []
        self.outside: list[str] = []
        self.final_columns: list[list[str | None]] = []

    @property
    def seen(self) -> set[str]:
        return set().union(*self.texts)


@functools.cache
def private_text_dir() -> str:
    """A text cache of this test process: manim's shared one can be read while another writes it."""
    folder = tempfile.mkdtemp(prefix="nnviz-texts-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def play_storyboard(scene_name: str, **options) -> Storyboard:
    """Run a scene's ``construct`` with animations skipped, recording every step."""
    from manim import tempconfig

    from nnviz import render

    board = Storyboard()
    scene_class = get_scene(scene_name)
    columns: list[VectorColumn] = []  # every column the scene builds (manim regroups the scene's list)

    def record(scene):
        family = [m for top in scene.mobjects for m in top.get_family()]
        board.texts.append({m.original_text for m in family if isinstance(m, Text)})
        for m in family:
            if len(m.points) and (m.get_fill_opacity() > 0.01 or m.get_stroke_opacity() > 0.01):
                (x0, y0, _), (x1, y1, _) = m.get_corner([-1, -1, 0]), m.get_corner([1, 1, 0])
                if x0 < -HALF_W - 1e-3 or x1 > HALF_W + 1e-3 or y0 < -HALF_H - 1e-3 or y1 > HALF_H + 1e-3:
                    board.outside.append(f"play {len(board.texts)}: {type(m).__name__} "
                                         f"x {x0:.2f}..{x1:.2f} y {y0:.2f}..{y1:.2f}")
        ids = {id(m) for m in family}
        shown = [c for c in columns if len(c.cells) and all(id(cell) in ids for cell in c.cells)]
        board.final_columns = [c.texts for c in sorted(shown, key=lambda c: c.get_center()[0])]

    class Probe(scene_class):
        def play(self, *animations, **kwargs):
            super().play(*animations, **kwargs)
            record(self)

    original_init = VectorColumn.__init__

    def registering_init(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        columns.append(self)

    Probe.options = SceneOptions(**options)
    cache = render.cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    if hasattr(render, "_serialise_tex_cache"):
        render._serialise_tex_cache()  # the Tex cache is shared with parallel test workers
    settings = {"dry_run": True, "write_to_movie": False, "pixel_width": 256, "pixel_height": 144,
                "frame_rate": 5, "verbosity": "WARNING", "progress_bar": "none", "media_dir": str(cache),
                "tex_dir": str(cache / "Tex"), "text_dir": private_text_dir()}
    VectorColumn.__init__ = registering_init
    try:
        with tempconfig(settings):
            Probe(skip_animations=True).render()
    finally:
        VectorColumn.__init__ = original_init
    return board


def wide_network():
    return random_network([3, 16, 16, 2], "tanh", "softmax", seed=0)


# ---- the slides' numbers ------------------------------------------------------------------------
def test_single_neuron_writes_the_perceptrons_sum_and_sigmoid():
    trace = load_network("perceptron").forward([-3, 1, 5])
    board = play_storyboard("single-neuron")
    assert "(-3)·3 + 1·(-9) + 5·2 + 5" in board.seen
    assert "= -3" in board.seen
    assert f"σ(-3) = {format_number(trace.output[0, 0])}" in board.seen
    assert "σ(-3) = 0.05" in board.seen
    assert {"3", "-9", "2", "b = 5", "0.05"} <= board.seen  # weights, bias, f on the diagram
    assert not board.outside, board.outside


def test_single_hidden_example_shows_the_golden_sums_and_outputs():
    trace = load_network("single-hidden").forward([-3, 1, 5])
    board = play_storyboard("single-hidden-example")
    assert set(layer_sum_texts(trace, 0)) <= board.seen
    assert {"= -3", "= 2", "= 0", "= 7"} <= board.seen  # z_in, the slides' numbers
    assert {"0.05", "0.88", "0.50", "1.00"} <= board.seen  # σ(z_in); σ(7) rounds to 1.00
    assert "0.05·3 + 0.88·(-12) + 0.50·8 + 1.00·1 + 6" in board.seen
    assert {"= 0.57", "σ(0.57) = 0.64", "0.64"} <= board.seen
    assert format_number(trace.output[0, 0]) == "0.64"
    assert not board.outside, board.outside


def test_deep_forward_ends_with_the_slides_columns_x_to_f():
    trace = load_network("deep").forward([7, 1, -4])
    board = play_storyboard("deep-forward")
    expected = [format_vector(trace.x[0])]
    for lt in trace.layers:
        expected += [format_vector(lt.z_in[0]), format_vector(lt.z_out[0], probability=lt is trace.layers[-1])]
    assert board.final_columns == expected
    assert board.final_columns[-1] == ["0.867", "0.016", "0.117"]
    assert board.final_columns[1] == ["79", "-70", "9", "-26"]
    assert set(activation_texts(trace, 0)) <= board.seen  # max(0, 79) … as on the slides
    assert "7·13 + 1·(-9) + (-4)·2 + 5" in board.seen
    assert not board.outside, board.outside


def test_multiclass_softmax_shows_probabilities_and_the_smooth_argmax():
    trace = load_network("multiclass").forward([-3, 1, 5])
    board = play_storyboard("multiclass-softmax")
    assert set(format_vector(trace.output[0], probability=True)) <= board.seen
    assert set(format_vector(trace.f_in[0])) <= board.seen
    tau = softmax(np.array([1.0, 1000.0, 2.0]))
    assert set(format_vector(tau, probability=True)) == {"0.000", "1.000"}
    assert {"0.000", "1.000", "e¹⁰⁰⁰", "Σ ≈ e¹⁰⁰⁰"} <= board.seen
    assert not board.outside, board.outside


def test_multiclass_forward_fills_x_z_in_z_f_in_f():
    trace = load_network("multiclass").forward([-3, 1, 5])
    board = play_storyboard("multiclass-forward")
    assert board.final_columns[:3] == [["-3", "1", "5"], ["-3", "2", "0", "7"], ["0.05", "0.88", "0.50", "1.00"]]
    assert board.final_columns[-1] == format_vector(trace.output[0], probability=True)
    assert not board.outside, board.outside


@pytest.mark.parametrize("scene", ["single-hidden-example", "multiclass-forward"])
def test_a_wide_network_is_elided_and_stays_inside_the_frame(scene):
    board = play_storyboard(scene, network=wide_network(), x=[0.5, -1.0, 2.0])
    assert "⋮" in board.seen
    assert not board.outside, board.outside[:5]


def test_scenes_take_the_users_input():
    board = play_storyboard("single-neuron", x=[1, 2, 3])
    trace = load_network("perceptron").forward([1, 2, 3])
    assert "1·3 + 2·(-9) + 3·2 + 5" in board.seen
    assert f"= {format_number(trace.f_in[0, 0])}" in board.seen
    assert format_number(trace.output[0, 0]) in board.seen


# ---- tiny renders --------------------------------------------------------------------------------
@pytest.mark.render
@pytest.mark.parametrize("scene", FORWARD_SCENES)
def test_scene_renders_tiny(scene, tmp_path):
    video = render_frames(scene, tmp_path, theme="dark" if scene == "deep-forward" else "light")
    assert_frames_sane(video)
    assert 8 <= video.duration <= 45
