"""The learning scenes write the engine's gradients, losses and descent paths so that they add up as written.

Most tests read strings (``BackwardTexts``, ``risk_texts``, ``prediction_texts``) or play a scene's
steps without video (``tests/classroom.py``); one tiny render per scene checks the video and its
captions. Equations are re-evaluated with the classroom parser (``classroom_arithmetic``), which
knows nothing of how the scenes chose their digits.
"""

from __future__ import annotations

import doctest
import functools
import re

import numpy as np
import pytest
from classroom import check, play
from classroom_arithmetic import equations
from scene_frames import assert_frames_sane, render_frames

import nnviz.animate.axes
import nnviz.animate.curves
import nnviz.animate.gradients
import nnviz.animate.stage
from nnviz.analysis.descent import descent_runs, learning_rates, loss_surface, single_neuron, toy_regression
from nnviz.animate.base import THEMES
from nnviz.animate.curves import prediction_texts
from nnviz.animate.gradients import BackwardTexts, gradient_step
from nnviz.animate.precision import format_small, parse_small
from nnviz.animate.surfaces import Surface3D, SurfacePanel
from nnviz.animate.tables import risk_problem, risk_texts
from nnviz.engine import load_network, train
from nnviz.engine.notation import format_number

LEARNING_SCENES = ["empirical-risk", "loss-functions", "backprop", "gradient-step", "gradient-descent-surface",
                   "loss-surface-3d", "training-boundary"]


@functools.cache
def played(scene: str, theme: str = "light"):
    return play(scene, theme=theme)


def adds_up(line: str) -> bool:
    """Every equation of a written line, evaluated from its strings, gives its result as written."""
    found, unreadable = equations(line)
    return bool(found) and not unreadable and all(eq.ok for eq in found)


def test_the_module_examples_hold():
    for module in (nnviz.animate.axes, nnviz.animate.curves, nnviz.animate.gradients, nnviz.animate.stage):
        assert doctest.testmod(module).failed == 0, module.__name__


# ---- the backward pass, as written -------------------------------------------------------------------
def slide_backward(name="single-hidden"):
    net = load_network(name)
    return net.backward(net.forward(net.default_input), net.default_target, net.default_loss)


def test_single_hidden_chain_rule_is_written_with_the_digits_it_needs():
    texts = BackwardTexts(slide_backward())
    assert texts.column("f") == ["0.639"] and texts.scalar("L") == "0.45"
    assert texts.column("grad_z_in", 1) == ["-0.361"]  # f − y, one digit more: u·(−0.361) must give 4.33
    assert texts.column("grad_z_out", 0) == ["-1.08", "4.33", "-2.89", "-0.36"]
    assert texts.column("derivative", 0) == ["0.0452", "0.105", "0.25", "0.000910"]  # σ'(−3, 2, 0, 7)
    assert texts.column("grad_z_in", 0) == ["-0.049", "0.45", "-0.72", "-0.00033"]
    assert texts.matrix("grad_WT", 0)[1] == ["-1.4", "0.45", "2.3"]  # 0.455·(−3, 1, 5)
    assert texts.equations("grad_z_out", 0)[1] == "(-12)·(-0.361) = 4.33"
    assert texts.written.unresolved == set()


@pytest.mark.parametrize("name", ["single-hidden", "deep", "multiclass"])
def test_every_backward_equation_adds_up_as_written_or_says_approximately(name):
    trace = slide_backward(name)
    texts = BackwardTexts(trace)
    for line in texts.written.equations():
        assert adds_up(line) or "≈" in line, line
    for layer, lt in enumerate(trace.layers):  # and the strings are the engine's numbers at their rounding
        shown = [parse_small(t) for t in texts.column("grad_z_in", layer)]
        np.testing.assert_allclose(shown, lt.grad_z_in[0], rtol=0.05, atol=0.006)


