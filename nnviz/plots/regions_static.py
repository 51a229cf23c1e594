"""Slide figures (matplotlib) of decision regions: the same pictures as ``nnviz.plots.regions``.

    fig = figure_regions(region_grid(preset_region("pentagon")), theme="dark")
    save(fig, "pentagon.svg")

Each function returns a ``SlideFigure`` (a matplotlib Figure made without pyplot) in the slide style
of its theme; ``ax=`` draws the main panel into the caller's axes instead. The polar and linear
region figures live in ``nnviz.plots.polar`` and ``nnviz.plots.linear_regions`` (re-exported here).
"""

from __future__ import annotations

import math
import re

import numpy as np

from nnviz.analysis.decision import DecisionGrid
from nnviz.analysis.regions import RegionGrid, line_segment
from nnviz.engine.notation import format_number
from nnviz.plots import style
from nnviz.plots.figure import SlideFigure
from nnviz.plots.linear_regions import figure_linear_regions  # noqa: F401  (re-exported)
from nnviz.plots.polar import figure_polar  # noqa: F401  (re-exported)
from nnviz.plots.regions import region_title, why_two_layers

THUMBS_PER_ROW = 6


def _image(ax, x1, x2, z, cmap, vmin=0.0, vmax=1.0, alpha=1.0):
    return ax.imshow(z, origin="lower", extent=(x1[0], x1[-1], x2[0], x2[-1]), cmap=cmap, vmin=vmin,
                     vmax=vmax, alpha=alpha, interpolation="nearest", aspect="equal")


def _outlines(ax, outlines, color, width=2.5) -> None:
    for outline in outlines:
        closed = np.vstack([outline, outline[:1]])
        ax.plot(closed[:, 0], closed[:, 1], color=color, lw=width)


def _bare(ax, theme) -> None:
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(True)
        spine.set_color(style.colors(theme).muted)


def _plain_html(text: str) -> str:
    """The pages' panel text for a slide: no tags, line breaks kept."""
    return re.sub(r"<[^>]+>", "", text.replace("<br>", "\n"))


