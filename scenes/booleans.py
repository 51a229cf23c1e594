"""Why add more layers? Booleans over the reals: half-planes, their AND (a pentagon), and an OR of two."""

from __future__ import annotations

from manim import DOWN, LEFT, RIGHT, Create, FadeIn, FadeOut, LaggedStart, ReplacementTransform, VGroup

from nnviz.analysis.regions import polygon_region, preset_region, probe_region
from nnviz.animate import LectureScene, NetworkDiagram, heading
from nnviz.animate.regions import RegionPlane
from nnviz.animate.text import SMALL, plain_name, words
from nnviz.engine.notation import format_number


class BooleansOverTheReals(LectureScene):
    name = "booleans-over-the-reals"
    section = "Why add more layers?"
    summary = "Half-planes appear unit by unit, their AND fills a pentagon, the OR of a second pentagon joins it."
    caption = "The network must fire if the input is in the coloured area"
    order = 55

    def construct(self):
        theme = self.theme
        union = preset_region("two-pentagons")  # built from the two pentagons' vertices
        first = polygon_region(union.outlines[0], "pentagon")  # its first five units and their AND
        inside, elsewhere = (p.mean(axis=0) for p in union.outlines)  # in the first / the second pentagon
        probe = probe_region(first, [inside, elsewhere])
        title = heading("Booleans over the reals", theme)
        caption = words(self.caption, theme, SMALL, color=theme.muted).next_to(title, DOWN, aligned_edge=LEFT)
        plane = RegionPlane(union.extent(), theme, side=5.6).to_corner(DOWN + LEFT, buff=0.35)
        diagram = NetworkDiagram(probe.trace, theme, width=4.4, height=4.4).to_edge(RIGHT, buff=0.8).shift(0.4 * DOWN)
        target = plane.outline(union.outlines[0])
        self.add(title, caption)
        self.play(FadeIn(plane), Create(target), FadeIn(diagram))
        dot = plane.probe(inside)
        self.play(FadeIn(dot, scale=2), *diagram.show_values(0))
        self.pause()

        lines = VGroup()
        for j in range(first.network.layers[0].n_neurons):  # ① one unit = one half-plane
            half = plane.half_plane(first.network.layers[0].W[:, j], first.network.layers[0].b[j])
            self.play(*diagram.highlight_neuron(1, j), *plane.show_half_plane(half), run_time=0.9)
            fired = probe.trace.layers[0].z_out[0]
            self.play(*diagram.light_nodes(1, [fired[i] > 0.5 and i <= j for i in range(len(fired))]),
                      *diagram.show_values(1, only=[j]), run_time=0.5)
            self.play(FadeOut(half.shade), half[2].animate.set_opacity(0), half.line.animate.set_stroke(width=2),
                      *diagram.unhighlight(), run_time=0.4)
            lines.add(half)
        self.pause()

        pentagon = plane.fill(first.pieces)  # ② AND: all five fire only inside the pentagon
        sums = self.sum_text(probe, 0).next_to(diagram, DOWN, buff=0.3)
        self.play(*diagram.highlight_neuron(2, 0), FadeIn(sums), *diagram.show_values(2))
        self.play(FadeIn(pentagon), *diagram.light_nodes(2, [probe.output[0] > 0.5]), *diagram.unhighlight())
        self.pause()

        moved = plane.probe(elsewhere)  # the same network at an input outside: fewer than five fire
        self.play(ReplacementTransform(dot, moved), *diagram.show_values(0, probe.trace.x[1]),
                  *diagram.light_nodes(1, probe.trace.layers[0].z_out[1] > 0.5),
                  *diagram.show_values(1, probe.trace.layers[0].z_out[1]),
                  *diagram.light_nodes(2, [probe.output[1] > 0.5]), *diagram.show_values(2, [probe.output[1]]),
                  ReplacementTransform(sums, sums := self.sum_text(probe, 1).move_to(sums)))
        self.pause()

        both = probe_region(union, [elsewhere])  # ③ a second pentagon, and an OR unit over the two ANDs
        second = plane.outline(union.outlines[1])
        wide = NetworkDiagram(both.trace, theme, width=4.4, height=5.0, max_neurons=10,
                              node_labels=False).move_to(diagram)
        units = union.unit_piece == 1
        new_lines = VGroup(*[plane.half_plane(w, b).line.set_stroke(width=2)
                             for w, b in zip(union.network.layers[0].W.T[units], union.network.layers[0].b[units])])
        names = VGroup(*[words(plain_name(label.split("_")[0]), theme, SMALL).move_to(wide.node(column, j))
                         for column in (2, 3) for j, label in enumerate(wide.names[column])])
        self.play(Create(second), FadeOut(sums), FadeOut(diagram.value_group(0)), FadeOut(diagram.value_group(1)),
                  FadeOut(diagram.value_group(2)), ReplacementTransform(diagram, wide))
        self.play(FadeIn(names), *wide.show_values(0))
        self.play(LaggedStart(*[Create(line) for line in new_lines], lag_ratio=0.25))
        for column, lt in enumerate(both.trace.layers, start=1):
            self.play(*wide.pulse_edges(column - 1), *wide.light_nodes(column, lt.z_out[0] > 0.5), run_time=0.8)
        sums = self.sum_text(both, 0).next_to(wide, DOWN, buff=0.2)
        self.play(FadeIn(plane.fill(union.pieces[1:])), FadeIn(sums))
        self.pause()

    def sum_text(self, probe, row: int):
        """"Σ = 5 ≥ 5 → f = 1": the sum into the output unit, its threshold, the output (from the engine)."""
        total, need, f = probe.hidden_sum[row], probe.threshold, probe.output[row]
        kind = "AND" if len(probe.region.pieces) == 1 else "OR"
        relation = "≥" if total >= need else "<"
        color = self.theme.highlight if f > 0.5 else self.theme.negative
        return words(f"{kind}: Σ = {format_number(total)} {relation} {format_number(need)}  →  f = {format_number(f)}",
                     self.theme, SMALL + 2, color=color)

