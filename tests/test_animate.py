"""The building blocks of the forward scenes: geometry, elision, colours and the text they write."""

from __future__ import annotations

import numpy as np
import pytest
from classroom import _crosses, lines, text_box
from manim import VGroup, config

from nnviz.animate import (
    THEMES,
    ActivationPlot,
    AffineStep,
    ColumnStrip,
    ForwardNumbers,
    MatrixBlock,
    NetworkDiagram,
    SoftmaxTable,
    VectorColumn,
    WorkedLine,
    edge_legend,
    operators,
    title,
)
from nnviz.animate.layout import SlideLayout
from nnviz.animate.lines import neuron_formula
from nnviz.animate.text import elided, plain_name
from nnviz.engine import builtin_networks, get_activation, load_network
from nnviz.engine.init import random_network

LIGHT = THEMES["light"]
HALF_W, HALF_H = config.frame_width / 2, config.frame_height / 2


def inside_frame(mobject) -> bool:
    (x0, y0, _), (x1, y1, _) = mobject.get_corner([-1, -1, 0]), mobject.get_corner([1, 1, 0])
    return -HALF_W <= x0 and x1 <= HALF_W and -HALF_H <= y0 and y1 <= HALF_H


def diagram_with_all_values(trace) -> tuple[NetworkDiagram, VGroup]:
    diagram = NetworkDiagram(trace, LIGHT)
    for column in range(diagram.n_columns):
        diagram.show_values(column)
    return diagram, VGroup(diagram, *diagram.all_values())


def wide_trace():
    return random_network([3, 16, 16, 2], "tanh", "softmax", seed=0).forward([0.5, -1.0, 2.0])


def box(m) -> tuple[float, float, float, float]:
    (x0, y0, _), (x1, y1, _) = m.get_corner([-1, -1, 0]), m.get_corner([1, 1, 0])
    return x0, y0, x1, y1


# ---- the diagram ----------------------------------------------------------------------------------
@pytest.mark.parametrize("name", builtin_networks())
def test_diagram_of_each_builtin_with_its_values_fits_the_frame(name):
    net = load_network(name)
    _, everything = diagram_with_all_values(net.forward(net.default_input))
    assert inside_frame(everything)


def test_a_value_sits_beside_its_own_node_on_its_row_and_no_edge_crosses_it():
    trace = load_network("multiclass").forward([-3, 1, 5])
    diagram, _ = diagram_with_all_values(trace)
    for column, labels in enumerate(diagram.values):
        for neuron, label in labels.items():
            node = diagram.nodes[column][neuron]
            assert abs(label.get_center()[1] - node.get_center()[1]) < 0.01  # on its row
            own = np.linalg.norm(label.get_center() - node.get_center())
            others = [np.linalg.norm(label.get_center() - n.get_center())
                      for c, nodes in enumerate(diagram.nodes) for j, n in nodes.items() if (c, j) != (column, neuron)]
            assert own < min(others)
            for layer in diagram.edges:
                for edge in layer.values():
                    segment = (tuple(edge.get_start()[:2]), tuple(edge.get_end()[:2]))
                    assert not _crosses(segment, box(label)), (label.original_text, column)
    hidden = diagram.nodes[1][0]
    starts = {round(e.get_start()[0], 6) for (i, _), e in diagram.edges[1].items()}
    assert starts == {round(hidden.get_right()[0] + diagram.room, 6)}  # edges start past the values' room


def test_wide_layers_are_elided_with_a_brace_giving_the_true_size():
    diagram, everything = diagram_with_all_values(wide_trace())
    assert diagram.shown[1] == [0, 1, 2, 3, 4, 5, None, 15]
    assert sorted(diagram.nodes[1]) == [0, 1, 2, 3, 4, 5, 15]
    assert len(diagram.dots) == 2 and len(diagram.braces) == 2
    assert [brace[1].original_text for brace in diagram.braces] == ["16", "16"]
    assert len(diagram.edges[0]) == 3 * 7 and len(diagram.edges[1]) == 7 * 7 and len(diagram.edges[2]) == 7 * 2
    assert inside_frame(everything)


def test_nodes_do_not_overlap_in_a_wide_layer():
    diagram = NetworkDiagram(wide_trace(), LIGHT)
    ys = sorted(node.get_center()[1] for node in diagram.nodes[1].values())
    assert min(np.diff(ys)) > 2 * diagram.radius


