"""The journal commands: today, log, check-in, history, and journal path|export|import|undo.

Each opens the journal (SQLite, see corecoach.journal.store), calls the core and renders.
"""

# No `from __future__ import annotations`: typer would evaluate the commands' annotation
# strings again (twice) every time one of them runs.

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal, Optional

import typer

from corecoach import words
from corecoach.cli.common import (
    journal_inputs,
    library,
    reporting,
    write_output,
)
from corecoach.cli.console import say
from corecoach.cli.journal_files import (
    entry_day,
    journal_profile,
    renew_profile_id,
    store_entries,
    writer_key,
    writer_profile,
)
from corecoach.cli.options import (
    DateOpt,
    ListFormat,
    NoteOpt,
    ProfileArg,
    RoutinesOpt,
    SinceOpt,
    TodayOpt,
    parse_date,
    today_of,
)
from corecoach.cli.prompting import drive, interactive
from corecoach.journal_inputs import journal_history
from corecoach.paths import default_journal_path
from corecoach.vocab import Sport, Surface

if TYPE_CHECKING:
    from corecoach.journal.entry import Entry, LogOptions


def _scale(name: str, text: str) -> object:
    """A 0-10 option, read as text so a mistake gets corecoach's own one-line error."""
    return typer.Option(name, metavar="0-10", show_default=False, help=text)


Scale = Optional[str]  # noqa: UP045 - typer needs Optional here on 3.11


# -- log and check-in ---------------------------------------------------------------------


def log(
    profile_path: ProfileArg = None,
    done: Annotated[bool, typer.Option("--done", help="Did the whole session.")] = False,
    partial: Annotated[bool, typer.Option("--partial", help="Did part of it.")] = False,
    skipped: Annotated[bool, typer.Option("--skipped", help="Skipped it.")] = False,
    pain_during: Annotated[Scale, _scale("--pain-during", "Back pain during it, 0-10.")]
    = None,
    pain_after: Annotated[Scale, _scale("--pain-after", "Back pain right after, 0-10.")]
    = None,
    effort: Annotated[Scale, _scale("--effort", "Effort of the hardest set, 0-10 (10: "
                                    "nothing left).")] = None,
    reps_left: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--reps-left", metavar="N", help="Reps you could still have done on the last "
        "loaded set (reps in reserve); the load goes up only with 2 or more.")] = None,
    session: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--session", metavar="DAY", help="Which planned day's session this was (mon ... "
        "sun; default: that weekday's, or on a free day the week's earliest not yet "
        "done).")] = None,
    leg_symptoms: Annotated[bool, typer.Option(
        "--leg-symptoms", help="Pain, tingling or numbness going down a leg.")] = False,
    note: NoteOpt = None,
    activity: Annotated[Optional[Sport], typer.Option(  # noqa: UP045
        "--activity", help="Log a sport session instead.")] = None,
    minutes: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--minutes", metavar="N", help="With --activity: how long.")] = None,
    surface: Annotated[Optional[Surface], typer.Option(  # noqa: UP045
        "--surface", help="With --activity running: what you ran on.")] = None,
    tight_at: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--tight-at", metavar="MIN",
        help="With --activity: the minute your back tightened; a run logged without it "
        "did not tighten.")
    ] = None,
    date: DateOpt = None,
    today: TodayOpt = None,
    new_id: Annotated[bool, typer.Option(
        "--new-id", help="First give the profile a new random id: for a copied profile "
        "(another person's file with the same id), so its entries stop mixing with the "
        "original's.")] = False,
) -> None:
    """Record a corecoach session, or with --activity a sport session (the trigger diary).

    With no flags on a terminal it asks, with Enter keeping each default.

    Examples:

      corecoach log --done --pain-during 2 --pain-after 1 --effort 5

      corecoach log --done --pain-during 3 --effort 8 --reps-left 2 --session mon

      corecoach log --skipped --note "travelling"

      corecoach log --activity running --minutes 45 --surface road --tight-at 30

      corecoach log client2.toml --done --new-id    # a copy of client1.toml

    A run logged without --tight-at is a run on which the back did not tighten.
    """
    from corecoach.journal.entry import LogOptions, entry_from_options

    with reporting():
        now = today_of(today)
        day = entry_day(date, now)
        given = LogOptions(
            tuple(s for s, on in (("done", done), ("partial", partial), ("skipped", skipped))
                  if on),
            pain_during, pain_after, effort, leg_symptoms, note, activity, minutes, surface,
            tight_at, reps_left, session)
        if given.says_nothing() and interactive():
            given = _ask_session()
        profile_id, path = writer_profile(profile_path)
        entry_from_options("?", day, now, given)  # every mistake is said before any write
        if new_id:
            profile_id = renew_profile_id(path)
        entry = entry_from_options(writer_key(profile_id, path), day, now, given)
        store_entries(entry, path)
        say(f"logged {entry.describe()}")
        if entry.kind == "session" and entry.status != "skipped":
            morning = day + dt.timedelta(days=1)
            when = "Tomorrow morning: " if day == now else f"For the morning of {morning}: "
            extra = "" if day == now else f" --date {morning}"
            say(f"{when}corecoach check-in --pain N{extra} (0-10), so the plan knows how "
                "your back took it.")
        if entry.leg_symptoms:
            _leg_warning()
        _severe_advice(entry, path, now)


