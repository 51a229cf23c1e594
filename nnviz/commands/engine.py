"""The engine's commands: the built-in networks, a forward/backward trace, training a small network."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from nnviz.commands.common import DEFAULT_OUT, echo_written, integers, numbers
from nnviz.errors import NnvizError


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
            click.echo(f"{'':<14} {net.description}")


@click.command()
@click.argument("network")
@click.option("-x", "x_text", metavar="7,1,-4", help="The input (default: the network's slide input).")
@click.option("--target", "target_text", metavar="Y",
              help="Target: a class index for cross entropy, else numbers. Adds the backward pass.")
@click.option("--loss", help="l2, l1, binary-cross-entropy or cross-entropy (default: fits the output).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "latex"]), default="table",
              show_default=True)
@click.option("--layer", type=click.IntRange(1), help="With --format latex: only this layer (1 = the first hidden).")
def trace(network: str, x_text: str | None, target_text: str | None, loss: str | None, fmt: str,
          layer: int | None) -> None:
    """Print every value of a forward (and, with --target, backward) pass.

    NETWORK is a built-in name (see `nnviz networks`) or a .toml/.json spec.

    \b
    Examples:
      nnviz trace deep
      nnviz trace single-hidden -x -3,1,5 --target 1 --format json
      nnviz trace multiclass --format latex --layer 2
    """
    from nnviz.engine import get_loss, load_network
    from nnviz.engine.tables import trace_table

    if layer is not None and fmt != "latex":
        raise NnvizError("--layer needs --format latex (one layer's block)")
    net = load_network(network)
    x = numbers(x_text, "-x")
    if x is None:
        if net.default_input is None:
            raise NnvizError(f"{network}: the spec has no slide input; give one with -x")
        x = net.default_input
    result = net.forward(x)
    if target_text is not None:
        target = numbers(target_text, "--target")
        loss_name = loss or net.fitting_loss()
        try:
            get_loss(loss_name)
        except KeyError as e:
            raise NnvizError(f"--loss: {e.args[0]}") from None
        result = net.backward(result, target[0] if len(target) == 1 else target, loss_name)
    elif loss is not None:
        raise NnvizError("--loss needs --target (the loss compares the output to a target)")
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), indent=2))
    elif fmt == "latex":
        from nnviz.latex import trace_latex

        try:
            click.echo(trace_latex(result, layer=layer), nl=False)
        except NnvizError as e:  # the library names its parameter, the command its option
            raise NnvizError(f"--{e}") from None
    else:
        click.echo(trace_table(result))


@click.command()
@click.argument("dataset", type=click.Choice(["circles", "xor", "moons", "spiral", "blobs"]))
@click.option("--hidden", default="8,8", show_default=True, help="Hidden layer sizes.")
@click.option("--activation", default="tanh", show_default=True,
              type=click.Choice(["tanh", "sigmoid", "relu", "identity"]))
@click.option("--loss", default=None, help="Default: cross entropy for the output (BCE or softmax CE).")
@click.option("--optimizer", default="adam", show_default=True,
              type=click.Choice(["sgd", "momentum", "adam"]))
@click.option("--lr", default=0.01, show_default=True, type=float)
@click.option("--steps", default=2000, show_default=True, type=click.IntRange(1))
@click.option("--batch-size", default=None, type=click.IntRange(1), help="Default: full batch.")
@click.option("--samples", "n", default=200, show_default=True, type=click.IntRange(4))
@click.option("--seed", default=0, show_default=True, type=int)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              default=DEFAULT_OUT / "net.json", show_default=True, help="The network spec (.json).")
def train(dataset, hidden, activation, loss, optimizer, lr, steps, batch_size, n, seed, output) -> None:
    """Train a small network on a 2-D dataset; save its spec and its history (.history.npz).

    \b
    Example:
      nnviz train circles --hidden 8,8 --steps 2000 -o net.json
      nnviz landscape net.json --directions pca -o landscape.html
    """
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    from nnviz.analysis.trained import history_path
    from nnviz.data import load_dataset
    from nnviz.engine import save_network
    from nnviz.engine import train as train_network
    from nnviz.engine.init import random_network

    if output.suffix.lower() != ".json":
        raise NnvizError(f"-o {output}: a trained network is saved as a .json spec")
    sizes = integers(hidden, "--hidden")
    X, y = load_dataset(dataset, n, seed=seed)
    classes = int(y.max()) + 1
    out_act, default = ("sigmoid", "binary-cross-entropy") if classes == 2 else ("softmax", "cross-entropy")
    out_units = 1 if classes == 2 else classes
    net = random_network([2, *sizes, out_units], activation, out_act, seed=seed, name=f"{dataset}-net")
    loss_name = loss or default
    with Progress(TextColumn("training"), BarColumn(), TextColumn("{task.fields[loss]}"),
                  TimeRemainingColumn(), transient=True, disable=not sys.stderr.isatty()) as bar:
        task = bar.add_task("train", total=steps, loss="")
        history = train_network(net, X, y, loss_name, optimizer, lr=lr, steps=steps,
                                batch_size=batch_size, seed=seed, record_every=max(1, steps // 500),
                                callback=lambda s, v: bar.update(task, completed=s, loss=f"loss {v:.4f}"))
    trained = history.final()
    hist_file = history_path(output)
    trained.training = {"dataset": dataset, "n": n, "seed": seed, "loss": history.loss_name,
                        "optimizer": optimizer, "lr": lr, "steps": steps, "history": hist_file.name}
    history.save(hist_file)
    save_network(trained, output)
    click.echo(f"loss {history.loss[0]:.4f} -> {history.loss[-1]:.4f} after {steps} steps", err=True)
    echo_written(output)
    echo_written(hist_file)


