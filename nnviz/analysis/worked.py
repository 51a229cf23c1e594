"""The numbers a worked example writes, with just enough digits that what is written adds up.

A diagram, a Beamer frame and the trace's LaTeX write the same numbers: the input, every layer's
``z_in`` and ``z``, the weights, the softmax's exponentials and their sum, the loss. The engine's
values are exact; their roundings need not agree with each other (``3·0.05 + (-12)·0.88 + 8·0.50 +
1·0.99 + 6`` is 0.58, not the 0.57 that ``f_in`` rounds to). ``worked(trace)`` writes every number
in the house format (``format_number``: integers as integers, two decimals, probabilities three)
and gives a quantity more digits only where an equation, evaluated from its operands *as written*,
would not give its result *as written* (CLASSROOM.md, "Arithmetic, as written")::

    >>> from nnviz.engine import load_network
    >>> w = worked(load_network("single-hidden").forward([-3, 1, 5]))
    >>> w.z_out[0], w.z_in[1]
    (['0.047', '0.881', '0.50', '0.999'], ['0.57'])
    >>> w.sum_text(1, 0)
    '0.047·3 + 0.881·(-12) + 0.50·8 + 0.999·1 + 6'

An equation that cannot be made to add up within ``MAX_EXTRA`` more digits is listed in
``unresolved`` and written with ``≈``. Pure NumPy: tests read the strings.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import overload

import numpy as np

from nnviz.engine.activations import softmax_terms
from nnviz.engine.notation import format_number
from nnviz.engine.trace import Trace

MAX_EXTRA = 2
STYLES = ("number", "probability", "small")


# ---- one number --------------------------------------------------------------------------------
def written(value: float, style: str = "number", extra: int = 0) -> str:
    """``value`` in the house ``style`` with ``extra`` more decimals; exact shorter forms stay short.

    ``number``: integers as integers, else two decimals; ``probability``: three decimals;
    ``small`` (gradients, losses): two decimals, or two significant digits below 0.095.

    >>> written(0.0474), written(0.0474, extra=1), written(0.5, extra=2), written(0.01587, "probability")
    ('0.05', '0.047', '0.50', '0.016')
    >>> written(-0.000327, "small"), written(79.0, extra=2), written(-1e-12)
    ('-0.00033', '79', '0')
    """
    value = float(value)
    if not np.isfinite(value):
        return str(value)
    if style != "probability" and abs(value - round(value)) < 1e-9:
        return str(int(round(value)))
    decimals = (3 if style == "probability" else 2) + extra
    if style == "small" and abs(value) < 0.095:
        decimals = max(decimals, 1 + extra - int(np.floor(np.log10(abs(value)))))
        if decimals > 8:
            return f"{value:.{1 + extra}e}".replace("e-0", "e-")
    text = f"{value:.{decimals}f}"
    if extra:  # 0.500 says no more than 0.5: extra digits only where they tell something
        base = format_number(value, probability=style == "probability")
        while text.endswith("0") and len(text) > len(base) and float(text[:-1]) == float(text):
            text = text[:-1]
    return text[1:] if text.startswith("-") and float(text) == 0 else text


_FROM_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")


def _e_notation(text: str) -> str:
    """A written number as Python reads it: ``(−3.3·10⁻⁴)`` (the scenes' notation) → ``-3.3e-4``."""
    text = text.strip().strip("()").replace("−", "-")
    if "·10" in text:
        mantissa, power = text.split("·10")
        return f"{mantissa}e{power.translate(_FROM_SUPERSCRIPTS)}"
    return text


def shown(text: str) -> float:
    """The number a written text stands for (``'(-0.36)'`` → -0.36, ``'-3.3·10⁻⁴'`` → -0.00033)."""
    return float(_e_notation(text))


def decimals_of(text: str) -> int:
    """How many decimals a written number has (its rounding); ``1.2e-9`` and ``1.2·10⁻⁹`` count their exponent."""
    text = _e_notation(text)
    if "e" in text:
        mantissa, exponent = text.split("e")
        return max(len(mantissa.split(".")[1]) if "." in mantissa else 0, 0) - int(exponent)
    return len(text.split(".")[1]) if "." in text else 0


def agrees(value: float, text: str) -> bool:
    """Whether ``value``, rounded as ``text`` is rounded, is ``text``'s number.

    >>> agrees(0.5796, "0.57"), agrees(0.5744, "0.57")
    (False, True)
    """
    step = 10.0 ** -decimals_of(text)
    return abs(float(value) - shown(text)) <= step / 2 * (1 + 1e-9) + 1e-12


def factor(text: str) -> str:
    """A written number as a factor of a product: negatives in parentheses, ``(-3)``."""
    return f"({text})" if text.startswith("-") else text


# ---- many numbers and the equations between them -----------------------------------------------
@dataclass
class Quantity:
    """A vector or matrix written in one style; ``extra`` decimals are added where an equation needs
    (unless ``fixed``: parameters are written as the network has them, not stretched to fit a sum)."""

    values: np.ndarray
    style: str = "number"
    extra: int = 0
    fixed: bool = False
    _written: dict = field(default_factory=dict, repr=False)  # extra → (texts, shown): solving asks often

    def _at(self, extra: int) -> tuple[np.ndarray, np.ndarray]:
        if extra not in self._written:
            texts = np.vectorize(lambda v: written(v, self.style, extra), otypes=[object])(self.values)
            self._written[extra] = (texts, np.vectorize(shown, otypes=[float])(texts))
        return self._written[extra]

    def texts(self) -> np.ndarray:
        return self._at(self.extra)[0]

    def shown(self) -> np.ndarray:
        return self._at(self.extra)[1]


@dataclass
class Equation:
    """``result[index] = compute(*operands as written)``, entry by entry (``index``: all entries if None)."""

    result: str
    operands: tuple[str, ...]
    compute: Callable[..., np.ndarray]
    index: list[int] | None = None


@dataclass
class Sheet:
    """Named quantities and equations between them; ``solve`` picks digits so that every equation holds."""

    quantities: dict[str, Quantity] = field(default_factory=dict)
    equations: list[Equation] = field(default_factory=list)
    unresolved: set[str] = field(default_factory=set)

    def add(self, name: str, values, style: str = "number", fixed: bool = False) -> None:
        self.quantities[name] = Quantity(np.asarray(values, dtype=float), style, fixed=fixed)

    def relate(self, result: str, compute: Callable[..., np.ndarray], *operands: str,
               index: list[int] | None = None) -> None:
        self.equations.append(Equation(result, operands, compute, index))

    def texts(self, name: str) -> np.ndarray:
        return self.quantities[name].texts()

    def holds(self, equation: Equation) -> bool:
        with np.errstate(all="ignore"):
            value = np.asarray(equation.compute(*[self.quantities[n].shown() for n in equation.operands]), float)
        texts = self.texts(equation.result)
        if equation.index is not None:
            texts = texts[equation.index]
        value = np.broadcast_to(value, texts.shape)
        return all(np.isfinite(v) and agrees(v, t) for v, t in zip(value.ravel(), texts.ravel()))

    def solve(self) -> Sheet:
        """Give operands of failing equations one more decimal at a time, until all hold or none can grow.

        An equation that would not hold even with every operand at its most digits is left alone
        (written with ≈): digits that cannot make it add up would only clutter the picture.
        """
        hopeless: set[int] = set()
        while True:
            failing = [e for e in self.equations if not self.holds(e)]
            hopeless |= {id(e) for e in failing if id(e) not in hopeless and not self._could_hold(e)}
            if not failing or not any([self._grow(e) for e in failing if id(e) not in hopeless]):
                self.unresolved = {e.result for e in failing}
                return self

    def _could_hold(self, equation: Equation) -> bool:
        """Whether some number of added decimals (the same for every operand that may grow) makes it hold;
        more digits do not always help (e^2.9515 rounds away from e^2.95155, e^2.952 does not)."""
        growable = [self.quantities[n] for n in dict.fromkeys(equation.operands) if not self.quantities[n].fixed]
        saved = [q.extra for q in growable]
        result = False
        for extra in range(min(saved, default=MAX_EXTRA), MAX_EXTRA + 1):
            for q, least in zip(growable, saved):
                q.extra = max(least, extra)
            if self.holds(equation):
                result = True
                break
        for q, extra in zip(growable, saved):
            q.extra = extra
        return result

    def _grow(self, equation: Equation) -> bool:
        """One operand a decimal more: one that alone makes the equation hold if there is one, else the
        one with the fewest added decimals (digits a result gains must be earned by its own equation)."""
        candidates = []
        for name in dict.fromkeys(equation.operands):
            quantity = self.quantities[name]
            if quantity.extra >= MAX_EXTRA or quantity.fixed:
                continue
            before = quantity.texts()
            quantity.extra += 1
            if not np.array_equal(before, quantity.texts()):
                candidates.append((not self.holds(equation), quantity.extra, name))
            quantity.extra -= 1
        if not candidates:
            return False
        self.quantities[min(candidates)[-1]].extra += 1
        return True


# ---- a trace, written ----------------------------------------------------------------------------
_ACTIVATIONS: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "identity": lambda z: z, "relu": lambda z: np.maximum(z, 0.0), "step": lambda z: (z >= 0) * 1.0,
    "sigmoid": lambda z: 1.0 / (1.0 + np.exp(-z)), "tanh": np.tanh}