def test_a_gradient_step_writes_the_weights_train_computes():
    net = load_network("single-hidden")
    before, after = gradient_step(net, net.default_input, 1, "binary-cross-entropy", 0.05)
    history = train(net, net.default_input[None], [1], "binary-cross-entropy", "sgd", lr=0.05, steps=1)
    np.testing.assert_allclose(after.layers[0].W, history.network_at(1).layers[0].W)
    texts = BackwardTexts(before, lr=0.05, after=after)
    new = [[parse_small(t) for t in row] for row in texts.matrix("WT_new", 0)]
    np.testing.assert_allclose(new, after.layers[0].W.T, atol=0.005)
    lines = texts.equations("WT_new", 0) + texts.equations("b_new", 1)
    assert lines[0] == "3 - 0.05·0.15 = 2.99" and all(adds_up(line) for line in lines)
    assert after.loss < before.loss


# ---- losses and the empirical risk, as written ---------------------------------------------------------
def test_loss_at_the_prediction_and_its_slope_add_up():
    net = load_network("single-hidden")
    f = float(net.forward(net.default_input).output[0, 0])
    for loss, line, slope in (("l2", "L = ½·(1 - 0.64)² = 0.065", "∂L/∂f = f - y = 0.64 - 1 = -0.36"),
                              ("binary-cross-entropy", "L = -log(0.64) = 0.45", "∂L/∂f = -1/f = -1/0.64 = -1.56")):
        trace = net.backward(net.forward(net.default_input), 1, loss)
        written = prediction_texts(loss, 1, f, trace.loss, trace.layers[-1].grad_z_out[0, 0])
        assert (written.loss_line, written.slope_line) == (line, slope)
        assert adds_up(written.equations[0]) and adds_up(written.equations[1])


@pytest.mark.parametrize("loss", ["binary-cross-entropy", "l2", "l1"])
def test_the_risk_table_recomputes_from_what_it_shows(loss):
    neuron, X, y = risk_problem(loss)
    texts = risk_texts(neuron, X, y, loss)
    assert texts.written.unresolved == set()
    for line in texts.equations():
        python = line.replace("½·", "0.5*").replace("²", "**2").replace("·", "*").replace("σ", "sigmoid")
        python = re.sub(r"\|([^|]*)\|", r"abs(\1)", python).replace("log", "np.log")
        left, right = python.rsplit(" = ", 1)
        value = eval(left, {"np": np, "abs": abs, "sigmoid": lambda z: 1 / (1 + np.exp(-z))})  # noqa: S307
        decimals = len(right.split(".")[1]) if "." in right else 0
        assert abs(value - float(right)) <= 0.5 * 10 ** -decimals + 1e-12, line
    risk = neuron.loss(X, np.asarray(y, float)[:, None], loss)
    assert texts.risk == format_small(risk)  # the mean shown is the engine's risk
    assert [row[1] for row in texts.rows] == [format_number(v) for v in X[:, 0]]


def test_the_table_reads_the_bce_example_the_way_the_slides_write_it():
    texts = risk_texts(*risk_problem("bce"), "bce")
    assert texts.model == "f(x) = σ(2x - 1)"
    assert texts.rows[2] == ["3", "-0.20", "1", "0.1978", "1.62"]  # σ(2·(−0.2) − 1) = 0.1978, −log(0.1978)
    assert f"{texts.total} / {texts.n} = {texts.risk}" == "3.6 / 8 = 0.45"


# ---- the descent pictures ----------------------------------------------------------------------------
def test_the_drawn_path_is_the_historys_parameters():
    net, (X, y) = single_neuron(-1.5, 2.0, "identity"), toy_regression()
    run = descent_runs(net, X, y, "l2", [0.6], steps=15)[0]
    surface = loss_surface(net, X, y, "l2", around=[run.parameters], resolution=15)
    panel = SurfacePanel(surface, run, THEMES["light"]).shift([2.0, -1.0, 0])
    np.testing.assert_allclose([panel.axes.p2c(p) for p in panel.anchors], run.parameters, atol=1e-9)
    panel.set_progress(panel.n_steps)
    np.testing.assert_allclose(panel.path.get_anchors()[-1], panel.anchors[-1], atol=1e-9)
    assert len(panel.frame.ticks) >= 6  # both axes numbered


