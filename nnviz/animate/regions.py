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

from nnviz.analysis.regions import RegionProbe, half_plane_polygon, line_segment
from nnviz.animate.base import Theme
from nnviz.animate.diagram import NetworkDiagram
from nnviz.animate.text import SMALL, plain_name, words
from nnviz.engine.notation import format_number


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
        x_label = words("x₁", theme, SMALL, color=theme.muted).next_to(self.axes.x_axis.get_end(), DOWN, 0.1)
        y_label = words("x₂", theme, SMALL, color=theme.muted).next_to(self.axes.y_axis.get_end(), LEFT, 0.1)
        self.labels = VGroup(x_label, y_label)
        self.add(self.axes, self.labels)

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
        color = color or self.theme.positive
        side = half_plane_polygon(w, b, self.extent)
        shade = self.polygon(side, color, opacity=0.18, width=0) if len(side) >= 3 else VGroup()
        segment = line_segment(w, b, self.extent)
        line = Line(self.point(segment[0]), self.point(segment[1]), color=color, stroke_width=4) \
            if segment is not None else VGroup()
        group = VGroup(shade, line)
        if segment is not None:
            middle = segment.mean(axis=0)
            unit = np.asarray(w, float) / np.linalg.norm(w)
            reach = 0.12 * (self.extent[1] - self.extent[0])
            arrow = Arrow(self.point(middle), self.point(middle + reach * unit), buff=0, color=self.theme.negative,
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
        return Dot(self.point(xy), radius=0.09, color=color or self.theme.text)




def threshold_text(probe: RegionProbe, row: int, theme: Theme) -> Text:
    """"AND: Σ = 5 ≥ 5  →  f = 1": the sum into the output unit, its threshold and f, from a probe."""
    total, need, f = probe.hidden_sum[row], probe.threshold, probe.output[row]
    kind = "AND" if len(probe.region.pieces) == 1 else "OR"
    relation = "≥" if total >= need - 0.5 else "<"
    color = theme.highlight if f > 0.5 else theme.negative
    text = f"{kind}: Σ = {format_number(total)} {relation} {format_number(need)}  →  f = {format_number(f)}"
    return words(text, theme, SMALL + 2, color=color)


def gate_labels(diagram: NetworkDiagram, theme: Theme, columns: Sequence[int]) -> VGroup:
    """∧ and ∨ written on the AND / OR nodes of a diagram drawn without node labels."""
    labels = [words(plain_name(diagram.names[c][j].split("_")[0]), theme, SMALL).move_to(node)
              for c in columns for j, node in diagram.nodes[c].items()]
    # an outline in the background colour keeps the sign readable on a lit (filled) node
    return VGroup(*[label.set_stroke(theme.background, width=3, background=True) for label in labels])


__all__ = ["RegionPlane", "gate_labels", "threshold_text"]
