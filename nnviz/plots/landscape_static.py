"""Loss landscapes as slide figures (matplotlib; SVG, PDF or PNG through ``save``).

>>> fig = landscape_figure(landscape)          # the 3-D surface with the path
>>> save(fig, "landscape.svg")
"""

from __future__ import annotations

import numpy as np
from matplotlib.patheffects import withStroke
from matplotlib.ticker import MaxNLocator

from nnviz.analysis.landscape import Interpolation, Landscape, LandscapePath, loss_scale, resolve_path
from nnviz.engine.notation import format_number
from nnviz.plots import style
from nnviz.plots.figure import SlideFigure

CMAP = "viridis"


def _z(values, log: bool) -> np.ndarray:
    return loss_scale(values, log)


def _caption(landscape: Landscape, path: LandscapePath | None) -> str:
    return landscape.title + ("" if path is None else "\n" + path.summary())


def landscape_figure(landscape: Landscape, path=None, log: bool = False) -> SlideFigure:
    """The loss surface in 3-D, its contours on the floor, and the training path with start and end."""
    path = resolve_path(landscape, path)
    with style.slide_style():
        fig = SlideFigure(figsize=(10, 7.2))
        ax = fig.add_subplot(projection="3d", computed_zorder=False)
        A, B = np.meshgrid(landscape.alpha, landscape.beta)
        Z = _z(landscape.loss, log)
        floor = Z.min() - 0.25 * (Z.max() - Z.min() or 1.0)
        ax.contour(A, B, Z, levels=15, cmap=CMAP, offset=floor, linewidths=1.2, zorder=1)
        surface = ax.plot_surface(A, B, Z, cmap=CMAP, rstride=1, cstride=1, linewidth=0, antialiased=False,
                                  alpha=0.92, zorder=2)
        if path is not None:
            pz = _z(path.surface_loss, log) + 0.01 * (Z.max() - Z.min())
            ax.plot(path.alpha, path.beta, pz, color=style.ACCENT, linewidth=3, zorder=5)
            ax.plot(path.alpha, path.beta, np.full_like(pz, floor), color=style.ACCENT, linewidth=2,
                    linestyle="--", zorder=3)
            for label, color, t in [("start", style.HIGHLIGHT, 0), ("end", style.NEGATIVE, -1)]:
                ax.scatter([path.alpha[t]], [path.beta[t]], [pz[t]], color=color, s=90, zorder=6,
                           depthshade=False, edgecolors="white")
                ax.text(path.alpha[t], path.beta[t], pz[t], f"  {label}", color=color, fontsize=18,
                        fontweight="bold", zorder=7,
                        path_effects=[withStroke(linewidth=3, foreground="white")])
        ax.set_zlim(floor, Z.max())
        ax.set_zticks([t for t in ax.get_zticks() if Z.min() <= t <= Z.max()])  # none below the floor
        ax.set_xlabel(landscape.axis_label(0), labelpad=14)
        ax.set_ylabel(landscape.axis_label(1), labelpad=14)
        ax.tick_params(labelsize=12)
        ax.xaxis.set_major_locator(MaxNLocator(5))
        ax.yaxis.set_major_locator(MaxNLocator(5))
        ax.view_init(elev=32, azim=-58)
        fig.colorbar(surface, ax=ax, shrink=0.55, pad=0.08, label="log₁₀ loss" if log else "loss")
        fig.suptitle(_caption(landscape, path), fontsize=16, x=0.05, ha="left")
    return fig


def contour_figure(landscape: Landscape, path=None, log: bool = False) -> SlideFigure:
    """The landscape from above: filled contours, the path, start and end."""
    path = resolve_path(landscape, path)
    with style.slide_style():
        fig = SlideFigure(figsize=(9, 6.5), layout="constrained")
        ax = fig.add_subplot()
        filled = ax.contourf(landscape.alpha, landscape.beta, _z(landscape.loss, log), levels=25, cmap=CMAP)
        ax.contour(landscape.alpha, landscape.beta, _z(landscape.loss, log), levels=25, colors="white",
                   linewidths=0.4, alpha=0.5)
        if path is not None:
            ax.plot(path.alpha, path.beta, color=style.ACCENT, linewidth=3)
            for label, color, t in [("start", style.HIGHLIGHT, 0), ("end", style.NEGATIVE, -1)]:
                ax.scatter([path.alpha[t]], [path.beta[t]], color=color, s=110, zorder=5, edgecolors="white",
                           linewidths=2)
                ax.annotate(label, (path.alpha[t], path.beta[t]), xytext=(8, 8), textcoords="offset points",
                            color="white", fontsize=16, fontweight="bold",
                            path_effects=[withStroke(linewidth=3, foreground=style.TEXT)])
        ax.set_xlabel(landscape.axis_label(0))
        ax.set_ylabel(landscape.axis_label(1))
        fig.colorbar(filled, ax=ax, label="log₁₀ loss" if log else "loss")
        fig.suptitle(_caption(landscape, path), fontsize=15, x=0.02, ha="left")
    return fig


def interpolation_figure(interpolation: Interpolation) -> SlideFigure:
    """The loss along the line between two parameter vectors, with both ends marked."""
    curve = interpolation
    with style.slide_style():
        fig = SlideFigure(figsize=(9, 5.5))
        ax = fig.add_subplot()
        ax.plot(curve.t, curve.loss, color=style.POSITIVE, linewidth=3)
        for t, label in zip((0.0, 1.0), curve.labels):
            value = curve.loss[np.argmin(np.abs(curve.t - t))]
            ax.scatter([t], [value], color=style.ACCENT, s=90, zorder=5)
            ax.annotate(label, (t, value), xytext=(0, 12), textcoords="offset points", ha="center")
        ax.set_xlabel(f"t: θ = (1 − t)·θ_{curve.labels[0]} + t·θ_{curve.labels[1]}")
        ax.set_ylabel(f"{curve.loss_name} loss")
        ax.set_title(f"barrier {format_number(curve.barrier)} above the higher end", fontsize=16, loc="left")
    return fig
