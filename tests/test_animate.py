"""The building blocks of the forward scenes: geometry, elision, colours and the text they write."""

from __future__ import annotations

import numpy as np
import pytest
from manim import VGroup, config

from nnviz.animate import (
    THEMES,
    ActivationPlot,
    AffineStep,
    ColumnStrip,
    MatrixBlock,
    NetworkDiagram,
    SoftmaxStep,
    VectorColumn,
    WorkedSum,
    worked_sum_text,
)
from nnviz.animate.text import elided, plain_name, worked_sum_terms
from nnviz.engine import builtin_networks, get_activation, load_network
from nnviz.engine.init import random_network
from nnviz.engine.notation import format_vector

LIGHT = THEMES["light"]
HALF_W, HALF_H = config.frame_width / 2, config.frame_height / 2


def inside_frame(mobject) -> bool:
    (x0, y0, _), (x1, y1, _) = mobject.get_corner([-1, -1, 0]), mobject.get_corner([1, 1, 0])
    return -HALF_W <= x0 and x1 <= HALF_W and -HALF_H <= y0 and y1 <= HALF_H


def diagram_with_all_values(trace) -> tuple[NetworkDiagram, VGroup]:
    diagram = NetworkDiagram(trace, LIGHT)
    for column in range(diagram.n_columns):
        diagram.show_values(column)
    return diagram, VGroup(diagram, *[diagram.value_group(c) for c in range(diagram.n_columns)])


def wide_trace():
    return random_network([3, 16, 16, 2], "tanh", "softmax", seed=0).forward([0.5, -1.0, 2.0])


# ---- the diagram ----------------------------------------------------------------------------------
@pytest.mark.parametrize("name", builtin_networks())
def test_diagram_of_each_builtin_with_its_values_fits_the_frame(name):
    net = load_network(name)
    _, everything = diagram_with_all_values(net.forward(net.default_input))
    assert inside_frame(everything)


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


def test_edges_can_be_recoloured_by_a_gradient():
    net = load_network("single-hidden")
    diagram = NetworkDiagram(net, LIGHT)
    grad = np.zeros_like(net.layers[0].W)
    grad[0, 1] = -0.5
    animations = diagram.color_edges(0, grad)
    assert len(animations) == len(diagram.edges[0])
    target = dict(zip(diagram.edges[0], animations))[(0, 1)].build().target_mobject
    assert target.get_stroke_color().to_hex().upper() == LIGHT.negative.upper()


def test_node_values_are_the_trace_formatted():
    net = load_network("multiclass")
    diagram, _ = diagram_with_all_values(net.forward(net.default_input))
    texts = [[label.original_text for label in diagram.values[c].values()] for c in range(3)]
    assert texts[0] == ["-3", "1", "5"]
    assert texts[1] == ["0.05", "0.88", "0.50", "1.00"]
    assert texts[2] == ["0.083", "0.897", "0.020"]  # softmax: probabilities, three decimals
    diagram.show_values(1, which="z_in", only=[3])
    assert diagram.values[1][3].original_text == "7"
    assert diagram.values[1][0].original_text == "0.05"


def test_node_labels_use_the_slides_names():
    diagram = NetworkDiagram(load_network("multiclass"), LIGHT)
    assert [m.original_text for m in diagram.labels[0].values()] == ["x₁", "x₂", "x₃"]
    assert [m.original_text for m in diagram.labels[2].values()] == ["f₁", "f₂", "f₃"]
    assert plain_name("z_12") == "z₁₂" and plain_name("f") == "f"


def test_threshold_units_light_up():
    diagram = NetworkDiagram(load_network("single-hidden"), LIGHT)
    animations = diagram.light_nodes(1, [True, False, True, False])
    fills = [a.build().target_mobject.get_fill_color().to_hex().upper() for a in animations]
    assert fills == [LIGHT.highlight.upper(), LIGHT.node_fill.upper(), LIGHT.highlight.upper(),
                     LIGHT.node_fill.upper()]


# ---- worked sums, vectors, matrices ---------------------------------------------------------------
def test_worked_sum_is_written_as_on_the_slides():
    assert worked_sum_text([-3, 1, 5], [3, -9, 2], 5, -3) == "(-3)·3 + 1·(-9) + 5·2 + 5 = -3"
    trace = load_network("single-hidden").forward([-3, 1, 5])
    third = WorkedSum(trace, 0, 2, LIGHT)
    assert third.sum_text == "(-3)·(-6) + 1·3 + 5·(-4) + (-1)" and third.value_text == "0"
    output = WorkedSum(trace, 1, 0, LIGHT)
    assert output.sum_text == "0.05·3 + 0.88·(-12) + 0.50·8 + 1.00·1 + 6" and output.value_text == "0.57"
    assert output.width <= 13.4


