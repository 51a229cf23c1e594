"""Linear regions of ReLU networks, drawn exactly: crisp polygons, neighbours in different colours, the counts.

    regions = linear_regions(network, X=X, y=y, resolution=301)     # nnviz.analysis.linear_regions
    save(plot_linear_regions(regions), "regions.html")
    save(plot_fold(fold_stages(8)), "fold.html")                     # Montúfar's fold, layer by layer
    save(figure_fold(fold_stages(4)), "fold.pdf")

Beside every map: how many regions one hidden layer of the SAME number of ReLUs can make in the
plane, 1 + n + n(n − 1)/2 — the fair comparison for depth.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from nnviz.analysis.fold import FoldStage
from nnviz.analysis.linear_regions import LinearRegions, region_bound
from nnviz.plots import style
from nnviz.plots.page import page_defaults
from nnviz.plots.planar import add_classes


def region_colors(count: int, theme: str = "light") -> list[str]:
    """``count`` fill colours from the palette's roles (a region's colour index picks one)."""
    return style.tints(count, theme)


def _joined(polygons: list[np.ndarray]) -> tuple[list, list]:
    """Closed polygons in one trace, separated by gaps: x and y lists for a plotly Scatter."""
    xs, ys = [], []
    for polygon in polygons:
        closed = np.vstack([polygon, polygon[:1]])
        xs += closed[:, 0].tolist() + [None]
        ys += closed[:, 1].tolist() + [None]
    return xs, ys


def _region_traces(regions: LinearRegions, colours: int, theme) -> list[go.Scatter]:
    """One filled trace per colour (its regions, edges drawn crisp), then every region's centre for hover."""
    p = style.colors(theme)
    tints = region_colors(colours, theme)
    traces = []
    for c in range(colours):
        xs, ys = _joined([poly for poly, k in zip(regions.polygons, regions.colors) if k == c])
        traces.append(go.Scatter(x=xs, y=ys, mode="lines", fill="toself", fillcolor=tints[c], hoverinfo="skip",
                                 line=dict(color=p.muted, width=0.8), showlegend=False))
    centres = np.array([poly.mean(axis=0) for poly in regions.polygons])
    on = regions.patterns.sum(axis=1)
    traces.append(go.Scatter(x=centres[:, 0], y=centres[:, 1], mode="markers", showlegend=False,
                             marker=dict(size=6, opacity=0), hoverinfo="text",
                             text=[f"region {k + 1} of {regions.count}<br>{n} of {regions.relus} ReLUs on"
                                   for k, n in enumerate(on)]))
    return traces


def _bound_curve(max_relus: int) -> tuple[np.ndarray, np.ndarray]:
    n = np.arange(1, max_relus + 1)
    return n, np.array([region_bound(int(k)) for k in n])


def _add_chart(fig: go.Figure, points: list[tuple[str, list[int], list[int], str, str]], max_relus: int,
               theme, row: int = 1, col: int = 2) -> None:
    """Regions against ReLUs: one hidden layer's bound as a curve, and the given networks as points."""
    p = style.colors(theme)
    n, bound = _bound_curve(max_relus)
    fig.add_trace(go.Scatter(x=n, y=bound, mode="lines", name="one hidden layer of n ReLUs: at most 1 + n + n(n−1)/2",
                             line=dict(color=p.muted, width=3, dash="dash"),
                             hovertemplate="one layer of %{x} ReLUs: at most %{y} regions<extra></extra>"), row, col)
    for label, relus, counts, color, symbol in points:
        marker = dict(size=11, color=color, symbol=symbol, line=dict(color=p.background, width=1))
        single = len(counts) == 1  # one network: its count written beside it
        fig.add_trace(go.Scatter(x=relus, y=counts, mode="markers+text" if single else "markers+lines", name=label,
                                 line=dict(color=color, width=2), marker=marker,
                                 text=[f"{c} regions" for c in counts] if single else None,
                                 textposition="top left", textfont=dict(size=14, color=p.text),
                                 hovertemplate="%{x} ReLUs: %{y} regions<extra>" + label + "</extra>"), row, col)
    top = max([int(bound[-1]), *(c for *_, counts, _, _ in points for c in counts)])
    fig.update_xaxes(title_text="ReLUs in the network", row=row, col=col, rangemode="tozero")
    fig.update_yaxes(title_text="linear regions (log scale)", type="log", dtick=1, row=row, col=col,
                     range=[0, float(np.log10(top * 1.5))])  # every point and the whole curve in view


