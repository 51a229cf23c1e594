"""Symbolic above numeric, then the value: the slides' order for one computation.

    z_in^(1) = x₁w₁₁ + x₂w₂₁ + x₃w₃₁ + b₁            the formula (LaTeX)
             = (-3)·3 + 1·(-9) + 5·2 + 5  = -3     the numbers as written, then the value

A ``WorkedLine`` is the three parts as mobjects, each with its animation, so a scene gives each its
own step (``reads`` counts what it shows). Place the whole line first; a part reaches the screen
only when its animation plays (never ``self.add`` the whole line)::

    line = WorkedLine((r"z_{in}", r"\\mathbf{w}^T\\mathbf{x} + b"), "(-3)·3 + 1·(-9) + 5·2 + 5", "-3", theme)
    self.step(line.write_formula(), say="…")
    self.step(line.write_numbers(), say="…", reads=line.numbers)
    self.step(line.show_value(), say="…", reads=line.value)

The ``=`` of the numbers sits under the formula's ``=``; texts on one line are read together by the
classroom checks (``tests/classroom.py``), so ``… = -3`` is checked as written.
"""

from __future__ import annotations

from manim import DOWN, LEFT, RIGHT, AnimationGroup, FadeIn, MathTex, Mobject, VGroup, Write

from nnviz.animate.base import Theme
from nnviz.animate.text import BODY, FORMULA, math, words

SAFE_WIDTH = 13.4  # of the 14.2-wide frame: what content may use


def fit_width(mobject: Mobject, width: float = SAFE_WIDTH) -> Mobject:
    """Scale down (never up) so that ``mobject`` is at most ``width`` wide."""
    if mobject.width > width:
        mobject.scale_to_fit_width(width)
    return mobject


def reading_count(text: str) -> int:
    """What a viewer reads in a written line: each product, or one number."""
    return max(1, text.count("·"))


class WorkedLine(VGroup):
    """``lhs = rhs`` (formula), then ``= numbers`` under it, then ``= value`` after the numbers.

    ``formula``: (lhs, rhs) in LaTeX. ``numbers``: plain text (a worked sum) or, with ``tex=True``,
    LaTeX (a fraction). ``sign``: ``≈`` where the numbers cannot give the value as written (the scene
    then says why).
    """

    def __init__(self, formula: tuple[str, str], numbers: str, value: str, theme: Theme, *, tex: bool = False,
                 sign: str = "=", font_size: float = BODY, max_width: float = SAFE_WIDTH):
        super().__init__()
        lhs, rhs = formula
        self.formula = MathTex(lhs, "=", rhs, font_size=FORMULA, color=theme.text)
        if tex:
            self.numbers = MathTex("=", numbers, font_size=FORMULA, color=theme.text)
            equals = self.numbers[0]
        else:
            self.numbers = words(f"= {numbers}", theme, font_size)
            equals = self.numbers[0]
        self.numbers.reading_items = reading_count(numbers)
        self.numbers.next_to(self.formula, DOWN, buff=0.35, aligned_edge=LEFT)
        self.numbers.shift((self.formula[1].get_center()[0] - equals.get_center()[0]) * RIGHT)
        self.value = words(f"{sign} {value}", theme, font_size, color=theme.highlight)
        self.value.reading_items = 1
        self.value.next_to(self.numbers, RIGHT, buff=0.2)
        self.value_text = value
        # the value comes with the reason it is not "=", when it is not
        self.reason = approximation_note(theme).next_to(self.numbers, DOWN, buff=0.2, aligned_edge=LEFT) \
            if sign == "≈" else VGroup()
        self.add(self.formula, self.numbers, self.value, self.reason)  # on screen once their animation plays
        fit_width(self, max_width)

    def write_formula(self) -> Write:
        return Write(self.formula)

    def write_numbers(self) -> FadeIn:
        return FadeIn(self.numbers, shift=0.15 * RIGHT)

    def show_value(self) -> AnimationGroup:
        reason = [FadeIn(self.reason)] if len(self.reason) else []
        return AnimationGroup(FadeIn(self.value, shift=0.2 * LEFT), *reason)

    @property
    def parts(self) -> list[Mobject]:
        """What the line puts on screen (to fade it out)."""
        return [self.formula, self.numbers, self.value, *([self.reason] if len(self.reason) else [])]


