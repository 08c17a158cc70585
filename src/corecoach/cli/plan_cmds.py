"""plan and explain: the main job, and why it looks the way it does."""

# No `from __future__ import annotations`: typer would evaluate the commands' annotation
# strings again (twice) every time `plan` runs.

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal, Optional

import typer

from corecoach.cli.common import (
    journal_inputs,
    library,
    read_history,
    reporting,
    resolve_profile,
    write_generated,
    write_output,
)
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
from corecoach.outputs import file_ids, is_stdout

if TYPE_CHECKING:
    from corecoach.library.catalog import Catalog
    from corecoach.planner import PlanOutcome
    from corecoach.profile import Profile
    from corecoach.render import Format
    from corecoach.render.terminal import Terminal

__all__ = ["ExampleOpt", "RoutinesOpt", "TodayOpt", "WeekOpt", "explain", "plan", "register"]

FORMAT_HELP = "Output format (default: from -o's extension, else text)."


def _profiles(files: list[Path] | None, example: str | None) -> list[Path]:
    from corecoach.resources import example_path

    paths = list(files or [])
    if example:
        paths.append(example_path(example))
    if not paths:
        paths.append(resolve_profile(None))
    return paths


def _format(fmt: "Format | None", output: Path | None) -> "Format":
    from corecoach.errors import InputError
    from corecoach.render import EXTENSIONS

    if fmt is not None:
        return fmt
    if output is None or is_stdout(output) or os.path.isdir(output):
        return "text"  # a folder is refused when it is written, with its own message
    suffix = output.suffix.lower()
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    raise InputError.single(str(output), "", f"{suffix or 'no extension'} is not a plan "
                            f"format's extension (allowed: {', '.join(EXTENSIONS)}); "
                            "or give --format")


def _outcome(profile: "Profile", catalog: "Catalog", week: int | None,
             when: dt.date, path: Path | None = None) -> "PlanOutcome":
    """Plan for ``when`` through the front door, with the journal of the profile at ``path``
    (None: an example, which has no journal)."""
    from corecoach.coach import plan_for

    history, state = journal_inputs(profile, path, when, catalog)
    return plan_for(profile, catalog, when, history, week, state=state)


def _dated_for_calendar(profile: "Profile", when: dt.date, source: str) -> "Profile":
    """A profile without ``start`` gets the coming Monday for a calendar, said on stderr."""
    if profile.start is not None:
        return profile
    from corecoach.days import coming_monday

    monday = coming_monday(when)
    typer.echo(f"note: {source}: no start date; the calendar starts on Monday {monday} "
               "(set start = YYYY-MM-DD in the profile to choose)", err=True)
    return profile.model_copy(update={"start": monday})


@dataclass(frozen=True)
class _CalendarOptions:
    """What only ics uses: start time, reminder, every week or one."""

    time: str
    alarm: dt.timedelta | None
    all_weeks: bool


def _render(profile: "Profile", identity: str, catalog: "Catalog", outcome: "PlanOutcome",
            fmt: "Format", calendar: _CalendarOptions, terminal: "Terminal | None") -> str:
    from corecoach.render import render_plans, render_withheld

    term = terminal
    if term is None and fmt == "text":
        from corecoach.render.terminal import Terminal

        term = Terminal()
    if outcome.plan is None:
        assert outcome.withheld is not None
        return render_withheld(outcome.withheld, fmt, terminal=term)
    if fmt != "ics":
        return render_plans([outcome.plan], fmt, terminal=term)
    from corecoach.render.ics import calendar_key

    plans = [outcome.plan]
    if calendar.all_weeks:
        from corecoach.planner import plan_weeks

        plans = [o.plan for o in plan_weeks(profile, catalog) if o.plan is not None]
    return render_plans(plans, fmt, start_time=calendar.time,
                        calendar_key=calendar_key(profile.id, identity), alarm=calendar.alarm)


