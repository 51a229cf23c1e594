"""Arithmetic as written: a displayed string → its value, read the way a student reads the screen.

    >>> evaluate("0.047·3 + 0.881·(-12) + 0.500·8 + 0.999·1 + 6")
    0.568
    >>> [(e.expression, e.literal, e.ok) for e in equations("e^2.95 = 19.14")[0]]
    [('e^2.95', '19.14', False)]

Notations: numbers (``-3.3·10⁻⁴`` too, ``½``), ``+ - · × ÷ /``, parentheses, ``|…|``, ``σ(…)``,
``max(…, …)``, ``exp(…)``, ``log(…)``, ``tanh(…)``, ``ReLU(…)``, powers ``e^…``, ``e¹⁰⁰⁰``, ``(…)²``;
LaTeX through ``plain`` (``\\frac``, ``\\cdot``, ``e^{…}``). Numbers are exact fractions until a
function needs floats. Also the sizes TeX sets scripts at (``tex_styles``), for the 480p checks.
Used by ``classroom.py``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from fractions import Fraction

SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁽⁾"
FUNCTIONS = ("σ", "exp", "max", "log", "ln", "tanh", "ReLU", "abs")

_TEX_WORDS = {r"\sigma": "σ", r"\tau": "τ", r"\Sigma": "Σ", r"\cdot": "·", r"\times": "·", r"\div": "÷",
              r"\approx": "≈", r"\max": "max", r"\exp": "exp", r"\ln": "ln", r"\left": "", r"\right": "",
              r"\,": " ", r"\;": " ", r"\!": "", r"\quad": " ", r"\qquad": " ", r"\ldots": "…",
              r"\dots": "…", r"\cdots": "…", r"\mathrm": "", r"\mathbf": "", r"\text": "", r"\operatorname": "",
              r"\displaystyle": "", r"\top": "T", r"\sum": "Σ", r"\lbrace": "(", r"\rbrace": ")"}


def _group(tex: str, i: int) -> tuple[str, int]:
    """The braced group (or single token) starting at ``tex[i]``, and the index after it."""
    while i < len(tex) and tex[i] == " ":
        i += 1
    if i < len(tex) and tex[i] == "{":
        depth = 0
        for j in range(i, len(tex)):
            depth += {"{": 1, "}": -1}.get(tex[j], 0)
            if depth == 0:
                return tex[i + 1:j], j + 1
        return tex[i + 1:], len(tex)
    if i < len(tex) and tex[i] == "\\":
        m = re.match(r"\\[A-Za-z]+|\\.", tex[i:])
        return m.group(0), i + len(m.group(0))
    return tex[i:i + 1], i + 1


def plain(tex: str) -> str:
    """A LaTeX formula as plain text the parser reads: ``\\frac{1}{1+e^{-0.57}}`` → ``(1)/(1+e^(-0.57))``."""
    out, i = [], 0
    while i < len(tex):
        if tex.startswith(r"\frac", i) or tex.startswith(r"\tfrac", i) or tex.startswith(r"\dfrac", i):
            i = tex.index("frac", i) + 4
            num, i = _group(tex, i)
            den, i = _group(tex, i)
            out.append(f"({plain(num)})/({plain(den)})")
            continue
        if tex[i] in "^_":
            mark = tex[i]
            arg, i = _group(tex, i + 1)
            out.append(f"{mark}({plain(arg)})")
            continue
        if tex[i] == "\\":
            m = re.match(r"\\[A-Za-z]+|\\.", tex[i:])
            word = m.group(0)
            out.append(_TEX_WORDS.get(word, word[1:] if word[1:].isalpha() else word[1:]))
            i += len(word)
            continue
        out.append({"{": "", "}": "", "&": " ", "−": "-"}.get(tex[i], tex[i]))
        i += 1
    return re.sub(r"\s+", " ", "".join(out)).strip()


class _Parser:
    """Recursive descent over a plain string; numbers are exact fractions until a function needs floats."""

    def __init__(self, text: str):
        text = text.replace("−", "-").replace("×", "·").replace("*", "·").replace("⋅", "·")
        text = text.replace("½", "(1/2)")
        text = re.sub(r"\|([^|]*)\|", r"abs(\1)", text)  # |…|, not nested
        text = re.sub(r"(e|10|\)|\d)([" + SUP + "]+)", lambda m: m.group(1) + "^(" + m.group(2).translate(
            str.maketrans(SUP, "0123456789+-()")) + ")", text)
        self.tokens = re.findall(r"\d+(?:\.\d+)?|\.\d+|" + "|".join(FUNCTIONS) + r"|e|[-+·÷/^(),]|\S", text)
        self.i = 0

    def parse(self):
        value = self.expr()
        if self.i != len(self.tokens):
            raise ValueError(f"unexpected {self.tokens[self.i]!r}")
        return value

    def peek(self):
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self, expected=None):
        token = self.peek()
        if token is None or (expected is not None and token != expected):
            raise ValueError(f"expected {expected!r}, found {token!r}")
        self.i += 1
        return token

    def expr(self):
        value = self.term()
        while self.peek() in ("+", "-"):
            op = self.take()
            right = self.term()
            value = _arith(value, right, op)
        return value

    def term(self):
        value = self.unary()
        while self.peek() in ("·", "÷", "/"):
            op = self.take()
            right = self.unary()
            value = _arith(value, right, op)
        return value

    def unary(self):
        if self.peek() == "-":
            self.take()
            return _arith(0, self.unary(), "-")
        if self.peek() == "+":
            self.take()
            return self.unary()
        return self.power()

    def power(self):
        token = self.peek()
        if token == "e" and self.i + 1 < len(self.tokens) and self.tokens[self.i + 1] == "^":
            self.take()
            self.take("^")
            exponent = self.unary() if self.peek() != "(" else self.atom()
            return _exp(exponent)
        value = self.atom()
        if self.peek() == "^":
            self.take()
            exponent = self.atom()
            value = value ** int(exponent) if exponent == int(exponent) else float(value) ** float(exponent)
        return value

    def atom(self):
        token = self.take()
        if re.fullmatch(r"\d+(?:\.\d+)?|\.\d+", token):
            return Fraction(token)
        if token == "(":
            value = self.expr()
            self.take(")")
            return value
        if token in FUNCTIONS:
            self.take("(")
            args = [self.expr()]
            while self.peek() == ",":
                self.take()
                args.append(self.expr())
            self.take(")")
            if token == "max":
                return max(args)
            (arg,) = args
            if token == "exp":
                return _exp(arg)
            if token in ("log", "ln"):
                return math.log(float(arg))
            if token == "tanh":
                return math.tanh(float(arg))
            if token == "ReLU":
                return max(arg, 0)
            if token == "abs":
                return abs(arg)
            x = float(arg)
            return 1 / (1 + math.exp(-x)) if x >= 0 else math.exp(x) / (1 + math.exp(x))
        raise ValueError(f"cannot read {token!r}")


def _arith(a, b, op):
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "·":
        return a * b
    return a / b


def _exp(x) -> float:
    return math.exp(float(x))


NUMERIC = re.compile(r"^[\d\s.+\-·×÷/^(),−⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻*⋅½|]*$")


def is_numeric(side: str) -> bool:
    """Only numbers, operators and the functions the scenes write (no names such as z, f, Σ, τ_k)."""
    stripped = re.sub("|".join(FUNCTIONS) + r"|e(?=\^|[" + SUP + "])", "", side)
    return bool(re.search(r"\d", side)) and bool(NUMERIC.match(stripped))


LITERAL = re.compile(r"\s*\(?\s*(-?\d+(?:\.(\d+))?)(?:·10([" + SUP + r"]+))?\s*\)?\s*")


def is_literal(side: str) -> bool:
    """A written number: ``-0.36``, ``12``, ``(-0.36)``, ``-3.3·10⁻⁴``."""
    return bool(LITERAL.fullmatch(side.replace("−", "-")))


def literal_value(side: str) -> tuple[float, int]:
    """A written number's value and its decimals (its rounding), ``-3.3·10⁻⁴`` → (-0.00033, 5)."""
    m = LITERAL.fullmatch(side.replace("−", "-"))
    power = int(m.group(3).translate(str.maketrans(SUP, "0123456789+-()"))) if m.group(3) else 0
    decimals = len(m.group(2) or "") - power
    return float(m.group(1)) * 10.0 ** power, decimals


