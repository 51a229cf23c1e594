"""The stacked forward pass: k parameter sets at once equal k separate forward passes, for every activation."""

import numpy as np
import pytest

from nnviz.engine import ACTIVATIONS, get_activation
from nnviz.engine.init import random_network
from nnviz.engine.stacked import forward_from_first

HIDDEN = ["identity", "sigmoid", "tanh", "relu", "step"]


def stack_around(net, k, seed=0, scale=0.3):
    rng = np.random.default_rng(seed)
    return net.parameters() + scale * rng.normal(size=(k, net.n_parameters))


@pytest.mark.parametrize("hidden", HIDDEN)
@pytest.mark.parametrize("output, loss, target", [
    ("sigmoid", "binary-cross-entropy", [1, 0, 1, 1, 0]),
    ("softmax", "cross-entropy", [0, 2, 1, 1, 0]),
    ("identity", "l2", [0.5, -1.0, 2.0, 0.0, 1.5]),
    ("tanh", "l1", [0.5, -0.2, 0.3, 0.9, -0.9]),
    ("softmax", "l2", np.eye(3)[[0, 2, 1, 1, 0]]),  # not fused: through the softmax itself
])
def test_each_set_equals_its_own_forward_pass_and_loss(hidden, output, loss, target):
    g = 3 if output == "softmax" else 1
    net = random_network([3, 5, 4, g], hidden, output, seed=2)
    X = np.random.default_rng(1).normal(size=(5, 3))
    thetas = stack_around(net, 7)
    out = net.forward_stacked(thetas, X, target, loss)
    assert out.f.shape == out.f_in.shape == (7, 5, g) and out.loss.shape == (7,)
    for i, theta in enumerate(thetas):
        one = net.with_parameters(theta)
        trace = one.forward(X)
        np.testing.assert_allclose(out.f_in[i], trace.f_in, rtol=1e-13, atol=1e-13)
        np.testing.assert_allclose(out.f[i], trace.output, rtol=1e-13, atol=1e-13)
        assert out.loss[i] == pytest.approx(one.loss(X, target, loss), rel=1e-12, abs=1e-14)


def test_chunks_and_row_blocks_do_not_change_the_numbers():
    net = random_network([2, 16, 16, 1], "tanh", "sigmoid", seed=0)
    X = np.random.default_rng(3).normal(size=(700, 2))
    y = (X[:, 0] * X[:, 1] > 0).astype(float)
    thetas = stack_around(net, 50)
    whole = net.forward_stacked(thetas, X, y, chunk_size=50)
    for chunk in (1, 7, 64):
        parts = net.forward_stacked(thetas, X, y, chunk_size=chunk)
        np.testing.assert_allclose(parts.f, whole.f, rtol=1e-14)
        np.testing.assert_allclose(parts.loss, whole.loss, rtol=1e-13)
    risk_only = net.forward_stacked(thetas, X, y, outputs=False)
    assert risk_only.f is None and risk_only.f_in is None
    np.testing.assert_allclose(risk_only.loss, whole.loss, rtol=1e-13)


def test_defaults_one_vector_no_target_and_the_fitting_loss():
    net = random_network([2, 4, 3], "relu", "softmax", seed=5)
    X = np.array([[0.5, -1.0], [2.0, 0.3]])
    out = net.forward_stacked(net.parameters(), X)  # one θ, no target: outputs only
    assert out.loss is None and out.f.shape == (1, 2, 3)
    np.testing.assert_allclose(out.f[0], net.forward(X).output, rtol=1e-14)
    scored = net.forward_stacked(net.parameters(), X, [2, 0])
    assert scored.loss_name == "cross-entropy"  # the fitting loss after softmax
    assert scored.loss[0] == pytest.approx(net.loss(X, [2, 0]), rel=1e-13)
    assert "risk of 1 sets" in repr(scored)


def test_a_perceptron_stacks_too():
    net = random_network([3, 1], "identity", "sigmoid", seed=0)
    X = np.random.default_rng(0).normal(size=(4, 3))
    thetas = stack_around(net, 3)
    out = net.forward_stacked(thetas, X, [1, 0, 0, 1])
    for i, theta in enumerate(thetas):
        assert out.loss[i] == pytest.approx(net.with_parameters(theta).loss(X, [1, 0, 0, 1]), rel=1e-13)


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_in_place_activations_equal_their_values(name):
    act = get_activation(name)
    z = np.array([[-800.0, -3.0, -0.0, 0.0, 1e-3, 2.5, 900.0]])
    expected = act.value(z.copy())
    np.testing.assert_array_equal(act.overwrite(z.copy()), expected)


def test_forward_from_first_continues_from_given_pre_activations():
    net = random_network([2, 3, 4, 2], "tanh", "softmax", seed=1)
    X = np.random.default_rng(2).normal(size=(6, 2))
    thetas = stack_around(net, 4)
    params = net.split_parameters(thetas)
    W, b = params[0]
    z = X[None] @ W + b[:, None, :]
    f_in = forward_from_first([layer.activation for layer in net.layers], params, z)
    np.testing.assert_allclose(f_in, net.forward_stacked(thetas, X).f_in, rtol=1e-14)
