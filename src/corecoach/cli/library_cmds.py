"""Commands about the routine library: check, exercises, show."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from corecoach.cli.common import library, reporting, write_output
from corecoach.cli.options import ExerciseArg, ListFormat, RoutinesOpt, complete_equipment
from corecoach.paths import routine_dirs
from corecoach.vocab import EQUIPMENT, Category


def check(
    folder: Annotated[
        Optional[Path],  # noqa: UP045 - typer needs Optional on 3.11
        typer.Argument(metavar="DIR", help="A routine folder to check (default: the shipped "
                       "library plus --routines).", show_default=False),
    ] = None,
    routines: RoutinesOpt = None,
) -> None:
    """Validate routine definitions: every problem, with file, table and key.

    DIR is checked on top of the shipped library, so its rules may refer to shipped
    exercises. Exit 0 and counts per category when clean, 2 otherwise.

    Examples:

      corecoach check

      corecoach check my-routines/
    """
    from corecoach.library.loader import build_catalog
    from corecoach.render.library import render_counts
    from corecoach.resources import routines_dir

    with reporting():
        folders = [routines_dir(), *routine_dirs(routines)]
        if folder is not None:
            folders.append(folder)
        catalog = build_catalog(folders)
        write_output(render_counts(catalog), None)


def exercises(
    category: Annotated[
        Optional[Category],  # noqa: UP045
        typer.Option("--category", "-c", help="Only this category."),
    ] = None,
    equipment: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--equipment", "-e", metavar="KIT,...", show_default=False,
                     autocompletion=complete_equipment,
                     help="Only exercises this equipment allows, comma-separated: "
                     f"{', '.join(EQUIPMENT)}; or none (bodyweight only)."),
    ] = None,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = "text",
    routines: RoutinesOpt = None,
) -> None:
    """Browse the exercise library.

    Examples:

      corecoach exercises --category hinge

      corecoach exercises --equipment mat,band --format json
    """
    from corecoach.cli.console import detect_terminal, emit
    from corecoach.library.browse import filter_exercises
    from corecoach.render.library import render_exercise_list

    with reporting():
        catalog = library(routines)
        found = filter_exercises(catalog, category, equipment, fmt)
        terminal = detect_terminal() if fmt == "text" else None
        emit(render_exercise_list(found, fmt, terminal), document=fmt == "json")


def show(
    exercise_id: ExerciseArg,
    routines: RoutinesOpt = None,
) -> None:
    """Show one exercise: cues, dose ladder, easier and harder neighbours, cautions.

    Example:  corecoach show good-morning-band
    """
    from corecoach.cli.console import detect_terminal, emit
    from corecoach.render.library import render_exercise

    with reporting():
        catalog = library(routines)
        ex = catalog.exercise(exercise_id)
        emit(render_exercise(ex, catalog, detect_terminal()))


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command()(check)
    app.command()(exercises)
    app.command()(show)
