"""The engine's commands: the built-in networks, a forward/backward trace, training a small network."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from nnviz.commands.checks import check_budget, checked_trace, force_option, train_cost
from nnviz.commands.common import (
    DEFAULT_OUT,
    LOSS,
    NETWORK,
    SEED,
    Count,
    IntList,
    Number,
    NumberList,
    echo_written,
    terminal_text,
)
from nnviz.data import DATASET_NAMES
from nnviz.errors import NnvizError

MAX_LR = 1e3  # beyond this no optimizer here converges on these datasets: the run is NaN


@click.command()
def networks() -> None:
    """List the built-in networks (the slides' networks) with their shapes and activations."""
    from nnviz.engine import builtin_networks, load_network

    for name in builtin_networks():
        net = load_network(name)
        shape = "-".join(map(str, net.shape))
        acts = ", ".join(layer.activation.name for layer in net.layers)
        x = ",".join(f"{v:g}" for v in net.default_input) if net.default_input is not None else "-"
        click.echo(f"{name:<14} {shape:<10} {acts:<32} x = {x}")
        if net.description:
            click.echo(f"{'':<14} {terminal_text(net.description)}")


@click.command()
@click.argument("network", type=NETWORK)
@click.option("-x", "x", type=NumberList(), metavar="7,1,-4", help="The input (default: the network's slide input).")
@click.option("--target", "target", type=NumberList(), metavar="Y",
              help="Target: a class index for cross entropy, else numbers. Adds the backward pass.")
@click.option("--loss", type=LOSS, help="l2, l1, binary-cross-entropy or cross-entropy (default: fits the output).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "latex"]), default="table",
              show_default=True)
@click.option("--layer", type=Count(1), help="With --format latex: only this layer (1 = the first hidden).")
def trace(network: str, x: list[float] | None, target: list[float] | None, loss: str | None, fmt: str,
          layer: int | None) -> None:
    """Print every value of a forward (and, with --target, backward) pass.

    NETWORK is a built-in name (see `nnviz networks`) or a .toml/.json spec.

    \b
    Examples:
      nnviz trace deep
      nnviz trace single-hidden -x -3,1,5 --target 1 --format json
      nnviz trace multiclass --format latex --layer 2
    """
    from nnviz.engine import load_network
    from nnviz.engine.tables import trace_table

    if loss is not None and target is None:
        raise NnvizError("--loss needs --target (the loss compares the output to a target)")
    if layer is not None and fmt != "latex":
        raise NnvizError("--layer needs --format latex (one layer's block)")
    net = load_network(network)
    if x is None:
        if net.default_input is None:
            raise NnvizError(f"{network}: the spec has no slide input; give one with -x")
        x = net.default_input
    result = checked_trace(net, x, target, loss)
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), indent=2))
    elif fmt == "latex":
        from nnviz.latex import trace_latex

        click.echo(terminal_text(trace_latex(result, layer=layer)), nl=False)  # a bad layer: --layer's line
    else:
        click.echo(terminal_text(trace_table(result)))


@click.command()
@click.argument("dataset", type=click.Choice(DATASET_NAMES))
@click.option("--hidden", type=IntList(), default="8,8", show_default=True, metavar="8,8",
              help="Hidden layer sizes.")
@click.option("--activation", default="tanh", show_default=True,
              type=click.Choice(["tanh", "sigmoid", "relu", "identity"]))
@click.option("--loss", type=LOSS, default=None,
              help="Default: cross entropy for the output (BCE for 2 classes, softmax CE for more); or l2, l1.")
@click.option("--optimizer", default="adam", show_default=True,
              type=click.Choice(["sgd", "momentum", "adam"]))
@click.option("--lr", default=0.01, show_default=True, type=Number(0, MAX_LR, min_open=True),
              help="Learning rate, in (0, 1000].")
