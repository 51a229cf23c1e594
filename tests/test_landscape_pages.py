"""Landscape pages in a real Chromium, slide figures, and the `nnviz landscape` command."""

from __future__ import annotations

import base64

import numpy as np
import pytest
from click.testing import CliRunner

from nnviz.analysis.landscape import compute_landscape, interpolate
from nnviz.cli import cli
from nnviz.data import circles
from nnviz.engine import train
from nnviz.engine.init import random_network
from nnviz.plots.landscape import plot_interpolation, plot_landscape, plot_landscape_contour
from nnviz.plots.landscape_static import figure_interpolation, figure_landscape, figure_landscape_contour
from nnviz.plots.save import save

PLOT = "document.querySelector('.js-plotly-plot')"


@pytest.fixture(scope="module")
def trained():
    X, y = circles(60, seed=0)
    history = train(random_network([2, 6, 1], "tanh", "sigmoid", seed=0), X, y, "bce", "adam", lr=0.05,
                    steps=40, record_every=2)
    return X, y, history


@pytest.fixture(scope="module")
def landscape(trained):
    X, y, history = trained
    return compute_landscape(history.final(), X, y, directions="pca", history=history, resolution=15,
                             dataset="circles")


@pytest.mark.browser
def test_landscape_page_draws_the_surface_and_play_steps_through_the_path(landscape, open_page, tmp_path):
    page_file = save(plot_landscape(landscape), tmp_path / "landscape.html")
    opened = open_page(page_file, wait_for=".js-plotly-plot .gl-container canvas")
    page = opened.page
    page.wait_for_timeout(300)
    opened.page.screenshot(path=str(tmp_path / "landscape.png"))
    assert opened.errors == [] and opened.failed_requests == []
    drawn = page.evaluate(f"""() => {{ const gd = {PLOT};
        const z = Array.from(gd._fullData[0].z, row => Array.from(row));  // rows arrive as typed arrays
        return {{types: gd.data.map(t => t.type), z: z, frames: gd._transitionData._frames.length,
                 marker: gd.data[4].x[0], canvases: gd.querySelectorAll('canvas').length}}; }}""")
    assert drawn["types"][:5] == ["surface", "scatter3d", "scatter3d", "scatter3d", "scatter3d"]
    # the linked decision regions, then the data: one trace per class (its colour, its marker shape)
    assert drawn["types"][5:] == ["heatmap", "scatter", "scatter"]
    np.testing.assert_allclose(np.array(drawn["z"]), landscape.loss, rtol=1e-12)
    assert drawn["frames"] == len(landscape.path.frames) and drawn["canvases"] >= 1
    assert drawn["marker"] == pytest.approx(landscape.path.alpha[0])
    assert "drawn path: at most" in page.inner_text(".js-plotly-plot")
    axis = page.evaluate(f"() => {PLOT}._fullLayout.scene.xaxis.title.text")  # drawn in WebGL, not DOM
    assert axis == landscape.axis_label(0) and axis.startswith("PCA 1 (")

    page.locator(".updatemenu-button", has_text="Play").click()
    page.wait_for_function(f"() => {PLOT}.data[4].x[0] !== {drawn['marker']}", timeout=10000)
    page.wait_for_function(f"() => {PLOT}.layout.sliders[0].active > 0", timeout=10000)
    assert opened.errors == []


@pytest.mark.browser
def test_pointing_at_the_landscape_shows_that_networks_decision_regions(landscape, open_page, tmp_path):
    page_file = save(plot_landscape(landscape), tmp_path / "linked.html")
    opened = open_page(page_file, wait_for=".js-plotly-plot .gl-container canvas")
    regions = landscape.regions
    i, j = 2, 8  # a coarse grid point away from the centre
    result = opened.page.evaluate(f"""() => {{ const gd = {PLOT};
        gd.emit('plotly_hover', {{points: [{{x: {regions.alpha[j] + 1e-9}, y: {regions.beta[i]},
                                             data: gd.data[0]}}]}});
        const notes = gd.layout.annotations, z = Array.from(gd.data[5].z, row => Array.from(row));
        return {{z: z, title: notes[notes.length - 1].text}}; }}""")
    assert opened.errors == []
    np.testing.assert_allclose(np.array(result["z"]), regions.maps[i, j], atol=0.5 / 255 + 1e-12)
    assert not np.allclose(regions.maps[i, j], regions.maps[5, 5], atol=0.05)  # it really changed
    assert result["title"].startswith("decision regions at PCA 1 ")  # the axes' names, not α and β
    assert ", PCA 2 " in result["title"]


