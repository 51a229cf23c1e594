"""LaTeX for slides: the network diagram as a TikZ picture, a Beamer frame that builds the forward
pass step by step with overlays, and a trace as aligned blocks that fit a 16:9 frame.

    from nnviz.latex import tikz_document, beamer_document, trace_latex
    tikz_document(diagram_layout(trace))     # a standalone .tex, also \\input-able into a frame
    beamer_document(trace)                   # one page per step
    trace_latex(trace, layer=2)              # one layer's block

Everything here returns text; nothing runs LaTeX. Numbers are written as ``nnviz.analysis.worked``
writes them, so every worked sum adds up as written.
"""

from nnviz.latex.beamer import beamer_document, beamer_frame, beamer_steps
from nnviz.latex.tikz import tikz_document, tikz_picture
from nnviz.latex.trace import trace_latex

__all__ = ["beamer_document", "beamer_frame", "beamer_steps", "tikz_document", "tikz_picture", "trace_latex"]
