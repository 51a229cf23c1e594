"""`nnviz gallery`, `nnviz slides`, `nnviz doctor`: the lecture as a site, as a deck, and what it needs."""

from __future__ import annotations

import contextlib
from pathlib import Path

import click

from nnviz.commands.common import DEFAULT_OUT, echo_written
from nnviz.commands.render import QUALITY_LETTERS, parse_size
from nnviz.errors import NnvizError

HANDOUTS = {"1080p": 1080, "720p": 720, "480p": 480}
handout_option = click.option("--handout", "handout", type=click.Choice(list(HANDOUTS)), default="1080p",
                              show_default=True, help="Size of the handout's pages and the slide stills.")
quiet_option = click.option("--quiet", is_flag=True, help="No progress bar (it shows only on a terminal anyway).")


@contextlib.contextmanager
def interruptible():
    """Ctrl-C: the partial files are gone (the builders clean up), one line, exit status 130."""
    try:
        yield
    except KeyboardInterrupt:
        click.echo("nnviz: interrupted", err=True)
        raise click.exceptions.Exit(130) from None


@click.command()
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path),
              default=DEFAULT_OUT / "gallery", show_default=True, help="The site's folder.")
@click.option("-q", "--quality", type=click.Choice(QUALITY_LETTERS), default="l", show_default=True,
              help="manim's quality for the videos: l 480p15 … k 2160p60.")
@click.option("-j", "--jobs", type=click.IntRange(1), default=1, show_default=True,
              help="Items built in parallel processes.")
@click.option("--theme", type=click.Choice(["light", "dark"]), default="light", show_default=True,
              help="The site's theme: its pages, videos and deck.")
@click.option("--deck/--no-deck", default=True, show_default=True,
              help="Also the deck of the scenes (deck/index.html) and its handout.")
@handout_option
@click.option("--list", "list_only", is_flag=True, help="Only list the items (kind:name, section, title).")
@quiet_option
@click.option("--examples", type=click.Path(file_okay=False, exists=True, path_type=Path), hidden=True,
              help="Folder of gallery scripts (default: the installed nnviz.examples).")
@click.option("--scenes", "scenes_text", hidden=True, help="Only these scenes, comma-separated (\"\": none).")
@click.option("--size", "size_text", hidden=True, help="WIDTHxHEIGHT of the videos (tests).")
@click.option("--fps", type=float, hidden=True, help="Frame rate of the videos (tests).")
def gallery(output, quality, jobs, theme, deck, handout, list_only, quiet, examples, scenes_text, size_text,
            fps) -> None:
    """Build the lecture's gallery: index.html by section, videos, pages, figures and the deck.

    A rebuild only remakes items whose inputs changed. Prints the path of every file written,
    index.html last.

    \b
    Examples:
      nnviz gallery -j 2
      nnviz gallery -q h -j 2 --theme dark -o lecture-site
      nnviz gallery --list
    """
    from nnviz.gallery import BuildOptions, build_gallery, gallery_items, main_summary

    scenes = None if scenes_text is None else [name for name in scenes_text.split(",") if name.strip()]
    if list_only:
        for item in gallery_items(examples or True, scenes):
            click.echo(f"{item.key}\t{item.section}\t{item.title}")
        return
    options = BuildOptions(quality=quality, size=parse_size(size_text), fps=fps, theme=theme,
                           handout=HANDOUTS[handout])
    with interruptible():
        report = build_gallery(output, options=options, jobs=jobs, examples=examples or True, scenes=scenes,
                               deck=deck, progress=False if quiet else None)
    click.echo(main_summary(report), err=True)
    for path in report.written:
        echo_written(path)
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
              help="manim's quality of the slide videos: l 480p15 … k 2160p60.")
@click.option("--theme", type=click.Choice(["light", "dark"]), default="light", show_default=True)
@handout_option
@quiet_option
@click.option("--size", "size_text", hidden=True, help="WIDTHxHEIGHT of the videos (tests).")
@click.option("--fps", type=float, hidden=True, help="Frame rate of the videos (tests).")
def slides(scenes, output, quality, theme, handout, quiet, size_text, fps) -> None:
    """A reveal.js deck of the lecture's animations that stops at every step, and a PDF handout.

    SCENES: which scenes, in this order (default: all, in lecture order). → plays the next step;
    S opens the speaker notes (each step's words). The handout has one page per slide, its last
    frame. The deck works offline: open index.html in a browser. Only the deck's own files in the
    folder are written; nothing else there is changed.

    \b
    Examples:
      nnviz slides
      nnviz slides single-hidden-example deep-forward -o deep-deck --handout 720p
    """
    from nnviz.slides import build_slides

    with interruptible():
        deck = build_slides(output, list(scenes) or None, quality=quality, theme=theme, size=parse_size(size_text),
                            fps=fps, handout=HANDOUTS[handout], progress=False if quiet else None)
    click.echo(f"{deck.slides} slides", err=True)
    for path in deck.written:
        echo_written(path)
