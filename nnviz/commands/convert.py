"""`nnviz convert`: any network nnviz reads (an .onnx model, a spec, a built-in) as a spec you can edit."""

from __future__ import annotations

from pathlib import Path

import click

from nnviz.commands.common import DEFAULT_OUT, echo_written
from nnviz.errors import NnvizError


@click.command()
@click.argument("network")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              default=DEFAULT_OUT / "net.toml", show_default=True,
              help="The spec to write: .toml (W_T as the slides print it) or .json.")
def convert(network: str, output: Path) -> None:
    """Write NETWORK (an .onnx model, a .toml/.json spec or a built-in) as a spec to read and edit.

    \b
    Example:
      nnviz convert model.onnx -o net.toml
      nnviz trace net.toml -x 0.5,-0.2
    """
    from nnviz.engine import load_network, save_network

    if output.suffix.lower() not in (".toml", ".json"):
        raise NnvizError(f"-o {output}: a network spec is written as .toml or .json")
    echo_written(save_network(load_network(network), output))
