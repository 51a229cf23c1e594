"""Interactive pages of decision regions: Boolean region networks, and the boundary of a trained network.

Every function reads what ``nnviz.analysis`` recorded and returns a finished ``go.Figure``::

    grid = region_grid(preset_region("pentagon"))
    save(plot_regions(grid), "pentagon.html")
    save(plot_regions(grid, theme="dark"), "pentagon-dark.html")

The polar pages are in ``nnviz.plots.polar``, the linear regions of ReLU networks in
``nnviz.plots.linear_regions`` (their names are re-exported here for older callers).
"""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from nnviz.analysis.decision import DecisionGrid
from nnviz.analysis.regions import RegionGrid, line_segment, one_layer_errors
from nnviz.engine.notation import format_number
from nnviz.plots import style
from nnviz.plots.linear_regions import plot_linear_regions, region_colors  # noqa: F401  (re-exported)
from nnviz.plots.planar import add_classes, outline_traces, square_axes, thin
from nnviz.plots.polar import plot_polar  # noqa: F401  (re-exported)

THUMBS_PER_ROW = 6


# ---- what the Boolean pages say --------------------------------------------------------------
def rule(level: int, total: int, inputs: str = "inputs") -> str:
    """What "Σ ≥ level" means over ``total`` inputs: all of them (AND), any (OR), or at least some.

    >>> rule(5, 5, "half-planes"), rule(1, 2, "AND units"), rule(3, 5, "half-planes")
    ('all 5 half-planes (AND)', 'any of the 2 AND units (OR)', 'at least 3 of the 5 half-planes')
    """
    if level >= total:
        return f"all {total} {inputs} (AND)"
    if level <= 1:
        return f"any of the {total} {inputs} (OR)"
    return f"at least {level} of the {total} {inputs}"


def region_title(grid: RegionGrid, level: int) -> str:
    """The output panel's title at one threshold of the output unit (it follows the slider)."""
    total = grid.region.network.layers[-1].n_inputs
    inputs = "half-planes" if len(grid.region.pieces) == 1 else "AND units"
    return f"output fires where Σ ≥ {level}: {rule(level, total, inputs)}"


def weight_rows(grid: RegionGrid, level: int | None = None) -> list[list[str]]:
    """One row per unit: its name, weights, bias and the inequality it tests — from the network's layers.

    ``level``: the output unit as the threshold slider sets it, firing where Σ ≥ level (bias ½ − level).
    """
    rows = []
    names = [["x₁", "x₂"]]
    last = grid.region.network.layers[-1]
    for layer in grid.region.network.layers:
        labels = [label.replace("_", "") for label in (layer.labels or [])]
        labels = [_subscript(label) for label in labels]
        for j in range(layer.n_neurons):
            w, b = layer.W[:, j], float(layer.b[j])
            if level is not None and layer is last:
                b = 0.5 - level
            weights = ", ".join(format_number(v) for v in w) if len(w) <= 3 else sparse_weights(w, names[-1])
            rows.append([labels[j], weights, format_number(b), f"[{linear_form(w, b, names[-1])} ≥ 0]"])
        names.append(labels)
    return rows


def sparse_weights(w, names: list[str]) -> str:
    """The non-zero weights of a unit over many inputs, run together where they are equal.

    >>> sparse_weights([0, 1, 1, 1, 0], ["h₁", "h₂", "h₃", "h₄", "h₅"]), sparse_weights([1, 0, 2], ["a", "b", "c"])
    ('1 on h₂–h₄', '1 on a, 2 on c')
    """
    runs: list[tuple[str, list[int]]] = []
    for k, v in enumerate(w):
        text = format_number(v)
        if text in ("0", "0.00", "-0.00"):
            continue
        if runs and runs[-1][0] == text and runs[-1][1][-1] == k - 1:
            runs[-1][1].append(k)
        else:
            runs.append((text, [k]))
    return ", ".join(f"{v} on {names[ks[0]]}" + (f"–{names[ks[-1]]}" if len(ks) > 1 else "") for v, ks in runs)


