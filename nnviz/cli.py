"""The `nnviz` command: a thin shell over the library. Heavy imports happen inside the commands.

    nnviz networks
    nnviz trace deep -x 7,1,-4 --target 0 --format latex
    nnviz train circles --hidden 8,8 -o net.json

The commands live in ``nnviz/commands/``; what they share (options, parsing, one-line errors) is in
``nnviz/commands/common.py``.
"""

from __future__ import annotations

import click

from nnviz.commands import COMMANDS
from nnviz.commands.common import DEFAULT_OUT, UserError, echo_written, integers, numbers
from nnviz.errors import NnvizError


class NnvizGroup(click.Group):
    """Turns NnvizError into one clear line; a traceback only with --debug."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except NnvizError as e:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            raise UserError(str(e)) from None
        except (click.ClickException, click.exceptions.Exit, click.Abort, KeyboardInterrupt):
            raise
        except Exception as e:  # a bug, not bad input: still one line, and how to see more
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"nnviz: internal error: {type(e).__name__}: {e} (run with --debug for the "
                       "traceback)", err=True)
            ctx.exit(1)


@click.group(cls=NnvizGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show the full traceback on errors.")
@click.version_option(package_name="nnviz")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """nnviz: the lecture "What is deep learning?" as animations, pages and slide figures.

    \b
    Examples:
      nnviz networks
      nnviz trace deep --target 0
      nnviz render single-hidden-example -q l
      nnviz gallery
    """
    ctx.ensure_object(dict)["debug"] = debug


for _command in COMMANDS:
    cli.add_command(_command)


def main() -> None:
    from nnviz.runtime import keep_freed_memory

    keep_freed_memory()  # traces free many arrays at once: recycle them (benchmarks/engine.py)
    cli(prog_name="nnviz")


if __name__ == "__main__":
    main()

__all__ = ["DEFAULT_OUT", "NnvizError", "UserError", "cli", "echo_written", "integers", "main", "numbers"]
