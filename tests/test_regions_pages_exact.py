"""Pages of exact linear regions, Montúfar's fold and Boolean regions in Chromium: their controls do what they say."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.analysis.fold import fold_stages
from nnviz.analysis.linear_regions import linear_regions
from nnviz.analysis.regions import one_layer_errors, preset_region, region_grid
from nnviz.engine import Dense, Network
from nnviz.engine.init import random_network
from nnviz.plots.linear_regions import plot_fold, plot_linear_regions
from nnviz.plots.regions import plot_regions, weight_rows, why_two_layers
from nnviz.plots.save import save

PLOT = "document.querySelector('.js-plotly-plot')"
GO_TO = f"""(name) => {{ const gd = {PLOT}; return Plotly.animate(gd, [name],
    {{mode: 'immediate', frame: {{duration: 0, redraw: true}}, transition: {{duration: 0}}}}); }}"""


def _filled(page) -> dict:
    """The filled polygons drawn, per trace: how many closed rings and their fill colour."""
    return page.evaluate(f"""() => {PLOT}._fullData.filter(t => t.fill === 'toself').map(t => ({{
        rings: Array.from(t.x).filter(v => v === null).length, color: t.fillcolor}}))""")


@pytest.fixture(scope="module")
def relu_regions():
    rng = np.random.default_rng(4)
    net = random_network([2, 6, 5, 1], "relu", "sigmoid", seed=4, name="a 2-6-5-1 ReLU network")
    net = Network([Dense(layer.W, rng.normal(0, 0.4, layer.b.shape), layer.activation) for layer in net.layers],
                  net.name)
    return linear_regions(net, (-2, 2, -2, 2), resolution=101)


@pytest.mark.browser
def test_the_linear_regions_page_draws_every_region_once_with_its_colour(relu_regions, open_page, tmp_path):
    page = save(plot_linear_regions(relu_regions), tmp_path / "regions.html", plotlyjs="directory")
    opened = open_page(page, wait_for=".main-svg")
    assert opened.errors == [] and opened.failed_requests == []
    drawn = _filled(opened.page)
    assert sum(d["rings"] for d in drawn) == relu_regions.count
    assert len({d["color"] for d in drawn}) == len(drawn) == int(relu_regions.colors.max()) + 1
    title = opened.page.evaluate(f"() => {PLOT}.layout.title.text")
    assert f"exactly {relu_regions.count} linear regions" in title
    subtitle = opened.page.evaluate(f"() => {PLOT}.layout.title.subtitle.text")
    assert f"= {relu_regions.bound} regions" in subtitle and f"sees {relu_regions.grid_count} of them" in subtitle


@pytest.mark.browser
def test_the_fold_slider_shows_the_regions_after_each_layer(open_page, tmp_path):
    stages = fold_stages(5)
    page = save(plot_fold(stages, both=fold_stages(3, both=True)), tmp_path / "fold.html", plotlyjs="directory")
    opened = open_page(page, wait_for=".main-svg")
    assert opened.errors == []
    assert sum(d["rings"] for d in _filled(opened.page)) == 2  # it opens at one layer
    for layers in (3, 5):
        opened.page.evaluate(GO_TO, str(layers))
        opened.page.wait_for_timeout(200)
        assert sum(d["rings"] for d in _filled(opened.page)) == 2**layers
        title = opened.page.evaluate(f"() => {PLOT}.layout.title.text")
        assert f"{2**layers} regions from {3 * layers} ReLUs" in title
    assert opened.errors == []


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("boolean")
    return {name: save(plot_regions(region_grid(preset_region(name), resolution=60)), folder / f"{name}.html",
                       plotlyjs="directory") for name in ("pentagon", "two-pentagons")}


@pytest.mark.browser
def test_the_output_title_follows_the_threshold_slider(pages, open_page):
    opened = open_page(pages["pentagon"], wait_for=".main-svg")
    seen = opened.page.evaluate(f"""() => {{ const gd = {PLOT}, steps = gd.layout.sliders[0].steps;
        const read = () => {{ const cells = gd._fullData.find(t => t.type === 'table').cells.values;
            return [gd.layout.annotations[0].text, cells[2][5], cells[3][5]]; }};
        const seen = [read()];
        for (const k of [0, 2, 4]) {{
            Plotly[steps[k].method](gd, ...steps[k].args);
            seen.push(read());
        }}
        return seen; }}""")
    titles, biases, rules = zip(*seen)
    assert titles == ("output fires where Σ ≥ 5: all 5 half-planes (AND)",
                      "output fires where Σ ≥ 1: any of the 5 half-planes (OR)",
                      "output fires where Σ ≥ 3: at least 3 of the 5 half-planes",
                      "output fires where Σ ≥ 5: all 5 half-planes (AND)")
    # the weights table's output row follows the slider too: the bias is ½ − the threshold
    assert biases == ("-4.50", "-0.50", "-2.50", "-4.50")
    assert rules[1] == "[h₁ + h₂ + h₃ + h₄ + h₅ − 0.50 ≥ 0]" and rules[2].endswith("− 2.50 ≥ 0]")
    assert opened.errors == []


@pytest.mark.browser
def test_the_page_lists_every_units_weights_from_the_network(pages, open_page):
    opened = open_page(pages["two-pentagons"], wait_for=".main-svg")
    cells = opened.page.evaluate(f"() => {PLOT}._fullData.find(t => t.type === 'table').cells.values")
    region = preset_region("two-pentagons")
    layers = region.network.layers
    assert len(cells[0]) == sum(layer.n_neurons for layer in layers) == 13
    first = layers[0]
    for j in range(first.n_neurons):
        w = [float(v) for v in cells[1][j].split(", ")]
        np.testing.assert_allclose(w, first.W[:, j], atol=0.005)
        assert float(cells[2][j]) == pytest.approx(first.b[j], abs=0.005)
    assert cells[3][10] == "[h₁ + h₂ + h₃ + h₄ + h₅ − 4.50 ≥ 0]" and cells[3][12] == "[∧₁ + ∧₂ − 0.50 ≥ 0]"
    notes = opened.page.evaluate(f"() => {PLOT}.layout.annotations.map(a => a.text)")
    assert any(note.startswith("<b>Why an OR of ANDs needs two hidden layers</b>") for note in notes)
    assert opened.errors == []


def test_why_two_layers_is_computed_from_the_grid():
    union = region_grid(preset_region("two-pentagons"), resolution=80)
    errors = one_layer_errors(union)
    assert errors.min() > 0.005  # no "at least k of the 10 half-planes" is the union of two pentagons
    best = int(np.argmin(errors)) + 1
    text = why_two_layers(union).replace("<br>", " ")
    assert f"the best, k = {best}, is wrong on {100 * errors[best - 1]:.1f} % of the window" in text
    assert "ORs the 2 pieces" in text
    assert one_layer_errors(region_grid(preset_region("pentagon"), resolution=80))[-1] == 0  # the AND
    assert why_two_layers(region_grid(preset_region("pentagon"), resolution=40)).startswith(
        "<b>One hidden layer is enough here</b>")
    rows = weight_rows(region_grid(preset_region("pentagon"), resolution=20))
    assert [row[0] for row in rows] == ["h₁", "h₂", "h₃", "h₄", "h₅", "∧"]
