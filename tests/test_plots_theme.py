"""Every page and slide figure follows the theme, and a network's name is text, never a formula."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.colors import to_hex

from nnviz.analysis.critical import symmetric_example
from nnviz.analysis.decision import decision_grid
from nnviz.analysis.fold import fold_stages
from nnviz.analysis.landscape import compute_landscape, interpolate
from nnviz.analysis.linear_regions import linear_regions
from nnviz.analysis.polar import polar_fit, polar_morph
from nnviz.analysis.regions import preset_region, region_grid
from nnviz.analysis.representation import learned_representation
from nnviz.data import circles
from nnviz.engine import train
from nnviz.engine.init import random_network
from nnviz.palette import palette
from nnviz.plots import critical, landscape, landscape_static, polar, regions, regions_static
from nnviz.plots import linear_regions as lr
from nnviz.plots import representation as rep
from nnviz.plots.save import save

HOSTILE = r"$\input{x}$"


@pytest.fixture(scope="module")
def made():
    X, y = circles(40, seed=0)
    history = train(random_network([2, 4, 1], "relu", "sigmoid", seed=0, name=HOSTILE), X, y, "bce", "adam",
                    lr=0.05, steps=20, record_every=2)
    net = history.final()
    land = compute_landscape(net, X, y, directions="pca", history=history, resolution=7)
    return dict(
        landscape=land, curve=interpolate(net, history.parameters[0], net.parameters(), X, y, resolution=5,
                                          labels=(HOSTILE, "trained")),
        grid=region_grid(preset_region("pentagon"), resolution=30), boundary=decision_grid(net, X, y, resolution=21),
        regions=linear_regions(net, X=X, y=y), fold=fold_stages(3), example=symmetric_example(resolution=21),
        fit=polar_fit(40, steps=50), morph=polar_morph(40, frames=3, steps=50), rep=learned_representation())


def _pages(m, theme):
    return [landscape.plot_landscape(m["landscape"], theme=theme),
            landscape.plot_landscape_contour(m["landscape"], theme=theme),
            landscape.plot_interpolation(m["curve"], theme=theme), regions.plot_regions(m["grid"], theme=theme),
            regions.plot_boundary(m["boundary"], theme=theme), lr.plot_linear_regions(m["regions"], theme=theme),
            lr.plot_fold(m["fold"], theme=theme), critical.plot_critical_landscape(m["example"], theme=theme),
            polar.plot_polar(m["fit"], theme=theme), polar.plot_polar_morph(m["morph"], theme=theme),
            rep.plot_representation(m["rep"], per_step=1, theme=theme)]


def _figures(m, theme):
    return [landscape_static.figure_landscape(m["landscape"], theme=theme),
            landscape_static.figure_landscape_contour(m["landscape"], theme=theme),
            landscape_static.figure_interpolation(m["curve"], theme=theme),
            regions_static.figure_regions(m["grid"], theme=theme),
            regions_static.figure_boundary(m["boundary"], theme=theme),
            lr.figure_linear_regions(m["regions"], theme=theme), lr.figure_fold(m["fold"], theme=theme),
            critical.figure_critical_landscape(m["example"], theme=theme), polar.figure_polar(m["fit"], theme=theme),
            polar.figure_polar_morph(m["morph"], theme=theme), rep.figure_representation(m["rep"], theme=theme)]


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_page_takes_the_themes_background_and_text(made, theme):
    p = palette(theme)
    for fig in _pages(made, theme):
        assert fig.layout.paper_bgcolor == p.background and fig.layout.plot_bgcolor == p.background
        assert fig.layout.font.color == p.text, fig.layout.title.text


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_slide_figure_takes_the_themes_background_and_text(made, theme):
    p = palette(theme)
    for fig in _figures(made, theme):
        assert to_hex(fig.get_facecolor()).upper() == p.background
        texts = [t for ax in fig.axes for t in (ax.title, ax.xaxis.label) if t.get_text()]
        assert texts and all(to_hex(t.get_color()).upper() == p.text for t in texts)


def test_a_network_named_like_a_formula_is_written_as_text(made, tmp_path):
    for k, fig in enumerate([landscape_static.figure_landscape_contour(made["landscape"]),
                             landscape_static.figure_interpolation(made["curve"]),
                             regions_static.figure_boundary(made["boundary"]),
                             lr.figure_linear_regions(made["regions"])]):
        svg = save(fig, tmp_path / f"{k}.svg").read_text()
        assert HOSTILE in svg.replace("&#92;", "\\")  # the name as written, no formula
        assert save(fig, tmp_path / f"{k}.png", dpi=20).read_bytes()[:4] == b"\x89PNG"


def test_figures_draw_into_the_callers_axes_so_two_compose(made):
    from nnviz.plots.figure import SlideFigure

    fig = SlideFigure(figsize=(12, 5))
    left, right = fig.subplots(1, 2)
    assert landscape_static.figure_landscape_contour(made["landscape"], ax=left) is fig
    assert lr.figure_linear_regions(made["regions"], ax=right) is fig
    assert len(left.collections) > 0 and len(right.collections) > 0
    assert critical.figure_critical_landscape(made["example"], ax=left) is fig
    assert np.isclose(right.get_xlim(), made["regions"].extent[:2]).all()
