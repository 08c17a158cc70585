"""The plan as an iCalendar (RFC 5545) file: one event per corecoach training day.

Times are floating local times (no time zone): a session set for 18:30 shows at 18:30
wherever the calendar is opened, like an alarm clock, and no time-zone database is needed.
Output is deterministic: UIDs come from the program's start date, the week, the day and
the profile's name, and DTSTAMP is the program's start date at midnight UTC, never the
clock, so the same profile gives the same bytes and a re-import updates events in place.
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


def slug(text: str) -> str:
    """``Road runner`` -> ``road-runner``; ASCII letters, digits and dashes only."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "plan"


def event_uid(plan: Plan, day: PlanDay) -> str:
    """A UID that stays the same between runs: start date, week, day and profile name."""
    return f"{plan.start}-w{plan.week}-{day.day}-{slug(plan.name or 'plan')}@corecoach"


def summary(day: PlanDay) -> str:
    """``corecoach: 6 exercises, 17 min``."""
    count = len(day.items)
    return f"corecoach: {count} {'exercise' if count == 1 else 'exercises'}, {day.minutes} min"


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


def _start_time(text: str) -> dt.time:
    try:
        return dt.datetime.strptime(text, "%H:%M").time()
    except ValueError:
        raise InputError.single("--time", "", f"{text!r} is not a time (use HH:MM, "
                                "e.g. 18:30)") from None


def render_ics(plans: Sequence[Plan], start_time: str = "18:30") -> str:
    """Every training day of ``plans`` as one calendar, each event at ``start_time``.

    Raises InputError when a plan has no dates (the profile has no ``start``) or when
    there is no training day at all to put in the calendar.
    """
    at = _start_time(start_time)
    for plan in plans:
        if plan.start is None or any(day.date is None for day in plan.days):
            raise InputError.single("start", "", NO_DATES)
    days = [(plan, day) for plan in plans for day in plan.training_days()]
    if not days:
        raise InputError.single("--format ics", "", "there is no corecoach session in "
                                "this plan, so there is nothing to put in a calendar")

    # Imported here: icalendar costs about 100 ms and only this format needs it.
    from icalendar import Calendar, Event

    first = plans[0]
    assert first.start is not None
    who = first.name or "plan"
    calendar = Calendar.new(
        prodid=f"-//corecoach//corecoach {first.corecoach}//EN",
        uid=f"{first.start}-{slug(who)}@corecoach",
        name=f"corecoach: {who}",
    )
    for plan, day in days:
        assert plan.start is not None and day.date is not None
        start = dt.datetime.combine(day.date, at)  # floating: no tzinfo on purpose
        calendar.add_component(Event.new(
            uid=event_uid(plan, day),
            stamp=dt.datetime.combine(plan.start, dt.time(0, 0), tzinfo=dt.UTC),
            start=start,
            end=start + dt.timedelta(minutes=max(day.minutes, 1)),
            summary=summary(day),
            description=description(plan, day),
            categories=["corecoach"],
        ))
    data: bytes = calendar.to_ical()
    return data.decode("utf-8")