def test_edges_are_coloured_by_sign_and_sized_by_the_weight():
    net = load_network("single-hidden")
    diagram = NetworkDiagram(net, LIGHT)
    assert net.layers[0].W[0, 1] == 11 and net.layers[0].W[1, 0] == -9
    strong, negative = diagram.edges[0][(0, 1)], diagram.edges[0][(1, 0)]
    assert strong.get_stroke_color().to_hex().upper() == LIGHT.positive.upper()
    assert negative.get_stroke_color().to_hex().upper() == LIGHT.negative.upper()
    weak = diagram.edges[0][(2, 0)]  # weight 2
    assert strong.get_stroke_width() > negative.get_stroke_width() > weak.get_stroke_width()


def test_edges_can_be_recoloured_by_a_gradient_in_one_colour():
    net = load_network("single-hidden")
    diagram = NetworkDiagram(net, LIGHT)
    grad = np.zeros_like(net.layers[0].W)
    grad[0, 1] = -0.5
    animations = dict(zip(diagram.edges[0], diagram.color_edges(0, grad)))
    assert animations[(0, 1)].build().target_mobject.get_stroke_color().to_hex().upper() == LIGHT.negative.upper()
    one = dict(zip(diagram.edges[0], diagram.color_edges(0, grad, color=LIGHT.gradient)))
    assert one[(0, 1)].build().target_mobject.get_stroke_color().to_hex().upper() == LIGHT.gradient.upper()


def test_node_labels_use_the_slides_names_and_values_come_as_written():
    trace = load_network("multiclass").forward([-3, 1, 5])
    numbers = ForwardNumbers(trace)
    diagram = NetworkDiagram(trace, LIGHT)
    assert [m.original_text for m in diagram.labels[0].values()] == ["x₁", "x₂", "x₃"]
    assert [m.original_text for m in diagram.labels[2].values()] == ["f₁", "f₂", "f₃"]
    diagram.show_values(1, texts=numbers.values(1))
    assert [m.original_text for m in diagram.values[1].values()] == ["0.0474", "0.8808", "0.50", "0.9991"]
    assert plain_name("z_12") == "z₁₂" and plain_name("f") == "f"


def test_legend_says_what_edge_colours_mean():
    legend = edge_legend(LIGHT)
    assert legend.legend is True
    texts = [m.original_text for m in legend.get_family() if hasattr(m, "original_text")]
    assert texts == ["weight > 0", "weight < 0", "width: size"]
    assert legend[0][0].get_stroke_color().to_hex().upper() == LIGHT.positive.upper()


# ---- lines, plots, tables ------------------------------------------------------------------------------
def test_worked_line_puts_the_numbers_under_the_formula_and_the_value_after_them():
    trace = load_network("single-hidden").forward([-3, 1, 5])
    numbers = ForwardNumbers(trace)
    line = WorkedLine(neuron_formula(2, 1, 0, 4, 1), *numbers.worked_sum(1, 0), LIGHT)
    assert line.numbers.original_text == "= 0.047·3 + 0.881·(-12) + 0.50·8 + 0.999·1 + 6"
    assert line.value.original_text == "= 0.57" and line.numbers.reading_items == 4
    assert line.numbers.get_top()[1] < line.formula.get_bottom()[1]  # symbolic above numeric
    assert abs(line.numbers[0].get_x() - line.formula[1].get_x()) < 0.02  # "=" under "="
    assert lines([text_box(line.numbers), text_box(line.value)]) == [
        "= 0.047·3 + 0.881·(-12) + 0.50·8 + 0.999·1 + 6 = 0.57"]
    assert line.width <= 13.4


def test_neuron_formulas_use_the_slides_notation():
    assert neuron_formula(2, 0, 1, 3, 4) == ("z_{in}^{(2)}", r"x_1\,w_{12} + x_2\,w_{22} + x_3\,w_{32} + b_2")
    assert neuron_formula(2, 1, 0, 4, 1)[0] == "f_{in}" and neuron_formula(2, 1, 2, 4, 3)[0] == "f_{in,3}"
    assert neuron_formula(4, 1, 0, 4, 4)[0] == "z_{in,1}^{(2)}"


