"""Interactive loss-landscape pages (plotly): the 3-D surface with the training path, a 2-D contour view,
the 1-D interpolation curve, and beside the surface the decision regions of the network under the pointer.

>>> import tempfile
>>> from pathlib import Path
>>> from nnviz.analysis.landscape import compute_landscape
>>> from nnviz.data import load_dataset
>>> from nnviz.engine import random_network
>>> from nnviz.plots.save import save
>>> landscape = compute_landscape(random_network([2, 4, 1]), *load_dataset("xor", 40), resolution=11)
>>> fig = plot_landscape(landscape)
>>> with tempfile.TemporaryDirectory() as folder:   # plotly.js inside the page: it works offline
...     save(fig, Path(folder) / "landscape.html").stat().st_size > 1_000_000
True

Everything drawn comes from the ``Landscape`` (losses, path, decision maps); nothing is computed here.
"""

from __future__ import annotations

import base64
import textwrap

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from nnviz.analysis.landscape import Interpolation, Landscape, LandscapePath, loss_scale, resolve_path
from nnviz.engine.notation import format_number
from nnviz.plots import style
from nnviz.plots.page import page_defaults
from nnviz.plots.planar import add_classes

SURFACE_SCALE = style.SURFACE_SCALE
_LIFT = 0.006  # the path is drawn this fraction of the z range above the surface, so it stays visible


# ---- what the plots share ----------------------------------------------------------------------
def _z(values, log: bool) -> np.ndarray:
    return loss_scale(values, log)


def _z_title(log: bool) -> str:
    return "log₁₀ loss" if log else "loss"  # the page title names the loss


def loss_text(value: float) -> str:
    """A loss with four significant digits: a plateau of 0.0012 and 0.0031 reads apart, not as 0.00."""
    value = float(value)
    if value == 0 or 1e-3 <= abs(value) < 1e5:
        return f"{value:.4g}"
    mantissa, exponent = f"{value:.3e}".split("e")
    return f"{mantissa}·10^{int(exponent)}"


def _title(landscape: Landscape, path: LandscapePath | None, theme, wrap: int = 130) -> tuple[dict, int]:
    """The title with the path's summary and the end note below it (lines of at most ``wrap``
    characters), and the top margin that holds them."""
    title = dict(text=landscape.title, x=0.02, xanchor="left")
    lines = [] if path is None else textwrap.wrap(path.summary(), wrap)
    note = landscape.end_note(path) if path is not None else None
    if note:
        lines += textwrap.wrap(note, wrap)
    if lines:
        title["subtitle"] = dict(text="<br>".join(lines), font=dict(size=13, color=style.colors(theme).muted))
    return title, 70 + 18 * len(lines)


def _path_text(path: LandscapePath) -> list[str]:
    return [f"step {int(s)}<br>loss {loss_text(v)} (drawn: {loss_text(d)})<br>"
            f"off the plane by {format_number(o)}"
            for s, v, d, o in zip(path.steps, path.loss, path.surface_loss, path.distance)]


def _grid_text(landscape: Landscape) -> np.ndarray:
    """Hover text of each grid point, named as the axes are: 'PCA 1 0.25<br>PCA 2 -1.5<br>loss 0.6931'."""
    fmt = np.vectorize(format_number, otypes=[str])
    losses = np.vectorize(loss_text, otypes=[str])
    A, B = np.meshgrid(landscape.alpha, landscape.beta)
    first, second = (f"{landscape.axis_short(k)} " for k in (0, 1))
    return np.char.add(np.char.add(np.char.add(first, fmt(A)), np.char.add(f"<br>{second}", fmt(B))),
                       np.char.add("<br>loss ", losses(landscape.loss)))


