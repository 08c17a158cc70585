"""completion: the shell's TAB-completion script, printed or installed."""

from __future__ import annotations

from typing import Annotated, Literal

import typer

from corecoach.cli.common import reporting


def completion(
    shell: Annotated[Literal["bash", "zsh", "fish"], typer.Argument(
        metavar="SHELL", help="bash, zsh or fish.", show_default=False)],
    install: Annotated[bool, typer.Option(
        "--install", help="Add it to the shell's start-up files instead of printing it.")]
    = False,
) -> None:
    """Print the TAB-completion script for a shell, or install it with --install.

    Completes commands, options, their choices, example names and exercise ids.

    Examples:

      corecoach completion bash --install

      corecoach completion zsh > ~/.zfunc/_corecoach
    """
    from corecoach.cli.typer_private import completion_script, install_completion

    with reporting():
        if install:
            path = install_completion(shell)
            typer.echo(f"installed {shell} completion in {path}; it works in new shells")
        else:
            typer.echo(completion_script(shell))


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command()(completion)
