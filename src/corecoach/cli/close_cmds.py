"""`corecoach after`: what follows the program's last week (the profile's ``after``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from corecoach.vocab import After

AFTER_HELP = ("next-block: a new block that starts where the chains ended; maintain: a "
              "smaller dose that keeps them (Big 3 two or three days a week, the hinge twice)")


def after(
    choice: Annotated[After, typer.Argument(metavar="next-block|maintain", help=AFTER_HELP)],
    profile_path: Annotated[Optional[Path], typer.Argument(  # noqa: UP045
        metavar="[PROFILE]", help="Profile file (default: yours).")] = None,
) -> None:
    """Choose what follows the program: writes `after` into the profile, keeping its
    comments.

    Examples:

      corecoach after next-block

      corecoach after maintain me.toml
    """
    from corecoach.cli.common import reporting, resolve_profile
    from corecoach.errors import InputError
    from corecoach.profile import parse_profile
    from corecoach.tomledit import update_profile_text
    from corecoach.tomlio import read_toml_text, write_atomic

    with reporting():
        path = resolve_profile(profile_path)
        text, data = read_toml_text(path)  # read once: checked, then edited in place
        old = parse_profile(data, str(path))
        new = old.model_copy(update={"after": choice})
        try:
            write_atomic(path, update_profile_text(text, old, new))
        except OSError as exc:
            raise InputError.single(str(path), "", f"cannot be written ({exc.strerror})") \
                from None
        typer.echo(f"{path}: after = {choice!r}")


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
    app.command()(after)