# ---- the 3-D surface ---------------------------------------------------------------------------
def plot_landscape(landscape: Landscape, path=None, log: bool = False, linked: bool = True,
                   theme: str = "light") -> go.Figure:
    """The loss surface with contours projected below it, the path with start and end, Play and slider.

    ``path``: ``None`` draws the landscape's own path, ``False`` none, a ``History`` is projected.
    ``linked``: for a network with 2 inputs, its decision regions at the point under the pointer
    (and at each step of the path while it plays) are shown beside the surface. The page opens at
    step 0: the slider, the marker on the surface and the regions all show the network then.
    """
    p = style.colors(theme)
    path = resolve_path(landscape, path)
    regions = landscape.regions if linked else None
    if regions is not None:
        fig = make_subplots(rows=1, cols=2, specs=[[{"type": "scene"}, {"type": "xy"}]],
                            column_widths=[0.6, 0.4], horizontal_spacing=0.1)
    else:
        fig = go.Figure()
    Z = _z(landscape.loss, log)
    z_range = float(Z.max() - Z.min()) or 1.0
    fig.add_trace(go.Surface(
        x=landscape.alpha, y=landscape.beta, z=Z, colorscale=SURFACE_SCALE, name="loss surface",
        text=_grid_text(landscape), hoverinfo="text", opacity=0.95,
        colorbar=dict(title=dict(text=_z_title(log)), len=0.6, x=0.5 if regions else 1.0, thickness=14),
        contours=dict(z=dict(show=True, usecolormap=True, project=dict(z=True), width=2,
                             highlightcolor=p.background))))
    frames, steps = [], []
    if path is not None:
        pz = _z(path.surface_loss, log) + _LIFT * z_range
        text = _path_text(path)
        fig.add_trace(go.Scatter3d(x=path.alpha, y=path.beta, z=pz, mode="lines", name="training path",
                                   showlegend=False,
                                   line=dict(color=p.highlight, width=7), text=text, hoverinfo="text"))
        for k, (label, color, symbol) in enumerate([("start", p.highlight, "circle"),
                                                     ("end", p.negative, "diamond")]):
            t = 0 if k == 0 else -1
            fig.add_trace(go.Scatter3d(x=[path.alpha[t]], y=[path.beta[t]], z=[pz[t]], mode="markers+text",
                                       text=[label], textposition="top center", name=label, showlegend=False,
                                       textfont=dict(size=16, color=color), hovertext=[text[t]],
                                       hoverinfo="text", marker=dict(size=7, color=color, symbol=symbol)))
        first = int(path.frames[0])
        fig.add_trace(go.Scatter3d(x=[path.alpha[first]], y=[path.beta[first]], z=[pz[first]],
                                   mode="markers", name="now", hoverinfo="skip", showlegend=False,
                                   marker=dict(size=9, color=p.background, line=dict(color=p.highlight, width=4))))
        moving = len(fig.data) - 1
    if regions is not None:
        _add_regions(fig, landscape, path, theme)
    scene = dict(xaxis_title=landscape.axis_label(0), yaxis_title=landscape.axis_label(1),
                 zaxis_title=_z_title(log), aspectmode="manual", aspectratio=dict(x=1, y=1, z=0.7),
                 camera=dict(eye=dict(x=1.5, y=-1.5, z=1.1) if regions else dict(x=1.4, y=-1.4, z=1.0)),
                 **style.scene_axes(theme))
    # beside the regions' panel the subtitle keeps to the surface's column (its title sits on the right)
    title, top = _title(landscape, path, theme, wrap=95 if regions is not None else 130)
    fig.update_layout(**style.plotly_layout(theme, title=title, height=720,
                                            margin=dict(l=10, r=10, t=top, b=10),
                                            legend=dict(orientation="h", x=1.0, xanchor="right", y=-0.1,
                                                        yanchor="top", **_legend(theme))))
    fig.update_scenes(**scene)
    page_defaults(fig)
    if path is not None:
        regions_trace = _regions_trace(fig) if regions is not None else None
        for k, t in enumerate(path.frames):
            t = int(t)
            data, traces = [go.Scatter3d(x=[path.alpha[t]], y=[path.beta[t]], z=[pz[t]])], [moving]
            if regions is not None and regions.path_maps is not None:
                data.append(go.Heatmap(z=regions.path_maps[k]))
                traces.append(regions_trace)
            name = str(int(path.steps[t]))
            frames.append(go.Frame(name=name, data=data, traces=traces, layout=dict(
                annotations=_regions_annotations(fig, f"the network at step {name} of training"))
                if regions is not None else None))
            steps.append(dict(label=name, method="animate",
                              args=[[name], dict(mode="immediate", frame=dict(duration=0, redraw=True),
                                                 transition=dict(duration=0))]))
        fig.frames = frames
        fig.update_layout(
            updatemenus=[dict(type="buttons", direction="left", x=0.0, y=0.0, xanchor="left",
                              yanchor="top", pad=dict(t=10, r=10), showactive=False,
                              bgcolor=p.panel, font=dict(color=p.text), buttons=[
                                  dict(label="▶ Play", method="animate",
                                       args=[None, dict(frame=dict(duration=120, redraw=True),
                                                        transition=dict(duration=0), fromcurrent=True)]),
                                  dict(label="❚❚ Pause", method="animate",
                                       args=[[None], dict(mode="immediate", frame=dict(duration=0,
                                                                                       redraw=False))])])],
            sliders=[dict(active=0, steps=steps, x=0.16, y=0.0, len=0.8 if regions is None else 0.45,
                          xanchor="left", yanchor="top", pad=dict(t=10), font=dict(color=p.text),
                          currentvalue=dict(prefix="step ", font=dict(size=14, color=p.text)))])
        fig.update_layout(margin=dict(b=90))
    return fig


