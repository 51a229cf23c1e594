"""The motivation's change of representation: one neuron on circles in (x₁, x₂), in (r, θ), and the morph.

    save(plot_polar(polar_fit()), "polar.html")              # side by side
    save(plot_polar_morph(polar_morph()), "morph.html")       # a slider moves every point
    save(figure_polar(polar_fit()), "polar.pdf")              # the slide

Lines and accuracies come from neurons the engine trained (``nnviz.analysis.polar``).
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from nnviz.analysis.polar import PolarFit, PolarMorph
from nnviz.analysis.polygons import line_segment
from nnviz.engine.notation import format_number
from nnviz.plots import style
from nnviz.plots.page import page_defaults
from nnviz.plots.planar import add_classes

LINE = "w·x + b = 0"


def _extent(points: np.ndarray, margin: float = 0.08) -> tuple[float, float, float, float]:
    lo, hi = points.min(axis=0), points.max(axis=0)
    pad = (hi - lo) * margin
    return (lo[0] - pad[0], hi[0] + pad[0], lo[1] - pad[1], hi[1] + pad[1])


def _square(points: np.ndarray, margin: float = 0.08) -> tuple[float, float, float, float]:
    lo, hi = points.min(axis=0), points.max(axis=0)
    half, centre = (hi - lo).max() / 2 * (1 + margin), (lo + hi) / 2
    return (centre[0] - half, centre[0] + half, centre[1] - half, centre[1] + half)


def _line(W: np.ndarray, b: float, extent) -> tuple[list, list]:
    segment = line_segment(W, b, extent)
    return ([], []) if segment is None else (segment[:, 0].tolist(), segment[:, 1].tolist())


def plot_polar(fit: PolarFit, theme: str = "light") -> go.Figure:
    """One neuron on circles: no line separates them in (x₁, x₂); in (r, θ) one line does."""
    p = style.colors(theme)
    acc_c = format_number(fit.accuracy_cartesian, probability=True)
    acc_p = format_number(fit.accuracy_polar, probability=True)
    fig = make_subplots(rows=1, cols=2, horizontal_spacing=0.1, subplot_titles=[
        f"(x₁, x₂): one neuron's best line, accuracy {acc_c}", f"(r, θ): one line separates them, accuracy {acc_p}"])
    for col, (data, net) in enumerate(((fit.X, fit.cartesian), (fit.R, fit.polar)), start=1):
        extent = _extent(data)
        add_classes(fig, data, fit.y, theme, 1, col, legend=col == 1)
        xs, ys = _line(net.layers[0].W[:, 0], net.layers[0].b[0], extent)
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", name=LINE, showlegend=col == 1, legendgroup="line",
                                 line=dict(color=p.highlight, width=4)), 1, col)
        fig.update_xaxes(range=extent[:2], row=1, col=col, zeroline=False)
        fig.update_yaxes(range=extent[2:], row=1, col=col, zeroline=False)
    fig.update_xaxes(title_text="x₁", row=1, col=1)
    fig.update_yaxes(title_text="x₂", row=1, col=1, scaleanchor="x", scaleratio=1)
    fig.update_xaxes(title_text="r", row=1, col=2)
    fig.update_yaxes(title_text="θ", row=1, col=2)
    fig.update_layout(**style.plotly_layout(theme, title="Can a single neuron separate these points? Change the "
                                                         "representation: Cartesian → polar", height=560))
    fig.update_annotations(font=dict(color=p.text))
    return fig


def _morph_title(morph: PolarMorph, k: int) -> str:
    t = float(morph.t[k])
    first, second = morph.axis_names(k)
    return (f"t = {t:.2f}: every point at (1 − t)·(x₁, x₂) + t·(r, θ)<br>one neuron trained on ({first}, {second}): "
            f"accuracy {format_number(morph.accuracy[k], probability=True)}")


def plot_polar_morph(morph: PolarMorph, theme: str = "light") -> go.Figure:
    """A slider moves every point from (x₁, x₂) (t = 0) to (r, θ) (t = 1); one neuron's line at each t."""
    p = style.colors(theme)
    first, last = _square(morph.points[0]), _extent(morph.points[-1])
    windows = [tuple((1 - t) * a + t * b for a, b in zip(first, last)) for t in morph.t]  # the view zooms along
    extent = windows[0]
    fig = go.Figure()
    classes = np.unique(morph.fit.y).astype(int)
    for c in classes:
        mask = morph.fit.y == c
        fig.add_trace(go.Scatter(x=morph.points[0][mask, 0], y=morph.points[0][mask, 1], mode="markers",
                                 name=f"class {c}", hoverinfo="skip",
                                 marker=dict(size=8, color=style.class_color(c, theme),
                                             symbol=style.CLASS_SYMBOLS[c], line=dict(color=p.background, width=1))))
    xs, ys = _line(morph.W[0], morph.b[0], extent)
    fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", name=f"the neuron's line {LINE}",
                             line=dict(color=p.highlight, width=4)))
    frames, steps = [], []
    for k in range(len(morph.t)):
        data = [go.Scatter(x=morph.points[k][morph.fit.y == c, 0], y=morph.points[k][morph.fit.y == c, 1])
                for c in classes]
        xs, ys = _line(morph.W[k], morph.b[k], windows[k])
        data.append(go.Scatter(x=xs, y=ys))
        x_name, y_name = morph.axis_names(k)
        name = f"{morph.t[k]:.2f}"
        frames.append(go.Frame(name=name, data=data, traces=list(range(len(classes) + 1)), layout=dict(
            title=dict(text=_morph_title(morph, k)), xaxis=dict(title=dict(text=x_name), range=list(windows[k][:2])),
            yaxis=dict(title=dict(text=y_name), range=list(windows[k][2:])))))
        steps.append(dict(label=name, method="animate", args=[[name], dict(
            mode="immediate", frame=dict(duration=0, redraw=True), transition=dict(duration=0))]))
    fig.frames = frames
    first, second = morph.axis_names(0)
    fig.update_layout(**style.plotly_layout(
        theme, title=dict(text=_morph_title(morph, 0), font=dict(size=15), x=0.02), height=900, width=860,
        margin=dict(l=70, r=40, t=110, b=150),
        legend=dict(orientation="h", x=0.0, y=1.0, yanchor="bottom", bgcolor=p.panel),
        xaxis=dict(title=dict(text=first), range=extent[:2], gridcolor=p.grid, zerolinecolor=p.grid),
        yaxis=dict(title=dict(text=second), range=extent[2:], gridcolor=p.grid, zerolinecolor=p.grid),
        sliders=[dict(active=0, steps=steps, x=0.14, y=-0.06, len=0.86, yanchor="top", font=dict(color=p.text),
                      currentvalue=dict(prefix="t = ", font=dict(size=15, color=p.text)))],
        updatemenus=[dict(type="buttons", x=0.0, y=-0.1, xanchor="left", yanchor="top", direction="left",
                          showactive=False, bgcolor=p.panel, font=dict(color=p.text), buttons=[
                              dict(label="▶ Play", method="animate",
                                   args=[None, dict(frame=dict(duration=250, redraw=True), fromcurrent=True,
                                                    transition=dict(duration=0))])])]))
    return page_defaults(fig)


