"""A plan as an output (`corecoach plan`): its format, the calendar's options, its text, and
several profiles planned into a folder, one file each.

The command line reads the options and the profile files and says what comes back; every
choice about the output is made here, as pure calls (tests/test_plan_output.py): which
format ``-o``'s extension means, which options only a calendar takes, the Monday a calendar
starts on when the profile names none, the name of each file in a batch, and the exit code
of a batch in which some profiles failed.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NamedTuple

from corecoach.errors import ExitCode, InputError
from corecoach.outputs import file_ids, is_stdin, is_stdout, source_name, write_generated

if TYPE_CHECKING:
    from corecoach.library.catalog import Catalog
    from corecoach.planner import PlanOutcome
    from corecoach.profile import Profile
    from corecoach.render import Format
    from corecoach.render.terminal import Terminal

#: When a calendar's sessions start, unless ``--time`` says otherwise.
DEFAULT_START_TIME = "18:30"


@dataclass(frozen=True)
class CalendarOptions:
    """What only a calendar (ics) uses: each session's start time, a reminder before it, and
    whether it holds every week of the program or the one planned."""

    time: str = DEFAULT_START_TIME
    alarm: dt.timedelta | None = None
    all_weeks: bool = False


def calendar_options(time: str | None = None, alarm: str | None = None,
                     weeks: str | None = None) -> CalendarOptions:
    """``--time``, ``--alarm`` and ``--weeks`` as CalendarOptions; a bad value is one
    InputError naming its option. The calendar writer loads only when one is given."""
    reminder = None
    if time is not None or alarm is not None:
        from corecoach.render.ics import parse_alarm, parse_start_time

        if time is not None:
            parse_start_time(time)
        reminder = parse_alarm(alarm) if alarm is not None else None
    return CalendarOptions(time or DEFAULT_START_TIME, reminder, weeks == "all")


def only_for_calendar(fmt: Format, **given: str | None) -> None:
    """Refuse a calendar-only option (``weeks="all"`` names ``--weeks``) given with another
    format: one InputError naming the option."""
    for name, value in given.items():
        if value is not None and fmt != "ics":
            raise InputError.single(f"--{name}", "", f"applies to --format ics only "
                                    f"(the format here is {fmt})")


def plan_format(fmt: Format | None, output: Path | None) -> Format:
    """The format asked for; else the one ``-o``'s extension names; else text (stdout or a
    folder). An extension no format has is one InputError that lists the ones there are."""
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


def dated_for_calendar(profile: Profile, today: dt.date, source: str
                       ) -> tuple[Profile, str | None]:
    """The profile a calendar is made from: one without ``start`` starts on the coming
    Monday, with a note that says so (None when the profile names its own start)."""
    if profile.start is not None:
        return profile, None
    from corecoach.days import coming_monday

    monday = coming_monday(today)
    note = (f"note: {source}: no start date; the calendar starts on Monday {monday} "
            "(set start = YYYY-MM-DD in the profile to choose)")
    return profile.model_copy(update={"start": monday}), note


def render_outcome(profile: Profile, identity: str, catalog: Catalog, outcome: PlanOutcome,
                   fmt: Format, calendar: CalendarOptions = CalendarOptions(),
                   terminal: Terminal | None = None) -> str:
    """A plan outcome as text in ``fmt``: the plan, or why it is withheld. A calendar keys
    its events on the profile's id (else ``identity``) and, with ``calendar.all_weeks``,
    holds every week of the program."""
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


def plan_outcome(profile: Profile, catalog: Catalog, today: dt.date, week: int | None,
                 path: Path | None) -> tuple[PlanOutcome, str | None]:
    """The plan for ``today`` through the front door, with the journal of the profile at
    ``path`` (None: a bundled example or stdin, which have none), and a warning when that
    journal could not be used (the plan then follows the calendar)."""
    from corecoach.coach import plan_for
    from corecoach.journal_inputs import planning_inputs

    found = planning_inputs(profile, path, today, catalog)
    return plan_for(profile, catalog, today, found.history, week, state=found.state), \
        found.warning


# -- several profiles into a folder ---------------------------------------------------------


def check_batch_folder(output: Path | None) -> Path:
    """The folder several profiles' plans go to; anything else is one InputError."""
    from corecoach.render import EXTENSIONS

    if output is None or is_stdout(output):
        raise InputError.single("--output", "", "several profiles need -o FOLDER "
                                "(one plan file each)")
    if os.path.exists(output) and not os.path.isdir(output):
        raise InputError.single(str(output), "", "is a file; give a folder for several profiles")
    if not os.path.exists(output) and output.suffix.lower() in EXTENSIONS:
        raise InputError.single(str(output), "", "looks like a file name; several profiles "
                                "need a folder (one plan file each)")
    return output


