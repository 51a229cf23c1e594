"""The forward-pass scenes teach at classroom grade and show the slides' numbers, as written.

Most tests play a scene's steps with animations skipped (``tests/classroom.py``): every step's
arithmetic as written, text sizes at 480p, contrast in both themes, the frame, overlaps, holds and
value labels. One tiny render per scene checks the video and its captions (one cue per step).
"""

from __future__ import annotations

import re

import numpy as np
import pytest
from classroom import assert_classroom, check, play
from scene_frames import assert_frames_sane, render_frames

from nnviz.engine import load_network
from nnviz.engine.init import random_network
from nnviz.engine.notation import format_vector
from nnviz.render import caption_paths

FORWARD_SCENES = ["single-neuron", "activation-functions", "single-hidden-example", "multiclass-softmax",
                  "multiclass-forward", "deep-forward", "softmax-jacobian"]


def wide_network():
    return random_network([3, 16, 16, 2], "tanh", "softmax", seed=0)


@pytest.mark.parametrize("scene", FORWARD_SCENES)
def test_scene_is_classroom_grade_in_both_themes(scene):
    runs = assert_classroom(scene)
    light, dark = runs
    assert [s.words for s in light.steps] == [s.words for s in dark.steps]
    assert all(s.words.strip().endswith((".", "?")) for s in light.steps)


# ---- the slides' numbers, as written ------------------------------------------------------------
def test_single_neuron_writes_the_perceptrons_sum_and_sigmoid():
    run = play("single-neuron")
    assert "= (-3)·3 + 1·(-9) + 5·2 + 5" in run.seen and "= -3" in run.seen
    assert {"σ(-3) = 0.05", r"= \sigma(-3) = \frac{1}{1 + e^{3}}"} <= run.seen
    assert {"3", "-9", "2", "b = 5", "0.05"} <= run.end.strings  # weights, bias, f on the diagram


def test_single_hidden_example_adds_up_and_corrects_the_slide():
    run = play("single-hidden-example")
    assert {"= (-3)·3 + 1·(-9) + 5·2 + 5", "= (-3)·11 + 1·(-2) + 5·7 + 2"} <= run.seen
    assert {"= -3", "= 2", "= 0", "= 7"} <= run.seen  # z_in, the slides' numbers
    assert "= 0.047·3 + 0.881·(-12) + 0.50·8 + 0.999·1 + 6" in run.seen  # adds up to 0.57 as written
    assert {"= 0.57", "σ(0.57) = 0.64"} <= run.seen
    assert any("without the minus, that is 0.36, not 0.64" in t for t in run.seen)  # the slide's typo
    sigma_points = [s for s in run.steps if s.words.startswith("σ(")]
    assert [s.words for s in sigma_points] == ["σ(-3) = 0.047.", "σ(2) = 0.881.", "σ(0) = 0.50.", "σ(7) = 0.999.",
                                               "σ(0.57) = 0.64. The output of the network."]
    assert {"0.047", "0.881", "0.50", "0.999", "0.64"} <= run.end.strings  # the finished network
    assert {r"f_{in} = \mathbf{u}^T \mathbf{z} + c", r"f = \sigma(f_{in})"} <= run.end.strings  # its formulas


def test_deep_forward_ends_with_the_slides_columns_joined_by_operators():
    trace = load_network("deep").forward([7, 1, -4])
    run = play("deep-forward")
    columns = [c.texts for c in run.scene.strip.columns]
    expected = [format_vector(trace.x[0])]
    for lt in trace.layers:
        expected += [format_vector(lt.z_in[0]), format_vector(lt.z_out[0], probability=lt is trace.layers[-1])]
    assert columns == expected
    assert columns[-1] == ["0.867", "0.016", "0.117"] and columns[1] == ["79", "-70", "9", "-26"]
    assert {"max(0, 79)", "max(0, -70)", "7·13 + 1·(-9) + (-4)·2 + 5"} <= run.seen
    assert {r"\mathrm{ReLU}", r"\tau"} <= run.end.strings and len(run.scene.strip.links) == 8
    products = [s for s in run.steps if s.words.startswith("Row by row")]
    assert [s.items for s in products] == [12, 16, 16, 12]
    assert all(s.hold >= 1.5 + 0.3 * s.items - 1e-6 for s in products)  # 16 products: 6.3 s