def linear_form(w, b: float, names: list[str]) -> str:
    """``w·x + b`` as written on a slide: zero terms left out, unit weights without a factor.

    >>> linear_form([0.95, -0.31], 0.81, ["x₁", "x₂"]), linear_form([0, 1, 1], -1.5, ["h₁", "h₂", "h₃"])
    ('0.95·x₁ − 0.31·x₂ + 0.81', 'h₂ + h₃ − 1.50')
    """
    text = ""
    for v, name in zip(w, names):
        if format_number(abs(v)) in ("0", "0.00"):
            continue
        factor = "" if format_number(abs(v)) == "1" else f"{format_number(abs(v))}·"
        sign = ("− " if v < 0 else "+ ") if text else ("−" if v < 0 else "")
        text += f"{' ' if text else ''}{sign}{factor}{name}"
    if not text:
        return format_number(b)
    return text if format_number(abs(b)) in ("0", "0.00") else f"{text} {'−' if b < 0 else '+'} {format_number(abs(b))}"


def _subscript(label: str) -> str:
    digits = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
    return label[0] + label[1:].translate(digits)


def why_two_layers(grid: RegionGrid, width: int = 46) -> str:
    """The panel's words: does one threshold unit over the half-planes suffice? (computed on the grid)

    Lines are joined with ``<br>`` (a page's line breaks) and wrapped at ``width`` characters.
    """
    import textwrap

    errors = one_layer_errors(grid)
    m, best, pieces = len(errors), int(np.argmin(errors)) + 1, len(grid.region.pieces)
    if pieces == 1:
        head, text = "One hidden layer is enough here", (
            f"A convex region is the AND of its {m} half-planes: the output unit fires where all {m} do (Σ ≥ {m}).")
    elif errors[best - 1] == 0:
        head, text = "Here one threshold would do", (
            f"“At least {best} of the {m} half-planes” happens to be exactly this region; the network still "
            f"builds it as an OR of {pieces} convex pieces, each an AND.")
    else:
        head, text = "Why an OR of ANDs needs two hidden layers", (
            f"One output unit over the {m} half-planes can only count how many hold the point: “at least k of "
            f"{m}”. No k gives this region: the best, k = {best}, is wrong on {100 * errors[best - 1]:.1f} % of "
            f"the window. So a second hidden layer ANDs each convex piece (∧), and the output ORs the {pieces} "
            "pieces: it fires where Σ ≥ 1.")
    return f"<b>{head}</b><br>" + "<br>".join(textwrap.wrap(text, width))


