"""The page's number writing, ported from nnviz.engine.notation.format_number, against Python itself."""

from __future__ import annotations

import math
import random
import struct
from decimal import Decimal

import pytest
from explorer_check import _decimal_shown, shown

from nnviz.engine.notation import format_number
from nnviz.explorer.page import SCRIPTS, _asset

pytestmark = pytest.mark.browser

TIES = [0.125, 0.375, 0.625, 0.875, -0.125, 2.5, -2.5, 0.5, 1.5, 0.0625, 0.1875, 1.0005, 2.675, 0.045, 0.145]
EDGES = [0.0, -0.0, 1e-10, -1e-10, 2.9999999999, -0.004, -0.0004, 0.9995, 0.99949999, 79.0, 0.5744, 0.01587,
         0.9991, 5e-324, 1e12, 1.0005e15, 123456789012.345, 1e308, -1e308, 1e16, 1e21, 1.5e-5]


def _values(n: int, seed: int = 0) -> list[float]:
    rng = random.Random(seed)
    out = TIES + EDGES
    while len(out) < n:
        kind = rng.random()
        if kind < 0.3:
            v = rng.uniform(-10, 10)
        elif kind < 0.55:  # exact eighths and thousandths: ties and near-ties at 2, 3 and 4 decimals
            v = rng.randint(-4000, 4000) / 8 / rng.choice([1, 10, 100, 1000])
        elif kind < 0.75:
            v = struct.unpack("d", struct.pack("Q", rng.getrandbits(64)))[0]
        else:
            v = rng.uniform(-1, 1) * 10 ** rng.randint(-8, 14)
        if math.isfinite(v):
            out.append(v)
    return out + [math.nan, math.inf, -math.inf]


@pytest.fixture(scope="module")
def js(browser):
    """A blank page with the explorer's scripts up to the worked lines."""
    page = browser.new_page()
    page.add_script_tag(content="\n;\n".join(_asset(name) for name in SCRIPTS[:3])
                        + "\nwindow.F = NNFormat; window.L = NNLines;")
    yield page
    page.close()


def test_format_number_port_writes_every_value_as_python_does(js):
    values = _values(4000)
    written = js.evaluate("""vs => vs.map(v => [F.formatNumber(v), F.formatNumber(v, true),
        F.formatNumber(v, false, 4), F.formatNumber(v, true, 4), F.formatNumber(v, false, 'full')])""", values)
    for v, (two, prob, four, four_p, full) in zip(values, written):
        if math.isfinite(v) and abs(v) < 1e12:
            assert two == format_number(v), v
            assert prob == format_number(v, probability=True), v
        assert (two, prob, four, four_p) == (shown(v, "2", False), shown(v, "3", True), shown(v, "4", False),
                                             shown(v, "4", True)), v
        assert full == shown(v, "full", False), v


def test_ties_go_to_even_and_negative_zero_is_plain_zero(js):
    assert js.evaluate("() => [0.125, 0.375, 2.5, -0.125].map(v => F.formatNumber(v, true, 2))") == \
        ["0.12", "0.38", "2.50", "-0.12"]
    assert js.evaluate("() => [-0.0, -0.001, -1e-10].map(v => F.formatNumber(v))") == ["0", "0.00", "0"]
    assert js.evaluate("() => F.formatNumber(-0.0004, true)") == format_number(-0.0004, probability=True) == "0.000"
    assert js.evaluate("() => F.formatNumber(1e308)") == "1e+308"  # not 309 digits in a node's label


def test_exact_decimals_round_as_python_decimal_does(js):
    rng = random.Random(3)
    cases = []
    for _ in range(600):
        digits = rng.randint(0, 6)
        text = f"{rng.randint(-10**7, 10**7) / 10**digits:.{digits}f}"
        d, p = rng.choice([("2", False), ("3", True), ("3", False), ("4", False), ("full", False)])
        cases.append((text, d, p))
    cases += [("0.125", "2", False), ("-0.125", "2", False), ("2.0000000001", "2", False),
              ("0.0005", "3", True), ("1e+12", "2", False), ("-0.004", "2", False)]
    got = js.evaluate("""cs => cs.map(([t, d, p]) =>
        F.formatDecimal(F.parseDecimal(t), p, d === 'full' ? 'full' : Number(d)))""", cases)
    for (text, d, p), page in zip(cases, got):
        assert page == _decimal_shown(Decimal(text), d, p), (text, d, p)


def test_a_worked_sum_gets_more_digits_until_it_adds_up(js):
    """0.05·3 + 0.88·(−12) + 0.50·8 + 1.00·1 + 6 is 0.59, not 0.57: the terms are written with 3 decimals."""
    from nnviz.engine import load_network

    trace = load_network("single-hidden").forward([-3, 1, 5])
    z, u = trace.layers[0].z_out[0].tolist(), trace.layers[1].W[:, 0].tolist()
    line = js.evaluate("""([z, u, c, r]) => {
        const q = (name, v) => ({q: name, idx: [], value: v, p: false});
        const terms = [...u.map((w, i) => [q("W", w), q("z_out", z[i])]), [q("b", c)]];
        const line = {op: "sum", terms, result: q("z_in", r)};
        const w = L.writeLine(line, "slide");
        return {terms: w.terms.map(t => t.map(f => f.text)), result: w.result.text, approx: w.approx || null};
    }""", [z, u, 6.0, float(trace.f_in[0, 0])])
    assert line == {"terms": [["3", "0.047"], ["-12", "0.881"], ["8", "0.500"], ["1", "0.999"], ["6"]],
                    "result": "0.57", "approx": None}


def test_a_typed_number_is_a_number_or_nothing(js):
    texts = {"7": 7, " -3.5 ": -3.5, "1e308": 1e308, "−2": -2, "+4": 4, ".5": 0.5, "5.": 5, "1e309": None,
             "abc": None, "": None, "-": None, "1,5": None, "0x10": None, "Infinity": None, "NaN": None, "1e": None}
    got = js.evaluate("ts => ts.map(t => F.parseNumber(t))", list(texts))
    assert dict(zip(texts, got)) == texts
