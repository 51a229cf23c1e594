"""The network diagram: nodes in columns, edges coloured by the sign and sized by the weight.

Columns are numbered as the slides draw them: column 0 is the input ``x``, column ``k`` is the output
of layer ``k - 1`` (so the last column is ``f``); edges ``edges[k]`` go from column ``k`` to column
``k + 1`` and carry the weights of layer ``k``. Every method that changes what is on screen returns
animations, so a scene stays a storyboard::

    diagram = NetworkDiagram(trace, self.theme)
    self.play(FadeIn(diagram))
    self.play(*diagram.show_values(0))                      # x next to the input nodes
    self.play(*diagram.highlight_neuron(1, 0))              # z_1 and its incoming edges
    self.play(*diagram.show_values(1, which="z_in"))        # the hidden sums
    self.play(*diagram.show_values(1))                      # … then their activations
    self.play(*diagram.color_edges(0, trace.layers[0].grad_W))  # edges by any values (gradients)
    self.play(*diagram.light_nodes(1, [True, False, True]))  # threshold units that fire

Layers wider than ``max_neurons`` are elided: the first neurons, a ⋮ and the last one are drawn, and
a brace gives the true size. ``shown[k]`` lists the neuron index of every drawn node (``None`` for
the ⋮); ``nodes[k]`` maps a neuron index to its circle.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    Animation,
    Brace,
    Circle,
    FadeIn,
    FadeOut,
    Line,
    Mobject,
    ReplacementTransform,
    VGroup,
)

from nnviz.analysis.diagram_layout import node_names
from nnviz.animate.base import Theme
from nnviz.animate.text import SMALL, elided, finite_max, plain_name, sign_color, words
from nnviz.engine import Network, Trace
from nnviz.engine.notation import format_number

VALUE_SIZE = SMALL + 2  # values beside the nodes, names inside them


class NetworkDiagram(VGroup):
    """Input, hidden and output nodes of a network (or of a trace, whose values it can show)."""

    def __init__(self, network_or_trace: Network | Trace, theme: Theme, *, width: float = 7.0,
                 height: float = 5.6, max_neurons: int = 8, node_labels: bool = True,
                 example: int = 0, max_radius: float = 0.34, room_for: Sequence[str] = ("-0.000",)):
        super().__init__()
        if isinstance(network_or_trace, Trace):
            self.trace, self.network = network_or_trace, network_or_trace.network
        else:
            self.trace, self.network = None, network_or_trace
        self.theme, self.example = theme, example
        sizes = self.network.shape
        self.shown = [elided(n, max_neurons) for n in sizes]
        self.names = node_names(self.network)
        tallest = max(len(s) for s in self.shown)
        self.spacing = min(1.1, height / tallest)
        self.radius = min(max_radius, 0.36 * self.spacing)
        # names inside the nodes: sub/superscripts stay ≥ 8 px at 480p from 24 on
        self.label_size = max(VALUE_SIZE, min(SMALL + 4, self.radius * 85))
        # a hidden node's value sits right of it, on its row; its outgoing edges start past that room
        self.room = max(words(t, theme, VALUE_SIZE).width for t in room_for) + 0.25
        # every gap between columns shows the same length of edge; a hidden column's gap adds its room
        rooms = [self.room if 0 < k < len(sizes) - 1 else 0.0 for k in range(len(sizes) - 1)]
        share = max(width - sum(rooms), (2 * self.radius + 0.35) * (len(sizes) - 1)) / max(len(sizes) - 1, 1)
        xs = np.concatenate([[0.0], np.cumsum([share + r for r in rooms])])
        xs -= xs[-1] / 2

        self.nodes: list[dict[int, Circle]] = []
        self.columns = VGroup()
        self.dots = VGroup()
        self.braces = VGroup()
        self.labels: list[dict[int, Mobject]] = []
        for k, shown in enumerate(self.shown):
            x = float(xs[k])
            column, nodes, labels = VGroup(), {}, {}
            for r, index in enumerate(shown):
                y = ((len(shown) - 1) / 2 - r) * self.spacing
                if index is None:
                    dots = words("⋮", theme, self.label_size * 1.3).move_to([x, y, 0])
                    self.dots.add(dots)
                    continue
                node = Circle(radius=self.radius, color=theme.node_stroke, stroke_width=2.5,
                              fill_color=theme.node_fill, fill_opacity=1).move_to([x, y, 0])
                nodes[index] = node
                column.add(node)
                label = words(plain_name(self.names[k][index]), theme, self.label_size) if node_labels else None
                if label is not None and label.width <= 1.7 * self.radius:  # a name that does not fit its
                    labels[index] = label.move_to(node)                      # node would be unreadable: none
            self.nodes.append(nodes)
            self.labels.append(labels)
            self.columns.add(column)
            if None in shown:
                self.braces.add(self._size_brace(k, sizes[k]))

        self.edges: list[dict[tuple[int, int], Line]] = []
        self.edge_group = VGroup()
        for k, layer in enumerate(self.network.layers):
            edges = {}
            for i, a in self.nodes[k].items():
                for j, b in self.nodes[k + 1].items():
                    edge = Line(self.port(k, a), b.get_center(), buff=0)
                    edge.put_start_and_end_on(edge.get_start(), b.get_center() - self.radius * edge.get_unit_vector())
                    edges[(i, j)] = edge
                    self.edge_group.add(edge)
            self.edges.append(edges)
            self._style_edges(k, layer.W)

        self.label_group = VGroup(*[m for labels in self.labels for m in labels.values()])
        self.add(self.edge_group, self.columns, self.label_group, self.dots, self.braces)
        self.values: list[dict[int, Mobject]] = [{} for _ in sizes]

    # ---- building ----------------------------------------------------------------------------
    def port(self, column: int, node: Mobject) -> np.ndarray:
        """Where a node's outgoing edges start: its edge, or (hidden nodes) past the room for its value."""
        hidden = 0 < column < len(self.shown) - 1
        return node.get_center() + RIGHT * (self.radius + (self.room if hidden else 0))

    def _size_brace(self, k: int, size: int) -> VGroup:
        """A thin brace along the column, on the side away from the values, and the true size under it."""
        column = self.columns[k]
        side = RIGHT if k == 0 else LEFT
        brace = Brace(column, side, buff=0.06, sharpness=1.5).set_fill(self.theme.muted, opacity=0.7)
        brace.stretch_to_fit_width(min(brace.width, 0.14))
        brace.next_to(column, side, buff=0.06)
        text = words(str(size), self.theme, SMALL, color=self.theme.muted)
        text.next_to(column, DOWN, buff=0.12)
        return VGroup(brace, text)

    def edge_style(self, value: float, biggest: float, color: str | None = None) -> dict:
        """Colour by sign (or ``color``), width and opacity by size relative to the layer's biggest value."""
        share = min(abs(value) / biggest, 1.0)
        return dict(color=color or sign_color(value, self.theme), width=0.8 + 5.0 * share,
                    opacity=0.3 + 0.7 * share)

    def _style_edges(self, layer: int, values: np.ndarray) -> None:
        biggest = finite_max(values)
        for (i, j), edge in self.edges[layer].items():
            style = self.edge_style(values[i, j], biggest)
            edge.set_stroke(style["color"], width=style["width"], opacity=style["opacity"])

    # ---- pieces a scene points at --------------------------------------------------------------
    @property
    def n_columns(self) -> int:
        return len(self.shown)

    def node(self, column: int, neuron: int) -> Circle | None:
        return self.nodes[column].get(neuron)

    def incoming(self, column: int, neuron: int) -> VGroup:
        """The edges into a neuron of ``column`` (≥ 1)."""
        return VGroup(*[e for (i, j), e in self.edges[column - 1].items() if j == neuron])

    def neuron_group(self, column: int, neuron: int) -> VGroup:
        """A neuron's circle, label, value and incoming edges (to add or remove it as a whole)."""
        parts = [self.nodes[column][neuron]]
        if neuron in self.labels[column]:
            parts.append(self.labels[column][neuron])
        if column > 0:
            parts.extend(self.incoming(column, neuron))
        return VGroup(*parts)

    def column_group(self, column: int) -> VGroup:
        """A column's nodes, labels, ⋮ and brace, without edges."""
        parts = [*self.columns[column], *self.labels[column].values()]
        x = self.columns[column].get_center()[0]
        parts += [d for d in self.dots if abs(d.get_center()[0] - x) < 1e-6]
        parts += [b for b in self.braces if abs(b[0].get_center()[0] - x) < self.radius * 3]
        return VGroup(*parts)

    def parts(self) -> list[Mobject]:
        """Every edge, node, label, ⋮ and brace (the pieces the diagram is made of)."""
        return [*self.edge_group, *[n for c in self.columns for n in c], *self.label_group,
                *self.dots, *self.braces]

    def without(self, *groups: Mobject) -> VGroup:
        """The diagram minus some pieces (e.g. ``neuron_group``s to grow in later)."""
        hidden = {id(m) for g in groups for m in g.get_family()}
        return VGroup(*[m for m in self.parts() if id(m) not in hidden])

    def weight_labels(self, layer: int, at: float = 0.3, font_size: float = SMALL) -> VGroup:
        """Each weight of ``layer`` written on its edge, ``at`` of the way from the source node."""
        W = self.network.layers[layer].W
        group = VGroup()
        for (i, j), edge in self.edges[layer].items():
            text = words(format_number(W[i, j]), self.theme, font_size,
                         color=sign_color(W[i, j], self.theme))
            text.add_background_rectangle(color=self.theme.background, opacity=0.85, buff=0.04)
            group.add(text.move_to(edge.point_from_proportion(at)))
        return group

    def bias_labels(self, layer: int, font_size: float = SMALL) -> VGroup:
        """``b = 5`` under every drawn neuron of ``layer`` (the slides leave the bias implicit)."""
        b = self.network.layers[layer].b
        name = "c" if layer == len(self.network.layers) - 1 and layer > 0 else "b"
        group = VGroup()
        for j, node in self.nodes[layer + 1].items():
            text = words(f"{name} = {format_number(b[j])}", self.theme, font_size, color=self.theme.muted)
            group.add(text.next_to(node, DOWN, buff=0.1))
        return group

    # ---- animations ----------------------------------------------------------------------------
    def trace_values(self, column: int, which: str = "z_out") -> np.ndarray:
        """The numbers of a column in the trace: ``x`` for column 0, else the layer's z_in or z_out."""
        if self.trace is None:
            raise ValueError("this diagram was built from a network, not a trace: pass values")
        if column == 0:
            return self.trace.x[self.example]
        return getattr(self.trace.layers[column - 1], which)[self.example]

    def is_probability(self, column: int, which: str) -> bool:
        last = column == self.n_columns - 1
        return last and which == "z_out" and self.network.layers[-1].activation.name == "softmax"

    def value_labels(self, column: int, values: Sequence[float] | None = None, *, which: str = "z_out",
                     probability: bool | None = None, color: str | None = None,
                     texts: Sequence[str] | None = None, font_size: float = VALUE_SIZE) -> dict[int, Mobject]:
        """Text of each drawn neuron's value beside its node, on its row: left of the inputs, right of
        the others (a hidden node's in the room before its outgoing edges start)."""
        if texts is None:
            values = self.trace_values(column, which) if values is None else np.ravel(values)
            probability = self.is_probability(column, which) if probability is None else probability
            texts = [format_number(v, probability=probability) for v in values]
        labels = {}
        for index, node in self.nodes[column].items():
            text = words(texts[index], self.theme, font_size, color=color or self.theme.value)
            text.add_background_rectangle(color=self.theme.background, opacity=0.9, buff=0.05)
            text.next_to(node, LEFT if column == 0 else RIGHT, buff=0.12)
            labels[index] = text
        return labels

    def show_values(self, column: int, values: Sequence[float] | None = None, **kwargs) -> list[Animation]:
        """Animations that write (or replace) the values beside a column's nodes.

        Values come from the trace (``which="z_in"`` or ``"z_out"``) unless given; keyword arguments
        as in ``value_labels`` (``texts=`` to show anything, e.g. gradients formatted by the caller),
        and ``only=[neurons]`` to show some neurons' values and keep the others as they are.
        """
        only = kwargs.pop("only", None)
        new = self.value_labels(column, values, **kwargs)
        if only is not None:
            new = {i: m for i, m in new.items() if i in set(only)}
        old = self.values[column]
        self.values[column] = {**old, **new}
        return [ReplacementTransform(old[i], m) if i in old else FadeIn(m, scale=0.8)
                for i, m in new.items()]

    def hide_values(self, column: int) -> list[Animation]:
        old, self.values[column] = self.values[column], {}
        return [FadeOut(m) for m in old.values()]

    def value_group(self, column: int) -> VGroup:
        return VGroup(*self.values[column].values())

    def all_values(self) -> list[Mobject]:
        """Every value label shown beside a node, in every column."""
        return [m for column in self.values for m in column.values()]

    def highlight_neuron(self, column: int, neuron: int, color: str | None = None) -> list[Animation]:
        """The neuron's circle and its incoming edges in the accent colour; the other edges fade."""
        color = color or self.theme.accent
        anims = [self.nodes[column][neuron].animate.set_stroke(color, width=6)]
        if column > 0:
            for (_, j), edge in self.edges[column - 1].items():
                if j == neuron:
                    anims.append(edge.animate.set_stroke(color, width=4, opacity=1))
                else:
                    anims.append(edge.animate.set_stroke(opacity=0.12))
        return anims

    def unhighlight(self) -> list[Animation]:
        """Every node and edge back to its resting style (edges by weight)."""
        anims = [node.animate.set_stroke(self.theme.node_stroke, width=2.5)
                 for nodes in self.nodes for node in nodes.values()]
        for k, layer in enumerate(self.network.layers):
            biggest = finite_max(layer.W)
            for (i, j), edge in self.edges[k].items():
                style = self.edge_style(layer.W[i, j], biggest)
                anims.append(edge.animate.set_stroke(style["color"], width=style["width"],
                                                     opacity=style["opacity"]))
        return anims

    def color_edges(self, layer: int, values: np.ndarray, color: str | None = None) -> list[Animation]:
        """Restyle the edges of ``layer`` by any (inputs, neurons) array, e.g. a gradient ``grad_W``.

        Width and opacity follow the size; the colour follows the sign, or is ``color`` for all
        (gradients in the palette's ``gradient`` role).
        """
        values = np.asarray(values, dtype=float)
        biggest = finite_max(values)
        anims = []
        for (i, j), edge in self.edges[layer].items():
            style = self.edge_style(values[i, j], biggest, color)
            anims.append(edge.animate.set_stroke(style["color"], width=style["width"],
                                                 opacity=style["opacity"]))
        return anims

    def light_nodes(self, column: int, on: Sequence[bool], color: str | None = None) -> list[Animation]:
        """Fill the nodes whose ``on`` is true (threshold units firing); the others go back to rest."""
        color = color or self.theme.highlight
        return [node.animate.set_fill(color if on[i] else self.theme.node_fill, opacity=1)
                for i, node in self.nodes[column].items()]

    def pulse_edges(self, layer: int, color: str | None = None) -> list[Animation]:
        """Edges of ``layer`` flash (the signal travelling forward)."""
        from manim import ShowPassingFlash

        color = color or self.theme.accent
        return [ShowPassingFlash(edge.copy().set_stroke(color, width=5, opacity=1), time_width=0.5)
                for edge in self.edges[layer].values()]


__all__ = ["NetworkDiagram", "node_names"]
