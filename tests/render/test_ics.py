"""The iCalendar export: golden files, round trip, UIDs, determinism, missing dates."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from icalendar import Calendar, Component
from tests.dated import START, dated_example
from tests.goldens import assert_golden
from typer.testing import CliRunner

from corecoach.cli import app
from corecoach.coach import plan_for
from corecoach.days import coming_monday
from corecoach.errors import InputError
from corecoach.library.loader import load_catalog
from corecoach.plan import Plan
from corecoach.planner import plan_weeks
from corecoach.render.common import item_line
from corecoach.render.ics import (
    calendar_key,
    parse_alarm,
    render_ics,
    slug,
    summary,
)
from corecoach.resources import example_path

CATALOG = load_catalog()
EXAMPLES = ["road-runner", "desk-worker", "lifter"]
TODAY = ["--today", "2026-11-26"]
KEY = "k3f9x2qa"


def ics(plans: list[Plan], **options) -> str:  # type: ignore[no-untyped-def]
    return render_ics(plans, key=KEY, **options)


def plan_of(name: str, week: int = 1, start: dt.date | None = None) -> Plan:
    profile = dated_example(name) if start is None else dated_example(name, start)
    outcome = plan_for(profile, CATALOG, START, week=week)
    assert outcome.plan is not None
    return outcome.plan


def all_weeks(name: str) -> list[Plan]:
    return [o.plan for o in plan_weeks(dated_example(name), CATALOG)
            if o.plan is not None]


def events(text: str) -> list[Component]:
    return list(Calendar.from_ical(text).walk("VEVENT"))


@pytest.mark.parametrize("name", EXAMPLES)
def test_golden_ics(name: str) -> None:
    assert_golden(f"{name}-week1.ics", ics([plan_of(name)]))


@pytest.mark.parametrize("name", EXAMPLES)
def test_one_event_per_training_day(name: str) -> None:
    plan = plan_of(name)
    found = events(ics([plan]))
    days = plan.training_days()
    assert len(found) == len(days) > 0
    for event, day in zip(found, days, strict=True):
        assert event["UID"] == f"{day.date}-session-{KEY}@corecoach"
        start = event.decoded("DTSTART")
        assert start == dt.datetime.combine(day.date, dt.time(18, 30))  # type: ignore[arg-type]
        assert start.tzinfo is None, "floating local time"
        assert event.decoded("DTEND") - start == dt.timedelta(minutes=day.minutes)
        assert str(event["SUMMARY"]) == summary(plan, day)
        assert str(event["SUMMARY"]).endswith(f", {day.minutes} min")
        assert event.decoded("DTSTAMP") == dt.datetime(2026, 11, 30, tzinfo=dt.UTC)
        text = str(event["DESCRIPTION"])
        for item in day.items:
            assert f"- {item_line(item)}" in text
        assert plan.disclaimer in text


def test_titles_say_what_to_do() -> None:
    plan = plan_of("road-runner")
    titles = [str(e["SUMMARY"]) for e in events(ics([plan]))]
    for title, day in zip(titles, plan.training_days(), strict=True):
        words = title.rsplit(", ", 1)[0].split(" + ")
        assert words[0][0].isupper() and title.endswith(f", {day.minutes} min")
        if any(i.category == "core" for i in day.items):
            assert words[0] == "Core"
        if any(i.exercise.startswith("good-morning") for i in day.items):
            assert "good morning" in words
    assert any(" + " in t for t in titles)


def test_deload_weeks_say_so() -> None:
    plans = all_weeks("road-runner")
    deload = [p for p in plans if p.deload]
    assert deload, "an 8-week program has a deload week"
    for event in events(ics(deload)):
        assert str(event["SUMMARY"]).endswith(" min (deload week)")
    assert all("deload" not in str(e["SUMMARY"]) for e in events(ics([plans[0]])))


def test_start_time_is_used() -> None:
    found = events(ics([plan_of("lifter")], start_time="07:05"))
    assert {e.decoded("DTSTART").time() for e in found} == {dt.time(7, 5)}


def test_bad_start_time_is_an_input_error() -> None:
    with pytest.raises(InputError, match="not a time"):
        ics([plan_of("lifter")], start_time="25:99")


@pytest.mark.parametrize("name", EXAMPLES)
def test_all_weeks_in_one_calendar_with_unique_uids(name: str) -> None:
    plans = all_weeks(name)
    found = events(ics(plans))
    assert len(found) == sum(len(p.training_days()) for p in plans)
    uids = [str(e["UID"]) for e in found]
    assert len(set(uids)) == len(uids)
    assert uids == [f"{d.date}-session-{KEY}@corecoach"
                    for p in plans for d in p.training_days()]
    starts = [e.decoded("DTSTART") for e in found]
    assert starts == sorted(starts)
    assert [s.date() for s in starts] == [d.date for p in plans for d in p.training_days()]


def test_two_runs_are_byte_identical() -> None:
    plans = all_weeks("road-runner")
    assert ics(plans) == ics(plans)
    assert ics(plans, alarm=parse_alarm("15m")) == ics(plans, alarm=parse_alarm("15m"))


def test_rfc5545_shape() -> None:
    text = ics([plan_of("road-runner")])
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert text.endswith("END:VCALENDAR\r\n")
    lines = text.split("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    assert max(len(line.encode("utf-8")) for line in lines) <= 75, "long lines are folded"
    assert "PRODID:-//corecoach//corecoach " in text


def test_plan_without_dates_cannot_become_a_calendar() -> None:
    plan = plan_of("road-runner")
    undated = replace(
        plan, start=None, days=[replace(d, date=None) for d in plan.days])
    with pytest.raises(InputError) as info:
        ics([undated])
    assert info.value.lines() == [
        "start: a calendar needs dates: set start = YYYY-MM-DD (a Monday) in the profile"]


def test_hostile_text_round_trips() -> None:
    plan = plan_of("lifter")
    name = 'Ann; "Bo", <c>\\ d'
    odd = replace(plan, name=name)
    found = events(ics([odd]))
    assert str(found[0]["DESCRIPTION"]).startswith(f"{name} - week 1 of 12")
    assert str(found[0]["UID"]).endswith(f"-{KEY}@corecoach"), "the name is never in a UID"


def test_slug() -> None:
    assert slug("Road runner") == "road-runner"
    assert slug("  Zoë & Ünal! ") == "zoe-unal"
    assert slug("***") == "plan"


def test_cli_no_start_uses_the_coming_monday_and_says_so(runner: CliRunner, write) -> None:  # type: ignore[no-untyped-def]
    path = write('version = 1\nname = "Undated"\n')
    result = runner.invoke(app, ["plan", str(path), "--format", "ics", "--today", "2026-12-02"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (f"note: {path}: no start date; the calendar starts on Monday "
                             "2026-12-07 (set start = YYYY-MM-DD in the profile to choose)\n")
    starts = sorted(e.decoded("DTSTART").date() for e in events(result.stdout))
    assert starts[0] >= dt.date(2026, 12, 7) and starts[-1] <= dt.date(2026, 12, 13)


def test_coming_monday() -> None:
    assert coming_monday(dt.date(2026, 11, 30)) == dt.date(2026, 11, 30)  # a Monday
    assert coming_monday(dt.date(2026, 12, 1)) == dt.date(2026, 12, 7)
    assert coming_monday(dt.date(2026, 12, 6)) == dt.date(2026, 12, 7)


def test_uids_follow_the_date_never_the_program_week() -> None:
    """E1: the journal moving the program week must not move an event's UID."""
    later_start = plan_of("road-runner", week=1, start=dt.date(2026, 12, 7))
    earlier_start = plan_of("road-runner", week=2, start=dt.date(2026, 11, 30))
    assert [d.date for d in later_start.days] == [d.date for d in earlier_start.days]
    assert (later_start.week, later_start.start) != (earlier_start.week, earlier_start.start)
    assert _uids(ics([later_start])) == _uids(ics([earlier_start])) != []
    # ... while a different date, or another profile, never shares one.
    next_week = plan_of("road-runner", week=2, start=dt.date(2026, 12, 7))
    assert not set(_uids(ics([next_week]))) & set(_uids(ics([later_start])))
    other = render_ics([later_start], key="someone-else")
    assert not set(_uids(other)) & set(_uids(ics([later_start])))


