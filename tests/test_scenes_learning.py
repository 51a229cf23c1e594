"""The learning scenes show the engine's gradients, losses and descent paths, inside the frame.

Most tests play a scene's storyboard with animations skipped (no video) and read the text on
screen after every ``play``; one tiny render per scene checks the video itself.
"""

from __future__ import annotations

import numpy as np
import pytest
from manim import Text, VMobject
from scene_frames import assert_frames_sane, render_frames

from nnviz.analysis.descent import (
    descent_runs,
    example_losses,
    learning_rates,
    loss_surface,
    single_neuron,
    toy_classification,
    toy_regression,
)
from nnviz.animate import SceneOptions
from nnviz.animate.base import THEMES
from nnviz.animate.learning import Surface3D, SurfacePanel, format_small, layer_gradients, parse_small
from nnviz.engine import load_network, train
from nnviz.engine.notation import format_number
from nnviz.render import cache_dir, get_scene

HALF_W, HALF_H = 14.2222 / 2, 8.0 / 2
LEARNING_SCENES = ["empirical-risk", "loss-functions", "backprop", "gradient-step", "gradient-descent-surface",
                   "loss-surface-3d", "training-boundary"]


@pytest.fixture(autouse=True)
def worker_cache(monkeypatch, worker_id):
    """One manim cache per test worker: parallel workers writing the same Text SVG race on the file."""
    from pathlib import Path

    monkeypatch.setenv("XDG_CACHE_HOME", str(Path.home() / ".cache" / "nnviz-tests" / worker_id))


class Storyboard:
    def __init__(self):
        self.texts: set[str] = set()
        self.outside: list[str] = []


def play_storyboard(scene_name: str, **options) -> Storyboard:
    """Run a scene's ``construct`` with animations skipped, collecting texts and what leaves the frame."""
    from manim import tempconfig

    board = Storyboard()

    def record(scene):
        family = [m for top in scene.mobjects for m in top.get_family()]
        board.texts |= {m.original_text for m in family if isinstance(m, Text)}
        for m in family:
            if not isinstance(m, VMobject) or not len(m.points):
                continue
            if m.get_fill_opacity() > 0.01 or m.get_stroke_opacity() > 0.01:
                (x0, y0, _), (x1, y1, _) = m.get_corner([-1, -1, 0]), m.get_corner([1, 1, 0])
                if x0 < -HALF_W - 1e-3 or x1 > HALF_W + 1e-3 or y0 < -HALF_H - 1e-3 or y1 > HALF_H + 1e-3:
                    board.outside.append(f"{type(m).__name__} x {x0:.2f}..{x1:.2f} y {y0:.2f}..{y1:.2f}")

    class Probe(get_scene(scene_name)):
        def play(self, *animations, **kwargs):
            super().play(*animations, **kwargs)
            record(self)

    Probe.options = SceneOptions(**options)
    cache = cache_dir()
    with tempconfig({"dry_run": True, "write_to_movie": False, "pixel_width": 256, "pixel_height": 144,
                     "frame_rate": 5, "verbosity": "WARNING", "progress_bar": "none",
                     "tex_dir": str(cache / "Tex"), "text_dir": str(cache / "texts"),
                     "background_color": THEMES["light"].background}):
        Probe(skip_animations=True).render()
    return board


def single_hidden_backward(loss="binary-cross-entropy"):
    net = load_network("single-hidden")
    return net, net.backward(net.forward(net.default_input), net.default_target, loss)


# ---- numbers -------------------------------------------------------------------------------------
def test_format_small_keeps_two_significant_digits_of_small_numbers():
    assert [format_small(v) for v in (-0.36082, 0.0648, -0.000328, 12.0, 0.05, 0.0)] == \
        ["-0.36", "0.065", "-3.3·10⁻⁴", "12", "0.05", "0"]
    for value in (-0.000328427, 0.0171, 2.2730, -7.3e-9):
        assert parse_small(format_small(value)) == pytest.approx(value, rel=0.05)


