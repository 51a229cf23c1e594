"""Interactive loss-landscape pages (plotly): the 3-D surface with the training path, a 2-D contour view,
the 1-D interpolation curve, and beside the surface the decision regions of the network under the pointer.

>>> fig = plot_landscape(landscape)            # landscape from nnviz.analysis.landscape
>>> save(fig, "landscape.html")

Everything drawn comes from the ``Landscape`` (losses, path, decision maps); nothing is computed here.
"""

from __future__ import annotations

import base64

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from nnviz.analysis.landscape import Interpolation, Landscape, LandscapePath, loss_scale, resolve_path
from nnviz.engine.notation import format_number
from nnviz.plots import style

SURFACE_SCALE = "Viridis"
PATH_COLOR = style.ACCENT
START_COLOR = style.HIGHLIGHT
END_COLOR = style.NEGATIVE
_LIFT = 0.006  # the path is drawn this fraction of the z range above the surface, so it stays visible


# ---- what the plots share ----------------------------------------------------------------------
def _z(values, log: bool) -> np.ndarray:
    return loss_scale(values, log)


def _z_title(log: bool) -> str:
    return "log₁₀ loss" if log else "loss"  # the page title names the loss


def _title(landscape: Landscape, path: LandscapePath | None) -> dict:
    title = dict(text=landscape.title, x=0.02, xanchor="left")
    if path is not None:
        title["subtitle"] = dict(text=path.summary(), font=dict(size=14, color=style.MUTED))
    return title


def _path_text(path: LandscapePath) -> list[str]:
    return [f"step {int(s)}<br>loss {format_number(v)} (drawn: {format_number(d)})<br>"
            f"off the plane by {format_number(o)}"
            for s, v, d, o in zip(path.steps, path.loss, path.surface_loss, path.distance)]


def _grid_text(landscape: Landscape) -> np.ndarray:
    fmt = np.vectorize(format_number, otypes=[str])
    A, B = np.meshgrid(landscape.alpha, landscape.beta)
    return np.char.add(np.char.add(np.char.add("α ", fmt(A)), np.char.add(", β ", fmt(B))),
                       np.char.add("<br>loss ", fmt(landscape.loss)))


# ---- the 3-D surface ---------------------------------------------------------------------------
def plot_landscape(landscape: Landscape, path=None, log: bool = False, linked: bool = True) -> go.Figure:
    """The loss surface with contours projected below it, the path with start and end, Play and slider.

    ``path``: ``None`` draws the landscape's own path, ``False`` none, a ``History`` is projected.
    ``linked``: for a network with 2 inputs, its decision regions at the point under the pointer
    (and at each step of the path while it plays) are shown beside the surface.
    """
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
        colorbar=dict(title=dict(text=_z_title(log)), len=0.6, x=0.53 if regions else 1.0, thickness=14),
        contours=dict(z=dict(show=True, usecolormap=True, project=dict(z=True), width=2,
                             highlightcolor="white"))))
    frames, steps = [], []
    if path is not None:
        pz = _z(path.surface_loss, log) + _LIFT * z_range
        text = _path_text(path)
        fig.add_trace(go.Scatter3d(x=path.alpha, y=path.beta, z=pz, mode="lines", name="training path",
                                   line=dict(color=PATH_COLOR, width=7), text=text, hoverinfo="text"))
        for k, (label, color, symbol) in enumerate([("start", START_COLOR, "circle"),
                                                     ("end", END_COLOR, "diamond")]):
            t = 0 if k == 0 else -1
            fig.add_trace(go.Scatter3d(x=[path.alpha[t]], y=[path.beta[t]], z=[pz[t]], mode="markers+text",
                                       text=[label], textposition="top center", name=label,
                                       textfont=dict(size=16, color=color), hovertext=[text[t]],
                                       hoverinfo="text", marker=dict(size=7, color=color, symbol=symbol)))
        first = int(path.frames[0])
        fig.add_trace(go.Scatter3d(x=[path.alpha[first]], y=[path.beta[first]], z=[pz[first]],
                                   mode="markers", name="now", hoverinfo="skip",
                                   marker=dict(size=9, color="white", line=dict(color=PATH_COLOR, width=4))))
        moving = len(fig.data) - 1
    if regions is not None:
        _add_regions(fig, landscape, path)
    scene = dict(xaxis_title=landscape.axis_label(0), yaxis_title=landscape.axis_label(1),
                 zaxis_title=_z_title(log), aspectmode="manual",
                 aspectratio=dict(x=1, y=1, z=0.7),
                 camera=dict(eye=dict(x=1.5, y=-1.5, z=1.1) if regions else dict(x=1.4, y=-1.4, z=1.0)))
    fig.update_layout(**style.plotly_layout(title=_title(landscape, path), height=720, showlegend=False,
                                            margin=dict(l=10, r=10, t=90, b=10)))
    fig.update_scenes(**scene)
    _page_defaults(fig)
    if path is not None:
        regions_trace = len(fig.data) - 2 if regions is not None else None
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
                              yanchor="top", pad=dict(t=10, r=10), showactive=False, buttons=[
                                  dict(label="▶ Play", method="animate",
                                       args=[None, dict(frame=dict(duration=120, redraw=True),
                                                        transition=dict(duration=0), fromcurrent=True)]),
                                  dict(label="❚❚ Pause", method="animate",
                                       args=[[None], dict(mode="immediate", frame=dict(duration=0,
                                                                                       redraw=False))])])],
            sliders=[dict(active=0, steps=steps, x=0.16, y=0.0, len=0.8 if regions is None else 0.45,
                          xanchor="left", yanchor="top", pad=dict(t=10),
                          currentvalue=dict(prefix="step ", font=dict(size=14)))])
        fig.update_layout(margin=dict(b=90))
    return fig


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
      meta.title + ' at α ' + meta.alpha_labels[j] + ', β ' + meta.beta_labels[i];
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


