"""The learned representation: the plane carried through 2-unit hidden layers until one line separates the classes.

    rep = learned_representation()                     # nnviz.analysis.representation
    save(plot_representation(rep), "representation.html")    # a slider steps through the layers
    save(figure_representation(rep), "representation.pdf")    # every stage side by side

Positions come from the engine's trace of the data and of the grid lines (``Representation``).
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from nnviz.analysis.representation import Representation, Stage
from nnviz.engine.notation import format_number
from nnviz.plots import style
from nnviz.plots.page import page_defaults

SUPERSCRIPT = str.maketrans("0123456789()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁽⁾")


def stage_name(stage: Stage) -> str:
    """'x', 'zᵢₙ⁽¹⁾', 'z⁽¹⁾': the slides' names in plain text (slider labels take no markup)."""
    if stage.kind == "input":
        return "x"
    name = "zᵢₙ" if stage.kind == "affine" else "z"
    return name + f"({stage.layer})".translate(SUPERSCRIPT)


def _lines_xy(lines: np.ndarray) -> tuple[list, list]:
    xs, ys = [], []
    for line in lines:
        xs += line[:, 0].tolist() + [None]
        ys += line[:, 1].tolist() + [None]
    return xs, ys


def _window(data: np.ndarray, lines: np.ndarray, margin: float = 0.08) -> tuple[float, float, float, float]:
    points = np.concatenate([data, lines.reshape(-1, 2)])
    lo, hi = points.min(axis=0), points.max(axis=0)
    half = (hi - lo).max() / 2 * (1 + margin) + 1e-9  # square: angles and shapes read true
    centre = (lo + hi) / 2
    return (centre[0] - half, centre[0] + half, centre[1] - half, centre[1] + half)


def _boundary_xy(rep: Representation, window) -> tuple[list, list]:
    segment = rep.boundary(window)
    return ([], []) if segment is None else (segment[:, 0].tolist(), segment[:, 1].tolist())


def _frame_title(rep: Representation, stage: int, s: float) -> str:
    current = rep.stages[stage]
    if current.kind == "input":
        return "the input plane (x₁, x₂) with its grid and the data"
    word = "the affine map" if current.kind == "affine" else f"{rep.network.layers[current.layer - 1].activation.name}"
    what = (f"layer {current.layer}: {word} {stage_name(current)} = W{f'({current.layer})'.translate(SUPERSCRIPT)}ᵀ"
            f"z + b (shear, turn, stretch)" if current.kind == "affine" else
            f"layer {current.layer}: {word} bends the plane, {stage_name(current)} = "
            f"{word}({stage_name(rep.stages[stage - 1])})")
    done = f" — {round(100 * s)} % of the way" if s < 1 else ""
    last = stage == len(rep.stages) - 1 and s == 1
    tail = (f"<br><span style='font-size:15px'>the output unit's line uᵀz + c = 0 separates the classes: "
            f"accuracy {format_number(rep.accuracy, probability=True)}</span>") if last else ""
    return what + done + tail