def test_multiclass_softmax_ends_on_the_example_networks_softmax():
    run = play("multiclass-softmax")
    assert {"e^{0.572}", "e^{2.952}", "e^{-0.863}", "= 19.14"} <= run.seen  # e^2.952, not e^2.95 = 19.11
    assert {"Σ = 1.77 + 19.14 + 0.42", "= 21.33", "τ₂ = 19.14 ÷ 21.33", "= 0.897"} <= run.end.strings
    assert {"0.083", "0.897", "0.020"} <= run.end.strings  # on the diagram
    assert {"e^{1000 - 1000}", "= 1.000"} <= run.seen  # the smooth argmax, without overflow


def test_multiclass_forward_fills_x_z_in_z_f_in_f():
    run = play("multiclass-forward")
    columns = [c.texts for c in run.scene.strip.columns]
    assert columns[:3] == [["-3", "1", "5"], ["-3", "2", "0", "7"], ["0.0474", "0.8808", "0.50", "0.9991"]]
    assert columns[-2:] == [["0.572", "2.952", "-0.863"], ["0.083", "0.897", "0.020"]]


def test_softmax_jacobian_shows_the_engines_matrix_and_where_it_enters_backprop():
    net = load_network("multiclass")
    top = net.forward([-3, 1, 5]).layers[-1]
    J = top.activation.jacobian(top.z_in[0])
    run = play("softmax-jacobian")
    shown = [t for t in run.end.strings if re.fullmatch(r"-?\d+\.\d+", t)]  # J's entries, as written
    for value in (J[0, 0], J[0, 1], J[1, 1], J[2, 2]):
        assert any(abs(float(t) - value) <= 0.5 * 10 ** -len(t.split(".")[1]) for t in shown), value
    assert "J" in run.end.strings and any(r"\mathrm{diag}(\tau)" in t for t in run.end.strings)
    assert "J₁₂ = -0.0831·0.8972" in run.seen and "= -0.14" in run.end.strings


# ---- other networks and inputs ---------------------------------------------------------------------
def test_softmax_jacobian_refuses_a_network_without_a_softmax_in_one_line():
    from nnviz.errors import NnvizError

    with pytest.raises(NnvizError, match="single-hidden's output must be a softmax, not sigmoid"):
        play("softmax-jacobian", network="single-hidden")



@pytest.mark.parametrize("scene", ["single-hidden-example", "multiclass-forward"])
def test_a_wide_network_is_elided_and_stays_inside_the_frame(scene):
    run = play(scene, network=wide_network(), x=[0.5, -1.0, 2.0])
    assert "⋮" in run.seen
    problems = [p for p in check(run) if p.startswith(("(a)", "(d)", "(e)", "(f)"))]
    assert not problems, problems


def test_scenes_take_the_users_input():
    run = play("single-neuron", x=[1, 2, 3])
    trace = load_network("perceptron").forward([1, 2, 3])
    assert "= 1·3 + 2·(-9) + 3·2 + 5" in run.seen and "= -4" in run.seen
    assert trace.f_in[0, 0] == -4 and np.isclose(trace.output[0, 0], 0.018, atol=5e-4)
    assert "σ(-4) = 0.02" in run.seen and not check(run)


# ---- tiny renders ----------------------------------------------------------------------------------
@pytest.mark.render
@pytest.mark.parametrize("scene", FORWARD_SCENES)
def test_scene_renders_tiny_with_one_caption_per_step(scene, tmp_path):
    theme = "dark" if scene in ("deep-forward", "softmax-jacobian") else "light"
    video = render_frames(scene, tmp_path, theme=theme, fps=2)
    assert_frames_sane(video)
    steps = play(scene, theme=theme).steps
    vtt, srt = caption_paths(video.path)
    cues = re.findall(r"(\d+):(\d+):(\d+)\.(\d+) --> (\d+):(\d+):(\d+)\.(\d+)\n(.+)", vtt.read_text())
    assert [c[-1] for c in cues] == [s.words for s in steps]
    assert srt.read_text().count(" --> ") == len(steps)
    starts = [int(c[0]) * 3600 + int(c[1]) * 60 + int(c[2]) + int(c[3]) / 1000 for c in cues]
    ends = [int(c[4]) * 3600 + int(c[5]) * 60 + int(c[6]) + int(c[7]) / 1000 for c in cues]
    assert starts[0] == 0 and all(a == b for a, b in zip(ends, starts[1:]))  # the cues cover the video
    assert ends[-1] == pytest.approx(video.duration, abs=0.6)
