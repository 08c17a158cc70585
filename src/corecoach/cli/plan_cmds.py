"""plan and explain: the main job, and why it looks the way it does."""

# No `from __future__ import annotations`: typer would evaluate the commands' annotation
# strings again (twice) every time `plan` runs.

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal, Optional

import typer

from corecoach.cli.common import library, read_history, reporting, resolve_profile, write_output
from corecoach.cli.options import (
    ExampleOpt,
    PlanFormat,
    RoutinesOpt,
    TodayOpt,
    WeekOpt,
    WeeksChoice,
    complete_exercise,
    today_of,
)
from corecoach.outputs import is_stdout, source_name

if TYPE_CHECKING:
    from corecoach.library.catalog import Catalog
    from corecoach.plan_output import CalendarOptions
    from corecoach.render import Format

__all__ = ["ExampleOpt", "RoutinesOpt", "TodayOpt", "WeekOpt", "explain", "plan", "register"]

FORMAT_HELP = "Output format (default: from -o's extension, else text)."


def _profiles(files: Sequence[Path | str] | None, example: str | None) -> list[Path]:
    from corecoach.resources import example_path

    paths = [Path(f) for f in files or ()]
    if example:
        paths.append(example_path(example))
    if not paths:
        paths.append(resolve_profile(None))
    return paths


def plan(
    # Text, made Paths here: typer builds a pydantic TypeAdapter for every Path value it
    # parses (36 us each), which a coach's batch of 500 profiles would pay 500 times.
    profiles: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Argument(metavar="PROFILE", show_default=False,
                       help="Profile file(s), or - for stdin; default: your saved profile."),
    ] = None,
    example: ExampleOpt = None,
    week: WeekOpt = None,
    fmt: Annotated[
        Optional[PlanFormat],  # noqa: UP045
        typer.Option("--format", "-f", help=FORMAT_HELP, show_default=False),
    ] = None,
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--output", "-o", metavar="PATH",
                     help="Write to this file (a folder for several profiles)."),
    ] = None,
    weeks: Annotated[
        Optional[WeeksChoice],  # noqa: UP045
        typer.Option("--weeks", help="With ics: 'all' exports every week of the program."),
    ] = None,
    time: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--time", metavar="HH:MM", show_default=False,
                     help="With ics: start time of each session [default: 18:30]."),
    ] = None,
    alarm: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--alarm", metavar="DURATION", show_default=False,
                     help="With ics: a reminder this long before each session (15m, 1h)."),
    ] = None,
    routines: RoutinesOpt = None,
    today: TodayOpt = None,
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="With several profiles: no progress, only errors.")] = False,
) -> None:
    """Print the weekly plan for a profile.

    Exit 0 with a plan; 2 for bad input; 3 when the plan is withheld for safety.

    Examples:

      corecoach plan --example road-runner

      corecoach plan me.toml --week 3 --format markdown -o week3.md

      corecoach plan me.toml -o plan.ics --weeks all --alarm 15m

      corecoach plan clients/*.toml -o plans/ --format json
    """
    from corecoach import plan_output as out
    from corecoach.cli.console import detect_terminal, emit
    from corecoach.cli.inputs import is_stdin, load_profile_arg
    from corecoach.errors import ExitCode, InputError

    with reporting():
        calendar = out.calendar_options(time, alarm, weeks)  # checked before any file
        paths = _profiles(profiles, example)
        if sum(is_stdin(p) for p in paths) > 1:
            raise InputError.single("-", "", "stdin can be read once; give - only once")
        chosen = out.plan_format(fmt, output if len(paths) == 1 else None)
        out.only_for_calendar(chosen, weeks=weeks, time=time, alarm=alarm)
        catalog = library(routines)
        when = today_of(today)
        if len(paths) > 1:
            raise typer.Exit(_batch(paths, catalog, out.check_batch_folder(output), chosen,
                                    when, week, calendar, quiet))
        profile, identity = load_profile_arg(paths[0])
        if chosen == "ics":
            profile, note = out.dated_for_calendar(profile, when, source_name(paths[0]))
            if note:
                typer.echo(note, err=True)
        outcome, warning = out.plan_outcome(profile, catalog, when, week,
                                            None if example else paths[0])
        if warning:
            typer.echo(f"warning: {warning}", err=True)
        if outcome.withheld is not None and chosen == "ics":
            # A calendar of nothing helps no one: say why on stderr and write no file.
            typer.echo(out.render_outcome(profile, identity, catalog, outcome, "text"),
                       err=True, nl=False)
            raise typer.Exit(int(ExitCode.WITHHELD))
        to_stdout = is_stdout(output)
        terminal = detect_terminal() if to_stdout and chosen == "text" else None
        text = out.render_outcome(profile, identity, catalog, outcome, chosen, calendar,
                                  terminal)
        if to_stdout:
            emit(text, document=chosen != "text")
        else:
            write_output(text, output, paths)
        if outcome.withheld is not None:
            raise typer.Exit(int(ExitCode.WITHHELD))


