"""`history` on any terminal: a list per week when narrow, this week marked, plurals (E11, E19)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from corecoach.journal.entry import Entry
from corecoach.journal.history import History, by_surface, weekly
from corecoach.render.history import history_json, history_text
from corecoach.render.terminal import Terminal

MONDAY = dt.date(2026, 12, 14)


def _history(*entries: Entry) -> History:
    return History("me", list(entries))


def _session(day: dt.date) -> Entry:
    return Entry(profile="me", date=day, kind="session", status="done", pain_during=2)


def _run(day: dt.date) -> Entry:
    return Entry(profile="me", date=day, kind="activity", sport="running", minutes=30,
                 surface="road", tight_at=20)


HISTORY = _history(_session(dt.date(2026, 12, 1)), _run(dt.date(2026, 12, 2)),
                   _session(MONDAY))


def text(width: int, history: History = HISTORY, surfaces: bool = False) -> str:
    weeks = weekly(history, 3, MONDAY)
    return history_text(history, weeks, by_surface(history) if surfaces else None, "Sam",
                        Terminal(width=width, color=None, encoding="utf-8"))


@pytest.mark.parametrize("width", [40, 50, 80, 120])
@pytest.mark.parametrize("surfaces", [False, True])
def test_no_line_is_cut_or_too_long(width: int, surfaces: bool) -> None:
    out = text(width, surfaces=surfaces)
    assert "…" not in out
    assert max(len(line) for line in out.splitlines()) <= width
    if not surfaces:
        assert "2026-12-01" not in out  # weeks are named by their Monday
        assert "2026-11-30" in out and "2026-12-14" in out


def test_this_week_is_marked_in_progress_and_left_out_of_the_adherence_bars() -> None:
    weeks = weekly(HISTORY, 3, MONDAY)
    assert [w.in_progress for w in weeks] == [False, False, True]
    for width in (40, 80):
        out = text(width)
        assert "2026-12-14 *" in out and "* this week, still in progress" in out
        assert "33% so far" in out
        bars = next(line for line in out.splitlines() if line.startswith("Adherence"))
        assert bars.rstrip().endswith("▁"), "the last bar is the week before, not this one"
    data = json.loads(history_json(HISTORY, weeks, None))
    assert [w["in_progress"] for w in data["weeks"]] == [False, False, True]


def test_one_entry_is_an_entry() -> None:
    assert "1 entry;" in text(80, _history(_session(MONDAY)))
    assert "3 entries;" in text(80)
    narrow = text(40, surfaces=True)
    assert "road: 1 run of" in narrow


def test_the_plan_table_stops_growing_at_120_columns() -> None:
    """E15: at 200 columns the dose stays near its exercise."""
    from tests.dated import dated_example

    from corecoach.library.loader import load_catalog
    from corecoach.planner import build_plan
    from corecoach.render.text import TABLE_MAX_WIDTH, render_text

    plan = build_plan(dated_example("road-runner"), load_catalog(), 1).plan
    assert plan is not None

    def rule(width: int) -> int:
        out = render_text(plan, terminal=Terminal(width=width, color=None, encoding="utf-8"))
        return max(len(line) for line in out.splitlines() if set(line) == {"─"})

    assert rule(200) == rule(TABLE_MAX_WIDTH) == TABLE_MAX_WIDTH == 120
    assert rule(100) == 100