def approximated(line: str) -> list[str]:
    """The numeric sides a line gives only approximately: ``… ≈ 0.36``."""
    sides = [s.strip() for s in re.split(r"=|≈", line)]
    separators = re.findall(r"=|≈", line)
    return [sides[k - 1] for k in range(1, len(sides))
            if separators[k - 1] == "≈" and is_literal(sides[k]) and is_arithmetic(sides[k - 1])]


def is_arithmetic(side: str) -> bool:
    """A numeric side that computes something (more than a bare number)."""
    return is_numeric(side) and not is_literal(side)


def evaluate(text: str) -> float:
    """The value of a numeric string as written.

    >>> evaluate("0.047·3 + 0.881·(-12) + 0.500·8 + 0.999·1 + 6")
    0.568
    >>> round(evaluate("1/(1+e^(-0.57))"), 4), round(evaluate("σ(0.57)"), 4), evaluate("max(0, -70)")
    (0.6388, 0.6388, 0.0)
    """
    return float(_Parser(text).parse())


def matches(value: float, literal: str) -> bool:
    """``value`` rounds to ``literal`` at the literal's digits; an integer literal must be exact.

    An integer claims exactness: ``3 - 0.05·0.00033 = 3`` does not add up as written (``3.00`` would).
    """
    target, decimals = literal_value(literal)
    if decimals == 0 and "." not in literal and "·10" not in literal:
        return abs(value - target) <= 1e-9 * max(1.0, abs(target))
    return abs(value - target) <= 0.5 * 10.0 ** -decimals * (1 + 1e-9) + 1e-12 * max(1.0, abs(target))


