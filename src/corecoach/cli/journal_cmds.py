"""The journal commands: today, log, check-in, history, and journal path|export|import|undo.

Each opens the journal (SQLite, see corecoach.journal.store), calls the core and renders.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal, Optional

import typer

from corecoach.cli.common import library, reporting, resolve_profile, write_output
from corecoach.cli.options import ListFormat, RoutinesOpt, TodayOpt, today_of
from corecoach.vocab import Sport, Surface

if TYPE_CHECKING:
    from corecoach.journal.entry import Entry
    from corecoach.journal.history import History
    from corecoach.profile import Profile

ProfileArg = Annotated[
    Optional[Path],  # noqa: UP045 - typer needs Optional here on 3.11
    typer.Argument(metavar="PROFILE", help="Profile file; default: your saved profile.",
                   show_default=False),
]
DateOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--date", "-d", metavar="YYYY-MM-DD",
                 help="The day it happened (default: today; never after today)."),
]


def _scale(name: str, text: str) -> object:
    """A 0-10 option, read as text so a mistake gets corecoach's own one-line error."""
    return typer.Option(name, metavar="0-10", show_default=False, help=text)


Scale = Optional[str]  # noqa: UP045 - typer needs Optional here on 3.11


# -- parsing, one line per mistake --------------------------------------------------------


def _date(option: str, text: str) -> dt.date:
    from corecoach.datelimits import parse_day
    from corecoach.errors import InputError

    try:
        return parse_day(text)
    except ValueError:
        raise InputError.single(option, "", f"{text!r} is not a date (use YYYY-MM-DD, "
                                "e.g. 2026-11-30)") from None


def _day(text: str | None, today: dt.date) -> dt.date:
    from corecoach.errors import InputError

    if text is None:
        return today
    day = _date("--date", text)
    if day > today:
        raise InputError.single("--date", "", f"{day} is after today ({today}); log what "
                                "has happened")
    return day


def _number(option: str, text: str | None, low: int, high: int) -> int | None:
    from corecoach.errors import InputError

    if text is None:
        return None
    try:
        value = int(text)
    except ValueError:
        raise InputError.single(option, "", f"{text!r} is not a whole number "
                                f"(allowed: {low}-{high})") from None
    if not low <= value <= high:
        raise InputError.single(option, "", f"{value} is out of range (allowed: {low}-{high})")
    return value


def _interactive() -> bool:
    """Ask questions only when a person is at a terminal."""
    return sys.stdin.isatty() and sys.stdout.isatty()


# -- the journal file and the profile's key -----------------------------------------------


def journal_path() -> Path:
    """Where the journal is ($CORECOACH_JOURNAL, else the user's data folder)."""
    from corecoach.journal import default_journal_path

    return default_journal_path()


def read_history(profile: Profile, path: Path) -> History | None:
    """The profile's History for `plan` and `today`; a journal that cannot be used is a
    warning (the plan falls back to the calendar), never an error."""
    from corecoach.journal import may_exist

    where = journal_path()
    if not may_exist(where):  # no journal yet: nothing of it (sqlite3 included) is imported
        return None
    from corecoach.journal.history import History
    from corecoach.journal.keys import profile_key
    from corecoach.journal.store import JournalError, read_profile_entries
    try:
        entries = read_profile_entries(where, profile_key(profile, path))
    except JournalError as exc:
        typer.echo(f"warning: {exc.lines()[0]}; planning by the calendar", err=True)
        return None
    return History(profile_key(profile, path), entries)


def _writer_key(profile_id: str | None, path: Path) -> str:
    """The key to log under; a profile without an id gets one written into its file.

    The id is added under the journal's write lock, so two first `log`s at once agree on
    one id; entries logged earlier under the file's path move to it.
    """
    from corecoach.journal.keys import adopt_id
    from corecoach.journal.store import locked, writing

    resolved = str(path.resolve())
    if profile_id:
        from corecoach.journal.store import shared_id_warning

        shared_id_warning(journal_path(), profile_id, resolved, typer.echo)
        return profile_id
    with writing(journal_path()) as conn, locked(conn):
        try:
            key, added = adopt_id(path)
        except OSError as exc:
            why = exc.strerror or exc
            typer.echo(f"warning: could not add an id to {path} ({why}); its entries are keyed "
                       "by its path, so moving or renaming the file loses the link (add a line "
                       "id = \"...\" to keep it)", err=True)
            return resolved
        conn.execute("UPDATE entry SET profile = ? WHERE profile = ?", (key, resolved))
    if added:
        typer.echo(f'note: added id = "{key}" to {path}; it ties the profile to its journal '
                   "entries, wherever the file moves", err=True)
    return key


