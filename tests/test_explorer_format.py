"""The page's number writing — nnviz.analysis.worked.written (format_number for values and
probabilities, two significant digits for small gradients) ported to JS — against Python itself."""

from __future__ import annotations

import math
import random
import struct
from decimal import Decimal

import pytest
from explorer_check import _decimal_written, page_written

from nnviz.analysis.worked import written
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


def test_the_port_writes_every_value_as_python_does(js):
    values = _values(3000)
    cases = [(v, style, extra) for v in values for style, extra in (("n", 0), ("p", 0), ("s", 0), ("n", 1), ("s", 2))]
    got = js.evaluate("""cs => cs.map(([v, s, x]) =>
        [F.written(v, s, x), F.written(v, s, x, "4"), F.written(v, s, 0, "full")])""", cases)
    for (v, style, extra), (slide, four, full) in zip(cases, got):
        if math.isfinite(v) and abs(v) < 1e12:  # the house's own functions, as they are
            house = written(v, {"n": "number", "p": "probability", "s": "small"}[style], extra)
            assert slide == house, (v, style, extra)
            if extra == 0 and style != "s":
                assert slide == format_number(v, probability=style == "p"), v
        assert (slide, four, full) == (page_written(v, style, extra, "slide"), page_written(v, style, extra, "4"),
                                       page_written(v, style, 0, "full")), (v, style, extra)


def test_ties_go_to_even_and_negative_zero_is_plain_zero(js):
    assert js.evaluate("() => [0.125, 0.375, 2.5, -0.125].map(v => F.written(v, 'n'))") == \
        ["0.12", "0.38", "2.50", "-0.12"]
    assert js.evaluate("() => [-0.0, -0.001, -1e-10].map(v => F.formatNumber(v))") == ["0", "0.00", "0"]
    assert js.evaluate("() => F.formatNumber(-0.0004, true)") == format_number(-0.0004, probability=True) == "0.000"
    assert js.evaluate("() => F.formatNumber(1e308)") == "1e+308"  # not 309 digits in a node's label
    assert js.evaluate("() => [-0.000327, 0.0009106, 2e-9, 0.5].map(v => F.written(v, 's'))") == \
        ["-0.00033", "0.00091", "2.0e-9", "0.50"]  # small gradients: two significant digits


def test_exact_decimals_round_as_python_decimal_does(js):
    rng = random.Random(3)
    cases = []
    for _ in range(800):
        digits = rng.randint(0, 8)
        text = f"{rng.randint(-10**7, 10**7) / 10**digits:.{digits}f}"
        cases.append((text, rng.choice("nps"), rng.choice(["slide", "4", "full"])))
    cases += [("0.125", "n", "slide"), ("-0.125", "n", "slide"), ("2.0000000001", "n", "slide"),
              ("0.0005", "p", "slide"), ("1e+12", "n", "slide"), ("-0.004", "n", "slide"), ("0.000325", "s", "slide"),
              ("-0.00032", "s", "slide"), ("0.0945", "s", "4"), ("1.5e-10", "s", "slide")]
    got = js.evaluate("cs => cs.map(([t, s, p]) => F.writtenDecimal(F.parseDecimal(t), s, p))", cases)
    for (text, style, precision), page in zip(cases, got):
        assert page == _decimal_written(Decimal(text), style, precision), (text, style, precision)


def test_a_worked_sum_gets_more_digits_until_it_adds_up(js):
    """0.05·3 + 0.88·(−12) + 0.50·8 + 1.00·1 + 6 is 0.59, not 0.57: z is written with 3 decimals (0.5 as 0.50)."""
    from nnviz.engine import load_network

    trace = load_network("single-hidden").forward([-3, 1, 5])
    z, u = trace.layers[0].z_out[0].tolist(), trace.layers[1].W[:, 0].tolist()
    line = js.evaluate("""([z, u, c, r]) => {
        const q = (name, v) => ({q: name, idx: [], value: v, p: false});
        const terms = [...u.map((w, i) => [q("z_out", z[i]), q("W", w)]), [q("b", c)]];
        const w = L.writeLine({op: "sum", terms, result: q("z_in", r)}, "slide");
        return {terms: w.terms.map(t => t.map(f => f.text)), result: w.result.text, approx: w.approx || null};
    }""", [z, u, 6.0, float(trace.f_in[0, 0])])
    # as nnviz.analysis.worked writes it for the diagram: the same strings
    assert line == {"terms": [["0.047", "3"], ["0.881", "-12"], ["0.50", "8"], ["0.999", "1"], ["6"]],
                    "result": "0.57", "approx": None}


def test_a_typed_number_is_a_number_or_nothing(js):
    texts = {"7": 7, " -3.5 ": -3.5, "1e308": 1e308, "−2": -2, "+4": 4, ".5": 0.5, "5.": 5, "1e309": None,
             "abc": None, "": None, "-": None, "1,5": None, "0x10": None, "Infinity": None, "NaN": None, "1e": None}
    got = js.evaluate("ts => ts.map(t => F.parseNumber(t))", list(texts))
    assert dict(zip(texts, got)) == texts
