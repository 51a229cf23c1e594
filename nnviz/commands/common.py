"""What every command shares: the default output folder, number parsing, one-line errors, printing paths.

Commands import this module and the library; nothing here imports a command or ``nnviz.cli``.
"""

from __future__ import annotations

from pathlib import Path

import click

from nnviz.errors import NnvizError

DEFAULT_OUT = Path("nnviz-out")


class UserError(click.ClickException):
    """Bad input: one line on stderr, exit status 2."""

    exit_code = 2

    def show(self, file=None) -> None:
        click.echo(f"nnviz: error: {self.format_message()}", err=True)


def numbers(text: str | None, what: str) -> list[float] | None:
    """Parse "7,1,-4" (commas and/or spaces) into floats, or fail with one line."""
    if text is None:
        return None
    parts = [p for p in text.replace(",", " ").split() if p]
    try:
        values = [float(p) for p in parts]
    except ValueError:
        raise NnvizError(f"{what}: {text!r} is not a list of numbers like 7,1,-4") from None
    if not values:
        raise NnvizError(f"{what}: no numbers given")
    if any(v != v or v in (float("inf"), float("-inf")) for v in values):
        raise NnvizError(f"{what}: {text!r} contains NaN or infinity")
    return values


def integers(text: str, what: str) -> list[int]:
    values = numbers(text, what)
    if any(v != int(v) or v < 1 for v in values):
        raise NnvizError(f"{what}: {text!r} must be positive whole numbers like 8,8")
    return [int(v) for v in values]


def echo_written(path: Path | str) -> None:
    """Every command prints the path of every file it wrote, one per line."""
    click.echo(str(path))