def _regions_colors(regions) -> dict:
    if regions.kind == "probability":
        return dict(colorscale=style.PROBABILITY_SCALE, zmin=0, zmax=1)
    if regions.kind == "class":
        colors = style.CLASS_COLORS[: regions.classes]
        scale = []
        for k, c in enumerate(colors):
            scale += [[k / len(colors), c], [(k + 1) / len(colors), c]]
        return dict(colorscale=scale, zmin=-0.5, zmax=len(colors) - 0.5, opacity=0.55)
    return dict(colorscale="RdBu", zmin=float(regions.maps.min()), zmax=float(regions.maps.max()))


def _regions_annotations(fig: go.Figure, where: str) -> list[dict]:
    annotations = [a.to_plotly_json() for a in fig.layout.annotations]
    annotations[-1] = {**annotations[-1], "text": f"{_REGIONS_TITLE}: {where}"}
    return annotations


def _add_regions(fig: go.Figure, landscape: Landscape, path: LandscapePath | None) -> None:
    regions = landscape.regions
    ci, cj = int(np.argmin(np.abs(regions.beta))), int(np.argmin(np.abs(regions.alpha)))
    fig.add_trace(go.Heatmap(x=regions.x1, y=regions.x2, z=regions.maps[ci, cj], showscale=False,
                             hoverinfo="skip", name="regions", **_regions_colors(regions)), row=1, col=2)
    Y = np.asarray(landscape.y)
    labels = Y[:, 0] if Y.shape[1] == 1 else np.argmax(Y, axis=1)
    colors = [style.CLASS_COLORS[int(round(v)) % len(style.CLASS_COLORS)] for v in labels]
    fig.add_trace(go.Scatter(x=landscape.X[:, 0], y=landscape.X[:, 1], mode="markers", name="data",
                             hoverinfo="skip", marker=dict(size=7, color=colors,
                                                           line=dict(color=style.TEXT, width=1.2))),
                  row=1, col=2)
    fig.update_xaxes(title_text="x₁", range=[regions.x1[0], regions.x1[-1]], row=1, col=2)
    fig.update_yaxes(title_text="x₂", range=[regions.x2[0], regions.x2[-1]], scaleanchor="x",
                     row=1, col=2)
    fig.add_annotation(text=f"{_REGIONS_TITLE}: the network at θ (the centre)", xref="x domain",
                       yref="y domain", x=0.5, y=1.02, xanchor="center", yanchor="bottom",
                       showarrow=False, font=dict(size=15))
    encoded, lo, step = _encode_maps(regions.maps, regions.kind)
    fig.update_layout(meta=dict(nnviz_regions=dict(
        maps=encoded, lo=lo, step=step, n1=len(regions.x1), n2=len(regions.x2),
        alpha=regions.alpha.tolist(), beta=regions.beta.tolist(),
        alpha_labels=[format_number(a) for a in regions.alpha],
        beta_labels=[format_number(b) for b in regions.beta],
        trace=len(fig.data) - 2, annotation=len(fig.layout.annotations) - 1, title=_REGIONS_TITLE)))
    fig._nnviz_scripts = [_LINK_SCRIPT]


