"""Option and argument declarations the commands share, with their shell completion.

Completion re-runs the program on every TAB, so the completers below read names with a
directory listing and a line scan: no pydantic, no library load, no TOML parser.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated, Literal, Optional

import typer

PlanFormat = Literal["text", "markdown", "json", "html", "ics"]
ListFormat = Literal["text", "json"]
WeeksChoice = Literal["all"]
CategoryChoice = Literal["core", "flexibility", "hinge", "mobility", "breathing"]

_EXERCISE_ID = re.compile(r'^\s*id\s*=\s*"([a-z0-9-]+)"')


def complete_example(incomplete: str) -> list[str]:
    """Names of the bundled example profiles that start with ``incomplete``."""
    from corecoach.resources import example_names

    return [name for name in example_names() if name.startswith(incomplete)]


def complete_equipment(incomplete: str) -> list[str]:
    """The next item of a comma-separated equipment list (``mat,b`` -> ``mat,band``)."""
    from corecoach.vocab import EQUIPMENT

    done, _, last = incomplete.rpartition(",")
    prefix = f"{done}," if done else ""
    taken = set(done.split(","))
    return [prefix + kit for kit in (*EQUIPMENT, "none")
            if kit.startswith(last) and kit not in taken]


def exercise_ids(folders: list[Path]) -> list[str]:
    """Exercise ids in the TOML files under ``folders``, by a line scan (fast, forgiving)."""
    ids: set[str] = set()
    for folder in folders:
        for path in sorted(folder.rglob("*.toml")) if folder.is_dir() else []:
            in_exercise = False
            try:
                lines = path.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError):
                continue
            for line in lines:
                stripped = line.strip()
                if stripped.startswith("["):
                    in_exercise = stripped == "[[exercise]]"
                elif in_exercise and (found := _EXERCISE_ID.match(line)):
                    ids.add(found[1])
                    in_exercise = False
    return sorted(ids)


def complete_exercise(incomplete: str) -> list[str]:
    """Exercise ids (shipped and $CORECOACH_ROUTINES) that start with ``incomplete``."""
    from corecoach.paths import routine_dirs
    from corecoach.resources import routines_dir

    return [i for i in exercise_ids([routines_dir(), *routine_dirs()])
            if i.startswith(incomplete)]


RoutinesOpt = Annotated[
    Optional[list[Path]],  # noqa: UP045 - typer needs Optional here on 3.11
    typer.Option("--routines", metavar="DIR", show_default=False,
                 help="Extra routine folder (repeatable); overrides by id."),
]
ExampleOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--example", metavar="NAME", autocompletion=complete_example,
                 help="Use a bundled example profile (see `corecoach examples`)."),
]
WeekOpt = Annotated[
    Optional[int],  # noqa: UP045
    # No min/max here: the planner checks N against this program's own length (4-16).
    typer.Option("--week", "-w", metavar="N",
                 help="Week of the program, from 1 (default: this week from `start`, "
                 "else 1)."),
]
TodayOpt = Annotated[
    # Read as text, like --date: typer would parse it with strptime, whose first call costs
    # about 2.5 ms (the _strptime module and its locale tables) on every scripted run.
    Optional[str],  # noqa: UP045
    typer.Option("--today", metavar="YYYY-MM-DD",
                 help="Plan as if today were this date, for reproducible runs."),
]
ProfileArg = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Argument(metavar="PROFILE", help="Profile file; default: your saved profile.",
                   show_default=False),
]
DateOpt = Annotated[
    Optional[str],  # noqa: UP045 - read as text: a mistake gets corecoach's own error line
    typer.Option("--date", "-d", metavar="YYYY-MM-DD",
                 help="The day it happened (default: today; never after today)."),
]
SinceOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--since", metavar="YYYY-MM-DD", help="Only the journal on or after this day."),
]
NoteOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--note", metavar="TEXT", help="A short note."),
]
ExerciseArg = Annotated[
    str,
    typer.Argument(metavar="EXERCISE", autocompletion=complete_exercise,
                   help="Exercise id (TAB completes it)."),
]


def parse_date(option: str, text: str) -> dt.date:
    """A YYYY-MM-DD option, or one line naming ``option``."""
    from corecoach.datelimits import parse_day
    from corecoach.errors import InputError

    try:
        return parse_day(text)
    except ValueError:
        raise InputError.single(option, "", f"{text!r} is not a date (use YYYY-MM-DD, "
                                "e.g. 2026-11-30)") from None


def today_of(today: str | None) -> dt.date:
    """The date to plan for: --today, else the clock (read here, never in the core).

    A --today that is not a date, or outside corecoach's dates (see
    corecoach.datelimits), is one InputError.
    """
    if today is None:
        return dt.date.today()
    from corecoach.datelimits import out_of_range

    day = parse_date("--today", today)
    why = out_of_range(day)
    if why is not None:
        from corecoach.errors import InputError

        raise InputError.single("--today", "", why)
    return day
