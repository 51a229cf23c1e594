"""Loss landscapes as slide figures (matplotlib; SVG, PDF or PNG through ``nnviz.plots.save.save``).

>>> from nnviz.analysis.landscape import compute_landscape
>>> from nnviz.data import load_dataset
>>> from nnviz.engine import random_network
>>> landscape = compute_landscape(random_network([2, 4, 1]), *load_dataset("xor", 40), resolution=11)
>>> fig = figure_landscape(landscape)                  # the 3-D surface; save(fig, "landscape.svg")
>>> own = SlideFigure(figsize=(12, 5))
>>> axes = own.subplots(1, 2)
>>> figure_landscape_contour(landscape, ax=axes[0]) is own   # into an axes of your own figure
True

Every ``figure_*`` takes ``theme`` and ``ax``: given an axes, it draws there (and only there) and
returns that axes' figure, so two nnviz figures compose side by side.
"""

from __future__ import annotations

import numpy as np
from matplotlib.patheffects import withStroke
from matplotlib.ticker import MaxNLocator

from nnviz.analysis.landscape import Interpolation, Landscape, LandscapePath, loss_scale, resolve_path
from nnviz.engine.notation import format_number
from nnviz.plots import style
from nnviz.plots.figure import SlideFigure

CMAP = "viridis"  # the pages' Viridis: losses read the same on a page and on a slide


def _z(values, log: bool) -> np.ndarray:
    return loss_scale(values, log)


def caption(landscape: Landscape, path: LandscapePath | None, width: int = 100) -> str:
    """The title, how far the drawn path is from the real one, and why it ends where it does."""
    import textwrap

    lines = [style.plain(landscape.title)]
    if path is not None:
        lines.append(path.summary())
        note = landscape.end_note(path)
        if note:
            lines += textwrap.wrap(note, width)
    return "\n".join(lines)


def _target(ax, figsize, theme, **kwargs):
    """The caller's axes, or a new slide figure with one axes."""
    if ax is not None:
        return ax.figure, ax
    fig = SlideFigure(figsize=figsize, **kwargs)
    return fig, fig.add_subplot()


def figure_landscape(landscape: Landscape, path=None, log: bool = False, theme: str = "light",
                     ax=None) -> SlideFigure:
    """The loss surface in 3-D, its contours on the floor, and the training path with start and end.

    ``ax`` must be a 3-D axes (``projection="3d"``) when given.
    """
    p = style.colors(theme)
    path = resolve_path(landscape, path)
    with style.slide_style(theme):
        if ax is None:
            fig = SlideFigure(figsize=(10, 7.2))
            ax = fig.add_subplot(projection="3d", computed_zorder=False)
        fig = ax.figure
        A, B = np.meshgrid(landscape.alpha, landscape.beta)
        Z = _z(landscape.loss, log)
        floor = Z.min() - 0.25 * (Z.max() - Z.min() or 1.0)
        ax.contour(A, B, Z, levels=15, cmap=CMAP, offset=floor, linewidths=1.2, zorder=1)
        surface = ax.plot_surface(A, B, Z, cmap=CMAP, rstride=1, cstride=1, linewidth=0, antialiased=False,
                                  alpha=0.92, zorder=2)
        if path is not None:
            pz = _z(path.surface_loss, log) + 0.01 * (Z.max() - Z.min())
            ax.plot(path.alpha, path.beta, pz, color=p.highlight, linewidth=3, zorder=5)
            ax.plot(path.alpha, path.beta, np.full_like(pz, floor), color=p.highlight, linewidth=2,
                    linestyle="--", zorder=3)
            for label, color, t in [("start", p.highlight, 0), ("end", p.negative, -1)]:
                ax.scatter([path.alpha[t]], [path.beta[t]], [pz[t]], color=color, s=90, zorder=6,
                           depthshade=False, edgecolors=p.background)
                ax.text(path.alpha[t], path.beta[t], pz[t], f"  {label}", color=color, fontsize=18,
                        fontweight="bold", zorder=7,
                        path_effects=[withStroke(linewidth=3, foreground=p.background)])
        ax.set_zlim(floor, Z.max())
        ax.set_zticks([t for t in ax.get_zticks() if Z.min() <= t <= Z.max()])  # none below the floor
        ax.set_xlabel(landscape.axis_label(0), labelpad=14)
        ax.set_ylabel(landscape.axis_label(1), labelpad=14)
        ax.tick_params(labelsize=12)
        ax.xaxis.set_major_locator(MaxNLocator(5))
        ax.yaxis.set_major_locator(MaxNLocator(5))
        ax.view_init(elev=32, azim=-58)
        for axis in (ax.xaxis, ax.yaxis, ax.zaxis):
            axis.set_pane_color(p.panel)
        fig.colorbar(surface, ax=ax, shrink=0.55, pad=0.08, label="log₁₀ loss" if log else "loss")
        ax.set_title(caption(landscape, path, 90), fontsize=14, loc="left")
    return fig