def plan(
    profiles: Annotated[
        Optional[list[Path]],  # noqa: UP045
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
    from corecoach.cli.console import detect_terminal, emit
    from corecoach.cli.inputs import is_stdin, load_profile_arg
    from corecoach.errors import ExitCode, InputError
    with reporting():
        reminder = None
        if time is not None or alarm is not None:  # a calendar's options: checked first
            from corecoach.render.ics import parse_alarm, parse_start_time

            if time is not None:
                parse_start_time(time)
            reminder = parse_alarm(alarm) if alarm is not None else None
        paths = _profiles(profiles, example)
        if sum(is_stdin(p) for p in paths) > 1:
            raise InputError.single("-", "", "stdin can be read once; give - only once")
        chosen = _format(fmt, output if len(paths) == 1 else None)
        for option, value in (("--weeks", weeks), ("--time", time), ("--alarm", alarm)):
            if value is not None and chosen != "ics":
                raise InputError.single(option, "", f"applies to --format ics only "
                                        f"(the format here is {chosen})")
        catalog = library(routines)
        calendar = _CalendarOptions(time or "18:30", reminder, weeks == "all")
        when = today_of(today)
        if len(paths) > 1:
            code = _batch(paths, catalog, week, chosen, output, calendar, when, quiet)
            raise typer.Exit(code)
        profile, identity = load_profile_arg(paths[0])
        if chosen == "ics":
            profile = _dated_for_calendar(profile, when, _source(paths[0]))
        outcome = _outcome(profile, catalog, week, when, None if example else paths[0])
        if outcome.withheld is not None and chosen == "ics":
            # A calendar of nothing helps no one: say why on stderr and write no file.
            typer.echo(_render(profile, identity, catalog, outcome, "text", calendar, None),
                       err=True, nl=False)
            raise typer.Exit(int(ExitCode.WITHHELD))
        to_stdout = is_stdout(output)
        terminal = detect_terminal() if to_stdout and chosen == "text" else None
        text = _render(profile, identity, catalog, outcome, chosen, calendar, terminal)
        if to_stdout:
            emit(text, document=chosen != "text")
        else:
            write_output(text, output, paths)
        if outcome.withheld is not None:
            raise typer.Exit(int(ExitCode.WITHHELD))


def _source(path: Path) -> str:
    from corecoach.cli.inputs import STDIN_SOURCE, is_stdin

    return STDIN_SOURCE if is_stdin(path) else str(path)


def _batch(paths: list[Path], catalog: "Catalog", week: int | None, chosen: "Format",
           output: Path | None, calendar: _CalendarOptions, when: dt.date,
           quiet: bool = False) -> int:
    """Plan several profiles into a folder; one bad profile does not stop the rest.

    On a terminal a progress bar counts them (see cli/progress.py); errors stay visible.
    """
    from corecoach.cli.inputs import is_stdin, load_profile_arg
    from corecoach.errors import ExitCode, InputError
    from corecoach.render import EXTENSIONS, SUFFIX

    if output is None or is_stdout(output):
        raise InputError.single("--output", "", "several profiles need -o FOLDER "
                                "(one plan file each)")
    if os.path.exists(output) and not os.path.isdir(output):
        raise InputError.single(str(output), "", "is a file; give a folder for several profiles")
    if not os.path.exists(output) and output.suffix.lower() in EXTENSIONS:
        raise InputError.single(str(output), "", "looks like a file name; several profiles "
                                "need a folder (one plan file each)")
    from corecoach.cli.progress import batch_progress

    crashed = 0
    used: set[str] = set()
    inputs = file_ids(paths)
    ids: dict[str, str] = {}
    with batch_progress(len(paths), quiet=quiet) as report:
        for path in report.each(paths):
            try:
                profile, identity = load_profile_arg(path)
                if profile.id is not None:
                    if profile.id in ids:
                        report.problem(f"warning: {_source(path)}: id: {profile.id!r} is "
                                       f"also the id of {ids[profile.id]}; their journal "
                                       "entries mix (give one a new id)")
                    ids.setdefault(profile.id, _source(path))
                if chosen == "ics":
                    profile = _dated_for_calendar(profile, when, _source(path))
                outcome = _outcome(profile, catalog, week, when, path)
                if outcome.withheld is not None:
                    report.withheld += 1
                    report.problem(f"withheld: {_source(path)}: {outcome.withheld.reason}")
                    if chosen == "ics":
                        continue  # no calendar for a withheld plan
                text = _render(profile, identity, catalog, outcome, chosen, calendar, None)
                base = "stdin" if is_stdin(path) else path.stem
                stem, n = base, 2
                while stem in used:
                    stem, n = f"{base}-{n}", n + 1
                used.add(stem)
                target = output / f"{stem}{SUFFIX[chosen]}"
                write_generated(target, text, inputs)
            except InputError as exc:
                report.failed += 1
                for line in exc.lines():
                    report.problem(f"error: {line}" if line.startswith(_source(path))
                                   else f"error: {path}: {line}")
                continue
            except Exception as exc:  # a bug: report it, and still plan the other profiles
                crashed += 1
                report.failed += 1
                report.problem(f"error: {_source(path)}: internal error ({type(exc).__name__}: "
                               f"{exc}); please report it")
                continue
            report.wrote(target)
    if crashed:
        return int(ExitCode.FAILURE)
    if report.failed:
        return int(ExitCode.BAD_INPUT)
    return int(ExitCode.WITHHELD) if report.withheld else int(ExitCode.OK)


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
