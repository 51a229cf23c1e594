"""A Trace as a readable text table (LaTeX for slides: nnviz/latex; Jupyter's HTML: nnviz/pages/trace.py)."""

from __future__ import annotations

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


__all__ = ["trace_table"]
