"""plan and explain: the main job, and why it looks the way it does."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from corecoach.cli.common import library, reporting, resolve_profile, write_generated, write_output

if TYPE_CHECKING:
    from corecoach.library.loader import Catalog
    from corecoach.planner import PlanOutcome
    from corecoach.profile import Profile
    from corecoach.render import Format

FORMAT_HELP = "text, markdown, json, html or ics (default: from -o's extension, else text)."
RoutinesOpt = Annotated[
    Optional[list[Path]],  # noqa: UP045 - typer needs Optional here on 3.11
    typer.Option("--routines", help="Extra routine folder (repeatable); overrides by id.",
                 envvar=None, show_default=False),
]
ExampleOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--example", help="Use a bundled example profile (see `corecoach examples`)."),
]
WeekOpt = Annotated[
    Optional[int],  # noqa: UP045
    typer.Option("--week", "-w", min=1, max=16,
                 help="Week of the program (default: this week from `start`, else 1)."),
]
TodayOpt = Annotated[
    Optional[dt.datetime],  # noqa: UP045
    typer.Option("--today", formats=["%Y-%m-%d"],
                 help="Plan as if today were this date (YYYY-MM-DD), for reproducible runs."),
]


def _profiles(files: list[Path] | None, example: str | None) -> list[Path]:
    from corecoach.resources import example_path

    paths = list(files or [])
    if example:
        paths.append(example_path(example))
    if not paths:
        paths.append(resolve_profile(None))
    return paths


def _format(fmt: str | None, output: Path | None) -> Format:
    from corecoach.errors import InputError
    from corecoach.render import EXTENSIONS, FORMATS

    if fmt is not None:
        for known in FORMATS:
            if fmt == known:
                return known
        raise InputError.single("--format", "", f"{fmt!r} is not a format "
                                f"(allowed: {', '.join(FORMATS)})")
    if output is not None and output.suffix.lower() in EXTENSIONS:
        return EXTENSIONS[output.suffix.lower()]
    return "text"


def _outcome(profile: Profile, catalog: Catalog, week: int | None,
             today: dt.datetime | None) -> PlanOutcome:
    from corecoach.planner import build_plan, week_for

    when = today.date() if today else dt.date.today()
    if week is None and profile.start is not None:
        ended = profile.start + dt.timedelta(weeks=profile.weeks)
        if when >= ended:
            typer.echo(f"note: this {profile.weeks}-week program ended on "
                       f"{ended - dt.timedelta(days=1)}; showing its last week. Set a new "
                       "start (a Monday) in the profile for another round.", err=True)
    return build_plan(profile, catalog, week_for(profile, when, week))


def _render(profile: Profile, catalog: Catalog, outcome: PlanOutcome, fmt: Format, all_weeks: bool,
            time: str, to_terminal: bool) -> str:
    from corecoach.render import render_plans, render_withheld

    # Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org).
    color = to_terminal and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    if outcome.plan is None:
        assert outcome.withheld is not None
        return render_withheld(outcome.withheld, fmt, color=color)
    plans = [outcome.plan]
    if fmt == "ics" and all_weeks:
        from corecoach.planner import plan_weeks

        plans = [o.plan for o in plan_weeks(profile, catalog) if o.plan is not None]
    return render_plans(plans, fmt, color=color, start_time=time)


def plan(
    profiles: Annotated[
        Optional[list[Path]],  # noqa: UP045
        typer.Argument(help="Profile file(s); default: your saved profile.", show_default=False),
    ] = None,
    example: ExampleOpt = None,
    week: WeekOpt = None,
    fmt: Annotated[Optional[str], typer.Option("--format", "-f", help=FORMAT_HELP)] = None,  # noqa: UP045
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--output", "-o", help="Write to this file (a folder for several profiles)."),
    ] = None,
    weeks: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--weeks", help="With ics: 'all' exports every week of the program."),
    ] = None,
    time: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--time", help="With ics: start time of each session, HH:MM "
                     "[default: 18:30].", show_default=False),
    ] = None,
    routines: RoutinesOpt = None,
    today: TodayOpt = None,
) -> None:
    """Print the weekly plan for a profile.

    Exit 0 with a plan; 2 for bad input; 3 when the plan is withheld for safety.

    Examples:

      corecoach plan --example road-runner

      corecoach plan me.toml --week 3 --format markdown -o week3.md

      corecoach plan clients/*.toml -o plans/ --format json
    """
    from corecoach.errors import ExitCode, InputError
    from corecoach.profile import load_profile

    with reporting():
        if weeks not in (None, "all"):
            raise InputError.single("--weeks", "", f"{weeks!r} is not allowed (allowed: all)")
        if time is not None and not _valid_time(time):
            raise InputError.single("--time", "", f"{time!r} is not a time (use HH:MM, "
                                    "e.g. 18:30)")
        paths = _profiles(profiles, example)
        chosen = _format(fmt, output if len(paths) == 1 else None)
        for option, value in (("--weeks", weeks), ("--time", time)):
            if value is not None and chosen != "ics":
                raise InputError.single(option, "", f"applies to --format ics only "
                                        f"(the format here is {chosen})")
        catalog = library(routines)
        start_time = time or "18:30"
        if len(paths) > 1:
            code = _batch(paths, catalog, week, chosen, output, weeks == "all", start_time,
                          today)
            raise typer.Exit(code)
        profile = load_profile(paths[0])
        outcome = _outcome(profile, catalog, week, today)
        if outcome.withheld is not None and chosen == "ics":
            # A calendar of nothing helps no one: say why on stderr and write no file.
            typer.echo(_render(profile, catalog, outcome, "text", False, start_time, False),
                       err=True, nl=False)
            raise typer.Exit(int(ExitCode.WITHHELD))
        text = _render(profile, catalog, outcome, chosen, weeks == "all", start_time,
                       output is None)
        write_output(text, output)
        if outcome.withheld is not None:
            raise typer.Exit(int(ExitCode.WITHHELD))


def _valid_time(text: str) -> bool:
    try:
        dt.datetime.strptime(text, "%H:%M")
    except ValueError:
        return False
    return True


def _batch(paths: list[Path], catalog: Catalog, week: int | None, chosen: Format,
           output: Path | None, all_weeks: bool, time: str, today: dt.datetime | None) -> int:
    """Plan several profiles into a folder; one bad profile does not stop the rest."""
    from corecoach.errors import ExitCode, InputError
    from corecoach.profile import load_profile
    from corecoach.render import SUFFIX
    if output is None:
        raise InputError.single("--output", "", "several profiles need -o FOLDER "
                                "(one plan file each)")
    if output.exists() and not output.is_dir():
        raise InputError.single(str(output), "", "is a file; give a folder for several profiles")
    failed = withheld = 0
    used: set[str] = set()
    for path in paths:
        try:
            profile = load_profile(path)
            outcome = _outcome(profile, catalog, week, today)
            if outcome.withheld is not None:
                withheld += 1
                typer.echo(f"withheld: {path}: {outcome.withheld.reason}", err=True)
                if chosen == "ics":
                    continue  # no calendar for a withheld plan
            text = _render(profile, catalog, outcome, chosen, all_weeks, time, False)
        except InputError as exc:
            failed += 1
            for line in exc.lines():
                typer.echo(f"error: {path}: {line}" if not line.startswith(str(path))
                           else f"error: {line}", err=True)
            continue
        stem = path.stem
        n = 2
        while stem in used:
            stem, n = f"{path.stem}-{n}", n + 1
        used.add(stem)
        target = output / f"{stem}{SUFFIX[chosen]}"
        write_generated(target, text)
        typer.echo(f"wrote {target}")
    total = len(paths)
    typer.echo(f"{total - failed} of {total} profiles planned"
               + (f", {withheld} withheld for safety" if withheld else ""), err=True)
    if failed:
        return int(ExitCode.BAD_INPUT)
    return int(ExitCode.WITHHELD) if withheld else int(ExitCode.OK)


def explain(
    profile_path: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Argument(metavar="[PROFILE]", help="Profile file; default: your saved profile.",
                       show_default=False),
    ] = None,
    example: ExampleOpt = None,
    show_all: Annotated[bool, typer.Option("--all", help="Also the rules that did not fire.")]
    = False,
    exercise: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--exercise", "-e", help="Why is this exercise (id) in my plan, or not?"),
    ] = None,
    week: WeekOpt = None,
    routines: RoutinesOpt = None,
    today: TodayOpt = None,
) -> None:
    """Explain the plan: which rules fired, why, and what each contributed.

    Examples:

      corecoach explain --example road-runner

      corecoach explain me.toml --all

      corecoach explain me.toml --exercise good-morning-bodyweight
    """
    from corecoach.errors import ExitCode
    from corecoach.explain import explain_exercise, explain_rules
    from corecoach.profile import load_profile
    from corecoach.render.explain import render_explanation

    with reporting():
        path = _profiles([profile_path] if profile_path else None, example)[0]
        catalog = library(routines)
        profile = load_profile(path)
        outcome = _outcome(profile, catalog, week, today)
        if exercise is not None:
            catalog.exercise(exercise)  # unknown ids exit 2 with a suggestion
            text = render_explanation(explain_exercise(outcome, catalog, exercise))
        else:
            text = render_explanation(explain_rules(outcome, catalog, show_all=show_all))
        write_output(text, None)
        if outcome.withheld is not None:
            raise typer.Exit(int(ExitCode.WITHHELD))


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command()(plan)
    app.command()(explain)
