"""Digits that add up as written: the solver gives each number just enough digits, and no more."""

from __future__ import annotations

import doctest

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import nnviz.animate.precision as precision
from nnviz.animate.precision import Written, agrees, format_digits, format_small, parse_small


def test_the_module_examples_hold():
    assert doctest.testmod(precision).failed == 0


def test_house_formats_and_extra_digits():
    assert [format_digits(v) for v in (-0.36111, 4.3333, 0.0451767, -0.000328, 7.0)] == \
        ["-0.36", "4.33", "0.045", "-0.00033", "7"]
    assert [format_digits(v, extra=1) for v in (-0.36111, 0.0451767, -0.0000328)] == ["-0.361", "0.0452", "-3.28·10⁻⁵"]
    assert format_digits(0.25, extra=2) == "0.25"  # exact: no trailing zeros
    assert format_digits(0.0159, "probability") == "0.016"
    assert format_digits(26.549, "significant") == "26.5" and format_digits(2.273, "significant") == "2.3"
    assert format_small(0.05) == "0.05" and format_small(0.0402) == "0.040"  # a significant zero stays


@given(st.floats(-1e4, 1e4, allow_nan=False).filter(lambda v: abs(v) > 1e-12),
       st.sampled_from(["number", "small", "probability", "significant"]), st.integers(0, 3))
def test_a_written_number_is_its_value_at_its_rounding(value, style, extra):
    text = format_digits(value, style, extra)
    assert agrees(value, text), (value, text)
    assert parse_small(text) == pytest.approx(value, rel=0.06, abs=0.006)


def test_the_chain_rule_of_the_slide_network_adds_up_with_one_digit_more_where_needed():
    w = Written().add("g", [-0.3608210]).add("u", [3, -12, 8, 1], "number")
    w.add("gz", [-1.082463, 4.329852, -2.886568, -0.360821]).scaled("gz", "u", "g").solve()
    assert w.texts("g").tolist() == ["-0.361"] and w.texts("gz").tolist() == ["-1.08", "4.33", "-2.89", "-0.36"]
    assert w.quantities["u"].extra == 0 and w.unresolved == set()


def test_a_result_that_no_digits_can_reach_is_marked_approximate():
    w = Written().add("a", [0.1234567], "number").add("b", [123.4567], "number")
    w.relate("b", lambda a: 1000 * a, "a", write=lambda a, b: [f"1000·{a[0]} = {b[0]}"]).solve(max_extra=1)
    assert w.sign("b") == "≈" and w.equations("b") == ["1000·0.123 ≈ 123.46"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(-3, 3, allow_nan=False), min_size=2, max_size=5),
       st.lists(st.integers(-12, 12), min_size=5, max_size=5))
def test_solved_products_evaluate_from_their_strings_to_their_strings(values, weights):
    values = np.array(values)
    weights = np.array(weights[: len(values)], float)
    w = Written().add("v", values).add("w", weights, "number").add("p", values * weights)
    w.product("p", "w", "v").solve(max_extra=4)
    shown = [parse_small(a) * parse_small(b) for a, b in zip(w.texts("w"), w.texts("v"))]
    if "p" not in w.unresolved:
        assert all(agrees(s, t) for s, t in zip(shown, w.texts("p")))