def _writer_profile(profile_path: Path | None) -> tuple[str | None, Path]:
    """The profile's id (None when it has none yet) and its file, for the commands that write.

    Only ``version`` and ``id`` are checked here: logging needs the key, not a valid plan,
    and skipping the Profile model keeps `log` quick. Anything odd in those two keys gets
    the full check, and its one-line error.
    """
    import re

    from corecoach.errors import InputError
    from corecoach.tomlio import read_toml

    path = resolve_profile(profile_path)
    if str(path) == "-":
        raise InputError.single("-", "", "the journal needs a profile file, not stdin")
    data = read_toml(path)
    profile_id = data.get("id")
    if data.get("version") != 1 or (profile_id is not None and not (
            isinstance(profile_id, str) and re.fullmatch(r"[a-z0-9-]{4,64}", profile_id))):
        from corecoach.profile import load_profile

        return load_profile(path).id, path
    return profile_id, path


def _load(profile_path: Path | None) -> tuple[Profile, Path]:
    from corecoach.errors import InputError
    from corecoach.profile import load_profile

    path = resolve_profile(profile_path)
    if str(path) == "-":
        raise InputError.single("-", "", "the journal needs a profile file, not stdin")
    return load_profile(path), path


def _store(entry: Entry) -> None:
    from corecoach.journal.store import append, writing

    with writing(journal_path()) as conn:
        append(conn, [entry], dt.datetime.now(dt.UTC))


def _check(entry: Entry, today: dt.date, options: dict[str, str]) -> None:
    from corecoach.errors import InputError, Problem
    from corecoach.journal.entry import entry_problems

    found = entry_problems(entry, today)
    if found:
        raise InputError([Problem(options.get(name, name), "", message)
                          for name, message in found])


# -- log and check-in ---------------------------------------------------------------------


def _ask_session() -> dict[str, object]:
    """The session's answers, asked with rich prompts (Enter keeps the default)."""
    from rich.prompt import Confirm, IntPrompt, Prompt

    status = Prompt.ask("How did the session go?", choices=["done", "partial", "skipped"],
                        default="done")
    answers: dict[str, object] = {"status": status}
    if status != "skipped":
        for key, question, default in (("pain_during", "Back pain during it, 0-10", 0),
                                       ("pain_after", "Back pain right after, 0-10", 0),
                                       ("effort", "How hard was it, 0-10", 5)):
            while True:
                value = IntPrompt.ask(question, default=default)
                if 0 <= value <= 10:
                    break
                typer.echo("  Please give a number from 0 to 10.")
            answers[key] = value
    answers["leg_symptoms"] = Confirm.ask("Any pain, tingling or numbness going down a leg?",
                                          default=False)
    note = Prompt.ask("A note (Enter for none)", default="", show_default=False)
    answers["note"] = note or None
    return answers


