"""Digits that add up as written: a student who recomputes what the screen says gets the screen's result.

The engine's numbers are exact; their roundings need not agree with each other. ``u·∂L/∂f_in``
with ∂L/∂f_in = −0.3611 is 4.33 for u = −12, but ``12·0.36`` written with two decimals is 4.32. A
``Written`` holds the quantities a scene shows and the equations between them, and gives each
quantity just enough digits that every equation, evaluated from its operands *as written*, gives
its result *as written* (``CLASSROOM.md``, "Arithmetic, as written")::

    >>> w = Written()
    >>> w.add("g", [-0.36111]).add("u", [3, -12, 8, 1]).add("gz", [-1.08333, 4.33333, -2.88889, -0.36111])
    Written(g, u, gz)
    >>> _ = w.scaled("gz", "u", "g").solve()
    >>> w.texts("g").tolist(), w.texts("gz").tolist()
    (['-0.361'], ['-1.08', '4.33', '-2.89', '-0.36'])
    >>> w.equations("gz")[1]
    '(-12)·(-0.361) = 4.33'

Every quantity is written with the house format first (``format_number``: two decimals, integers
as integers; ``format_small``: two significant digits for small gradients and losses; three
decimals for probabilities) and gains a digit only where an equation needs it. Pure NumPy: tests
read the strings without rendering.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from nnviz.analysis import worked

STYLES = ("number", "small", "probability", "significant")
_SUPERSCRIPTS = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


# ---- one number ------------------------------------------------------------------------------------
def format_digits(value: float, style: str = "small", extra: int = 0) -> str:
    """A number in the house format (``style``), with ``extra`` more digits than the house writes.

    ``number``: integers as integers, else two decimals (the slides' format). ``small``: the same,
    but values below 0.095 keep two significant digits (gradients, losses, rates): ``0.00033``, and
    below 10⁻⁴ ``5.4·10⁻⁵``. ``probability``: three decimals. Trailing zeros are dropped only where the shorter
    text is the exact value (``0.25``, ``0.05``).

    >>> format_digits(-0.36111), format_digits(-0.36111, extra=1), format_digits(0.25, extra=2)
    ('-0.36', '-0.361', '0.25')
    >>> format_digits(0.0451767), format_digits(0.0451767, extra=1), format_digits(-0.000328)
    ('0.045', '0.0452', '-0.00033')
    >>> format_digits(5.4e-5), format_digits(-5.4e-5, extra=1)
    ('5.4·10⁻⁵', '-5.40·10⁻⁵')
    >>> format_digits(0.0159, "probability"), format_digits(7.0, "number", 3)
    ('0.016', '7')
    """
    value = float(value)
    if not np.isfinite(value):
        return str(value)
    if style != "probability" and abs(value - round(value)) < 1e-9:
        return str(int(round(value)))
    if style == "significant" and abs(value) >= 0.095:  # two significant digits, at least one decimal
        return _shortest(value, max(1, 1 - int(np.floor(np.log10(abs(value))))) + extra, keep=1)
    if style in ("small", "significant") and abs(value) < 0.095:
        digits = 2 + extra
        exponent = int(np.floor(np.log10(abs(value))))
        if exponent < -4:  # 0.00033 reads better than 3.3·10⁻⁴ (no superscript to squint at)
            mantissa = _shortest(value / 10**exponent, digits - 1)
            return f"{mantissa}·10{str(exponent).translate(_SUPERSCRIPTS)}"
        return _shortest(value, digits - 1 - exponent)
    return _shortest(value, (3 if style == "probability" else 2) + extra, keep=2 + (style == "probability"))


def _shortest(value: float, decimals: int, keep: int = 0) -> str:
    """``value`` with ``decimals`` decimals, trailing zeros dropped (down to ``keep``) where that is exact."""
    text = f"{value:.{decimals}f}"
    while decimals > keep and text.endswith("0") and float(text[:-1].rstrip(".") or 0) == value:
        text, decimals = text[:-1], decimals - 1
    text = text.rstrip(".")
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def format_small(value: float, digits: int = 2) -> str:
    """The slides' format, but small numbers (gradients, losses, rates) keep ``digits`` significant digits.

    >>> format_small(-0.36), format_small(0.0648), format_small(-0.000327), format_small(12)
    ('-0.36', '0.065', '-0.00033', '12')
    """
    return format_digits(value, "small", digits - 2)


def parse_small(text: str) -> float:
    """The number a written string stands for (``'-3.3·10⁻⁴'``, ``'(-0.36)'``, ``'4.33'``).

    >>> parse_small("-3.3·10⁻⁴"), parse_small("(-0.36)")
    (-0.00033, -0.36)
    """
    return worked.shown(text)


def decimals_of(text: str) -> int:
    """How many decimals a written number has (its rounding), counting a ``·10ⁿ`` exponent.

    >>> decimals_of("4.33"), decimals_of("-3.3·10⁻⁴"), decimals_of("12")
    (2, 5, 0)
    """
    return max(worked.decimals_of(text), 0)


def agrees(value: float, text: str) -> bool:
    """Whether ``value`` rounded the way ``text`` is rounded is ``text``'s number (within a rounding tie):
    the house rule of ``nnviz.analysis.worked.agrees`` (the diagram's, the LaTeX's), which also reads
    the scenes' ``·10ⁿ``.

    >>> agrees(0.4547, "0.45"), agrees(0.4331, "0.45"), agrees(-0.000331, "-3.3·10⁻⁴")
    (True, False, True)
    """
    return worked.agrees(value, text)


bracketed = worked.factor  # a written number as a factor: negatives in parentheses, ``(-0.36)``


# ---- many numbers and the equations between them ---------------------------------------------------
@dataclass
class Quantity:
    """One array a scene writes, in a house ``style``, with ``extra`` digits added where needed."""

    values: np.ndarray
    style: str = "small"
    extra: int = 0

    def texts(self) -> np.ndarray:
        return np.vectorize(lambda v: format_digits(v, self.style, self.extra), otypes=[object])(self.values)

    def shown(self) -> np.ndarray:
        """The numbers the texts stand for: what a student recomputes with."""
        return np.vectorize(parse_small, otypes=[float])(self.texts())


@dataclass
class Relation:
    """``result = compute(*operands)``, entry by entry, written as ``write(operand texts, result texts)``."""

    result: str
    operands: tuple[str, ...]
    compute: Callable[..., np.ndarray]
    write: Callable[..., list[str]]


@dataclass
class Written:
    """The quantities a scene shows and the equations between them; ``solve`` picks their digits."""

    quantities: dict[str, Quantity] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    unresolved: set[str] = field(default_factory=set)  # results written with ≈: no digits made them add up

    def __repr__(self) -> str:
        return f"Written({', '.join(self.quantities)})"

    def add(self, name: str, values, style: str = "small") -> Written:
        if style not in STYLES:
            raise ValueError(f"style {style!r}: one of {', '.join(STYLES)}")
        self.quantities[name] = Quantity(np.asarray(values, float), style)
        return self

    def texts(self, name: str) -> np.ndarray:
        return self.quantities[name].texts()

    def text(self, name: str, index=()) -> str:
        return str(self.texts(name)[index])

    def shown(self, name: str) -> np.ndarray:
        return self.quantities[name].shown()

    def sign(self, name: str) -> str:
        """``=`` before a result that adds up as written, ``≈`` before one that cannot."""
        return "≈" if name in self.unresolved else "="

    # ---- equations ----------------------------------------------------------------------------
    def relate(self, result: str, compute: Callable[..., np.ndarray], *operands: str,
               write: Callable[..., list[str]] | None = None) -> Written:
        """Any equation: ``compute`` takes the operands as written and returns the result's values."""
        self.relations.append(Relation(result, operands, compute, write or (lambda *texts: [])))
        return self

    def scaled(self, result: str, vector: str, factor: str) -> Written:
        """``result_i = vector_i · factor`` (a scalar factor)."""
        return self.relate(result, lambda v, s: v * s, vector, factor,
                           write=lambda v, s, r: [f"{bracketed(a)}·{bracketed(str(np.ravel(s)[0]))} = {c}"
                                                  for a, c in zip(v.ravel(), r.ravel())])

    def product(self, result: str, a: str, b: str) -> Written:
        """``result_i = a_i · b_i`` (elementwise, ⊙)."""
        return self.relate(result, lambda x, y: x * y, a, b,
                           write=lambda x, y, r: [f"{bracketed(p)}·{bracketed(q)} = {c}"
                                                  for p, q, c in zip(x.ravel(), y.ravel(), r.ravel())])

    def difference(self, result: str, a: str, b: str) -> Written:
        """``result_i = a_i − b_i``."""
        return self.relate(result, lambda x, y: x - y, a, b,
                           write=lambda x, y, r: [f"{p} - {bracketed(q)} = {c}"
                                                  for p, q, c in zip(x.ravel(), y.ravel(), r.ravel())])

    def outer(self, result: str, column: str, row: str) -> Written:
        """``result_ij = column_i · row_j`` (∂L/∂Wᵀ = ∂L/∂z_in xᵀ)."""
        return self.relate(result, lambda c, r: np.outer(c, r), column, row,
                           write=lambda c, r, m: [f"{bracketed(c[i])}·{bracketed(r[j])} = {m[i, j]}"
                                                  for i in range(len(c)) for j in range(len(r))])

    def matvec(self, result: str, matrix: str, vector: str) -> Written:
        """``result_i = Σ_j matrix_ij · vector_j``."""
        def write(M, v, r):
            return [" + ".join(f"{bracketed(M[i, j])}·{bracketed(v[j])}" for j in range(len(v))) + f" = {r[i]}"
                    for i in range(len(r))]
        return self.relate(result, lambda M, v: M @ v, matrix, vector, write=write)

    def update(self, result: str, old: str, rate: str, gradient: str) -> Written:
        """``result = old − rate · gradient``, entry by entry (a gradient-descent step)."""
        return self.relate(result, lambda o, r, g: o - r * g, old, rate, gradient,
                           write=lambda o, r, g, n: [f"{a} - {r}·{bracketed(b)} = {c}" for a, b, c in
                                                     zip(o.ravel(), g.ravel(), n.ravel())])

    def equations(self, result: str | None = None) -> list[str]:
        """Every equation (or those giving ``result``), written with the texts on screen."""
        lines = []
        for relation in self.relations:
            if result is None or relation.result == result:
                texts = [self.texts(name) for name in (*relation.operands, relation.result)]
                lines += [line.replace(" = ", f" {self.sign(relation.result)} ") for line in relation.write(*texts)]
        return lines

    def holds(self, relation: Relation) -> bool:
        """Whether the equation, evaluated from its operands as written, gives its result as written."""
        value = np.asarray(relation.compute(*[self.shown(name) for name in relation.operands]), float)
        texts = self.texts(relation.result)
        value = np.broadcast_to(value, texts.shape)
        return all(agrees(v, t) for v, t in zip(value.ravel(), texts.ravel()))

    def solve(self, max_extra: int = 2) -> Written:
        """Add digits to the operands of every equation that does not add up, until all do.

        A result whose equation still does not add up with ``max_extra`` more digits everywhere is
        listed in ``unresolved`` (a scene writes it with ≈).
        """
        self.unresolved = set()
        results = {r.result for r in self.relations}
        while True:
            failing = [r for r in self.relations if not self.holds(r)]
            grown = [self._grow(relation, results, max_extra) for relation in failing]
            if not failing or not any(grown):
                self.unresolved = {r.result for r in failing}
                return self

    def _grow(self, relation: Relation, results: set[str], max_extra: int) -> bool:
        """Give one operand of a failing equation a digit more: one that alone makes it add up if
        there is one (preferring numbers no other equation gives, then the shortest), else the shortest.

        Growing one operand at a time keeps digits off numbers that do not need them: every digit a
        result gains must be earned again by the equation that gives it.
        """
        candidates = []
        for name in dict.fromkeys(relation.operands):
            quantity = self.quantities[name]
            if quantity.extra >= max_extra:
                continue
            before = quantity.texts()
            quantity.extra += 1
            if not np.array_equal(before, quantity.texts()):
                candidates.append((not self.holds(relation), name in results, quantity.extra, name))
            quantity.extra -= 1
        if not candidates:
            return False
        self.quantities[min(candidates)[-1]].extra += 1
        return True


def column_texts(written: Written, name: str) -> list[str]:
    """A vector quantity's texts as a flat list (for a ``VectorColumn``)."""
    return [str(t) for t in np.ravel(written.texts(name))]


def matrix_texts(written: Written, name: str) -> list[list[str]]:
    """A matrix quantity's texts as rows (for a matrix on screen)."""
    return [[str(t) for t in row] for row in np.atleast_2d(written.texts(name))]


__all__ = ["Quantity", "Relation", "Written", "agrees", "bracketed", "column_texts", "decimals_of",
           "format_digits", "format_small", "matrix_texts", "parse_small"]
