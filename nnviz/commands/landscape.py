"""`nnviz landscape`: the loss landscape of a network as an interactive page or a slide figure."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click
import numpy as np

from nnviz.commands.checks import check_budget, check_finite, force_option, grid_cost
from nnviz.commands.common import DEFAULT_OUT, NETWORK, SEED, Count, Number, echo_written, terminal_text
from nnviz.data import DATASET_NAMES
from nnviz.errors import NnvizError
from nnviz.palette import THEME_NAMES

SUFFIXES = (".html", ".svg", ".pdf", ".png")
MAX_SPAN = 1e3  # the grid reaches span × the weights' size: a thousandfold is already far outside
INTERPOLATION_POINTS = 53  # the line's 51 points, and t = 0 and 1 exactly
PROGRESS_FROM = 5000  # grid points; smaller grids finish before a bar would be worth drawing


@click.command()
@click.argument("network", type=NETWORK)
@click.option("--dataset", type=click.Choice(DATASET_NAMES), default=None,
              help="Data for the loss (default: the one it was trained on; for a slide network: the "
                   "slide example).")
@click.option("--samples", type=Count(4), default=None, help="Points of the dataset.")
@click.option("--resolution", default=51, show_default=True, type=Count(2), help="Grid points per axis.")
@click.option("--span", default=1.0, show_default=True, type=Number(0, MAX_SPAN, min_open=True),
              help="The grid covers [-span, span] (pca: span × the path's extent), in (0, 1000].")
@click.option("--directions", type=click.Choice(["filter", "layer", "none", "pca"]), default="filter",
              show_default=True, help="Random directions normalised per neuron, per layer, not at all, "
                                      "or the principal directions of the training path.")
@click.option("--include-bias", is_flag=True, help="Move the biases too (random directions).")
@click.option("--seed", default=0, show_default=True, type=SEED, help="Seed of the random directions.")
@click.option("--log", "log_scale", is_flag=True, help="Plot log10 of the loss.")
@click.option("--float32", "fast", is_flag=True,
              help="Evaluate the grid in float32: about 2-3× faster, losses good to ~1e-6.")
@click.option("--view", type=click.Choice(["surface", "contour", "interpolation"]), default="surface",
              show_default=True, help="3-D surface (with linked decision regions), 2-D contours, or the "
                                      "1-D loss on the line initial → trained (or → --to).")
@click.option("--to", "other", type=NETWORK, metavar="OTHER", help="Second network for --view interpolation "
                                                     "(e.g. the same net trained with another seed).")
@click.option("--plotlyjs", type=click.Choice(["inline", "cdn", "directory"]), default="inline",
              show_default=True, help="How the page gets plotly.js.")
@click.option("--theme", type=click.Choice(THEME_NAMES), default="light", show_default=True,
              help="The palette's theme of the page or figure.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              default=DEFAULT_OUT / "landscape.html", show_default=True,
              help="Output file: .html (interactive) or .svg, .pdf, .png (slide figure).")
@force_option
def landscape(network, dataset, samples, resolution, span, directions, include_bias, seed, log_scale, fast,
              view, other, plotlyjs, theme, output, force) -> None:
    """Plot the loss landscape of NETWORK around its parameters, with its training path.

    NETWORK is a built-in (its landscape on the slide example), a spec, or a network saved by
    `nnviz train` (its dataset and history come along; --directions pca draws the path).

    \b
    Examples:
      nnviz train circles -o net.json
      nnviz landscape net.json --directions pca -o landscape.html
      nnviz landscape net.json --resolution 101 --log -o landscape.png
      nnviz landscape single-hidden --span 0.5
    """
    from nnviz.analysis.landscape import compute_landscape, interpolate
    from nnviz.analysis.trained import load_trained
    from nnviz.files import check_writable

    if output.suffix.lower() not in SUFFIXES:
        raise NnvizError(f"-o {output}: expected .html, .svg, .pdf or .png")
    check_writable(output)
    grid = INTERPOLATION_POINTS if view == "interpolation" else resolution * resolution

    def affordable(net, points: int) -> None:
        check_budget("landscape", grid_cost(net.shape, grid, points, history=502), force)

    trained = load_trained(network, dataset, n=samples, check_points=affordable)
    net = trained.network
    if dataset is not None and net.n_inputs != 2:
        raise NnvizError(f"--dataset {dataset}: a 2-D dataset needs a network with 2 inputs, but {network} "
                         f"has {net.n_inputs} (`nnviz train {dataset} -o net.json` makes one)")
    X, y, data_name = trained.X, trained.y, trained.dataset
    if X is None:
        if net.default_input is None or net.default_target is None:
            raise NnvizError(f"{network}: no data to compute a loss on; give --dataset (for a network with "
                             "2 inputs) or a spec with an input and a target")
        X, y = net.default_input[None], net.default_target
        data_name = "the slide example x = (" + ", ".join(f"{v:g}" for v in net.default_input) + ")"
        affordable(net, 1)
    check_finite(net.forward(X), f"{terminal_text(str(network))} on its data")

    if view == "interpolation":
        curve = _interpolation(net, network, trained.history, other, X, y, trained.loss, interpolate)
        fig = _figure(output, "interpolation", curve, log_scale, theme)
    else:
        land = _with_progress(resolution * resolution, lambda progress: compute_landscape(
            net, X, y, trained.loss, directions=directions, resolution=resolution, span=span, seed=seed,
            include_bias=include_bias, history=trained.history, dataset=data_name, progress=progress,
            workers=min(4, os.cpu_count() or 1), dtype="float32" if fast else "float64"))
        if not np.all(np.isfinite(land.loss)):
            raise NnvizError(f"--span {span:g}: the loss overflows (±inf or NaN) at the edge of the grid; "
                             "use a smaller --span")
        fig = _figure(output, view, land, log_scale, theme)
    from nnviz.plots.save import save

    echo_written(save(fig, output, plotlyjs=plotlyjs))


def _interpolation(net, net_path, history, other, X, y, loss, interpolate):
    if other is not None:
        from nnviz.engine import load_network

        second = load_network(other)
        if second.n_parameters != net.n_parameters or second.shape != net.shape:
            raise NnvizError(f"--to {other}: shape {second.shape} differs from {net.name}'s {net.shape}")
        labels = (net.name, second.name)
        if labels[0] == labels[1]:  # e.g. two runs of `nnviz train circles`: name them by their files
            labels = (Path(str(net_path)).stem, Path(other).stem)
        return interpolate(net, net.parameters(), second.parameters(), X, y, loss, labels=labels)
    if history is None:
        raise NnvizError("--view interpolation needs a history (a network from `nnviz train`) or --to OTHER")
    return interpolate(net, history.parameters[0], history.parameters[-1], X, y, loss)


def _with_progress(total: int, compute):
    """Run ``compute(progress)`` with a rich progress bar for long grids (only on a terminal)."""
    if total < PROGRESS_FROM or not sys.stderr.isatty():
        return compute(None)
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn("landscape"), BarColumn(), TextColumn("{task.completed}/{task.total} points"),
                  TimeRemainingColumn(), transient=True) as bar:
        task = bar.add_task("grid", total=total)
        return compute(lambda done, _total: bar.update(task, completed=done))


def _figure(output: Path, view: str, result, log_scale: bool, theme: str = "light"):
    """The plotly page for .html, the matplotlib slide figure otherwise."""
    if output.suffix.lower() == ".html":
        from nnviz.plots import landscape as pages

        if view == "interpolation":
            return pages.plot_interpolation(result, theme=theme)
        if view == "contour":
            return pages.plot_landscape_contour(result, log=log_scale, theme=theme)
        return pages.plot_landscape(result, log=log_scale, theme=theme)
    from nnviz.plots import landscape_static as figures

    if view == "interpolation":
        return figures.figure_interpolation(result, theme=theme)
    if view == "contour":
        return figures.figure_landscape_contour(result, log=log_scale, theme=theme)
    return figures.figure_landscape(result, log=log_scale, theme=theme)
