"""The plane beside a threshold network: half-planes, their AND and OR, and a probe input.

Every shape comes from ``nnviz.analysis.regions`` (the region's pieces and outlines, the units'
``W`` and ``b``); this module only places them on manim axes::

    plane = RegionPlane(region.extent(), theme)
    self.play(Create(plane))
    self.play(*plane.show_half_plane(W[:, 0], b[0]))     # shaded side, line, normal arrow
    self.play(FadeIn(plane.fill(region.pieces)))          # the coloured area
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import (
    DOWN,
    LEFT,
    UP,
    Arrow,
    Axes,
    Create,
    DashedVMobject,
    Dot,
    FadeIn,
    GrowArrow,
    Line,
    Polygon,
    Text,
    VGroup,
)

from nnviz.analysis.regions import RegionProbe, ThresholdRegion, half_plane_polygon, line_segment, probe_region
from nnviz.animate.axes import NAME_SIZE, TICK_SIZE
from nnviz.animate.base import Theme
from nnviz.animate.diagram import NetworkDiagram
from nnviz.animate.precision import Written, bracketed
from nnviz.animate.stage import on_edge, table_layout
from nnviz.animate.text import SMALL, math, plain_name, words
from nnviz.engine.notation import format_number

SCRIPTED = SMALL + 8  # a text with a Unicode subscript (h₁): the subscript stays ≥ 8 px at 480p


def _units(span) -> list[int]:
    """The whole numbers strictly inside a span, but 0 (where the axes cross)."""
    return [v for v in range(int(np.ceil(span[0] + 0.25)), int(np.floor(span[1] - 0.25)) + 1) if v != 0]


class RegionPlane(VGroup):
    """Axes x₁, x₂ over a window ``(x1_min, x1_max, x2_min, x2_max)`` with equal scales."""

    def __init__(self, extent, theme: Theme, side: float = 5.6):
        super().__init__()
        self.extent, self.theme = tuple(float(v) for v in extent), theme
        width = self.extent[1] - self.extent[0]
        height = self.extent[3] - self.extent[2]
        scale = side / max(width, height)
        self.axes = Axes(x_range=[self.extent[0], self.extent[1], 1], y_range=[self.extent[2], self.extent[3], 1],
                         x_length=width * scale, y_length=height * scale, tips=False,
                         axis_config=dict(color=theme.muted, stroke_width=2, include_ticks=False))
        x_label = words("x₁", theme, NAME_SIZE, color=theme.muted).next_to(self.axes.x_axis.get_end(), DOWN, 0.1)
        y_label = words("x₂", theme, NAME_SIZE, color=theme.muted).next_to(self.axes.y_axis.get_end(), LEFT, 0.1)
        self.numbers = VGroup(*[words(format_number(v), theme, TICK_SIZE, color=theme.muted)
                                .next_to(self.axes.c2p(v, 0), DOWN, 0.08) for v in _units(self.extent[:2])],
                              *[words(format_number(v), theme, TICK_SIZE, color=theme.muted)
                                .next_to(self.axes.c2p(0, v), LEFT, 0.08) for v in _units(self.extent[2:])])
        for number in self.numbers:
            number.axis_number = True
        self.labels = VGroup(x_label, y_label)
        for text in (*self.numbers, *self.labels):  # above the lines drawn later, which stop short of them
            text.set_stroke(theme.background, width=5, background=True).set_z_index(2)
        self.add(self.axes, self.numbers, self.labels)

    def point(self, xy) -> np.ndarray:
        """Scene coordinates of an input (x₁, x₂)."""
        return self.axes.c2p(float(xy[0]), float(xy[1]))

    def polygon(self, vertices, color: str, opacity: float = 0.0, width: float = 3.0) -> Polygon:
        return Polygon(*[self.point(v) for v in vertices], color=color, stroke_width=width,
                       fill_color=color, fill_opacity=opacity)

    def outline(self, vertices, dashed: bool = True) -> DashedVMobject | Polygon:
        """The target polygon, dashed: where the network should fire."""
        shape = self.polygon(vertices, self.theme.text, width=2.5)
        return DashedVMobject(shape, num_dashes=40) if dashed else shape

    def half_plane(self, w, b: float, color: str | None = None) -> VGroup:
        """A unit ``[w·x + b ≥ 0]``: its side shaded, its line, its normal arrow (pointing inside)."""
        color = color or self.theme.text
        side = half_plane_polygon(w, b, self.extent)
        shade = self.polygon(side, color, opacity=0.12, width=0) if len(side) >= 3 else VGroup()
        segment = line_segment(w, b, self.extent)
        line = Line(self.point(segment[0]), self.point(segment[1]), color=color, stroke_width=3) \
            if segment is not None else VGroup()
        group = VGroup(shade, line)
        if segment is not None:
            middle = segment.mean(axis=0)
            unit = np.asarray(w, float) / np.linalg.norm(w)
            reach = 0.12 * (self.extent[1] - self.extent[0])
            arrow = Arrow(self.point(middle), self.point(middle + reach * unit), buff=0, color=color,
                          stroke_width=5, max_tip_length_to_length_ratio=0.35)
            group.add(arrow)
        group.shade, group.line = shade, line
        return group

    def show_half_plane(self, group: VGroup) -> list:
        """Animations that draw a ``half_plane`` group: shade in, line drawn, arrow grown."""
        anims = [FadeIn(group[0]), Create(group[1])]
        if len(group) > 2:
            anims.append(GrowArrow(group[2]))
        return anims

    def fill(self, pieces: Sequence, color: str | None = None, opacity: float = 0.75) -> VGroup:
        """The coloured area: every convex piece filled (their union is the region)."""
        color = color or self.theme.accent
        return VGroup(*[self.polygon(p, color, opacity=opacity, width=0) for p in pieces])

    def probe(self, xy, color: str | None = None) -> Dot:
        """A dot at the input x the network is asked about."""
        return Dot(self.point(xy), radius=0.09, color=color or self.theme.text).set_z_index(3)  # over the numbers




class UnitNumbers:
    """The half-plane units of a threshold network as the scene writes them: each unit's w₁, w₂, b,
    and at each probe input its sum ``w₁·x₁ + w₂·x₂ + b``, with digits that add up as written."""

    def __init__(self, region: ThresholdRegion, points):
        layer, self.probe = region.network.layers[0], probe_region(region, points)
        written = self.written = Written().add("W", layer.W, "number").add("b", layer.b, "number")
        written.add("x", self.probe.trace.x, "number").add("s", self.probe.trace.layers[0].z_in, "number")
        written.relate("s", lambda W, b, x: x @ W + b, "W", "b", "x", write=lambda W, b, x, s: [
            f"{self.sum_at(W, b, x, j, k)} = {s[k, j]}" for k in range(len(x)) for j in range(len(b))])
        written.solve()

    @staticmethod
    def sum_at(W, b, x, j: int, k: int) -> str:
        products = [f"{bracketed(str(W[i, j]))}·{bracketed(str(x[k, i]))}" for i in range(len(x[k]))]
        return " + ".join([*products, bracketed(str(b[j]))])

    def row(self, j: int) -> list[str]:
        """``[w₁, w₂, b]`` of unit ``j`` as written."""
        W, b = self.written.texts("W"), self.written.texts("b")
        return [str(W[0, j]), str(W[1, j]), str(b[j])]

    def worked(self, j: int, k: int) -> tuple[str, str]:
        """Unit ``j``'s sum at input ``k``: the products as written, and its value."""
        w = self.written
        return self.sum_at(w.texts("W"), w.texts("b"), w.texts("x"), j, k), str(w.texts("s")[k, j])

    def fires(self, j: int, k: int) -> bool:
        return bool(self.probe.trace.layers[0].z_out[k, j] > 0.5)


