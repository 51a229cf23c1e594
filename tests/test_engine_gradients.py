"""Backpropagation against central finite differences, and the engine's invariants (hypothesis)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from nnviz import load_network
from nnviz.engine import ACTIVATIONS, LOSSES, get_loss
from nnviz.engine.activations import softmax, softmax_jacobian
from nnviz.engine.gradcheck import gradient_error, numerical_gradient
from nnviz.engine.init import random_network

SMOOTH = ["identity", "sigmoid", "tanh", "relu"]


@pytest.mark.parametrize("name", ["perceptron", "single-hidden", "multiclass", "deep"])
def test_builtin_gradients_match_finite_differences(name):
    net = load_network(name)
    # Nudge the slide input off ReLU kinks (the deep net's z_in^(3)_1 is exactly 0 there).
    x = net.default_input + np.array([0.013, -0.021, 0.017])
    assert gradient_error(net, x, net.default_target, net.default_loss) < 1e-6


@pytest.mark.parametrize("hidden", SMOOTH)
@pytest.mark.parametrize("loss", list(LOSSES))
def test_random_network_gradients_for_every_activation_and_loss(hidden, loss):
    rng = np.random.default_rng(7)
    output = {"cross-entropy": "softmax", "binary-cross-entropy": "sigmoid"}.get(loss, "tanh")
    net = random_network([3, 5, 4, 3 if output == "softmax" else 1], hidden, output, seed=3)
    X = rng.normal(size=(6, 3))
    if loss == "cross-entropy":
        y = rng.integers(0, 3, 6)
    elif loss == "binary-cross-entropy":
        y = rng.integers(0, 2, 6).astype(float)
    else:
        y = rng.normal(size=6) * 3  # far from f, so L1 stays off its kink
    assert gradient_error(net, X, y, loss) < 1e-6


@pytest.mark.parametrize("output", ["softmax", "sigmoid", "identity", "tanh"])
def test_unfused_output_activations_use_their_jacobian(output):
    # l2 after softmax takes the Jacobian path (diag(τ) − ττᵀ), not the fused one.
    net = random_network([2, 4, 3], "tanh", output, seed=1)
    X = np.random.default_rng(0).normal(size=(5, 2))
    y = np.random.default_rng(1).uniform(size=(5, 3))
    assert gradient_error(net, X, y, "l2") < 1e-6


def test_step_units_have_zero_gradient_away_from_the_threshold():
    net = random_network([2, 3, 1], "step", "sigmoid", seed=2)
    X = np.array([[0.3, -0.7], [1.1, 0.4]])
    _, grad = net.gradient(X, [1, 0], "bce")
    np.testing.assert_allclose(grad, numerical_gradient(net, X, [1, 0], "bce"), atol=1e-7)
    assert np.all(grad[: 2 * 3 + 3] == 0)  # nothing flows back through a threshold unit


def test_fused_cross_entropy_gradient_is_f_minus_y():
    net = load_network("multiclass")
    trace = net.backward(net.forward([-3, 1, 5]), 2, "cross-entropy")
    np.testing.assert_allclose(trace.layers[-1].grad_z_in[0], trace.output[0] - [0, 0, 1])
    assert trace.loss == pytest.approx(-np.log(trace.output[0, 2]))


def test_cross_entropy_stays_finite_when_the_model_is_certain():
    net = load_network("deep")
    trace = net.backward(net.forward([7, 1, -4]), 0, "cross-entropy")
    big = net.with_parameters(net.parameters() * 50)
    wrong = big.backward(big.forward([7, 1, -4]), 1, "cross-entropy")
    assert np.isfinite(trace.loss) and np.isfinite(wrong.loss) and wrong.loss > 100
    assert all(np.all(np.isfinite(lt.grad_W)) for lt in wrong.layers)


def test_softmax_jacobian_is_diag_minus_outer():
    z = np.array([0.4, 1.0, 2.0])
    t = softmax(z)
    np.testing.assert_allclose(softmax_jacobian(z), np.diag(t) - np.outer(t, t))


sizes = st.lists(st.integers(1, 6), min_size=2, max_size=4)


@settings(max_examples=40, deadline=None)
@given(sizes=sizes, n=st.integers(1, 7), hidden=st.sampled_from(SMOOTH + ["step"]),
       output=st.sampled_from(["softmax", "sigmoid", "identity"]), seed=st.integers(0, 10_000))
def test_trace_shapes_follow_the_layers(sizes, n, hidden, output, seed):
    net = random_network(sizes, hidden, output, seed=seed)
    X = np.random.default_rng(seed).normal(size=(n, sizes[0]))
    trace = net.forward(X)
    assert len(trace.layers) == len(sizes) - 1
    for layer, (n_in, n_out) in zip(trace.layers, zip(sizes[:-1], sizes[1:])):
        assert layer.input.shape == (n, n_in)
        assert layer.z_in.shape == layer.z_out.shape == (n, n_out)
    trace = net.backward(trace, np.zeros((n, sizes[-1])), "l2")
    for layer, lt in zip(net.layers, trace.layers):
        assert lt.grad_W.shape == layer.W.shape and lt.grad_b.shape == layer.b.shape
        assert lt.grad_z_in.shape == lt.z_in.shape
    # the batch is the examples one by one
    np.testing.assert_allclose(trace.output[0], net.forward(X[0]).output[0])


@settings(max_examples=60, deadline=None)
@given(hnp.arrays(float, st.tuples(st.integers(1, 5), st.integers(1, 6)),
                  elements=st.floats(-1e4, 1e4, allow_nan=False)))
def test_softmax_rows_are_distributions(z):
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        t = softmax(z)
    assert np.all(t >= 0)
    np.testing.assert_allclose(t.sum(axis=-1), 1.0)


@settings(max_examples=60, deadline=None)
@given(f=hnp.arrays(float, (4, 3), elements=st.floats(1e-6, 1 - 1e-6)),
       y=hnp.arrays(float, (4, 3), elements=st.floats(0, 1)), loss=st.sampled_from(list(LOSSES)))
def test_losses_are_never_negative(f, y, loss):
    if loss == "cross-entropy":
        f = f / f.sum(axis=1, keepdims=True)
        y = np.eye(3)[np.argmax(y, axis=1)]
    assert np.all(get_loss(loss).value(f, y) >= -1e-12)


@settings(max_examples=30, deadline=None)
@given(sizes=sizes, seed=st.integers(0, 1000))
def test_parameters_round_trip(sizes, seed):
    net = random_network(sizes, "tanh", "identity", seed=seed)
    theta = net.parameters()
    assert theta.size == net.n_parameters
    np.testing.assert_array_equal(net.with_parameters(theta).parameters(), theta)
    stack = np.stack([theta, 2 * theta])
    for (W, b), layer in zip(net.split_parameters(stack), net.layers):
        np.testing.assert_array_equal(W[1], 2 * layer.W)
        np.testing.assert_array_equal(b[0], layer.b)


def test_every_activation_has_a_latex_name_and_a_derivative():
    for act in ACTIVATIONS.values():
        assert act.latex
        z = np.array([[-2.0, 0.5, 3.0]])
        assert act.grad(z).shape in ((1, 3), (1, 3, 3))


def test_the_fitting_loss_is_the_specs_or_the_one_fused_with_the_output():
    assert load_network("deep").fitting_loss() == "cross-entropy"
    assert random_network([2, 3, 3], "tanh", "softmax").fitting_loss() == "cross-entropy"
    assert random_network([2, 3, 1], "tanh", "sigmoid").fitting_loss() == "binary-cross-entropy"
    assert random_network([2, 3, 1], "tanh", "identity").fitting_loss() == "l2"