def plot_linear_regions(regions: LinearRegions, theme: str = "light") -> go.Figure:
    """Every linear region of a ReLU network in the window, its exact count, and the fair one-layer bound."""
    p = style.colors(theme)
    fig = make_subplots(rows=1, cols=2, column_widths=[0.58, 0.42], horizontal_spacing=0.1,
                        subplot_titles=["the regions (neighbours in different colours)", "against one wide layer"])
    for trace in _region_traces(regions, int(regions.colors.max()) + 1, theme):
        fig.add_trace(trace, 1, 1)
    if regions.X is not None and regions.y is not None:
        add_classes(fig, regions.X, regions.y, theme, 1, 1, size=6)
    n1, relus = regions.network.layers[0].n_neurons, regions.relus
    shape = "-".join(map(str, regions.network.shape))
    _add_chart(fig, [(f"this {shape} network", [relus], [regions.count], p.highlight, "star")],
               max(relus + 4, 20), theme)
    x, y = regions.extent[:2], regions.extent[2:]
    fig.update_xaxes(title_text="x₁", range=list(x), constrain="domain", showgrid=False, zeroline=False, row=1, col=1)
    fig.update_yaxes(title_text="x₂", range=list(y), scaleanchor="x", scaleratio=1, constrain="domain", showgrid=False,
                     zeroline=False, row=1, col=1)
    grid = "" if regions.grid_count is None else \
        f"; a {regions.grid_resolution}×{regions.grid_resolution} grid of points sees {regions.grid_count} of them"
    fig.update_layout(**style.plotly_layout(
        theme, height=760, margin=dict(l=50, r=30, t=150, b=60),
        # lower right: the curve and the network's point are upper left of it
        legend=dict(x=1.0, xanchor="right", y=0.01, yanchor="bottom", bgcolor=p.panel, bordercolor=p.grid,
                    borderwidth=1, font=dict(size=13)),
        title=dict(x=0.02, text=f"{regions.network.name} ({shape}): exactly {regions.count} linear regions "
                                f"in this window",
                   subtitle=dict(font=dict(size=14, color=p.muted), text=(
                       f"its {relus} ReLUs in ONE hidden layer could make at most 1 + {relus} + "
                       f"{relus}·{relus - 1}/2 = {regions.bound} regions in the plane; its first layer alone "
                       f"(n₁ = {n1}) at most "
                       f"{regions.first_layer_bound}<br>found by cutting the window along every ReLU's boundary, "
                       f"layer by layer: straight edges, nothing missed{grid}")))))
    fig.update_annotations(font=dict(color=p.text))
    return fig


def plot_fold(stages: list[FoldStage], theme: str = "light", both: list[FoldStage] | None = None) -> go.Figure:
    """Montúfar's fold with a layer slider: the regions after each layer, and their count against one layer.

    ``both``: the stages of the fold that folds both coordinates a layer, shown as a second series.
    """
    p = style.colors(theme)
    colours = max(int(s.regions.colors.max()) + 1 for s in stages)
    fig = make_subplots(rows=1, cols=2, column_widths=[0.5, 0.5], horizontal_spacing=0.1,
                        subplot_titles=["the plane, cut where the folds meet it", "regions against ReLUs"])
    first = _region_traces(stages[0].regions, colours, theme)
    for trace in first:
        fig.add_trace(trace, 1, 1)
    series = [("the fold: one coordinate a layer (×2 per layer)", [s.relus for s in stages], [s.count for s in stages],
               p.positive, "circle")]
    if both:
        series.append(("the fold: both coordinates a layer (×4)", [s.relus for s in both], [s.count for s in both],
                       p.class1, "square"))
    max_relus = max(s.relus for s in stages + (both or []))
    _add_chart(fig, series, max_relus, theme)
    now = len(fig.data)
    fig.add_trace(go.Scatter(x=[stages[0].relus], y=[stages[0].count], mode="markers", name="shown on the left",
                             marker=dict(size=20, color="rgba(0,0,0,0)", line=dict(color=p.highlight, width=3))), 1, 2)
    frames, steps = [], []
    for stage in stages:
        data = _region_traces(stage.regions, colours, theme) + [go.Scatter(x=[stage.relus], y=[stage.count])]
        name = str(stage.layers)
        frames.append(go.Frame(name=name, data=data, traces=[*range(len(first)), now],
                               layout=dict(title=dict(text=_fold_title(stage)))))
        steps.append(dict(label=name, method="animate", args=[[name], dict(
            mode="immediate", frame=dict(duration=0, redraw=True), transition=dict(duration=0))]))
    fig.frames = frames
    fig.update_xaxes(title_text="x₁", range=[-1, 1], constrain="domain", showgrid=False, zeroline=False, row=1, col=1)
    fig.update_yaxes(title_text="x₂", range=[-1, 1], scaleanchor="x", scaleratio=1, constrain="domain",
                     showgrid=False, zeroline=False, row=1, col=1)
    fig.update_layout(**style.plotly_layout(
        theme, height=780, margin=dict(l=50, r=30, t=130, b=130),
        title=dict(text=_fold_title(stages[0]), x=0.02, font=dict(size=17)),
        legend=dict(x=0.56, y=0.98, bgcolor=p.panel, bordercolor=p.grid, borderwidth=1, font=dict(size=12)),
        sliders=[dict(active=0, steps=steps, x=0.0, y=-0.08, len=0.45, yanchor="top", font=dict(color=p.text),
                      currentvalue=dict(prefix="layers: ", font=dict(size=15, color=p.text)))]))
    fig.update_annotations(font=dict(color=p.text))
    return page_defaults(fig)


