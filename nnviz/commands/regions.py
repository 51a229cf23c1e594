"""`nnviz regions`, `boundary`, `linear-regions`, `polar`: decision regions as pages or slide figures.

The suffix of -o picks the output: .html is an interactive page (plotly), .svg/.pdf/.png a slide
figure (matplotlib).
"""

from __future__ import annotations

from pathlib import Path

import click

from nnviz.commands.common import DEFAULT_OUT, echo_written
from nnviz.errors import NnvizError

PRESETS = ("pentagon", "two-pentagons", "star", "ring")  # nnviz.analysis.regions.PRESETS
DATASETS = ("circles", "xor", "moons", "spiral", "blobs")
SUFFIXES = (".html", ".svg", ".pdf", ".png")


def _output_option(default: str):
    return click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
                        default=DEFAULT_OUT / default, show_default=True,
                        help="An interactive page (.html) or a slide figure (.svg, .pdf, .png).")


plotlyjs_option = click.option(
    "--plotlyjs", type=click.Choice(["inline", "cdn", "directory"]), default="inline", show_default=True,
    help="For pages: plotly.js inside the page (works offline), from a CDN, or one file beside it.")


def _check_output(output: Path) -> bool:
    """True for a page, False for a slide figure; a one-line error for any other suffix (before work)."""
    suffix = output.suffix.lower()
    if suffix not in SUFFIXES:
        raise NnvizError(f"-o {output}: expected .html (page) or .svg, .pdf, .png (slide figure), "
                         f"not {suffix or 'no suffix'}")
    return suffix == ".html"


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
@click.option("--polygon", metavar='"x,y x,y ..."', help="Your own simple polygon (overrides --preset).")
@click.option("--soft", type=float, metavar="K", help="Sigmoid units of slope K instead of steps.")
@click.option("--resolution", type=click.IntRange(20, 600), default=160, show_default=True)
@_output_option("regions.html")
@plotlyjs_option
def regions(preset, polygon, soft, resolution, output, plotlyjs) -> None:
    """Threshold networks built from polygons: "the network must fire if the input is in the coloured area".

    \b
    Examples:
      nnviz regions --preset two-pentagons -o two.html
      nnviz regions --polygon "0,0 3,0 3,3 2,3 2,1 0,1" -o L.svg
      nnviz regions --preset star --soft 8 -o soft-star.html
    """
    from nnviz.analysis.regions import parse_polygon, polygon_region, preset_region, region_grid

    page = _check_output(output)
    region = polygon_region(parse_polygon(polygon), "polygon", soft) if polygon else preset_region(preset, soft)
    grid = region_grid(region, resolution=resolution)

    def draw_page():
        from nnviz.plots.regions import plot_regions
        return plot_regions(grid)

    def draw_figure():
        from nnviz.plots.regions_static import figure_regions
        return figure_regions(grid)

    _write(page, draw_page, draw_figure, output, plotlyjs)


@click.command()
@click.argument("network")
@click.option("--dataset", type=click.Choice(DATASETS), help="Default: the data it was trained on, if any.")
@_output_option("boundary.html")
@plotlyjs_option
def boundary(network, dataset, output, plotlyjs) -> None:
    """Decision regions of a network with 2 inputs: probabilities, data, boundary, every hidden neuron.

    NETWORK is a spec from `nnviz train` (its data come along), or any 2-input .toml/.json spec.

    \b
    Example:
      nnviz train circles --hidden 8,8 -o net.json
      nnviz boundary net.json -o boundary.html
    """
    from nnviz.analysis.regions import decision_grid
    from nnviz.analysis.trained import load_trained

    page = _check_output(output)
    trained = load_trained(network, dataset)
    grid = decision_grid(trained.network, trained.X, trained.y)

    def draw_page():
        from nnviz.plots.regions import plot_boundary
        return plot_boundary(grid)

    def draw_figure():
        from nnviz.plots.regions_static import figure_boundary
        return figure_boundary(grid)

    _write(page, draw_page, draw_figure, output, plotlyjs)


@click.command("linear-regions")
@click.argument("network")
@click.option("--dataset", type=click.Choice(DATASETS), help="Default: the data it was trained on, if any.")
@click.option("--resolution", type=click.IntRange(20, 1000), default=301, show_default=True)
@_output_option("linear-regions.html")
@plotlyjs_option
def linear_regions_command(network, dataset, resolution, output, plotlyjs) -> None:
    """The linear regions of a ReLU network on the plane, their count and the one-layer bound.

    \b
    Example:
      nnviz train circles --hidden 8,8 --activation relu -o relu.json
      nnviz linear-regions relu.json -o regions.png
    """
    from nnviz.analysis.regions import linear_regions
    from nnviz.analysis.trained import load_trained

    page = _check_output(output)
    trained = load_trained(network, dataset)
    found = linear_regions(trained.network, resolution=resolution, X=trained.X, y=trained.y)

    def draw_page():
        from nnviz.plots.regions import plot_linear_regions
        return plot_linear_regions(found)

    def draw_figure():
        from nnviz.plots.regions_static import figure_linear_regions
        return figure_linear_regions(found)

    _write(page, draw_page, draw_figure, output, plotlyjs)
    click.echo(f"{found.count} regions in the window; one-layer bound {found.bound}", err=True)


@click.command()
@click.option("--samples", "n", type=click.IntRange(4), default=200, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True)
@_output_option("polar.html")
@plotlyjs_option
def polar(n, seed, output, plotlyjs) -> None:
    """Circles: one neuron fails in (x1, x2) but one line separates them in polar (r, θ).

    \b
    Example:
      nnviz polar -o polar.svg
    """
    from nnviz.analysis.regions import polar_fit

    page = _check_output(output)
    fit = polar_fit(n, seed)

    def draw_page():
        from nnviz.plots.regions import plot_polar
        return plot_polar(fit)

    def draw_figure():
        from nnviz.plots.regions_static import figure_polar
        return figure_polar(fit)

    _write(page, draw_page, draw_figure, output, plotlyjs)
