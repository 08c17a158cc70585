"""The few names corecoach needs from typer's vendored click, which typer does not export.

typer >= 0.26 vendors click as ``typer._click``; its usage errors, help formatter and
short-help helper are reachable only there. Keeping every such import in this one module
means a typer upgrade that moves them breaks here, in one place, and
tests/cli/test_typer_private.py says so.
"""

from __future__ import annotations

from pathlib import Path

from typer._click.core import Command, Context
from typer._click.exceptions import (
    BadParameter,
    ClickException,
    MissingParameter,
    NoArgsIsHelpError,
    UsageError,
)
from typer._click.formatting import HelpFormatter
from typer._click.utils import make_default_short_help

__all__ = [
    "BadParameter",
    "ClickException",
    "Command",
    "Context",
    "HelpFormatter",
    "MissingParameter",
    "NoArgsIsHelpError",
    "UsageError",
    "completion_script",
    "install_completion",
    "make_default_short_help",
]


def completion_script(shell: str, prog_name: str = "corecoach") -> str:
    """The TAB-completion script typer writes for ``shell`` (bash, zsh, fish)."""
    from typer._completion_classes import completion_init
    from typer._completion_shared import get_completion_script

    completion_init()
    return get_completion_script(prog_name=prog_name, shell=shell,
                                 complete_var=f"_{prog_name.upper()}_COMPLETE")


def install_completion(shell: str, prog_name: str = "corecoach") -> Path:
    """Install the completion script for ``shell`` where typer puts it (it names no shell
    of its own, so no shell needs to be among the program's parents); the file written."""
    from typer._completion_classes import completion_init
    from typer._completion_shared import install

    completion_init()
    _, path = install(shell=shell, prog_name=prog_name,
                      complete_var=f"_{prog_name.upper()}_COMPLETE")
    return path
