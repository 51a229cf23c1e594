"""The pieces of a network diagram, in centimetres (y up) and points: what a backend draws.

``nnviz.analysis.diagram_layout`` makes a ``DiagramLayout``; the matplotlib figure and the TikZ
picture draw it piece by piece, so both show the same geometry and the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from nnviz.analysis.diagram_text import PT, Run, line_width
from nnviz.analysis.worked import Worked
from nnviz.engine import Network

SHOWABLE = ("values", "weights", "biases", "gradients")
MAX_LABELLED_EDGES = 20  # a layer with more drawn edges shows its weights by colour and width only
LINE = 1.25  # line height in ems
BOLD = 1.12  # the title is bold: DejaVu Sans Bold is up to a tenth wider


@dataclass(frozen=True)
class Sizes:
    """Font sizes in points; every length of the layout is a multiple of them."""

    value: float = 9.0
    weight: float = 7.5
    name: float = 9.0
    caption: float = 8.0
    title: float = 11.0

    def scaled(self, s: float) -> Sizes:
        return Sizes(*(getattr(self, f) * s for f in ("value", "weight", "name", "caption", "title")))


@dataclass(frozen=True)
class Text:
    """One line of text: ``runs`` anchored at (x, y) (vertical centre), aligned ``ha`` left/center/right."""

    x: float
    y: float
    runs: tuple[Run, ...]
    role: str
    size: float
    ha: str = "left"
    group: str = "label"  # value, bias, gradient, weight, name, caption, title, legend, dots, count
    key: tuple = ()

    @property
    def string(self) -> str:
        return "".join(run.text for run in self.runs)

    def box(self) -> tuple[float, float, float, float]:
        """The estimated extent (x0, y0, x1, y1) in cm."""
        w = line_width(self.runs, self.size) * (BOLD if self.group == "title" else 1.0)
        x0 = self.x - {"left": 0.0, "center": w / 2, "right": w}[self.ha]
        h = 0.5 * self.size * PT * 1.0
        return (x0, self.y - h, x0 + w, self.y + h)


@dataclass(frozen=True)
class Node:
    x: float
    y: float
    r: float
    column: int
    neuron: int


@dataclass(frozen=True)
class Edge:
    """A line from (x0, y0) to (x1, y1) for weight ``W[i, j]`` of ``layer``; width in points."""

    x0: float
    y0: float
    x1: float
    y1: float
    layer: int
    i: int
    j: int
    role: str
    width: float
    opacity: float


@dataclass(frozen=True)
class Box:
    """A filled rectangle behind a label (so the label interrupts its own edge)."""

    x0: float
    y0: float
    x1: float
    y1: float
    role: str = "background"
    key: tuple = ()


@dataclass(frozen=True)
class Path:
    """A polyline (a brace, a legend swatch) in a role's colour, width in points."""

    points: tuple[tuple[float, float], ...]
    role: str
    width: float
    opacity: float = 1.0


@dataclass
class DiagramLayout:
    """Everything a backend draws, in centimetres (y up), and the numbers it writes."""

    nodes: list[Node]
    edges: list[Edge]
    texts: list[Text]
    boxes: list[Box]
    paths: list[Path]
    extent: tuple[float, float, float, float]
    sizes: Sizes
    show: tuple[str, ...]
    network: Network
    worked: Worked | None
    unlabelled_layers: list[int] = field(default_factory=list)

    @property
    def width(self) -> float:
        return self.extent[2] - self.extent[0]

    @property
    def height(self) -> float:
        return self.extent[3] - self.extent[1]

    def scaled(self, s: float) -> DiagramLayout:
        """The same diagram ``s`` times the size, text included (for a slide's frame)."""
        def xy(x: float, y: float) -> tuple[float, float]:
            return x * s, y * s

        x0, y0, x1, y1 = self.extent
        return replace(
            self, sizes=self.sizes.scaled(s),
            nodes=[replace(n, x=n.x * s, y=n.y * s, r=n.r * s) for n in self.nodes],
            edges=[replace(e, x0=e.x0 * s, y0=e.y0 * s, x1=e.x1 * s, y1=e.y1 * s, width=e.width * s)
                   for e in self.edges],
            texts=[replace(t, x=t.x * s, y=t.y * s, size=t.size * s) for t in self.texts],
            boxes=[replace(b, x0=b.x0 * s, y0=b.y0 * s, x1=b.x1 * s, y1=b.y1 * s) for b in self.boxes],
            paths=[replace(p, points=tuple(xy(*q) for q in p.points), width=p.width * s) for p in self.paths],
            extent=(x0 * s, y0 * s, x1 * s, y1 * s))

    def fitted(self, width: float, height: float, most: float = 1.0) -> DiagramLayout:
        """Scaled to fit ``width`` × ``height`` cm: down as needed, up by at most ``most``."""
        return self.scaled(min(most, width / self.width, height / self.height))

    def texts_in(self, group: str) -> list[Text]:
        return [t for t in self.texts if t.group == group]


def brace_points(x: float, y0: float, y1: float, width: float) -> tuple[tuple[float, float], ...]:
    """A curly brace from y0 (bottom) to y1 (top) at ``x``, its tip pointing right by ``width``."""
    def quad(p0, c, p1):
        return [tuple((1 - s) ** 2 * np.array(p0) + 2 * (1 - s) * s * np.array(c) + s ** 2 * np.array(p1))
                for s in np.linspace(0, 1, 7)]
    ym, half, bend = (y0 + y1) / 2, width / 2, min(width, (y1 - y0) / 4)
    top = quad((x, y1), (x + half, y1), (x + half, y1 - bend)) + \
        quad((x + half, ym + bend), (x + half, ym), (x + width, ym))
    bottom = quad((x + width, ym), (x + half, ym), (x + half, ym - bend)) + \
        quad((x + half, y0 + bend), (x + half, y0), (x, y0))
    return tuple((float(px), float(py)) for px, py in top + bottom)


__all__ = ["BOLD", "LINE", "MAX_LABELLED_EDGES", "PT", "SHOWABLE", "Box", "DiagramLayout", "Edge", "Node", "Path",
           "Sizes", "Text", "brace_points"]