def test_calendar_key_is_the_id_else_a_hash_of_the_path() -> None:
    assert calendar_key("k3f9x2qa", "/a/me.toml") == "k3f9x2qa"
    one, two = calendar_key(None, "/a/me.toml"), calendar_key(None, "/a/you.toml")
    assert one != two and one == calendar_key(None, "/a/me.toml")
    assert slug(one) == one, "UID-safe characters only"


def _uids(text: str) -> list[str]:
    return [str(e["UID"]) for e in events(text)]


def test_cli_renamed_profile_reimports_without_duplicates(runner: CliRunner, write) -> None:  # type: ignore[no-untyped-def]
    """Renaming the person (or their file, when it has an id) keeps every UID."""
    body = 'version = 1\nstart = 2026-11-30\n[[activities]]\nsport = "running"\ndays = ["tue"]\nminutes = 40\n'
    path = write(f'name = "Sam"\n{body}', "sam.toml")
    before = runner.invoke(app, ["plan", str(path), "-f", "ics", "--weeks", "all"])
    path.write_text(f'name = "Samuel Jones"\n{body}', encoding="utf-8")
    after = runner.invoke(app, ["plan", str(path), "-f", "ics", "--weeks", "all"])
    assert before.exit_code == after.exit_code == 0
    assert _uids(before.stdout) == _uids(after.stdout) and _uids(before.stdout)
    # With an id, even a moved file keeps its UIDs.
    with_id = write(f'id = "client-17"\nname = "A"\n{body}', "a.toml")
    moved = write(f'id = "client-17"\nname = "B"\n{body}', "moved.toml")
    first = runner.invoke(app, ["plan", str(with_id), "-f", "ics"]).stdout
    second = runner.invoke(app, ["plan", str(moved), "-f", "ics"]).stdout
    assert _uids(first) == _uids(second)
    assert all(uid.endswith("-client-17@corecoach") for uid in _uids(first))