def unit_line(numbers: UnitNumbers, j: int, k: int, theme: Theme) -> Text:
    """``h₁:  0.588·(-1.05) + (-0.809)·(-0.25) + 1.143 = 0.728 ≥ 0  →  h₁ = 1`` at input ``k``."""
    expression, value = numbers.worked(j, k)
    name = plain_name(f"h_{j + 1}")
    fires = numbers.fires(j, k)
    line = words(f"{name}:  {expression} = {value} {'≥' if fires else '<'} 0  →  {name} = {int(fires)}", theme,
                 SCRIPTED, color=theme.highlight if fires else theme.text)
    line.written_equations = [f"{expression} = {value}"]
    return line


def threshold_text(probe: RegionProbe, row: int, theme: Theme) -> Text:
    """``AND: Σ = 1 + 1 + 1 + 1 + 1 = 5 ≥ 5  →  f = 1``: what the output unit adds up, its threshold, f."""
    terms = [format_number(v) for v in probe.trace.layers[-1].input[row]]
    total, need, f = probe.hidden_sum[row], probe.threshold, probe.output[row]
    kind = "AND" if len(probe.region.pieces) == 1 else "OR"
    relation = "≥" if total >= need - 0.5 else "<"
    text = (f"{kind}: Σ = {' + '.join(terms)} = {format_number(total)} {relation} {format_number(need)}  →  "
            f"f = {format_number(f)}")
    mobject = words(text, theme, SMALL + 2, color=theme.highlight if f > 0.5 else theme.text)
    mobject.written_equations = [f"{' + '.join(terms)} = {format_number(total)}"]
    return mobject


