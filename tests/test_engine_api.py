"""The engine's API: one rule for fused losses, one default loss, registry errors, short reprs, the HTML table."""

import numpy as np
import pytest

import nnviz
from nnviz.engine import LOSSES, Dense, Network, get_activation, get_loss, load_network, train
from nnviz.engine.init import random_network
from nnviz.errors import NnvizError, UnknownName


@pytest.mark.parametrize("loss, output, fused", [
    ("cross-entropy", "softmax", True), ("binary-cross-entropy", "sigmoid", True),
    ("l2", "sigmoid", False), ("l2", "softmax", False), ("binary-cross-entropy", "tanh", False),
    ("cross-entropy", "identity", False)])
def test_the_loss_alone_decides_whether_it_fuses(loss, output, fused):
    assert get_loss(loss).fuses_with(output) is fused
    assert get_loss(loss).fuses_with(get_activation(output)) is fused


@pytest.mark.parametrize("loss, output", [("cross-entropy", "softmax"), ("binary-cross-entropy", "sigmoid"),
                                          ("l2", "softmax"), ("l2", "tanh"), ("l1", "identity")])
def test_top_gradient_is_the_chain_rule_through_the_output(loss, output):
    rng = np.random.default_rng(0)
    g = 3 if output == "softmax" else 1
    f_in = rng.normal(size=(4, g))
    act = get_activation(output)
    f = act.value(f_in)
    y = np.eye(3)[[0, 2, 1, 1]] if g == 3 else rng.uniform(0.1, 0.9, size=(4, 1))
    top = get_loss(loss).top(f_in, f, y, act)
    # ∂R/∂f_in by the chain rule through τ, whatever the top took as its shortcut
    np.testing.assert_allclose(top.grad_f_in, act.backward(f_in, f, top.grad_f), rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(top.grad_f, get_loss(loss).gradient(f, y) / 4, rtol=1e-12)
    assert top.risk == pytest.approx(float(np.mean(get_loss(loss).value(f, y))), rel=1e-12)
    assert top.fused == get_loss(loss).fuses_with(output)


def test_fused_top_is_f_minus_y_and_stable_for_huge_logits():
    f_in = np.array([[1.0, 1000.0, 2.0]])
    f = get_activation("softmax").value(f_in)
    top = get_loss("cross-entropy").top(f_in, f, np.array([[1.0, 0.0, 0.0]]), "softmax")
    np.testing.assert_allclose(top.grad_f_in, [[-1.0, 1.0, 0.0]], atol=1e-300)
    assert top.risk == pytest.approx(999.0) and top.fused


def test_backward_loss_and_gradient_default_to_the_fitting_loss():
    net = load_network("single-hidden")  # sigmoid output: binary cross entropy fits it
    trace = net.backward(net.forward([-3, 1, 5]), target=1)
    assert trace.loss_name == "binary-cross-entropy"
    assert trace.loss == pytest.approx(0.4476, abs=1e-4)  # what `nnviz trace --target 1` prints
    assert net.loss([-3, 1, 5], 1) == pytest.approx(trace.loss, rel=1e-14)
    assert net.gradient([-3, 1, 5], 1)[0] == pytest.approx(trace.loss, rel=1e-14)
    explicit = net.backward(net.forward([-3, 1, 5]), 1, "binary-cross-entropy")
    np.testing.assert_array_equal(explicit.layers[0].grad_W, trace.layers[0].grad_W)
    assert trace.fused and not net.backward(net.forward([-3, 1, 5]), 1, "l2").fused


def test_train_defaults_to_the_fitting_loss():
    net = random_network([2, 3, 3], "tanh", "softmax", seed=0)
    X = np.random.default_rng(0).normal(size=(12, 2))
    history = train(net, X, np.arange(12) % 3, lr=0.1, steps=3)
    assert history.loss_name == "cross-entropy"


@pytest.mark.parametrize("lookup, name", [(get_loss, "hinge"), (get_activation, "swish")])
def test_registries_raise_one_nnviz_error_that_is_still_a_key_error(lookup, name):
    with pytest.raises(UnknownName) as info:
        lookup(name)
    assert isinstance(info.value, NnvizError) and isinstance(info.value, KeyError)
    assert str(info.value).startswith(f"unknown {'loss' if lookup is get_loss else 'activation'} {name!r}")
    assert "expected one of" in str(info.value) and "\n" not in str(info.value)


def test_every_loss_is_listed_when_a_name_is_unknown():
    with pytest.raises(KeyError, match=", ".join(LOSSES)):
        get_loss("nope")


def test_trace_repr_is_a_few_lines_with_shape_input_output_and_loss():
    net = load_network("deep")
    trace = net.backward(net.forward([7, 1, -4]), 0)
    assert repr(trace).splitlines() == [
        "Trace of deep (3-4-4-4-3, relu-relu-relu-softmax), one example",
        "  x = [7, 1, -4]",
        "  f = [0.8668, 0.01588, 0.1173]",
        "  loss (cross-entropy) = 0.142932, with gradients"]
    batch = net.forward(np.zeros((500, 3)))
    assert repr(batch).splitlines()[1:] == ["  x: 500 × 3, f: 500 × 3"]
    assert len(repr(batch)) < 200


def test_history_repr_is_short():
    net = random_network([2, 8, 8, 1], "tanh", "sigmoid", seed=0)
    X = np.random.default_rng(0).normal(size=(50, 2))
    history = train(net, X, (X[:, 0] > 0).astype(float), "bce", "adam", lr=0.05, steps=300)
    text = repr(history)
    assert len(text) < 200 and len(text.splitlines()) == 2
    assert text.startswith("History of network (2-8-8-1): 301 records over 300 steps of adam, lr 0.05")
    assert f"binary-cross-entropy {history.loss[0]:.4g} → {history.loss[-1]:.4g}" in text


def test_jupyter_shows_a_trace_as_an_escaped_html_table():
    net = Network([Dense([[1.0, -2.0]], [0.5, 0.0], "relu", labels=["a", "b"])], "<script>alert(1)</script>")
    html = nnviz.load_network(net).forward([3.0])._repr_html_()
    assert html.startswith('<table class="nnviz-trace"') and "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;: forward pass" in html
    cells = [c.split(">")[-1] for c in html.split("</td>") if 'class="value"' in c]
    assert cells == ["3", "3.50", "-6", "3.50", "0"]  # x; z_in; z_out, in the slides' number format