def log(
    profile_path: ProfileArg = None,
    done: Annotated[bool, typer.Option("--done", help="Did the whole session.")] = False,
    partial: Annotated[bool, typer.Option("--partial", help="Did part of it.")] = False,
    skipped: Annotated[bool, typer.Option("--skipped", help="Skipped it.")] = False,
    pain_during: Annotated[Scale, _scale("--pain-during", "Back pain during it, 0-10.")]
    = None,
    pain_after: Annotated[Scale, _scale("--pain-after", "Back pain right after, 0-10.")]
    = None,
    effort: Annotated[Scale, _scale("--effort", "How hard it was, 0-10.")] = None,
    leg_symptoms: Annotated[bool, typer.Option(
        "--leg-symptoms", help="Pain, tingling or numbness going down a leg.")] = False,
    note: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--note", metavar="TEXT", help="A short note.")] = None,
    activity: Annotated[Optional[Sport], typer.Option(  # noqa: UP045
        "--activity", help="Log a sport session instead.")] = None,
    minutes: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--minutes", metavar="N", help="With --activity: how long.")] = None,
    surface: Annotated[Optional[Surface], typer.Option(  # noqa: UP045
        "--surface", help="With --activity running: what you ran on.")] = None,
    tight_at: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--tight-at", metavar="MIN", help="With --activity: the minute your back tightened.")
    ] = None,
    date: DateOpt = None,
    today: TodayOpt = None,
) -> None:
    """Record a corecoach session, or with --activity a sport session (the trigger diary).

    With no flags on a terminal it asks, with Enter keeping each default.

    Examples:

      corecoach log --done --pain-during 2 --pain-after 1 --effort 5

      corecoach log --skipped --note "travelling"

      corecoach log --activity running --minutes 45 --surface road --tight-at 30
    """
    from corecoach.errors import InputError
    from corecoach.journal.entry import Entry

    with reporting():
        now = today_of(today)
        day = _day(date, now)
        statuses = [s for s, on in (("done", done), ("partial", partial),
                                    ("skipped", skipped)) if on]
        session_flags = statuses or any(v is not None for v in (pain_during, effort)) \
            or leg_symptoms
        if len(statuses) > 1:
            raise InputError.single("--" + statuses[1], "", "give one of --done, --partial "
                                    "and --skipped")
        fields: dict[str, object]
        if activity is not None:
            if statuses or pain_during is not None or leg_symptoms:
                raise InputError.single("--activity", "", "logs a sport session; log the "
                                        "corecoach session separately")
            if minutes is None:
                raise InputError.single("--minutes", "", "is required with --activity")
            fields = {"kind": "activity", "sport": activity,
                      "minutes": _number("--minutes", minutes, 1, 1440),
                      "surface": surface, "pain_after": _number("--pain-after", pain_after,
                                                                0, 10),
                      "effort": _number("--effort", effort, 0, 10),
                      "tight_at": _number("--tight-at", tight_at, 0, 1440), "note": note}
        else:
            for option, value in (("--minutes", minutes), ("--surface", surface),
                                  ("--tight-at", tight_at)):
                if value is not None:
                    raise InputError.single(option, "", "applies with --activity only")
            if statuses:
                fields = {"status": statuses[0],
                          "pain_during": _number("--pain-during", pain_during, 0, 10),
                          "pain_after": _number("--pain-after", pain_after, 0, 10),
                          "effort": _number("--effort", effort, 0, 10),
                          "leg_symptoms": leg_symptoms, "note": note}
            elif session_flags or pain_after is not None or note is not None:
                raise InputError.single("--done", "", "say how the session went: --done, "
                                        "--partial or --skipped")
            elif _interactive():
                try:
                    fields = _ask_session()
                except EOFError:
                    raise InputError.single("", "", "input ended before the last question; "
                                            "nothing was written") from None
            else:
                raise InputError.single("--done", "", "say how the session went: --done, "
                                        "--partial or --skipped (or run it in a terminal to "
                                        "be asked)")
            fields["kind"] = "session"
        profile_id, path = _writer_profile(profile_path)
        options = {"sport": "--activity", "minutes": "--minutes", "surface": "--surface",
                   "tight_at": "--tight-at", "pain_during": "--pain-during",
                   "pain_after": "--pain-after", "effort": "--effort", "note": "--note",
                   "date": "--date"}
        probe = Entry(profile="?", date=day, **fields)  # type: ignore[arg-type]
        _check(probe, now, options)
        key = _writer_key(profile_id, path)
        entry = Entry(profile=key, date=day, **fields)  # type: ignore[arg-type]
        _store(entry)
        typer.echo(f"logged {entry.describe()}")
        if entry.kind == "session" and entry.status != "skipped":
            morning = day + dt.timedelta(days=1)
            when = "Tomorrow morning: " if day == now else f"For the morning of {morning}: "
            extra = "" if day == now else f" --date {morning}"
            typer.echo(f"{when}corecoach check-in --pain N{extra} (0-10), so the plan knows "
                       "how your back took it.")
        if entry.leg_symptoms:
            _leg_warning()


def _leg_warning() -> None:
    typer.echo("Leg symptoms hold your plan: please see a doctor or physiotherapist. A "
               "check-in without leg symptoms lifts the hold.", err=True)


def check_in(
    profile_path: ProfileArg = None,
    pain: Annotated[Scale, _scale("--pain", "Back pain this morning, 0-10 (required).")]
    = None,
    stiffness: Annotated[Scale, _scale("--stiffness", "Stiffness this morning, 0-10.")]
    = None,
    leg_symptoms: Annotated[bool, typer.Option(
        "--leg-symptoms", help="Pain, tingling or numbness going down a leg.")] = False,
    note: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--note", metavar="TEXT", help="A short note.")] = None,
    date: DateOpt = None,
    today: TodayOpt = None,
) -> None:
    """Record the morning check: back pain (0-10), stiffness, and leg symptoms if any.

    The morning after a session it tells the plan whether your back settled.

    Example:  corecoach check-in --pain 1 --stiffness 2
    """
    from corecoach.errors import InputError
    from corecoach.journal.entry import Entry

    with reporting():
        now = today_of(today)
        day = _day(date, now)
        value = _number("--pain", pain, 0, 10)
        if value is None:
            raise InputError.single("--pain", "", "is required: your back pain this morning, "
                                    "0-10")
        fields: dict[str, object] = {
            "kind": "check-in", "pain": value,
            "stiffness": _number("--stiffness", stiffness, 0, 10),
            "leg_symptoms": leg_symptoms, "note": note}
        profile_id, path = _writer_profile(profile_path)
        _check(Entry(profile="?", date=day, **fields), now,  # type: ignore[arg-type]
               {"note": "--note", "date": "--date"})
        entry = Entry(profile=_writer_key(profile_id, path), date=day, **fields)  # type: ignore[arg-type]
        _store(entry)
        typer.echo(f"logged {entry.describe()}")
        if leg_symptoms:
            _leg_warning()


