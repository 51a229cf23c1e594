"""`nnviz scenes` and `nnviz render`: the lecture's animations as videos or slide PNGs."""

from __future__ import annotations

from pathlib import Path

import click

from nnviz.commands.checks import checked_trace
from nnviz.commands.common import LOSS, NETWORK, Number, NumberList, echo_written
from nnviz.errors import NnvizError

QUALITY_LETTERS = ["l", "m", "h", "p", "k"]


@click.command()
def scenes() -> None:
    """List the lecture's scenes, in lecture order: name, section, what it shows."""
    from nnviz.render import list_scenes

    found = list_scenes()
    width = max((len(cls.name) for cls in found), default=0)
    section_width = max((len(cls.section) for cls in found), default=0)
    for cls in found:
        click.echo(f"{cls.name:<{width}}  {cls.section:<{section_width}}  {cls.summary}")


def parse_size(text: str | None) -> tuple[int, int] | None:
    """"256x144" → (256, 144)."""
    if text is None:
        return None
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise NnvizError(f"--size {text!r}: expected WIDTHxHEIGHT like 256x144") from None
    return width, height


def scene_options(network, x, target, loss, lr, theme, pace="lecture"):
    """The command line's choices as the scene's ``SceneOptions``."""
    from nnviz.animate.base import SceneOptions

    if target is not None and len(target) == 1:
        target = target[0]
    return SceneOptions(network=network, x=x, target=target, loss=loss, lr=lr, theme=theme, pace=pace)


def check_numbers(scene: str, options) -> None:
    """Overflow and targets that mean nothing, refused in one line before manim starts."""
    from nnviz.engine import load_network
    from nnviz.render import get_scene

    chosen = options.network or get_scene(scene).default_network
    if chosen is None:
        return  # a scene without a network: render_scene says what it takes
    net = load_network(chosen)
    x = net.default_input if options.x is None else options.x
    target = net.default_target if options.target is None else options.target
    if x is not None:
        checked_trace(net, x, target, options.loss if target is not None else None)


def complete_scene(ctx, param, incomplete: str) -> list:
    """Shell completion of scene names (`nnviz render <TAB>`)."""
    from click.shell_completion import CompletionItem

    from nnviz.render import list_scenes

    return [CompletionItem(cls.name, help=cls.summary) for cls in list_scenes() if cls.name.startswith(incomplete)]


@click.command()
@click.argument("scene", shell_complete=complete_scene)
@click.option("--network", "-n", type=NETWORK, metavar="NAME|PATH",
              help="A built-in network or a .toml/.json spec (default: the scene's slide network).")
@click.option("-x", "x", type=NumberList(), metavar="7,1,-4", help="The input (default: the network's slide input).")
@click.option("--target", "target", type=NumberList(), metavar="Y", help="The target, for scenes that show a loss.")
@click.option("--loss", type=LOSS, help="l2, l1, binary-cross-entropy or cross-entropy, for scenes that show a loss.")
@click.option("--lr", type=Number(maximum=1e3), help="Learning rate in (0, 1000], for a scene's step.")
@click.option("-q", "--quality", type=click.Choice(QUALITY_LETTERS),
              help="manim's quality: l 480p15, m 720p30, h 1080p60, p 1440p60, k 2160p60 "
                   "[default: l for videos, h for a png still]")
@click.option("--format", "fmt", type=click.Choice(["mp4", "gif", "webm", "png"]),
              help="mp4 (default, or the suffix of -o); png: the last frame, for a slide.")
@click.option("--theme", type=click.Choice(["light", "dark"]), default="light", show_default=True)
@click.option("--pace", type=click.Choice(["lecture", "brisk"]), default="lecture", show_default=True,
              help="lecture: each step held long enough to read in a hall; brisk: shorter holds.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Where the file goes (default: nnviz-out/SCENE.FORMAT).")
@click.option("--progress/--quiet", default=None,
              help="Show manim's progress bars, or nothing [default: shown when stderr is a terminal].")
@click.option("--size", "size_text", hidden=True, help="WIDTHxHEIGHT in pixels (overrides -q; for tests).")
@click.option("--fps", type=float, hidden=True, help="Frame rate (overrides -q; for tests).")
def render(scene, network, x, target, loss, lr, quality, fmt, theme, pace, output, progress,
           size_text, fps) -> None:
    """Render SCENE (see `nnviz scenes`) to a video, or its last frame to a PNG.

    \b
    Examples:
      nnviz render single-hidden-example -q l
      nnviz render deep-forward --theme dark -q h -o talk/deep.mp4
      nnviz render deep-forward -x 1,2,3 --format png
      nnviz render single-hidden-example --network my-net.toml -x 1,0,2
    """
    from nnviz.render import caption_paths, render_scene

    options = scene_options(network, x, target, loss, lr, theme, pace)
    check_numbers(scene, options)
    if fmt is None:
        suffix = output.suffix.lower().lstrip(".") if output is not None else ""
        fmt = suffix if suffix in ("mp4", "gif", "webm", "png") else "mp4"
    path = render_scene(scene, options, quality=quality, fmt=fmt, output=output,
                        size=parse_size(size_text), fps=fps, progress=progress)
    echo_written(path)
    if fmt != "png":
        for captions in caption_paths(path):
            echo_written(captions)
