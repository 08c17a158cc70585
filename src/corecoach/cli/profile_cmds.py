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


def _shared_in_journal(profile_id: str, path: Path) -> None:
    """An InputError when the journal saw another file, still with this id, log under it:
    a copied profile whose entries mix with the original's."""
    from corecoach.errors import InputError
    from corecoach.journal import may_exist
    from corecoach.paths import default_journal_path

    journal = default_journal_path()
    if not may_exist(journal):
        return
    from corecoach.journal.store import other_file_for_id

    other = other_file_for_id(journal, profile_id, str(path.resolve()))
    if other is not None:
        raise InputError.single(str(path), "id", f"{profile_id!r} is also the id of {other}, "
                                "which logs under it in the journal: their entries mix (give "
                                "the copy an id of its own: corecoach log COPY --new-id ...)")


def validate(
    files: Annotated[
        list[Path],
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
    from corecoach.cli.inputs import STDIN_SOURCE, is_stdin, load_profile_arg
    from corecoach.errors import InputError

    results: list[dict[str, object]] = []
    ids: dict[str, str] = {}  # the id keys the journal: two files sharing one mix entries
    with reporting():
        for path in files:
            source = STDIN_SOURCE if is_stdin(path) else str(path)
            try:
                profile, _ = load_profile_arg(path)
                if profile.id is not None and profile.id in ids:
                    raise InputError.single(source, "id", f"{profile.id!r} is also the id of "
                                            f"{ids[profile.id]} (ids key the journal; give "
                                            "one a new id)")
                if profile.id is not None:
                    ids[profile.id] = source
                    if not is_stdin(path):
                        _shared_in_journal(profile.id, path)
            except InputError as exc:
                problems = [{"key": p.key, "message": p.message} for p in exc.problems]
                results.append({"file": source, "valid": False, "problems": problems})
                if fmt == "text":
                    for line in exc.lines():
                        emit_error(line)
            else:
                results.append({"file": source, "valid": True, "problems": []})
                if fmt == "text":
                    emit(f"ok: {source}")
        valid = all(r["valid"] for r in results)
        if fmt == "json":
            from corecoach.output_schemas import OUTPUT_FORMAT

            report = {"format": OUTPUT_FORMAT, "valid": valid, "files": results}
            emit(json.dumps(report, indent=2, ensure_ascii=False) + "\n", document=True)
    if not valid:
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
