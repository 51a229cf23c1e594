"""Interactive pages of decision regions: Boolean region networks, trained boundaries, polar, ReLU regions.

Every function reads what ``nnviz.analysis.regions`` recorded and returns a finished ``go.Figure``::

    grid = region_grid(preset_region("pentagon"))
    save(plot_regions(grid), "pentagon.html")
"""

from __future__ import annotations

import colorsys
import math

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from nnviz.analysis.regions import DecisionGrid, LinearRegions, PolarFit, RegionGrid, line_segment
from nnviz.engine.notation import format_number
from nnviz.plots.style import (
    ACCENT,
    CLASS_COLORS,
    HIGHLIGHT,
    MUTED,
    NEGATIVE,
    POSITIVE,
    PROBABILITY_SCALE,
    TEXT,
    plotly_layout,
)

FIRES_SCALE = [[0.0, "#FFFFFF"], [1.0, "#BFD7EC"]]  # off: white, on: a light blue
REGION_SCALE = [[0.0, "#FFFFFF"], [1.0, "#F2B766"]]  # the coloured area
SUM_SCALE = [[0.0, "#F4F6FA"], [1.0, POSITIVE]]
THUMBS_PER_ROW = 6


def _thin(array: np.ndarray, size: int = 81) -> tuple[slice, slice]:
    """Every k-th grid point, so that thumbnails stay small in the page."""
    step = max(1, math.ceil(array.shape[0] / size))
    return slice(None, None, step), slice(None, None, step)


def _outline_traces(outlines, row_col, fig, color=TEXT, width=2.5) -> None:
    for outline in outlines:
        closed = np.vstack([outline, outline[:1]])
        fig.add_trace(go.Scatter(x=closed[:, 0], y=closed[:, 1], mode="lines", hoverinfo="skip",
                                 line=dict(color=color, width=width), showlegend=False), *row_col)


def _square_axes(fig, rows_cols, extent, show_ticks=True) -> None:
    for row, col in rows_cols:
        fig.update_xaxes(range=extent[:2], row=row, col=col, showticklabels=show_ticks, zeroline=False,
                         constrain="domain", showgrid=False)
        fig.update_yaxes(range=extent[2:], row=row, col=col, showticklabels=show_ticks, zeroline=False,
                         scaleanchor=_anchor(fig, row, col), scaleratio=1, constrain="domain", showgrid=False)


def _anchor(fig, row, col) -> str:
    return fig.get_subplot(row, col).xaxis.plotly_name.replace("axis", "")