def _fold_title(stage: FoldStage) -> str:
    s = "s" if stage.layers > 1 else ""
    return (f"Montúfar's fold, {stage.layers} layer{s} of |u| = relu(u) + relu(−u): {stage.count} regions from "
            f"{stage.relus} ReLUs<br><sup>each layer folds the plane onto itself, so every region is cut again: "
            f"the count doubles per layer; one layer of {stage.relus} ReLUs makes at most "
            f"{stage.one_layer_bound}</sup>")


def _draw_regions(ax, regions: LinearRegions, theme) -> None:
    from matplotlib.collections import PolyCollection

    p = style.colors(theme)
    tints = region_colors(int(regions.colors.max()) + 1, theme)
    ax.add_collection(PolyCollection(regions.polygons, facecolors=[tints[c] for c in regions.colors],
                                     edgecolors=p.muted, linewidths=0.6))
    ax.set(xlim=regions.extent[:2], ylim=regions.extent[2:], aspect="equal")


def figure_linear_regions(regions: LinearRegions, theme: str = "light", ax=None):
    """Each linear region of a ReLU network, crisp, neighbours apart; the count and the fair bound."""
    from nnviz.plots.figure import SlideFigure

    p = style.colors(theme)
    with style.slide_style(theme):
        if ax is None:
            fig = SlideFigure(figsize=(9, 8.6), layout="constrained")
            ax = fig.add_subplot()
        fig = ax.figure
        _draw_regions(ax, regions, theme)
        if regions.X is not None and regions.y is not None:
            for c in np.unique(regions.y).astype(int):
                mask = regions.y == c
                ax.scatter(regions.X[mask, 0], regions.X[mask, 1], s=14, color=style.class_color(c, theme),
                           marker=style.CLASS_MARKERS[c], edgecolor=p.background, linewidth=0.4, label=f"class {c}")
            ax.legend(loc="lower right", fontsize=12)
        shape = "-".join(map(str, regions.network.shape))
        ax.set(xlabel="$x_1$", ylabel="$x_2$")
        ax.set_title(f"{style.plain(regions.network.name)} ({shape}): {regions.count} linear regions\n"
                     f"one layer of the same {regions.relus} ReLUs: at most "
                     f"$1 + {regions.relus} + \\binom{{{regions.relus}}}{{2}} = {regions.bound}$", fontsize=17)
    return fig


def figure_fold(stages: list[FoldStage], theme: str = "light", both: list[FoldStage] | None = None):
    """The fold on a slide: the regions after each layer (up to four) and the counts against one layer."""
    from nnviz.plots.figure import SlideFigure

    p = style.colors(theme)
    shown = stages[:4]
    with style.slide_style(theme):
        fig = SlideFigure(figsize=(4.2 * len(shown) + 5.5, 5.6), layout="constrained")
        grid = fig.add_gridspec(1, len(shown) + 2)
        for k, stage in enumerate(shown):
            ax = fig.add_subplot(grid[0, k])
            _draw_regions(ax, stage.regions, theme)
            ax.set_xticks([-1, 0, 1])
            ax.set_yticks([-1, 0, 1])
            ax.set_title(f"{stage.layers} layer{'s' if stage.layers > 1 else ''}: {stage.count} regions\n"
                         f"{stage.relus} ReLUs (one layer: ≤ {stage.one_layer_bound})", fontsize=14)
        chart = fig.add_subplot(grid[0, len(shown):])
        n, bound = _bound_curve(max(s.relus for s in stages + (both or [])))
        chart.plot(n, bound, color=p.muted, lw=2.5, ls="--", label="one layer: $1 + n + \\binom{n}{2}$")
        chart.plot([s.relus for s in stages], [s.count for s in stages], "o-", color=p.positive, lw=2,
                   label="fold, one coordinate a layer")
        if both:
            chart.plot([s.relus for s in both], [s.count for s in both], "s-", color=p.class1, lw=2,
                       label="fold, both coordinates a layer")
        chart.set(yscale="log", xlabel="ReLUs $n$", ylabel="linear regions (log scale)")
        counts = [s.count for s in stages + (both or [])]
        _plain_log_ticks(chart, int(max(bound[-1], *counts)))
        chart.legend(fontsize=12, loc="upper left")
        fig.suptitle("Montúfar's fold: every layer folds the plane onto itself and doubles the regions", fontsize=18)
    return fig


def _plain_log_ticks(ax, top: int) -> None:
    """A log axis labelled 1, 2, 4, 8, … as plain numbers (no 6×10¹ minor labels)."""
    from matplotlib.ticker import FixedLocator, NullLocator

    ticks = [2 ** k for k in range(int(np.log2(max(top, 2))) + 2)]
    ax.yaxis.set_major_locator(FixedLocator(ticks))
    ax.yaxis.set_minor_locator(NullLocator())
    ax.set_yticklabels([str(t) for t in ticks])
    ax.set_ylim(1, ticks[-1])
