"""Commands about profile files: validate, schema, examples."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from corecoach.cli.common import reporting
from corecoach.cli.options import ListFormat
from corecoach.schemas import SCHEMAS


def _complete_schema(incomplete: str) -> list[str]:
    return [name for name in SCHEMAS if name.startswith(incomplete)]


def validate(
    files: Annotated[
        list[str],  # made Paths below: typer would build a TypeAdapter per Path value
        typer.Argument(metavar="FILE", help="Profile files to check, or - for stdin."),
    ],
    fmt: Annotated[
        ListFormat,
        typer.Option("--format", "-f", help="text, or json for editors and CI."),
    ] = "text",
) -> None:
    """Check profile files; report every problem, one line each.

    Exit 0 when every file is valid, 2 when any is not. With --format json, stdout holds
    {"format": 1, "valid": ..., "files": [{"file", "valid", "problems": [{"key",
    "message"}]}]} (`corecoach schema validate`).

    Examples:

      corecoach validate me.toml clients/*.toml

      cat me.toml | corecoach validate - --format json
    """
    import json

    from corecoach.cli.console import emit, emit_error
    from corecoach.cli.inputs import load_profile_arg
    from corecoach.profile_files import check_profiles, validation_report

    with reporting():
        checks = check_profiles([Path(f) for f in files],
                                lambda path: load_profile_arg(path)[0])
        if fmt == "json":
            emit(json.dumps(validation_report(checks), indent=2, ensure_ascii=False) + "\n",
                 document=True)
        else:
            for check in checks:
                if check.error is None:
                    emit(f"ok: {check.source}")
                for line in check.error.lines() if check.error else ():
                    emit_error(line)
    if not all(check.valid for check in checks):
        raise typer.Exit(2)


def schema(
    name: Annotated[
        Optional[str],  # noqa: UP045 - typer needs Optional on 3.11
        typer.Argument(metavar="NAME", autocompletion=_complete_schema, show_default=False,
                       help=f"Which schema: {', '.join(SCHEMAS)} (default: profile)."),
    ] = None,
    plan: Annotated[
        bool, typer.Option("--plan", help="The schema of `plan --format json` (= NAME plan).")
    ] = False,
) -> None:
    """Print a JSON Schema: of the profile file, or of the plan JSON.

    Examples:

      corecoach schema > corecoach-profile.schema.json

      corecoach schema --plan > corecoach-plan.schema.json
    """
    import json

    from corecoach.cli.console import emit
    from corecoach.errors import InputError
    from corecoach.suggest import suggest

    with reporting():
        if plan and name not in (None, "plan"):
            raise InputError.single("--plan", "", f"names the plan schema; drop {name!r} "
                                    "or --plan")
        chosen = "plan" if plan else (name or "profile")
        if chosen not in SCHEMAS:
            hint = suggest(chosen, SCHEMAS)
            extra = f"; did you mean {hint!r}?" if hint else ""
            raise InputError.single("NAME", "", f"{chosen!r} is not allowed (allowed: "
                                    f"{', '.join(SCHEMAS)}{extra})")
        emit(json.dumps(SCHEMAS[chosen].build(), indent=2, ensure_ascii=False) + "\n",
             document=True)


def examples() -> None:
    """List the bundled example profiles.

    Example:  corecoach examples
    """
    from corecoach.cli.console import detect_terminal, emit
    from corecoach.render.terminal import summary_text
    from corecoach.resources import example_names, example_summary

    rows = [(name, example_summary(name)) for name in example_names()]
    emit(summary_text(rows, detect_terminal(), gap=2))


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command()(validate)
    app.command()(schema)
    app.command()(examples)
