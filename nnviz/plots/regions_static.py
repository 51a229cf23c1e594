"""Slide figures (matplotlib) of decision regions: the same pictures as ``nnviz.plots.regions``.

    with slide_style():
        fig = figure_regions(region_grid(preset_region("pentagon")))
    save(fig, "pentagon.svg")

Each function returns a ``SlideFigure`` (a matplotlib Figure made without pyplot) in the slide style.
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib.colors import LinearSegmentedColormap, ListedColormap, to_rgba

from nnviz.analysis.regions import DecisionGrid, LinearRegions, PolarFit, RegionGrid, line_segment
from nnviz.engine.notation import format_number
from nnviz.plots.figure import SlideFigure
from nnviz.plots.style import (
    ACCENT,
    CLASS_COLORS,
    HIGHLIGHT,
    MUTED,
    NEGATIVE,
    POSITIVE,
    TEXT,
    slide_style,
)

# continuous, so that the soft (sigmoid) units show their ramp; step units only use the two ends
FIRES = LinearSegmentedColormap.from_list("fires", ["#FFFFFF", "#BFD7EC"])
REGION = LinearSegmentedColormap.from_list("region", ["#FFFFFF", "#F2B766"])
PROBABILITY = ListedColormap(np.vstack([np.linspace(to_rgba(NEGATIVE), (1, 1, 1, 1), 128),
                                        np.linspace((1, 1, 1, 1), to_rgba(POSITIVE), 128)]))
THUMBS_PER_ROW = 6


def _image(ax, x1, x2, z, cmap, vmin=0.0, vmax=1.0, alpha=1.0):
    return ax.imshow(z, origin="lower", extent=(x1[0], x1[-1], x2[0], x2[-1]), cmap=cmap, vmin=vmin,
                     vmax=vmax, alpha=alpha, interpolation="nearest", aspect="equal")


def _outlines(ax, outlines, color=TEXT, width=2.5) -> None:
    for outline in outlines:
        closed = np.vstack([outline, outline[:1]])
        ax.plot(closed[:, 0], closed[:, 1], color=color, lw=width)


def _bare(ax) -> None:
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(True)
        spine.set_color(MUTED)


def figure_regions(grid: RegionGrid) -> SlideFigure:
    """The pyramid of the hidden sum with the output's threshold, the output region, the half-planes."""
    m = grid.half_planes.shape[2]
    thumb_rows = math.ceil(m / THUMBS_PER_ROW)
    with slide_style():
        fig = SlideFigure(figsize=(13, 6 + 2.1 * thumb_rows), layout="constrained")
        outer = fig.add_gridspec(2, 1, height_ratios=[6, 2.1 * thumb_rows])
        top = outer[0].subgridspec(1, 2)
        _draw_pyramid(fig.add_subplot(top[0], projection="3d"), grid)
        ax = fig.add_subplot(top[1])
        shown = grid.output if grid.region.slope else grid.fires_at(grid.threshold)
        _image(ax, grid.x1, grid.x2, shown, REGION)
        _outlines(ax, grid.region.outlines)
        kind = "AND" if len(grid.region.pieces) == 1 else "OR"
        title = f"output: fires where Σ ≥ {grid.threshold} ({kind})" if not grid.region.slope else \
            f"output f, soft units σ(k·z), k = {format_number(grid.region.slope)}"
        ax.set(title=title, xlabel="$x_1$", ylabel="$x_2$")
        thumbs = outer[1].subgridspec(thumb_rows, THUMBS_PER_ROW)
        for j in range(m):
            _draw_half_plane(fig.add_subplot(thumbs[j // THUMBS_PER_ROW, j % THUMBS_PER_ROW]), grid, j)
        fig.suptitle(f"{grid.region.name}: the network fires if the input is in the coloured area")
    return fig


def _draw_pyramid(ax, grid: RegionGrid) -> None:
    step = max(1, len(grid.x1) // 60)
    X1, X2 = np.meshgrid(grid.x1[::step], grid.x2[::step])
    Z = grid.hidden_sum[::step, ::step]
    ax.plot_surface(X1, X2, Z, cmap="Blues", vmin=Z.min() - 2, vmax=Z.max() + 1, linewidth=0,
                    antialiased=False, rstride=1, cstride=1)
    level = grid.threshold - 0.5
    corners = np.array([grid.x1[0], grid.x1[-1]]), np.array([grid.x2[0], grid.x2[-1]])
    P1, P2 = np.meshgrid(*corners)
    ax.plot_surface(P1, P2, np.full_like(P1, level), color=ACCENT, alpha=0.35)
    top = int(np.ceil(Z.max()))
    ax.set(xlabel="$x_1$", ylabel="$x_2$", zlim=(0, top + 0.5), zticks=range(top + 1))
    units = "half-plane units" if len(grid.region.pieces) == 1 else "AND units"
    ax.set_title(f"Σ of the {units}; threshold plane at {format_number(level)}")
    ax.view_init(elev=28, azim=-60)
    ax.tick_params(labelsize=11)


def _draw_half_plane(ax, grid: RegionGrid, j: int) -> None:
    step = max(1, len(grid.x1) // 80)
    _image(ax, grid.x1[::step], grid.x2[::step], grid.half_planes[::step, ::step, j], FIRES)
    _outlines(ax, [grid.region.pieces[grid.region.unit_piece[j]]], MUTED, 1)
    extent = grid.extent()
    segment = line_segment(grid.W[:, j], grid.b[j], extent)
    if segment is not None:
        ax.plot(segment[:, 0], segment[:, 1], color=POSITIVE, lw=2)
    start = grid.unit_anchors()[j]
    length = 0.18 * (extent[1] - extent[0])
    ax.annotate("", xy=start + length * grid.W[:, j], xytext=start,
                arrowprops=dict(arrowstyle="-|>", color=NEGATIVE, lw=2))
    ax.set_xlim(extent[:2])
    ax.set_ylim(extent[2:])
    ax.set_title(f"$h_{{{j + 1}}}$", fontsize=14)
    _bare(ax)


def figure_boundary(grid: DecisionGrid, max_thumbnails: int = 24) -> SlideFigure:
    """Decision regions of a trained network, its data and boundary, and every hidden neuron."""
    units = [(layer, j) for layer, h in enumerate(grid.hidden) for j in range(h.shape[2])][:max_thumbnails]
    per_row = 4
    rows = max(2, math.ceil(len(units) / per_row))
    with slide_style():
        fig = SlideFigure(figsize=(14, max(6.5, 1.7 * rows + 1)), layout="constrained")
        outer = fig.add_gridspec(1, 2, width_ratios=[1.3, 1])
        ax = fig.add_subplot(outer[0])
        if grid.classes == 2:
            image = _image(ax, grid.x1, grid.x2, grid.probability, PROBABILITY, alpha=0.6)
            fig.colorbar(image, ax=ax, shrink=0.6, label="P(class 1)")
            ax.contour(grid.x1, grid.x2, grid.probability, levels=[0.5], colors=TEXT, linewidths=2.5)
        else:
            cmap = ListedColormap([CLASS_COLORS[c % 5] for c in range(grid.classes)])
            _image(ax, grid.x1, grid.x2, grid.predicted, cmap, -0.5, grid.classes - 0.5, alpha=0.4)
        if grid.X is not None:
            for c in range(int(grid.y.max()) + 1):
                mask = grid.y == c
                ax.scatter(grid.X[mask, 0], grid.X[mask, 1], s=28, color=CLASS_COLORS[c % 5], edgecolor=TEXT,
                           linewidth=0.6, label=f"class {c}", zorder=3)
            ax.legend(loc="upper right", fontsize=12)
        accuracy = "" if grid.accuracy is None else \
            f", accuracy {format_number(grid.accuracy, probability=True)}"
        ax.set(title=f"{grid.network.name}{accuracy}", xlabel="$x_1$", ylabel="$x_2$")
        thumbs = outer[1].subgridspec(rows, per_row)
        for k, (layer, j) in enumerate(units):
            t = fig.add_subplot(thumbs[k // per_row, k % per_row])
            h = grid.hidden[layer][..., j]
            signed = grid.hidden[layer].min() < 0
            bound = float(np.abs(h).max()) or 1.0
            _image(t, grid.x1, grid.x2, h, "RdBu" if signed else "Blues",
                   -bound if signed else 0.0, bound)
            t.set_title(f"$z^{{({layer + 1})}}_{{{j + 1}}}$", fontsize=13)
            _bare(t)
    return fig


def figure_polar(fit: PolarFit) -> SlideFigure:
    """Circles with one neuron's best line in (x₁, x₂), and in (r, θ), where one line separates them."""
    with slide_style():
        fig = SlideFigure(figsize=(14, 6), layout="constrained")
        axes = fig.subplots(1, 2)
        panels = ((fit.X, fit.cartesian, fit.accuracy_cartesian, ("$x_1$", "$x_2$"), "$(x_1, x_2)$: best line"),
                  (fit.R, fit.polar, fit.accuracy_polar, ("$r$", r"$\theta$"), r"$(r, \theta)$: one line"))
        for ax, (data, net, accuracy, labels, what) in zip(axes, panels):
            for c in (0, 1):
                mask = fit.y == c
                ax.scatter(data[mask, 0], data[mask, 1], s=26, color=CLASS_COLORS[c], edgecolor="white",
                           linewidth=0.5, label=f"class {c}")
            lo, hi = data.min(axis=0), data.max(axis=0)
            pad = (hi - lo) * 0.08
            extent = (lo[0] - pad[0], hi[0] + pad[0], lo[1] - pad[1], hi[1] + pad[1])
            segment = line_segment(net.layers[0].W[:, 0], net.layers[0].b[0], extent)
            if segment is not None:
                ax.plot(segment[:, 0], segment[:, 1], color=HIGHLIGHT, lw=3.5, label="$w^T x + b = 0$")
            ax.set(xlim=extent[:2], ylim=extent[2:], xlabel=labels[0], ylabel=labels[1],
                   title=f"{what}, accuracy {format_number(accuracy, probability=True)}")
        axes[0].set_aspect("equal")
        fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center", ncols=3)
        fig.suptitle("Can a single neuron separate these points? Cartesian → polar")
    return fig


def figure_linear_regions(regions: LinearRegions) -> SlideFigure:
    """Each activation region of a ReLU network in its own colour, with the count and the bound."""
    from nnviz.plots.regions import region_colors  # the same colours as the page

    with slide_style():
        fig = SlideFigure(figsize=(8.5, 8), layout="constrained")
        ax = fig.subplots()
        cmap = ListedColormap(region_colors(regions.count))
        _image(ax, regions.x1, regions.x2, regions.pattern, cmap, -0.5, regions.count - 0.5)
        if regions.X is not None:
            ax.scatter(regions.X[:, 0], regions.X[:, 1], s=12, c=[CLASS_COLORS[c % 5] for c in regions.y],
                       edgecolor="white", linewidth=0.4)
        n1 = regions.network.layers[0].n_neurons
        ax.set(xlabel="$x_1$", ylabel="$x_2$")
        ax.set_title(f"{regions.count} linear regions; one layer of {n1} ReLUs:\n"
                     f"at most $\\sum_{{j \\leq 2}} \\binom{{{n1}}}{{j}} = {regions.bound}$")
    return fig