# -- today ----------------------------------------------------------------------------------


def _check_in_due(history: History | None, today: dt.date) -> dt.date | None:
    """The morning a check-in is still owed for (the day after a recent session), if any."""
    if history is None:
        return None
    sessions = [s for s in history.sessions if s.date < today and s.status != "skipped"]
    if not sessions:
        return None
    last = sessions[-1].date
    if (today - last).days > 2:
        return None
    if any(c.date > last for c in history.check_ins if c.date <= today):
        return None
    return last + dt.timedelta(days=1)


def today_cmd(
    profile_path: ProfileArg = None,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = "text",
    today: TodayOpt = None,
    routines: RoutinesOpt = None,
) -> None:
    """Today's session only (from the adapted plan), and the morning check-in if one is due.

    Exit 0 with a session or a rest day; 3 when the plan is withheld for safety.

    Example:  corecoach today
    """
    from corecoach.cli.console import emit
    from corecoach.errors import ExitCode
    from corecoach.render.today import render_today_json, render_today_text, today_view

    with reporting():
        now = today_of(today)
        profile, path = _load(profile_path)
        catalog = library(routines)
        history = read_history(profile, path)
        if history is not None and history.entries:
            from corecoach.journal.planning import plan_with_history

            outcome = plan_with_history(profile, catalog, now, history).outcome
        else:
            from corecoach.planner import build_plan, week_for

            outcome = build_plan(profile, catalog, week_for(profile, now, None))
        due = _check_in_due(history, now)
        view = today_view(outcome, now, due)
        text = render_today_json(view) if fmt == "json" else render_today_text(view)
        emit(text, document=fmt == "json")
        if outcome.withheld is not None:
            raise typer.Exit(int(ExitCode.WITHHELD))


# -- history --------------------------------------------------------------------------------


def history_cmd(
    profile_path: ProfileArg = None,
    since: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--since", metavar="YYYY-MM-DD", help="Only entries on or after this day.")] = None,
    by: Annotated[Optional[Literal["surface"]], typer.Option(  # noqa: UP045
        "--by", help="surface: next-morning pain after road, treadmill, trail... runs.")
    ] = None,
    fmt: Annotated[Literal["text", "json", "csv"], typer.Option(
        "--format", "-f", help="Output format.")] = "text",
    today: TodayOpt = None,
    routines: RoutinesOpt = None,
) -> None:
    """Your journal: weekly adherence and pain with sparklines; json and csv hold every entry.

    Examples:

      corecoach history

      corecoach history --by surface

      corecoach history --format csv > my-back.csv
    """
    from corecoach.cli.console import detect_terminal, emit
    from corecoach.journal.csvio import to_csv
    from corecoach.journal.history import History, by_surface, weekly
    from corecoach.journal.keys import profile_key
    from corecoach.journal.store import read_profile_entries
    from corecoach.render import history as render

    with reporting():
        now = today_of(today)
        first = _date("--since", since) if since else None
        profile, path = _load(profile_path)
        key = profile_key(profile, path)
        history = History(key, read_profile_entries(journal_path(), key)).since(first)
        if fmt == "csv":
            emit(to_csv(history.entries), document=True)
            return
        if fmt == "text" and first is not None and not history.entries:
            emit(f"No journal entries on or after {first}.\n")
            return
        surfaces = by_surface(history) if by == "surface" else None
        planned = _planned_per_week(profile, routines)
        weeks = weekly(history, planned, now)
        if fmt == "json":
            emit(render.history_json(history, weeks, surfaces), document=True)
            return
        emit(render.history_text(history, weeks, surfaces, profile.label, detect_terminal()))


def _planned_per_week(profile: Profile, routines: list[Path] | None) -> int:
    """Training days a week in the profile's calendar plan (what adherence is measured on)."""
    from corecoach.planner import build_plan

    outcome = build_plan(profile, library(routines), 1)
    return len(outcome.plan.training_days()) if outcome.plan is not None else 0


