"""A Trace as text: a readable table, LaTeX in the slides' notation, and HTML for Jupyter."""

from __future__ import annotations

import html

from nnviz.engine.network import Trace
from nnviz.engine.notation import format_number, latex_matrix, latex_vector, layer_names


def _rows(trace: Trace, example: int) -> list[tuple[str, list[list[str]]]]:
    """Per block (input, then each layer): a title and rows of cells."""
    blocks = [("input x", [["x", *(format_number(v) for v in trace.x[example])]])]
    n = len(trace.layers)
    for i, lt in enumerate(trace.layers):
        names = layer_names(i, n)
        prob = lt.activation.name == "softmax"
        title = f"{'output' if names.is_output else f'hidden layer {i + 1}'} ({lt.activation.name})"
        rows = [[names.plain_z_in, *(format_number(v) for v in lt.z_in[example])],
                [names.plain_z_out, *(format_number(v, probability=prob) for v in lt.z_out[example])]]
        if lt.grad_z_in is not None:
            for key in ("grad_z_out", "grad_z_in"):
                rows.append([f"{key}", *(_g(v) for v in getattr(lt, key)[example])])
            rows.append(["grad_b", *(_g(v) for v in lt.grad_b)])
            for j, row in enumerate(lt.grad_W):
                rows.append([f"grad_W[{j + 1},:]", *(_g(v) for v in row)])
        blocks.append((title, rows))
    return blocks


def _g(value: float) -> str:
    """Gradients are often tiny: four significant digits, not a fixed number of decimals."""
    return f"{value:.4g}" if value != 0 else "0"


def trace_table(trace: Trace, example: int = 0) -> str:
    """A plain-text table of every recorded value of one example."""
    lines = []
    name = trace.network.name if trace.network else "network"
    lines.append(f"{name}: forward pass" + (" and backward pass" if trace.has_gradients else ""))
    for title, rows in _rows(trace, example):
        lines.append("")
        lines.append(title)
        width = max(len(r[0]) for r in rows)
        cols = max(len(r) for r in rows) - 1
        cell = max(len(c) for r in rows for c in r[1:]) if cols else 0
        for r in rows:
            lines.append(f"  {r[0]:<{width}}  " + "  ".join(f"{c:>{cell}}" for c in r[1:]))
    if trace.loss is not None:
        lines.append("")
        lines.append(f"loss ({trace.loss_name}) = {trace.loss:.6g}")
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


def trace_html(trace: Trace, example: int = 0) -> str:
    """An HTML table for Jupyter (``Trace._repr_html_``)."""
    parts = ["<table style='font-family:monospace;border-collapse:collapse'>"]
    for title, rows in _rows(trace, example):
        parts.append(f"<tr><th colspan='99' style='text-align:left;padding-top:6px'>{html.escape(title)}</th></tr>")
        for r in rows:
            cells = "".join(f"<td style='text-align:right;padding:0 6px'>{html.escape(c)}</td>" for c in r[1:])
            parts.append(f"<tr><td style='padding-right:10px'>{html.escape(r[0])}</td>{cells}</tr>")
    if trace.loss is not None:
        parts.append(f"<tr><th colspan='99' style='text-align:left'>loss ({html.escape(trace.loss_name)})"
                     f" = {trace.loss:.6g}</th></tr>")
    parts.append("</table>")
    return "".join(parts)


__all__ = ["trace_table", "trace_latex", "trace_html"]