def _terms(inputs: list[str], weights: list[str], bias: str, limit: int = 4) -> str:
    products = [f"{a}\\,{w}" for a, w in zip(inputs, weights)]
    if len(products) > limit:
        products = [products[0], r"\dots", products[-1]]
    return " + ".join([*products, bias])


def _vector_formula(n_layers: int, layer: int, j: str, n_neurons: int) -> tuple[str, str]:
    """``z_in,j^(l) = w_j^(l)T z^(l-1) + b_j^(l)`` (``f_in = uᵀz + c`` for the output)."""
    below = r"\mathbf{x}" if layer == 0 else (r"\mathbf{z}" if n_layers == 2 else rf"\mathbf{{z}}^{{({layer})}}")
    if layer == n_layers - 1:
        return ((r"f_{in}", rf"\mathbf{{u}}^T {below} + c") if n_neurons == 1 else
                (rf"f_{{in,{j}}}", rf"\mathbf{{u}}_{j}^T {below} + c_{j}"))
    sup = "" if n_layers == 2 else f"^{{({layer + 1})}}"
    lhs = rf"z_{{in}}^{{({j})}}" if n_layers == 2 else rf"z_{{in,{j}}}{sup}"
    inner = sup[2:-1]  # "(2)" of "^{(2)}"
    return lhs, rf"\mathbf{{w}}_{j}^{{{inner}T}} {below} + b_{j}{sup}"


def neuron_formula(n_layers: int, layer: int, neuron: int, n_inputs: int, n_neurons: int) -> tuple[str, str]:
    """The slides' affine step of one neuron, as (lhs, rhs) LaTeX.

    A single hidden layer is written as on its slides: ``z_in^(2) = x_1 w_12 + x_2 w_22 + x_3 w_32 + b_2``
    (the superscript numbers the neuron) and ``f_in = u_1 z_out^(1) + … + c``; deeper layers number
    the layer: ``z_in,j^(l) = z_1^(l-1) w_1j^(l) + … + b_j^(l)``.
    """
    i = [str(k + 1) for k in range(n_inputs)]
    j = str(neuron + 1)
    if n_inputs > 4:  # too many terms to write: the vector form, as the slides' matrix scenes do
        return _vector_formula(n_layers, layer, j, n_neurons)
    if layer == n_layers - 1:  # the output layer: u, c (one output) or U, c (g outputs)
        below = ([f"x_{k}" for k in i] if n_layers == 1 else [rf"z_{{out}}^{{({k})}}" for k in i] if n_layers == 2
                 else [rf"z_{{{k}}}^{{({layer})}}" for k in i])
        single = n_neurons == 1
        weights = [f"u_{{{k}}}" for k in i] if single else [f"u_{{{k}{j}}}" for k in i]
        lhs, bias = (r"f_{in}", "c") if single else (rf"f_{{in,{j}}}", f"c_{j}")
        return lhs, _terms(below, weights, bias)
    if n_layers == 2:
        return rf"z_{{in}}^{{({j})}}", _terms([f"x_{k}" for k in i], [f"w_{{{k}{j}}}" for k in i], f"b_{j}")
    below = [f"x_{k}" for k in i] if layer == 0 else [rf"z_{{{k}}}^{{({layer})}}" for k in i]
    sup = f"^{{({layer + 1})}}"
    return (rf"z_{{in,{j}}}{sup}", _terms(below, [rf"w_{{{k}{j}}}{sup}" for k in i], f"b_{j}{sup}"))


def approximation_note(theme: Theme) -> Mobject:
    """The note a scene shows beside any result written with ``≈``: why it is not ``=``."""
    from nnviz.animate.written import APPROXIMATE

    return note(APPROXIMATE, theme)


def note(text: str, theme: Theme, font_size: float = BODY - 4) -> Mobject:
    """A short remark in the muted colour (a slide's typo, why a value is ≈)."""
    return words(text, theme, font_size, color=theme.muted)


def formula(latex: str, theme: Theme, font_size: float = FORMULA) -> MathTex:
    """A formula of the slides, at the size every scene uses for formulas."""
    return math(latex, theme, font_size)


__all__ = ["SAFE_WIDTH", "WorkedLine", "approximation_note", "fit_width", "formula", "neuron_formula", "note",
           "reading_count"]