@pytest.mark.parametrize("name", ["single-hidden", "deep", "multiclass"])
def test_layer_gradients_are_the_traces_formatted(name):
    net = load_network(name)
    trace = net.backward(net.forward(net.default_input), net.default_target, net.default_loss)
    for k, lt in enumerate(trace.layers):
        g = layer_gradients(trace, k)
        assert g.grad_z_in == [format_small(v) for v in lt.grad_z_in[0]]
        assert g.grad_z_out == [format_small(v) for v in lt.grad_z_out[0]]
        assert g.grad_WT == [[format_small(v) for v in row] for row in lt.grad_W.T]
        assert g.grad_b == [format_small(v) for v in lt.grad_b]
        np.testing.assert_allclose([parse_small(t) for t in g.grad_z_in], lt.grad_z_in[0], rtol=0.05, atol=0.006)
        if g.derivative is not None:  # the product the scene writes is the chain rule the engine applied
            derivative = lt.activation.grad(lt.z_in[0])
            np.testing.assert_allclose(lt.grad_z_out[0] * derivative, lt.grad_z_in[0], atol=1e-12)
            assert g.derivative == [format_small(v) for v in derivative]
    assert layer_gradients(trace, len(trace.layers) - 1).fused  # softmax + CE, sigmoid + BCE: f − y


def test_single_hidden_gradients_are_the_hand_computed_ones():
    _, trace = single_hidden_backward()
    out, hidden = layer_gradients(trace, 1), layer_gradients(trace, 0)
    assert (out.f, out.y, out.grad_z_in) == (["0.64"], ["1"], ["-0.36"])  # ∂L/∂f_in = f − y
    assert hidden.grad_z_out == ["-1.08", "4.33", "-2.89", "-0.36"]  # u · (−0.36)
    assert hidden.derivative == ["0.045", "0.10", "0.25", "9.1·10⁻⁴"]  # σ'(−3, 2, 0, 7)
    assert hidden.grad_z_in == ["-0.049", "0.45", "-0.72", "-3.3·10⁻⁴"]


# ---- what the scenes put on screen -------------------------------------------------------------
def test_backprop_shows_the_traces_loss_and_every_gradient():
    _, trace = single_hidden_backward()
    board = play_storyboard("backprop")
    assert f"L = {format_small(trace.loss)}   (f = 0.64, y = 1)" in board.texts
    for k in range(len(trace.layers)):
        g = layer_gradients(trace, k)
        assert set(g.grad_z_in) <= board.texts
        assert {t for row in g.grad_WT for t in row} <= board.texts
    assert set(layer_gradients(trace, 0).grad_z_out) <= board.texts  # passed back through U
    assert set(layer_gradients(trace, 0).derivative) <= board.texts
    assert not board.outside, board.outside[:5]


def test_backprop_takes_the_users_network_input_and_target():
    net = load_network("deep")  # four layers: superscripted names, ReLU', softmax + CE
    trace = net.backward(net.forward([1, 0, 2]), 2, "cross-entropy")
    board = play_storyboard("backprop", network="deep", x=[1, 0, 2], target=2)
    for k in range(len(trace.layers)):
        assert set(layer_gradients(trace, k).grad_z_in) <= board.texts
    assert set(layer_gradients(trace, 3).f) <= board.texts  # f − y with f as probabilities
    assert f"L = {format_small(trace.loss)}" in board.texts
    assert not board.outside, board.outside[:5]


def test_gradient_step_writes_the_weights_train_computes_and_the_loss_after():
    net = load_network("single-hidden")
    x = net.default_input
    step = train(net, x[None], [1], "binary-cross-entropy", "sgd", lr=0.05, steps=1)
    W_new = step.network_at(1).layers[0].W
    board = play_storyboard("gradient-step")
    assert {format_number(v) for v in W_new.ravel()} <= board.texts
    assert {format_number(v) for v in step.network_at(1).layers[1].W.ravel()} <= board.texts
    f_after = format_number(step.network_at(1).predict(x)[0])
    assert f"after:  f = {f_after},  L = {format_small(step.loss[1])}" in board.texts
    assert f"before:  f = 0.64,  L = {format_small(step.loss[0])}" in board.texts
    assert not board.outside, board.outside[:5]


