"""Why add more layers? Booleans over the reals: half-planes, their AND (a pentagon), and an OR of two."""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, Create, FadeIn, FadeOut, LaggedStart, ReplacementTransform, VGroup

from nnviz.analysis.regions import polygon_region, preset_region, probe_region
from nnviz.animate import LectureScene, NetworkDiagram, heading
from nnviz.animate.regions import RegionPlane, gate_labels, threshold_text
from nnviz.animate.text import SMALL, words


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
        self.inside, self.elsewhere = (p.mean(axis=0) for p in self.union.outlines)  # a point in each
        self.probe = probe_region(self.first, [self.inside, self.elsewhere])
        title = heading("Booleans over the reals", theme)
        caption = words(self.caption, theme, SMALL, color=theme.muted).next_to(title, DOWN, aligned_edge=LEFT)
        self.plane = RegionPlane(self.union.extent(), theme, side=5.6).to_corner(DOWN + LEFT, buff=0.35)
        self.diagram = NetworkDiagram(self.probe.trace, theme, width=4.4, height=4.4)
        self.diagram.to_edge(RIGHT, buff=0.8).shift(0.4 * DOWN)
        self.dot = self.plane.probe(self.inside)
        self.add(title, caption)
        self.play(FadeIn(self.plane), Create(self.plane.outline(self.union.outlines[0])), FadeIn(self.diagram))
        self.play(FadeIn(self.dot, scale=2), *self.diagram.show_values(0))
        self.pause()
        self.half_planes_one_by_one()
        self.and_fills_the_pentagon()
        self.outside_fewer_fire()
        self.or_joins_a_second_pentagon()

    def half_planes_one_by_one(self):
        """Each hidden unit is a half-plane; the units whose side holds the input light up."""
        layer, fired = self.first.network.layers[0], self.probe.trace.layers[0].z_out[0] > 0.5
        for j in range(layer.n_neurons):
            half = self.plane.half_plane(layer.W[:, j], layer.b[j])
            self.play(*self.diagram.highlight_neuron(1, j), *self.plane.show_half_plane(half), run_time=0.9)
            self.play(*self.diagram.light_nodes(1, fired & (np.arange(layer.n_neurons) <= j)),
                      *self.diagram.show_values(1, only=[j]), run_time=0.5)
            self.play(FadeOut(half.shade), FadeOut(half[2]), half.line.animate.set_stroke(width=2),
                      *self.diagram.unhighlight(), run_time=0.4)
        self.pause()

    def and_fills_the_pentagon(self):
        self.sums = threshold_text(self.probe, 0, self.theme).next_to(self.diagram, DOWN, buff=0.3)
        self.play(*self.diagram.highlight_neuron(2, 0), FadeIn(self.sums), *self.diagram.show_values(2))
        self.play(FadeIn(self.plane.fill(self.first.pieces)), *self.diagram.unhighlight(),
                  *self.diagram.light_nodes(2, self.probe.output[:1] > 0.5))
        self.pause()

    def outside_fewer_fire(self):
        """The same network at an input in the other pentagon: only some half-planes hold it."""
        trace, diagram = self.probe.trace, self.diagram
        moved = self.plane.probe(self.elsewhere)
        sums = threshold_text(self.probe, 1, self.theme).move_to(self.sums)
        self.play(ReplacementTransform(self.dot, moved), *diagram.show_values(0, trace.x[1]),
                  *diagram.light_nodes(1, trace.layers[0].z_out[1] > 0.5),
                  *diagram.show_values(1, trace.layers[0].z_out[1]),
                  *diagram.light_nodes(2, self.probe.output[1:] > 0.5),
                  *diagram.show_values(2, self.probe.output[1:]),
                  ReplacementTransform(self.sums, sums))
        self.sums = sums
        self.pause()

    def or_joins_a_second_pentagon(self):
        """A second AND over five more units, and an OR unit over the two ANDs."""
        both, plane = probe_region(self.union, [self.elsewhere]), self.plane
        wide = NetworkDiagram(both.trace, self.theme, width=4.4, height=5.0, max_neurons=10, node_labels=False)
        wide.move_to(self.diagram)
        layer, second = self.union.network.layers[0], self.union.unit_piece == 1
        lines = VGroup(*[plane.half_plane(w, b).line.set_stroke(width=2) for w, b in zip(layer.W.T[second],
                                                                                          layer.b[second])])
        old_values = [self.diagram.value_group(c) for c in range(self.diagram.n_columns)]
        self.play(Create(plane.outline(self.union.outlines[1])), FadeOut(self.sums), *map(FadeOut, old_values),
                  ReplacementTransform(self.diagram, wide))
        self.play(FadeIn(gate_labels(wide, self.theme, [2, 3])), *wide.show_values(0))
        self.play(LaggedStart(*[Create(line) for line in lines], lag_ratio=0.25))
        for column, lt in enumerate(both.trace.layers, start=1):
            self.play(*wide.pulse_edges(column - 1), *wide.light_nodes(column, lt.z_out[0] > 0.5), run_time=0.8)
        sums = threshold_text(both, 0, self.theme).next_to(wide, DOWN, buff=0.2)
        self.play(FadeIn(plane.fill(self.union.pieces[1:])), FadeIn(sums))
        self.pause()


__all__ = ["BooleansOverTheReals"]
