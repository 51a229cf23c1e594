"""A trace as LaTeX for Beamer: one aligned block per layer, each fitting a 16:9 frame.

    print(trace_latex(net.backward(net.forward(x), target=0)))   # every layer, then the gradients
    print(trace_latex(trace, layer=2))                             # one layer

Forward, per layer: ``z_in^(l) = W^(l)T z^(l-1) + b^(l)`` with its matrices, the vector of worked
sums, its values; then ``z^(l) = σ(z_in^(l))``. With a target: the loss and, per layer from the top,
the gradients of its output, its sum, its weights and its biases. Lines break before an ``=`` when
a frame would be too narrow. Numbers come from ``nnviz.analysis.worked``: the sums add up as written.
"""

from __future__ import annotations

import numpy as np

from nnviz.analysis.worked import Worked, join_vector, worked, written
from nnviz.engine.notation import layer_names
from nnviz.errors import NnvizError
from nnviz.latex.formulas import Piece, estimate, fit, mathnum, matrix, neuron, vector, vector_piece, width_of
from nnviz.latex.text import escape

MAX_SUM_INPUTS = 6  # wider layers skip the vector of worked sums (it would not fit a frame)
_CALL = {"relu": r"\max(0, {})", "sigmoid": r"\sigma({})", "tanh": r"\tanh({})", "step": r"\mathbb{{1}}[{} \geq 0]"}
_DERIVATIVE = {"relu": r"\mathrm{ReLU}'", "sigmoid": r"\sigma'", "tanh": r"\tanh'", "identity": r"\mathrm{id}'",
               "step": r"\mathbb{1}'", "softmax": r"\tau'"}


def _eq(piece_tex: str, width: float, sign: str = "=") -> Piece:
    return Piece(f"{sign} {piece_tex}", width + 1.5)


RISK = r"\mathcal{R}_{\mathrm{emp}}"


def _partial(of: str) -> str:
    return rf"\frac{{\partial {RISK}}}{{\partial {of}}}"


def _block(title: str, lines: list[str]) -> str:
    return "\n".join([f"% ---- {title} ----", r"\begin{align*}", " \\\\\n".join(lines), r"\end{align*}"])


def forward_block(w: Worked, k: int) -> str:
    """Layer ``k``'s block: its sum (symbolic, matrices, worked sums, values), then its activation."""
    trace = w.trace
    n, lt = len(trace.layers), trace.layers[k]
    names = layer_names(k, n)
    prev = r"\mathbf{x}" if k == 0 else layer_names(k - 1, n).z_out
    WT = matrix(lt.W.T.shape, lambda j, i: w.weight(k, i, j))  # the slides print W^T: neurons × inputs
    biases = [w.bias(k, j) for j in range(lt.W.shape[1])]
    inputs, bias = vector_piece(w.inputs(k)), vector_piece(biases, "pmatrix")
    sign = r"\approx" if w.sign(f"zin{k}") == "≈" else "="
    pieces = [_eq(f"{names.WT} {prev} + {names.b}", estimate(names.WT + prev + names.b)),
              Piece(f"= {WT.tex} {inputs.tex} + {bias.tex}", WT.width + inputs.width + bias.width + 3)]
    if lt.W.shape[0] <= MAX_SUM_INPUTS:
        sums = [w.sum_text(k, j) for j in range(lt.W.shape[1])]
        pieces.append(_eq(vector(sums), max(width_of(s) for s in sums) + 1.2))
    pieces.append(_eq(vector(w.z_in[k]), vector_piece(w.z_in[k]).width, sign))
    lines = fit(names.z_in, pieces)
    act = lt.activation
    z_out = vector_piece(w.z_out[k])
    zsign = r"\approx" if w.sign(f"z{k}") == "≈" else "="
    if act.name == "softmax" and w.exps is not None:
        exps = " + ".join(f"e^{{{t}}}" for t in w.z_in[k][:4]) + (r" + \dots" if len(w.exps) > 4 else "")
        values = " + ".join(w.exps[:4]) + (r" + \dots" if len(w.exps) > 4 else "")
        lines += fit(r"\textstyle\sum_{k'} e^{f_{in,k'}}",
                     [_eq(exps, width_of(exps)), _eq(values, width_of(values)), _eq(w.exp_sum, width_of(w.exp_sum))])
        fraction = rf"\frac{{1}}{{{w.exp_sum}}}"
        lines += fit(names.z_out, [_eq(rf"{act.latex}({names.z_in})", 4.0),
                                   _eq(fraction + vector(w.exps), vector_piece(w.exps).width + 3.0),
                                   _eq(z_out.tex, z_out.width, zsign)])
    elif act.name in _CALL:
        calls = [_CALL[act.name].format(t) for t in w.z_in[k]]
        lines += fit(names.z_out, [_eq(rf"{act.latex}({names.z_in})", estimate(act.latex + names.z_in)),
                                   _eq(vector(calls), max(width_of(t) for t in w.z_in[k]) + 5.0),
                                   _eq(z_out.tex, z_out.width, zsign)])
    else:
        lines += fit(names.z_out, [_eq(rf"{act.latex}({names.z_in})", 4.0), _eq(z_out.tex, z_out.width, zsign)])
    kind = "output layer" if names.is_output else f"hidden layer {k + 1}"
    return _block(f"{kind} ({act.name}): {lt.W.shape[0]} inputs, {lt.W.shape[1]} neurons", lines)