def test_loss_functions_mark_the_engines_loss_at_f():
    net, trace_bce = single_hidden_backward()
    trace_l2 = net.backward(net.forward(net.default_input), 1, "l2")
    board = play_storyboard("loss-functions")
    assert f"f = 0.64,  L = {format_small(trace_bce.loss)}" in board.texts
    assert f"f = 0.64,  L = {format_small(trace_l2.loss)}" in board.texts
    assert format_small(trace_l2.loss) == "0.065"  # ½ (1 − 0.640)²
    assert not board.outside, board.outside[:5]


def test_empirical_risk_is_the_mean_the_engine_computes():
    neuron, (X, y) = single_neuron(2.0, -1.0, "sigmoid"), toy_classification()
    _, losses, risk = example_losses(neuron, X, y, "bce")
    board = play_storyboard("empirical-risk")
    assert {format_small(v) for v in losses} <= board.texts
    assert f"mean = R_emp = {format_small(risk)}" in board.texts
    assert not board.outside, board.outside[:5]


def test_gradient_descent_surface_reports_where_each_rate_lands():
    net, (X, y) = single_neuron(-1.5, 2.0, "identity"), toy_regression()
    runs = descent_runs(net, X, y, "l2", learning_rates(net, X, y, "l2"), steps=20)
    board = play_storyboard("gradient-descent-surface")
    for run in runs:
        assert any(t.startswith(f"R: {format_small(run.loss[0])} → {format_small(run.loss[-1])}")
                   for t in board.texts)
    assert not board.outside, board.outside[:5]


def test_the_drawn_path_is_the_historys_parameters():
    from manim import config

    net, (X, y) = single_neuron(-1.5, 2.0, "identity"), toy_regression()
    run = descent_runs(net, X, y, "l2", [0.6], steps=15)[0]
    surface = loss_surface(net, X, y, "l2", around=[run.parameters], resolution=15)
    assert config.frame_width > 0
    panel = SurfacePanel(surface, run, THEMES["light"]).shift([2.0, -1.0, 0])
    drawn = np.array([panel.axes.p2c(p) for p in panel.anchors])
    np.testing.assert_allclose(drawn, run.parameters, atol=1e-9)
    panel.set_progress(panel.n_steps)
    np.testing.assert_allclose(panel.path.get_anchors()[-1], panel.anchors[-1], atol=1e-9)


def test_the_3d_path_walks_the_historys_parameters_and_risk():
    net, (X, y) = single_neuron(-1.5, 2.0, "identity"), toy_regression()
    run = descent_runs(net, X, y, "l2", [0.6], steps=10)[0]
    surface = loss_surface(net, X, y, "l2", around=[run.parameters], resolution=21)
    plot = Surface3D(surface, run, THEMES["light"], resolution=6)
    np.testing.assert_allclose(plot.path_points, np.c_[run.parameters, run.loss])
    on_grid = surface.at(surface.p0[4], surface.p1[9])
    assert on_grid == pytest.approx(surface.risk[9, 4])  # the mesh heights are the engine's risk
    theta = run.parameters[3]
    assert surface.at(*theta) == pytest.approx(net.with_parameters(theta).loss(X, y, "l2"), rel=0.02)


# ---- the videos --------------------------------------------------------------------------------
@pytest.mark.parametrize("scene", LEARNING_SCENES)
def test_each_learning_scene_renders_tiny(scene, tmp_path):
    video = render_frames(scene, tmp_path, size=(192, 108), fps=3)
    assert_frames_sane(video)
    assert 8 < video.duration < 60
