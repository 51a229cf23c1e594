"""The explorer's contract, as functions the page tests share: what the page shows against the engine.

``collect(page)`` reads every number the page shows (each tagged with data-q, data-i: which quantity,
data-d, data-p: how it is written), every worked line, and the evaluator's full-precision state.
``EngineValues`` computes the same quantities with nnviz's engine; ``check(...)`` compares them:

- a displayed string equals the engine's value at the displayed rounding (``shown``);
- a full-precision value agrees to 1e-12 (relative to the largest value of its vector or matrix),
  or, where the engine's own float64 result is ill-conditioned (a saturated tanh′, a log of a
  probability near 0 or 1), to within how far the engine's value moves when its exp, tanh, log and
  log1p are off by one ulp: no two float64 implementations can agree closer than that;
- every worked line adds up as written (``adds_up``), recomputed from the strings on the page.
"""

from __future__ import annotations

import json
import math
from contextlib import contextmanager
from decimal import ROUND_HALF_EVEN, Decimal, getcontext
from unittest import mock

import numpy as np

import nnviz.engine.activations as activations_module
import nnviz.engine.losses as losses_module
from nnviz.analysis.worked import written
from nnviz.engine import Dense, Network
from nnviz.engine.activations import softmax, softmax_jacobian, softmax_terms

getcontext().prec = 120
HUGE = 1e12  # from here on the page writes 4 significant digits and an exponent

COLLECT_JS = """() => {
  const visible = (node) => node.isConnected && node.checkVisibility && node.checkVisibility();
  const attrs = (e) => ({q: e.dataset.q, i: e.dataset.i === "" ? [] : e.dataset.i.split(",").map(Number),
                         s: e.dataset.s, x: e.dataset.x, role: e.dataset.role || "", text: e.textContent});
  const numbers = [...document.querySelectorAll("[data-q]")].filter(visible).map(attrs);
  const lines = [...document.querySelectorAll(".line[data-op]")].filter(visible).map((line) => ({
    op: line.dataset.op, act: line.dataset.act || null, approx: line.dataset.approx || null,
    terms: [...line.querySelectorAll(":scope > .term")].map((t) => [...t.querySelectorAll("[data-role=f]")].map(attrs)),
    args: [...line.querySelectorAll("[data-role=a]")].map(attrs),
    result: attrs(line.querySelector("[data-role=r]")),
    note: !!(line.parentElement.querySelector("[data-note]")),
  }));
  // every visible text with a digit must be a tagged number or a label (a name, an axis, a note)
  const stray = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const host = n.parentElement;
    if (!/[0-9]/.test(n.textContent) || !host || ["SCRIPT", "STYLE", "OPTION"].includes(host.tagName)) continue;
    if (!visible(host)) continue;
    if (!host.closest("[data-q], [data-static]")) stray.push(n.textContent);
  }
  // one JSON string (fast to pass over); inf and nan as JSON's NaN/Infinity, which Python reads
  const text = JSON.stringify({numbers, lines, stray, state: window.nnvizState},
                              (k, v) => (typeof v === "number" && !Number.isFinite(v) ? `§${v}§` : v));
  return text.replace(/"§(NaN|Infinity|-Infinity)§"/g, "$1");
}"""


def collect(page) -> dict:
    return json.loads(page.evaluate(COLLECT_JS))


# ---- how the page writes a number --------------------------------------------------------------
STYLES = {"n": "number", "p": "probability", "s": "small"}


def page_written(value: float, style: str, extra: str | int, precision: str) -> str:
    """The page's writing rule in Python: the house's ``nnviz.analysis.worked.written`` as the slide
    writes (four decimals in the "4" precision), every digit at "full", huge numbers shortened."""
    value = float(value)
    if not math.isfinite(value):
        return str(value)
    if extra == "full" or precision == "full":  # every digit: integers as integers, else Python's repr
        return str(int(value)) if value == int(value) and abs(value) < 1e16 else repr(value)
    if abs(value) >= HUGE:
        return f"{value:.4g}"
    extra = int(extra)
    if precision == "slide":
        return written(value, STYLES[style], extra)  # the house's own function
    if style != "p" and abs(value - round(value)) < 1e-9:
        return str(int(round(value)))
    decimals = 4 + extra
    if style == "s" and abs(value) < 0.095:
        decimals = max(decimals, 1 + extra - int(np.floor(np.log10(abs(value)))))
        if decimals > 8:
            return f"{value:.{1 + extra}e}".replace("e-0", "e-")
    text = f"{value:.{decimals}f}"
    if extra:
        base = page_written(value, "p" if style == "p" else "n", 0, precision)
        while text.endswith("0") and len(text) > len(base) and float(text[:-1]) == float(text):
            text = text[:-1]
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def parse(text: str) -> float:
    return float(text)  # "inf", "-inf", "nan" included


