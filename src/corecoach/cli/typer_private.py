"""The few names corecoach needs from typer's vendored click, which typer does not export.

typer >= 0.26 vendors click as ``typer._click``; its usage errors, help formatter and
short-help helper are reachable only there. Keeping every such import in this one module
means a typer upgrade that moves them breaks here, in one place, and
tests/cli/test_typer_private.py says so.
"""

from __future__ import annotations

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
    "make_default_short_help",
]
