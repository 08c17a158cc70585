"""Small text helpers every renderer shares: doses, day names, headings."""

from __future__ import annotations

from corecoach.plan import LeftOut, Plan, PlanDay, PlanItem, Session
from corecoach.vocab import DAY_NAMES


def format_reps(reps: int | list[int] | None) -> str:
    """``[6, 4, 2]`` -> ``6-4-2``; ``8`` -> ``8``."""
    if reps is None:
        return ""
    if isinstance(reps, int):
        return str(reps)
    return "-".join(str(r) for r in reps)


def format_seconds(seconds: int) -> str:
    """``300`` -> ``5 min``; ``90`` -> ``90 s``."""
    if seconds >= 120 and seconds % 60 == 0:
        return f"{seconds // 60} min"
    return f"{seconds} s"


def format_dose(item: PlanItem) -> str:
    """A dose in gym shorthand: ``6-4-2 x 10 s each side``, ``2 x 10``, ``5 min``."""
    if item.reps is None:
        seconds = item.seconds or 0
        text = format_seconds(seconds) if item.sets == 1 else f"{item.sets} x {seconds} s"
    elif isinstance(item.reps, list):
        # A pyramid lists one number per set: 6-4-2 holds, 10 s each.
        text = format_reps(item.reps) + (f" x {item.seconds} s" if item.seconds else "")
    else:
        text = f"{item.sets} x {item.reps}" if item.sets > 1 else f"{item.reps} reps"
        if item.seconds:
            text += f", {item.seconds} s hold"
    if item.load_kg is not None:
        text += f" @ {item.load_kg:g} kg"
    if item.per_side:
        text += " /side"
    return text


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
    """``running 50 min (road)``."""
    surface = f" ({session.surface})" if session.surface else ""
    return f"{session.sport} {session.minutes} min{surface}"


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