@click.option("--steps", default=2000, show_default=True, type=Count(1))
@click.option("--batch-size", default=None, type=Count(1), help="Default: full batch.")
@click.option("--samples", "n", default=200, show_default=True, type=Count(4))
@click.option("--seed", default=0, show_default=True, type=SEED)
@force_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              default=DEFAULT_OUT / "net.json", show_default=True, help="The network spec (.json).")
def train(dataset, hidden, activation, loss, optimizer, lr, steps, batch_size, n, seed, force, output) -> None:
    """Train a small network on a 2-D dataset; save its spec and its history (.history.npz).

    The pair is written all or nothing: a run that fails or is interrupted leaves an older
    net.json and net.history.npz as they were.

    \b
    Example:
      nnviz train circles --hidden 8,8 --steps 2000 -o net.json
      nnviz landscape net.json --directions pca -o landscape.html
    """
    from nnviz.analysis.trained import history_path
    from nnviz.data import load_dataset
    from nnviz.engine import save_network
    from nnviz.engine.init import random_network
    from nnviz.files import atomic_paths, check_writable

    if output.suffix.lower() != ".json":
        raise NnvizError(f"-o {output}: a trained network is saved as a .json spec")
    record_every = max(1, steps // 500)
    check_budget("train", train_cost((2, *hidden, 1), n, steps, batch_size, steps // record_every + 2), force)
    X, y = load_dataset(dataset, n, seed=seed)
    classes = int(y.max()) + 1
    loss_name = _training_loss(loss, classes)
    out_act = "sigmoid" if classes == 2 else "softmax"
    net = random_network([2, *hidden, 1 if classes == 2 else classes], activation, out_act, seed=seed,
                         name=f"{dataset}-net")
    targets = y if classes == 2 or loss_name == "cross-entropy" else _one_hot(y, classes)
    hist_file = history_path(output)
    check_writable(output, hist_file)  # a folder we cannot write fails now, not after the training
    history = _fit(net, X, targets, loss_name, optimizer, lr, steps, batch_size, seed, record_every)
    trained = history.final()
    trained.training = {"dataset": dataset, "n": n, "seed": seed, "loss": history.loss_name,
                        "optimizer": optimizer, "lr": lr, "steps": steps, "history": hist_file.name}
    with atomic_paths(output, hist_file) as (spec_tmp, history_tmp):  # the pair: all or nothing
        history.save(history_tmp)
        save_network(trained, spec_tmp)
    click.echo(f"loss {history.loss[0]:.4f} -> {history.loss[-1]:.4f} after {steps} steps", err=True)
    if history.loss[-1] > history.loss[0]:
        click.echo(f"nnviz: train: the loss rose; --lr {lr:g} is probably too large for {optimizer}", err=True)
    echo_written(output)
    echo_written(hist_file)


def _training_loss(loss: str | None, classes: int) -> str:
    """The loss the output can be trained with: BCE (sigmoid) for 2 classes, CE (softmax) for more."""
    fitting = "binary-cross-entropy" if classes == 2 else "cross-entropy"
    if loss is None:
        return fitting
    if loss in ("binary-cross-entropy", "cross-entropy") and loss != fitting:
        output = "one sigmoid output" if classes == 2 else f"a softmax output of {classes}"
        raise NnvizError(f"--loss {loss}: this dataset has {classes} classes and {output}; use {fitting}, "
                         "l2 or l1")
    return loss


def _one_hot(y, classes: int):
    import numpy as np

    return np.eye(classes)[y]


def _fit(net, X, y, loss_name, optimizer, lr, steps, batch_size, seed, record_every):
    """Train with a progress bar on a terminal; a run that diverges is one line, and nothing saved."""
    import numpy as np
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    from nnviz.engine import train as train_network

    with Progress(TextColumn("training"), BarColumn(), TextColumn("{task.fields[loss]}"),
                  TimeRemainingColumn(), transient=True, disable=not sys.stderr.isatty()) as bar:
        task = bar.add_task("train", total=steps, loss="")
        history = train_network(net, X, y, loss_name, optimizer, lr=lr, steps=steps, batch_size=batch_size,
                                seed=seed, record_every=record_every,
                                callback=lambda s, v: bar.update(task, completed=s, loss=f"loss {v:.4f}"))
    finite = np.isfinite(history.loss) & np.all(np.isfinite(history.parameters), axis=1)
    if not finite.all():
        step = int(history.steps[np.argmin(finite)])
        raise NnvizError(f"training diverged: the loss or the weights became NaN or infinite by step {step} "
                         f"(--lr {lr:g} with {optimizer}); try a smaller --lr. Nothing was written")
    return history