def _loss_of(name: str, y: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
    """The per-example loss as a function of the written output ``f`` (the slides' formulas)."""
    if name == "cross-entropy":
        return lambda f: -np.sum(y * np.log(f))
    if name == "binary-cross-entropy":
        return lambda f: -np.sum(y * np.log(f) + (1 - y) * np.log(1 - f))
    if name == "l1":
        return lambda f: np.sum(np.abs(y - f))
    return lambda f: 0.5 * np.sum((y - f) ** 2)


@dataclass
class Worked:
    """Every number of one example of a trace as written: ``x``, per layer ``z_in`` and ``z_out``; the
    softmax's ``exps`` and ``exp_sum``; the ``loss``. Parameters and gradients are written on demand
    (``weight``, ``bias``, ``gradient``): a layer of a million weights writes only those it shows."""

    trace: Trace
    example: int
    x: list[str]
    z_in: list[list[str]]
    z_out: list[list[str]]
    exps: list[str] | None
    exp_sum: str | None
    loss: str | None
    unresolved: set[str]

    def inputs(self, layer: int) -> list[str]:
        """What layer ``layer`` reads, as written: ``x`` or the previous layer's ``z``."""
        return self.x if layer == 0 else self.z_out[layer - 1]

    def column(self, column: int) -> list[str]:
        """Column 0 is ``x``; column ``k`` is layer ``k - 1``'s output ``z`` (the diagram's columns)."""
        return self.x if column == 0 else self.z_out[column - 1]

    def weight(self, layer: int, i: int, j: int) -> str:
        """``W[i, j]`` of ``layer`` (input i to neuron j), as the network has it in the house format."""
        return written(self.trace.layers[layer].W[i, j])

    def bias(self, layer: int, j: int) -> str:
        return written(self.trace.layers[layer].b[j])

    def sum_terms(self, layer: int, neuron: int, max_terms: int | None = None) -> list[str]:
        """``['(-3)·3', '1·(-9)', '5·2', '5']``: input·weight for every input, then the bias; past
        ``max_terms`` products, the first ones, ``…`` and the last."""
        inputs = self.inputs(layer)
        keep = elided(len(inputs), max_terms) if max_terms else range(len(inputs))
        products = ["…" if i is None else f"{factor(inputs[i])}·{factor(self.weight(layer, i, neuron))}"
                    for i in keep]
        return [*products, factor(self.bias(layer, neuron))]

    def sum_text(self, layer: int, neuron: int, max_terms: int | None = None) -> str:
        return " + ".join(self.sum_terms(layer, neuron, max_terms))

    def sign(self, name: str) -> str:
        """``=`` before a result that adds up as written, ``≈`` before one that cannot."""
        return "≈" if name in self.unresolved else "="

    @overload
    def gradient(self, layer: int, key: str) -> list[str] | None: ...

    @overload
    def gradient(self, layer: int, key: str, first: int, /, *index: int) -> str | None: ...

    def gradient(self, layer: int, key: str, *index: int) -> str | list[str] | None:
        """A gradient as written (two significant digits when small): ``grad_W`` at ``(i, j)``, or the
        whole vector ``grad_z_in``, ``grad_z_out`` or ``grad_b``; None before a backward pass."""
        lt = self.trace.layers[layer]
        values = getattr(lt, key)
        if values is None:
            return None
        if key in ("grad_z_in", "grad_z_out"):
            values = values[self.example]
        if index:
            return written(values[index], "small")
        return [written(v, "small") for v in np.ravel(values)]


def worked(trace: Trace, example: int = 0, max_neurons: int = 64) -> Worked:
    """Write one example of ``trace``: house format, more digits only where a sum would not add up.

    The sums that must add up are those of the neurons a picture shows: all of them up to
    ``max_neurons`` per layer, else the first ones and the last (as ``elided`` keeps them).
    """
    sheet = Sheet()
    sheet.add("x", trace.x[example])
    n = len(trace.layers)
    for k, lt in enumerate(trace.layers):
        source = "x" if k == 0 else f"z{k - 1}"
        keep = [j for j in elided(lt.W.shape[1], max_neurons) if j is not None]
        sheet.add(f"W{k}", lt.W[:, keep], fixed=True)
        sheet.add(f"b{k}", lt.b[keep], fixed=True)
        sheet.add(f"zin{k}", lt.z_in[example])
        name = lt.activation.name
        sheet.add(f"z{k}", lt.z_out[example], "probability" if name == "softmax" else "number")
        sheet.relate(f"zin{k}", lambda a, W, b: a @ W + b, source, f"W{k}", f"b{k}", index=keep)
        if name in _ACTIVATIONS:
            sheet.relate(f"z{k}", _ACTIVATIONS[name], f"zin{k}")
    last = trace.layers[-1]
    has_exps = last.activation.name == "softmax"
    if has_exps:
        exps, total = softmax_terms(last.z_in[example])
        has_exps = bool(np.all(np.isfinite(exps)) and np.isfinite(total))
    if has_exps:
        sheet.add("exps", exps)
        sheet.add("exp_sum", [total])
        sheet.relate("exps", np.exp, f"zin{n - 1}")
        sheet.relate("exp_sum", lambda e: np.sum(e, keepdims=True), "exps")
        sheet.relate(f"z{n - 1}", lambda e, s: e / s[0], "exps", "exp_sum")
    if trace.loss is not None and trace.loss_name is not None and trace.target is not None and len(trace.x) == 1:
        sheet.add("loss", [trace.loss], "small")
        risk = _loss_of(trace.loss_name, trace.target[example])
        sheet.relate("loss", lambda f: np.atleast_1d(risk(f)), f"z{n - 1}")
    sheet.solve()

    def texts(name: str) -> list:
        return sheet.texts(name).tolist()

    return Worked(trace, example, texts("x"), [texts(f"zin{k}") for k in range(n)], [texts(f"z{k}") for k in range(n)],
                  texts("exps") if has_exps else None, texts("exp_sum")[0] if has_exps else None,
                  texts("loss")[0] if "loss" in sheet.quantities else None, sheet.unresolved)


def activation_call(name: str, argument: str) -> str:
    """The activation applied to one written value, as the slides write it: ``max(0, 79)``, ``σ(-3)``."""
    if name == "relu":
        return f"max(0, {argument})"
    symbol = {"sigmoid": "σ", "tanh": "tanh", "identity": "id", "step": "step", "softmax": "τ"}.get(name, name)
    return f"{symbol}({argument})"


def elided(n: int, max_shown: int) -> list[int | None]:
    """Indices to draw for ``n`` items when at most ``max_shown`` fit; ``None`` marks the ⋮.

    >>> elided(16, 8)
    [0, 1, 2, 3, 4, 5, None, 15]
    """
    if n <= max_shown:
        return list(range(n))
    return [*range(max_shown - 2), None, n - 1]


def join_vector(texts: Sequence[str]) -> str:
    """``(7, 1, -4)``: a vector written inline."""
    return "(" + ", ".join(texts) + ")"


__all__ = ["MAX_EXTRA", "Sheet", "Worked", "activation_call", "agrees", "elided", "factor", "join_vector",
           "shown", "worked", "written"]
