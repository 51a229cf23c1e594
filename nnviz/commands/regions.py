"""`nnviz regions`, `boundary`, `linear-regions`, `polar`: decision regions as pages or slide figures.

The suffix of -o picks the output: .html is an interactive page (plotly), .svg/.pdf/.png a slide
figure (matplotlib).
"""

from __future__ import annotations

from pathlib import Path

import click
import numpy as np

from nnviz.analysis.polygons import polygon_points
from nnviz.analysis.regions import PRESETS
from nnviz.commands.checks import check_budget, force_option, grid_cost, polygon_cost, train_cost
from nnviz.commands.common import DEFAULT_OUT, NETWORK, SEED, Count, Number, echo_written, terminal_text
from nnviz.data import DATASET_NAMES
from nnviz.errors import NnvizError
from nnviz.palette import THEME_NAMES

SUFFIXES = (".html", ".svg", ".pdf", ".png")
MAX_COORDINATE = 1e6  # a polygon drawn on a page; far beyond this its products overflow
MAX_SLOPE = 1e4  # a sigmoid this steep is a step already: use no --soft


class Polygon(click.ParamType):
    """``"x,y x,y x,y ..."``: the vertices of a polygon, as finite coordinates of sensible size."""

    name = "polygon"

    def convert(self, value, param, ctx):
        if not isinstance(value, str):
            return value
        try:
            points = polygon_points(value)
        except NnvizError as e:
            self.fail(e.message, param, ctx)
        for item, point in zip(value.replace(";", " ").split(), points):  # one point per item as written
            if not all(abs(v) <= MAX_COORDINATE for v in point):  # also NaN
                self.fail(f"{item!r}: coordinates must be finite and within ±{MAX_COORDINATE:g}", param, ctx)
        if not points:
            self.fail("no points given (expected \"x,y x,y x,y ...\", at least 3)", param, ctx)
        return points


def _output_option(default: str):
    return click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
                        default=DEFAULT_OUT / default, show_default=True,
                        help="An interactive page (.html) or a slide figure (.svg, .pdf, .png).")


theme_option = click.option("--theme", type=click.Choice(THEME_NAMES), default="light", show_default=True,
                            help="The palette's theme of the page or figure.")
plotlyjs_option = click.option(
    "--plotlyjs", type=click.Choice(["inline", "cdn", "directory"]), default="inline", show_default=True,
    help="For pages: plotly.js inside the page (works offline), from a CDN, or one file beside it.")


def _check_output(output: Path) -> bool:
    """True for a page, False for a slide figure; a one-line error for any other suffix or a place
    that cannot be written (before the work)."""
    from nnviz.files import check_writable

    suffix = output.suffix.lower()
    if suffix not in SUFFIXES:
        raise NnvizError(f"-o {output}: expected .html (page) or .svg, .pdf, .png (slide figure), "
                         f"not {suffix or 'no suffix'}")
    check_writable(output)
    return suffix == ".html"


BOUNDARY_GRID = 121  # points per axis of the decision regions
POLAR_STEPS = 600  # training steps of each of polar's two neurons


def _load_affordable(what: str, network: str, dataset: str | None, resolution: int, force: bool):
    """The network and its data, refused before the work if the grid (whose hidden outputs are all
    kept) and the data are too large for it."""
    from nnviz.analysis.trained import load_trained

    def affordable(net, points: int) -> None:
        grid, data = grid_cost(net.shape, resolution * resolution), grid_cost(net.shape, 1, points)
        because = f"{net.n_parameters:,} parameters, {resolution}² grid points, {points:,} data points"
        check_budget(what, (grid[0] + data[0], grid[1] + data[1], because), force)

    trained = load_trained(network, dataset, check_points=affordable)
    if trained.X is None:
        affordable(trained.network, 0)
    return trained


def _write(page: bool, draw_page, draw_figure, output: Path, plotlyjs: str) -> None:
    from nnviz.plots.save import save

    if page:
        save(draw_page(), output, plotlyjs=plotlyjs)
    else:
        save(draw_figure(), output)
    echo_written(output)


@click.command()
@click.option("--preset", type=click.Choice(PRESETS), default="pentagon", show_default=True,
              help="A pentagon (AND), two pentagons (OR), a star (non-convex), a ring (with a hole).")
@click.option("--polygon", type=Polygon(), metavar='"x,y x,y ..."',
              help="Your own simple polygon (overrides --preset).")
@click.option("--soft", type=Number(0, MAX_SLOPE, min_open=True, explain=": the slope K is positive, and beyond 10000 "
                                    "a sigmoid is a step already (leave out --soft)"), metavar="K",
              help="Sigmoid units of slope K in (0, 10000] instead of steps.")