class UnitTable(VGroup):
    """Each half-plane unit's weights and bias, a row per unit: ``h₁  0.588  -0.809  1.143``."""

    def __init__(self, numbers: UnitNumbers, units: Sequence[int], theme: Theme, font_size: float = SMALL + 2,
                 col_gap: float = 0.3, row_height: float = 0.5):
        super().__init__()
        self.head = VGroup(*[math(h, theme, 36, color=theme.muted) for h in ("h_j", "w_1", "w_2", "b")])
        cells = [[math(f"h_{{{j + 1}}}", theme, 36), *[
            words(t, theme, font_size, color=theme.sign(float(t))) for t in numbers.row(j)]] for j in units]
        table_layout([list(self.head), *cells], col_gap, row_height)
        self.rows = VGroup(*[VGroup(*row) for row in cells])
        self.add(self.head, self.rows)


def threshold_labels(diagram: NetworkDiagram, column: int, text: str, theme: Theme, side=DOWN) -> VGroup:
    """``Σ ≥ 5`` beside every node of a column: the threshold of the AND (or OR) units.

    ``side``: where, for every node; or ``"outside"``: above the first node, below the others (two
    units one above the other keep their labels apart and off their edges).
    """
    nodes = list(diagram.nodes[column].values())
    sides = [UP if k == 0 else DOWN for k in range(len(nodes))] if isinstance(side, str) else [side] * len(nodes)
    return VGroup(*[words(text, theme, SMALL + 2, color=theme.text).next_to(node, where, buff=0.12)
                    for node, where in zip(nodes, sides)])


def unit_edge_labels(diagram: NetworkDiagram, layer: int, neuron: int, texts: Sequence[str], theme: Theme,
                     at: float = 0.42) -> VGroup:
    """The weights into one unit written on its edges (``texts`` by input), coloured by sign.

    ``at``: how far along the edge, from the input; near the inputs the edges of one unit are apart.
    """
    group = VGroup()
    for (i, j), edge in diagram.edges[layer].items():
        if j == neuron:
            label = words(texts[i], theme, SMALL + 2, color=theme.sign(float(texts[i])))
            group.add(on_edge(label, edge, at, theme))
    return group


def gate_labels(diagram: NetworkDiagram, theme: Theme, columns: Sequence[int]) -> VGroup:
    """∧ and ∨ written on the AND / OR nodes of a diagram drawn without node labels."""
    labels = [words(plain_name(diagram.names[c][j].split("_")[0]), theme, SMALL).move_to(node)
              for c in columns for j, node in diagram.nodes[c].items()]
    # an outline in the background colour keeps the sign readable on a lit (filled) node
    return VGroup(*[label.set_stroke(theme.background, width=3, background=True) for label in labels])


__all__ = ["RegionPlane", "UnitNumbers", "UnitTable", "gate_labels", "threshold_labels", "threshold_text",
           "unit_edge_labels", "unit_line"]
