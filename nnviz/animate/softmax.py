"""The softmax as the slides compute it, and its Jacobian, with numbers that add up as written.

    table = SoftmaxTable(numbers, layer, theme)     # numbers: a ForwardNumbers
    self.step(table.write_formula(), say="…")       # τ_k = e^{f_in,k} / Σ_k' e^{f_in,k'}
    self.step(table.write_exponentials(), say="…", reads=table.exponentials)   # e^{0.572} = 1.77 …
    self.step(table.write_total(), say="…", reads=table.total)                 # Σ = 1.77 + … = 21.33
    self.step(table.write_probabilities(), say="…", reads=table.probabilities) # τ₁ = 1.77 ÷ 21.33 = 0.083

    block = JacobianBlock(JacobianNumbers(network, x, target), theme)          # diag(τ) − ττᵀ, 3×3
"""

from __future__ import annotations

from manim import DOWN, LEFT, RIGHT, UP, FadeIn, MathTex, VGroup, Write

from nnviz.animate.base import Theme
from nnviz.animate.lines import approximation_note, fit_width
from nnviz.animate.text import BODY, FORMULA, plain_name, words
from nnviz.animate.vectors import MatrixBlock, VectorColumn
from nnviz.animate.written import ForwardNumbers, JacobianNumbers

SOFTMAX = r"\tau_k = \frac{e^{f_{in,k}}}{\sum_{k'} e^{f_{in,k'}}}"
SCRIPTED = FORMULA + 6  # e^{f_{in,k}} sets "in,k" two levels down: 42 keeps it at 9 px at 480p
JACOBIAN = r"\frac{\partial \tau}{\partial \mathbf{f}_{in}} = \mathrm{diag}(\tau) - \tau\,\tau^T"
STRUCTURE = r"J_{kk} = \tau_k\,(1 - \tau_k), \qquad J_{kj} = -\tau_k\,\tau_j \quad (k \neq j)"
BACKPROP = r"\frac{\partial L}{\partial \mathbf{f}_{in}} = J^T\,\frac{\partial L}{\partial \mathbf{f}}"


def _row(left, right, buff: float = 0.2) -> VGroup:
    return VGroup(left, right).arrange(RIGHT, buff=buff)


class SoftmaxTable(VGroup):
    """``τ_k = e^{f_in,k} / Σ e^{f_in,k'}`` above the numbers: each exponential, their sum, each τ_k.

    ``stacked``: everything in one column (beside a diagram); else the probabilities right of the
    exponentials (under a strip of vectors).
    """

    def __init__(self, numbers: ForwardNumbers, layer: int, theme: Theme, *, stacked: bool = False,
                 font_size: float = BODY, max_width: float = 13.4):
        super().__init__()
        g = len(numbers.texts(f"z{layer}"))
        self.formula = MathTex(SOFTMAX, font_size=SCRIPTED, color=theme.text)
        self.exponentials = VGroup()
        for k in range(g):
            power, value = numbers.exponential(layer, k)
            self.exponentials.add(_row(MathTex(power, font_size=FORMULA, color=theme.text),
                                       words(f"{numbers.sign(layer, 'e')} {value}", theme, font_size)))
        self.exponentials.arrange(DOWN, buff=0.22, aligned_edge=LEFT)
        terms, total = numbers.total(layer)
        self.total = _row(words(f"Σ = {terms}", theme, font_size),
                          words(f"{numbers.sign(layer, 'S')} {total}", theme, font_size))
        self.probabilities = VGroup()
        for k in range(g):
            quotient, value = numbers.probability(layer, k)
            self.probabilities.add(_row(words(f"{plain_name(f'τ_{k + 1}')} = {quotient}", theme, font_size),
                                        words(f"{numbers.sign(layer, 'z')} {value}", theme, font_size,
                                              color=theme.highlight)))
        if any(numbers.sign(layer, q) == "≈" for q in ("e", "S", "z")):  # and why, under them
            self.probabilities.add(approximation_note(theme))
        self.probabilities.arrange(DOWN, buff=0.22, aligned_edge=LEFT)
        self.exponentials.reading_items = g
        self.total.reading_items = g
        self.probabilities.reading_items = g
        if stacked:
            body = VGroup(self.exponentials, self.total, self.probabilities).arrange(DOWN, buff=0.35,
                                                                                      aligned_edge=LEFT)
        else:
            left = VGroup(self.exponentials, self.total).arrange(DOWN, buff=0.3, aligned_edge=LEFT)
            body = VGroup(left, self.probabilities).arrange(RIGHT, buff=0.8, aligned_edge=UP)
        VGroup(self.formula, body).arrange(DOWN, buff=0.35)
        self.add(self.formula, body)  # each part reaches the screen when its animation plays
        fit_width(self, max_width)

    def write_formula(self) -> Write:
        return Write(self.formula)

    @staticmethod
    def _appear(part: VGroup) -> FadeIn:
        return FadeIn(part, shift=0.1 * DOWN, lag_ratio=0.15)

    def write_exponentials(self) -> FadeIn:
        return self._appear(self.exponentials)

    def write_total(self) -> FadeIn:
        return self._appear(self.total)

    def write_probabilities(self) -> FadeIn:
        return self._appear(self.probabilities)