def test_long_sums_are_elided_in_the_middle():
    terms = worked_sum_terms(np.ones(16), np.arange(16), 0.5, max_terms=6)
    assert terms == ["1·0", "1·1", "1·2", "1·3", "…", "1·15", "0.50"]
    assert elided(3, 8) == [0, 1, 2]


def test_deep_affine_step_writes_the_slides_sums():
    trace = load_network("deep").forward([7, 1, -4])
    step = AffineStep(trace, 1, LIGHT)
    assert step.sum_texts[0] == "79·1 + 0·0 + 9·(-4) + 0·1 + (-5)"
    assert step.result.texts == ["38", "21", "-96", "-35"]
    assert step.matrix.texts[1] == ["0", "11", "2", "-14"]
    assert inside_frame(step)


def test_vector_columns_format_and_elide():
    trace = load_network("deep").forward([7, 1, -4])
    assert VectorColumn.from_trace(trace, 3, "z_out", LIGHT).texts == ["0.867", "0.016", "0.117"]
    assert VectorColumn.from_trace(trace, 0, "z_in", LIGHT).texts == ["79", "-70", "9", "-26"]
    long = VectorColumn(np.arange(16), LIGHT, max_entries=6)
    assert long.texts == ["0", "1", "2", "3", None, "15"] and long.cell(15) is not None
    matrix = MatrixBlock(np.arange(64).reshape(8, 8), LIGHT, max_rows=6, max_cols=6)
    assert matrix.texts[4] == [None] * 6 and matrix.texts[0][4] is None and matrix.texts[5][5] == "63"


def test_softmax_step_shows_exponentials_their_sum_and_probabilities():
    trace = load_network("deep").forward([7, 1, -4])
    step = SoftmaxStep(trace.f_in[0], trace.output[0], LIGHT)
    assert step.exps.texts == ["20.09", "0.37", "2.72"] and step.sum_text == "23.17"
    assert step.f.texts == format_vector(trace.output[0], probability=True) == ["0.867", "0.016", "0.117"]
    huge = SoftmaxStep(np.array([1.0, 1000.0, 2.0]), np.array([0.0, 1.0, 0.0]), LIGHT)
    assert huge.exps.texts == ["e¹", "e¹⁰⁰⁰", "e²"] and huge.f.texts == ["0.000", "1.000", "0.000"]


def test_activation_point_is_labelled_with_the_engine_values():
    plot = ActivationPlot(get_activation("sigmoid"), LIGHT, z_values=[0.57])
    point = plot.point(0.5718, 0.6392)
    assert point[3].original_text == "σ(0.57) = 0.64"
    relu = ActivationPlot(get_activation("relu"), LIGHT, z_values=[79.0])
    assert relu.x_range[1] >= 79


def test_column_strip_keeps_the_columns_in_the_frame():
    trace = load_network("deep").forward([7, 1, -4])
    strip = ColumnStrip(LIGHT, rows=trace.network.shape)
    columns = [VectorColumn.from_trace(trace, -1, "x", LIGHT)]
    for layer in range(4):
        columns += [VectorColumn.from_trace(trace, layer, w, LIGHT) for w in ("z_in", "z_out")]
    for column in columns:
        animation = strip.take(column)
        for sub in animation.animations:  # play the moves instantly
            sub.begin()
            sub.finish()
    assert len(strip.columns) == 9  # x … f all fit at 480p
    assert all(inside_frame(c) for c in strip.columns)
    xs = [c.get_center()[0] for c in strip.columns]
    assert xs == sorted(xs)
    for column in columns[:4]:  # four more: the oldest leave on the left
        strip.take(column.copy())
    assert len(strip.columns) < 13


def test_worked_sum_reduces_to_name_and_value():
    trace = load_network("single-hidden").forward([-3, 1, 5])
    worked = WorkedSum(trace, 0, 3, LIGHT)
    worked.show_value()
    animation = worked.reduce()
    assert worked.sum not in worked.submobjects and worked.result in worked.submobjects
    assert len(animation.animations) == 3 and worked.value_text == "7"
