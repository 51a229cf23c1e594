"""`nnviz diagram`: the network as a slide figure (SVG/PDF/PNG), a TikZ picture, or a Beamer frame."""

from __future__ import annotations

from pathlib import Path

import click

from nnviz.commands.checks import checked_trace
from nnviz.commands.common import DEFAULT_OUT, LOSS, NETWORK, NumberList, echo_written
from nnviz.errors import NnvizError
from nnviz.palette import THEME_NAMES

SUFFIXES = (".svg", ".pdf", ".png", ".tex")


@click.command()
@click.argument("network", type=NETWORK)
@click.option("-x", "x_text", type=NumberList(), metavar="7,1,-4",
              help="The input (default: the network's slide input).")
@click.option("--target", "target_text", type=NumberList(), metavar="Y",
              help="Target: a class index for cross entropy, else numbers. Adds the backward pass.")
@click.option("--loss", type=LOSS, help="l2, l1, binary-cross-entropy or cross-entropy (default: fits the output).")
@click.option("--show", metavar="values,weights,…",
              help="Some of values, weights, biases, gradients. Default: values,weights (and gradients "
                   "with --target).")
@click.option("--theme", type=click.Choice(THEME_NAMES), default="light", show_default=True)
@click.option("--dpi", type=click.IntRange(30, 1200), default=200, show_default=True, help="For .png.")
@click.option("--max-neurons", type=click.IntRange(3, 64), default=8, show_default=True,
              help="Wider layers are elided: ⋮ and a brace with the true size.")
@click.option("--beamer", "beamer", is_flag=True,
              help="Write a Beamer frame (.tex) that builds the forward pass step by step.")
@click.option("--beamer-document", is_flag=True, help="Write a complete Beamer presentation (.tex), one page per step.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="net.svg, net.pdf, net.png or net.tex [default: nnviz-out/NETWORK.svg].")
def diagram(network: str, x_text, target_text, loss, show, theme, dpi, max_neurons, beamer, beamer_document,
            output) -> None:
    """Draw NETWORK with its numbers: values beside the nodes, weights on the edges.

    NETWORK is a built-in name (see `nnviz networks`) or a .toml/.json spec. The suffix of -o picks
    the format; .tex is a TikZ picture that compiles alone and can be \\input into a Beamer frame.

    \b
    Examples:
      nnviz diagram single-hidden -o net.svg
      nnviz diagram deep --target 0 --show values,gradients -o deep.pdf
      nnviz diagram multiclass -o net.tex
      nnviz diagram deep --beamer-document -o deep-slides.tex
    """
    from nnviz.engine import load_network

    net = load_network(network)
    output = output or DEFAULT_OUT / f"{Path(network).stem}{'-beamer.tex' if beamer or beamer_document else '.svg'}"
    suffix = output.suffix.lower()
    if suffix not in SUFFIXES:
        raise NnvizError(f"-o {output}: a diagram is saved as .svg, .pdf, .png or .tex, not {suffix or 'no suffix'}")
    if (beamer or beamer_document) and suffix != ".tex":
        raise NnvizError(f"-o {output}: --beamer writes LaTeX: give a .tex file")
    if beamer and beamer_document:
        raise NnvizError("--beamer and --beamer-document: choose one (the document holds the frame)")
    items = [s.strip() for s in show.split(",") if s.strip()] if show is not None else None
    source = _trace(net, network, x_text, target_text, loss, needed=bool(
        beamer or beamer_document or (items is None and net.default_input is not None)
        or (items and {"values", "gradients"} & set(items))))
    if items and "gradients" in items and (source is None or not getattr(source, "has_gradients", False)):
        raise NnvizError("--show gradients needs --target (the gradients come from the backward pass)")
    if beamer or beamer_document:
        from nnviz.latex import beamer_document as document
        from nnviz.latex import beamer_frame

        make = document if beamer_document else beamer_frame
        text = make(source, theme, max_neurons=max_neurons)
        _write_text(output, text)
        return
    from nnviz.analysis.diagram_layout import diagram_layout

    layout = diagram_layout(source if source is not None else net, show=items, max_neurons=max_neurons)
    if suffix == ".tex":
        from nnviz.latex import tikz_document

        command = " ".join(["nnviz diagram", network, *(["-x", _numbers(x_text)] if x_text else []),
                            *(["--target", _numbers(target_text)] if target_text else []),
                            *(["--show", show] if show else []), "-o", output.name])
        _write_text(output, tikz_document(layout, theme, name=output.name, command=command))
        return
    from nnviz.plots.diagram import figure_of
    from nnviz.plots.save import save

    echo_written(save(figure_of(layout, theme), output, dpi=dpi))


def _trace(net, network: str, x, target, loss, *, needed: bool):
    """The trace the diagram shows (forward, and backward with a target), or None for the bare network."""
    if x is None:
        x = net.default_input
    if x is None:
        if needed or target is not None:
            raise NnvizError(f"{network}: the spec has no slide input; give one with -x")
        return None
    return checked_trace(net, x, target, loss)


def _numbers(values: list[float]) -> str:
    """-x and --target as typed again, for the command written into the .tex file."""
    return ",".join(f"{v:g}" for v in values)


def _write_text(output: Path, text: str) -> None:
    from nnviz.files import write_text

    echo_written(write_text(output, text))
