"""The empirical risk as a table: each example's x, y, f(x) and loss, their sum and their mean.

``risk_texts`` writes the engine's numbers with the digits that make every row and the mean add up
as written: f(x) recomputed from the x on screen, each loss from the f on screen, the sum from the
column, the mean from the sum (``nnviz.animate.precision``)::

    texts = risk_texts(neuron, X, y, "binary-cross-entropy")
    table = RiskTable(texts, theme)
    self.step(table.show_rows(), say="…", reads=2 * texts.n)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, FadeIn, LaggedStart, Line, Rectangle, SurroundingRectangle, VGroup, Write

from nnviz.analysis.descent import example_losses
from nnviz.animate.base import Theme
from nnviz.animate.precision import Written, bracketed
from nnviz.animate.stage import table_layout
from nnviz.animate.text import BODY, activation_symbol, math, words
from nnviz.engine import Network, get_loss
from nnviz.engine.notation import format_number

RISK = r"\mathcal{R}_{\text{emp}}"
RISK_FORMULA = RISK + r" = \frac{1}{n} \sum_{i=1}^{n} L\left(y^{(i)}, f(\mathbf{x}^{(i)})\right)"
LOSS_FORMULAS = {  # the lecture's, with f(x) for the prediction
    "l2": r"L(y, f(\mathbf{x})) = \tfrac{1}{2}\,(y - f(\mathbf{x}))^2",
    "l1": r"L(y, f(\mathbf{x})) = |y - f(\mathbf{x})|",
    "binary-cross-entropy": r"L(y, f(\mathbf{x})) = -\big(y \log f(\mathbf{x}) + (1-y)\log(1 - f(\mathbf{x}))\big)",
}
SHORT_LOSS_FORMULAS = {  # the same, for a plot whose axis is the prediction f
    "l2": r"L(y, f) = \tfrac{1}{2}\,(y - f)^2",
    "l1": r"L(y, f) = |y - f|",
    "binary-cross-entropy": r"L(y, f) = -\big(y \log f + (1-y)\log(1 - f)\big)",
}
LOSS_NAMES = {"l2": "the L2 loss", "l1": "the L1 loss", "binary-cross-entropy": "the cross entropy loss"}


@dataclass
class RiskTexts:
    """The strings of a risk table: rows (i, x, y, f, L), the sum, the mean, and the equations behind them."""

    model: str  # "f(x) = σ(2x - 1)"
    rows: list[list[str]]
    total: str
    risk: str
    n: int
    written: Written

    def equations(self, name: str | None = None) -> list[str]:
        """``σ(2·0.35 - 1) = 0.426``, ``-log(0.426) = 0.85``, ``0.062 + … = 2.83``, ``2.83 / 8 = 0.354``."""
        return self.written.equations(name)


def model_text(network: Network) -> str:
    """A one-input neuron as the slides write it: ``σ(2x - 1)``, ``2x - 1``."""
    (w,), b = network.layers[0].W[:, 0], float(network.layers[0].b[0])
    act = network.layers[0].activation.name
    inner = f"{format_number(w)}x {'-' if b < 0 else '+'} {format_number(abs(b))}" if b else f"{format_number(w)}x"
    return inner if act == "identity" else f"{activation_symbol(act)}({inner})"


def _neuron_at(network: Network, x: str) -> str:
    (w,), b = network.layers[0].W[:, 0], float(network.layers[0].b[0])
    act = network.layers[0].activation.name
    inner = f"{format_number(w)}·{bracketed(x)} {'-' if b < 0 else '+'} {format_number(abs(b))}"
    return inner if act == "identity" else f"{activation_symbol(act)}({inner})"


def loss_at(loss: str, f: str, y: float) -> str:
    """One example's loss with the numbers put in: ``-log(0.426)``, ``-log(1 - 0.426)``, ``½·(0.5 - 0.25)²``."""
    ys = bracketed(format_number(y))
    if loss == "l2":
        return f"½·({ys} - {bracketed(f)})²"
    if loss == "l1":
        return f"|{ys} - {bracketed(f)}|"
    if y in (0, 1):
        return f"-log({f})" if y == 1 else f"-log(1 - {f})"
    return f"-({ys}·log({f}) + {bracketed(format_number(1 - y))}·log(1 - {f}))"


def risk_problem(loss: str) -> tuple[Network, np.ndarray, np.ndarray]:
    """The neuron and data of the empirical-risk example: σ(2x − 1) on a small classification set for
    cross entropy, 2x − 1 on a small regression set for L2 and L1.

    The data are given to one decimal, so a student can recompute f(x) from the x in the table.
    """
    from nnviz.analysis.descent import single_neuron, toy_classification, toy_regression

    if get_loss(loss).name == "binary-cross-entropy":
        X, y = toy_classification()
        return single_neuron(2.0, -1.0, "sigmoid"), np.round(X, 1), y
    X, y = toy_regression(6)
    return single_neuron(2.0, -1.0, "identity"), np.round(X, 1), np.round(y, 1)


