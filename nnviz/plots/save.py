"""``save(fig, path)``: one call for every figure; the format comes from the suffix.

plotly figures become interactive pages (``.html``); matplotlib figures become slide figures
(``.svg``, ``.pdf``, ``.png``). Files are written atomically.
"""

from __future__ import annotations

import os
from pathlib import Path

from nnviz.errors import NnvizError
from nnviz.files import atomic_path

PAGE_SUFFIXES = (".html",)
FIGURE_SUFFIXES = (".svg", ".pdf", ".png")


def save(fig, path: str | os.PathLike, *, plotlyjs: str = "inline", dpi: int = 200) -> Path:
    """Write ``fig`` to ``path``; returns the path.

    ``plotlyjs``: ``"inline"`` (self-contained, works offline), ``"cdn"`` (small, needs internet)
    or ``"directory"`` (a shared ``plotly.min.js`` beside the page), or a relative path/URL
    to a plotly.js the page should load (as the gallery does).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if _is_plotly(fig):
        if suffix not in PAGE_SUFFIXES:
            raise NnvizError(f"{path}: an interactive figure is saved as .html, not {suffix or 'no suffix'}")
        include = {"inline": True, "cdn": "cdn", "directory": "directory"}.get(plotlyjs, plotlyjs)
        if include == "directory":
            _write_plotlyjs(path.parent / "plotly.min.js")
        with atomic_path(path) as tmp:
            fig.write_html(tmp, include_plotlyjs=include, full_html=True,
                           config={"displaylogo": False, "responsive": True})
        return path
    if suffix not in FIGURE_SUFFIXES:
        raise NnvizError(f"{path}: a slide figure is saved as .svg, .pdf or .png, not {suffix or 'no suffix'}")
    import matplotlib

    from nnviz.plots.figure import FONT_RC

    if not (isinstance(dpi, int | float) and 10 <= dpi <= 2400):
        raise NnvizError(f"dpi {dpi}: must be a number from 10 to 2400")
    with atomic_path(path) as tmp, matplotlib.rc_context(FONT_RC):
        fig.savefig(tmp, format=suffix[1:], dpi=dpi, bbox_inches="tight")
    return path


def _is_plotly(fig) -> bool:
    return type(fig).__module__.startswith("plotly")


def _write_plotlyjs(target: Path) -> None:
    """Write plotly.js once beside the pages that share it."""
    if target.exists():
        return
    from plotly.offline import get_plotlyjs

    with atomic_path(target) as tmp:
        tmp.write_text(get_plotlyjs(), encoding="utf-8")
