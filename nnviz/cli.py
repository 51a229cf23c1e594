"""The `nnviz` command: a thin shell over the library. Heavy imports happen inside the commands.

    nnviz networks
    nnviz trace deep -x 7,1,-4 --target 0 --format latex
    nnviz train circles --hidden 8,8 -o net.json

The commands live in ``nnviz/commands/``; what they share (options, parsing, one-line errors) is in
``nnviz/commands/common.py``. Whatever goes wrong ends the same way: bad input is one line
``nnviz: error: …`` and exit status 2; Ctrl-C is exit status 130; a bug is one line and exit 1.
"""

from __future__ import annotations

import errno
import sys

import click

from nnviz.commands import COMMANDS
from nnviz.commands.common import DEFAULT_OUT, UserError, echo_written, integers, numbers, terminal_text
from nnviz.errors import NnvizError

INTERRUPTED = 130  # 128 + SIGINT, what a shell reports for a program stopped by Ctrl-C


class NnvizGroup(click.Group):
    """Turns every way a command can end into the house's form: one line, the right exit status."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.Exit as e:  # --help, --version, or ctx.exit(n)
            sys.exit(e.exit_code)
        except click.exceptions.NoArgsIsHelpError as e:  # `nnviz` alone: the help, as click shows it
            e.show()
            sys.exit(UserError.exit_code)
        except click.ClickException as e:  # click's own usage errors, and ours (UserError)
            usage_error(e).show()
            sys.exit(UserError.exit_code)
        except click.Abort as e:  # click turns Ctrl-C (and EOF at a prompt) into Abort
            interrupted = isinstance(e.__cause__, KeyboardInterrupt)
            click.echo("nnviz: interrupted" if interrupted else "nnviz: aborted", err=True)
            sys.exit(INTERRUPTED if interrupted else 1)
        except KeyboardInterrupt:
            click.echo("nnviz: interrupted", err=True)
            sys.exit(INTERRUPTED)
        except OSError as e:
            if e.errno != errno.EPIPE:  # `nnviz trace deep | head`: the reader left, that is fine
                raise
            sys.stderr.close()
            sys.exit(0)
        sys.exit(result if type(result) is int else 0)

    def invoke(self, ctx: click.Context):
        import numpy as np

        def debug() -> bool:  # the group's callback sets it, inside super().invoke
            return bool(ctx.obj and ctx.obj.get("debug"))

        try:
            # Overflow is checked where results leave the library (one line), not printed as warnings.
            with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
                return super().invoke(ctx)
        except NnvizError as e:
            if debug():
                raise
            raise UserError(self._flag_message(ctx, e)) from None
        except (click.ClickException, click.exceptions.Exit, click.Abort, KeyboardInterrupt):
            raise
        except OSError as e:  # the system refused a file: bad input or environment, not a bug
            if debug() or e.errno == errno.EPIPE:
                raise
            where = f"{e.filename}: " if e.filename else ""
            raise UserError(f"{where}{(e.strerror or str(e)).lower()}") from None
        except RecursionError:
            if debug():
                raise
            raise UserError("the input is nested too deeply to read") from None
        except Exception as e:  # a bug, not bad input: still one line, and how to see more
            if debug():
                raise
            first = (str(e).strip().splitlines() or [""])[0]
            message = terminal_text(f"{type(e).__name__}: {first[:300]}", keep_newlines=False)
            click.echo(f"nnviz: internal error: {message} (run with --debug for the traceback)", err=True)
            ctx.exit(1)

    def _flag_message(self, ctx: click.Context, error: NnvizError) -> str:
        """The library names the parameter (``directions``); the user typed a flag (``--directions``)."""
        if not error.parameter:
            return str(error)
        command = self.get_command(ctx, ctx.invoked_subcommand or "")
        return f"{flag_for(command, error.parameter)}: {error.message}"


def flag_for(command: click.Command | None, parameter: str) -> str:
    """The flag (``--directions``) or argument (``NETWORK``) of ``command`` that sets ``parameter``."""
    wanted = parameter.replace("_", "-")
    for param in command.params if command else []:
        names = [param.name or "", *(opt.lstrip("-") for opt in param.opts)]
        if param.name == parameter or wanted in names or f"{parameter}_text" == param.name:
            if isinstance(param, click.Argument):
                return param.human_readable_name
            return max(param.opts, key=len)
    return parameter


def usage_error(error: click.ClickException) -> UserError:
    """Click's errors ("Error: Invalid value for '--steps'…", plus usage lines) as one nnviz line."""
    if isinstance(error, UserError):
        return error
    message = " ".join(error.format_message().split()).rstrip(".").replace(". (Did you mean", " (did you mean")
    if message[1:2].islower():  # "Invalid value …" → "invalid value …", as nnviz's own lines read
        message = message[0].lower() + message[1:]
    if isinstance(error, click.UsageError) and error.ctx is not None:
        message += f" (see `{error.ctx.command_path} --help`)"
    return UserError(message)


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

    \b
    Shell completion (commands, options, scene and network names):
      eval "$(_NNVIZ_COMPLETE=bash_source nnviz)"   # in ~/.bashrc (zsh_source, fish_source)
    """
    ctx.ensure_object(dict)["debug"] = debug


for _command in COMMANDS:
    cli.add_command(_command)


def main() -> None:
    from nnviz.runtime import keep_freed_memory, quiet_libraries

    keep_freed_memory()  # traces free many arrays at once: recycle them (benchmarks/engine.py)
    quiet_libraries()  # nnviz prints what it wrote and its errors, not matplotlib's log lines
    cli(prog_name="nnviz")


if __name__ == "__main__":
    main()

__all__ = ["DEFAULT_OUT", "NnvizError", "UserError", "cli", "echo_written", "integers", "main", "numbers"]