def plot_representation(rep: Representation, per_step: int = 8, theme: str = "light") -> go.Figure:
    """A slider carries the plane (grid lines and data) through each layer: affine map, then the bend."""
    p = style.colors(theme)
    frames_data = rep.frames(per_step)
    fig = go.Figure()
    xs, ys = _lines_xy(frames_data[0][3])
    fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", name="grid lines of the input plane", hoverinfo="skip",
                             line=dict(color=p.muted, width=1)))
    classes = np.unique(rep.y).astype(int)
    for c in classes:
        mask = rep.y == c
        fig.add_trace(go.Scatter(x=frames_data[0][2][mask, 0], y=frames_data[0][2][mask, 1], mode="markers",
                                 name=f"class {c}", hoverinfo="skip", marker=dict(
                                     size=7, color=style.class_color(c, theme), symbol=style.CLASS_SYMBOLS[c],
                                     line=dict(color=p.background, width=1))))
    fig.add_trace(go.Scatter(x=[], y=[], mode="lines", name="the output unit's line uᵀz + c = 0",
                             line=dict(color=p.highlight, width=4)))
    frames, steps = [], []
    for k, (stage, s, data, lines) in enumerate(frames_data):
        window = _window(data, lines)
        xs, ys = _lines_xy(lines)
        last = stage == len(rep.stages) - 1 and s == 1
        bx, by = _boundary_xy(rep, window) if last else ([], [])
        traces = [go.Scatter(x=xs, y=ys)] + [go.Scatter(x=data[rep.y == c, 0], y=data[rep.y == c, 1]) for c in classes]
        traces.append(go.Scatter(x=bx, y=by))
        name = str(k)
        frames.append(go.Frame(name=name, data=traces, traces=list(range(len(traces))), layout=dict(
            title=dict(text=_frame_title(rep, stage, s)), xaxis=dict(range=list(window[:2])),
            yaxis=dict(range=list(window[2:])))))
        label = stage_name(rep.stages[stage]) if s == 1 or k == 0 else "·"
        steps.append(dict(label=label, method="animate", args=[[name], dict(
            mode="immediate", frame=dict(duration=0, redraw=True), transition=dict(duration=0))]))
    fig.frames = frames
    window = _window(frames_data[0][2], frames_data[0][3])
    shape = "-".join(map(str, rep.network.shape))
    fig.update_layout(**style.plotly_layout(
        theme, height=820, width=1000, margin=dict(l=60, r=30, t=120, b=150),
        title=dict(text=_frame_title(rep, 0, 0.0), x=0.02, font=dict(size=17)),
        legend=dict(orientation="h", x=0.0, y=1.0, yanchor="bottom", bgcolor=p.panel),
        xaxis=dict(range=list(window[:2]), title=dict(text=f"first coordinate (network {shape})"), zeroline=False,
                   gridcolor=p.grid),
        yaxis=dict(range=list(window[2:]), title=dict(text="second coordinate"), zeroline=False, gridcolor=p.grid,
                   scaleanchor="x", scaleratio=1),
        sliders=[dict(active=0, steps=steps, x=0.12, y=-0.08, len=0.88, yanchor="top", font=dict(color=p.text),
                      currentvalue=dict(visible=False))],
        updatemenus=[dict(type="buttons", x=0.0, y=-0.1, xanchor="left", yanchor="top", showactive=False,
                          bgcolor=p.panel, font=dict(color=p.text), buttons=[
                              dict(label="▶ Play", method="animate", args=[None, dict(
                                  frame=dict(duration=180, redraw=True), fromcurrent=True,
                                  transition=dict(duration=0))])])]))
    return page_defaults(fig)


def figure_representation(rep: Representation, theme: str = "light"):
    """Every stage side by side: the input plane, each layer's affine map and bend, the separating line."""
    from nnviz.plots.figure import SlideFigure

    p = style.colors(theme)
    with style.slide_style(theme):
        fig = SlideFigure(figsize=(4.4 * len(rep.stages), 5.4), layout="constrained")
        for ax, stage in zip(fig.subplots(1, len(rep.stages)), rep.stages):
            for line in stage.lines:
                ax.plot(line[:, 0], line[:, 1], color=p.muted, lw=0.7)
            for c in np.unique(rep.y).astype(int):
                mask = rep.y == c
                ax.scatter(stage.data[mask, 0], stage.data[mask, 1], s=12, color=style.class_color(c, theme),
                           marker=style.CLASS_MARKERS[c], edgecolor=p.background, linewidth=0.3, zorder=3)
            window = _window(stage.data, stage.lines)
            if stage is rep.stages[-1]:
                segment = rep.boundary(window)
                if segment is not None:
                    ax.plot(segment[:, 0], segment[:, 1], color=p.highlight, lw=3.5, zorder=4)
            ax.set(xlim=window[:2], ylim=window[2:], aspect="equal")
            ax.set_title(_panel_title(stage), fontsize=15)
            ax.tick_params(labelsize=11)
        fig.suptitle(f"The hidden layers change the space until one line separates the classes "
                     f"(accuracy {format_number(rep.accuracy, probability=True)})", fontsize=18)
    return fig


def _panel_title(stage: Stage) -> str:
    if stage.kind == "input":
        return "input $x$"
    if stage.kind == "affine":
        return f"$z_{{in}}^{{({stage.layer})}} = W^{{({stage.layer})T}} z + b$"
    return f"$z^{{({stage.layer})}} = \\tanh(z_{{in}}^{{({stage.layer})}})$"