def test_the_3d_path_walks_the_historys_parameters_and_risk():
    net, (X, y) = single_neuron(-1.5, 2.0, "identity"), toy_regression()
    run = descent_runs(net, X, y, "l2", [0.6], steps=10)[0]
    surface = loss_surface(net, X, y, "l2", around=[run.parameters], resolution=21)
    plot = Surface3D(surface, run, THEMES["light"], resolution=6)
    np.testing.assert_allclose(plot.path_points, np.c_[run.parameters, run.loss])
    assert surface.at(surface.p0[4], surface.p1[9]) == pytest.approx(surface.risk[9, 4])
    theta = run.parameters[3]
    assert surface.at(*theta) == pytest.approx(net.with_parameters(theta).loss(X, y, "l2"), rel=0.02)
    assert {"w", "b", "R"} <= {m.original_text for m in plot.labels}


def test_learning_rates_too_small_right_and_too_large_end_as_the_scene_says():
    net, (X, y) = single_neuron(-1.5, 2.0, "identity"), toy_regression()
    small, right, large = descent_runs(net, X, y, "l2", learning_rates(net, X, y, "l2"), steps=20)
    assert small.loss[-1] > 10 * right.loss[-1] and large.loss[-1] > right.loss[-1]


# ---- the scenes, step by step, held to CLASSROOM.md ---------------------------------------------------
@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("scene", LEARNING_SCENES)
def test_scene_passes_the_classroom_checks(scene, theme):
    run = played(scene, theme)
    problems = check(run)
    assert not problems, f"{scene} [{theme}]: " + "\n".join(problems)


def test_backprop_shows_every_gradient_as_written():
    run, texts = played("backprop"), BackwardTexts(slide_backward())
    for layer in range(2):
        assert set(texts.column("grad_z_in", layer)) <= run.seen
        assert set(texts.equations("grad_WT", layer)) <= {e for shot in run.shots for e in shot.written}
    assert "L = -log(0.639) = 0.45" in run.seen
    assert run.end.strings >= {"-0.049", "0.45", "-0.72", "-0.00033", "-0.361"}  # the gradients stay


def test_gradient_step_ends_on_the_loss_before_and_after():
    run = played("gradient-step")
    assert {"before", "0.64", "0.45", "after", "0.99", "0.013"} <= run.end.strings


def test_empirical_risk_ends_on_the_mean_the_engine_computes():
    run = played("empirical-risk")
    assert "= Σ / n = 3.6 / 8 = 0.45" in run.end.strings
    assert "0.049 + 0.059 + 1.62 + 1.04 + 0.37 + 0.22 + 0.15 + 0.087 = 3.6" in run.end.written


def test_gradient_descent_surface_reports_where_each_rate_lands():
    net, (X, y) = single_neuron(-1.5, 2.0, "identity"), toy_regression()
    runs = descent_runs(net, X, y, "l2", learning_rates(net, X, y, "l2"), steps=20)
    scene = played("gradient-descent-surface")
    for run in runs:
        assert any(t.startswith(f"R: {format_small(run.loss[0])} → {format_small(run.loss[-1])}")
                   for t in scene.end.strings)
    small, right, large = (step.words for step in scene.steps[-3:])
    assert "the steps are tiny" in small and "reach the bottom of the valley" in right
    lowest = int(np.argmin(runs[2].loss))  # too large: down into the valley at once, then thrown out of it
    assert large.endswith(f"overshoot the valley: the risk falls to {format_small(runs[2].loss[lowest])} after "
                          f"{lowest} steps, then grows back to {format_small(runs[2].loss[-1])}.")


# ---- the videos ---------------------------------------------------------------------------------------
@pytest.mark.render
@pytest.mark.parametrize("scene", LEARNING_SCENES)
def test_each_learning_scene_renders_tiny_with_one_caption_per_step(scene, tmp_path):
    video = render_frames(scene, tmp_path, fps=3)  # TINY_SIZE: narrower renders wrap the titles (pango)
    assert_frames_sane(video)
    cues = re.findall(r"(\d\d):(\d\d):(\d\d)\.(\d\d\d) --> (\d\d):(\d\d):(\d\d)\.(\d\d\d)",
                      video.path.with_suffix(".vtt").read_text())
    assert len(cues) == len(played(scene).steps)
    seconds = [[int(h) * 3600 + int(m) * 60 + int(s) + int(ms) / 1000 for h, m, s, ms in (c[:4], c[4:])]
               for c in cues]
    assert seconds[0][0] == 0 and all(a[1] == b[0] for a, b in zip(seconds, seconds[1:]))
    assert seconds[-1][1] == pytest.approx(video.duration, abs=0.4)
