"""nnviz in a notebook: a lecture scene as a video in the cell, in one call, like manim's ``%%manim``.

    import nnviz
    nnviz.show("single-hidden-example")                     # renders, then plays in the notebook
    nnviz.show("deep-forward", x=[1, 2, 3], theme="dark", quality="m")

The video is embedded in the notebook (base64), with its captions as a ``<track>``, so the notebook
still plays it when moved, shared or opened offline. ``plotly_fallbacks()`` makes plotly figures
carry their page (plotly.js inline, works offline and on nbviewer) and, when ``kaleido`` is
installed (``pip install nnviz[notebook]``), a PNG for viewers that run no JavaScript (GitHub).
"""

from __future__ import annotations

import base64
import html
import os
from dataclasses import dataclass
from pathlib import Path


@dataclass
class SceneVideo:
    """A rendered scene that plays in the notebook; ``path`` is the mp4, ``captions`` its WebVTT."""

    name: str
    path: Path
    captions: Path | None = None
    width: int = 854

    def _repr_html_(self) -> str:
        video = base64.b64encode(self.path.read_bytes()).decode("ascii")
        track = ""
        if self.captions is not None and self.captions.is_file():
            vtt = base64.b64encode(self.captions.read_bytes()).decode("ascii")
            track = (f'<track kind="captions" srclang="en" label="English" default '
                     f'src="data:text/vtt;base64,{vtt}">')
        return (f'<video controls playsinline style="max-width:100%" width="{self.width}" '
                f'title="{html.escape(self.name)}"><source type="video/mp4" src="data:video/mp4;base64,{video}">'
                f"{track}</video>")

    def __repr__(self) -> str:
        return f"SceneVideo({self.name!r}, {str(self.path)!r})"


def show(scene: str, *, network=None, x=None, target=None, loss=None, lr=None, theme: str = "light",
         pace: str = "lecture", quality: str = "l", output: str | os.PathLike | None = None,
         size: tuple[int, int] | None = None, fps: float | None = None) -> SceneVideo:
    """Render ``scene`` (see ``nnviz scenes``) and return it as a video the notebook plays.

    The keywords are ``nnviz render``'s options. ``output``: where the mp4 goes (default: the
    user's cache folder, since the notebook embeds the video anyway).
    """
    from nnviz.animate.base import SceneOptions
    from nnviz.manim_setup import cache_dir
    from nnviz.render import caption_paths, render_scene

    options = SceneOptions(network=network, x=x, target=target, loss=loss, lr=lr, theme=theme, pace=pace)
    target_path = Path(output) if output is not None else cache_dir() / "notebook" / f"{scene}.mp4"
    path = render_scene(scene, options, quality=quality, fmt="mp4", output=target_path, size=size, fps=fps,
                        progress=False)
    width = size[0] if size else {"l": 854, "m": 1280}.get(quality, 960)
    return SceneVideo(scene, path, caption_paths(path)[0], width=min(width, 960))


def plotly_fallbacks() -> str:
    """Make plotly figures show everywhere a notebook is read; returns the renderer chosen.

    JupyterLab reads plotly's own mime type; nbviewer and classic notebooks the HTML page (plotly.js
    inline: no CDN); GitHub, which runs no JavaScript, a PNG, if ``kaleido`` is installed.
    """
    import importlib.util

    import plotly.io as pio

    if "nnviz_notebook" not in pio.renderers:
        pio.renderers["nnviz_notebook"] = _offline_notebook_renderer()
    renderer = "plotly_mimetype+nnviz_notebook"
    if importlib.util.find_spec("kaleido") is not None:
        renderer += "+png"
    pio.renderers.default = renderer
    return renderer


def _offline_notebook_renderer():
    """plotly's notebook renderer without the MathJax ``<script src>`` it always adds from a CDN."""
    import re

    from plotly.io._base_renderers import NotebookRenderer

    class OfflineNotebookRenderer(NotebookRenderer):
        def to_mimebundle(self, fig_dict):
            bundle = super().to_mimebundle(fig_dict)
            if "text/html" in bundle:
                bundle["text/html"] = re.sub(r'<script src="https?://[^"]*"></script>', "", bundle["text/html"])
            return bundle

    return OfflineNotebookRenderer()


__all__ = ["SceneVideo", "plotly_fallbacks", "show"]