def test_activation_plot_shows_its_axis_numbers_and_labels_a_point_as_written():
    plot = ActivationPlot(get_activation("sigmoid"), LIGHT, z_values=[-3, 2, 0, 7])
    assert plot.ticks == ["-10", "-5", "0", "5", "10", "0.50", "1"]  # z = 7 is on it
    assert all(n.axis_number for n in plot.numbers)
    point = plot.point(0.5718, 0.6392, label="σ(0.57) = 0.64")
    assert point[3].original_text == "σ(0.57) = 0.64"
    relu = ActivationPlot(get_activation("relu"), LIGHT, z_values=[79.0])
    assert relu.x_range[1] >= 79 and len(relu.ticks) <= 16


def test_softmax_table_writes_each_exponential_the_sum_and_each_probability():
    trace = load_network("deep").forward([7, 1, -4])
    table = SoftmaxTable(ForwardNumbers(trace), 3, LIGHT)
    exps = [[m.tex_string if hasattr(m, "tex_string") else m.original_text for m in row] for row in table.exponentials]
    assert exps == [["e^{3}", "= 20.086"], ["e^{-1}", "= 0.368"], ["e^{1}", "= 2.718"]]
    assert [m.original_text for m in table.total] == ["Σ = 20.086 + 0.368 + 2.718", "= 23.17"]
    assert [row[1].original_text for row in table.probabilities] == ["= 0.867", "= 0.016", "= 0.117"]
    assert table.width <= 13.4


def test_deep_affine_step_writes_the_slides_sums_and_their_values():
    trace = load_network("deep").forward([7, 1, -4])
    step = AffineStep(ForwardNumbers(trace), 1, LIGHT)
    assert step.sums.texts[0] == "79·1 + 0·0 + 9·(-4) + 0·1 + (-5)"
    assert step.result.texts == ["38", "21", "-96", "-35"]
    assert step.result.cells[0].written_equations == ["79·1 + 0·0 + 9·(-4) + 0·1 + (-5) = 38"]
    assert step.matrix.texts[1] == ["0", "11", "2", "-14"]
    assert step.formula.tex_string == r"\mathbf{z}_{in}^{(2)} = (W^{(2)})^T \mathbf{z}^{(1)} + \mathbf{b}^{(2)}"
    assert inside_frame(step)


def test_vector_columns_and_matrices_format_and_elide():
    trace = load_network("deep").forward([7, 1, -4])
    assert VectorColumn.from_trace(trace, 3, "z_out", LIGHT).texts == ["0.867", "0.016", "0.117"]
    long = VectorColumn(np.arange(16), LIGHT, max_entries=6)
    assert long.texts == ["0", "1", "2", "3", None, "15"] and long.cell(15) is not None
    matrix = MatrixBlock(np.arange(64).reshape(8, 8), LIGHT, max_rows=6, max_cols=6)
    assert matrix.texts[4] == [None] * 6 and matrix.texts[0][4] is None and matrix.texts[5][5] == "63"
    written = MatrixBlock(None, LIGHT, texts=[["-0.36", "0.045"]], colors=[[LIGHT.gradient, LIGHT.text]])
    assert written.texts == [["-0.36", "0.045"]] and written.font_size_now == pytest.approx(written.font_size)
    assert written.rows[0][0][0].get_fill_color().to_hex().upper() == LIGHT.gradient.upper()
    assert elided(3, 8) == [0, 1, 2]


def test_column_strip_keeps_the_columns_in_the_frame_and_ends_on_the_whole_pass():
    trace = load_network("deep").forward([7, 1, -4])
    strip = ColumnStrip(LIGHT, rows=trace.network.shape)
    columns = [VectorColumn.from_trace(trace, -1, "x", LIGHT)]
    for layer in range(4):
        columns += [VectorColumn.from_trace(trace, layer, w, LIGHT) for w in ("z_in", "z_out")]
    for column in columns:
        for sub in strip.take(column).animations:  # play the moves instantly
            sub.begin()
            sub.finish()
    assert len(strip.columns) == 9 and all(inside_frame(c) for c in strip.columns)
    xs = [c.get_center()[0] for c in strip.columns]
    assert xs == sorted(xs)
    top = SlideLayout(title("Feedforward", LIGHT)).area.top
    for animation in strip.finale(operators(trace), top):
        animation.begin()
        animation.finish()
    assert len(strip.links) == 8 and inside_frame(VGroup(*strip.columns, strip.links))
    assert strip.links[0][0].tex_string == r"(W^{(1)})^T\cdot + \mathbf{b}^{(1)}"
    assert strip.links[1][0].tex_string == r"\mathrm{ReLU}" and strip.links[-1][0].tex_string == r"\tau"