def _page_defaults(fig: go.Figure) -> go.Figure:
    """Make ``fig.write_html`` / ``fig.to_html`` (and so ``save``) keep the page still until Play is
    pressed and add the figure's scripts (the linked view's) after the plot.

    plotly keeps no scripts in a figure and autoplays animations; ``save(fig, path)`` stays the one
    call that writes a page.
    """
    if not hasattr(fig, "_nnviz_scripts"):
        fig._nnviz_scripts = []
    for method in ("write_html", "to_html"):
        original = getattr(fig, method)

        def page(*args, _original=original, **kwargs):
            scripts = kwargs.get("post_script") or []
            kwargs["post_script"] = [*([scripts] if isinstance(scripts, str) else scripts),
                                     *fig._nnviz_scripts]
            kwargs.setdefault("auto_play", False)
            return _original(*args, **kwargs)

        object.__setattr__(fig, method, page)
    return fig


# ---- 2-D views ---------------------------------------------------------------------------------
def plot_landscape_contour(landscape: Landscape, path=None, log: bool = False) -> go.Figure:
    """The landscape from above: filled contours, the path, start and end."""
    path = resolve_path(landscape, path)
    fig = go.Figure(go.Contour(x=landscape.alpha, y=landscape.beta, z=_z(landscape.loss, log),
                               colorscale=SURFACE_SCALE, ncontours=25, name="loss",
                               text=_grid_text(landscape), hoverinfo="text",
                               colorbar=dict(title=dict(text=_z_title(log)))))
    if path is not None:
        fig.add_trace(go.Scatter(x=path.alpha, y=path.beta, mode="lines", name="training path",
                                 line=dict(color=PATH_COLOR, width=4), text=_path_text(path),
                                 hoverinfo="text"))
        for label, color, t in [("start", START_COLOR, 0), ("end", END_COLOR, -1)]:
            fig.add_trace(go.Scatter(x=[path.alpha[t]], y=[path.beta[t]], mode="markers+text", text=[label],
                                     textposition="top center", name=label, hoverinfo="skip",
                                     textfont=dict(size=16, color=style.TEXT),
                                     marker=dict(size=13, color=color, line=dict(color="white", width=2))))
    fig.update_layout(**style.plotly_layout(title=_title(landscape, path), height=640, showlegend=False),
                      xaxis_title=landscape.axis_label(0), yaxis_title=landscape.axis_label(1))
    return fig


def plot_interpolation(interpolation: Interpolation) -> go.Figure:
    """The loss along the straight line between two parameter vectors (t = 0 and t = 1)."""
    curve = interpolation
    fig = go.Figure(go.Scatter(x=curve.t, y=curve.loss, mode="lines", name="loss",
                               line=dict(color=style.POSITIVE, width=4), hoverinfo="text",
                               text=[f"t {format_number(t)}<br>loss {format_number(v)}"
                                     for t, v in zip(curve.t, curve.loss)]))
    for t, label in zip((0.0, 1.0), curve.labels):
        value = float(curve.loss[np.argmin(np.abs(curve.t - t))])
        fig.add_trace(go.Scatter(x=[t], y=[value], mode="markers+text", text=[label], name=label,
                                 textposition="top center", marker=dict(size=12, color=style.ACCENT),
                                 textfont=dict(size=16), hoverinfo="skip"))
    fig.update_layout(**style.plotly_layout(
        title=dict(text=f"{curve.loss_name} loss from {curve.labels[0]} to {curve.labels[1]}",
                   subtitle=dict(text=f"barrier {format_number(curve.barrier)} above the higher end",
                                 font=dict(size=14, color=style.MUTED))),
        height=520, showlegend=False),
        xaxis_title=f"t: θ = (1 − t)·θ_{curve.labels[0]} + t·θ_{curve.labels[1]}",
        yaxis_title=f"{curve.loss_name} loss")
    return fig