def figure_polar(fit: PolarFit, theme: str = "light", ax=None):
    """Circles with one neuron's best line in (x₁, x₂), and in (r, θ), where one line separates them.

    ``ax``: a pair of axes (Cartesian, polar) to draw into.
    """
    from nnviz.plots.figure import SlideFigure

    p = style.colors(theme)
    with style.slide_style(theme):
        if ax is None:
            fig = SlideFigure(figsize=(14, 6), layout="constrained")
            axes = fig.subplots(1, 2)
        else:
            axes = ax
            fig = axes[0].figure
        panels = ((fit.X, fit.cartesian, fit.accuracy_cartesian, ("$x_1$", "$x_2$"), "$(x_1, x_2)$: best line"),
                  (fit.R, fit.polar, fit.accuracy_polar, ("$r$", r"$\theta$"), r"$(r, \theta)$: one line"))
        for panel, (data, net, accuracy, labels, what) in zip(axes, panels):
            _scatter_classes(panel, data, fit.y, theme)
            extent = _extent(data)
            segment = line_segment(net.layers[0].W[:, 0], net.layers[0].b[0], extent)
            if segment is not None:
                panel.plot(segment[:, 0], segment[:, 1], color=p.highlight, lw=3.5, label="$w^T x + b = 0$")
            panel.set(xlim=extent[:2], ylim=extent[2:], xlabel=labels[0], ylabel=labels[1],
                      title=f"{what}, accuracy {format_number(accuracy, probability=True)}")
        axes[0].set_aspect("equal")
        if ax is None:
            fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center", ncols=3)
            fig.suptitle("Can a single neuron separate these points? Cartesian → polar")
    return fig


def _scatter_classes(ax, data: np.ndarray, y: np.ndarray, theme) -> None:
    p = style.colors(theme)
    for c in np.unique(y).astype(int):
        mask = y == c
        ax.scatter(data[mask, 0], data[mask, 1], s=30, color=style.class_color(c, theme),
                   marker=style.CLASS_MARKERS[c], edgecolor=p.background, linewidth=0.5, label=f"class {c}")


def figure_polar_morph(morph: PolarMorph, steps: tuple[int, ...] | None = None, theme: str = "light"):
    """The morph on a slide: the points and the neuron's line at a few steps (first, middle, last)."""
    from nnviz.plots.figure import SlideFigure

    p = style.colors(theme)
    steps = steps or (0, len(morph.t) // 2, len(morph.t) - 1)
    with style.slide_style(theme):
        fig = SlideFigure(figsize=(5.2 * len(steps), 6), layout="constrained")
        for ax, k in zip(fig.subplots(1, len(steps)), steps):
            _scatter_classes(ax, morph.points[k], morph.fit.y, theme)
            extent = morph.extent(k)
            segment = line_segment(morph.W[k], morph.b[k], extent)
            if segment is not None:
                ax.plot(segment[:, 0], segment[:, 1], color=p.highlight, lw=3.5)
            first, second = morph.axis_names(k)
            ax.set(xlim=extent[:2], ylim=extent[2:], xlabel=first, ylabel=second,
                   title=f"t = {morph.t[k]:.2f}: accuracy {format_number(morph.accuracy[k], probability=True)}")
        fig.suptitle("(x₁, x₂) → (r, θ): the points move; a single neuron's line goes from failing to separating")
    return fig
