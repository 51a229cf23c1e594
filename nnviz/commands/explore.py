"""`nnviz explore`: the worked-example explorer, one offline HTML page per network (or the softmax lab)."""

from __future__ import annotations

from pathlib import Path

import click

from nnviz.commands.checks import checked_trace
from nnviz.commands.common import DEFAULT_OUT, LOSS, NETWORK, NumberList, echo_written
from nnviz.errors import NnvizError

LAB = "softmax-lab"


@click.command()
@click.argument("network", type=NETWORK)
@click.option("-x", "x", type=NumberList(), metavar="7,1,-4", help="The input (default: the network's slide input).")
@click.option("--target", "target", type=NumberList(), metavar="Y",
              help="Target: a class index for cross entropy, else numbers. Opens with the backward pass.")
@click.option("--loss", type=LOSS, help="l2, l1, binary-cross-entropy or cross-entropy (default: fits the output).")
@click.option("--theme", type=click.Choice(["light", "dark"]), default="light", show_default=True)
@click.option("--precision", type=click.Choice(["slide", "4", "full"]), default="slide", show_default=True,
              help="As on the slide (2 decimals, probabilities 3), 4 decimals, or every digit.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The page (.html). Default: nnviz-out/explore-NETWORK.html.")
def explore(network: str, x, target, loss, theme, precision, output) -> None:
    """One self-contained page: the network's arithmetic, live and editable, offline.

    Click a neuron for its worked sum, activation and (with a target) chain rule; edit any number
    and everything follows; save the state as a TOML spec that `nnviz trace` reproduces.
    NETWORK is a built-in name, a .toml/.json spec, or softmax-lab for the softmax lab alone.

    \b
    Examples:
      nnviz explore deep -o deep.html
      nnviz explore single-hidden --target 1 --theme dark
      nnviz explore my-net.toml -x 1,2,3 --target 0 --loss cross-entropy
      nnviz explore softmax-lab -o softmax.html
    """
    from nnviz.explorer import Explorer, SoftmaxLab

    stem = "softmax-lab" if network == LAB else Path(network).stem
    output = output or DEFAULT_OUT / f"explore-{stem}.html"
    if output.suffix.lower() != ".html":
        raise NnvizError(f"-o {output}: the explorer is a page, expected a .html file")
    if network == LAB:
        if x or target or loss:
            raise NnvizError("softmax-lab takes no -x, --target or --loss")
        page = SoftmaxLab(theme=theme, precision=precision)
    else:
        from nnviz.engine import load_network

        net = load_network(network)
        if x is not None or net.default_input is not None:  # the page computes in the browser: check here
            checked_trace(net, net.default_input if x is None else x, target, loss)
        page = Explorer(net, x=x,
                        target=None if target is None else (target[0] if len(target) == 1 else target),
                        loss=loss, theme=theme, precision=precision)
    html = page.html()  # every check happens before anything is written
    from nnviz.files import write_text

    echo_written(write_text(output, html))