def loss_line(w: Worked) -> list[str]:
    """The loss: its formula, the written output put in, its value (that adds up as written)."""
    trace = w.trace
    y, f = trace.target[w.example], w.z_out[-1]
    name, sign = trace.loss_name, (r"\approx" if w.sign("loss") == "≈" else "=")
    numeric: list[str] = []
    if name == "cross-entropy" and np.count_nonzero(y) == 1 and np.max(y) == 1:
        c = int(np.argmax(y))
        formula = r"-\sum_k y_k \log f_k"
        numeric = [rf"-\log {neuron('out', len(trace.layers) - 1, len(trace.layers), c, len(y))}",
                   rf"-\log {f[c]}"]
    elif len(y) == 1:
        yt, ft = written(y[0]), f[0]
        formula, numeric = {
            "binary-cross-entropy": (r"-(y \log f + (1-y)\log(1-f))",
                                     [rf"-\log {ft}" if y[0] == 1 else rf"-\log(1 - {ft})" if y[0] == 0 else
                                      rf"-({yt} \log {ft} + (1-{yt})\log(1-{ft}))"]),
            "l2": (r"\tfrac{1}{2}(y - f)^2", [rf"\tfrac{{1}}{{2}}({yt} - {ft})^2"]),
            "l1": (r"|y - f|", [rf"|{yt} - {ft}|"]),
        }.get(name, (r"L(y, f)", []))
    else:
        formula = {"binary-cross-entropy": r"-\sum_k (y_k \log f_k + (1-y_k)\log(1-f_k))",
                   "l2": r"\tfrac{1}{2}\sum_k (y_k - f_k)^2", "l1": r"\sum_k |y_k - f_k|",
                   "cross-entropy": r"-\sum_k y_k \log f_k"}.get(name, "L(y, f)")
    pieces = [_eq(formula, estimate(formula))] + [_eq(t, estimate(t)) for t in numeric]
    pieces.append(_eq(w.loss, width_of(w.loss), sign))
    return fit(RISK, pieces)


def backward_block(w: Worked, k: int) -> str:
    """Layer ``k``'s gradients: of its output, its sum, its weights (as the slides print W^T) and biases."""
    trace = w.trace
    n, lt = len(trace.layers), trace.layers[k]
    names = layer_names(k, n)
    lines: list[str] = []
    g_out, g_in = vector_piece(w.gradient(k, "grad_z_out")), vector_piece(w.gradient(k, "grad_z_in"))
    if names.is_output:
        lines += loss_line(w)
        fused = trace.network is not None and _fused(trace.loss_name, lt.activation.name)
        if fused:
            f, y = vector_piece(w.z_out[k]), vector_piece([written(v) for v in trace.target[w.example]])
            lines += fit(_partial(names.z_in), [_eq(r"\mathbf{f} - \mathbf{y}", 3.0),
                                                Piece(f"= {f.tex} - {y.tex}", f.width + y.width + 2.5),
                                                _eq(g_in.tex, g_in.width)])
        else:
            lines += fit(_partial(names.z_out), [_eq(g_out.tex, g_out.width)])
    else:
        after = layer_names(k + 1, n)
        lines += fit(_partial(names.z_out), [_eq(f"{after.W} {_partial(after.z_in)}", 6.0),
                                             _eq(g_out.tex, g_out.width)])
    if not (names.is_output and _fused(trace.loss_name, lt.activation.name)):
        derivative = _DERIVATIVE.get(lt.activation.name, "")
        lines += fit(_partial(names.z_in), [_eq(rf"{_partial(names.z_out)} \odot {derivative}({names.z_in})", 9.0),
                                            _eq(g_in.tex, g_in.width)])
    prev = r"\mathbf{x}" if k == 0 else layer_names(k - 1, n).z_out
    grad_WT = matrix(lt.W.T.shape, lambda j, i: w.gradient(k, "grad_W", i, j))
    lines += fit(_partial(names.WT), [_eq(rf"{_partial(names.z_in)} {{{prev}}}^T", 6.0),
                                      _eq(grad_WT.tex, grad_WT.width)])
    lines += fit(_partial(names.b), [_eq(_partial(names.z_in), 3.0), _eq(g_in.tex, g_in.width)])
    kind = "output layer" if names.is_output else f"hidden layer {k + 1}"
    return _block(f"backward, {kind}", lines)


def _fused(loss: str | None, activation: str) -> bool:
    from nnviz.engine.losses import get_loss

    return loss is not None and get_loss(loss).fused_with == activation


def trace_latex(trace, example: int = 0, layer: int | None = None) -> str:
    """LaTeX blocks (amsmath ``align*``) for Beamer frames: every layer, or only ``layer`` (1-based)."""
    n = len(trace.layers)
    name = trace.network.name if trace.network is not None else "network"
    if layer is not None and not 1 <= layer <= n:
        raise NnvizError(f"layer: {layer} is not a layer of {name} (layers 1 to {n}; the output is {n})")
    w = worked(trace, example)
    shape = "-".join(str(s) for s in trace.network.shape) if trace.network is not None else ""
    about = f"x = {join_vector(w.x)}"
    if trace.loss is not None:
        about += f", target y = {join_vector([written(v) for v in trace.target[example]])}, {trace.loss_name} loss"
    layers = range(n) if layer is None else [layer - 1]
    out = [f"% nnviz trace of {escape(name)} ({shape}) at {about}.",
           "% One aligned block per layer (amsmath's align*, which Beamer loads): each fits a 16:9 frame.",
           "% Numbers as on the slides; where a sum needs more digits to add up as written, its terms have them."]
    out += [forward_block(w, k) for k in layers]
    if trace.has_gradients:
        out += [backward_block(w, k) for k in sorted(layers, reverse=True)]
    return "\n".join(out) + "\n"


__all__ = ["backward_block", "forward_block", "loss_line", "mathnum", "trace_latex"]