# ---- the engine's values for the page's state ----------------------------------------------------
class UlpNumpy:
    """numpy, but exp, tanh, log and log1p are one ulp off in a random direction (element by element)."""

    def __init__(self, seed: int):
        self.rng = np.random.default_rng(seed)

    def __getattr__(self, name):
        return getattr(np, name)

    def _nudge(self, f):
        def nudged(x, *args, **kwargs):
            out = np.asarray(f(x, *args, **kwargs), dtype=float)
            way = np.where(self.rng.random(out.shape) < 0.5, -np.inf, np.inf)
            return np.where(np.isfinite(out), np.nextafter(out, way), out)
        return nudged

    def __getattribute__(self, name):
        if name in ("exp", "tanh", "log", "log1p"):
            return object.__getattribute__(self, "_nudge")(getattr(np, name))
        return object.__getattribute__(self, name)


@contextmanager
def one_ulp_off(seed: int):
    fake = UlpNumpy(seed)
    with mock.patch.object(activations_module, "np", fake), mock.patch.object(losses_module, "np", fake):
        yield


def _engine_dict(state: dict) -> dict[str, np.ndarray]:
    """Every quantity the page can show, from the engine, keyed as the page's data-q."""
    out: dict[str, object] = {}
    with np.errstate(all="ignore"):
        if "layers" in state:
            out |= _network_values(state)
        out |= _lab_values(state["lab"])
    return out


def _network_values(state: dict) -> dict:
    """The network's quantities: the trace, its gradients, the softmax's pieces, σ′, the Jacobian."""
    layers = [Dense(np.array(lt["W"], float), np.array(lt["b"], float), lt["activation"]) for lt in state["layers"]]
    net = Network(layers, "page")
    out: dict[str, object] = {}
    with np.errstate(all="ignore"):
        trace = net.forward(np.array(state["x"], float))
        given = state["target_given"]
        trace = net.backward(trace, given[0] if len(given) == 1 else given, state["loss_function"])
        out["x"] = trace.x[0]
        out["y"] = trace.target[0]
        out["loss"] = np.array(trace.loss)
        for key in ("W", "b", "z_in", "z_out", "grad_z_out", "grad_z_in", "grad_W", "grad_b",
                    "exp", "expsum", "zmax", "shift", "sexp", "ssum", "dact", "jac"):
            out[key] = {}
        for k, (lt, layer) in enumerate(zip(trace.layers, layers)):
            out["W"][k], out["b"][k] = layer.W, layer.b
            for key in ("z_in", "z_out", "grad_z_out", "grad_z_in"):
                out[key][k] = getattr(lt, key)[0]
            out["grad_W"][k], out["grad_b"][k] = lt.grad_W, lt.grad_b
            z = lt.z_in[0]
            exps, total = softmax_terms(z)
            out["exp"][k], out["expsum"][k] = exps, np.array(total)
            m = z.max()
            shift = z - m
            sexp = activations_module.np.exp(shift)
            out["zmax"][k], out["shift"][k], out["sexp"][k] = np.array(m), shift, sexp
            out["ssum"][k] = np.array(sexp.sum())
            if layer.activation.elementwise:
                out["dact"][k] = layer.activation.grad(z)
            else:
                out["jac"][k] = softmax_jacobian(z)
    return out


def _lab_values(lab: dict) -> dict[str, np.ndarray]:
    with np.errstate(all="ignore"):
        fin, T = np.array(lab["fin"], float), float(lab["T"])
        z = fin / T
        exps, total = softmax_terms(z)
        m = z.max()
        sexp = activations_module.np.exp(z - m)
        return {"lab_fin": fin, "lab_T": np.array(T), "lab_z": z, "lab_exp": exps, "lab_sum": np.array(total),
                "lab_naive": exps / total, "lab_max": np.array(m), "lab_shift": z - m, "lab_sexp": sexp,
                "lab_ssum": np.array(sexp.sum()), "lab_tau": softmax(z), "lab_J": softmax_jacobian(z)}


def _pick(values: dict, q: str, idx: list[int]):
    """The array a quantity belongs to (for its scale) and its element."""
    v = values[q]
    if isinstance(v, dict):
        v, idx = v[idx[0]], idx[1:]
    arr = np.asarray(v, float)
    return arr, (arr[tuple(idx)] if idx else arr.reshape(()))


