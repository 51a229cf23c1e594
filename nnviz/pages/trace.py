"""A Trace as an HTML table (what Jupyter shows for a trace), from the engine's rows of strings.

>>> from nnviz.engine.spec import load_network
>>> html = trace_html(load_network("deep").forward([7, 1, -4]))
>>> html.count('<td class="value"'), ">79</td>" in html
(33, True)
"""

from __future__ import annotations

from nnviz.engine.trace import Trace, loss_line, trace_rows, trace_title
from nnviz.pages.templates import render


def trace_html(trace: Trace, example: int = 0) -> str:
    """The HTML table of every recorded value of one example (names and numbers escaped)."""
    return render("trace.html", title=trace_title(trace), blocks=trace_rows(trace, example),
                  loss=loss_line(trace))
