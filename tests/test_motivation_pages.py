"""The motivation's pages in Chromium: the polar morph's slider moves every point, the layer slider the plane."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.analysis.polar import polar_morph
from nnviz.analysis.representation import learned_representation
from nnviz.data import polar
from nnviz.plots.polar import figure_polar_morph, plot_polar_morph
from nnviz.plots.representation import figure_representation, plot_representation, stage_name
from nnviz.plots.save import save

PLOT = "document.querySelector('.js-plotly-plot')"
STATE = f"""(name) => {{ const gd = {PLOT};
    const read = () => ({{title: gd.layout.title.text, x: gd.layout.xaxis.title.text,
        traces: gd._fullData.map(t => [Array.from(t.x || []), Array.from(t.y || [])])}});
    if (name === null) {{ return read(); }}
    return Plotly.animate(gd, [name], {{mode: 'immediate', frame: {{duration: 0, redraw: true}},
                                        transition: {{duration: 0}}}}).then(read); }}"""


@pytest.fixture(scope="module")
def morph():
    return polar_morph(n=80, frames=5, steps=300)


@pytest.mark.browser
def test_the_morph_slider_moves_every_point_from_the_data_to_its_polar_coordinates(morph, open_page, tmp_path):
    page = save(plot_polar_morph(morph), tmp_path / "morph.html", plotlyjs="directory")
    opened = open_page(page, wait_for=".main-svg")
    start = opened.page.evaluate(STATE, None)
    end = opened.page.evaluate(STATE, "1.00")
    y = morph.fit.y
    for state, points in ((start, morph.fit.X), (end, polar(morph.fit.X))):
        for c in (0, 1):
            np.testing.assert_allclose(np.array(state["traces"][c]).T, points[y == c], atol=1e-12)
    assert start["x"] == "x₁" and end["x"] == "r"
    assert f"accuracy {morph.accuracy[0]:.3f}" in start["title"] and "accuracy 1.000" in end["title"]
    line = np.array(end["traces"][2]).T  # the polar neuron's line: w·p + b = 0 at both ends
    np.testing.assert_allclose(line @ morph.W[-1] + morph.b[-1], 0, atol=1e-9)
    assert opened.errors == [] and opened.failed_requests == []


@pytest.fixture(scope="module")
def representation():
    return learned_representation()


@pytest.mark.browser
def test_the_layer_slider_carries_the_data_and_the_grid_through_each_layer(representation, open_page, tmp_path):
    rep = representation
    page = save(plot_representation(rep, per_step=2), tmp_path / "rep.html", plotlyjs="directory")
    opened = open_page(page, wait_for=".main-svg")
    start = opened.page.evaluate(STATE, None)
    last = str(2 * (len(rep.stages) - 1))
    end = opened.page.evaluate(STATE, last)
    for state, stage in ((start, rep.stages[0]), (end, rep.stages[-1])):
        for k, c in enumerate((0, 1), start=1):
            np.testing.assert_allclose(np.array(state["traces"][k]).T, stage.data[rep.y == c], atol=1e-12)
    assert start["traces"][3] == [[], []]  # the separating line appears only at the last layer
    segment = np.array(end["traces"][3]).T
    np.testing.assert_allclose(segment @ rep.U + rep.c, 0, atol=1e-9)
    assert "separates the classes: accuracy 1.000" in end["title"]
    labels = opened.page.evaluate(f"() => {PLOT}.layout.sliders[0].steps.map(s => s.label)")
    assert [lab for lab in labels if lab != "·"] == [stage_name(s) for s in rep.stages] == \
        ["x", "zᵢₙ⁽¹⁾", "z⁽¹⁾", "zᵢₙ⁽²⁾", "z⁽²⁾"]
    assert opened.errors == []


def test_slide_figures_of_the_motivation(morph, representation, tmp_path):
    svg = save(figure_polar_morph(morph), tmp_path / "morph.svg").read_text()
    assert "t = 0.00: accuracy" in svg and "t = 1.00: accuracy 1.000" in svg
    svg = save(figure_representation(representation, theme="dark"), tmp_path / "rep.svg").read_text()
    assert "accuracy 1.000" in svg
