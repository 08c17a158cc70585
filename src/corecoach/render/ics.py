"""The plan as an iCalendar (RFC 5545) file: one event per corecoach training day.

Times are floating local times (no time zone): a session set for 18:30 shows at 18:30
wherever the calendar is opened, like an alarm clock, and no time-zone database is needed.
Output is deterministic: an event's UID is its calendar date and the calendar key (the
profile's ``id``, else a hash of its resolved path, never its name), never the program week,
which the journal may move; and the id the first ``log`` adds is that same hash. DTSTAMP is
the first exported day at midnight UTC, never the clock. So the same profile gives the same
bytes, a re-export after logging, a flare or a rename replaces events in place, and two
clients with the same (or a non-Latin) name never share a UID.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence

from corecoach.errors import InputError
from corecoach.plan import Plan, PlanDay
from corecoach.render.common import item_line, left_out_line, plan_title, session_text

NO_DATES = "a calendar needs dates: set start = YYYY-MM-DD (a Monday) in the profile"

#: How each category is named in an event title, in title order.
TITLE_WORDS: dict[str, str] = {
    "core": "core", "hinge": "hip hinge", "mobility": "mobility",
    "flexibility": "stretches", "breathing": "breathing", "activity": "walk",
}


def slug(text: str) -> str:
    """``Road runner`` -> ``road-runner``; ASCII letters, digits and dashes only."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "plan"


def calendar_key(profile_id: str | None, source: str) -> str:
    """What keys a profile's events: its ``id``, else a short hash of ``source``.

    ``source`` is the profile's resolved path (or, for a profile read from stdin, its
    text). The name is never used: a rename must not duplicate every event on re-import,
    and two people called Иван (or unnamed) must not replace each other's sessions.
    """
    from corecoach.journal.keys import derived_id

    return profile_id or derived_id(source)


def event_uid(day: PlanDay, key: str) -> str:
    """What a person would call the same event: that date's corecoach session, for that key.

    Never the program's start or week: the journal moves them (a missed week, a flare), and
    a UID that followed them would put a second event on the same day at the next import.
    """
    return f"{day.date}-session-{key}@corecoach"


def summary(plan: Plan, day: PlanDay) -> str:
    """What to do, as a calendar shows it: ``Core + good morning, 19 min``."""
    words: list[str] = []
    for category in TITLE_WORDS:
        items = [i for i in day.items if i.category == category]
        if not items:
            continue
        word = TITLE_WORDS[category]
        if category == "hinge" and any(i.exercise.startswith("good-morning") for i in items):
            word = "good morning"
        words.append(word)
    words += sorted({i.category for i in day.items} - set(TITLE_WORDS))
    what = " + ".join(words) or "corecoach"
    deload = " (deload week)" if plan.deload else ""
    return f"{what[0].upper()}{what[1:]}, {day.minutes} min{deload}"


def description(plan: Plan, day: PlanDay) -> str:
    """The session as plain text: the week, the person's own training, each item."""
    lines = [plan_title(plan)]
    lines += [f"Read first: {alert}" for alert in plan.alerts]
    if day.sessions:
        lines.append("Your own training: " + ", ".join(session_text(s) for s in day.sessions))
    lines.append("")
    lines += [f"- {item_line(item)}" for item in day.items]
    if plan.left_out:
        lines += ["", "Left out this week: " + "; ".join(left_out_line(lo) for lo in plan.left_out)]
    lines += ["", plan.disclaimer]
    return "\n".join(lines)


def parse_start_time(text: str) -> dt.time:
    """``18:30`` -> a time; anything else is an InputError naming --time."""
    try:
        return dt.datetime.strptime(text, "%H:%M").time()
    except ValueError:
        raise InputError.single("--time", "", f"{text!r} is not a time (use HH:MM, "
                                "e.g. 18:30)") from None


def parse_alarm(text: str) -> dt.timedelta:
    """``15m``, ``1h``, ``90`` (minutes) -> how long before a session its reminder goes off."""
    found = re.fullmatch(r"\s*(\d{1,4})\s*(m|min|h)?\s*", text)
    if found is None:
        raise InputError.single("--alarm", "", f"{text!r} is not a reminder time "
                                "(use minutes or hours before the session: 15m, 1h)")
    amount, unit = int(found[1]), found[2] or "m"
    minutes = amount * 60 if unit == "h" else amount
    if minutes > 7 * 24 * 60:
        raise InputError.single("--alarm", "", f"{text!r} is more than a week before the "
                                "session (allowed: 0m-168h)")
    return dt.timedelta(minutes=minutes)


def render_ics(plans: Sequence[Plan], start_time: str = "18:30", *, key: str,
               alarm: dt.timedelta | None = None) -> str:
    """Every training day of ``plans`` as one calendar, each event at ``start_time``.

    ``key`` (see :func:`calendar_key`) makes the UIDs; ``alarm`` adds a reminder that long
    before each session. Raises InputError when a plan has no dates (the profile has no
    ``start``) or when there is no training day at all to put in the calendar.
    """
    at = parse_start_time(start_time)
    for plan in plans:
        if plan.start is None or any(day.date is None for day in plan.days):
            raise InputError.single("start", "", NO_DATES)
    days = [(plan, day) for plan in plans for day in plan.training_days()]
    if not days:
        raise InputError.single("--format ics", "", "there is no corecoach session in "
                                "this plan, so there is nothing to put in a calendar")

    # Imported here: icalendar costs about 100 ms and only this format needs it.
    from icalendar import Alarm, Calendar, Event

    first = plans[0]
    first_day = days[0][1].date
    assert first_day is not None
    # A later export has a later stamp, so a client that compares them keeps the newest.
    stamp = dt.datetime.combine(first_day, dt.time(0, 0), tzinfo=dt.UTC)
    calendar = Calendar.new(
        prodid=f"-//corecoach//corecoach {first.corecoach}//EN",
        uid=f"calendar-{key}@corecoach",
        name=f"corecoach: {first.name or 'plan'}",
    )
    seen: set[str] = set()
    for plan, day in days:
        assert day.date is not None
        uid = event_uid(day, key)
        if uid in seen:  # one event per day, even if two weeks were to share a date
            continue
        seen.add(uid)
        start = dt.datetime.combine(day.date, at)  # floating: no tzinfo on purpose
        title = summary(plan, day)
        event = Event.new(
            uid=uid,
            stamp=stamp,
            start=start,
            end=start + dt.timedelta(minutes=max(day.minutes, 1)),
            summary=title,
            description=description(plan, day),
            categories=["corecoach"],
        )
        if alarm is not None:
            # Built by hand: Alarm.new() would add a random UID and break byte-identity.
            reminder = Alarm()
            reminder.add("action", "DISPLAY")
            reminder.add("description", title)
            reminder.add("trigger", -alarm)
            event.add_component(reminder)
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data.decode("utf-8")
