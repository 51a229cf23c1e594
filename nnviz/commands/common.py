"""What every command shares: the default output folder, number types, one-line errors, printing paths.

Commands import this module and the library; nothing here imports a command or ``nnviz.cli``.

    @click.option("-x", "x", type=NumberList(), metavar="7,1,-4")
    @click.option("--hidden", type=IntList(), default="8,8")
    @click.argument("network", type=NETWORK)
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import click

from nnviz.errors import NnvizError, UnknownName
from nnviz.files import DEFAULT_OUT

__all__ = ["DEFAULT_OUT", "LOSS", "NETWORK", "SEED", "Count", "IntList", "Number", "NumberList", "UserError",
           "echo_written", "integers", "numbers", "terminal_text"]


class UserError(click.ClickException):
    """Bad input: one line on stderr, exit status 2."""

    exit_code = 2

    def show(self, file=None) -> None:
        click.echo(f"nnviz: error: {terminal_text(self.format_message(), keep_newlines=False)}", err=True)


# ---- text from a spec reaches the terminal as text, never as control sequences --------------------
_BIDI = {"\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"}


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_text(text: str, keep_newlines: bool = True) -> str:
    r"""``text`` with control characters (ESC, BEL, CR, bidi overrides …) written as escapes.

    >>> terminal_text("net\x1b[2J\a")
    'net\\x1b[2J\\x07'
    """
    keep = "\n\t" if keep_newlines else ""
    if text.isprintable() or all(c.isprintable() or c in keep for c in text):
        return text
    return "".join(_escape(c) if (unicodedata.category(c) in ("Cc", "Zl", "Zp") and c not in keep)
                   or c in _BIDI else c for c in text)


# ---- numbers on the command line --------------------------------------------------------------------
_SPLIT = re.compile(r"[,\s]+")


def _parse_numbers(text: str, what: str) -> list[float]:
    parts = [p for p in _SPLIT.split(text.strip()) if p]
    try:
        values = [float(p) for p in parts]
    except ValueError:
        raise NnvizError(f"{what}: {text!r} is not a list of numbers like 7,1,-4") from None
    if not values:
        raise NnvizError(f"{what}: no numbers given")
    if any(v != v or v in (float("inf"), float("-inf")) for v in values):
        raise NnvizError(f"{what}: {text!r} contains NaN or infinity")
    return values


def numbers(text: str | None, what: str) -> list[float] | None:
    """Parse "7,1,-4" (commas and/or spaces) into finite floats, or fail with one line."""
    return None if text is None else _parse_numbers(text, what)


def integers(text: str, what: str) -> list[int]:
    """Parse "8,8" into positive whole numbers, or fail with one line."""
    values = _parse_numbers(text, what)
    if any(v != int(v) or v < 1 for v in values):
        raise NnvizError(f"{what}: {text!r} must be positive whole numbers like 8,8")
    return [int(v) for v in values]


class NumberList(click.ParamType):
    """An option holding numbers: ``-x 7,1,-4`` (commas and/or spaces); finite, within ``limit``."""

    name = "numbers"

    def __init__(self, limit: float = 1e100):
        self.limit = limit

    def convert(self, value, param, ctx):
        if isinstance(value, list):
            return value
        try:
            values = _parse_numbers(str(value), "")
        except NnvizError as e:
            self.fail(e.message.removeprefix(": "), param, ctx)
        if any(abs(v) > self.limit for v in values):
            self.fail(f"{value!r} has a number beyond ±{self.limit:g}", param, ctx)
        return values


class IntList(click.ParamType):
    """An option holding positive whole numbers: ``--hidden 8,8``."""

    name = "integers"

    def convert(self, value, param, ctx):
        if isinstance(value, list):
            return value
        try:
            return integers(str(value), "")
        except NnvizError as e:
            self.fail(e.message.removeprefix(": "), param, ctx)


class Number(click.ParamType):
    """A finite number in a range: ``Number(0, 1e3, min_open=True)`` is (0, 1000]."""

    name = "number"

    def __init__(self, minimum: float | None = None, maximum: float | None = None, *, min_open: bool = False,
                 explain: str = ""):
        self.minimum, self.maximum, self.min_open, self.explain = minimum, maximum, min_open, explain

    def convert(self, value, param, ctx):
        if isinstance(value, float):
            number = value
        else:
            try:
                number = float(value)
            except (TypeError, ValueError):
                self.fail(f"{value!r} is not a number", param, ctx)
        if number != number or number in (float("inf"), float("-inf")):
            self.fail(f"{value!r} is not a finite number", param, ctx)
        low = self.minimum is not None and (number <= self.minimum if self.min_open else number < self.minimum)
        high = self.maximum is not None and number > self.maximum
        if low or high:
            self.fail(f"{value!r} is not in {self._range()}{self.explain}", param, ctx)
        return number

    def _range(self) -> str:
        left = "(" if self.min_open else "["
        low = "-∞" if self.minimum is None else f"{self.minimum:g}"
        high = "∞)" if self.maximum is None else f"{self.maximum:g}]"
        return f"{left}{low}, {high}"


class Count(click.ParamType):
    """A whole number ≥ ``minimum`` (and ≤ ``maximum``); ``1e4`` is accepted as 10000."""

    name = "integer"

    def __init__(self, minimum: int = 1, maximum: int | None = None):
        self.minimum, self.maximum = minimum, maximum

    def convert(self, value, param, ctx):
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        else:
            text = str(value).strip().replace("_", "")
            try:
                number = int(text)
            except ValueError:
                try:
                    as_float = float(text)
                except ValueError:
                    as_float = float("nan")
                if not (as_float == as_float and abs(as_float) < 2**63 and as_float.is_integer()):
                    self.fail(f"{value!r} is not a whole number", param, ctx)
                number = int(as_float)
        if number < self.minimum or (self.maximum is not None and number > self.maximum):
            bound = f"≥ {self.minimum}" if self.maximum is None else f"in {self.minimum}..{self.maximum}"
            self.fail(f"{value} is not {bound}", param, ctx)
        return number


SEED = Count(0, 2**63 - 1)
"""A random seed: a whole number ≥ 0 (NumPy's generators take no negative seeds)."""


# ---- network names, with shell completion ---------------------------------------------------------
SPEC_SUFFIXES = (".toml", ".json", ".onnx")


class NetworkName(click.ParamType):
    """A built-in network's name or a spec file; completes both in the shell (no heavy import)."""

    name = "network"

    def convert(self, value, param, ctx):
        return value

    def shell_complete(self, ctx, param, incomplete):
        from click.shell_completion import CompletionItem

        from nnviz.engine.spec import builtin_networks

        items = [CompletionItem(name) for name in builtin_networks() if name.startswith(incomplete)]
        folder, sep, prefix = incomplete.rpartition("/")
        base = Path(folder + sep) if sep else Path(".")
        try:
            entries = sorted(base.iterdir()) if base.is_dir() else []
        except OSError:
            entries = []
        for entry in entries:
            if not entry.name.startswith(prefix) or (entry.name.startswith(".") and not prefix.startswith(".")):
                continue
            shown = f"{folder}{sep}{entry.name}"
            if entry.is_dir():
                items.append(CompletionItem(shown + "/"))
            elif entry.suffix.lower() in SPEC_SUFFIXES:
                items.append(CompletionItem(shown))
        return items


NETWORK = NetworkName()


class LossName(click.ParamType):
    """A loss by name or alias (``bce``, ``mse`` …), checked against the engine's registry."""

    name = "loss"

    def convert(self, value, param, ctx):
        from nnviz.engine.losses import LOSSES, get_loss

        try:
            return get_loss(str(value)).name
        except UnknownName:
            self.fail(f"unknown loss {value!r}; expected one of {', '.join(LOSSES)}", param, ctx)

    def shell_complete(self, ctx, param, incomplete):
        from click.shell_completion import CompletionItem

        from nnviz.engine.losses import LOSSES

        return [CompletionItem(name) for name in LOSSES if name.startswith(incomplete)]


LOSS = LossName()


def echo_written(path: Path | str) -> None:
    """Every command prints the path of every file it wrote, one per line."""
    click.echo(terminal_text(str(path), keep_newlines=False))