@dataclass
class Equation:
    """One ``expression = literal`` read off the screen."""

    expression: str
    literal: str
    value: float | None
    ok: bool


def equations(line: str) -> tuple[list[Equation], list[str]]:
    """The checkable equations of a line of text, and the numeric sides that could not be read.

    >>> [(e.expression, e.literal, e.ok) for e in equations("Σ = 1.77 + 19.14 + 0.42 = 21.33")[0]]
    [('1.77 + 19.14 + 0.42', '21.33', True)]
    """
    sides = [s.strip() for s in re.split(r"=|≈", line)]
    separators = re.findall(r"=|≈", line)
    found, unreadable = [], []
    for k in range(1, len(sides)):
        if not is_literal(sides[k]) or separators[k - 1] != "=":
            continue
        j = k - 1  # every numeric side chained to the literal by "=" must give it
        while j >= 0 and separators[j] == "=" and is_arithmetic(sides[j]):
            try:
                value = evaluate(sides[j])
            except (ValueError, ZeroDivisionError, OverflowError, TypeError) as e:
                unreadable.append(f"{sides[j]!r} ({e})")
            else:
                found.append(Equation(sides[j], sides[k], value, matches(value, sides[k])))
            j -= 1
    return found, unreadable


# ==== (b) sizes of MathTex from their script nesting ================================================
_STYLE_SCRIPT = {"D": "S", "T": "S", "S": "SS", "SS": "SS"}
_STYLE_FRAC = {"D": "T", "T": "S", "S": "SS", "SS": "SS"}
STYLE_FACTOR = {"D": 1.0, "T": 1.0, "S": 0.7, "SS": 0.5}
_GREEK_GLYPHS = {"alpha", "beta", "gamma", "delta", "epsilon", "eta", "theta", "lambda", "mu", "pi", "rho",
                 "sigma", "tau", "phi", "omega", "Sigma", "Delta", "nabla", "partial"}


def tex_styles(tex: str, style: str = "D") -> set[str]:
    """The TeX styles (D, T, S, SS) at which letters or digits of ``tex`` are set (display math).

    >>> sorted(tex_styles(r"z_{in}^{(2)} = 3"))
    ['D', 'S']
    >>> sorted(tex_styles(r"e^{f_{in,k}}"))
    ['D', 'S', 'SS']
    """
    found: set[str] = set()
    i = 0
    while i < len(tex):
        c = tex[i]
        if c in "^_":
            arg, i = _group(tex, i + 1)
            found |= tex_styles(arg, _STYLE_SCRIPT[style])
            continue
        if c == "\\":
            m = re.match(r"\\[A-Za-z]+|\\.", tex[i:])
            word = m.group(0)[1:]
            i += len(m.group(0))
            if word in ("frac", "tfrac", "dfrac"):
                inner = {"frac": _STYLE_FRAC[style], "tfrac": _STYLE_FRAC["T"] if style in "DT" else
                         _STYLE_FRAC[style], "dfrac": "T"}[word]
                for _ in range(2):
                    arg, i = _group(tex, i)
                    found |= tex_styles(arg, inner)
            elif word in _GREEK_GLYPHS or word in ("max", "exp", "log", "tanh", "diag"):
                found.add(style)
            continue
        if c.isalnum():
            found.add(style)
        i += 1
    return found


