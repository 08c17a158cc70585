"""One journal entry (a corecoach session, a sport session or a check-in) and its checks."""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal, NamedTuple, get_args

from corecoach.datelimits import out_of_range
from corecoach.vocab import DAY_NAMES, DAYS, SPORTS, SURFACES

Kind = Literal["session", "activity", "check-in", "rating"]
Status = Literal["done", "partial", "skipped"]
KINDS: tuple[Kind, ...] = get_args(Kind)
STATUSES: tuple[Status, ...] = get_args(Status)

#: The CSV columns of DESIGN.md, in order; also the entry's stored fields. Columns added
#: later go at the end (a CSV from an older corecoach, without them, still imports).
COLUMNS: tuple[str, ...] = (
    "profile", "date", "kind", "status", "pain_during", "pain_after", "effort",
    "leg_symptoms", "sport", "minutes", "surface", "tight_at", "pain", "stiffness", "note",
    "reps_left", "session_day", "goal", "score",
)
#: The columns of the first journal format (before reps_left and session_day).
FIRST_COLUMNS = COLUMNS[:15]
#: Every CSV header a corecoach wrote, oldest first: the first format, then with reps_left
#: and session_day (issue 16), then with goal and score (function goals, issue 17).
CSV_HEADERS: tuple[tuple[str, ...], ...] = (FIRST_COLUMNS, COLUMNS[:17], COLUMNS)
MAX_REPS_LEFT = 10
SCALES = ("pain_during", "pain_after", "effort", "pain", "stiffness", "score")
MAX_NOTE = 500
MAX_MINUTES = 1440

#: Which optional fields each kind may fill (the others stay empty).
ALLOWED: dict[Kind, frozenset[str]] = {
    "session": frozenset({"status", "pain_during", "pain_after", "effort", "leg_symptoms",
                          "note", "reps_left", "session_day"}),
    "activity": frozenset({"sport", "minutes", "surface", "tight_at", "pain_after", "effort",
                           "note"}),
    "check-in": frozenset({"pain", "stiffness", "leg_symptoms", "note"}),
    "rating": frozenset({"goal", "score", "note"}),
}
REQUIRED: dict[Kind, tuple[str, ...]] = {
    "session": ("status", "leg_symptoms"),
    "activity": ("sport", "minutes"),
    "check-in": ("pain",),  # leg symptoms left out: not answered (never read as none)
    "rating": ("goal", "score"),  # one function goal's 0-10 ability (PSFS)
}
#: A goal's words, as the profile gives them (3-80 characters).
MAX_GOAL = 80


class Entry(NamedTuple):
    """One line of the journal. ``seq`` is its place in the file (0 before it is stored).

    A named tuple: immutable, and quick to make by the thousand from a long journal.
    """

    profile: str
    date: dt.date
    kind: Kind
    status: Status | None = None
    pain_during: int | None = None
    pain_after: int | None = None
    effort: int | None = None
    leg_symptoms: bool | None = None
    sport: str | None = None
    minutes: int | None = None
    surface: str | None = None
    tight_at: int | None = None
    pain: int | None = None
    stiffness: int | None = None
    note: str | None = None
    reps_left: int | None = None
    session_day: str | None = None  # the planned day's session this was (mon ... sun)
    goal: str | None = None  # a rating: the function goal's words, as in the profile
    score: int | None = None  # a rating: ability at it, 0 (unable) - 10 (as before)
    seq: int = 0

    def reported_pain(self) -> int | None:
        """The back pain this entry reports: a check-in's morning pain, else the pain during
        (None when not recorded)."""
        return self.pain if self.kind == "check-in" else self.pain_during

    def describe(self) -> str:
        """``session 2026-11-26: done, pain during 2/10`` (for messages)."""
        parts: list[str] = []
        if self.kind == "session":
            parts.append(str(self.status))
            if self.pain_during is not None:
                parts.append(f"pain during {self.pain_during}/10")
            if self.pain_after is not None:
                parts.append(f"pain after {self.pain_after}/10")
            if self.effort is not None:
                parts.append(f"effort {self.effort}/10")
            if self.reps_left is not None:
                parts.append(f"{self.reps_left} reps left")
            if self.session_day is not None:
                parts.append(f"{self.session_day}'s session")
        elif self.kind == "rating":
            parts.append(f"{self.goal!r} {self.score}/10")
        elif self.kind == "activity":
            surface = f" on {self.surface}" if self.surface else ""
            parts.append(f"{self.sport} {self.minutes} min{surface}")
            if self.tight_at is not None:
                parts.append(f"back tight at minute {self.tight_at}")
        else:
            parts.append(f"back {self.pain}/10")
            if self.stiffness is not None:
                parts.append(f"stiffness {self.stiffness}/10")
        if self.leg_symptoms:
            parts.append("leg symptoms")
        elif self.kind == "check-in":  # a rating never has leg symptoms
            parts.append("no leg symptoms" if self.leg_symptoms is False
                         else "leg symptoms not answered")
        return f"{self.kind} {self.date}: {', '.join(parts)}"


FIELD_NAMES: tuple[str, ...] = Entry._fields


