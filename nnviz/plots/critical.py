"""A loss landscape with the slide's features: minima, saddles, a maximum, and gradient descent into each minimum.

    example = symmetric_example()                  # nnviz.analysis.critical
    save(plot_critical_landscape(example), "minima.html")
    save(figure_critical_landscape(example), "minima.pdf")

Markers say what the Hessian of R on Θ says there: its eigenvalues' signs, (+, +) a minimum,
(−, +) a saddle, (−, −) a maximum. Everything drawn is recorded in the ``CriticalLandscape``.
"""

from __future__ import annotations

import textwrap

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from nnviz.analysis.critical import CriticalLandscape, CriticalPoint
from nnviz.engine.notation import format_number
from nnviz.plots import style
from nnviz.plots.landscape import loss_text
from nnviz.plots.page import page_defaults

MARKS = {"minimum": ("star", "*", "minimum"), "saddle": ("x", "X", "saddle"),
         "maximum": ("triangle-up", "^", "maximum")}
ARGMIN_HTML = "θ<sub>opt</sub> = argmin<sub>θ∈Θ</sub> R(θ)"
ARGMIN_TEX = r"$\theta_{opt} = \mathrm{argmin}_{\theta \in \Theta}\, \mathcal{R}(\theta)$"
FRAMES = 40


def label(point: CriticalPoint) -> str:
    """'saddle (−, +)': the kind and the signs of the Hessian's eigenvalues."""
    return f"{point.kind} {point.signs}"


def _point_text(point: CriticalPoint, example: CriticalLandscape) -> str:
    names = [example.landscape.axis_short(k) for k in (0, 1)]
    values = ", ".join(f"{v:.3g}" for v in point.eigenvalues)
    return (f"{label(point)}<br>{names[0]} {format_number(point.alpha)}, {names[1]} {format_number(point.beta)}"
            f"<br>R(θ) {loss_text(point.loss)}<br>Hessian eigenvalues {values}")


def summary(example: CriticalLandscape) -> str:
    """One line: how many minima, saddles and maxima, and the lowest risk."""
    counts = [len([p for p in example.critical if p.kind == kind]) for kind in ("minimum", "saddle", "maximum")]
    words = [f"{n} {kind if n == 1 else kind.replace('um', 'a').replace('le', 'les')}"
             for n, kind in zip(counts, ("minimum", "saddle", "maximum")) if n]
    low = example.argmin
    return (f"{', '.join(words)} on Θ; gradient descent from {len(example.runs)} nearby starts ends in "
            f"{len({run.minimum for run in example.runs})} different minima; lowest R(θ) = {loss_text(low[0].loss)}"
            + (f", reached at {len(low)} points (the argmin is a set)" if len(low) > 1 else ""))


def _run_positions(example: CriticalLandscape, k: int, frames: int) -> tuple[list, list, list]:
    """Where every run is at frame k of ``frames`` (each run's steps spread over the frames)."""
    xs, ys, zs = [], [], []
    for run in example.runs:
        t = min(len(run.alpha) - 1, int(round(k / (frames - 1) * (len(run.alpha) - 1))))
        xs.append(float(run.alpha[t]))
        ys.append(float(run.beta[t]))
        zs.append(float(run.loss[t]))
    return xs, ys, zs