Status = Literal["written", "withheld", "failed", "crashed"]


class PlannedFile(NamedTuple):
    """What planning one profile of a batch came to."""

    #: The profile as messages name it (``<stdin>`` for ``-``).
    source: str
    #: written, withheld (a withheld page is still written, but no calendar), failed (bad
    #: input: nothing written) or crashed (a bug: nothing written, the batch goes on).
    status: Status
    #: The file written, if any.
    target: Path | None
    #: Lines for stderr, in order: notes, warnings, ``withheld: ...``, ``error: ...``.
    lines: tuple[str, ...] = ()
    #: Whether the folder had to be made for this file (the first file written into it).
    made_folder: bool = False


def plan_files(paths: Sequence[Path], catalog: Catalog, folder: Path, fmt: Format,
               read: Callable[[Path], tuple[Profile, str]], today: dt.date, *,
               week: int | None = None, calendar: CalendarOptions = CalendarOptions(),
               ) -> Iterator[PlannedFile]:
    """Plan each profile into ``folder`` (one file each, named after the profile file), one
    at a time; one bad profile, or a bug, never stops the rest.

    ``read`` loads a profile argument (a path, or ``-`` for stdin) and what identifies it
    for calendar UIDs. Two profiles with one id are planned both, with a warning: their
    journal entries mix. Two files of one name get ``-2``, ``-3``...
    """
    from corecoach.render import SUFFIX

    used: set[str] = set()
    inputs = file_ids(paths)
    ids: dict[str, str] = {}
    for path in paths:
        source = source_name(path)
        lines: list[str] = []
        try:
            profile, identity = read(path)
            if profile.id is not None:
                if profile.id in ids:
                    lines.append(f"warning: {source}: id: {profile.id!r} is also the id of "
                                 f"{ids[profile.id]}; their journal entries mix (give one a "
                                 "new id)")
                ids.setdefault(profile.id, source)
            if fmt == "ics":
                profile, note = dated_for_calendar(profile, today, source)
                if note:
                    lines.append(note)
            outcome, warning = plan_outcome(profile, catalog, today, week, path)
            if warning:
                lines.append(f"warning: {warning}")
            if outcome.withheld is not None:
                lines.append(f"withheld: {source}: {outcome.withheld.reason}")
                if fmt == "ics":  # a calendar of nothing helps no one
                    yield PlannedFile(source, "withheld", None, tuple(lines))
                    continue
            text = render_outcome(profile, identity, catalog, outcome, fmt, calendar)
            base = "stdin" if is_stdin(path) else path.stem
            stem, n = base, 2
            while stem in used:
                stem, n = f"{base}-{n}", n + 1
            used.add(stem)
            target = folder / f"{stem}{SUFFIX[fmt]}"
            made = write_generated(target, text, inputs)
        except InputError as exc:
            lines.extend(f"error: {line}" if line.startswith(source) else
                         f"error: {path}: {line}" for line in exc.lines())
            yield PlannedFile(source, "failed", None, tuple(lines))
            continue
        except Exception as exc:  # a bug: report it, and still plan the other profiles
            lines.append(f"error: {source}: internal error ({type(exc).__name__}: {exc}); "
                         "please report it")
            yield PlannedFile(source, "crashed", None, tuple(lines))
            continue
        status: Status = "withheld" if outcome.withheld is not None else "written"
        yield PlannedFile(source, status, target, tuple(lines), made)


def batch_exit_code(results: Sequence[PlannedFile]) -> ExitCode:
    """A bug anywhere: 1; else bad input anywhere: 2; else any plan withheld: 3; else 0."""
    statuses = {r.status for r in results}
    if "crashed" in statuses:
        return ExitCode.FAILURE
    if "failed" in statuses:
        return ExitCode.BAD_INPUT
    return ExitCode.WITHHELD if "withheld" in statuses else ExitCode.OK
