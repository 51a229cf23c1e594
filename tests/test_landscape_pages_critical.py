"""The landscape with minima and saddles as a page and a slide figure: markers, runs and the slider."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.analysis.critical import symmetric_example
from nnviz.plots.critical import figure_critical_landscape, label, plot_critical_landscape, summary
from nnviz.plots.save import save

PLOT = "document.querySelector('.js-plotly-plot')"


@pytest.fixture(scope="module")
def example():
    return symmetric_example(resolution=41)


@pytest.mark.browser
def test_the_page_marks_every_critical_point_and_the_slider_moves_the_descent(example, open_page, tmp_path):
    page = save(plot_critical_landscape(example), tmp_path / "minima.html", plotlyjs="directory")
    opened = open_page(page, wait_for=".js-plotly-plot .gl-container canvas")
    assert opened.errors == [] and opened.failed_requests == []
    state = opened.page.evaluate(f"""() => {{ const gd = {PLOT};
        const balls = () => {{ const t = gd._fullData.find(t => t.name === 'gradient descent');
                              return [Array.from(t.x), Array.from(t.y)]; }};
        const start = balls(), steps = gd.layout.sliders[0].steps;
        return Plotly.animate(gd, [steps[steps.length - 1].args[0][0]],
            {{mode: 'immediate', frame: {{duration: 0, redraw: true}}, transition: {{duration: 0}}}}).then(() => ({{
            start: start, end: balls(), legend: gd._fullData.filter(t => t.showlegend !== false).map(t => t.name),
            notes: gd.layout.annotations.map(a => a.text), title: gd.layout.title.text}})); }}""")
    starts = np.array([run.start for run in example.runs]).T
    np.testing.assert_allclose(state["start"], starts, atol=1e-12)
    ends = np.array([[example.minima[r.minimum].alpha for r in example.runs],
                     [example.minima[r.minimum].beta for r in example.runs]])
    np.testing.assert_allclose(state["end"], ends, atol=1e-6)  # each ball rests in its own minimum
    assert len({(round(x, 6), round(y, 6)) for x, y in zip(*state["end"])}) == len(example.runs)
    assert {"minimum (+, +)", "saddle (−, +)", "maximum (−, −)"} <= set(state["legend"])
    assert state["notes"].count("argmin") == len(example.argmin) and state["notes"].count("(−, +)") == 2
    assert "argmin<sub>θ∈Θ</sub> R(θ)" in state["title"] and "Θ" in state["title"]
    assert opened.errors == []


def test_the_words_on_the_page_come_from_the_example(example):
    text = summary(example)
    assert text.startswith(f"{len(example.minima)} minima, {len(example.saddles)} saddles, 1 maximum on Θ")
    assert f"ends in {len(example.runs)} different minima" in text
    assert label(example.saddles[0]) == "saddle (−, +)" and label(example.minima[0]) == "minimum (+, +)"


def test_the_slide_figure_names_the_slides_words_and_the_hessian_signs(example, tmp_path):
    svg = save(figure_critical_landscape(example), tmp_path / "minima.svg").read_text()
    for words in ("saddle (−, +)", "minimum (+, +)", "maximum (−, −)", "argmin", "Θ: the plane through θ*",
                  "α: swap hidden units 1 and 2"):
        assert words in svg, words
    png = save(figure_critical_landscape(example, theme="dark"), tmp_path / "minima.png", dpi=30)
    assert png.read_bytes()[:4] == b"\x89PNG"
