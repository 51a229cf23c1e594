"""Text for LaTeX: spec labels escaped as text (never markup, never math), numbers in the text font
with a true minus, symbols in math, and the palette's colours by role.

>>> escape("$\\\\input{x}$ & 50%")
'\\\\$\\\\textbackslash{}input\\\\{x\\\\}\\\\$ \\\\& 50\\\\%'
>>> latex_run(Run("x_1", "name")), latex_run(Run("-0.05", "number")), latex_run(Run("→", "symbol"))
('x\\\\textsubscript{1}', '$-$0.05', '$\\\\rightarrow$')
"""

from __future__ import annotations

import unicodedata

from nnviz.analysis.diagram_text import Run, split_name
from nnviz.palette import Palette

_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#",
            "^": r"\^{}", "_": r"\_", "%": r"\%", "~": r"\~{}", "<": r"$<$", ">": r"$>$", "|": r"$|$",
            '"': "''"}
SYMBOLS = {"→": r"$\rightarrow$", "⋮": r"$\vdots$", "δ": r"$\delta$", "∂": r"$\partial$", "σ": r"$\sigma$",
           "τ": r"$\tau$", "…": r"\dots{}", "·": r"$\cdot$", "≈": r"$\approx$", "Σ": r"$\Sigma$",
           "∇": r"$\nabla$", "×": r"$\times$", "−": r"$-$"}


def escape(text: str) -> str:
    """Any string as LaTeX text that prints it literally. Accented Latin letters pass (pdflatex's
    utf8 input knows them); symbols above become math; any other character becomes ``?``."""
    out = []
    for ch in str(text):
        if ch in _SPECIAL:
            out.append(_SPECIAL[ch])
        elif ch in SYMBOLS:
            out.append(SYMBOLS[ch])
        elif " " <= ch <= "~":
            out.append(ch)
        elif "\u00c0" <= ch <= "\u017e" and unicodedata.category(ch).startswith("L"):
            out.append(ch)
        elif ch in "\t\n":
            out.append(" ")
        elif unicodedata.category(ch).startswith("C"):
            continue  # control characters say nothing on a slide
        else:
            out.append("?")
    return "".join(out)


def latex_run(run: Run) -> str:
    """One run of a diagram's text as LaTeX."""
    if run.kind == "number":  # digits in the text font (sans in Beamer and in the picture), a true minus
        return "".join("$-$" if ch == "-" else escape(ch) for ch in run.text)
    if run.kind == "symbol":
        return "".join(SYMBOLS.get(ch, escape(ch)) for ch in run.text)
    if run.kind == "name":
        parts = split_name(run.text)
        if parts is not None:
            return f"{escape(parts[0])}\\textsubscript{{{escape(parts[1])}}}"
    return escape(run.text)


def colour_name(role: str) -> str:
    """The LaTeX colour of a palette role: ``nnvizpositive``, ``nnviznodefill``."""
    return "nnviz" + role.replace("_", "")


def define_colours(colours: Palette) -> list[str]:
    """``\\definecolor`` for every role of the palette, named by role."""
    return [f"\\definecolor{{{colour_name(role)}}}{{HTML}}{{{hex_colour.lstrip('#').upper()}}}"
            for role, hex_colour in colours.roles().items()]


__all__ = ["SYMBOLS", "colour_name", "define_colours", "escape", "latex_run"]
