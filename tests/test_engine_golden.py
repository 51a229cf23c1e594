"""The slides' worked examples: the engine must reproduce every number DESIGN.md records."""

import numpy as np
import pytest

from nnviz import load_network
from nnviz.engine.activations import sigmoid, softmax
from nnviz.engine.notation import format_number, format_vector


def test_single_hidden_layer_matches_the_slides():
    trace = load_network("single-hidden").forward([-3, 1, 5])
    hidden, out = trace.layers
    np.testing.assert_array_equal(hidden.z_in[0], [-3, 2, 0, 7])
    # The slide prints 0.99 for σ(7) = 0.9991 (truncated); the other three are rounded.
    np.testing.assert_allclose(hidden.z_out[0], [0.05, 0.88, 0.50, 0.99], atol=0.01)
    np.testing.assert_allclose(hidden.z_out[0], 1 / (1 + np.exp(-np.array([-3, 2, 0, 7]))))
    assert format_vector(hidden.z_out[0]) == ["0.05", "0.88", "0.50", "1.00"]
    assert format_number(out.z_in[0, 0]) == "0.57"
    assert format_number(out.z_out[0, 0]) == "0.64"
    # 0.64 is σ(0.57) = 1/(1+e^{-0.57}); the slide's 1/(1+e^{f_in}) is a typo.
    assert out.z_out[0, 0] == pytest.approx(1 / (1 + np.exp(-out.z_in[0, 0])))


def test_single_hidden_worked_sum_of_the_first_neuron():
    net = load_network("single-hidden")
    W, b = net.layers[0].W, net.layers[0].b
    # (-3)*3 + 1*(-9) + 5*2 + 5 = -3, as the slide writes it
    assert list(W[:, 0]) == [3, -9, 2] and b[0] == 5
    assert (-3) * 3 + 1 * (-9) + 5 * 2 + 5 == net.forward([-3, 1, 5]).layers[0].z_in[0, 0]


def test_multiclass_shares_the_hidden_layer_and_ends_in_softmax():
    trace = load_network("multiclass").forward([-3, 1, 5])
    np.testing.assert_array_equal(trace.layers[0].z_in[0], [-3, 2, 0, 7])
    z = sigmoid(np.array([-3.0, 2, 0, 7]))
    U_T = np.array([[3, -12, 8, 1], [2, -3, 9, 1], [-5, 1, -1, 7]])
    f_in = U_T @ z + [6, 0, -8]
    np.testing.assert_allclose(trace.f_in[0], f_in)
    np.testing.assert_allclose(trace.output[0], np.exp(f_in) / np.exp(f_in).sum())
    assert trace.output[0].sum() == pytest.approx(1.0)


def test_deep_relu_network_matches_every_column_of_the_slides():
    trace = load_network("deep").forward([7, 1, -4])
    expected = [
        ([79, -70, 9, -26], [79, 0, 9, 0]),
        ([38, 21, -96, -35], [38, 21, 0, 0]),
        ([0, 24, -54, 17], [0, 24, 0, 17]),
    ]
    for layer, (z_in, z_out) in zip(trace.layers, expected):
        np.testing.assert_array_equal(layer.z_in[0], z_in)
        np.testing.assert_array_equal(layer.z_out[0], z_out)
    np.testing.assert_array_equal(trace.f_in[0], [3, -1, 1])
    np.testing.assert_allclose(trace.output[0], [0.867, 0.016, 0.117], atol=5e-4)
    # The slide prints 0.015 (a truncation of 0.0159); the correctly rounded value is shown.
    assert format_vector(trace.output[0], probability=True) == ["0.867", "0.016", "0.117"]


def test_perceptron_is_the_first_hidden_neuron():
    trace = load_network("perceptron").forward([-3, 1, 5])
    assert trace.f_in[0, 0] == -3
    assert trace.output[0, 0] == pytest.approx(sigmoid(-3.0))


def test_softmax_is_a_smooth_argmax_without_warnings():
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        np.testing.assert_allclose(softmax(np.array([1.0, 1000.0, 2.0])), [0, 1, 0], atol=1e-300)
        np.testing.assert_array_equal(sigmoid(np.array([-1000.0, 1000.0])), [0.0, 1.0])


def test_number_format_is_the_slides():
    assert format_number(79.0) == "79"
    assert format_number(-70.0) == "-70"
    assert format_number(0.5718) == "0.57"
    assert format_number(0.9991) == "1.00"
    assert format_number(0.01587, probability=True) == "0.016"
    assert format_number(-0.001) == "0.00"