def entry_problems(entry: Entry, today: dt.date) -> list[tuple[str, str]]:
    """Everything wrong with an entry, as (field, message) pairs; empty when it is fine."""
    out: list[tuple[str, str]] = []
    if entry.kind not in KINDS:
        return [("kind", f"{entry.kind!r} is not a kind (allowed: {', '.join(KINDS)})")]
    if not entry.profile:
        out.append(("profile", "is empty (give the profile's id)"))
    if entry.date > today:
        out.append(("date", f"{entry.date} is after today ({today}); log what has happened"))
    elif (why := out_of_range(entry.date)) is not None:
        out.append(("date", why))
    allowed = ALLOWED[entry.kind]
    for name in COLUMNS[3:]:
        value = getattr(entry, name)
        if value is not None and name not in allowed:
            out.append((name, f"does not apply to a {entry.kind} (leave it empty)"))
    for name in REQUIRED[entry.kind]:
        if getattr(entry, name) is None:
            out.append((name, f"is required for a {entry.kind}"))
    for name in SCALES:
        value = getattr(entry, name)
        if value is not None and not 0 <= value <= 10:
            out.append((name, f"{value} is out of range (allowed: 0-10)"))
    if entry.status is not None and entry.status not in STATUSES:
        out.append(("status", f"{entry.status!r} is not allowed (allowed: "
                    f"{', '.join(STATUSES)})"))
    if entry.sport is not None and entry.sport not in SPORTS:
        out.append(("sport", f"{entry.sport!r} is not a sport (allowed: {', '.join(SPORTS)})"))
    if entry.minutes is not None and not 1 <= entry.minutes <= MAX_MINUTES:
        out.append(("minutes", f"{entry.minutes} is out of range (allowed: 1-{MAX_MINUTES})"))
    if entry.surface is not None:
        if entry.surface not in SURFACES:
            out.append(("surface", f"{entry.surface!r} is not a surface (allowed: "
                        f"{', '.join(SURFACES)})"))
        elif entry.sport is not None and entry.sport != "running":
            out.append(("surface", f"applies to running only (the sport is {entry.sport})"))
    if entry.tight_at is not None and entry.minutes is not None and \
            not 0 <= entry.tight_at <= entry.minutes:
        out.append(("tight_at", f"{entry.tight_at} is outside the session (allowed: "
                    f"0-{entry.minutes} minutes)"))
    if entry.reps_left is not None and not 0 <= entry.reps_left <= MAX_REPS_LEFT:
        out.append(("reps_left", f"{entry.reps_left} is out of range (allowed: "
                    f"0-{MAX_REPS_LEFT})"))
    if entry.session_day is not None and entry.session_day not in DAYS:
        out.append(("session_day", f"{entry.session_day!r} is not a day (allowed: "
                    f"{', '.join(DAYS)})"))
    if entry.goal is not None:
        if not 1 <= len(entry.goal) <= MAX_GOAL:
            out.append(("goal", f"is {len(entry.goal)} characters long (allowed: "
                        f"1-{MAX_GOAL})"))
        elif (why := text_problem(entry.goal)) is not None:
            out.append(("goal", why))
    if entry.note is not None:
        if len(entry.note) > MAX_NOTE:
            out.append(("note", f"is {len(entry.note)} characters long (at most {MAX_NOTE})"))
        elif (why := text_problem(entry.note)) is not None:
            out.append(("note", why))
    return out


#: C0 and C1 control characters and DEL, but tab and line breaks (LF, CR: a note may have
#: several lines); surrogates (undecodable bytes).
_NOT_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|[\ud800-\udfff]")


def text_problem(text: str) -> str | None:
    """Why ``text`` cannot be stored as a note, or None: a control character (an escape
    would reach a terminal) or bytes that are not UTF-8. Tab and line breaks are data: a
    note may have several lines, kept byte for byte (CSV quotes them) and shown as ``\\n``
    on a terminal."""
    found = _NOT_TEXT.search(text)
    if found is None:
        return None
    char = found.group()
    if "\ud800" <= char <= "\udfff":
        return "is not UTF-8 text (the shell passed bytes of another encoding)"
    return (f"holds the control character {char!r} at position {found.start() + 1}; use "
            "plain text (tab and line breaks are allowed)")


#: The `log` / `check-in` option that fills each field (for one-line errors).
OPTIONS: dict[str, str] = {
    "sport": "--activity", "minutes": "--minutes", "surface": "--surface",
    "tight_at": "--tight-at", "pain_during": "--pain-during", "pain_after": "--pain-after",
    "effort": "--effort", "note": "--note", "date": "--date", "status": "--done",
    "pain": "--pain", "stiffness": "--stiffness", "leg_symptoms": "--leg-symptoms",
    "reps_left": "--reps-left", "session_day": "--session", "goal": "--goal",
    "score": "--goal",
}


