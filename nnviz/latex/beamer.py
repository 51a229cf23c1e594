"""The forward pass as a Beamer frame that builds up step by step, one overlay per step.

    frame = beamer_frame(trace)          # paste into your slides (needs \\usepackage{tikz})
    tex = beamer_document(trace)         # a complete 16:9 presentation: one page per step

The frame shows the network (TikZ, the same layout as the figure) and, below it, the worked lines.
Step 1 shows the input. Then layer by layer: the layer's formula (symbolic), each neuron's worked
sum with its value (numeric, then the value appears beside the neuron, which is ringed), the
activation of the whole layer; for a softmax output its exponentials and their sum, then the
probabilities; then the loss if the trace has one. Each step carries a sentence as a Beamer note.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from nnviz.analysis.diagram_layout import Sizes, diagram_layout
from nnviz.analysis.worked import Worked, activation_call, elided, join_vector, worked
from nnviz.engine.notation import layer_names
from nnviz.latex.formulas import Piece, estimate, mathnum, neuron, width_of
from nnviz.latex.text import escape
from nnviz.latex.tikz import tikz_picture
from nnviz.latex.trace import loss_line

MAX_WORKED = 4  # neurons per layer whose sums are written out; the others appear together
MAX_TERMS = 8  # products of a sum written out; a wider layer's sum shows the first ones, …, the last
FRAME_WIDTH, DIAGRAM_HEIGHT = 13.9, 4.5  # cm: a 16:9 frame's text width, and the diagram's share
LINE_EM = 37.0  # a worked line's width in ems of \small (the frame is 39.8)


@dataclass
class Steps:
    """What appears when: lines (tex, first, last step), value keys → step, ringed nodes → step."""

    words: list[str] = field(default_factory=list)
    lines: list[tuple[str, int, int]] = field(default_factory=list)
    shows: dict[tuple, int] = field(default_factory=dict)
    rings: dict[tuple, int] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return len(self.words)

    def step(self, words: str) -> int:
        self.words.append(words)
        return self.count


def _wrap(first: str, pieces: list[Piece], budget: float = LINE_EM) -> list[str]:
    """Math lines no wider than ``budget`` ems: breaks before a piece, the rest indented."""
    lines, current, used = [], [first], estimate(first)
    for piece in pieces:
        if used + piece.width > budget and len(current) > 1:
            lines.append(" ".join(current))
            current, used = [r"\qquad"], 2.0
        current.append(piece.tex)
        used += piece.width
    lines.append(" ".join(current))
    return lines


def _eq(tex: str, width: float | None = None, sign: str = "=") -> Piece:
    return Piece(f"{sign} {tex}", (width if width is not None else width_of(tex)) + 1.5)


def _row(texts: list[str]) -> str:
    """``(7, 1, -4)`` in math, elided past eight entries; a single number stays bare."""
    if len(texts) == 1:
        return mathnum(texts[0])
    keep = elided(len(texts), 8)
    return "(" + ", ".join(r"\dots" if i is None else mathnum(texts[i]) for i in keep) + ")"


def beamer_steps(trace, example: int = 0, max_neurons: int = 8) -> Steps:
    """The steps of the frame, with the lines and values each reveals."""
    w = worked(trace, example, max_neurons)
    s = Steps()
    first = s.step(f"The input x = {join_vector(w.x)}.")
    s.lines.append((rf"\mathbf{{x}} = {_row(w.x)}", first, first))
    output_lines = 0
    for k in range(len(trace.layers)):
        output_lines = len(s.lines)
        _layer_steps(s, w, k, max_neurons)
    output_end = s.count
    if trace.loss is not None and w.loss is not None:
        at = s.step(f"The loss compares the output with the target: R = {w.loss}.")
        s.lines += [(line, at, at) for line in _unalign(loss_line(w))]
    # the last page is the slide: the output layer's results stay up with the loss
    s.lines[output_lines:] = [(tex, first, s.count if last == output_end else last)
                              for tex, first, last in s.lines[output_lines:]]
    return s


def _unalign(lines: list[str]) -> list[str]:
    return [line.replace(" &", " ", 1) if k == 0 else r"\qquad " + line.replace("&", "", 1)
            for k, line in enumerate(lines)]


def _layer_steps(s: Steps, w: Worked, k: int, max_neurons: int) -> None:
    """A layer: its formula; each neuron's sum and value (ringed); the activation of the whole layer.

    The formula stays up for the whole layer; the sums stay until the activation, where the
    vector of sums replaces them, so that the frame never holds more than about six lines.
    """
    trace, n = w.trace, len(w.trace.layers)
    lt, names, column = trace.layers[k], layer_names(k, n), k + 1
    prev = r"\mathbf{x}" if k == 0 else layer_names(k - 1, n).z_out
    kind = "output layer" if names.is_output else f"hidden layer {k + 1}"
    at = s.step(f"The {kind}: each neuron sums its inputs times its weights, plus its bias.")
    formula = [(f"{names.z_in} = {names.WT} {prev} + {names.b}", at)]
    shown = [j for j in elided(lt.W.shape[1], max_neurons) if j is not None]
    sign = r"\approx" if w.sign(f"zin{k}") == "≈" else "="
    sums = []
    for j in shown[:MAX_WORKED]:
        at = s.step(f"Neuron {j + 1}: {w.sum_text(k, j, MAX_TERMS)} = {w.z_in[k][j]}.")
        terms = w.sum_terms(k, j, MAX_TERMS)
        pieces = [Piece(("" if i == 0 else "+ ") + mathnum(t), width_of(t) + 1.3) for i, t in enumerate(terms)]
        pieces.append(_eq(w.z_in[k][j], sign=sign))
        sums += [(line, at) for line in _wrap(f"{neuron('in', k, n, j, lt.W.shape[1])} =", pieces)]
        s.shows[("zin", column, j)] = at
        s.rings[(column, j)] = at
    vector_line = _wrap(f"{names.z_in} {sign}", [Piece(_row(w.z_in[k]), 20)])
    others = None
    if len(shown) > MAX_WORKED or lt.W.shape[1] > len(shown):
        at = others = s.step(f"The other neurons of the {kind} in the same way.")
        for j in shown[MAX_WORKED:]:
            s.shows[("zin", column, j)] = at
    act, results = lt.activation.name, []
    zsign = r"\approx" if w.sign(f"z{k}") == "≈" else "="
    if act == "softmax" and w.exps is not None:
        at = s.step("Softmax: first the exponentials and their sum.")
        exps = [Piece(f"e^{{{z}}} = {e}" + (r",\;" if i < len(w.exps) - 1 else ""), width_of(z + e) + 4)
                for i, (z, e) in enumerate(zip(w.z_in[k][:6], w.exps))]
        total = " + ".join(w.exps[:6]) + (r" + \dots" if len(w.exps) > 6 else "")
        results += [(line, at) for line in _wrap(exps[0].tex, exps[1:])]
        results += [(line, at) for line in _wrap(r"\textstyle\sum_{k'} e^{f_{in,k'}}", [_eq(total), _eq(w.exp_sum)])]
        at = s.step("Then each exponential divided by the sum: the probabilities.")
        parts = [f"{e}/{w.exp_sum}" for e in w.exps]
        results += [(line, at) for line in _wrap(f"{names.z_out} = \\tau({names.z_in})",
                                                 [_eq(_row(parts), sum(width_of(p) for p in parts[:8]) + 3),
                                                  _eq(_row(w.z_out[k]), sign=zsign)])]
    elif act != "identity":
        at = s.step(f"The activation {act} of every neuron of the {kind}.")
        calls = [_tex_call(activation_call(act, z)) for z in w.z_in[k]]
        results += [(line, at) for line in _wrap(f"{names.z_out} = {lt.activation.latex}({names.z_in})",
                                                 [_eq(_row(calls), sum(width_of(c) for c in calls[:8]) + 2),
                                                  _eq(_row(w.z_out[k]), sign=zsign)])]
    for j in shown:
        s.shows[("z", column, j)] = at if act != "identity" else s.shows.get(("zin", column, j), at)
    end = s.count
    activation = results[0][1] if results else None
    sums_end = activation - 1 if activation else end
    vector_from = others or activation
    s.lines += [(tex, first, end) for tex, first in formula]
    s.lines += [(tex, first, sums_end) for tex, first in sums]
    if vector_from:
        s.lines += [(tex, vector_from, end) for tex in vector_line]
    s.lines += [(tex, first, end) for tex, first in results]


def _tex_call(call: str) -> str:
    """``σ(-3)`` → ``\\sigma(-3)``, ``max(0, 79)`` → ``\\max(0, 79)``."""
    for plain, tex in (("σ", r"\sigma"), ("τ", r"\tau"), ("max", r"\max"), ("tanh", r"\tanh"),
                       ("step", r"\mathrm{step}")):
        call = call.replace(plain, tex)
    return call


def _spec(first: int, last: int) -> str:
    return f"{first}-{last}" if last > first else f"{first}"


def beamer_frame(trace, theme: str = "light", *, example: int = 0, title: str | None = None,
                 max_neurons: int = 8) -> str:
    """One Beamer frame (16:9) that builds the forward pass, one overlay per step."""
    steps = beamer_steps(trace, example, max_neurons)
    last = steps.count
    layout = diagram_layout(trace, show=("values",), max_neurons=max_neurons, example=example,
                            sizes=Sizes(), heading=False, legend="edges").fitted(FRAME_WIDTH, DIAGRAM_HEIGHT, 1.4)

    def overlay(key: tuple) -> str | None:
        kind = key[0]
        if kind == "x":
            return None
        at = steps.shows.get(key) if kind in ("zin", "z") else None
        return f"{at}-" if at else None

    def ring(node: tuple) -> str | None:
        at = steps.rings.get(node)
        return str(at) if at else None

    name = trace.network.name if trace.network is not None else "network"
    heading = escape(title) if title is not None else f"{escape(name)}: the forward pass, step by step"
    shape = "-".join(map(str, trace.network.shape)) if trace.network is not None else ""
    x = join_vector(worked(trace, example, max_neurons).x)
    out = [f"% nnviz: the forward pass of {escape(name)} ({shape}) for x = {x}, "
           f"{last} steps, one overlay (one page) per step.",
           r"% Needs \usepackage{tikz} in the preamble of a 16:9 Beamer presentation "
           r"(\documentclass[aspectratio=169]{beamer}).",
           f"\\begin{{frame}}[t]{{{heading}}}", r"\centering",
           tikz_picture(layout, theme, overlay=overlay, highlight=ring),
           r"\par\vspace{1.5mm}",
           r"\begin{minipage}[t]{\linewidth}\small"]
    for tex, first, end in steps.lines:
        out.append(f"\\only<{_spec(first, end)}>{{${tex}$\\par}}")
    out.append(r"\end{minipage}")
    out += [f"\\note<{k + 1}>{{{escape(words)}}}" for k, words in enumerate(steps.words)]
    out.append(r"\end{frame}")
    return "\n".join(out) + "\n"


def beamer_document(trace, theme: str = "light", *, example: int = 0, title: str | None = None,
                    max_neurons: int = 8) -> str:
    """A complete 16:9 Beamer presentation around ``beamer_frame``: pdflatex or lualatex compile it."""
    from nnviz.palette import palette

    colours = palette(theme)
    background = colours.background.lstrip("#").upper()
    text = colours.text.lstrip("#").upper()
    return "\n".join([
        "% nnviz: a Beamer presentation of the forward pass, one page per step. Compile: pdflatex FILE.tex",
        r"\documentclass[aspectratio=169]{beamer}",
        r"\usepackage{fix-cm}  % Computer Modern at any size",
        r"\usepackage{tikz}",
        r"\setbeamertemplate{navigation symbols}{}",
        f"\\definecolor{{nnvizbg}}{{HTML}}{{{background}}}\\definecolor{{nnvizfg}}{{HTML}}{{{text}}}",
        r"\setbeamercolor{background canvas}{bg=nnvizbg}",
        r"\setbeamercolor{normal text}{fg=nnvizfg}\setbeamercolor{frametitle}{fg=nnvizfg}",
        r"\begin{document}",
        beamer_frame(trace, theme, example=example, title=title, max_neurons=max_neurons).rstrip(),
        r"\end{document}", ""])


__all__ = ["MAX_WORKED", "Steps", "beamer_document", "beamer_frame", "beamer_steps"]
