"""The corecoach command line: a thin typer shell over the core.

Heavy modules (pydantic models, rich, the library) are imported inside the commands so that
``corecoach --help`` and shell completion (which re-runs the program on every TAB) stay fast.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer

# typer vendors click; its usage errors are only reachable under this private name.
from typer._click.exceptions import ClickException, NoArgsIsHelpError
from typer.core import TyperArgument, TyperGroup

from corecoach import __version__


def _argument_type(self: TyperArgument, ctx: object) -> str | None:
    """An argument's help shows its name and words, never a Python type (``<list[Path]>``)."""
    return None


# typer has no per-argument switch for the type it prints after an argument's name.
setattr(TyperArgument, "display_type_rich", _argument_type)  # noqa: B010


class CorecoachGroup(TyperGroup):
    """The root command: typer's own usage errors print in corecoach's error style."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             windows_expand_args: bool = True, **extra: Any) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode,
                                windows_expand_args, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, windows_expand_args,
                                **extra)
        except NoArgsIsHelpError as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except ClickException as exc:  # usage errors and the rest: one line, their exit code
            from corecoach.cli.usage_errors import usage_error_line

            typer.echo(f"error: {usage_error_line(exc)}", err=True)
            sys.exit(exc.exit_code)
        except typer.Abort:
            typer.echo("\ninterrupted; nothing was written", err=True)
            sys.exit(130)
        sys.exit(code if isinstance(code, int) else 0)


app = typer.Typer(
    name="corecoach",
    cls=CorecoachGroup,
    help="A safe, explained, progressive weekly plan of core, hinge, flexibility, mobility "
    "and breathing work, from your activity profile.\n\n"
    "Example:  corecoach plan --example road-runner",
    no_args_is_help=True,
    # `corecoach --install-completion` sets up TAB completion of commands, options, their
    # choices, example names and exercise ids (bash, zsh, fish, PowerShell).
    add_completion=True,
    # Plain help keeps `--help` fast (rich help pulls in markdown rendering) and the
    # tracebacks of real bugs plain.
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"corecoach {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """A safe, explained, progressive weekly plan from your activity profile."""


def _register() -> None:
    from corecoach.cli import profile_cmds

    profile_cmds.register(app)
    for name in ("library_cmds", "plan_cmds", "init_cmd", "paths_cmd"):
        try:
            module = __import__(f"corecoach.cli.{name}", fromlist=["register"])
        except ModuleNotFoundError as exc:
            if exc.name != f"corecoach.cli.{name}":
                raise
            continue
        module.register(app)


_register()


def main() -> None:
    """Console-script entry point (also `python -m corecoach`: same name, same completion)."""
    app(prog_name="corecoach")