# ---- Boolean regions -------------------------------------------------------------------------
def plot_regions(grid: RegionGrid, theme: str = "light") -> go.Figure:
    """The whole story of a threshold network on one page.

    Top: the hidden sum as a 3-D surface (the "pyramid") with the output unit's threshold plane on a
    slider, and where the output fires at that threshold (the panel's title follows the slider).
    Then one small panel per half-plane unit (its line, its normal arrow, its shaded side); last,
    every unit's weights and bias, and why the region needs one hidden layer or two.
    """
    p = style.colors(theme)
    m = grid.half_planes.shape[2]
    thumb_rows = math.ceil(m / THUMBS_PER_ROW)
    rows = 2 + thumb_rows
    half = THUMBS_PER_ROW // 2
    specs = [[{"type": "scene", "colspan": half}, *[None] * (half - 1),
              {"type": "xy", "colspan": half}, *[None] * (half - 1)]]
    specs += [[{"type": "xy"}] * THUMBS_PER_ROW for _ in range(thumb_rows)]
    specs += [[{"type": "table", "colspan": 4}, *[None] * 3, {"type": "xy", "colspan": 2}, None]]
    table_rows = sum(layer.n_neurons for layer in grid.region.network.layers)
    # rows in pixels: the pyramid, the units' thumbnails, the table (header and one line a unit, all shown)
    row_px = [500] + [200] * thumb_rows + [40 + 27 * table_rows]
    gap, margins = 150, 160  # the gaps hold the slider and the titles; the top margin the title
    plot_px = sum(row_px) + gap * (rows - 1)
    titles = ["", region_title(grid, grid.threshold)] + [f"h<sub>{j + 1}</sub>" for j in range(m)]
    titles += [""] * (thumb_rows * THUMBS_PER_ROW - m) + ["every unit's weights (from the network)", ""]
    height = plot_px + margins
    fig = make_subplots(rows=rows, cols=THUMBS_PER_ROW, specs=specs, subplot_titles=titles,
                        row_heights=row_px, vertical_spacing=gap / plot_px, horizontal_spacing=0.03)
    extent = grid.extent()
    plane_index, fires_index = _add_pyramid(fig, grid, theme)
    _add_half_planes(fig, grid, theme)
    table_index = len(fig.data)
    _add_weights(fig, grid, rows, theme)
    square_axes(fig, [(1, half + 1)], extent)
    square_axes(fig, [(2 + j // THUMBS_PER_ROW, 1 + j % THUMBS_PER_ROW) for j in range(m)], extent, False)
    fig.update_layout(**style.plotly_layout(
        theme, title=_page_title(grid), height=height, margin=dict(l=40, r=40, t=140, b=20),
        sliders=[_threshold_slider(grid, plane_index, fires_index, table_index, fig.layout.scene.domain.y[0],
                                   theme)],
        scene=_pyramid_scene(grid, theme)))
    fig.update_annotations(font=dict(color=p.text))
    return fig


def _pyramid_scene(grid: RegionGrid, theme) -> dict:
    axes = style.scene_axes(theme)
    axes["xaxis"]["title"], axes["yaxis"]["title"] = "x₁", "x₂"
    axes["zaxis"].update(title="Σ" if len(grid.region.pieces) == 1 else "Σ AND",
                         range=[0, float(grid.hidden_sum.max()) + 0.5], dtick=1)  # Σ counts units: whole numbers
    return dict(camera=dict(eye=dict(x=1.5, y=-1.5, z=1.1)), aspectmode="manual", aspectratio=dict(x=1, y=1, z=0.6),
                **axes)


def _page_title(grid: RegionGrid) -> str:
    region, shape = grid.region, "-".join(map(str, grid.region.network.shape))
    kind = "AND of the half-planes" if len(region.pieces) == 1 else \
        f"OR of {len(region.pieces)} convex pieces (each an AND of its half-planes)"
    soft = f", soft: σ(k·z) with k = {format_number(region.slope)}" if region.slope else ", step units"
    return (f"{region.name}: the network fires if the input is in the coloured area<br>"
            f"<sup>network {shape}: {kind}{soft}.<br>Each hidden unit h below: shaded where it fires (h = 1), "
            "its line w·x + b = 0, the arrow w</sup>")


def _add_pyramid(fig: go.Figure, grid: RegionGrid, theme) -> tuple[int, int]:
    """Surface of the hidden sum, the threshold plane, and the region where the output fires."""
    p = style.colors(theme)
    x1, x2, z = grid.x1, grid.x2, grid.hidden_sum
    fig.add_trace(go.Surface(x=x1, y=x2, z=z, colorscale=[[0.0, p.panel], [1.0, p.positive]], showscale=False,
                             name="Σ hidden", hovertemplate="x₁ %{x:.2f}<br>x₂ %{y:.2f}<br>Σ %{z:.2f}<extra></extra>",
                             contours=dict(z=dict(show=True, color=p.muted, width=1))), 1, 1)
    plane_index = len(fig.data)
    fig.add_trace(go.Surface(x=x1[[0, -1]], y=x2[[0, -1]], z=np.full((2, 2), grid.threshold - 0.5),
                             colorscale=[[0, p.highlight], [1, p.highlight]], opacity=0.45, showscale=False,
                             hoverinfo="skip", name="threshold"), 1, 1)
    col = THUMBS_PER_ROW // 2 + 1
    fires_index = len(fig.data)
    shown = grid.output if grid.region.slope else grid.fires_at(grid.threshold)
    fig.add_trace(go.Heatmap(x=x1, y=x2, z=shown, colorscale=style.fill_scale("highlight", theme, 0.55), zmin=0,
                             zmax=1, showscale=False,
                             hovertemplate="x₁ %{x:.2f}<br>x₂ %{y:.2f}<br>f %{z:.3f}<extra></extra>"), 1, col)
    outline_traces(grid.region.outlines, (1, col), fig, p.text)
    return plane_index, fires_index


def _threshold_slider(grid: RegionGrid, plane_index: int, fires_index: int, table_index: int | None,
                      bottom: float, theme) -> dict:
    """Move the output unit's threshold: ≥ N is the AND, ≥ 1 the OR (step units redraw the region, and
    the table's last row shows the output unit's bias at that threshold)."""
    p = style.colors(theme)
    output = grid.region.network.layers[-1]
    top = output.n_inputs  # "≥ all of them" is the AND of the output's inputs
    counts = output.n_neurons == 1 and bool(np.all(output.W == 1))  # Σ of its inputs: the bias is the threshold
    steps = []
    for level in range(1, top + 1):
        z = [np.full((2, 2), level - 0.5)]
        update = {"z": z} if grid.region.slope else {"z": [z[0], grid.fires_at(level)]}
        traces = [plane_index] if grid.region.slope else [plane_index, fires_index]
        if counts and table_index is not None:  # every listed trace gets the same cells; only the table reads them
            cells = [list(column) for column in zip(*weight_rows(grid, level))]
            update["cells.values"] = [cells] * (len(traces) + 1)
            update["z"] = [*update["z"], update["z"][0]]
            traces = [*traces, table_index]
        steps.append(dict(method="update", label=f"Σ ≥ {level}",
                          args=[update, {"annotations[0].text": region_title(grid, level)}, traces]))
    return dict(active=grid.threshold - 1, steps=steps, x=0.0, len=0.48, y=bottom, yanchor="top",
                pad=dict(t=0), font=dict(color=p.text),
                currentvalue=dict(prefix="threshold of the output unit: ", font=dict(size=14, color=p.text)))


def _add_half_planes(fig: go.Figure, grid: RegionGrid, theme) -> None:
    p = style.colors(theme)
    extent, anchors = grid.extent(), grid.unit_anchors()
    rows, cols = thin(grid.half_planes)
    x1, x2 = grid.x1[cols], grid.x2[rows]
    arrow = 0.18 * (extent[1] - extent[0])
    piece = grid.region.unit_piece
    for j in range(grid.half_planes.shape[2]):
        row, col = 2 + j // THUMBS_PER_ROW, 1 + j % THUMBS_PER_ROW
        fig.add_trace(go.Heatmap(x=x1, y=x2, z=grid.half_planes[rows, cols, j],
                                 colorscale=style.fill_scale("positive", theme, 0.3), zmin=0, zmax=1,
                                 showscale=False, hoverinfo="skip"), row, col)
        outline_traces([grid.region.pieces[piece[j]]], (row, col), fig, p.muted, 1)
        segment = line_segment(grid.W[:, j], grid.b[j], extent)
        if segment is not None:
            fig.add_trace(go.Scatter(x=segment[:, 0], y=segment[:, 1], mode="lines", showlegend=False,
                                     line=dict(color=p.positive, width=2), hoverinfo="skip"), row, col)
        start, end = anchors[j], anchors[j] + arrow * grid.W[:, j]
        ref = fig.get_subplot(row, col)
        xref, yref = ref.xaxis.plotly_name.replace("axis", ""), ref.yaxis.plotly_name.replace("axis", "")
        fig.add_annotation(x=end[0], y=end[1], ax=start[0], ay=start[1], xref=xref, yref=yref, axref=xref,
                           ayref=yref, showarrow=True, arrowhead=2, arrowwidth=2, arrowcolor=p.negative, text="")


def _add_weights(fig: go.Figure, grid: RegionGrid, row: int, theme) -> None:
    """The units' weights as a table, and beside it why one hidden layer is (not) enough."""
    p = style.colors(theme)
    cells = list(zip(*weight_rows(grid)))
    fig.add_trace(go.Table(
        columnwidth=[0.6, 1.4, 0.7, 3.3],
        header=dict(values=["unit", "weights w", "bias b", "fires where (1 if true, else 0)"],
                    fill_color=p.panel, font=dict(color=p.text, size=14), line_color=p.grid, align="left"),
        cells=dict(values=cells, fill_color=p.background, font=dict(color=p.text, size=13), line_color=p.grid,
                   align="left", height=24)), row, 1)
    ref = fig.get_subplot(row, 5)
    fig.update_xaxes(visible=False, row=row, col=5)
    fig.update_yaxes(visible=False, row=row, col=5)
    fig.add_annotation(text=why_two_layers(grid), xref="paper", yref="paper", x=ref.xaxis.domain[0] - 0.02,
                       y=ref.yaxis.domain[1], xanchor="left", yanchor="top", showarrow=False, align="left",
                       font=dict(size=14, color=p.text), **style.legend_box(theme))


# ---- trained networks ------------------------------------------------------------------------
def plot_boundary(grid: DecisionGrid, max_thumbnails: int = 24, theme: str = "light") -> go.Figure:
    """Decision regions: probability shading, the data, the boundary, and every hidden neuron."""
    p = style.colors(theme)
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
        fig.add_trace(go.Heatmap(x=x1, y=x2, z=grid.probability, colorscale=style.probability(theme), zmin=0,
                                 zmax=1, opacity=0.6, colorbar=dict(title=dict(text="P(class 1)", side="top"),
                                                                    orientation="h", x=0.0, xanchor="left", y=-0.1,
                                                                    yanchor="top", len=0.22, thickness=10),
                                 hovertemplate="x₁ %{x:.2f}<br>x₂ %{y:.2f}<br>f %{z:.3f}<extra></extra>"), 1, 1)
        fig.add_trace(go.Contour(x=x1, y=x2, z=grid.probability, showscale=False, contours_coloring="lines",
                                 contours=dict(start=0.5, end=0.5, size=1), line=dict(color=p.text, width=3),
                                 colorscale=[[0, p.text], [1, p.text]], hoverinfo="skip", name="f = 0.5"), 1, 1)
    else:
        colors = [style.class_color(i, theme) for i in range(grid.classes)]
        scale = [[c / grid.classes, colors[i]] for i in range(grid.classes) for c in (i, i + 1)]
        fig.add_trace(go.Heatmap(x=x1, y=x2, z=grid.predicted, colorscale=scale, zmin=-0.5, opacity=0.4,
                                 zmax=grid.classes - 0.5, showscale=False,
                                 hovertemplate="class %{z}<extra></extra>"), 1, 1)
    if grid.X is not None:
        add_classes(fig, grid.X, grid.y, theme, 1, 1)
    rows_t, cols_t = thin(grid.probability, 61)
    for k, (layer, j) in enumerate(shown):
        h = grid.hidden[layer][rows_t, cols_t, j]
        signed = grid.hidden[layer].min() < 0  # tanh: diverging around 0; σ, ReLU: 0 is the background
        scale = style.diverging_scale(theme) if signed else style.fill_scale("positive", theme, 1.0)
        fig.add_trace(go.Heatmap(x=x1[cols_t], y=x2[rows_t], z=h, colorscale=scale, showscale=False,
                                 zmid=0 if signed else None, hovertemplate="%{z:.2f}<extra></extra>"),
                      1 + k // per_row, 2 + k % per_row)
    extent = (x1[0], x1[-1], x2[0], x2[-1])
    square_axes(fig, [(1, 1)], extent)
    square_axes(fig, [(1 + k // per_row, 2 + k % per_row) for k in range(len(shown))], extent, False)
    if shown:
        signed = any(h.min() < 0 for h in grid.hidden)
        key = "colour of a hidden neuron: its output z,<br>" + (
            "blue where positive, red where negative, the background colour at 0" if signed else
            "from the background at 0 to blue")
        fig.add_annotation(text=key, xref="paper", yref="paper", x=1.0, y=-0.02, xanchor="right", yanchor="top",
                           showarrow=False, font=dict(size=13, color=p.muted))
    more = f" (first {len(shown)} of {len(units)})" if len(units) > len(shown) else ""
    title = f"{grid.network.name}: decision regions" + (f" and every hidden neuron{more}" if shown else "")
    fig.update_layout(**style.plotly_layout(
        theme, title=title, height=max(620, 130 * rows + 120), width=None if shown else 700,  # None: the window's width
        legend=dict(orientation="h", x=0.3, y=-0.1, yanchor="top", bgcolor=p.panel),
        margin=dict(l=40, r=40, t=70, b=110)))
    fig.update_annotations(font=dict(color=p.text))
    return fig


def _boundary_title(grid: DecisionGrid) -> str:
    return "" if grid.accuracy is None else f"accuracy on the data {format_number(grid.accuracy, probability=True)}"
