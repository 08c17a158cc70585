"""The plan as an iCalendar (RFC 5545) file: one event per corecoach training day.

Times are floating local times (no time zone): a session set for 18:30 shows at 18:30
wherever the calendar is opened, like an alarm clock, and no time-zone database is needed.
Output is deterministic: UIDs come from a calendar key (the profile's ``id``, else a hash of
its resolved path, never its name), the program's start date, the week and the day, and
DTSTAMP is the program's start date at midnight UTC, never the clock. So the same profile
gives the same bytes, a re-import updates events in place, renaming the person changes no
UID, and two clients with the same (or a non-Latin) name never share one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
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
    if profile_id:
        return profile_id
    return "p" + hashlib.sha256(source.encode("utf-8")).hexdigest()[:16]


def event_uid(plan: Plan, day: PlanDay, key: str) -> str:
    """A UID that stays the same between runs and renames: start, week, day and key."""
    return f"{plan.start}-w{plan.week}-{day.day}-{key}@corecoach"


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
    assert first.start is not None
    calendar = Calendar.new(
        prodid=f"-//corecoach//corecoach {first.corecoach}//EN",
        uid=f"{first.start}-{key}@corecoach",
        name=f"corecoach: {first.name or 'plan'}",
    )
    for plan, day in days:
        assert plan.start is not None and day.date is not None
        start = dt.datetime.combine(day.date, at)  # floating: no tzinfo on purpose
        title = summary(plan, day)
        event = Event.new(
            uid=event_uid(plan, day, key),
            stamp=dt.datetime.combine(plan.start, dt.time(0, 0), tzinfo=dt.UTC),
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