def plot_critical_landscape(example: CriticalLandscape, theme: str = "light") -> go.Figure:
    """R(θ) over the plane Θ in 3-D and from above, its critical points marked, descent runs with a slider."""
    p = style.colors(theme)
    land = example.landscape
    fig = make_subplots(rows=1, cols=2, specs=[[{"type": "scene"}, {"type": "xy"}]], column_widths=[0.5, 0.5],
                        horizontal_spacing=0.12)
    names = [land.axis_short(k) for k in (0, 1)]
    fmt, losses = np.vectorize(format_number, otypes=[str]), np.vectorize(loss_text, otypes=[str])
    A, B = np.meshgrid(land.alpha, land.beta)
    hover = np.char.add(np.char.add(np.char.add(f"{names[0]} ", fmt(A)), np.char.add(f"<br>{names[1]} ", fmt(B))),
                        np.char.add("<br>R(θ) ", losses(land.loss)))
    fig.add_trace(go.Surface(x=land.alpha, y=land.beta, z=land.loss, colorscale=style.SURFACE_SCALE, text=hover,
                             hoverinfo="text", showscale=False, name="R(θ)", opacity=0.95), 1, 1)
    fig.add_trace(go.Contour(x=land.alpha, y=land.beta, z=np.log10(land.loss), colorscale=style.SURFACE_SCALE,
                             ncontours=30, text=hover, hoverinfo="text", name="log₁₀ R(θ)",
                             colorbar=dict(title=dict(text="log₁₀ R(θ)"), thickness=14),
                             line=dict(width=0.5, color=p.background)), 1, 2)
    run_colors = style.tints(len(example.runs), theme, strength=1.0)
    for run, color in zip(example.runs, run_colors):
        fig.add_trace(go.Scatter3d(x=run.alpha, y=run.beta, z=run.loss + 0.01, mode="lines", showlegend=False,
                                   line=dict(color=color, width=6), hoverinfo="skip"), 1, 1)
        fig.add_trace(go.Scatter(x=run.alpha, y=run.beta, mode="lines", showlegend=False, hoverinfo="skip",
                                 line=dict(color=color, width=3)), 1, 2)
    for kind, (symbol, _, word) in MARKS.items():
        points = [q for q in example.critical if q.kind == kind]
        if not points:
            continue
        text = [_point_text(q, example) for q in points]
        fig.add_trace(go.Scatter(
            x=[q.alpha for q in points], y=[q.beta for q in points], mode="markers", name=f"{word} {points[0].signs}",
            hovertext=text, hoverinfo="text", marker=dict(symbol=symbol, size=16, color=p.background,
                                                          line=dict(color=p.text, width=2))), 1, 2)
        for q in points:
            fig.add_annotation(x=q.alpha, y=q.beta, text=q.signs, showarrow=False, yshift=-24,
                               font=dict(size=14, color=p.text), bgcolor=p.panel, opacity=0.9, row=1, col=2)
        fig.add_trace(go.Scatter3d(x=[q.alpha for q in points], y=[q.beta for q in points],
                                   z=[q.loss + 0.02 for q in points], mode="markers", showlegend=False, hovertext=text,
                                   hoverinfo="text", marker=dict(size=5, color=p.background,
                                                                 line=dict(color=p.text, width=2))), 1, 1)
    for q in example.argmin:
        fig.add_annotation(x=q.alpha, y=q.beta, text="argmin", showarrow=True, arrowcolor=p.text, ax=0, ay=-34,
                           font=dict(size=14, color=p.text), bgcolor=p.panel, row=1, col=2)
    moving = len(fig.data)
    xs, ys, zs = _run_positions(example, 0, FRAMES)
    fig.add_trace(go.Scatter(x=xs, y=ys, mode="markers", name="gradient descent", hoverinfo="skip",
                             marker=dict(size=13, color=run_colors, line=dict(color=p.text, width=2))), 1, 2)
    fig.add_trace(go.Scatter3d(x=xs, y=ys, z=np.array(zs) + 0.02, mode="markers", showlegend=False,
                               hoverinfo="skip", marker=dict(size=6, color=run_colors)), 1, 1)
    _descent_slider(fig, example, moving, theme)
    page_defaults(fig)
    fig.update_xaxes(title_text=land.axis_label(0), row=1, col=2)
    fig.update_yaxes(title_text=land.axis_label(1), scaleanchor="x", row=1, col=2)
    fig.update_scenes(xaxis_title=names[0], yaxis_title=names[1], zaxis_title="R(θ)", aspectmode="manual",
                      aspectratio=dict(x=1, y=1, z=0.6), camera=dict(eye=dict(x=1.4, y=-1.65, z=1.2)),
                      **style.scene_axes(theme))
    fig.update_layout(**style.plotly_layout(
        theme, height=780, margin=dict(l=70, r=20, t=170, b=110),  # no width: the window's
        title=dict(text=f"R(θ): the risk ({land.loss_name.upper()} loss) of a {land.network.name} on Θ — "
                        f"{ARGMIN_HTML}", x=0.02,
                   subtitle=dict(text="<br>".join([example.description, *textwrap.wrap(summary(example), 120)]),
                                 font=dict(size=14, color=p.muted))),
        legend=dict(orientation="h", x=0.55, y=-0.12, bgcolor=p.panel, bordercolor=p.grid, borderwidth=1)))
    return fig