class LogOptions(NamedTuple):
    """What `log` was given, as typed: numbers are still text, so a mistake gets its own
    one-line error. ``statuses`` holds each of done, partial, skipped that was given."""

    statuses: tuple[str, ...] = ()
    pain_during: str | None = None
    pain_after: str | None = None
    effort: str | None = None
    leg_symptoms: bool = False
    note: str | None = None
    activity: str | None = None
    minutes: str | None = None
    surface: str | None = None
    tight_at: str | None = None
    reps_left: str | None = None
    session_day: str | None = None

    def says_nothing(self) -> bool:
        """No flag at all: on a terminal, `log` asks instead."""
        return self == LogOptions()


_WHOLE = re.compile(r"[+-]?[0-9]{1,9}")


def whole_number(option: str, text: str | None, low: int, high: int) -> int | None:
    """``text`` as a whole number from ``low`` to ``high`` (None stays None); else one
    InputError naming ``option``."""
    from corecoach.errors import InputError

    if text is None:
        return None
    # ASCII digits only, as the CSV import reads them: int() also takes " 5", "1_0", "٣".
    if not _WHOLE.fullmatch(text):
        raise InputError.single(option, "", f"{text!r} is not a whole number "
                                f"(allowed: {low}-{high})")
    value = int(text)
    if not low <= value <= high:
        raise InputError.single(option, "", f"{value} is out of range (allowed: {low}-{high})")
    return value


def _fields_from(given: LogOptions) -> dict[str, object]:
    """Which fields a `log` call fills, by its rules: a sport session or a corecoach one,
    never both; a status for a session; minutes for a sport session."""
    from corecoach.errors import InputError

    if len(given.statuses) > 1:
        raise InputError.single("--" + given.statuses[1], "", "give one of --done, --partial "
                                "and --skipped")
    if given.activity is not None:
        if given.statuses or given.pain_during is not None or given.leg_symptoms or \
                given.reps_left is not None or given.session_day is not None:
            raise InputError.single("--activity", "", "logs a sport session; log the "
                                    "corecoach session separately")
        if given.minutes is None:
            raise InputError.single("--minutes", "", "is required with --activity")
        return {"kind": "activity", "sport": given.activity,
                "minutes": whole_number("--minutes", given.minutes, 1, MAX_MINUTES),
                "surface": given.surface,
                "pain_after": whole_number("--pain-after", given.pain_after, 0, 10),
                "effort": whole_number("--effort", given.effort, 0, 10),
                "tight_at": whole_number("--tight-at", given.tight_at, 0, MAX_MINUTES),
                "note": given.note}
    for option, value in (("--minutes", given.minutes), ("--surface", given.surface),
                          ("--tight-at", given.tight_at)):
        if value is not None:
            raise InputError.single(option, "", "applies with --activity only")
    if not given.statuses:
        tail = " (or run it in a terminal to be asked)" if given.says_nothing() else ""
        raise InputError.single("--done", "", "say how the session went: --done, --partial "
                                f"or --skipped{tail}")
    return {"kind": "session", "status": given.statuses[0],
            "pain_during": whole_number("--pain-during", given.pain_during, 0, 10),
            "pain_after": whole_number("--pain-after", given.pain_after, 0, 10),
            "effort": whole_number("--effort", given.effort, 0, 10),
            "leg_symptoms": given.leg_symptoms, "note": given.note,
            "reps_left": whole_number("--reps-left", given.reps_left, 0, MAX_REPS_LEFT),
            "session_day": _day_name(given.session_day)}


def _day_name(text: str | None) -> str | None:
    """``--session`` as a day (mon ... sun; a full name such as Tuesday is fine)."""
    from corecoach.errors import InputError

    if text is None:
        return None
    typed = text.strip().lower()
    for short in DAYS:
        if len(typed) >= 3 and DAY_NAMES[short].lower().startswith(typed):
            return short
    raise InputError.single("--session", "", f"{text!r} is not a day (allowed: "
                            f"{', '.join(DAYS)})")


def checked(entry: Entry, today: dt.date) -> Entry:
    """``entry`` when it is fine; else one InputError with a line per problem, each naming
    the option that set the field."""
    from corecoach.errors import InputError, Problem

    found = entry_problems(entry, today)
    if found:
        raise InputError([Problem(OPTIONS.get(name, name), "", message)
                          for name, message in found])
    return entry


def entry_from_options(profile: str, day: dt.date, today: dt.date,
                       given: LogOptions) -> Entry:
    """The entry a `log` call records for ``profile`` on ``day``; bad or clashing options
    are one InputError naming the option and the fix."""
    fields = _fields_from(given)
    return checked(Entry(profile, day, **fields), today)  # type: ignore[arg-type]


def check_in_from_options(profile: str, day: dt.date, today: dt.date, *, pain: str | None,
                          stiffness: str | None = None, leg_symptoms: bool | None = None,
                          note: str | None = None) -> Entry:
    """The morning check-in a `check-in` call records; pain is required. ``leg_symptoms``
    None records "not answered", which never lifts a leg-symptom hold."""
    from corecoach.errors import InputError

    value = whole_number("--pain", pain, 0, 10)
    if value is None:
        raise InputError.single("--pain", "", "is required: your back pain this morning, 0-10")
    return checked(Entry(profile, day, "check-in", pain=value,
                         stiffness=whole_number("--stiffness", stiffness, 0, 10),
                         leg_symptoms=leg_symptoms, note=note), today)
