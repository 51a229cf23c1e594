"""The explorer's pictures as a viewer reads them: labels that do not cover each other, numbers inside
their frame, a wide layer's table in the panel, names and formulas as the slides write them."""

from __future__ import annotations

import numpy as np
import pytest
import test_explorer_page as page_tests

from nnviz.engine import Dense, Network
from nnviz.explorer import Explorer

pytestmark = pytest.mark.browser
pages, tab = page_tests.pages, page_tests.tab  # the page tests' fixtures: the slide pages, a 1024×768 tab
goto, no_problems = page_tests.goto, page_tests.no_problems


def cover(p, q) -> float:
    """The area two boxes (left, top, right, bottom) share."""
    return max(0, min(p[2], q[2]) - max(p[0], q[0])) * max(0, min(p[3], q[3]) - max(p[1], q[1]))


def test_the_lab_panel_takes_the_networks_f_in_now(pages, tab):
    goto(tab, pages["deep"])
    tab.locator("#x-fields input").first.fill("6")
    tab.click("[data-view=lab]")
    tab.click("#lab-root .lab-network")
    seen = no_problems(tab)
    f_in = seen["state"]["layers"][-1]["z_in"]
    assert seen["state"]["lab"]["fin"] == f_in and f_in != [3, -1, 1]
    assert tab.locator("#lab-root input[aria-label='f_in,2'][type=text]").input_value() == str(f_in[1])
    goto(tab, pages["single-hidden"])  # one output: the lab keeps its own three scores, and no such button
    tab.click("[data-view=lab]")
    assert tab.locator("#lab-root .lab-network").count() == 0


@pytest.mark.parametrize("name", ["single-hidden", "multiclass"])
def test_weight_labels_stand_apart_from_each_other_and_from_the_nodes(pages, tab, name):
    goto(tab, pages[name])
    tab.check("#weights")
    tab.locator('#diagram .node[data-col="1"][data-row="1"]').click()
    boxes, nodes = tab.evaluate("""() => {
        const rect = (e) => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
        return [[...document.querySelectorAll('#diagram .weight-labels .boxed rect')].map(rect),
                [...document.querySelectorAll('#diagram .node circle')].map(rect)];
    }""")
    edges = len(tab.evaluate("() => window.nnvizState.layers.flatMap((l) => l.W.flat())"))
    assert len(boxes) == 2 * edges  # every weight and its gradient
    assert [(a, b) for k, a in enumerate(boxes) for b in boxes[k + 1:] if cover(a, b) > 1] == []

    def inside(box, circle):  # the point of the box nearest the circle's centre is within its radius
        (x0, y0, x1, y1), (cx, cy, r) = box, ((circle[0] + circle[2]) / 2, (circle[1] + circle[3]) / 2,
                                             (circle[2] - circle[0]) / 2)
        return (min(max(cx, x0), x1) - cx) ** 2 + (min(max(cy, y0), y1) - cy) ** 2 < (r - 1) ** 2
    assert [(a, n) for a in boxes for n in nodes if inside(a, n)] == []
    no_problems(tab)


def test_every_digit_stays_inside_the_diagram_and_the_plot(pages, tab):
    goto(tab, pages["single-hidden"])
    tab.select_option("#precision", "full")
    tab.locator('#diagram .node[data-col="2"][data-row="0"] circle').click()  # f = 0.6391787884539752, far right
    outside = tab.evaluate("""() => [...document.querySelectorAll('#diagram .node text, #work svg.plot text')]
      .filter((t) => {
        const r = t.getBoundingClientRect(), frame = t.closest('svg').getBoundingClientRect();
        return r.left < frame.left - 1 || r.right > frame.right + 1;
    }).map((t) => t.textContent)""")
    assert outside == []
    no_problems(tab)


def test_six_neurons_a_layer_keep_their_numbers_apart_and_their_table_in_the_panel(tab, tmp_path):
    rng = np.random.default_rng(3)
    sizes, acts = [5, 6, 6, 4], ["tanh", "sigmoid", "softmax"]
    net = Network([Dense(np.round(rng.normal(size=(a, b)) * 2, 2), np.round(rng.normal(size=b), 2), act)
                   for a, b, act in zip(sizes, sizes[1:], acts)], name="wide")
    goto(tab, Explorer(net, x=[1, -2, 0.5, 3, -1], target=2).write(tmp_path / "wide.html"))
    tab.click("[data-view=layer]")
    tab.locator('#diagram .node[data-col="2"][data-row="0"] circle').click()
    labels, fields, panel = tab.evaluate("""() => {
        const rect = (e) => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
        const all = (selector) => [...document.querySelectorAll(selector)].map(rect);
        return [all('#diagram .node > text:not([data-static]), #diagram .node .boxed text'),
                all('#editor table input'), rect(document.querySelector('.panel'))];
    }""")
    assert len(labels) == 5 + 3 * 16  # x: a value; each neuron: value, bias, δ
    assert [(a, b) for k, a in enumerate(labels) for b in labels[k + 1:] if cover(a, b) > 1] == []
    assert len(fields) == 6 * 7 and max(f[2] for f in fields) <= panel[2]  # W^T and b, no column cut off
    no_problems(tab)


def test_the_layer_view_names_its_columns_and_writes_the_chain_rule_it_uses(pages, tab):
    goto(tab, pages["deep"])
    tab.click("[data-view=layer]")
    tab.locator('#diagram .node[data-col="4"][data-row="0"]').click()
    assert tab.locator("#editor thead th").all_inner_texts() == ["", "z₁⁽³⁾", "z₂⁽³⁾", "z₃⁽³⁾", "z₄⁽³⁾", "cⱼ"]
    steps = dict(zip(tab.locator("#work .step h3").all_inner_texts(),
                     tab.locator("#work .step .symbolic").all_inner_texts()))
    assert steps["③ The loss: R_emp = L(y, f) for this one example"] == "L(y, f) = −Σk yk log fk"  # subscripts, no _
    assert tab.locator("#work .step .symbolic sub").filter(has_text="k").count() >= 3
    assert steps["④ Chain rule through the output (fused with the loss), row by row"] == "∂L/∂fin = f − y"
    tab.select_option("#loss-select select", "l2")  # softmax without its own loss: through the Jacobian
    titles = tab.locator("#work .step h3").all_inner_texts()
    assert "④ Chain rule through the softmax, row by row: its Jacobian J = diag(τ) − ττᵀ" in titles
    assert "∂L/∂fin = J ∂L/∂f" in tab.locator("#work .step .symbolic").all_inner_texts()
    tab.locator('#diagram .node[data-col="2"][data-row="0"]').click()
    assert tab.locator("#editor thead th").all_inner_texts()[-1] == "bⱼ⁽²⁾"
    assert "∂L/∂zin(2) = ∂L/∂z(2) ⊙ ReLU′(zin(2))" in tab.locator("#work .step .symbolic").all_inner_texts()
    no_problems(tab)