class EngineValues:
    """The engine's values for a page state, with a tolerance for each (see the module's docstring)."""

    def __init__(self, state: dict, ulp_runs: int = 2):
        self.base = _engine_dict(state)
        self.runs = []
        for seed in range(ulp_runs):
            with one_ulp_off(seed):
                self.runs.append(_engine_dict(state))

    def value(self, q: str, idx: list[int]) -> tuple[float, float]:
        """(engine value, tolerance) of one element."""
        arr, v = _pick(self.base, q, idx)
        finite = np.abs(arr[np.isfinite(arr)])
        tol = 1e-12 * (1 + (finite.max() if finite.size else 0.0))
        for run in self.runs:
            _, w = _pick(run, q, idx)
            if np.isfinite(v) and np.isfinite(w):
                tol = max(tol, 2 * abs(float(w) - float(v)))
        return float(v), tol


# ---- the checks -----------------------------------------------------------------------------------
def close(page_value: float, engine_value: float, tol: float) -> bool:
    if math.isnan(engine_value) or math.isnan(page_value):
        return math.isnan(engine_value) and math.isnan(page_value)
    if math.isinf(engine_value) or math.isinf(page_value):
        return page_value == engine_value
    return abs(page_value - engine_value) <= tol


def check_number(item: dict, engine: EngineValues, precision: str) -> str | None:
    """None if the page's string is the engine's value at its rounding; else what is wrong."""
    v, tol = engine.value(item["q"], item["i"])
    text, style, extra = item["text"], item["s"], item["x"]
    expected = page_written(v, style, extra, precision)
    if extra == "full" or precision == "full":
        ok = close(parse(text), v, tol)
    else:
        around = {page_written(v - tol, style, extra, precision), page_written(v + tol, style, extra, precision)}
        ok = text in ({expected} | (around if math.isfinite(v) else set()))
    return None if ok else f"{item['q']}{item['i']} shows {text!r}, engine {v!r} ({style}, +{extra}) → {expected!r}"


STATE_KEYS = ("z_in", "z_out", "grad_z_out", "grad_z_in", "grad_W", "grad_b")


def check_state(state: dict, engine: EngineValues) -> list[str]:
    """The evaluator's full-precision values against the engine's, element by element."""
    problems = []
    items = [("x", [], state["x"]), ("loss", [], state["loss"])] if "layers" in state else []
    for k, lt in enumerate(state.get("layers", [])):
        items += [(key, [k], lt[key]) for key in STATE_KEYS]
        items += [("exp", [k], lt["exps"]), ("expsum", [k], lt["sum"])]
    lab = state["lab"]
    items += [("lab_exp", [], lab["exps"]), ("lab_sum", [], lab["sum"]), ("lab_naive", [], lab["naive"]),
              ("lab_tau", [], lab["tau"]), ("lab_J", [], lab["J"]), ("lab_sexp", [], lab["sexp"]),
              ("lab_z", [], lab["z"])]
    for q, head, values in items:
        arr = np.asarray(values, float)
        for idx in np.ndindex(arr.shape):
            v, tol = engine.value(q, head + list(idx))
            if not close(float(arr[idx]), v, tol):
                problems.append(f"state {q}{head + list(idx)} = {arr[idx]!r}, engine {v!r} (tolerance {tol:.3g})")
    return problems


# ---- arithmetic as written --------------------------------------------------------------------------
def _decimal_written(x: Decimal, style: str, precision: str) -> str | None:
    """An exact decimal written by the page's rules; None for an exact tie (a reader could round either way)."""
    if precision == "full" or abs(x) >= HUGE:
        return page_written(float(x), style, 0, precision)
    if style != "p":
        nearest = x.to_integral_value(rounding=ROUND_HALF_EVEN)
        if abs(x - nearest) < Decimal("1e-9"):
            return str(int(nearest))
    decimals = 4 if precision == "4" else 3 if style == "p" else 2
    if style == "s" and x != 0 and abs(x) < Decimal("0.095"):
        decimals = max(decimals, 1 - x.adjusted())  # two significant digits
        if decimals > 8:
            return page_written(float(x), style, 0, precision)
    unit = Decimal(1).scaleb(-decimals)
    scaled = x / unit
    if scaled - scaled.to_integral_value(rounding="ROUND_FLOOR") == Decimal("0.5"):
        return None
    text = f"{x.quantize(unit, rounding=ROUND_HALF_EVEN):f}"
    return text[1:] if text.startswith("-") and Decimal(text) == 0 else text


def _same(computed: str | None, text: str, precision: str) -> bool:
    if computed is None:
        return False
    if precision == "full" and computed not in ("inf", "-inf", "nan"):
        try:
            return float(computed) == float(text)
        except ValueError:
            return False
    return computed == text


