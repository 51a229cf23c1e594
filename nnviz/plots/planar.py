"""What the pages of the input plane share: data by class, outlines, square axes, thinned thumbnails."""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go

from nnviz.plots import style


def thin(array: np.ndarray, size: int = 81) -> tuple[slice, slice]:
    """Every k-th grid point, so that thumbnails stay small in the page."""
    step = max(1, math.ceil(array.shape[0] / size))
    return slice(None, None, step), slice(None, None, step)


def add_classes(fig: go.Figure, X: np.ndarray, labels: np.ndarray, theme, row=None, col=None,
                size: int = 7, legend: bool = True) -> None:
    """The data, one trace per class: the class's colour and its own marker shape, named for the legend."""
    p = style.colors(theme)
    labels = np.asarray(labels)
    for c in np.unique(labels).astype(int):
        mask = labels == c
        fig.add_trace(go.Scatter(x=X[mask, 0], y=X[mask, 1], mode="markers", name=f"class {c}",
                                 hoverinfo="skip", showlegend=legend, legendgroup=f"class {c}",
                                 marker=dict(size=size, color=style.class_color(c, theme),
                                             symbol=style.CLASS_SYMBOLS[c % len(style.CLASS_SYMBOLS)],
                                             line=dict(color=p.background, width=1))), row=row, col=col)


def outline_traces(outlines, row_col, fig: go.Figure, color: str, width: float = 2.5) -> None:
    for outline in outlines:
        closed = np.vstack([outline, outline[:1]])
        fig.add_trace(go.Scatter(x=closed[:, 0], y=closed[:, 1], mode="lines", hoverinfo="skip",
                                 line=dict(color=color, width=width), showlegend=False), *row_col)


def anchor(fig: go.Figure, row: int, col: int) -> str:
    return fig.get_subplot(row, col).xaxis.plotly_name.replace("axis", "")


def square_axes(fig: go.Figure, rows_cols, extent, show_ticks: bool = True) -> None:
    """Equal scales on both axes over ``extent``, for every listed subplot."""
    for row, col in rows_cols:
        fig.update_xaxes(range=extent[:2], row=row, col=col, showticklabels=show_ticks, zeroline=False,
                         constrain="domain", showgrid=False)
        fig.update_yaxes(range=extent[2:], row=row, col=col, showticklabels=show_ticks, zeroline=False,
                         scaleanchor=anchor(fig, row, col), scaleratio=1, constrain="domain", showgrid=False)