def figure_regions(grid: RegionGrid, theme: str = "light", ax=None) -> SlideFigure:
    """The pyramid of the hidden sum with the output's threshold, the output region, the half-planes
    with their weights, and (for a union) why an OR of ANDs needs two hidden layers.

    ``ax``: draw only the output region into this axes.
    """
    p = style.colors(theme)
    with style.slide_style(theme):
        if ax is not None:
            _draw_output(ax, grid, theme)
            return ax.figure
        m = grid.half_planes.shape[2]
        thumb_rows = math.ceil(m / THUMBS_PER_ROW)
        fig = SlideFigure(figsize=(14, 6.4 + 2.4 * thumb_rows + 1.8), layout="constrained")
        outer = fig.add_gridspec(3, 1, height_ratios=[6, 2.4 * thumb_rows, 1.8])
        top = outer[0].subgridspec(1, 2)
        _draw_pyramid(fig.add_subplot(top[0], projection="3d"), grid, theme)
        _draw_output(fig.add_subplot(top[1]), grid, theme)
        thumbs = outer[1].subgridspec(thumb_rows, THUMBS_PER_ROW)
        for j in range(m):
            _draw_half_plane(fig.add_subplot(thumbs[j // THUMBS_PER_ROW, j % THUMBS_PER_ROW]), grid, j, theme)
        note = fig.add_subplot(outer[2])
        note.axis("off")
        note.text(0.0, 1.0, _plain_html(why_two_layers(grid)), va="top", ha="left", fontsize=15, color=p.text,
                  transform=note.transAxes, linespacing=1.4,
                  bbox=dict(boxstyle="round,pad=0.6", facecolor=p.panel, edgecolor=p.grid))
        fig.suptitle(f"{style.plain(grid.region.name)}: the network fires if the input is in the coloured area")
    return fig


def _draw_output(ax, grid: RegionGrid, theme) -> None:
    p = style.colors(theme)
    shown = grid.output if grid.region.slope else grid.fires_at(grid.threshold)
    _image(ax, grid.x1, grid.x2, shown, style.cmap(style.fill_scale("highlight", theme, 0.55)))
    _outlines(ax, grid.region.outlines, p.text)
    title = region_title(grid, grid.threshold) if not grid.region.slope else \
        f"output f, soft units σ(k·z), k = {format_number(grid.region.slope)}"
    ax.set(xlabel="$x_1$", ylabel="$x_2$")
    ax.set_title(title, fontsize=16)


def _draw_pyramid(ax, grid: RegionGrid, theme) -> None:
    p = style.colors(theme)
    step = max(1, len(grid.x1) // 60)
    X1, X2 = np.meshgrid(grid.x1[::step], grid.x2[::step])
    Z = grid.hidden_sum[::step, ::step]
    ax.plot_surface(X1, X2, Z, cmap=style.cmap([[0.0, p.panel], [1.0, p.positive]]), linewidth=0,
                    antialiased=False, rstride=1, cstride=1)
    level = grid.threshold - 0.5
    corners = np.array([grid.x1[0], grid.x1[-1]]), np.array([grid.x2[0], grid.x2[-1]])
    P1, P2 = np.meshgrid(*corners)
    ax.plot_surface(P1, P2, np.full_like(P1, level), color=p.highlight, alpha=0.35)
    top = int(np.ceil(Z.max()))
    ax.set(xlabel="$x_1$", ylabel="$x_2$", zlim=(0, top + 0.5), zticks=range(top + 1))
    for axis in (ax.xaxis, ax.yaxis, ax.zaxis):
        axis.set_pane_color(p.panel)
    units = "half-plane units" if len(grid.region.pieces) == 1 else "AND units"
    ax.set_title(f"Σ of the {units}; threshold plane at {format_number(level)}", fontsize=16)
    ax.view_init(elev=28, azim=-60)
    ax.tick_params(labelsize=11)


def _draw_half_plane(ax, grid: RegionGrid, j: int, theme) -> None:
    p = style.colors(theme)
    step = max(1, len(grid.x1) // 80)
    _image(ax, grid.x1[::step], grid.x2[::step], grid.half_planes[::step, ::step, j],
           style.cmap(style.fill_scale("positive", theme, 0.3)))
    _outlines(ax, [grid.region.pieces[grid.region.unit_piece[j]]], p.muted, 1)
    extent = grid.extent()
    segment = line_segment(grid.W[:, j], grid.b[j], extent)
    if segment is not None:
        ax.plot(segment[:, 0], segment[:, 1], color=p.positive, lw=2)
    start = grid.unit_anchors()[j]
    length = 0.18 * (extent[1] - extent[0])
    ax.annotate("", xy=start + length * grid.W[:, j], xytext=start,
                arrowprops=dict(arrowstyle="-|>", color=p.negative, lw=2))
    ax.set_xlim(extent[:2])
    ax.set_ylim(extent[2:])
    layer = grid.region.network.layers[0]
    w, b = layer.W[:, j], layer.b[j]
    ax.set_title(f"$h_{{{j + 1}}}$: w = ({format_number(w[0])}, {format_number(w[1])})\nb = {format_number(b)}",
                 fontsize=12)
    _bare(ax, theme)


def figure_boundary(grid: DecisionGrid, max_thumbnails: int = 24, theme: str = "light", ax=None) -> SlideFigure:
    """Decision regions of a trained network, its data and boundary, and every hidden neuron.

    ``ax``: draw only the decision regions (with the data and the boundary) into this axes.
    """
    p = style.colors(theme)
    units = [(layer, j) for layer, h in enumerate(grid.hidden) for j in range(h.shape[2])][:max_thumbnails]
    per_row = 4
    rows = max(2, math.ceil(len(units) / per_row))
    with style.slide_style(theme):
        if ax is None:
            fig = SlideFigure(figsize=(14, max(6.5, 1.7 * rows + 1)), layout="constrained")
            outer = fig.add_gridspec(1, 2, width_ratios=[1.3, 1])
            main = fig.add_subplot(outer[0])
        else:
            fig, main, outer = ax.figure, ax, None
        if grid.classes == 2:
            image = _image(main, grid.x1, grid.x2, grid.probability, style.cmap(style.probability(theme)), alpha=0.6)
            fig.colorbar(image, ax=main, shrink=0.6, label="P(class 1)")
            main.contour(grid.x1, grid.x2, grid.probability, levels=[0.5], colors=p.text, linewidths=2.5)
        else:
            colours = [style.class_color(c, theme) for c in range(grid.classes)]
            _image(main, grid.x1, grid.x2, grid.predicted, style.listed(colours), -0.5, grid.classes - 0.5, alpha=0.4)
        if grid.X is not None:
            for c in range(int(grid.y.max()) + 1):
                mask = grid.y == c
                main.scatter(grid.X[mask, 0], grid.X[mask, 1], s=28, color=style.class_color(c, theme),
                             marker=style.CLASS_MARKERS[c % len(style.CLASS_MARKERS)], edgecolor=p.text,
                             linewidth=0.6, label=f"class {c}", zorder=3)
            main.legend(loc="upper right", fontsize=12)
        accuracy = "" if grid.accuracy is None else \
            f", accuracy {format_number(grid.accuracy, probability=True)}"
        main.set(title=f"{style.plain(grid.network.name)}{accuracy}", xlabel="$x_1$", ylabel="$x_2$")
        if outer is None:
            return fig
        thumbs = outer[1].subgridspec(rows, per_row)
        for k, (layer, j) in enumerate(units):
            t = fig.add_subplot(thumbs[k // per_row, k % per_row])
            h = grid.hidden[layer][..., j]
            signed = grid.hidden[layer].min() < 0
            bound = float(np.abs(h).max()) or 1.0
            scale = style.diverging_scale(theme) if signed else style.fill_scale("positive", theme, 1.0)
            _image(t, grid.x1, grid.x2, h, style.cmap(scale), -bound if signed else 0.0, bound)
            t.set_title(f"$z^{{({layer + 1})}}_{{{j + 1}}}$", fontsize=13)
            _bare(t, theme)
        if units:  # the same key as the page's
            signed = any(h.min() < 0 for h in grid.hidden)
            scale = "blue where positive, red where negative, the background colour at 0" if signed else \
                "from the background at 0 to blue"
            fig.supxlabel(f"colour of a hidden neuron: its output z, {scale}", fontsize=13, color=p.muted, x=0.78)
    return fig
