"""A Trace as text: a readable table and LaTeX in the slides' notation (Jupyter's HTML: nnviz/pages/trace.py)."""

from __future__ import annotations

from nnviz.engine.notation import latex_matrix, latex_vector, layer_names
from nnviz.engine.trace import Trace, loss_line, trace_rows, trace_title


def trace_table(trace: Trace, example: int = 0) -> str:
    """A plain-text table of every recorded value of one example."""
    lines = [trace_title(trace)]
    for block in trace_rows(trace, example):
        title, rows = block.title, block.rows
        lines.append("")
        lines.append(title)
        width = max(len(r[0]) for r in rows)
        cols = max(len(r) for r in rows) - 1
        cell = max(len(c) for r in rows for c in r[1:]) if cols else 0
        for r in rows:
            lines.append(f"  {r[0]:<{width}}  " + "  ".join(f"{c:>{cell}}" for c in r[1:]))
    if (loss := loss_line(trace)) is not None:
        lines.append("")
        lines.append(loss)
    return "\n".join(lines)


def trace_latex(trace: Trace, example: int = 0) -> str:
    """LaTeX for a Beamer slide: the parameters and every vector, named as on the slides."""
    out = [r"% nnviz trace: paste inside a math environment, e.g. \[ ... \]",
           r"\mathbf{x} = " + latex_vector(trace.x[example])]
    n = len(trace.layers)
    for i, lt in enumerate(trace.layers):
        names = layer_names(i, n)
        prob = lt.activation.name == "softmax"
        out.append(f"{names.WT} = {latex_matrix(lt.W.T)} ,\\quad {names.b} = {latex_vector(lt.b, bracket='pmatrix')}")
        out.append(f"{names.z_in} = {latex_vector(lt.z_in[example])}")
        lhs = names.z_out if names.is_output else f"{names.z_out} = {names.z_out.replace('{z}', '{z}_{out}', 1)}"
        out.append(f"{lhs} = {lt.activation.latex}({names.z_in}) = "
                   f"{latex_vector(lt.z_out[example], probability=prob)}")
    if trace.loss is not None:
        out.append(rf"\mathcal{{R}}_{{\text{{emp}}}} = {trace.loss:.4g}")
    return "\n".join(out)


__all__ = ["trace_table", "trace_latex"]
