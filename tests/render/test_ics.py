"""The iCalendar export: golden files, round trip, UIDs, determinism, missing dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from icalendar import Calendar, Component
from tests.goldens import assert_golden
from typer.testing import CliRunner

from corecoach.cli import app
from corecoach.errors import InputError
from corecoach.library.loader import load_catalog
from corecoach.plan import Plan
from corecoach.planner import build_plan, plan_weeks
from corecoach.profile import load_profile
from corecoach.render.common import item_line
from corecoach.render.ics import render_ics, slug
from corecoach.resources import example_path

CATALOG = load_catalog()
EXAMPLES = ["road-runner", "desk-worker", "lifter"]
TODAY = ["--today", "2026-11-26"]


def plan_of(name: str, week: int = 1) -> Plan:
    outcome = build_plan(load_profile(example_path(name)), CATALOG, week)
    assert outcome.plan is not None
    return outcome.plan


def all_weeks(name: str) -> list[Plan]:
    return [o.plan for o in plan_weeks(load_profile(example_path(name)), CATALOG)
            if o.plan is not None]


def events(text: str) -> list[Component]:
    return list(Calendar.from_ical(text).walk("VEVENT"))


@pytest.mark.parametrize("name", EXAMPLES)
def test_golden_ics(name: str) -> None:
    assert_golden(f"{name}-week1.ics", render_ics([plan_of(name)]))


@pytest.mark.parametrize("name", EXAMPLES)
def test_one_event_per_training_day(name: str) -> None:
    plan = plan_of(name)
    found = events(render_ics([plan]))
    days = plan.training_days()
    assert len(found) == len(days) > 0
    for event, day in zip(found, days, strict=True):
        assert event["UID"] == f"2026-11-30-w1-{day.day}-{slug(plan.name or '')}@corecoach"
        start = event.decoded("DTSTART")
        assert start == dt.datetime.combine(day.date, dt.time(18, 30))  # type: ignore[arg-type]
        assert start.tzinfo is None, "floating local time"
        assert event.decoded("DTEND") - start == dt.timedelta(minutes=day.minutes)
        count = len(day.items)
        assert str(event["SUMMARY"]) == (
            f"corecoach: {count} exercise{'s' if count != 1 else ''}, {day.minutes} min")
        assert event.decoded("DTSTAMP") == dt.datetime(2026, 11, 30, tzinfo=dt.UTC)
        text = str(event["DESCRIPTION"])
        for item in day.items:
            assert f"- {item_line(item)}" in text
        assert plan.disclaimer in text


def test_summary_matches_the_issue_example() -> None:
    plan = plan_of("road-runner")
    summaries = [str(e["SUMMARY"]) for e in events(render_ics([plan]))]
    assert all(s.startswith("corecoach: ") and s.endswith(" min") for s in summaries)
    assert "exercises, " in summaries[0]


def test_start_time_is_used() -> None:
    found = events(render_ics([plan_of("lifter")], start_time="07:05"))
    assert {e.decoded("DTSTART").time() for e in found} == {dt.time(7, 5)}


def test_bad_start_time_is_an_input_error() -> None:
    with pytest.raises(InputError, match="not a time"):
        render_ics([plan_of("lifter")], start_time="25:99")


@pytest.mark.parametrize("name", EXAMPLES)
def test_all_weeks_in_one_calendar_with_unique_uids(name: str) -> None:
    plans = all_weeks(name)
    found = events(render_ics(plans))
    assert len(found) == sum(len(p.training_days()) for p in plans)
    uids = [str(e["UID"]) for e in found]
    assert len(set(uids)) == len(uids)
    who = slug(plans[0].name or "")
    assert uids == [f"2026-11-30-w{p.week}-{d.day}-{who}@corecoach"
                    for p in plans for d in p.training_days()]
    starts = [e.decoded("DTSTART") for e in found]
    assert starts == sorted(starts)
    assert [s.date() for s in starts] == [d.date for p in plans for d in p.training_days()]


def test_two_runs_are_byte_identical() -> None:
    plans = all_weeks("road-runner")
    assert render_ics(plans) == render_ics(plans)


def test_rfc5545_shape() -> None:
    text = render_ics([plan_of("road-runner")])
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert text.endswith("END:VCALENDAR\r\n")
    lines = text.split("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    assert max(len(line.encode("utf-8")) for line in lines) <= 75, "long lines are folded"
    assert "PRODID:-//corecoach//corecoach " in text


def test_plan_without_dates_cannot_become_a_calendar() -> None:
    plan = plan_of("road-runner")
    undated = plan.model_copy(update={
        "start": None, "days": [d.model_copy(update={"date": None}) for d in plan.days]})
    with pytest.raises(InputError) as info:
        render_ics([undated])
    assert info.value.lines() == [
        "start: a calendar needs dates: set start = YYYY-MM-DD (a Monday) in the profile"]


def test_hostile_text_round_trips() -> None:
    plan = plan_of("lifter")
    name = 'Ann; "Bo", <c>\\ d'
    odd = plan.model_copy(update={"name": name})
    found = events(render_ics([odd]))
    assert str(found[0]["DESCRIPTION"]).startswith(f"{name} - week 1 of 12")
    assert str(found[0]["UID"]).endswith("-ann-bo-c-d@corecoach")


def test_slug() -> None:
    assert slug("Road runner") == "road-runner"
    assert slug("  Zoë & Ünal! ") == "zoe-unal"
    assert slug("***") == "plan"


def test_cli_no_start_exits_2_with_one_line(runner: CliRunner, write) -> None:  # type: ignore[no-untyped-def]
    path = write('version = 1\nname = "Undated"\n')
    result = runner.invoke(app, ["plan", str(path), "--format", "ics"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == ("error: start: a calendar needs dates: set start = YYYY-MM-DD "
                             "(a Monday) in the profile\n")


def test_cli_dash_o_ics_writes_a_calendar(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    result = runner.invoke(app, ["plan", "--example", "road-runner", "-o", str(out), *TODAY])
    assert result.exit_code == 0, result.stderr
    assert f"wrote {out}" in result.stderr
    data = out.read_bytes()
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")
    assert data.decode("utf-8") == render_ics([plan_of("road-runner")])
    assert not list(tmp_path.glob(".plan.ics*")), "no temp file left behind"


def test_cli_weeks_all_and_time(runner: CliRunner, tmp_path: Path) -> None:
    args = ["plan", "--example", "desk-worker", "--weeks", "all", "--time", "06:45", *TODAY]
    out, again = tmp_path / "program.ics", tmp_path / "again.ics"
    result = runner.invoke(app, [*args, "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    found = events(out.read_text(encoding="utf-8"))
    assert len(found) == sum(len(p.training_days()) for p in all_weeks("desk-worker"))
    assert {e.decoded("DTSTART").time() for e in found} == {dt.time(6, 45)}
    assert runner.invoke(app, [*args, "-o", str(again)]).exit_code == 0
    assert again.read_bytes() == out.read_bytes()
