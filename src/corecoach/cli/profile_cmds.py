"""Commands about profile files: validate, schema, examples."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from corecoach.cli.common import reporting


def validate(
    files: Annotated[list[Path], typer.Argument(help="Profile files to check.")],
) -> None:
    """Check profile files; report every problem, one line each.

    Exit 0 when every file is valid, 2 when any is not.

    Example:  corecoach validate me.toml clients/*.toml
    """
    from corecoach.errors import InputError
    from corecoach.profile import load_profile

    failed = False
    with reporting():
        for path in files:
            try:
                load_profile(path)
            except InputError as exc:
                failed = True
                for line in exc.lines():
                    typer.echo(f"error: {line}", err=True)
            else:
                typer.echo(f"ok: {path}")
    if failed:
        raise typer.Exit(2)


def schema() -> None:
    """Print the JSON Schema of the profile file.

    Example:  corecoach schema > corecoach-profile.schema.json
    """
    import json

    from corecoach.profile import profile_json_schema

    typer.echo(json.dumps(profile_json_schema(), indent=2))


def examples() -> None:
    """List the bundled example profiles.

    Example:  corecoach examples
    """
    from corecoach.resources import example_names, example_summary

    for name in example_names():
        typer.echo(f"{name:<14} {example_summary(name)}")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command()(validate)
    app.command()(schema)
    app.command()(examples)
