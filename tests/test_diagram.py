"""The network diagram: what it writes where, checked on the geometry of the drawn figure.

Values sit beside their own node, on its row, and no edge crosses them; weight labels sit on their
own edge, over no crossing of two edges and over no other label; wide layers are elided with a ⋮
and a brace giving the true size. The figure is measured as matplotlib draws it (real text extents).
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

import nnviz
from nnviz.analysis.diagram_layout import MAX_LABELLED_EDGES, diagram_layout, node_names
from nnviz.analysis.diagram_text import display_name, line_width
from nnviz.analysis.edge_labels import crossings, segments_through_boxes
from nnviz.analysis.worked import agrees
from nnviz.engine import load_network
from nnviz.engine.spec import network_from_dict
from nnviz.errors import NnvizError
from nnviz.plots.diagram import CM, DiagramFigure, figure_of
from nnviz.plots.figure import SlideFigure

SLIDE_NETWORKS = ["perceptron", "single-hidden", "multiclass", "deep"]


def slide_trace(name: str, backward: bool = False):
    net = load_network(name)
    trace = net.forward(net.default_input)
    return net.backward(trace, net.default_target, net.fitting_loss()) if backward else trace


def drawn_boxes(fig: SlideFigure) -> dict[int, tuple[float, float, float, float]]:
    """Every text of the figure as drawn: its extent in the layout's centimetres, by index in the layout."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(fig).get_renderer()
    ax = fig.axes[0]
    inverse = ax.transData.inverted()
    boxes = {}
    for k, text in enumerate(ax.texts):
        (x0, y0), (x1, y1) = inverse.transform(text.get_window_extent(renderer).get_points())
        boxes[k] = (x0, y0, x1, y1)
    return boxes


def edge_array(layout, layer: int | None = None) -> np.ndarray:
    return np.array([[e.x0, e.y0, e.x1, e.y1] for e in layout.edges if layer is None or e.layer == layer])


def overlaps(a, b, gap: float = 0.0) -> bool:
    return not (a[2] + gap <= b[0] or b[2] + gap <= a[0] or a[3] + gap <= b[1] or b[3] + gap <= a[1])


CASES = [(name, backward, None) for name in SLIDE_NETWORKS for backward in (False, True)] + [
    ("deep", True, "values,weights,biases,gradients"), ("single-hidden", True, "values,biases,gradients")]


@pytest.fixture(scope="module", params=CASES, ids=lambda p: p[0] + ("-backward" if p[1] else "") + (
    "-" + p[2].replace(",", "-") if p[2] else ""))
def drawn(request):
    """A slide network's diagram (by default values, weights, and gradients after a backward pass), drawn."""
    name, backward, show = request.param
    fig = nnviz.diagram(slide_trace(name, backward), show=show)
    return fig, fig.layout, drawn_boxes(fig)


def test_the_figure_shows_inline_and_keeps_its_true_size(drawn):
    fig, layout, _ = drawn
    assert isinstance(fig, DiagramFigure) and isinstance(fig, SlideFigure)
    assert fig._repr_png_()[:8] == b"\x89PNG\r\n\x1a\n"
    assert fig.get_size_inches() == pytest.approx((layout.width * CM, layout.height * CM))


def test_every_text_is_drawn_within_its_estimated_width(drawn):
    _, layout, boxes = drawn
    for k, t in enumerate(layout.texts):
        x0, _, x1, _ = boxes[k]
        e0, _, e1, _ = t.box()
        assert x1 - x0 <= (e1 - e0) + 0.02, (t.string, x1 - x0, e1 - e0)
        assert e0 - 0.05 <= x0 and x1 <= e1 + 0.05, t.string


def test_values_sit_beside_their_own_node_and_no_edge_crosses_them(drawn):
    _, layout, boxes = drawn
    edges = edge_array(layout)
    for k, t in enumerate(layout.texts):
        if t.group not in ("value", "bias", "gradient"):
            continue
        column, neuron = t.key
        node = next(n for n in layout.nodes if (n.column, n.neuron) == (column, neuron))
        box = boxes[k]
        assert box[0] > node.x + node.r, t.string  # to its right
        if t.group == "value":  # on its row (a bias above it, a gradient under it)
            assert abs((box[1] + box[3]) / 2 - node.y) < node.r, t.string
        nearest = min(layout.nodes, key=lambda n: np.hypot(n.x - box[0], n.y - (box[1] + box[3]) / 2))
        assert (nearest.column, nearest.neuron) == (column, neuron), t.string
        assert not segments_through_boxes(edges, np.array(box)).any(), f"an edge crosses {t.string!r}"


