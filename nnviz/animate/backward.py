"""The backward pass on screen: the loss, the chain rule layer by layer, and a gradient-descent step.

Each panel is a formula in the slides' notation above its numbers, laid out as the slides lay out a
matrix–vector product (columns side by side with their operators). The numbers are the strings of
``BackwardTexts``, so what a panel writes adds up as written; every panel lists its equations as
plain strings (``.written_equations``) and how many numbers it asks the viewer to read
(``.reading_items``)::

    texts = BackwardTexts(trace)
    panel = chain_rule_panel(texts, layer=1, theme=theme)
    self.step(*board.show(panel), say="…", reads=panel)
"""

from __future__ import annotations

from collections.abc import Sequence

from manim import DOWN, LEFT, RIGHT, UP, Mobject, Text, VGroup

from nnviz.animate.base import Theme
from nnviz.animate.gradients import BackwardTexts
from nnviz.animate.precision import parse_small
from nnviz.animate.stage import on_edge, reading
from nnviz.animate.text import BODY, SMALL, math, words
from nnviz.animate.vectors import MatrixBlock, VectorColumn, side_by_side
from nnviz.engine.notation import layer_names

NUMBERS = SMALL  # the entries of columns and matrices: digits 14 px tall at 480p
EXPONENT_SIZE = SMALL + 2  # an entry with a ·10⁻⁵ exponent
COLUMN_GAP = 0.35
WIDTH = 7.0  # what a panel may take before its result moves to a second line
FORMULA = BODY + 12  # a formula with ∂ and sub/superscripts, readable at 480p
DERIVATIVE = {"sigmoid": r"\sigma'", "relu": r"\mathrm{ReLU}'", "tanh": r"\tanh'", "identity": r"\mathrm{id}'",
              "step": r"\mathrm{step}'"}


def partial(name: str) -> str:
    """``∂L/∂name`` written inline (a fraction would shrink its sub- and superscripts)."""
    return rf"\partial L / \partial {name}"


class Panel(VGroup):
    """A formula above its numbers: what one step of the explanation shows.

    ``reading_items`` counts the numbers it writes (each a thing to read), ``written_equations`` are
    the equations they make, as strings (the classroom checks evaluate them).
    """

    def __init__(self, formula: Mobject, body: Mobject | None, equations: Sequence[str],
                 note: Mobject | None = None):
        parts = [formula, *([body] if body is not None else []), *([note] if note is not None else [])]
        super().__init__(*parts)
        self.arrange(DOWN, buff=0.4)
        self.written_equations = list(equations)
        self.reading_items = reading(self)


def _matrix(texts: Sequence[Sequence[str]], theme: Theme, color: str | None = None, **options) -> MatrixBlock:
    colors = None if color is None else [[color] * len(row) for row in texts]
    return _exponents_readable(MatrixBlock(None, theme, texts=texts, colors=colors, font_size=NUMBERS,
                                           col_gap=COLUMN_GAP, **options))


def _row(parts: Sequence[Mobject], width: float, buff: float = 0.35) -> VGroup:
    """The parts of a product side by side; if wider than ``width``, the result goes on a second line.

    ``buff`` keeps the operators apart from the numbers (so a column's entry never reads as ``0.64 −``).
    """
    row = side_by_side(*parts, buff=buff)
    if row.width <= width:
        return row
    return VGroup(side_by_side(*parts[:-2], buff=buff), side_by_side(*parts[-2:], buff=buff)).arrange(DOWN, buff=0.3)


def _column(texts: Sequence[str], theme: Theme, color: str | None = None) -> VectorColumn:
    return _exponents_readable(VectorColumn(None, theme, texts=texts, font_size=NUMBERS,
                                            colors=None if color is None else [color] * len(texts)))


def _exponents_readable(mobject: Mobject) -> Mobject:
    """Entries written ``5.4·10⁻⁵`` a little larger: their exponent stays ≥ 8 px tall at 480p."""
    for m in mobject.get_family():
        if isinstance(m, Text) and "·10" in m.original_text:
            m.scale(EXPONENT_SIZE / NUMBERS)
    return mobject


def _op(symbol: str, theme: Theme) -> Mobject:
    return words(symbol, theme, BODY)


def _rounded_note(texts: BackwardTexts, *quantities: tuple[str, int | None], theme: Theme) -> Mobject | None:
    """A note where a result had to be written with ≈ (its factors, as written, are rounded)."""
    if all(texts.sign(kind, layer) == "=" for kind, layer in quantities):
        return None
    return words("≈: the numbers as written are rounded; the engine keeps every digit", theme, SMALL,
                 color=theme.muted)


def loss_panel(texts: BackwardTexts, theme: Theme) -> Panel:
    """``L = −(y log f + …)``, then the numbers put in and the value."""
    equation = texts.equations("L")[0]
    numbers = words(f"f = {_vector(texts.column('f'))},  y = {_vector(texts.column('y'))}", theme, BODY)
    value = words(f"L = {equation}", theme, BODY, color=theme.highlight)
    return Panel(math(f"L = {texts.loss.latex}", theme, FORMULA), VGroup(numbers, value).arrange(DOWN, buff=0.3),
                 [equation], note=_rounded_note(texts, ("L", None), theme=theme))