def test_cli_first_log_adds_the_id_the_calendar_already_used(  # type: ignore[no-untyped-def]
    runner: CliRunner, write
) -> None:
    """E2: the id the first `log` writes is the calendar key the profile had, so no UID moves."""
    path = write('version = 1\nstart = 2026-12-07\nname = "Sam"\n', "me.toml")
    before = runner.invoke(app, ["plan", str(path), "-f", "ics", "--today", "2026-12-07"])
    logged = runner.invoke(app, ["log", str(path), "--done", "--today", "2026-12-07"])
    assert logged.exit_code == 0, logged.stderr
    key = calendar_key(None, str(path.resolve()))
    assert f'id = "{key}"' in path.read_text(encoding="utf-8")
    after = runner.invoke(app, ["plan", str(path), "-f", "ics", "--today", "2026-12-07"])
    assert before.exit_code == after.exit_code == 0
    assert _uids(before.stdout) == _uids(after.stdout) != []


def test_cli_clients_with_non_latin_or_no_names_never_share_uids(
    runner: CliRunner, tmp_path: Path, write  # type: ignore[no-untyped-def]
) -> None:
    files = [write(f'version = 1\n{name}start = 2026-11-30\n', f"c{n}.toml")
             for n, name in enumerate(['name = "Иван"\n', 'name = "Пётр"\n', 'name = "李"\n',
                                       "", 'name = "Sam"\n', 'name = "sam"\n'])]
    out = tmp_path / "cals"
    result = runner.invoke(app, ["plan", *map(str, files), "-f", "ics", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    uids = [u for f in sorted(out.iterdir()) for u in _uids(f.read_text(encoding="utf-8"))]
    assert len(uids) == len(set(uids)) > 0


def test_alarm_adds_a_valarm(runner: CliRunner) -> None:
    result = runner.invoke(app, ["plan", "--example", "lifter", "-f", "ics", "--alarm", "15m",
                                 *TODAY])
    assert result.exit_code == 0, result.stderr
    for event in events(result.stdout):
        (alarm,) = event.walk("VALARM")
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert alarm.decoded("TRIGGER") == -dt.timedelta(minutes=15)
        assert str(alarm["DESCRIPTION"]) == str(event["SUMMARY"])
    plain = runner.invoke(app, ["plan", "--example", "lifter", "-f", "ics", *TODAY]).stdout
    assert "VALARM" not in plain


@pytest.mark.parametrize(("text", "minutes"), [("15m", 15), ("1h", 60), ("90", 90),
                                               ("0m", 0), ("2 h", 120)])
def test_parse_alarm(text: str, minutes: int) -> None:
    assert parse_alarm(text) == dt.timedelta(minutes=minutes)


@pytest.mark.parametrize(("args", "message"), [
    (["--alarm", "soon"], "error: --alarm: 'soon' is not a reminder time"),
    (["--alarm", "9999h"], "error: --alarm: '9999h' is more than a week"),
    (["-f", "json", "--alarm", "15m"], "error: --alarm: applies to --format ics only"),
])
def test_bad_alarm_is_one_line(runner: CliRunner, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["plan", "--example", "lifter", "-f", "ics", *args])
    assert result.exit_code == 2
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1


def test_cli_dash_o_ics_writes_a_calendar(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    result = runner.invoke(app, ["plan", "--example", "road-runner", "-o", str(out), *TODAY])
    assert result.exit_code == 0, result.stderr
    assert f"wrote {out}" in result.stderr
    data = out.read_bytes()
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")
    key = calendar_key(None, str(example_path("road-runner").resolve()))
    assert data.decode("utf-8") == render_ics([plan_of("road-runner", start=dt.date(2026, 11, 30))],
                                              key=key)
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
