"""The network diagram as a slide figure (matplotlib: SVG, PDF, PNG), with the trace's numbers.

    fig = diagram(net.forward([7, 1, -4]), show="values,weights", theme="light")
    save(fig, "deep.svg")        # numbers stay text in the SVG; PDFs embed TrueType fonts

It draws a ``DiagramLayout`` (``nnviz.analysis.diagram_layout``) at its true size: a centimetre
of the layout is a centimetre of the figure, and a 9 pt label is 9 pt, so the figure and the TikZ
picture (``nnviz.latex.tikz``) match. Labels that come from a spec are drawn as text, never math.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from matplotlib.patches import Circle, Rectangle

from nnviz.analysis.diagram_layout import DiagramLayout, Sizes, diagram_layout
from nnviz.analysis.diagram_text import shown_text
from nnviz.engine import Network, Trace
from nnviz.files import write_text
from nnviz.palette import Palette, palette
from nnviz.plots.figure import SlideFigure

CM = 1 / 2.54  # inches
POINT = 72 / 72.27  # matplotlib's point is 1/72 in; the layout's is TeX's 1/72.27 in
FONT = "DejaVu Sans"  # the font the layout's text widths are measured in


class DiagramFigure(SlideFigure):
    """A network diagram: a ``SlideFigure`` (shows inline in Jupyter, saves with TrueType fonts and
    SVG text) that keeps its ``layout`` and can carry text twins (the TikZ picture,
    ``attach("tex", text)``) for the gallery's downloads."""

    layout: DiagramLayout
    theme: str = "light"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.attachments: dict[str, str] = {}

    def attach(self, suffix: str, text: str) -> DiagramFigure:
        """Add a text file written beside the figure's own by ``gallery_files`` (e.g. ``"tex"``)."""
        self.attachments[suffix.lstrip(".")] = text
        return self

    def gallery_files(self, folder: str | os.PathLike, stem: str) -> list[Path]:
        """Write ``stem.svg`` (the card's link), ``.pdf``, ``.png`` and the attachments into ``folder``."""
        from nnviz.plots.save import save

        folder = Path(folder)
        paths = [save(self, folder / f"{stem}.{suffix}") for suffix in ("svg", "pdf", "png")]
        paths += [write_text(folder / f"{stem}.{suffix}", text) for suffix, text in self.attachments.items()]
        return paths


def diagram(source: Network | Trace, *, show: str | Iterable[str] | None = None, theme: str = "light",
            max_neurons: int = 8, title: str | None = None, sizes: Sizes | None = None, example: int = 0,
            ax=None) -> DiagramFigure:
    """The diagram of a network (or of a trace, with its numbers) as a figure that shows inline in Jupyter.

    ``show``: some of ``values``, ``weights``, ``biases``, ``gradients`` (a list or ``"values,weights"``);
    by default the values and weights, and the gradients when the trace has them. ``ax``: draw into
    an existing axes (its figure is returned) instead of a new figure.
    """
    layout = diagram_layout(source, show=show, max_neurons=max_neurons, sizes=sizes, title=title,
                            example=example)
    return figure_of(layout, theme, ax=ax)


def figure_of(layout: DiagramLayout, theme: str = "light", ax=None):
    """Draw a layout into a new ``DiagramFigure`` of its true size (or into ``ax``)."""
    colours = palette(theme)
    if ax is None:
        fig = DiagramFigure(figsize=(layout.width * CM, layout.height * CM), facecolor=colours.background)
        fig.layout, fig.theme = layout, theme
        ax = fig.add_axes((0, 0, 1, 1))
    draw(layout, ax, colours)
    return ax.figure


def draw(layout: DiagramLayout, ax, colours: Palette) -> None:
    """Every piece of ``layout`` into ``ax`` (data coordinates in cm)."""
    x0, y0, x1, y1 = layout.extent
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.set_facecolor(colours.background)
    for e in layout.edges:
        ax.plot([e.x0, e.x1], [e.y0, e.y1], color=getattr(colours, e.role), lw=e.width * POINT,
                alpha=e.opacity, solid_capstyle="butt", zorder=1)
    for path in layout.paths:
        xs, ys = zip(*path.points)
        ax.plot(xs, ys, color=getattr(colours, path.role), lw=path.width * POINT, alpha=path.opacity,
                solid_capstyle="butt", zorder=2)
    for n in layout.nodes:
        ax.add_patch(Circle((n.x, n.y), n.r, facecolor=colours.node_fill, edgecolor=colours.node_stroke,
                            lw=1.2 * POINT * layout.sizes.value / 9, zorder=2))
    for b in layout.boxes:
        ax.add_patch(Rectangle((b.x0, b.y0), b.x1 - b.x0, b.y1 - b.y0, facecolor=getattr(colours, b.role),
                               edgecolor="none", zorder=3))
    for t in layout.texts:
        ax.text(t.x, t.y, "".join(shown_text(run) for run in t.runs), fontsize=t.size * POINT, family=FONT,
                color=getattr(colours, t.role), ha=t.ha, va="center", zorder=4, parse_math=False,
                fontweight="bold" if t.group == "title" else "normal")


__all__ = ["DiagramFigure", "diagram", "draw", "figure_of"]