def _vector(texts: Sequence[str]) -> str:
    """A vector in a line of text: ``0.64``, or ``(0.083, 0.897, 0.020)``."""
    return texts[0] if len(texts) == 1 else f"({', '.join(texts)})"


def chain_rule_panel(texts: BackwardTexts, layer: int, theme: Theme, width: float = WIDTH) -> Panel:
    """``∂L/∂z_in = ∂L/∂z ⊙ σ'(z_in)`` with its columns, or the shortcut ``∂L/∂f_in = f − y``."""
    names, lt = layer_names(layer, texts.n_layers), texts.trace.layers[layer]
    gradient = _column(texts.column("grad_z_in", layer), theme, theme.gradient)
    sign = _op(texts.sign("grad_z_in", layer), theme)
    if layer == texts.n_layers - 1 and texts.fused:
        formula = math(rf"{partial(names.z_in)} = \mathbf{{f}} - \mathbf{{y}}", theme, FORMULA)
        parts = [_column(texts.column("f"), theme), _op("−", theme), _column(texts.column("y"), theme)]
    elif texts.has("derivative", layer):
        act = DERIVATIVE.get(lt.activation.name, lt.activation.name + "'")
        formula = math(rf"{partial(names.z_in)} = {partial(names.z_out)} \odot {act}({names.z_in})", theme, FORMULA)
        parts = [_column(texts.column("grad_z_out", layer), theme, theme.gradient), _op("⊙", theme),
                 _column(texts.column("derivative", layer), theme)]
    else:  # a softmax without its fused loss: the Jacobian carries the gradient back
        formula = math(rf"{partial(names.z_in)} = J_\tau^T\, {partial(names.z_out)}", theme, FORMULA)
        parts, sign = [_column(texts.column("grad_z_out", layer), theme, theme.gradient)], _op("→", theme)
    return Panel(formula, _row([*parts, sign, gradient], width), texts.equations("grad_z_in", layer),
                 note=_rounded_note(texts, ("grad_z_in", layer), theme=theme))


def weight_gradient_panel(texts: BackwardTexts, layer: int, theme: Theme, width: float = WIDTH) -> Panel:
    """``∂L/∂Wᵀ = ∂L/∂z_in xᵀ`` (a column times a row) and ``∂L/∂b = ∂L/∂z_in``.

    A single neuron's weights are a column, as the slides write u: ``∂L/∂u = z ∂L/∂f_in``.
    """
    names = layer_names(layer, texts.n_layers)
    inputs = r"\mathbf{x}" if layer == 0 else layer_names(layer - 1, texts.n_layers).z_out
    gradient, matrix = texts.column("grad_z_in", layer), texts.matrix("grad_WT", layer)
    sign = _op(texts.sign("grad_WT", layer), theme)
    if len(gradient) == 1:
        rule = rf"{partial(names.W)} = {{{inputs}}}\; {partial(names.z_in)}"
        parts = [_column(texts.column("input", layer), theme), _op("·", theme),
                 _column(gradient, theme, theme.gradient), sign, _column(matrix[0], theme, theme.gradient)]
    else:
        rule = rf"{partial(names.WT)} = {partial(names.z_in)}\; {{{inputs}}}^T"
        parts = [_column(gradient, theme, theme.gradient), _matrix([texts.column("input", layer)], theme),
                 sign, _matrix(matrix, theme, theme.gradient)]
    formula = VGroup(math(rule, theme, FORMULA), math(rf"{partial(names.b)} = {partial(names.z_in)}", theme, FORMULA))
    formula.arrange(RIGHT, buff=0.9)
    if formula.width > width:
        formula.arrange(DOWN, buff=0.25)
    return Panel(formula, _row(parts, width), texts.equations("grad_WT", layer),
                 note=_rounded_note(texts, ("grad_WT", layer), theme=theme))


def passed_back_panel(texts: BackwardTexts, layer: int, theme: Theme, width: float = WIDTH) -> Panel:
    """``∂L/∂z = W ∂L/∂z_in``: the gradient handed to the layer below, with W's numbers."""
    names, below = layer_names(layer, texts.n_layers), layer_names(layer - 1, texts.n_layers)
    gradient, W = texts.column("grad_z_in", layer), texts.matrix("W", layer)
    if len(gradient) == 1:  # one neuron: its weights u times the number ∂L/∂f_in
        factors = [_column([row[0] for row in W], theme), _op("·", theme), _column(gradient, theme, theme.gradient)]
    else:
        factors = [_matrix(W, theme), _column(gradient, theme, theme.gradient)]
    parts = [*factors, _op(texts.sign("grad_z_out", layer - 1), theme),
             _column(texts.column("grad_z_out", layer - 1), theme, theme.gradient)]
    formula = math(rf"{partial(below.z_out)} = {names.W}\; {partial(names.z_in)}", theme, FORMULA)
    return Panel(formula, _row(parts, width), texts.equations("grad_z_out", layer - 1),
                 note=_rounded_note(texts, ("grad_z_out", layer - 1), theme=theme))


