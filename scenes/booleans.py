"""Why add more layers? Booleans over the reals: half-planes, their AND (a pentagon), and an OR of two."""

from __future__ import annotations

from manim import DOWN, LEFT, UP, Create, FadeIn, FadeOut, LaggedStart, ReplacementTransform, VGroup

from nnviz.analysis.regions import polygon_region, preset_region, probe_region
from nnviz.animate import LectureScene, heading
from nnviz.animate.regions import (
    RegionPlane,
    UnitNumbers,
    UnitTable,
    gate_labels,
    threshold_labels,
    threshold_text,
    unit_edge_labels,
    unit_line,
)
from nnviz.animate.stage import Region, content_area, diagram_in, diagram_legend, reading
from nnviz.animate.text import SMALL, math, words
from nnviz.engine.notation import format_number
from nnviz.palette import mix

FILL = 0.45  # the coloured area: the highlight over the plane, the lines still visible through it


class BooleansOverTheReals(LectureScene):
    name = "booleans-over-the-reals"
    section = "Why add more layers?"
    summary = "Half-planes appear unit by unit, their AND fills a pentagon, an OR joins a second pentagon."
    caption = "The network must fire if the input is in the coloured area"
    order = 55

    def construct(self):
        theme = self.theme
        self.union = preset_region("two-pentagons")  # built exactly from the two pentagons' vertices
        self.first = polygon_region(self.union.outlines[0], "pentagon")  # five half-planes and their AND
        points = [p.mean(axis=0) for p in self.union.outlines]  # an input inside each pentagon
        self.points = points
        self.probe, self.units = probe_region(self.first, points), UnitNumbers(self.first, points)
        title = heading("Booleans over the reals", theme)
        caption = words(self.caption, theme, SMALL + 2, color=theme.muted).next_to(title, DOWN, aligned_edge=LEFT)
        main, bottom = content_area(caption).rows(0.86, 0.14, gap=0.15)
        left, middle, right = main.columns(0.31, 0.44, 0.25, gap=0.3)
        self.plane = left.place(RegionPlane(self.union.extent(), theme, side=min(left.width, left.height)))
        self.diagram, self.middle = diagram_in(middle, self.probe.trace, theme, room_for=("1",)), middle
        self.wide_area = Region(middle.left, right.right, middle.bottom, middle.top)  # for the OR's network
        rule = right.place(math(r"h_j = [\,\mathbf{w}_j^T \mathbf{x} + b_j \ge 0\,]", theme), UP)
        self.table = right.below(rule).place(UnitTable(self.units, range(5), theme), UP)
        self.key = right.below(self.table).place(diagram_legend(theme, [(theme.highlight, "fires")], column=True),
                                                 DOWN + LEFT)
        self.bottom, self.dot = bottom, self.plane.probe(points[0])
        outline = self.plane.outline(self.union.outlines[0])
        self.step(FadeIn(title), FadeIn(caption), FadeIn(self.plane), Create(outline), FadeIn(self.diagram),
                  FadeIn(self.key), FadeIn(self.dot, scale=2), FadeIn(rule), FadeIn(self.table.head),
                  *self.diagram.show_values(0), reads=reading(self.plane, self.key) + 2,
                  say="Build a network of units with a single output that fires if the input is in the coloured "
                      "area: here, inside the pentagon.")
        self.half_planes_one_by_one()
        self.and_fills_the_pentagon()
        self.outside_fewer_fire(points[1])
        self.or_joins_a_second_pentagon()

    def half_planes_one_by_one(self):
        """Each hidden unit [w·x + b ≥ 0] is a half-plane: its weights, its line, its value at the input."""
        layer, diagram, shown = self.first.network.layers[0], self.diagram, VGroup()
        for j in range(layer.n_neurons):
            half = self.plane.half_plane(layer.W[:, j], layer.b[j])
            weights = unit_edge_labels(diagram, 0, j, self.units.row(j)[:2], self.theme)
            line = self.bottom.place(unit_line(self.units, j, 0, self.theme))
            self.step(*self.plane.show_half_plane(half), *diagram.highlight_neuron(1, j), FadeIn(weights),
                      FadeIn(self.table.rows[j]), FadeOut(shown), FadeIn(line), *diagram.show_values(1, only=[j]),
                      *diagram.light_nodes(1, [self.units.fires(i, 0) and i <= j for i in range(5)], self.lit),
                      reads=reading(self.table.rows[j], line, weights) + 1,
                      say=f"Unit h{j + 1} fires on one side of a line: w·x + b ≥ 0. Its weights are on its "
                          f"edges, its bias in the table; at this input it {self.verb(j, 0)}.")
            self.play(FadeOut(half.shade), FadeOut(half[2]), half.line.animate.set_stroke(width=2),
                      *diagram.unhighlight(), FadeOut(weights))
            shown = self.line = line

    def and_fills_the_pentagon(self):
        diagram, theme = self.diagram, self.theme
        self.sums = self.bottom.place(threshold_text(self.probe, 0, theme))
        self.thresholds = threshold_labels(diagram, 2, f"Σ ≥ {self.first.threshold}", theme)
        self.fill = self.plane.fill(self.first.pieces, opacity=FILL)
        n, bias = self.first.threshold, format_number(self.first.network.layers[1].b[0])
        self.step(FadeOut(self.line), FadeIn(self.sums), FadeIn(self.thresholds), FadeIn(self.fill),
                  *diagram.show_values(2), *diagram.light_nodes(2, self.probe.output[:1] > 0.5, self.lit),
                  reads=reading(self.sums, self.thresholds) + 1,
                  say=f"The output unit adds the {n} half-planes and fires only if all {n} do, Σ ≥ {n} (its bias "
                      f"is {bias}): the AND of the half-planes is the pentagon.")

    def outside_fewer_fire(self, point):
        """The same network at an input in the other pentagon: only some half-planes hold it."""
        trace, diagram = self.probe.trace, self.diagram
        moved, sums = self.plane.probe(point), self.bottom.place(threshold_text(self.probe, 1, self.theme))
        self.step(ReplacementTransform(self.dot, moved), *diagram.show_values(0, trace.x[1]),
                  *diagram.light_nodes(1, trace.layers[0].z_out[1] > 0.5, self.lit),
                  *diagram.show_values(1, trace.layers[0].z_out[1]),
                  *diagram.light_nodes(2, self.probe.output[1:] > 0.5, self.lit),
                  *diagram.show_values(2, self.probe.output[1:]), ReplacementTransform(self.sums, sums),
                  reads=reading(sums) + 8,
                  say=f"At an input outside the pentagon only {int(self.probe.hidden_sum[1])} half-planes hold it: "
                      f"Σ < {self.first.threshold}, and the AND does not fire.")
        self.sums, self.dot = sums, moved

    def or_joins_a_second_pentagon(self):
        """A second AND over five more units, and an OR unit over the two ANDs."""
        both, plane, theme = probe_region(self.union, self.points[1:]), self.plane, self.theme
        wide = diagram_in(self.wide_area, both.trace, theme, max_neurons=6, node_labels=False, room_for=("0",))
        layer, second = self.union.network.layers[0], self.union.unit_piece == 1
        lines = VGroup(*[plane.half_plane(w, b).line.set_stroke(width=2)
                         for w, b in zip(layer.W.T[second], layer.b[second])])
        old = [self.diagram.value_group(c) for c in range(self.diagram.n_columns)]
        self.play(FadeOut(self.sums), FadeOut(self.thresholds), *map(FadeOut, old), FadeOut(self.table),
                  ReplacementTransform(self.diagram, wide))
        gates = VGroup(gate_labels(wide, theme, [2, 3]),
                       threshold_labels(wide, 2, f"Σ ≥ {self.first.threshold}", theme, "outside"),
                       threshold_labels(wide, 3, f"Σ ≥ {self.union.threshold}", theme, UP))
        self.step(Create(plane.outline(self.union.outlines[1])), LaggedStart(*map(Create, lines), lag_ratio=0.25),
                  FadeIn(gates), *wide.show_values(0), reads=reading(gates) + 2,
                  say=f"A second pentagon needs {self.first.threshold} more half-planes and a second AND; an OR unit "
                      f"over the two ANDs fires if either does: its threshold is Σ ≥ {self.union.threshold}.")
        sums = self.bottom.place(threshold_text(both, 0, theme))
        lit = [a for c, lt in enumerate(both.trace.layers, start=1)
               for a in wide.light_nodes(c, lt.z_out[0] > 0.5, self.lit)]
        self.step(*lit, *wide.show_values(2), *wide.show_values(3), FadeIn(sums),
                  FadeIn(plane.fill(self.union.pieces[1:], opacity=FILL)), reads=reading(sums) + 3,
                  say="At this input the second AND fires, so the OR does: the network fires on both pentagons.")

    @property
    def lit(self) -> str:
        """A firing unit's fill: the highlight, pale enough for its name to stay readable."""
        return mix(self.theme.highlight, self.theme.background, 0.55)

    def verb(self, j: int, k: int) -> str:
        return "fires" if self.units.fires(j, k) else "does not fire"



__all__ = ["BooleansOverTheReals"]