@pytest.mark.browser
def test_the_landscape_page_opens_with_every_panel_at_step_0(landscape, open_page, tmp_path):
    page_file = save(plot_landscape(landscape), tmp_path / "consistent.html")
    opened = open_page(page_file, wait_for=".js-plotly-plot .gl-container canvas")
    state = opened.page.evaluate(f"""() => {{ const gd = {PLOT};
        const regions = gd._fullData.find(t => t.name === 'regions');
        const notes = gd.layout.annotations;
        return {{slider: gd.layout.sliders[0].steps[gd.layout.sliders[0].active].label,
                 marker: [gd.data[4].x[0], gd.data[4].y[0]],
                 z: Array.from(regions.z, row => Array.from(row)),
                 title: notes[notes.length - 1].text,
                 classes: gd.data.filter(t => t.type === 'scatter').map(t => [t.name, t.marker.symbol,
                                                                                t.marker.color])}}; }}""")
    assert opened.errors == []
    path, regions = landscape.path, landscape.regions
    assert state["slider"] == "0" and state["marker"] == pytest.approx([path.alpha[0], path.beta[0]])
    np.testing.assert_allclose(np.array(state["z"]), regions.path_maps[0], atol=1e-12)
    assert state["title"] == "decision regions: the network at step 0 of training"
    names, symbols, colours = zip(*state["classes"])
    assert names == ("class 0", "class 1") and len(set(symbols)) == 2 and len(set(colours)) == 2


def test_hover_labels_name_the_axes_and_tell_a_plateau_apart(landscape):
    from nnviz.plots.landscape import loss_text

    text = plot_landscape(landscape).data[0].text
    assert text[0][0].startswith("PCA 1 ") and "<br>PCA 2 " in text[0][0]
    assert "α" not in text[0][0] and "β" not in text[0][0]
    low = [v for v in landscape.loss.ravel() if v < 0.01]
    assert all(loss_text(v) != "0.00" for v in landscape.loss.ravel())
    assert loss_text(0.0012345) == "0.001234" and loss_text(6.2e-7) == "6.200·10^-7" and loss_text(0.6931) == "0.6931"
    assert len({loss_text(v) for v in low}) == len(set(np.round(low, 12)))  # distinct values read apart


def test_maps_travel_in_the_page_as_bytes_that_decode_to_the_probabilities(landscape):
    meta = plot_landscape(landscape).layout.meta["nnviz_regions"]
    q = np.frombuffer(base64.b64decode(meta["maps"]), np.uint8).reshape(landscape.regions.maps.shape)
    np.testing.assert_allclose(meta["lo"] + meta["step"] * q, landscape.regions.maps, atol=0.5 / 255 + 1e-12)


def test_contour_and_interpolation_pages_and_log_scale(landscape, trained, tmp_path):
    X, y, history = trained
    fig = plot_landscape_contour(landscape, log=True)
    np.testing.assert_allclose(fig.data[0].z, np.log10(landscape.loss), rtol=1e-12)
    assert fig.layout.xaxis.title.text == landscape.axis_label(0)
    curve = interpolate(history.network, history.parameters[0], history.parameters[-1], X, y, "bce",
                        resolution=11)
    page = save(plot_interpolation(curve), tmp_path / "curve.html", plotlyjs="cdn")
    assert page.stat().st_size < 100_000  # plotly.js from the CDN


def test_slide_figures_are_written_as_png_and_svg_with_labelled_axes(landscape, trained, tmp_path):
    X, y, history = trained
    png = save(figure_landscape(landscape), tmp_path / "landscape.png", dpi=40)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = save(figure_landscape_contour(landscape, log=True), tmp_path / "contour.svg").read_text()
    assert landscape.axis_label(0) in svg and "drawn path: at most" in svg
    curve = interpolate(history.network, history.parameters[0], history.parameters[-1], X, y, "bce",
                        resolution=11)
    assert save(figure_interpolation(curve), tmp_path / "curve.pdf").read_bytes()[:4] == b"%PDF"


def test_landscape_command_writes_a_page_for_a_trained_network(tmp_path):
    runner = CliRunner()
    spec = tmp_path / "net.json"
    assert runner.invoke(cli, ["train", "circles", "--hidden", "4", "--steps", "30", "--samples", "40",
                               "-o", str(spec)]).exit_code == 0
    out = tmp_path / "pca.html"
    result = runner.invoke(cli, ["landscape", str(spec), "--directions", "pca", "--resolution", "9",
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1] == str(out) and out.stat().st_size > 1_000_000
    png = tmp_path / "slide.png"
    result = runner.invoke(cli, ["landscape", "single-hidden", "--resolution", "7", "--log", "-o", str(png)])
    assert result.exit_code == 0, result.output
    assert png.read_bytes()[:4] == b"\x89PNG"


@pytest.mark.parametrize("args, message", [
    (["single-hidden", "--directions", "pca"], "needs a training history"),
    (["single-hidden", "--dataset", "circles"], "a 2-D dataset needs a network with 2 inputs"),
    (["single-hidden", "-o", "landscape.txt"], "expected .html, .svg, .pdf or .png"),
    (["deep", "--view", "interpolation"], "needs a history"),
])
def test_landscape_command_fails_with_one_line(args, message, tmp_path):
    result = CliRunner().invoke(cli, ["landscape", *args], catch_exceptions=False)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("nnviz: error: ") and message in lines[0]