def _severe_advice(entry: "Entry", path: Path, now: dt.date) -> None:
    """Advice at once after severe pain (corecoach.coach.entry_advice). Below the lowest
    limit a library may set, none can be due: the profile and library load only above it."""
    from corecoach.library.limits import LIMITS

    if (entry.reported_pain() or 0) < LIMITS["severe-pain"].low:
        return
    from corecoach.coach import entry_advice
    from corecoach.profile import load_profile

    advice = entry_advice(load_profile(path), library(None), entry, now)
    if advice is not None:
        say(advice, err=True)


def _ask_session() -> "LogOptions":
    """The session's answers, asked like `init`'s questions (Enter keeps the default and
    records nothing for a measurement)."""
    from corecoach.errors import InputError
    from corecoach.questionnaire import session_questions

    try:
        return drive(session_questions())
    except EOFError:
        raise InputError.single("", "", "input ended before the last question; nothing was "
                                "written") from None


def _leg_warning() -> None:
    say("Leg symptoms hold your plan: please see a doctor or physiotherapist. A check-in "
        "without leg symptoms lifts the hold.", err=True)


def check_in(
    profile_path: ProfileArg = None,
    pain: Annotated[Scale, _scale("--pain", "Back pain this morning, 0-10 (required).")]
    = None,
    stiffness: Annotated[Scale, _scale("--stiffness", "Stiffness this morning, 0-10.")]
    = None,
    leg_symptoms: Annotated[Optional[bool], typer.Option(  # noqa: UP045
        "--leg-symptoms/--no-leg-symptoms", show_default=False,
        help="Pain, tingling or numbness going down a leg, or none. Left out: not "
        "answered, which never lifts a leg-symptom hold (on a terminal it asks).")] = None,
    note: NoteOpt = None,
    date: DateOpt = None,
    today: TodayOpt = None,
) -> None:
    """Record the morning check: back pain (0-10), stiffness, and leg symptoms or none.

    The morning after a session it tells the plan whether your back settled. Exit 3 when
    the journal still holds the plan (leg symptoms not yet recorded as gone).

    Example:  corecoach check-in --pain 1 --stiffness 2 --no-leg-symptoms
    """
    from corecoach.journal.entry import check_in_from_options

    with reporting():
        now = today_of(today)
        day = entry_day(date, now)
        profile_id, path = writer_profile(profile_path)

        def entry_for(key: str) -> "Entry":
            return check_in_from_options(key, day, now, pain=pain, stiffness=stiffness,
                                         leg_symptoms=leg_symptoms, note=note)

        entry_for("?")  # every mistake is said before anything is written
        if leg_symptoms is None and interactive():
            leg_symptoms = _ask_legs()
        entry = entry_for(writer_key(profile_id, path))
        store_entries(entry, path)
        say(f"logged {entry.describe()}")
        if leg_symptoms:
            _leg_warning()
        _severe_advice(entry, path, now)
        _still_held(entry, path, now)