def _legend(theme) -> dict:
    p = style.colors(theme)
    return dict(bgcolor=p.panel, bordercolor=p.grid, borderwidth=1, font=dict(size=14))


# ---- the linked view ---------------------------------------------------------------------------
_REGIONS_TITLE = "decision regions"

_LINK_SCRIPT = """
(function () {
  var gd = document.getElementById('{plot_id}');
  var meta = gd && gd.layout.meta && gd.layout.meta.nnviz_regions;
  if (!meta) { return; }
  var raw = atob(meta.maps), nA = meta.alpha.length, m1 = meta.n1, m2 = meta.n2, last = -1;
  function nearest(values, v) {
    var best = 0;
    for (var i = 1; i < values.length; i++) {
      if (Math.abs(values[i] - v) < Math.abs(values[best] - v)) { best = i; }
    }
    return best;
  }
  function decode(i, j) {
    var z = [], at = (i * nA + j) * m1 * m2;
    for (var r = 0; r < m2; r++) {
      var row = new Array(m1);
      for (var c = 0; c < m1; c++) { row[c] = meta.lo + meta.step * raw.charCodeAt(at + r * m1 + c); }
      z.push(row);
    }
    return z;
  }
  gd.on('plotly_hover', function (event) {
    var p = event.points && event.points[0];
    if (!p || p.data.type === 'heatmap' || p.data.type === 'scatter' || p.x === undefined) { return; }
    var i = nearest(meta.beta, p.y), j = nearest(meta.alpha, p.x);
    if (i * nA + j === last) { return; }
    last = i * nA + j;
    var update = {};
    update['annotations[' + meta.annotation + '].text'] =
      meta.title + ' at ' + meta.names[0] + ' ' + meta.alpha_labels[j] + ', ' + meta.names[1] + ' ' +
      meta.beta_labels[i];
    Plotly.restyle(gd, {z: [decode(i, j)]}, [meta.trace]);
    Plotly.relayout(gd, update);
  });
})();
"""


def _encode_maps(maps: np.ndarray, kind: str) -> tuple[str, float, float]:
    """The maps as base64 bytes: value = lo + step · byte (probabilities to 1/255, classes exactly)."""
    if kind == "class":
        lo, step = 0.0, 1.0
    elif kind == "probability":
        lo, step = 0.0, 1.0 / 255
    else:
        lo = float(maps.min())
        step = (float(maps.max()) - lo) / 255 or 1.0
    q = np.clip(np.round((maps - lo) / step), 0, 255).astype(np.uint8)
    return base64.b64encode(q.tobytes()).decode("ascii"), lo, step


def _regions_colors(regions, theme) -> dict:
    if regions.kind == "probability":
        return dict(colorscale=style.probability(theme, 0.45), zmin=0, zmax=1)
    if regions.kind == "class":
        colors = [style.class_color(k, theme) for k in range(regions.classes)]
        scale = []
        for k, c in enumerate(colors):
            scale += [[k / len(colors), c], [(k + 1) / len(colors), c]]
        return dict(colorscale=scale, zmin=-0.5, zmax=len(colors) - 0.5, opacity=0.45)
    return dict(colorscale=style.diverging_scale(theme), zmin=float(regions.maps.min()),
                zmax=float(regions.maps.max()))


def _regions_trace(fig: go.Figure) -> int:
    return next(k for k, trace in enumerate(fig.data) if trace.name == "regions")


def _regions_annotations(fig: go.Figure, where: str) -> list[dict]:
    annotations = [a.to_plotly_json() for a in fig.layout.annotations]
    annotations[-1] = {**annotations[-1], "text": f"{_REGIONS_TITLE}: {where}"}
    return annotations