class JacobianBlock(VGroup):
    """``∂τ/∂f_in = diag(τ) − ττᵀ``, its structure, ``τ`` and the 3×3 ``J`` with two entries worked out."""

    def __init__(self, numbers: JacobianNumbers, theme: Theme, *, font_size: float = BODY):
        super().__init__()
        self.formula = MathTex(JACOBIAN, font_size=FORMULA, color=theme.text)
        self.structure = MathTex(STRUCTURE, font_size=FORMULA, color=theme.text)
        g = len(numbers.tau)
        self.tau = VectorColumn(None, theme, texts=numbers.tau, label=r"\tau", font_size=font_size)
        colors = [[theme.highlight if i == j else theme.text for j in range(g)] for i in range(g)]
        self.matrix = MatrixBlock(None, theme, texts=numbers.matrix(), colors=colors, label="J",
                                  font_size=font_size)
        self.matrix.set_equations([[" = ".join(numbers.entry(i, j)) for j in range(g)] for i in range(g)])
        self.tau.reading_items, self.matrix.reading_items = g, g * g
        self.examples = VGroup(*[_row(words(f"{plain_name(f'J_{i + 1}{j + 1}')} = {numbers.entry(i, j)[0]}",
                                            theme, font_size),
                                      words(f"= {numbers.entry(i, j)[1]}", theme, font_size, color=theme.highlight))
                                 for i, j in ((0, 0), (0, 1))]).arrange(DOWN, buff=0.2, aligned_edge=LEFT)
        self.examples.reading_items = 4
        VGroup(self.tau, self.matrix).arrange(RIGHT, buff=0.6)
        VGroup(self.formula, self.structure, VGroup(self.tau, self.matrix), self.examples).arrange(DOWN, buff=0.35)
        self.add(self.formula, self.structure, self.tau, self.matrix, self.examples)


class SoftmaxBackprop(VGroup):
    """``∂L/∂f_in = Jᵀ ∂L/∂f`` with L2 on the probabilities: ``∂L/∂f = f − y`` as a column, then each row of
    ``Jᵀ ∂L/∂f`` written out."""

    def __init__(self, numbers: JacobianNumbers, theme: Theme, *, font_size: float = BODY - 2):
        super().__init__()
        g = len(numbers.tau)
        y = ", ".join(numbers.texts("y"))
        self.formula = MathTex(rf"L = \tfrac{{1}}{{2}}\,\lVert \mathbf{{f}} - \mathbf{{y}} \rVert^2,\ "
                               rf"\mathbf{{y}} = ({y})^T, \quad " + BACKPROP, font_size=FORMULA, color=theme.text)
        self.grad_f = VectorColumn(None, theme, texts=numbers.texts("gf"), font_size=font_size,
                                   label=r"\frac{\partial L}{\partial \mathbf{f}} = \mathbf{f} - \mathbf{y}")
        self.grad_f.set_equations([" = ".join(numbers.grad_f(k)) for k in range(g)])
        self.grad_f_in = VGroup(*[_row(words(numbers.grad_f_in(k)[0], theme, font_size),
                                       words(f"= {numbers.grad_f_in(k)[1]}", theme, font_size, color=theme.gradient))
                                  for k in range(g)]).arrange(DOWN, buff=0.22, aligned_edge=LEFT)
        self.grad_f.reading_items, self.grad_f_in.reading_items = g, g * (g + 1)
        body = VGroup(self.grad_f, self.grad_f_in).arrange(RIGHT, buff=0.6)
        VGroup(self.formula, body).arrange(DOWN, buff=0.35)
        self.add(self.formula, body)  # each part reaches the screen when its animation plays


__all__ = ["BACKPROP", "JACOBIAN", "SOFTMAX", "STRUCTURE", "JacobianBlock", "SoftmaxBackprop", "SoftmaxTable"]
