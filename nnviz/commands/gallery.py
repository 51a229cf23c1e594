"""`nnviz gallery`: the lecture's videos, interactive pages and slide figures as one static site."""

from __future__ import annotations

from pathlib import Path

import click

from nnviz.commands.common import DEFAULT_OUT, echo_written
from nnviz.commands.render import QUALITY_LETTERS, parse_size
from nnviz.errors import NnvizError


@click.command()
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path),
              default=DEFAULT_OUT / "gallery", show_default=True, help="The site's folder.")
@click.option("-q", "--quality", type=click.Choice(QUALITY_LETTERS), default="l", show_default=True,
              help="manim's quality for the videos: l 480p15 … k 2160p60.")
@click.option("-j", "--jobs", type=click.IntRange(1), default=1, show_default=True,
              help="Items built in parallel processes.")
@click.option("--theme", type=click.Choice(["light", "dark"]), default="light", show_default=True,
              help="The videos' theme.")
@click.option("--examples", type=click.Path(file_okay=False, exists=True, path_type=Path), hidden=True,
              help="Folder of gallery scripts (default: the repository's gallery/).")
@click.option("--scenes", "scenes_text", hidden=True, help="Only these scenes, comma-separated (\"\": none).")
@click.option("--size", "size_text", hidden=True, help="WIDTHxHEIGHT of the videos (tests).")
@click.option("--fps", type=float, hidden=True, help="Frame rate of the videos (tests).")
def gallery(output, quality, jobs, theme, examples, scenes_text, size_text, fps) -> None:
    """Build the lecture's gallery: index.html by section, videos, pages and figures.

    A rebuild only remakes items whose inputs changed. Prints the path of index.html.

    \b
    Examples:
      nnviz gallery
      nnviz gallery -q h -j 2 -o lecture-site
    """
    from nnviz.gallery import EXAMPLES, BuildOptions, build_gallery, main_summary

    options = BuildOptions(quality=quality, size=parse_size(size_text), fps=fps, theme=theme)
    scenes = None if scenes_text is None else [name for name in scenes_text.split(",") if name.strip()]
    report = build_gallery(output, options=options, jobs=jobs, examples=examples or EXAMPLES, scenes=scenes)
    click.echo(main_summary(report), err=True)
    echo_written(report.index)
    if report.failed:
        details = "; ".join(f"{key}: {message.splitlines()[0]}" for key, message in report.failed.items())
        raise NnvizError(f"{len(report.failed)} gallery item(s) failed ({details})")


@click.command()
def doctor() -> None:
    """Check what nnviz needs: Python, manim, cairo/pango, LaTeX, ffmpeg (PyAV), chromium.

    One line each; a missing piece comes with the command that installs it. Exit status 1 if
    anything is missing.
    """
    from nnviz.doctor import all_required_ok, run_checks

    checks = run_checks()
    for check in checks:
        click.echo(check.line())
    if not all_required_ok(checks):
        raise click.exceptions.Exit(1)


@click.command()
@click.argument("scenes", nargs=-1)
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path),
              default=DEFAULT_OUT / "slides", show_default=True, help="The deck's folder.")
@click.option("-q", "--quality", type=click.Choice(QUALITY_LETTERS), default="l", show_default=True,
              help="manim's quality: l 480p15 … k 2160p60.")
@click.option("--theme", type=click.Choice(["light", "dark"]), default="light", show_default=True)
@click.option("--size", "size_text", hidden=True, help="WIDTHxHEIGHT of the videos (tests).")
@click.option("--fps", type=float, hidden=True, help="Frame rate of the videos (tests).")
def slides(scenes, output, quality, theme, size_text, fps) -> None:
    """A reveal.js deck of the lecture's animations (→ plays the next step), and a PDF handout.

    SCENES: which scenes, in this order (default: all, in lecture order). The deck works offline:
    open index.html in a browser.

    \b
    Examples:
      nnviz slides -q h
      nnviz slides single-hidden-example deep-forward -o deep-deck
    """
    from nnviz.slides import build_slides

    deck = build_slides(output, list(scenes) or None, quality=quality, theme=theme,
                        size=parse_size(size_text), fps=fps)
    click.echo(f"{deck.slides} slides", err=True)
    echo_written(deck.index)
    echo_written(deck.handout)