@click.option("--resolution", type=Count(20, 600), default=160, show_default=True)
@_output_option("regions.html")
@plotlyjs_option
@theme_option
@force_option
def regions(preset, polygon, soft, resolution, output, plotlyjs, theme, force) -> None:
    """Threshold networks built from polygons: "the network must fire if the input is in the coloured area".

    \b
    Examples:
      nnviz regions --preset two-pentagons -o two.html
      nnviz regions --polygon "0,0 3,0 3,3 2,3 2,1 0,1" -o L.svg
      nnviz regions --preset star --soft 8 -o soft-star.html
    """
    from nnviz.analysis.regions import polygon_region, preset_region, region_grid

    page = _check_output(output)
    if polygon is not None:
        check_budget("regions", polygon_cost(len(polygon), resolution), force)
        region = polygon_region(polygon, "polygon", soft)
    else:
        region = preset_region(preset, soft)
    grid = region_grid(region, resolution=resolution)

    def draw_page():
        from nnviz.plots.regions import plot_regions
        return plot_regions(grid, theme=theme)

    def draw_figure():
        from nnviz.plots.regions_static import figure_regions
        return figure_regions(grid, theme=theme)

    _write(page, draw_page, draw_figure, output, plotlyjs)


@click.command()
@click.argument("network", type=NETWORK)
@click.option("--dataset", type=click.Choice(DATASET_NAMES), help="Default: the data it was trained on, if any.")
@_output_option("boundary.html")
@plotlyjs_option
@theme_option
@force_option
def boundary(network, dataset, output, plotlyjs, theme, force) -> None:
    """Decision regions of a network with 2 inputs: probabilities, data, boundary, every hidden neuron.

    NETWORK is a spec from `nnviz train` (its data come along), or any 2-input .toml/.json spec.

    \b
    Example:
      nnviz train circles --hidden 8,8 -o net.json
      nnviz boundary net.json -o boundary.html
    """
    from nnviz.analysis.regions import decision_grid

    page = _check_output(output)
    trained = _load_affordable("boundary", network, dataset, BOUNDARY_GRID, force)
    grid = decision_grid(trained.network, trained.X, trained.y, resolution=BOUNDARY_GRID)
    if not np.all(np.isfinite(grid.probability)):
        raise NnvizError(f"{terminal_text(network)}: the network's output overflows (±inf or NaN) on the plane; "
                         "its weights are too large for 64-bit floats")

    def draw_page():
        from nnviz.plots.regions import plot_boundary
        return plot_boundary(grid, theme=theme)

    def draw_figure():
        from nnviz.plots.regions_static import figure_boundary
        return figure_boundary(grid, theme=theme)

    _write(page, draw_page, draw_figure, output, plotlyjs)


@click.command("linear-regions")
@click.argument("network", type=NETWORK)
@click.option("--dataset", type=click.Choice(DATASET_NAMES), help="Default: the data it was trained on, if any.")
@click.option("--resolution", type=Count(20, 1000), default=301, show_default=True)
@_output_option("linear-regions.html")
@plotlyjs_option
@theme_option
@force_option
def linear_regions_command(network, dataset, resolution, output, plotlyjs, theme, force) -> None:
    """The linear regions of a ReLU network on the plane, their count and the one-layer bound.

    \b
    Example:
      nnviz train circles --hidden 8,8 --activation relu -o relu.json
      nnviz linear-regions relu.json -o regions.png
    """
    from nnviz.analysis.regions import linear_regions

    page = _check_output(output)
    trained = _load_affordable("linear-regions", network, dataset, resolution, force)
    found = linear_regions(trained.network, resolution=resolution, X=trained.X, y=trained.y)

    def draw_page():
        from nnviz.plots.regions import plot_linear_regions
        return plot_linear_regions(found, theme=theme)

    def draw_figure():
        from nnviz.plots.regions_static import figure_linear_regions
        return figure_linear_regions(found, theme=theme)

    _write(page, draw_page, draw_figure, output, plotlyjs)
    click.echo(f"{found.count} regions in the window; one-layer bound {found.bound}", err=True)


@click.command()
@click.option("--samples", "n", type=Count(4), default=200, show_default=True)
@click.option("--seed", type=SEED, default=0, show_default=True)
@_output_option("polar.html")
@plotlyjs_option
@theme_option
@force_option
def polar(n, seed, output, plotlyjs, theme, force) -> None:
    """Circles: one neuron fails in (x1, x2) but one line separates them in polar (r, θ).

    \b
    Example:
      nnviz polar -o polar.svg
    """
    from nnviz.analysis.regions import polar_fit

    page = _check_output(output)
    check_budget("polar", train_cost((2, 1), n, 2 * POLAR_STEPS), force)
    fit = polar_fit(n, seed, steps=POLAR_STEPS)

    def draw_page():
        from nnviz.plots.regions import plot_polar
        return plot_polar(fit, theme=theme)

    def draw_figure():
        from nnviz.plots.regions_static import figure_polar
        return figure_polar(fit, theme=theme)

    _write(page, draw_page, draw_figure, output, plotlyjs)