def update_panel(texts: BackwardTexts, layer: int, theme: Theme, width: float = WIDTH) -> Panel:
    """``Wᵀ ← Wᵀ − η ∂L/∂Wᵀ`` with the three matrices (a single neuron's weights as a column)."""
    names = layer_names(layer, texts.n_layers)
    old, grad, new = (texts.matrix(kind, layer) for kind in ("WT", "grad_WT", "WT_new"))
    if len(old) == 1:  # one neuron: u is written as a column, as on the slides
        name, block = names.W, lambda m, color=None: _column(m[0], theme, color)
    else:
        name, block = names.WT, lambda m, color=None: _matrix(m, theme, color, max_rows=5, max_cols=4)
    parts = [block(old), _op("− η·", theme),
             block(grad, theme.gradient), _op(texts.sign("WT_new", layer), theme), block(new, theme.highlight)]
    formula = math(rf"{name} \leftarrow {name} - \eta\; {partial(name)}", theme, FORMULA)
    return Panel(formula, _row(parts, width, buff=0.3), texts.equations("WT_new", layer),
                 note=_rounded_note(texts, ("WT_new", layer), theme=theme))


def bias_update_panel(texts: BackwardTexts, layer: int, theme: Theme, width: float = WIDTH) -> Panel:
    """``b ← b − η ∂L/∂b`` with the numbers (∂L/∂b = ∂L/∂z_in)."""
    names = layer_names(layer, texts.n_layers)
    parts = [_column(texts.column("b", layer), theme), _op("− η·", theme),
             _column(texts.column("grad_z_in", layer), theme, theme.gradient),
             _op(texts.sign("b_new", layer), theme), _column(texts.column("b_new", layer), theme, theme.highlight)]
    formula = math(rf"{names.b} \leftarrow {names.b} - \eta\; {partial(names.b)}", theme, FORMULA)
    return Panel(formula, _row(parts, width, buff=0.3), texts.equations("b_new", layer),
                 note=_rounded_note(texts, ("b_new", layer), theme=theme))


def summary_panel(texts: BackwardTexts, theme: Theme) -> Panel:
    """The backward rules of every layer, top to bottom as they were applied: the last frame's slide."""
    lines = []
    for layer in range(texts.n_layers - 1, -1, -1):
        names = layer_names(layer, texts.n_layers)
        inputs = r"\mathbf{x}" if layer == 0 else layer_names(layer - 1, texts.n_layers).z_out
        if layer == texts.n_layers - 1 and texts.fused:
            rule = rf"{partial(names.z_in)} = \mathbf{{f}} - \mathbf{{y}}"
        elif texts.has("derivative", layer):
            act = DERIVATIVE.get(texts.trace.layers[layer].activation.name, "")
            rule = rf"{partial(names.z_in)} = {partial(names.z_out)} \odot {act}({names.z_in})"
        else:
            rule = rf"{partial(names.z_in)} = J_\tau^T\, {partial(names.z_out)}"
        lines.append(math(rule, theme, FORMULA))
        lines.append(math(rf"{partial(names.WT)} = {partial(names.z_in)}\; {{{inputs}}}^T", theme, FORMULA))
        if layer > 0:
            below = layer_names(layer - 1, texts.n_layers)
            lines.append(math(rf"{partial(below.z_out)} = {names.W}\; {partial(names.z_in)}", theme, FORMULA))
    half = (len(lines) + 1) // 2  # two columns of rules: the panel is wide and low, under the diagram
    columns = [VGroup(*part).arrange(DOWN, buff=0.25, aligned_edge=LEFT) for part in (lines[:half], lines[half:])]
    return Panel(VGroup(*columns).arrange(RIGHT, buff=1.0, aligned_edge=UP), None, [])


# ---- on the diagram ---------------------------------------------------------------------------------
def edge_labels(diagram, layer: int, texts: Sequence[Sequence[str]], theme: Theme, at: float = 0.3,
                font_size: float = SMALL) -> VGroup:
    """Each weight's string (``texts`` as Wᵀ: neurons × inputs) on its edge, coloured by its sign.

    ``at``: how far along the edge from its source; edges fan out there, so the labels stay apart.    """
    group = VGroup()
    for (i, j), edge in diagram.edges[layer].items():
        text = texts[j][i]
        label = words(text, theme, font_size, color=theme.sign(parse_small(text)))
        group.add(on_edge(label, edge, at, theme))
    return group


__all__ = ["FORMULA", "NUMBERS", "Panel", "bias_update_panel", "chain_rule_panel", "edge_labels", "loss_panel",
           "partial", "passed_back_panel", "summary_panel", "update_panel", "weight_gradient_panel"]
