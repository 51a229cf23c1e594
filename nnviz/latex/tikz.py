"""The network diagram as a TikZ picture: the same layout, the same numbers as the matplotlib figure.

    layout = diagram_layout(trace, show="values,weights")
    tex = tikz_document(layout)          # compiles alone with pdflatex or lualatex
    body = tikz_picture(layout)          # just the tikzpicture, for your own document

Only TikZ is needed (no TikZ library). The colours are defined inside the picture from the
palette, by role (``nnvizpositive``, ``nnviznegative``, ``nnvizvalue``, …), so the picture can be
``\\input`` anywhere. ``overlay(key)`` lets the Beamer frame reveal a value at its step.
"""

from __future__ import annotations

from collections.abc import Callable

from nnviz.analysis.diagram_layout import DiagramLayout, Text
from nnviz.latex.text import colour_name, define_colours, escape, latex_run
from nnviz.palette import palette

Overlay = Callable[[tuple], str | None]  # a run's or a node's key → a Beamer overlay spec, e.g. "3-"

HOW_TO_USE = r"""% Compile it alone:  pdflatex {name}   (or lualatex {name}); it needs TikZ only.
% In Beamer, put \usepackage{{standalone}} in the preamble (TikZ is loaded by Beamer), then in a frame
%   \begin{{frame}}\centering \input{{{name}}} \end{{frame}}              at its natural size, or
%   \begin{{frame}}\centering \includestandalone[width=\linewidth]{{{stem}}} \end{{frame}}   to the frame's width.
% The colours are defined inside the picture, named by their role in nnviz's palette: nnvizpositive and
% nnviznegative (the sign of a weight), nnvizvalue, nnvizgradient, nnvizhighlight, nnviztext, nnvizmuted.
"""


def _num(v: float) -> str:
    text = f"{v:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _font(size: float, bold: bool = False) -> str:
    return f"\\sffamily\\fontsize{{{_num(size)}}}{{{_num(size * 1.2)}}}\\selectfont" + ("\\bfseries" if bold else "")


def text_node(t: Text, overlay: Overlay | None = None) -> str:
    """One line of text as a TikZ node, its runs revealed by ``overlay`` where it gives a spec."""
    anchor = {"left": "west", "center": "center", "right": "east"}[t.ha]
    parts = []
    for run in t.runs:
        body = latex_run(run)
        spec = overlay(run.key) if overlay and run.key else None
        # braced: a bare overlay command inside a node's text trips TikZ's path parser
        parts.append(f"{{\\visible<{spec}>{{{body}}}}}" if spec else body)
    return (f"\\node[anchor={anchor}, text={colour_name(t.role)}, font={_font(t.size, t.group == 'title')}] "
            f"at ({_num(t.x)},{_num(t.y)}) {{{''.join(parts)}}};")


def tikz_picture(layout: DiagramLayout, theme: str = "light", *, overlay: Overlay | None = None,
                 highlight: Callable[[tuple], str | None] | None = None) -> str:
    """The ``tikzpicture`` of a layout (colours defined inside it). ``overlay`` maps a run's key to a
    Beamer overlay spec; ``highlight`` maps a node's (column, neuron) to the slides where it is ringed."""
    colours = palette(theme)
    x0, y0, x1, y1 = layout.extent
    scale = layout.sizes.value / 9
    lines = [r"\begin{tikzpicture}[x=1cm, y=1cm, every node/.style={inner sep=0pt, outer sep=0pt, "
             r"text height=0.7em, text depth=0.2em, font=\sffamily}]",
             f"% colours: nnviz palette {colours.name!r}, by role", *define_colours(colours),
             f"\\fill[{colour_name('background')}] ({_num(x0)},{_num(y0)}) rectangle ({_num(x1)},{_num(y1)});",
             "% edges: colour by the sign of the weight, width by its size"]
    for e in layout.edges:
        lines.append(f"\\draw[{colour_name(e.role)}, line width={_num(e.width)}pt, draw opacity={_num(e.opacity)}] "
                     f"({_num(e.x0)},{_num(e.y0)}) -- ({_num(e.x1)},{_num(e.y1)});")
    for p in layout.paths:
        points = " -- ".join(f"({_num(x)},{_num(y)})" for x, y in p.points)
        lines.append(f"\\draw[{colour_name(p.role)}, line width={_num(p.width)}pt] {points};")
    lines.append("% neurons")
    for n in layout.nodes:
        lines.append(f"\\draw[{colour_name('node_stroke')}, fill={colour_name('node_fill')}, "
                     f"line width={_num(1.2 * scale)}pt] ({_num(n.x)},{_num(n.y)}) circle[radius={_num(n.r)}];")
        spec = highlight((n.column, n.neuron)) if highlight else None
        if spec:
            lines.append(f"\\only<{spec}>{{\\draw[{colour_name('highlight')}, line width={_num(2.4 * scale)}pt] "
                         f"({_num(n.x)},{_num(n.y)}) circle[radius={_num(n.r)}];}}")
    lines.append("% labels: weights on their edges, values beside their nodes")
    for b in layout.boxes:
        box = f"\\fill[{colour_name(b.role)}] ({_num(b.x0)},{_num(b.y0)}) rectangle ({_num(b.x1)},{_num(b.y1)});"
        spec = overlay(b.key) if overlay and b.key else None
        lines.append(f"\\visible<{spec}>{{{box}}}" if spec else box)
    lines += [text_node(t, overlay) for t in layout.texts]
    lines.append(r"\end{tikzpicture}")
    return "\n".join(lines)


def header(layout: DiagramLayout, name: str, command: str | None = None) -> str:
    """The comment that opens a .tex file: what it shows and how to use it."""
    net = layout.network
    shape = "-".join(map(str, net.shape))
    made = f"% Made by: {escape(command)}\n" if command else ""
    stem = name.rsplit(".", 1)[0]
    return (f"% nnviz: diagram of {escape(net.name)} ({shape}), showing {', '.join(layout.show) or 'the network'}.\n"
            f"{made}{HOW_TO_USE.format(name=name, stem=stem)}")


def tikz_document(layout: DiagramLayout, theme: str = "light", *, name: str = "diagram.tex",
                  command: str | None = None) -> str:
    """A standalone LaTeX file: the picture, compilable alone and ``\\input``-able into a Beamer frame."""
    return "\n".join([header(layout, name, command),
                      r"\documentclass[border=2pt]{standalone}",
                      r"\usepackage{fix-cm}  % Computer Modern at any size",
                      r"\usepackage{tikz}",
                      r"\begin{document}",
                      tikz_picture(layout, theme),
                      r"\end{document}", ""])


__all__ = ["HOW_TO_USE", "tikz_document", "tikz_picture", "text_node"]