def _batch(paths: list[Path], catalog: "Catalog", folder: Path, chosen: "Format",
           when: dt.date, week: int | None, calendar: "CalendarOptions", quiet: bool) -> int:
    """Plan several profiles into a folder (corecoach.plan_output.plan_files), with a
    progress bar on a terminal (cli/progress.py); errors stay visible."""
    from corecoach.cli.inputs import load_profile_arg
    from corecoach.cli.progress import batch_progress
    from corecoach.plan_output import batch_exit_code, plan_files

    results = []
    with batch_progress(len(paths), quiet=quiet) as report:
        planned = plan_files(paths, catalog, folder, chosen, load_profile_arg, when,
                             week=week, calendar=calendar)
        for result in report.each(planned):
            results.append(result)
            for line in result.lines:
                report.problem(line)
            report.failed += result.status in ("failed", "crashed")
            report.withheld += result.status == "withheld"
            if result.made_folder:
                typer.echo(f"note: created the folder {folder}", err=True)
            if result.target is not None:
                report.wrote(result.target)
    return int(batch_exit_code(results))


def explain(
    profile_path: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Argument(metavar="PROFILE", show_default=False,
                       help="Profile file, or - for stdin; default: your saved profile."),
    ] = None,
    example: ExampleOpt = None,
    show_all: Annotated[bool, typer.Option("--all", help="Also the rules that did not fire.")]
    = False,
    exercise: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--exercise", "-e", metavar="ID", autocompletion=complete_exercise,
                     help="Why is this exercise in my plan, or not?"),
    ] = None,
    fmt: Annotated[
        Literal["text", "json"],
        typer.Option("--format", "-f", help="text, or json for scripts and editors."),
    ] = "text",
    week: WeekOpt = None,
    routines: RoutinesOpt = None,
    today: TodayOpt = None,
) -> None:
    """Explain the plan: which rules fired, why, and what each contributed.

    Examples:

      corecoach explain --example road-runner

      corecoach explain me.toml --all

      corecoach explain me.toml --exercise good-morning-bodyweight

      corecoach explain me.toml --format json
    """
    from corecoach.cli.console import detect_terminal, emit
    from corecoach.cli.inputs import load_profile_arg
    from corecoach.coach import explain_for
    from corecoach.errors import ExitCode

    with reporting():
        path = _profiles([profile_path] if profile_path else None, example)[0]
        catalog = library(routines)
        profile, _ = load_profile_arg(path)
        explanation = explain_for(profile, catalog, today_of(today),
                                  read_history(profile, None if example else path), week,
                                  exercise=exercise, show_all=show_all)
        if fmt == "json":
            emit(explanation.model_dump_json(indent=2) + "\n", document=True)
        else:
            from corecoach.render.explain import render_explanation

            emit(render_explanation(explanation, terminal=detect_terminal()))
        if explanation.withheld is not None:
            raise typer.Exit(int(ExitCode.WITHHELD))


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command()(plan)
    app.command()(explain)