def figure_landscape_contour(landscape: Landscape, path=None, log: bool = False, theme: str = "light",
                             ax=None) -> SlideFigure:
    """The landscape from above: filled contours, the path, start and end; why the path ends there."""
    p = style.colors(theme)
    path = resolve_path(landscape, path)
    with style.slide_style(theme):
        fig, ax = _target(ax, (9.5, 7.5), theme, layout="constrained")
        filled = ax.contourf(landscape.alpha, landscape.beta, _z(landscape.loss, log), levels=25, cmap=CMAP)
        ax.contour(landscape.alpha, landscape.beta, _z(landscape.loss, log), levels=25, colors=p.background,
                   linewidths=0.4, alpha=0.5)
        if path is not None:
            ax.plot(path.alpha, path.beta, color=p.highlight, linewidth=3)
            for label, color, t in [("start", p.highlight, 0), ("end", p.negative, -1)]:
                ax.scatter([path.alpha[t]], [path.beta[t]], color=color, s=110, zorder=5,
                           edgecolors=p.background, linewidths=2)
                ax.annotate(label, (path.alpha[t], path.beta[t]), xytext=(8, 8), textcoords="offset points",
                            color=p.background, fontsize=16, fontweight="bold",
                            path_effects=[withStroke(linewidth=3, foreground=p.text)])
            if landscape.end_note(path):
                a, b, _ = landscape.lowest
                ax.scatter([a], [b], marker="*", s=260, color=p.background, edgecolors=p.text, zorder=6)
                ax.annotate("lowest on the plane", (a, b), xytext=(0, -24), textcoords="offset points",
                            ha="center", color=p.background, fontsize=14,
                            path_effects=[withStroke(linewidth=3, foreground=p.text)])
        ax.set_xlabel(landscape.axis_label(0))
        ax.set_ylabel(landscape.axis_label(1))
        fig.colorbar(filled, ax=ax, label="log₁₀ loss" if log else "loss")
        ax.set_title(caption(landscape, path, 80), fontsize=13, loc="left")
    return fig


def figure_interpolation(interpolation: Interpolation, theme: str = "light", ax=None) -> SlideFigure:
    """The loss along the line between two parameter vectors, with both ends marked."""
    p = style.colors(theme)
    curve = interpolation
    with style.slide_style(theme):
        fig, ax = _target(ax, (9, 5.5), theme)
        ax.plot(curve.t, curve.loss, color=p.positive, linewidth=3)
        for t, label in zip((0.0, 1.0), curve.labels):
            value = curve.loss[np.argmin(np.abs(curve.t - t))]
            ax.scatter([t], [value], color=p.highlight, s=90, zorder=5)
            ax.annotate(style.plain(label), (t, value), xytext=(0, 12), textcoords="offset points", ha="center")
        first, second = (style.plain(label) for label in curve.labels)
        ax.set_xlabel(f"t: θ = (1 − t)·θ_{first} + t·θ_{second}")
        ax.set_ylabel(f"{curve.loss_name} loss")
        ax.set_title(f"barrier {format_number(curve.barrier)} above the higher end", fontsize=16, loc="left")
    return fig
