"""Small text helpers every renderer shares: doses, day names, headings, escaping."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from typing import Any, TypeVar

from pydantic import BaseModel

from corecoach.plan import LeftOut, Plan, PlanDay, PlanItem, Session, format_dose
from corecoach.vocab import DAY_NAMES

T = TypeVar("T")
#: C0 and C1 control characters and DEL: none may reach a terminal or a file raw.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def escape_controls(text: str, keep: str = "\t") -> str:
    """Show control characters in text from files as escapes (``\\x1b``, ``\\n``).

    An ESC from a profile name or a definition would otherwise set the terminal's title or
    colours, hide output, or break a calendar line. ``keep`` lists the ones left as they are
    (tab by default; ``"\\t\\n"`` for whole rendered texts).
    """
    def shown(match: re.Match[str]) -> str:
        char = match.group()
        if char in keep:
            return char
        return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char, f"\\x{ord(char):02x}")

    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(shown, text)


def escaped(value: T) -> T:
    """``value`` (a Plan, a Withheld, any model or dataclass, list or text) with every string
    escaped."""
    result: Any = value
    if isinstance(value, str):
        result = escape_controls(value)
    elif isinstance(value, BaseModel):
        update = _escaped_fields(value, type(value).model_fields)
        result = value.model_copy(update=update) if update else value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        update = _escaped_fields(value, (f.name for f in dataclasses.fields(value)))
        result = dataclasses.replace(value, **update) if update else value
    elif isinstance(value, list | tuple):
        items = [escaped(v) for v in value]
        if any(a is not b for a, b in zip(items, value, strict=True)):
            result = type(value)(items)
    elif isinstance(value, dict):
        pairs = {k: escaped(v) for k, v in value.items()}
        if any(pairs[k] is not v for k, v in value.items()):
            result = pairs
    return result  # type: ignore[no-any-return]


def _escaped_fields(value: object, names: Iterable[str]) -> dict[str, Any]:
    """The fields of ``value`` that :func:`escaped` changes, with their new values."""
    update = {}
    for name in names:
        old = getattr(value, name)
        new = escaped(old)
        if new is not old:
            update[name] = new
    return update


def short_day(day: PlanDay) -> str:
    """``Mon 30 Nov`` or ``Mon``."""
    name = DAY_NAMES[day.day][:3]
    return name if day.date is None else f"{name} {day.date.day} {day.date.strftime('%b')}"


def day_title(day: PlanDay) -> str:
    """``Monday 30 Nov`` or ``Monday`` when the plan has no start date."""
    name = DAY_NAMES[day.day]
    if day.date is None:
        return name
    return f"{name} {day.date.day} {day.date.strftime('%b')}"


def session_text(session: Session) -> str:
    """``running 50 min (road)``; during the road return ``running 50 min: first 15 on
    the road, then trail or treadmill``."""
    if session.route:
        first, *rest = session.route
        then = f", then {rest[0].surface}" if rest else ""
        where = "on the road" if first.surface == "road" else f"on {first.surface}"
        return f"{session.label} {session.minutes} min: first {first.minutes} {where}{then}"
    surface = f" ({session.surface})" if session.surface else ""
    return f"{session.label} {session.minutes} min{surface}"


def session_cell(session: Session) -> str:
    """A session in a narrow cell (the printed page): ``running 50 min: 15 road, 35
    off-road`` during the road return, else as ``session_text``."""
    if session.route and len(session.route) > 1:
        road, rest = session.route[0], sum(leg.minutes for leg in session.route[1:])
        return f"{session.label} {session.minutes} min: {road.minutes} road, {rest} off-road"
    return session_text(session)


def plan_title(plan: Plan) -> str:
    """``Road runner - week 1 of 8`` plus ``(deload)``."""
    who = f"{plan.name} - " if plan.name else ""
    deload = " (deload week: lighter on purpose)" if plan.deload else ""
    return f"{who}week {plan.week} of {plan.weeks}{deload}"


def date_range(plan: Plan) -> str:
    """``30 Nov - 6 Dec 2026``, or empty without a start date."""
    first, last = plan.days[0].date, plan.days[-1].date
    if first is None or last is None:
        return ""
    return f"{first.day} {first.strftime('%b')} - {last.day} {last.strftime('%b %Y')}"


def timing_text(timing: str | None) -> str:
    """How a timing reads to a person: ``before running``; ``separately`` as a separate
    session (another time of the day than the sport)."""
    if timing == "separately":
        return "separate session"
    return timing or ""


def left_out_line(entry: LeftOut) -> str:
    """``pallof-presses (road-running-back): needs equipment you have not listed: band``."""
    return f"{entry.id} ({', '.join(entry.rules)}): {entry.because}"


def item_line(item: PlanItem) -> str:
    """``Bird dog: 6-4-2 x 10 s each side (before running)``."""
    when = f" ({timing_text(item.timing)})" if item.timing else ""
    return f"{item.name}: {format_dose(item)}{when}"


def adapted_lines(plan: Plan) -> list[str]:
    """The journal's decisions, one line per distinct reason: ``repeat (hinges): ...``."""
    groups: dict[tuple[str, str], list[str]] = {}
    for a in plan.adapted:
        groups.setdefault((a.decision, a.because), []).append(a.chain)
    return [f"{decision} ({', '.join(chains)}): {because}"
            for (decision, because), chains in groups.items()]
