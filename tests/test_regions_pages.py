"""The regions commands: pages open in Chromium without errors, slide figures are written, bad input fails."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from nnviz.cli import cli


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def relu_spec(tmp_path_factory):
    """A small ReLU network trained on circles by `nnviz train` (spec + history)."""
    out = tmp_path_factory.mktemp("trained") / "relu.json"
    result = run("train", "circles", "--hidden", "6,6", "--activation", "relu", "--steps", "300", "-o", str(out))
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def pages(tmp_path_factory, relu_spec):
    """Every kind of page, sharing one plotly.min.js beside them."""
    folder = tmp_path_factory.mktemp("pages")
    commands = {
        "pentagon": ["regions", "--preset", "pentagon", "--resolution", "80"],
        "soft-ring": ["regions", "--preset", "ring", "--soft", "8", "--resolution", "80"],
        "boundary": ["boundary", str(relu_spec)],
        "linear-regions": ["linear-regions", str(relu_spec), "--resolution", "120"],
        "polar": ["polar", "--samples", "100"],
    }
    written = {}
    for name, args in commands.items():
        path = folder / f"{name}.html"
        result = run(*args, "-o", str(path), "--plotlyjs", "directory")
        assert result.exit_code == 0, result.output
        assert str(path) in result.output
        written[name] = path
    return written


def _drawn(opened) -> dict:
    return opened.page.evaluate("""() => {
        const gd = document.querySelector('.js-plotly-plot');
        return {traces: gd._fullData.length, visible: gd._fullData.filter(t => t.visible !== false).length,
                svg: document.querySelectorAll('.main-svg').length,
                gl: document.querySelectorAll('.gl-container canvas').length};
    }""")


@pytest.mark.browser
@pytest.mark.parametrize("name", ["pentagon", "soft-ring", "boundary", "linear-regions", "polar"])
def test_every_regions_page_opens_without_console_errors_and_draws(pages, open_page, name):
    opened = open_page(pages[name], wait_for=".main-svg")
    assert opened.errors == [] and opened.failed_requests == []
    drawn = _drawn(opened)
    assert drawn["traces"] >= 2 and drawn["svg"] >= 1
    if name in ("pentagon", "soft-ring"):
        assert drawn["gl"] >= 1  # the 3-D pyramid is a WebGL surface


@pytest.mark.browser
def test_threshold_slider_turns_the_and_into_the_or_of_half_planes(pages, open_page):
    opened = open_page(pages["pentagon"], wait_for=".main-svg")
    fired = opened.page.evaluate("""() => {
        const gd = document.querySelector('.js-plotly-plot');
        const area = () => {
            let total = 0;
            for (const row of gd._fullData.find(t => t.type === 'heatmap').z) for (const v of row) total += v;
            return total;
        };
        const steps = gd.layout.sliders[0].steps;
        const atAnd = area();
        Plotly[steps[0].method](gd, ...steps[0].args);
        const atOne = area();
        return {atAnd, atOne, labels: steps.map(s => s.label), title: gd.layout.annotations[0].text,
                plane: gd.data.filter(t => t.type === 'surface')[1].z[0][0]};
    }""")
    assert fired["labels"] == ["Σ ≥ 1", "Σ ≥ 2", "Σ ≥ 3", "Σ ≥ 4", "Σ ≥ 5"]
    assert 0 < fired["atAnd"] < fired["atOne"]  # the pentagon, then (almost) the whole window
    assert fired["plane"] == 0.5 and "Σ ≥ 1" in fired["title"]
    assert opened.errors == []


@pytest.mark.parametrize("suffix", [".svg", ".pdf", ".png"])
def test_regions_writes_slide_figures_by_suffix(tmp_path, suffix):
    path = tmp_path / f"star{suffix}"
    result = run("regions", "--preset", "star", "--resolution", "60", "-o", str(path))
    assert result.exit_code == 0 and path.stat().st_size > 1000
    assert path.read_bytes()[:4] in (b"<?xm", b"%PDF", b"\x89PNG")


def test_polar_and_linear_regions_write_slide_figures(tmp_path, relu_spec):
    assert run("polar", "--samples", "60", "-o", str(tmp_path / "polar.svg")).exit_code == 0
    result = run("linear-regions", str(relu_spec), "--resolution", "80", "-o", str(tmp_path / "lr.png"))
    assert result.exit_code == 0 and (tmp_path / "lr.png").exists()
    # the fair bound counts every ReLU of the 2-6-6-1 network: one layer of 12 makes at most 1 + 12 + 66
    assert "one-layer bound 79" in result.output


@pytest.mark.parametrize("args, message", [
    (["regions", "--polygon", "0,0 1,1"], "at least 3"),
    (["regions", "--polygon", "0,0 1,1 1,0 0,1"], "intersects itself"),
    (["regions", "--polygon", "0,0 a,1 1,0"], "not a point"),
    (["regions", "--soft", "0"], "positive"),
    (["boundary", "single-hidden"], "2 inputs"),
    (["linear-regions", "single-hidden"], "2 inputs"),
    (["polar", "-o", "polar.txt"], "expected .html"),
])
def test_bad_input_is_one_line_exit_2_and_writes_nothing(tmp_path, args, message):
    out = ["-o", str(tmp_path / "out.html")] if "-o" not in args else []
    result = CliRunner().invoke(cli, [*args, *out])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("nnviz: error:") and message in lines[0]
    assert list(tmp_path.iterdir()) == []


def test_slide_figures_show_inline_in_a_notebook():
    from nnviz.analysis.regions import preset_region, region_grid
    from nnviz.plots.regions_static import figure_regions

    png = figure_regions(region_grid(preset_region("pentagon"), resolution=40))._repr_png_()
    assert png.startswith(b"\x89PNG")



@pytest.mark.parametrize("args", [["regions", "--preset", "pentagon", "--resolution", "40"],
                                  ["polar", "--samples", "40"], ["landscape", "single-hidden", "--resolution", "9"]])
def test_theme_dark_writes_the_dark_palette_into_pages_and_figures(args, tmp_path):
    from nnviz.palette import palette

    dark, light = palette("dark"), palette("light")
    page, figure = tmp_path / "dark.html", tmp_path / "dark.svg"
    for out in (page, figure):
        result = run(*args, "--theme", "dark", "-o", str(out))
        assert result.exit_code == 0, result.output
    html = page.read_text().replace(" ", "")
    assert f'"paper_bgcolor":"{dark.background}"' in html and f'"paper_bgcolor":"{light.background}"' not in html
    svg = figure.read_text().lower()
    assert f"fill: {dark.background.lower()}" in svg and f"fill: {light.background.lower()}" not in svg
