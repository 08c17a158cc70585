"""Today's session: one day of the plan, with the morning check-in if one is due."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

from corecoach.days import day_of, weekday_name
from corecoach.plan import json_data
from corecoach.render.common import escape_controls, item_line, session_text
from corecoach.render.terminal import Terminal, wrap_text

if TYPE_CHECKING:
    from corecoach.coach import TodayView


def _due_text(due: dt.date, today: dt.date) -> str:
    when = "" if due == today else f" --date {due}"
    return f"corecoach check-in --pain N{when}"


def render_today_text(view: TodayView, terminal: Terminal | None = None) -> str:
    """A few plain lines: quick to read, quick to print.

    Every line wraps to ``terminal``'s width (80 columns by default), list items with a
    hanging indent, in characters its encoding can show.
    """
    terminal = terminal or Terminal()
    return wrap_text(_today_lines(view, terminal.width), terminal)


def _with_command(lead: str, command: str, width: int, tail: str = "") -> list[str]:
    """``lead command tail`` on one line when it fits; else the command starts a line of
    its own, indented, so it is never split from its options when it fits a line."""
    line = " ".join(part for part in (lead, command, tail) if part)
    if len(line) <= width:
        return [line]
    return [lead, f"  {command}", *([f"  {tail}"] if tail else [])]


def _today_lines(view: TodayView, width: int) -> str:
    name = weekday_name(view.date)
    title = f"{name} {view.date.day} {view.date.strftime('%b')}"
    out: list[str] = []
    if view.check_in_due is not None:
        due = _due_text(view.check_in_due, view.date)
        out += [*_with_command("Morning check-in due: how is your back?", due, width), ""]
    if view.rate_due is not None:
        out += [view.rate_due, ""]
    if view.withheld is not None or view.day is None:
        out += [f"{title}: no session - plan withheld for your safety", view.withheld or ""]
        out += [f"! {alert}" for alert in view.alerts]
        return _shown(out)
    out.append(f"{title} - week {view.week} of {view.weeks}")
    out += [f"! {alert}" for alert in view.alerts]
    for session in view.day.sessions:
        out.append(f"Your training: {session_text(session)}")
    if view.day.items:
        out.append(f"corecoach, about {view.day.minutes} min:")
        for item in view.day.items:
            out.append(f"  - {item_line(item)}")
            if item.caution:  # the stop rule, under its item (issue 18, item 7)
                out.append(f"    {item.caution}")
        out += _with_command("Then:", "corecoach log --done --pain-during N", width,
                             "(or --partial / --skipped)")
    else:
        out.append("No corecoach session today: rest, or an easy walk.")
    groups: dict[tuple[str, str], list[str]] = {}
    for a in view.adapted:
        groups.setdefault((a.decision, a.because), []).append(a.chain)
    if groups:
        out.append("Adapted from your journal:")
        out += [f"  - {decision} ({', '.join(chains)}): {because}"
                for (decision, because), chains in groups.items()]
    return _shown(out)


def _shown(lines: list[str]) -> str:
    """The lines as one text, with no control character from a file left raw (an adapt
    rule's alert or reason, an exercise name): they are shown as escapes."""
    return "\n".join(escape_controls(line) for line in lines) + "\n"


def render_today_json(view: TodayView) -> str:
    """``{"date", "day", "week", "activities", "items", "check_in_due"}`` plus context
    (``adapted`` for today's chains, ``alerts``, and ``withheld`` with its reason)."""
    from corecoach.output_schemas import OUTPUT_FORMAT

    data: dict[str, Any] = {
        "format": OUTPUT_FORMAT,
        "date": view.date.isoformat(),
        "day": day_of(view.date),
        "week": view.week,
        "activities": [s.sport for s in view.day.sessions] if view.day else [],
        "items": json_data(view.day.items) if view.day else [],
        "check_in_due": view.check_in_due.isoformat() if view.check_in_due else None,
        "adapted": json_data(view.adapted),
        "alerts": view.alerts,
        "withheld": view.withheld,
        "rate_due": view.rate_due,
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