def test_weight_labels_sit_on_their_own_edge_over_no_crossing_and_no_other_label(drawn):
    _, layout, boxes = drawn
    if "weights" not in layout.show:
        assert not [t for t in layout.texts if t.group == "weight"]
        return
    for layer in range(len(layout.network.layers)):
        edges = edge_array(layout, layer)
        points = crossings(edges)
        labels = [(k, t) for k, t in enumerate(layout.texts) if t.group == "weight" and t.key[0] == layer]
        by_edge: dict[tuple, list] = {}
        for k, t in labels:
            by_edge.setdefault(t.key[1:], []).append(boxes[k])
        drawn_edges = [(e.i, e.j) for e in layout.edges if e.layer == layer]
        assert len(drawn_edges) > MAX_LABELLED_EDGES or set(by_edge) == set(drawn_edges)
        label_boxes = {}
        for (i, j), parts in by_edge.items():
            corners = np.array(parts)
            box = (*corners[:, :2].min(axis=0), *corners[:, 2:].max(axis=0))
            label_boxes[(i, j)] = box
            edge = next(e for e in layout.edges if (e.layer, e.i, e.j) == (layer, i, j))
            top = parts[0]  # the weight's own line: its centre lies on its edge
            cx, cy = (top[0] + top[2]) / 2, (top[1] + top[3]) / 2
            y_on_edge = edge.y0 + (cx - edge.x0) / (edge.x1 - edge.x0) * (edge.y1 - edge.y0)
            assert abs(y_on_edge - cy) < 0.5 * (box[3] - box[1]), (layer, i, j)
            inside = ((points[:, 0] > box[0]) & (points[:, 0] < box[2])
                      & (points[:, 1] > box[1]) & (points[:, 1] < box[3]))
            assert not inside.any(), f"the label of W[{i},{j}] in layer {layer} covers a crossing"
            for node in layout.nodes:
                assert not overlaps(box, (node.x - node.r, node.y - node.r, node.x + node.r, node.y + node.r))
        for a, b in itertools.combinations(label_boxes, 2):
            assert not overlaps(label_boxes[a], label_boxes[b]), (layer, a, b)


def test_the_numbers_are_the_engines_at_the_written_rounding(drawn):
    _, layout, _ = drawn
    trace_values = {("x", 0, i): v for i, v in enumerate(layout.worked.trace.x[0])}
    for k, lt in enumerate(layout.worked.trace.layers):
        trace_values |= {("zin", k + 1, j): v for j, v in enumerate(lt.z_in[0])}
        trace_values |= {("z", k + 1, j): v for j, v in enumerate(lt.z_out[0])}
    seen = 0
    for t in layout.texts:
        for run in t.runs:
            if run.kind == "number" and run.key in trace_values:
                decimals = len(run.text.split(".")[1]) if "." in run.text else 0
                assert abs(float(run.text) - trace_values[run.key]) <= 0.5 * 10 ** -decimals + 1e-12, run
                seen += 1
    shape = layout.network.shape
    assert seen == shape[0] + 2 * sum(shape[1:])  # x, and z_in → z of every neuron


def test_nothing_overlaps_but_weight_labels_and_their_own_box(drawn):
    _, layout, boxes = drawn
    placed = [boxes[k] for k, t in enumerate(layout.texts) if t.group not in ("weight", "dots")]
    for a, b in itertools.combinations(placed, 2):
        assert not overlaps(a, b, -0.01), (a, b)


def test_gradients_are_written_in_the_gradient_colour_beside_their_nodes_and_under_weights():
    layout = nnviz.diagram(slide_trace("single-hidden", backward=True)).layout
    assert layout.show == ("values", "weights", "gradients")
    deltas = [t for t in layout.texts if t.group == "gradient"]
    assert [t.string for t in deltas] == ["δ = -0.049", "δ = 0.45", "δ = -0.72", "δ = -0.00033", "δ = -0.36"]
    assert {t.role for t in deltas} == {"gradient"}
    under = [t for t in layout.texts if t.group == "weight" and t.role == "gradient"]
    assert len(under) == 12 + 4
    for t in under:  # ∂R/∂w under each weight, the engine's at its rounding
        layer, i, j = t.key
        assert agrees(layout.worked.trace.layers[layer].grad_W[i, j], t.string), t.string