def _descent_slider(fig: go.Figure, example: CriticalLandscape, moving: int, theme) -> None:
    """A slider over the descent: every run's ball moves on both panels."""
    p = style.colors(theme)
    steps, frames = [], []
    for k in range(FRAMES):
        xs, ys, zs = _run_positions(example, k, FRAMES)
        name = str(k)
        frames.append(go.Frame(name=name, traces=[moving, moving + 1], data=[
            go.Scatter(x=xs, y=ys), go.Scatter3d(x=xs, y=ys, z=np.array(zs) + 0.02)]))
        steps.append(dict(label=f"{round(100 * k / (FRAMES - 1))} %", method="animate",
                          args=[[name], dict(mode="immediate", frame=dict(duration=0, redraw=True),
                                             transition=dict(duration=0))]))
    fig.frames = frames
    fig.update_layout(sliders=[dict(active=0, steps=steps, x=0.0, y=-0.02, len=0.5, yanchor="top",
                                    font=dict(color=p.text), currentvalue=dict(
                                        prefix="gradient descent, share of each run's steps: ",
                                        font=dict(size=14, color=p.text)))])


def figure_critical_landscape(example: CriticalLandscape, theme: str = "light", ax=None):
    """The slide: log R(θ) from above, minima, saddles and maximum with their Hessians' signs, the runs."""
    from matplotlib.patheffects import withStroke

    from nnviz.plots.figure import SlideFigure

    p = style.colors(theme)
    land = example.landscape
    box = dict(boxstyle="round,pad=0.2", facecolor=p.panel, edgecolor="none", alpha=0.85)
    with style.slide_style(theme):
        if ax is None:
            fig = SlideFigure(figsize=(11, 9), layout="constrained")
            ax = fig.add_subplot()
        fig = ax.figure
        levels = np.geomspace(land.loss.min(), land.loss.max(), 30)
        filled = ax.contourf(land.alpha, land.beta, land.loss, levels=levels, cmap="viridis",
                             norm=_log_norm(levels))
        for saddle in example.saddles[:1]:  # the level set through a saddle: where two basins meet
            ax.contour(land.alpha, land.beta, land.loss, levels=[saddle.loss], colors=p.background,
                       linewidths=1.5, linestyles="--")
        for run, color in zip(example.runs, style.tints(len(example.runs), theme, strength=1.0)):
            ax.plot(run.alpha, run.beta, color=color, linewidth=3, path_effects=[withStroke(linewidth=5,
                                                                                             foreground=p.background)])
            ax.scatter([run.alpha[0]], [run.beta[0]], s=60, color=color, edgecolors=p.background, zorder=5)
        for q in example.critical:
            _, marker, _ = MARKS[q.kind]
            ax.scatter([q.alpha], [q.beta], marker=marker, s=300, color=p.background, edgecolors=p.text,
                       linewidths=1.5, zorder=6)
            ax.annotate(f"{q.kind} {q.signs}", (q.alpha, q.beta), xytext=(0, -28), textcoords="offset points",
                        ha="center", fontsize=14, color=p.text, bbox=box, zorder=7)
        for q in example.argmin:
            ax.annotate("argmin", (q.alpha, q.beta), xytext=(0, 20), textcoords="offset points", ha="center",
                        fontsize=14, color=p.text, bbox=box, zorder=7)
        ax.set(xlabel=land.axis_label(0), ylabel=land.axis_label(1), aspect="equal")
        fig.colorbar(filled, ax=ax, label=r"$\mathcal{R}(\theta)$", shrink=0.8, format="%.3g")
        ax.set_title(f"{ARGMIN_TEX}\n{style.plain(example.description)}\nsigns of the Hessian's eigenvalues: "
                     "(+, +) minimum, (−, +) saddle, (−, −) maximum", fontsize=14, loc="left")
    return fig


def _log_norm(levels):
    from matplotlib.colors import LogNorm

    return LogNorm(vmin=levels[0], vmax=levels[-1])
