"""The forward pass as written adds up: every sum, σ, exponential, sum of exponentials and probability,
re-evaluated from its strings by the classroom parser, gives its written result (golden and random nets)."""

from __future__ import annotations

import numpy as np
from classroom_arithmetic import evaluate, matches
from hypothesis import given, settings
from hypothesis import strategies as st

from nnviz.animate.written import ForwardNumbers, JacobianNumbers, negated, softmax_numbers
from nnviz.engine import load_network
from nnviz.engine.init import random_network


def relations(numbers: ForwardNumbers) -> list[tuple[str, str, str]]:
    """(quantity, expression, result) for everything a forward scene writes."""
    found = []
    for layer, lt in enumerate(numbers.trace.layers):
        for j in range(lt.W.shape[1]):
            found.append((f"zin{layer}", *numbers.worked_sum(layer, j, max_terms=10**6)))
            if lt.activation.elementwise:
                found.append((f"z{layer}", *numbers.activation(layer, j)))
        if not lt.activation.elementwise:
            for k in range(lt.W.shape[1]):
                power, value = numbers.exponential(layer, k)
                found.append((f"e{layer}", power.replace("{", "(").replace("}", ")"), value))
                found.append((f"z{layer}", *numbers.probability(layer, k)))
            found.append((f"S{layer}", *numbers.total(layer)))
    return found


def assert_adds_up(numbers: ForwardNumbers) -> None:
    for quantity, expression, result in relations(numbers):
        if quantity in numbers.approximate:  # written with ≈ (and a reason) by the scenes
            continue
        assert matches(evaluate(expression), result), f"{expression} = {result} is {evaluate(expression)}"


def test_the_slides_sum_that_did_not_add_up_now_does():
    numbers = ForwardNumbers(load_network("single-hidden").forward([-3, 1, 5]))
    total, value = numbers.worked_sum(1, 0)
    assert (total, value) == ("0.047·3 + 0.881·(-12) + 0.50·8 + 0.999·1 + 6", "0.57")
    assert matches(evaluate(total), value) and not matches(evaluate("0.05·3 + 0.88·(-12) + 0.50·8 + 1.00·1 + 6"),
                                                           "0.57")
    assert numbers.activation(1, 0) == ("σ(0.57)", "0.64")  # the result that corrects the slide
    assert numbers.values(1, "z_in") == ["-3", "2", "0", "7"]
    assert_adds_up(numbers)


def test_multiclass_exponentials_sum_and_probabilities_add_up_as_written():
    numbers = ForwardNumbers(load_network("multiclass").forward([-3, 1, 5]))
    assert numbers.values(2, "z_in") == ["0.572", "2.952", "-0.863"]  # e^2.95 would be 19.11, not 19.14
    assert [numbers.exponential(1, k) for k in range(3)] == [("e^{0.572}", "1.77"), ("e^{2.952}", "19.14"),
                                                            ("e^{-0.863}", "0.42")]
    assert numbers.total(1) == ("1.77 + 19.14 + 0.42", "21.33")
    assert numbers.values(2) == ["0.083", "0.897", "0.020"]
    assert_adds_up(numbers)


def test_deep_network_keeps_the_slides_integers_and_its_probabilities():
    numbers = ForwardNumbers(load_network("deep").forward([7, 1, -4]))
    assert numbers.values(1, "z_in") == ["79", "-70", "9", "-26"] and numbers.values(1) == ["79", "0", "9", "0"]
    assert numbers.worked_sum(0, 0) == ("7·13 + 1·(-9) + (-4)·2 + 5", "79")
    assert numbers.activation(0, 1) == ("max(0, -70)", "0")
    assert numbers.total(3) == ("20.086 + 0.368 + 2.718", "23.17")
    assert numbers.values(4) == ["0.867", "0.016", "0.117"]  # the slide's 0.015 is a truncation
    assert_adds_up(numbers)


def test_a_huge_softmax_is_written_shifted_and_still_adds_up():
    numbers = softmax_numbers([1, 1000, 2])
    assert [numbers.exponential(0, k) for k in range(3)] == [("e^{1 - 1000}", "0.00"), ("e^{1000 - 1000}", "1"),
                                                            ("e^{2 - 1000}", "0.00")]
    assert numbers.values(1) == ["0.000", "1.000", "0.000"]
    assert_adds_up(numbers)


def test_sigmoid_is_written_with_its_minus_sign():
    numbers = ForwardNumbers(load_network("single-hidden").forward([-3, 1, 5]))
    assert numbers.sigmoid_fraction(1, 0) == (r"\sigma(0.57)", r"\frac{1}{1 + e^{-0.57}}", "0.64")
    assert numbers.sigmoid_fraction(0, 0)[1] == r"\frac{1}{1 + e^{3}}"
    assert (negated("-3"), negated("0.57"), negated("0")) == ("3", "-0.57", "0")


def test_softmax_jacobian_entries_and_backprop_add_up_and_match_the_engine():
    net = load_network("multiclass")
    numbers = JacobianNumbers(net, [-3, 1, 5], target=0)
    top = net.forward([-3, 1, 5]).layers[-1]
    J = top.activation.jacobian(top.z_in[0])
    assert np.allclose(J, np.diag(top.z_out[0]) - np.outer(top.z_out[0], top.z_out[0]))
    for i in range(3):
        for j in range(3):
            assert matches(J[i, j], numbers.matrix()[i][j])  # the engine's J, rounded as written
    trace = net.backward(net.forward([-3, 1, 5]), [1, 0, 0], "l2")
    assert [matches(v, t) for v, t in zip(trace.layers[-1].grad_z_in[0], numbers.texts("gfin"))] == [True] * 3
    for equation in numbers.equations():
        expression, result = equation.rsplit(" = ", 1)
        assert matches(evaluate(expression), result), equation


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10**6), hidden=st.integers(1, 6), outputs=st.integers(1, 4),
       activation=st.sampled_from(["sigmoid", "tanh", "relu"]), softmax=st.booleans())
def test_random_networks_add_up_as_written_or_say_approximately(seed, hidden, outputs, activation, softmax):
    out = "softmax" if softmax and outputs > 1 else "sigmoid"
    net = random_network([3, hidden, outputs], activation, out, seed=seed)
    x = np.random.default_rng(seed).normal(size=3).round(2)
    numbers = ForwardNumbers(net.forward(x))
    assert_adds_up(numbers)
    trace = net.forward(x)
    for layer, lt in enumerate(trace.layers):  # the written numbers are the engine's, at their rounding
        for value, text in zip(lt.z_out[0], numbers.values(layer + 1)):
            assert matches(value, text) or numbers.approximate, (value, text)


def test_a_number_nothing_depends_on_keeps_the_house_format():
    numbers = ForwardNumbers(load_network("perceptron").forward([-3, 1, 5]))
    assert numbers.values(1) == ["0.05"] and numbers.activation(0, 0) == ("σ(-3)", "0.05")