# -- journal path | export | import | undo ----------------------------------------------------

journal_app = typer.Typer(
    name="journal", help="The journal file: where it is, export, import, undo.\n\n"
    "Example:  corecoach journal export -o journal.csv",
    no_args_is_help=True, rich_markup_mode=None,
)


@journal_app.command("path")
def path_cmd() -> None:
    """Print where the journal is (it may not exist yet).

    Example:  datasette "$(corecoach journal path)"
    """
    typer.echo(str(journal_path()))


@journal_app.command("export")
def export_cmd(
    output: Annotated[Optional[Path], typer.Option(  # noqa: UP045
        "--output", "-o", help="Write to this file (default: print).")] = None,
    fmt: Annotated[Optional[Literal["csv", "json"]], typer.Option(  # noqa: UP045
        "--format", "-f", help="Output format (default: from -o's extension, else csv).")
    ] = None,
) -> None:
    """Every entry of every profile, in the documented CSV columns (or JSON), oldest first.

    Example:  corecoach journal export -o journal.csv
    """
    from corecoach.cli.console import emit
    from corecoach.journal.csvio import export_format, to_csv, to_json
    from corecoach.journal.store import all_entries, reading

    with reporting():
        where = journal_path()
        chosen = export_format(output, fmt, where)  # never the journal, a .toml, or a guess
        with reading(where) as conn:
            entries = all_entries(conn) if conn is not None else []
        text = to_json(entries) if chosen == "json" else to_csv(entries)
        if output is None or str(output) == "-":
            emit(text, document=True)
        else:
            write_output(text, output)


@journal_app.command("import")
def import_cmd(
    source: Annotated[Path, typer.Argument(metavar="FILE|-", help="CSV or JSON from export.")],
    profile_path: Annotated[Optional[Path], typer.Option(  # noqa: UP045
        "--profile", metavar="PROFILE", help="Rows with an empty profile go to this one.")
    ] = None,
    today: TodayOpt = None,
    allow_duplicates: Annotated[bool, typer.Option(
        "--allow-duplicates", help="Also add rows identical to stored ones.")] = False,
) -> None:
    """Add entries from a CSV (the export's columns) or JSON file; all or nothing.

    Rows identical to stored ones (profile, date, kind and every value) are skipped and
    counted, so importing a backup twice does not double the journal.

    Example:  corecoach journal import journal.csv
    """
    from corecoach.journal.csvio import parse_entries
    from corecoach.journal.reading import read_import
    from corecoach.journal.store import append_new, writing

    with reporting():
        now = today_of(today)
        name = str(source)
        text = read_import(name)  # regular files or stdin, capped, UTF-8, no BOM
        placeholder = "\0profile"  # rows without a profile, until the file checks out
        target = _writer_profile(profile_path) if profile_path is not None else None
        entries = parse_entries(text, name, placeholder if target else None, now)
        if target is not None:
            key = _writer_key(*target)  # only now may the profile gain an id
            entries = [e._replace(profile=key) if e.profile == placeholder else e
                       for e in entries]
        with writing(journal_path()) as conn:
            count, skipped = append_new(conn, entries, dt.datetime.now(dt.UTC),
                                        allow_duplicates=allow_duplicates)
        typer.echo(f"imported {count} entr{'y' if count == 1 else 'ies'} into "
                   f"{journal_path()}" + (f"; skipped {skipped} already there (exact "
                                          "duplicates)" if skipped else ""))


@journal_app.command("undo")
def undo_cmd(
    profile_path: Annotated[Optional[Path], typer.Option(  # noqa: UP045
        "--profile", metavar="PROFILE", help="Undo this profile's last entry (default: the "
        "journal's last entry).")] = None,
) -> None:
    """Remove the last entry logged.

    Example:  corecoach journal undo
    """
    from corecoach.journal.keys import profile_key
    from corecoach.journal.store import reading, undo_last, writing

    with reporting():
        key = None
        if profile_path is not None:
            profile, path = _load(profile_path)
            key = profile_key(profile, path)
        where = journal_path()
        with reading(where) as conn:
            empty = conn is None
        if empty:
            typer.echo("nothing to undo: the journal is empty")
            return
        with writing(where) as conn:
            removed = undo_last(conn, key)
        if removed is None:
            typer.echo("nothing to undo: no entries for this profile")
            return
        typer.echo(f"removed {removed.describe()}")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command("today")(today_cmd)
    app.command("log")(log)
    app.command("check-in")(check_in)
    app.command("history")(history_cmd)
    app.add_typer(journal_app)