def test_edges_are_coloured_by_sign_and_sized_by_the_weight():
    layout = diagram_layout(slide_trace("single-hidden"))
    U = layout.network.layers[1].W[:, 0]  # 3, -12, 8, 1
    out = sorted((e for e in layout.edges if e.layer == 1), key=lambda e: e.i)
    assert [e.role for e in out] == ["positive", "negative", "positive", "positive"]
    assert [round(e.width, 3) for e in out] == [round(0.5 + 2.5 * abs(u) / 12, 3) for u in U]
    legend = " ".join(t.string for t in layout.texts if t.group == "legend")
    assert "positive weight" in legend and "negative weight" in legend and "line width: size of the weight" in legend


def test_a_wide_layer_is_elided_with_a_brace_giving_its_true_size():
    net = nnviz.random_network([2, 16, 1000, 1], "tanh", "sigmoid", seed=1)
    layout = diagram_layout(net.forward([0.5, -1.0]), max_neurons=8)
    for column, size in ((1, 16), (2, 1000)):
        nodes = sorted(n.neuron for n in layout.nodes if n.column == column)
        assert nodes == [0, 1, 2, 3, 4, 5, size - 1]
        assert [t.string for t in layout.texts if t.group == "count" and t.key == (column,)] == [str(size)]
    assert len([t for t in layout.texts if t.group == "dots"]) == 2
    assert len(layout.paths) >= 2 + 2  # two braces, two legend swatches
    assert len(layout.edges) == 2 * 7 + 7 * 7 + 7
    assert layout.unlabelled_layers == [1]  # 49 drawn edges: weights by colour and width only
    assert any("layer 2: too many edges" in t.string for t in layout.texts if t.group == "legend")


def test_labels_from_a_spec_are_text_never_math(tmp_path):
    spec = {"name": "$\\input{x}$ net", "input": [1, 2], "input_labels": ["$x$", "%_a"],
            "layers": [{"activation": "relu", "W_T": [[1, -1]], "b": [0], "labels": ["$\\frac{1}{2}$"]}]}
    fig = nnviz.diagram(network_from_dict(spec).forward([1, 2]))
    drawn = {t.get_text() for t in fig.axes[0].texts}
    assert {"$x$", "%_a"} <= drawn
    assert "$\\frac…" in drawn  # too long for its node: shrunk, then cut, never parsed
    assert any(text.startswith("$\\input{x}$ net") for text in drawn)
    path = tmp_path / "net.svg"
    fig.savefig(path)
    svg = path.read_text()
    assert "$\\input{x}$ net" in svg and "$x$" in svg


def test_node_names_follow_the_slides_and_subscripts_render_as_text():
    assert node_names(load_network("multiclass")) == [["x_1", "x_2", "x_3"], ["z_1", "z_2", "z_3", "z_4"],
                                                      ["f_1", "f_2", "f_3"]]
    assert node_names(nnviz.random_network([2, 3, 1], seed=0))[1:] == [["z_1", "z_2", "z_3"], ["f"]]
    assert [display_name(n) for n in ("x_1", "z_12", "f", "z_in")] == ["x₁", "z₁₂", "f", "zᵢₙ"]
    assert line_width((), 9) == 0


def test_a_bare_network_draws_its_weights_and_asking_for_values_says_what_is_missing():
    net = nnviz.random_network([2, 3, 1], seed=0)
    layout = diagram_layout(net)
    assert layout.show == ("weights",) and layout.worked is None
    assert len([t for t in layout.texts if t.group == "weight"]) == 9
    with pytest.raises(NnvizError, match="show: values need a trace"):
        diagram_layout(net, show="values")
    with pytest.raises(NnvizError, match="show: 'colours' unknown; expected some of values, weights"):
        diagram_layout(net.forward([1, 2]), show="values,colours")
    with pytest.raises(NnvizError, match=r"show: gradients need a backward pass \(give a target\)"):
        diagram_layout(net.forward([1, 2]), show="gradients")


def test_both_themes_draw_with_the_palettes_colours():
    from matplotlib.colors import to_hex

    from nnviz.palette import palette

    for theme in ("light", "dark"):
        fig = nnviz.diagram(slide_trace("perceptron"), theme=theme)
        colours = palette(theme)
        assert to_hex(fig.get_facecolor()).upper() == colours.background
        text_colours = {to_hex(t.get_color()).upper() for t in fig.axes[0].texts}
        assert colours.value in text_colours and colours.positive in text_colours


def test_a_diagram_draws_into_a_given_axes_beside_another():
    from nnviz.plots.diagram import DiagramFigure as Figure

    fig = Figure(figsize=(12, 4))
    left, right = fig.subplots(1, 2)
    assert nnviz.diagram(slide_trace("perceptron"), ax=left) is fig
    figure_of(diagram_layout(slide_trace("single-hidden")), ax=right)
    assert len(left.texts) > 5 and len(right.texts) > 10