# ---- Boolean regions -------------------------------------------------------------------------
def plot_regions(grid: RegionGrid) -> go.Figure:
    """The whole story of a threshold network on one page.

    Top: the hidden sum as a 3-D surface (the "pyramid") with the output unit's threshold plane on a
    slider, and where the output fires at that threshold, the polygon outline over it. Below: one
    small panel per half-plane unit (its line, its normal arrow, its shaded side).
    """
    m = grid.half_planes.shape[2]
    rows = 1 + math.ceil(m / THUMBS_PER_ROW)
    half = THUMBS_PER_ROW // 2
    specs = [[{"type": "scene", "colspan": half}, *[None] * (half - 1),
              {"type": "xy", "colspan": half}, *[None] * (half - 1)]]
    specs += [[{"type": "xy"}] * THUMBS_PER_ROW for _ in range(rows - 1)]
    titles = ["", _region_title(grid, grid.threshold)]
    titles += [f"h<sub>{j + 1}</sub>" for j in range(m)]
    height = 660 + 290 * (rows - 1)
    fig = make_subplots(rows=rows, cols=THUMBS_PER_ROW, specs=specs, subplot_titles=titles,
                        row_heights=[2.6] + [1.0] * (rows - 1), vertical_spacing=150 / height,
                        horizontal_spacing=0.03)
    extent = grid.extent()
    plane_index, fires_index = _add_pyramid(fig, grid)
    _add_half_planes(fig, grid)
    _square_axes(fig, [(1, half + 1)], extent)
    _square_axes(fig, [(2 + j // THUMBS_PER_ROW, 1 + j % THUMBS_PER_ROW) for j in range(m)], extent, False)
    fig.update_layout(**plotly_layout(
        title=_page_title(grid), height=height, width=1200, margin=dict(l=40, r=40, t=100, b=30),
        sliders=[_threshold_slider(grid, plane_index, fires_index, fig.layout.scene.domain.y[0])],
        scene=dict(xaxis_title="x₁", yaxis_title="x₂",
                   zaxis=dict(title="Σ" if len(grid.region.pieces) == 1 else "Σ AND",
                              range=[0, float(grid.hidden_sum.max()) + 0.5]),
                   camera=dict(eye=dict(x=1.5, y=-1.5, z=1.1)), aspectmode="manual",
                   aspectratio=dict(x=1, y=1, z=0.6))))
    return fig


def _page_title(grid: RegionGrid) -> str:
    region, shape = grid.region, "-".join(map(str, grid.region.network.shape))
    kind = "AND of the half-planes" if len(region.pieces) == 1 else \
        f"OR of {len(region.pieces)} convex pieces (each an AND of its half-planes)"
    soft = f", soft: σ(k·z) with k = {format_number(region.slope)}" if region.slope else ", step units"
    return (f"{region.name}: the network fires if the input is in the coloured area<br>"
            f"<sup>network {shape}: {kind}{soft}</sup>")


def _region_title(grid: RegionGrid, level: int) -> str:
    kind = "AND" if len(grid.region.pieces) == 1 else "OR"
    return f"output: fires where Σ ≥ {level} ({kind} at {grid.threshold})"


def _add_pyramid(fig: go.Figure, grid: RegionGrid) -> tuple[int, int]:
    """Surface of the hidden sum, the threshold plane, and the region where the output fires."""
    x1, x2, z = grid.x1, grid.x2, grid.hidden_sum
    fig.add_trace(go.Surface(x=x1, y=x2, z=z, colorscale=SUM_SCALE, showscale=False, name="Σ hidden",
                             hovertemplate="x₁ %{x:.2f}<br>x₂ %{y:.2f}<br>Σ %{z:.2f}<extra></extra>",
                             contours=dict(z=dict(show=True, color=MUTED, width=1))), 1, 1)
    plane_index = len(fig.data)
    fig.add_trace(go.Surface(x=x1[[0, -1]], y=x2[[0, -1]], z=np.full((2, 2), grid.threshold - 0.5),
                             colorscale=[[0, ACCENT], [1, ACCENT]], opacity=0.45, showscale=False,
                             hoverinfo="skip", name="threshold"), 1, 1)
    col = THUMBS_PER_ROW // 2 + 1
    fires_index = len(fig.data)
    shown = grid.output if grid.region.slope else grid.fires_at(grid.threshold)
    fig.add_trace(go.Heatmap(x=x1, y=x2, z=shown, colorscale=REGION_SCALE, zmin=0, zmax=1, showscale=False,
                             hovertemplate="x₁ %{x:.2f}<br>x₂ %{y:.2f}<br>f %{z:.3f}<extra></extra>"), 1, col)
    _outline_traces(grid.region.outlines, (1, col), fig)
    return plane_index, fires_index


def _threshold_slider(grid: RegionGrid, plane_index: int, fires_index: int, bottom: float) -> dict:
    """Move the output unit's threshold: ≥ N is the AND, ≥ 1 the OR (step units redraw the region)."""
    top = grid.region.network.layers[-1].n_inputs  # "≥ all of them" is the AND of the output's inputs
    steps = []
    for level in range(1, top + 1):
        z = [np.full((2, 2), level - 0.5)]
        update = {"z": z} if grid.region.slope else {"z": [z[0], grid.fires_at(level)]}
        traces = [plane_index] if grid.region.slope else [plane_index, fires_index]
        steps.append(dict(method="update", label=f"Σ ≥ {level}",
                          args=[update, {"annotations[0].text": _region_title(grid, level)}, traces]))
    return dict(active=grid.threshold - 1, steps=steps, x=0.0, len=0.48, y=bottom, yanchor="top",
                pad=dict(t=0), currentvalue=dict(prefix="threshold of the output unit: ", font=dict(size=14)))


def _add_half_planes(fig: go.Figure, grid: RegionGrid) -> None:
    extent, anchors = grid.extent(), grid.unit_anchors()
    rows, cols = _thin(grid.half_planes)
    x1, x2 = grid.x1[cols], grid.x2[rows]
    arrow = 0.18 * (extent[1] - extent[0])
    piece = grid.region.unit_piece
    for j in range(grid.half_planes.shape[2]):
        row, col = 2 + j // THUMBS_PER_ROW, 1 + j % THUMBS_PER_ROW
        fig.add_trace(go.Heatmap(x=x1, y=x2, z=grid.half_planes[rows, cols, j], colorscale=FIRES_SCALE,
                                 zmin=0, zmax=1, showscale=False, hoverinfo="skip"), row, col)
        _outline_traces([grid.region.pieces[piece[j]]], (row, col), fig, MUTED, 1)
        segment = line_segment(grid.W[:, j], grid.b[j], extent)
        if segment is not None:
            fig.add_trace(go.Scatter(x=segment[:, 0], y=segment[:, 1], mode="lines", showlegend=False,
                                     line=dict(color=POSITIVE, width=2), hoverinfo="skip"), row, col)
        start, end = anchors[j], anchors[j] + arrow * grid.W[:, j]
        ref = fig.get_subplot(row, col)
        xref, yref = ref.xaxis.plotly_name.replace("axis", ""), ref.yaxis.plotly_name.replace("axis", "")
        fig.add_annotation(x=end[0], y=end[1], ax=start[0], ay=start[1], xref=xref, yref=yref, axref=xref,
                           ayref=yref, showarrow=True, arrowhead=2, arrowwidth=2, arrowcolor=NEGATIVE, text="")


# ---- trained networks ------------------------------------------------------------------------
def plot_boundary(grid: DecisionGrid, max_thumbnails: int = 24) -> go.Figure:
    """Decision regions: probability shading, the data, the boundary, and every hidden neuron."""
    units = [(layer, j) for layer, h in enumerate(grid.hidden) for j in range(h.shape[2])]
    shown = units[:max_thumbnails]
    per_row = 4 if shown else 0  # a network without hidden layers: the decision regions alone
    rows = max(2, math.ceil(len(shown) / per_row)) if shown else 1
    specs = [[{"rowspan": rows, "colspan": 1}, *[{"type": "xy"}] * per_row]]
    specs += [[None, *[{"type": "xy"}] * per_row] for _ in range(rows - 1)]
    thumb_titles = [f"z<sup>({layer + 1})</sup><sub>{j + 1}</sub>" for layer, j in shown]
    titles = [_boundary_title(grid), *thumb_titles, *[""] * (rows * per_row - len(thumb_titles))]
    widths = [0.55] + [0.45 / per_row] * per_row if shown else [1.0]
    fig = make_subplots(rows=rows, cols=per_row + 1, specs=specs, column_widths=widths,
                        subplot_titles=titles, horizontal_spacing=0.02, vertical_spacing=0.06)
    x1, x2 = grid.x1, grid.x2
    if grid.classes == 2:
        fig.add_trace(go.Heatmap(x=x1, y=x2, z=grid.probability, colorscale=PROBABILITY_SCALE, zmin=0, zmax=1,
                                 opacity=0.6, colorbar=dict(title=dict(text="P(class 1)", side="top"),
                                                            orientation="h", x=0.0, xanchor="left", y=-0.1,
                                                            yanchor="top", len=0.22, thickness=10),
                                 hovertemplate="x₁ %{x:.2f}<br>x₂ %{y:.2f}<br>f %{z:.3f}<extra></extra>"), 1, 1)
        fig.add_trace(go.Contour(x=x1, y=x2, z=grid.probability, showscale=False, contours_coloring="lines",
                                 contours=dict(start=0.5, end=0.5, size=1), line=dict(color=TEXT, width=3),
                                 colorscale=[[0, TEXT], [1, TEXT]], hoverinfo="skip", name="f = 0.5"), 1, 1)
    else:
        scale = [[c / grid.classes, CLASS_COLORS[i % 5]] for i in range(grid.classes) for c in (i, i + 1)]
        fig.add_trace(go.Heatmap(x=x1, y=x2, z=grid.predicted, colorscale=scale, zmin=-0.5, opacity=0.4,
                                 zmax=grid.classes - 0.5, showscale=False,
                                 hovertemplate="class %{z}<extra></extra>"), 1, 1)
    if grid.X is not None:
        for c in range(int(grid.y.max()) + 1):
            mask = grid.y == c
            fig.add_trace(go.Scatter(x=grid.X[mask, 0], y=grid.X[mask, 1], mode="markers", name=f"class {c}",
                                     marker=dict(color=CLASS_COLORS[c % 5], size=7,
                                                 line=dict(color=TEXT, width=1))), 1, 1)
    rows_t, cols_t = _thin(grid.probability, 61)
    for k, (layer, j) in enumerate(shown):
        h = grid.hidden[layer][rows_t, cols_t, j]
        signed = grid.hidden[layer].min() < 0  # tanh: diverging around 0; σ, ReLU: 0 is white
        fig.add_trace(go.Heatmap(x=x1[cols_t], y=x2[rows_t], z=h, colorscale="RdBu" if signed else "Blues",
                                 showscale=False, zmid=0 if signed else None,
                                 hovertemplate="%{z:.2f}<extra></extra>"), 1 + k // per_row, 2 + k % per_row)
    extent = (x1[0], x1[-1], x2[0], x2[-1])
    _square_axes(fig, [(1, 1)], extent)
    _square_axes(fig, [(1 + k // per_row, 2 + k % per_row) for k in range(len(shown))], extent, False)
    more = f" (first {len(shown)} of {len(units)})" if len(units) > len(shown) else ""
    title = f"{grid.network.name}: decision regions" + (f" and every hidden neuron{more}" if shown else "")
    fig.update_layout(**plotly_layout(title=title, height=max(620, 130 * rows + 120), width=1280 if shown else 700,
                                      legend=dict(orientation="h", x=0.3, y=-0.1, yanchor="top"),
                                      margin=dict(l=40, r=40, t=70, b=110)))
    return fig


def _boundary_title(grid: DecisionGrid) -> str:
    return "" if grid.accuracy is None else f"accuracy on the data {format_number(grid.accuracy, probability=True)}"


def plot_polar(fit: PolarFit) -> go.Figure:
    """One neuron on circles: no line separates them in (x₁, x₂); in (r, θ) one line does."""
    acc_c = format_number(fit.accuracy_cartesian, probability=True)
    acc_p = format_number(fit.accuracy_polar, probability=True)
    fig = make_subplots(rows=1, cols=2, horizontal_spacing=0.1, subplot_titles=[
        f"(x₁, x₂): one neuron's best line, accuracy {acc_c}", f"(r, θ): one line separates them, accuracy {acc_p}"])
    for col, (data, net) in enumerate(((fit.X, fit.cartesian), (fit.R, fit.polar)), start=1):
        lo, hi = data.min(axis=0), data.max(axis=0)
        pad = (hi - lo) * 0.08
        extent = (lo[0] - pad[0], hi[0] + pad[0], lo[1] - pad[1], hi[1] + pad[1])
        for c in (0, 1):
            mask = fit.y == c
            fig.add_trace(go.Scatter(x=data[mask, 0], y=data[mask, 1], mode="markers", name=f"class {c}",
                                     legendgroup=str(c), showlegend=col == 1,
                                     marker=dict(color=CLASS_COLORS[c], size=7, line=dict(color="white", width=1))),
                          1, col)
        layer = net.layers[0]
        segment = line_segment(layer.W[:, 0], layer.b[0], extent)
        if segment is not None:
            fig.add_trace(go.Scatter(x=segment[:, 0], y=segment[:, 1], mode="lines", name="w·x + b = 0",
                                     showlegend=col == 1, legendgroup="line",
                                     line=dict(color=HIGHLIGHT, width=4)), 1, col)
        fig.update_xaxes(range=extent[:2], row=1, col=col, zeroline=False)
        fig.update_yaxes(range=extent[2:], row=1, col=col, zeroline=False)
    fig.update_xaxes(title_text="x₁", row=1, col=1)
    fig.update_yaxes(title_text="x₂", row=1, col=1, scaleanchor="x", scaleratio=1)
    fig.update_xaxes(title_text="r", row=1, col=2)
    fig.update_yaxes(title_text="θ", row=1, col=2)
    fig.update_layout(**plotly_layout(title="Can a single neuron separate these points? Change the "
                                            "representation: Cartesian → polar", height=560, width=1200))
    return fig


# ---- linear regions of ReLU networks ---------------------------------------------------------
def region_colors(count: int) -> list[str]:
    """``count`` well-separated colours (golden-ratio hues), so that neighbouring regions differ."""
    colors = []
    for i in range(count):
        r, g, b = colorsys.hls_to_rgb((i * 0.618033988749895) % 1.0, 0.62 + 0.12 * (i % 2), 0.55)
        colors.append(f"#{int(r * 255):02x}{int(g * 255):02x}{int(b * 255):02x}")
    return colors


def plot_linear_regions(regions: LinearRegions) -> go.Figure:
    """Each activation region of a ReLU network in its own colour, with the count and the bound."""
    count = regions.count
    colors = region_colors(count)
    scale = [[v, colors[i]] for i in range(count) for v in (i / count, (i + 1) / count)]
    fig = go.Figure(go.Heatmap(x=regions.x1, y=regions.x2, z=regions.pattern, colorscale=scale,
                               zmin=-0.5, zmax=count - 0.5, showscale=False,
                               hovertemplate="x₁ %{x:.2f}<br>x₂ %{y:.2f}<br>region %{z}<extra></extra>"))
    if regions.X is not None:
        fig.add_trace(go.Scatter(x=regions.X[:, 0], y=regions.X[:, 1], mode="markers", showlegend=False,
                                 marker=dict(color=[CLASS_COLORS[c % 5] for c in regions.y], size=5,
                                             line=dict(color="white", width=0.5)), hoverinfo="skip"))
    n1 = regions.network.layers[0].n_neurons
    hidden = sum(layer.n_neurons for layer in regions.network.layers[:-1])
    shape = "-".join(map(str, regions.network.shape))
    fig.update_xaxes(title_text="x₁", range=[regions.x1[0], regions.x1[-1]], constrain="domain")
    fig.update_yaxes(title_text="x₂", range=[regions.x2[0], regions.x2[-1]], scaleanchor="x", scaleratio=1,
                     constrain="domain")
    fig.update_layout(**plotly_layout(
        title=f"{regions.network.name} ({shape}): {count} linear regions in this window<br>"
              f"<sup>one hidden layer of n₁ = {n1} ReLUs in the plane makes at most "
              f"Σ<sub>j≤2</sub> C({n1}, j) = {regions.bound} regions<br>counted here: the on/off patterns "
              f"of all {hidden} hidden ReLUs</sup>", height=760, width=820, margin=dict(l=40, r=40, t=120, b=40)))
    return fig