def _add_regions(fig: go.Figure, landscape: Landscape, path: LandscapePath | None, theme) -> None:
    regions = landscape.regions
    if path is not None and regions.path_maps is not None:
        first, where = regions.path_maps[0], f"the network at step {int(path.steps[path.frames[0]])} of training"
    else:
        ci, cj = int(np.argmin(np.abs(regions.beta))), int(np.argmin(np.abs(regions.alpha)))
        first, where = regions.maps[ci, cj], "the network at θ (the centre)"
    fig.add_trace(go.Heatmap(x=regions.x1, y=regions.x2, z=first, showscale=False, hoverinfo="skip",
                             name="regions", **_regions_colors(regions, theme)), row=1, col=2)
    Y = np.asarray(landscape.y)
    labels = np.round(Y[:, 0]) if Y.shape[1] == 1 else np.argmax(Y, axis=1)
    add_classes(fig, landscape.X, labels, theme, row=1, col=2)
    fig.update_xaxes(title_text="x₁", range=[regions.x1[0], regions.x1[-1]], row=1, col=2)
    fig.update_yaxes(title_text="x₂", range=[regions.x2[0], regions.x2[-1]], scaleanchor="x",
                     row=1, col=2)
    fig.add_annotation(text=f"{_REGIONS_TITLE}: {where}", xref="x domain", yref="y domain", x=0.5, y=1.02,
                       xanchor="center", yanchor="bottom", showarrow=False, font=dict(size=15))
    encoded, lo, step = _encode_maps(regions.maps, regions.kind)
    fig.update_layout(meta=dict(nnviz_regions=dict(
        maps=encoded, lo=lo, step=step, n1=len(regions.x1), n2=len(regions.x2),
        alpha=regions.alpha.tolist(), beta=regions.beta.tolist(),
        alpha_labels=[format_number(a) for a in regions.alpha],
        beta_labels=[format_number(b) for b in regions.beta],
        names=[landscape.axis_short(0), landscape.axis_short(1)],
        trace=_regions_trace(fig), annotation=len(fig.layout.annotations) - 1, title=_REGIONS_TITLE)))
    page_defaults(fig, [_LINK_SCRIPT])


# ---- 2-D views ---------------------------------------------------------------------------------
def plot_landscape_contour(landscape: Landscape, path=None, log: bool = False, theme: str = "light") -> go.Figure:
    """The landscape from above: filled contours, the path, start and end."""
    p = style.colors(theme)
    path = resolve_path(landscape, path)
    fig = go.Figure(go.Contour(x=landscape.alpha, y=landscape.beta, z=_z(landscape.loss, log),
                               colorscale=SURFACE_SCALE, ncontours=25, name="loss",
                               text=_grid_text(landscape), hoverinfo="text",
                               colorbar=dict(title=dict(text=_z_title(log)))))
    if path is not None:
        fig.add_trace(go.Scatter(x=path.alpha, y=path.beta, mode="lines", name="training path",
                                 line=dict(color=p.highlight, width=4), text=_path_text(path),
                                 hoverinfo="text"))
        for label, color, t in [("start", p.highlight, 0), ("end", p.negative, -1)]:
            fig.add_trace(go.Scatter(x=[path.alpha[t]], y=[path.beta[t]], mode="markers+text", text=[label],
                                     textposition="top center", name=label, hoverinfo="skip",
                                     textfont=dict(size=16, color=p.text),
                                     marker=dict(size=13, color=color, line=dict(color=p.background, width=2))))
    if path is not None and landscape.end_note(path):
        a, b, low = landscape.lowest
        fig.add_trace(go.Scatter(x=[a], y=[b], mode="markers+text", text=["lowest on the plane"],
                                 textposition="bottom center", name="lowest", hoverinfo="text",
                                 hovertext=[f"the plane's lowest point<br>loss {loss_text(low)}"],
                                 textfont=dict(size=15, color=p.background),
                                 marker=dict(symbol="star", size=18, color=p.background,
                                             line=dict(color=p.text, width=1.5))))
    title, top = _title(landscape, path, theme)
    fig.update_layout(**style.plotly_layout(theme, title=title, height=660,
                                            showlegend=False, margin=dict(l=40, r=40, t=top, b=40)),
                      xaxis_title=landscape.axis_label(0), yaxis_title=landscape.axis_label(1))
    return fig


def plot_interpolation(interpolation: Interpolation, theme: str = "light") -> go.Figure:
    """The loss along the straight line between two parameter vectors (t = 0 and t = 1)."""
    p = style.colors(theme)
    curve = interpolation
    fig = go.Figure(go.Scatter(x=curve.t, y=curve.loss, mode="lines", name="loss",
                               line=dict(color=p.positive, width=4), hoverinfo="text",
                               text=[f"t {format_number(t)}<br>loss {loss_text(v)}"
                                     for t, v in zip(curve.t, curve.loss)]))
    for t, label in zip((0.0, 1.0), curve.labels):
        value = float(curve.loss[np.argmin(np.abs(curve.t - t))])
        fig.add_trace(go.Scatter(x=[t], y=[value], mode="markers+text", text=[label], name=label,
                                 textposition="top center", marker=dict(size=12, color=p.highlight),
                                 textfont=dict(size=16), hoverinfo="skip"))
    fig.update_layout(**style.plotly_layout(
        theme, title=dict(text=f"{curve.loss_name} loss from {curve.labels[0]} to {curve.labels[1]}",
                          subtitle=dict(text=f"barrier {loss_text(curve.barrier)} above the higher end",
                                        font=dict(size=14, color=p.muted))),
        height=520, showlegend=False),
        xaxis_title=f"t: θ = (1 − t)·θ_{curve.labels[0]} + t·θ_{curve.labels[1]}",
        yaxis_title=f"{curve.loss_name} loss")
    return fig