def risk_texts(network: Network, X, y, loss: str) -> RiskTexts:
    """The table of a one-input neuron on (X, y): every number from the engine, written so it adds up."""
    loss_fn = get_loss(loss)
    f, losses, risk = example_losses(network, X, y, loss)
    x, targets, n = np.asarray(X, float)[:, 0], np.asarray(y, float), len(f)
    probability = network.layers[0].activation.name == "sigmoid"
    w = Written().add("x", x, "number").add("y", targets, "number")
    w.add("f", f, "probability" if probability else "number").add("L", losses)
    w.add("S", losses.sum(), "significant").add("R", risk)
    w.relate("f", lambda xs: network.predict(xs[:, None])[:, 0], "x",
             write=lambda xs, fs: [f"{_neuron_at(network, a)} = {b}" for a, b in zip(xs, fs)])
    w.relate("L", lambda fs, ys: loss_fn.value(fs[:, None], ys[:, None]), "f", "y",
             write=lambda fs, ys, Ls: [f"{loss_at(loss_fn.name, a, t)} = {c}" for a, t, c in zip(fs, targets, Ls)])
    w.relate("S", np.sum, "L", write=lambda Ls, S: [f"{' + '.join(Ls)} = {S}"])
    w.relate("R", lambda S: S / n, "S", write=lambda S, R: [f"{S} / {n} = {R}"])
    w.solve()
    cols = [w.texts(name) for name in ("x", "y", "f", "L")]
    rows = [[str(i + 1), *[str(c[i]) for c in cols]] for i in range(n)]
    return RiskTexts(f"f(x) = {model_text(network)}", rows, w.text("S"), w.text("R"), n, w)


class RiskTable(VGroup):
    """Rows i, x⁽ⁱ⁾, y⁽ⁱ⁾, f(x⁽ⁱ⁾), L⁽ⁱ⁾; under the loss column its sum, and the mean R_emp."""

    HEAD = ("i", r"x^{(i)}", r"y^{(i)}", r"f(x^{(i)})", r"L^{(i)}")

    def __init__(self, texts: RiskTexts, theme: Theme, *, font_size: float = BODY, col_gap: float = 0.55,
                 row_height: float = 0.5):
        super().__init__()
        self.texts = texts
        cells = [[words(t, theme, font_size) for t in row] for row in texts.rows]
        self.head = VGroup(*[math(h, theme, font_size + 8, color=theme.muted) for h in self.HEAD])
        table_layout([list(self.head), *cells], col_gap, row_height, head_gap=0.2)
        for row in cells:
            row[-1].set_color(theme.highlight)
        f_lines, loss_lines = texts.equations("f"), texts.equations("L")
        for row, f_line, loss_line in zip(cells, f_lines, loss_lines):  # what each cell says adds up
            row[3].written_equations, row[4].written_equations = [f_line], [loss_line]
        self.rows = VGroup(*[VGroup(*row) for row in cells])
        losses = VGroup(self.head[-1], *[row[-1] for row in cells])  # the column the sum goes under
        bottom = cells[-1][-1].get_bottom()[1] - 0.25 * row_height
        self.rule = Line([losses.get_left()[0] - 0.5, bottom, 0], [losses.get_right()[0] + 0.1, bottom, 0],
                         color=theme.muted, stroke_width=2)
        self.total = words(f"Σ = {texts.total}", theme, font_size, color=theme.highlight)
        self.total.next_to(self.rule, DOWN, buff=0.15).align_to(self.rule, RIGHT)
        self.mean = VGroup(math(RISK, theme, font_size + 10, color=theme.highlight),
                           words(f"= Σ / n = {texts.total} / {texts.n} = {texts.risk}", theme, font_size,
                                 color=theme.highlight)).arrange(RIGHT, buff=0.15)
        self.mean.next_to(self.total, DOWN, buff=0.3).align_to(self.rule, RIGHT)
        self.total.written_equations = texts.equations("S")
        self.mean.written_equations = texts.equations("R")
        self.add(self.head, self.rows, self.rule, self.total, self.mean)

    @property
    def loss_column(self) -> VGroup:
        return VGroup(*[row[-1] for row in self.rows])

    def mark(self, row: int) -> Rectangle:
        """A frame around one example's row, in the highlight colour (the worked example)."""
        return SurroundingRectangle(self.rows[row], color=self.rows[row][-1].get_color(), buff=0.08)

    def show_rows(self) -> LaggedStart:
        """The examples appear row by row, without their losses."""
        return LaggedStart(*[FadeIn(row[:-1], shift=0.1 * RIGHT) for row in self.rows], lag_ratio=0.15)

    def show_losses(self) -> LaggedStart:
        return LaggedStart(*[FadeIn(row[-1], shift=0.2 * LEFT) for row in self.rows], lag_ratio=0.15)

    def show_mean(self) -> list:
        return [FadeIn(self.rule), FadeIn(self.total, shift=0.1 * UP), Write(self.mean)]



__all__ = ["LOSS_FORMULAS", "LOSS_NAMES", "RISK", "RISK_FORMULA", "SHORT_LOSS_FORMULAS", "RiskTable", "RiskTexts",
           "loss_at", "model_text", "risk_problem", "risk_texts"]
