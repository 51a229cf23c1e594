"""Formulas in the slides' notation, built from written numbers, and lines broken to fit a 16:9 frame.

A ``Piece`` is some LaTeX math and an estimate of its width in ems; ``fit`` joins pieces into lines
no wider than a frame, breaking only before an ``=`` (aligned) or a ``+``.

>>> vector(["7", "1", "-4"])
'\\\\begin{bmatrix} 7 \\\\\\\\ 1 \\\\\\\\ -4 \\\\end{bmatrix}'
>>> neuron("in", 0, 2, 1, 4), neuron("out", 1, 2, 0, 1), neuron("in", 2, 4, 1, 4)
('z_{in,2}', 'f', 'z_{in,2}^{(3)}')
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from nnviz.analysis.worked import elided

FRAME_EM = 34.0  # a 16:9 Beamer frame's text width (14 cm) in ems of its 11 pt font, with a margin
MAX_ROWS = 8  # vectors and matrices longer than this are elided (⋮, ⋯)


@dataclass(frozen=True)
class Piece:
    tex: str
    width: float  # ems


def mathnum(text: str) -> str:
    """A written number or product in math: ``(-3)·3`` → ``(-3)\\cdot 3``."""
    return text.replace("·", r"\cdot ").replace("…", r"\dots")


def width_of(text: str) -> float:
    """Rough width in ems of a written number or product in math (digits ½ em, signs ¾ em, ``·`` 1 em)."""
    return sum(1.0 if ch == "·" else 0.78 if ch in "-+=" else 0.4 if ch in "()." else 0.5 for ch in text)


def vector(texts: Sequence[str], bracket: str = "bmatrix") -> str:
    """A column vector; longer than ``MAX_ROWS``: the first rows, ⋮, the last."""
    rows = [r"\vdots" if i is None else mathnum(texts[i]) for i in elided(len(texts), MAX_ROWS)]
    return rf"\begin{{{bracket}}} " + r" \\ ".join(rows) + rf" \end{{{bracket}}}"


def vector_piece(texts: Sequence[str], bracket: str = "bmatrix") -> Piece:
    return Piece(vector(texts, bracket), max(width_of(t) for t in texts) + 1.2)


def matrix(shape: tuple[int, int], cell: Callable[[int, int], str], bracket: str = "pmatrix") -> Piece:
    """A matrix of ``shape`` whose entry (i, j) is written ``cell(i, j)``, elided past ``MAX_ROWS`` either
    way (only the entries shown are written)."""
    keep_rows, keep_cols = elided(shape[0], MAX_ROWS), elided(shape[1], MAX_ROWS)
    lines, widths = [], [0.0] * len(keep_cols)
    for i in keep_rows:
        cells = []
        for c, j in enumerate(keep_cols):
            if i is None:
                cells.append(r"\vdots" if j is not None else r"\ddots")
            elif j is None:
                cells.append(r"\cdots")
            else:
                text = cell(i, j)
                cells.append(mathnum(text))
                widths[c] = max(widths[c], width_of(text))
        lines.append(" & ".join(cells))
    body = r" \\ ".join(lines)
    return Piece(rf"\begin{{{bracket}}} {body} \end{{{bracket}}}", sum(max(w, 1.0) + 1.0 for w in widths) + 1.0)


def neuron(which: str, layer: int, n_layers: int, j: int, n_neurons: int) -> str:
    """One neuron's symbol (``which``: ``in`` or ``out``): ``z_{in,j}^{(l)}`` and ``z_{j}^{(l)}`` in a hidden
    layer (no superscript with one hidden layer, as on the slides), ``f_{in,j}``, ``f_{j}`` in the output
    layer (``f_{in}``, ``f`` for a single output)."""
    if layer == n_layers - 1:
        if n_neurons == 1:
            return "f_{in}" if which == "in" else "f"
        return f"f_{{in,{j + 1}}}" if which == "in" else f"f_{{{j + 1}}}"
    sup = "" if n_layers == 2 else f"^{{({layer + 1})}}"
    return (f"z_{{in,{j + 1}}}" if which == "in" else f"z_{{{j + 1}}}") + sup


def fit(first: str, pieces: Sequence[Piece], budget: float = FRAME_EM) -> list[str]:
    """``first & = p1 = p2 …`` as aligned lines (``a &= …``) no wider than ``budget`` ems.

    Each piece after the first starts with ``=`` or ``+``; a line breaks before a piece that would
    not fit, and the next line starts at the alignment point.
    """
    lead = Piece(first, _estimate(first))
    lines, current, used = [], [], lead.width
    for piece in pieces:
        if current and used + piece.width > budget:
            lines.append(current)
            current, used = [], lead.width
        current.append(piece.tex)
        used += piece.width
    lines.append(current)
    out = []
    for k, parts in enumerate(lines):
        body = " ".join(parts)
        out.append((first if k == 0 else "") + " &" + body.lstrip())
    return out


def _estimate(tex: str) -> float:
    """Width of a short formula's source, roughly: commands count as one symbol."""
    import re

    plain = re.sub(r"\\(mathbf|mathcal|mathrm|text|frac|partial|left|right)\b", "", tex)
    plain = re.sub(r"\\[a-zA-Z]+", "x", plain)
    return 0.55 * len(re.sub(r"[{}^_ ]", "", plain)) + 0.5


def estimate(tex: str) -> float:
    return _estimate(tex)


__all__ = ["FRAME_EM", "MAX_ROWS", "Piece", "estimate", "fit", "mathnum", "matrix", "neuron", "vector",
           "vector_piece", "width_of"]