def _ask_legs() -> bool | None:
    from corecoach.questionnaire import leg_question

    try:
        return drive(leg_question())
    except EOFError:
        return None


def _still_held(entry: "Entry", path: Path, now: dt.date) -> None:
    """Exit 3 with the reason when the journal still holds the plan. Only a journal with
    leg symptoms in it can hold, so the plan is worked out only then."""
    from corecoach.journal.store import read_profile_entries

    entries = read_profile_entries(default_journal_path(), entry.profile)
    if not any(e.leg_symptoms for e in entries):
        return
    from corecoach.coach import journal_hold
    from corecoach.errors import ExitCode
    from corecoach.journal.history import History
    from corecoach.profile import load_profile

    reason = journal_hold(load_profile(path), library(None), now,
                          History(entry.profile, entries))
    if reason is not None:
        say(f"The plan stays on hold: {reason}", err=True)
        raise typer.Exit(int(ExitCode.WITHHELD))


# -- today ----------------------------------------------------------------------------------


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
    from corecoach.cli.console import detect_terminal, emit
    from corecoach.coach import today_for
    from corecoach.errors import ExitCode
    from corecoach.render.today import render_today_json, render_today_text

    with reporting():
        now = today_of(today)
        profile, path = journal_profile(profile_path)
        catalog = library(routines)
        history, state = journal_inputs(profile, path, now, catalog)
        view = today_for(profile, catalog, now, history, state=state)
        text = (render_today_json(view) if fmt == "json"
                else render_today_text(view, detect_terminal()))
        emit(text, document=fmt == "json")
        if view.withheld is not None:
            raise typer.Exit(int(ExitCode.WITHHELD))


# -- history --------------------------------------------------------------------------------


def history_cmd(
    profile_path: ProfileArg = None,
    since: SinceOpt = None,
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
    from corecoach.cli.console import detect_terminal, emit, stdout_is_terminal
    from corecoach.coach import history_for
    from corecoach.journal.csvio import to_csv
    from corecoach.render import history as render

    with reporting():
        now = today_of(today)
        first = parse_date("--since", since) if since else None
        profile, path = journal_profile(profile_path)
        view = history_for(profile, library(routines), now, journal_history(profile, path),
                           first, by_surface=by == "surface")
        if fmt == "csv":
            emit(to_csv(view.history.entries, one_line=stdout_is_terminal()), document=True)
        elif fmt == "json":
            emit(render.history_json(view.history, view.weeks, view.surfaces, view.goals),
                 document=True)
        elif first is not None and not view.history.entries:
            emit(f"No journal entries on or after {first}.\n")
        else:
            emit(render.history_text(view.history, view.weeks, view.surfaces, view.label,
                                     detect_terminal(), view.goals))


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
    typer.echo(str(default_journal_path()))


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
    from corecoach.cli.console import emit, stdout_is_terminal
    from corecoach.journal.csvio import export_format, to_csv, to_json
    from corecoach.journal.store import all_entries, reading

    with reporting():
        where = default_journal_path()
        chosen = export_format(output, fmt, where)  # never the journal, a .toml, or a guess
        with reading(where) as conn:
            entries = all_entries(conn) if conn is not None else []
        to_screen = output is None or str(output) == "-"
        # On a terminal a note's line breaks show as \n: one line per entry.
        text = to_json(entries) if chosen == "json" else to_csv(
            entries, one_line=to_screen and stdout_is_terminal())
        if to_screen:
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
        target = writer_profile(profile_path) if profile_path is not None else None
        entries = parse_entries(text, name, placeholder if target else None, now)
        if target is not None:
            key = writer_key(*target)  # only now may the profile gain an id
            entries = [e._replace(profile=key) if e.profile == placeholder else e
                       for e in entries]
        with writing(default_journal_path()) as conn:
            count, skipped = append_new(conn, entries, dt.datetime.now(dt.UTC),
                                        allow_duplicates=allow_duplicates)
        typer.echo(f"imported {words.count(count, 'entry', 'entries')} into "
                   f"{default_journal_path()}" + (f"; skipped {skipped} already there (exact "
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
            profile, path = journal_profile(profile_path)
            key = profile_key(profile, path)
        where = default_journal_path()
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