ACTS = {"identity": lambda z: z, "sigmoid": lambda z: float(activations_module.sigmoid(z)),
        "tanh": math.tanh, "relu": lambda z: max(0.0, z), "step": lambda z: 1.0 if z >= 0 else 0.0}
DERIVATIVES = {"identity": lambda z: 1.0, "sigmoid": lambda z: ACTS["sigmoid"](z) * (1 - ACTS["sigmoid"](z)),
               "tanh": lambda z: 1 - math.tanh(z) ** 2, "relu": lambda z: 1.0 if z > 0 else 0.0, "step": lambda z: 0.0}


def _log(v: float) -> float:
    return math.log(v) if v > 0 else (-math.inf if v == 0 else math.nan)


def adds_up(line: dict, precision: str) -> bool:
    """Recompute a worked line from the strings on the page: do the written terms give the written result?"""
    r = line["result"]
    op = line["op"]
    texts = [a["text"] for a in line["args"]]
    if op in ("sum", "sub", "l2", "l1"):
        try:
            if op == "sum":
                terms = [[Decimal(f["text"]) for f in term] for term in line["terms"]]
                value = sum((math.prod(t) for t in terms), Decimal(0))
            else:
                a = [Decimal(t) for t in texts]
                pairs = list(zip(a[0::2], a[1::2]))
                value = {"sub": lambda: a[0] - a[1],
                         "l2": lambda: Decimal("0.5") * sum(((y - f) ** 2 for y, f in pairs), Decimal(0)),
                         "l1": lambda: sum((abs(y - f) for y, f in pairs), Decimal(0))}[op]()
        except ArithmeticError:  # inf or nan among the operands
            return False
        if not all(math.isfinite(parse(t)) for t in texts + [f["text"] for term in line["terms"] for f in term]):
            return False
        return _same(_decimal_written(value, r["s"], precision), r["text"], precision)
    a = [parse(t) for t in texts]
    pairs = list(zip(a[0::2], a[1::2]))
    with np.errstate(all="ignore"):
        value = {
            "exp": lambda: float(np.exp(a[0])),
            "div": lambda: float(np.float64(a[0]) / np.float64(a[1])),
            "act": lambda: ACTS[line["act"]](a[0]),
            "dact": lambda: DERIVATIVES[line["act"]](a[0]),
            "sign": lambda: float(np.sign(a[0] - a[1])),
            "bcegrad": lambda: (a[0] - a[1]) / (a[0] * (1 - a[0])) if a[0] * (1 - a[0]) != 0 else math.nan,
            "cegrad": lambda: -a[0] / a[1] if a[1] != 0 else math.nan,
            "bce": lambda: -sum(y * _log(f) + (1 - y) * _log(1 - f) for y, f in pairs),
            "ce": lambda: -sum(y * _log(f) for y, f in pairs),
        }[op]()
    return _same(page_written(value, r["s"], 0, precision), r["text"], precision)


def _approx_is_true(line: dict, precision: str) -> bool:
    """A line written with ≈ gives its reason; the reason must hold."""
    values = [parse(a["text"]) for a in line["args"]] + [parse(f["text"]) for t in line["terms"] for f in t]
    reason = line["approx"]
    if reason == "overflow":
        return not all(math.isfinite(v) for v in values + [parse(line["result"]["text"])])
    if reason == "clipped":
        return line["op"] in ("bce", "ce", "bcegrad", "cegrad")
    return not adds_up(line, precision)  # "rounding", "float": written with every digit, still off by a rounding


def check(page, *, allow_approx: bool = True) -> tuple[dict, list[str]]:
    """Collect the page and compare everything; returns (what was collected, problems)."""
    seen = collect(page)
    state = seen["state"]
    engine = EngineValues(state)
    precision = state["precision"]
    problems = [f"stray digits {s!r}" for s in seen["stray"]]
    problems += [p for p in (check_number(item, engine, precision) for item in seen["numbers"]) if p]
    problems += check_state(state, engine)
    for line in seen["lines"]:
        if line["approx"]:
            if not allow_approx and line["approx"] not in ("overflow", "clipped"):
                problems.append(f"line {line['op']} written with ≈ ({line['approx']})")
            if not line["note"]:
                problems.append(f"line {line['op']} says ≈ without a note")
            if not _approx_is_true(line, precision):
                problems.append(f"line {line['op']} says ≈ ({line['approx']}) but adds up: {line}")
        elif line["op"] != "eq" and not adds_up(line, precision):
            problems.append(f"line {line['op']} does not add up as written: {line}")
    return seen, problems
