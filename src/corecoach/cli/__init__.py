"""The corecoach command line: a thin typer shell over the core.

Heavy modules (pydantic models, rich, the library) are imported inside the commands so that
``corecoach --help`` and shell completion stay fast.
"""

from __future__ import annotations

from typing import Annotated

import typer

from corecoach import __version__

app = typer.Typer(
    name="corecoach",
    help="A safe, explained, progressive weekly plan of core, hinge, flexibility, mobility "
    "and breathing work, from your activity profile.\n\n"
    "Example:  corecoach plan --example road-runner",
    no_args_is_help=True,
    add_completion=False,
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
    for name in ("library_cmds", "plan_cmds", "init_cmd"):
        try:
            module = __import__(f"corecoach.cli.{name}", fromlist=["register"])
        except ModuleNotFoundError as exc:
            if exc.name != f"corecoach.cli.{name}":
                raise
            continue
        module.register(app)


_register()


def main() -> None:
    """Console-script entry point."""
    app()
