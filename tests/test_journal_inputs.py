"""What plan and today plan with (corecoach.journal_inputs), as pure calls: the conftest
gives every test its own journal file and cache folder."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from corecoach import coach
from corecoach.journal.entry import Entry
from corecoach.journal.store import append, writing
from corecoach.journal_inputs import planning_history, planning_inputs
from corecoach.library.catalog import Catalog
from corecoach.library.loader import load_catalog
from corecoach.profile import Profile, load_profile
from corecoach.resources import example_path

TODAY = dt.date(2026, 11, 26)
NOW = dt.datetime(2026, 11, 26, 8, tzinfo=dt.UTC)


@pytest.fixture
def catalog() -> Catalog:
    return load_catalog(cache_dir=Path(os.environ["CORECOACH_CACHE_DIR"]))


def _me(tmp_path: Path) -> tuple[Profile, Path]:
    path = tmp_path / "me.toml"
    text = example_path("desk-worker").read_text(encoding="utf-8")
    path.write_text(text.replace("version = 1", 'version = 1\nid = "me-12345"', 1),
                    encoding="utf-8")
    return load_profile(path), path


def _log(*entries: Entry) -> None:
    with writing(Path(os.environ["CORECOACH_JOURNAL"])) as conn:
        append(conn, entries, NOW)


def _week() -> list[Entry]:
    out = []
    for n in range(1, 6):
        day = TODAY - dt.timedelta(days=n)
        out += [Entry("me-12345", day, "session", status="done", pain_during=1),
                Entry("me-12345", day + dt.timedelta(days=1), "check-in", pain=1,
                      leg_symptoms=False)]
    return out


def test_no_file_of_its_own_means_no_history(tmp_path: Path, catalog: Catalog) -> None:
    profile, _ = _me(tmp_path)
    assert planning_inputs(profile, None, TODAY, catalog) == (None, None, None)


def test_no_journal_yet_is_an_empty_history(tmp_path: Path, catalog: Catalog) -> None:
    profile, path = _me(tmp_path)
    found = planning_inputs(profile, path, TODAY, catalog)
    assert found.history is not None and found.history.entries == ()
    assert found.state is None and found.warning is None


def test_a_journal_that_cannot_be_read_is_a_warning(tmp_path: Path) -> None:
    profile, path = _me(tmp_path)
    journal = Path(os.environ["CORECOACH_JOURNAL"])
    journal.parent.mkdir(parents=True)
    journal.write_bytes(b"not a database at all, just text" * 10)
    found = planning_history(profile, path)
    assert found.history is None
    assert found.warning is not None and found.warning.endswith("planning by the calendar")


def test_the_state_is_kept_and_missed_after_a_write(tmp_path: Path, catalog: Catalog,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    profile, path = _me(tmp_path)
    _log(*_week())
    first = planning_inputs(profile, path, TODAY, catalog)
    assert first.state is not None and first.history is not None
    assert len(first.history.entries) == 10

    def no_replay(*args: object) -> object:
        raise AssertionError("the journal was replayed again")

    with monkeypatch.context() as patched:  # the second run must find the state kept
        patched.setattr(coach, "journal_state", no_replay)
        again = planning_inputs(profile, path, TODAY, catalog)
    assert again.state == first.state
    # A new entry changes the journal's stamp: the kept state is not used for it.
    _log(Entry("me-12345", TODAY, "check-in", pain=6, leg_symptoms=False))
    after = planning_inputs(profile, path, TODAY, catalog)
    assert after.history is not None and len(after.history.entries) == 11
    assert after.state != first.state


def _weeks(count: int, pain: int = 1) -> list[Entry]:
    """A session every other day and the check-in after it, for ``count`` weeks to TODAY."""
    out = []
    for n in range(1, 7 * count, 2):
        day = TODAY - dt.timedelta(days=n + 1)
        out += [Entry("me-12345", day, "session", status="done", pain_during=pain),
                Entry("me-12345", day + dt.timedelta(days=1), "check-in", pain=pain,
                      leg_symptoms=False)]
    return sorted(out, key=lambda e: e.date)


def _counting(monkeypatch: pytest.MonkeyPatch,
              resumed: list[dt.date | None] | None = None) -> list[dt.date]:
    """The days the journal is replayed for, from now on (and in ``resumed`` the day of the
    checkpoint each replay went on from, None for one from the first session)."""
    import corecoach.adapt

    real = corecoach.adapt.adapt
    days: list[dt.date] = []

    def counted(*args: object, **kwargs: object) -> object:
        days.append(kwargs["today"])  # type: ignore[arg-type]
        if resumed is not None:
            resume = kwargs.get("resume")
            resumed.append(None if resume is None else resume.day)  # type: ignore[attr-defined]
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(corecoach.adapt, "adapt", counted)
    return days


def test_a_new_day_replays_that_day_only_and_a_changed_past_replays_again(
        tmp_path: Path, catalog: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    profile, path = _me(tmp_path)
    _log(*_weeks(6))
    first = planning_inputs(profile, path, TODAY, catalog)
    resumed: list[dt.date | None] = []
    replayed = _counting(monkeypatch, resumed)
    planned: list[int] = []
    real_build = coach.build_plan
    monkeypatch.setattr(coach, "build_plan", lambda *a, **k: planned.append(1) or real_build(
        *a, **k))
    friday = TODAY + dt.timedelta(days=1)  # TODAY is a Thursday: the same weeks behind it
    found = planning_inputs(profile, path, friday, catalog)
    assert replayed == [friday]  # the past Sundays the weekly cap asks about were kept
    assert planned == []  # and so were the minutes of the plans the cap compares with
    # The day goes on from where the replays stood last Sunday, kept by Thursday's run.
    assert resumed == [TODAY - dt.timedelta(days=4)]
    assert first.history is not None and found.history is not None
    assert found.state == coach.journal_state(profile, catalog, friday, found.history)
    assert found.state is not None and found.state.progress.max_minutes is not None
    # A bad morning logged late, two weeks back: every Sunday after it is replayed again.
    replayed.clear()
    _log(Entry("me-12345", TODAY - dt.timedelta(days=16), "check-in", pain=7,
               leg_symptoms=False))
    saturday = friday + dt.timedelta(days=1)
    changed = planning_inputs(profile, path, saturday, catalog)
    sundays = sorted(d for d in replayed if d.weekday() == 6)
    assert replayed[0] == saturday and sundays and min(sundays) > TODAY - dt.timedelta(days=16)
    assert set(resumed[-len(replayed):]) == {None}  # last Sunday's checkpoint no longer holds
    assert changed.history is not None
    assert changed.state == coach.journal_state(profile, catalog, saturday, changed.history)


def test_an_ended_program_works_out_its_planned_days_once(
        tmp_path: Path, catalog: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    profile, path = _me(tmp_path)
    _log(*_weeks(10))  # three sessions a week for ten weeks: the eight-week program ended
    first = planning_inputs(profile, path, TODAY, catalog)
    assert first.state is not None and first.state.planned_per_week is not None
    real, asked = coach.planned_per_week, []
    monkeypatch.setattr(coach, "planned_per_week", lambda *a: asked.append(1) or real(*a))
    friday = TODAY + dt.timedelta(days=1)
    found = planning_inputs(profile, path, friday, catalog)
    assert asked == []  # kept with the past days
    assert found.history is not None and found.state == coach.journal_state(
        profile, catalog, friday, found.history)


def _runner(tmp_path: Path, after: str | None = None) -> tuple[Profile, Path]:
    """The road runner with function goals, whose 4-week program has ended."""
    path = tmp_path / "runner.toml"
    text = example_path("road-runner").read_text(encoding="utf-8").replace(
        "weeks = 8", 'weeks = 4\nstart = 2026-09-07\ngoals = ["run 10 km on the road"]'
        + (f'\nafter = "{after}"' if after else ""), 1)
    path.write_text(text.replace("version = 1", 'version = 1\nid = "me-12345"', 1),
                    encoding="utf-8")
    return load_profile(path), path


def _runs() -> list[Entry]:
    """Road runs that tightened, a clean treadmill run, and no rating yet."""
    return [Entry("me-12345", TODAY - dt.timedelta(days=n), "activity", sport="running",
                  minutes=40, surface=surface, tight_at=tight)
            for n, surface, tight in ((12, "road", 25), (9, "road", 20), (5, "treadmill", None),
                                      (2, "road", None))]


def test_a_kept_state_holds_all_the_day_needs_so_the_journal_is_not_read(
        tmp_path: Path, catalog: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    profile, path = _runner(tmp_path)
    _log(*_weeks(10), *_runs())
    first = planning_inputs(profile, path, TODAY, catalog)
    assert first.history is not None and first.state is not None
    state = first.state
    # What the day takes of the journal besides the adaptation: the road return, the
    # surface advice in the diary's words, the closing numbers and the rating reminder.
    assert state.road is not None and state.road.state is not None and state.road.diary
    assert state.close is not None and state.close.adherence is not None
    assert state.rate is not None and "not yet" in state.rate

    import corecoach.journal.store

    def no_read(*args: object) -> object:
        raise AssertionError("the journal was read")

    with monkeypatch.context() as patched:
        patched.setattr(corecoach.journal.store, "read_profile_entries", no_read)
        again = planning_inputs(profile, path, TODAY, catalog)
    assert again.history is None and again.state == state
    # The plan and today from the kept state are the ones the whole journal gives.
    kept, read = (coach.plan_for(profile, catalog, TODAY, None, state=again.state),
                  coach.plan_for(profile, catalog, TODAY, first.history))
    assert kept.plan is not None and kept.plan == read.plan
    assert kept.plan.road_return is not None and any(
        "ended on" in a for a in kept.plan.alerts)
    assert coach.today_for(profile, catalog, TODAY, None, state=again.state) == \
        coach.today_for(profile, catalog, TODAY, first.history)


def test_a_maintenance_plan_still_reads_the_journal_with_a_kept_state(
        tmp_path: Path, catalog: Catalog) -> None:
    profile, path = _runner(tmp_path, after="maintain")
    _log(*_weeks(10), *_runs())
    first = planning_inputs(profile, path, TODAY, catalog)
    again = planning_inputs(profile, path, TODAY, catalog)
    # The maintenance dose replays the program's last day: it needs the entries.
    assert again.state == first.state and again.history == first.history
    kept = coach.plan_for(profile, catalog, TODAY, again.history, state=again.state)
    assert kept.plan == coach.plan_for(profile, catalog, TODAY, first.history).plan


def test_a_journal_made_unreadable_after_a_kept_state_is_still_a_warning(
        tmp_path: Path, catalog: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    profile, path = _runner(tmp_path)
    _log(*_weeks(2))
    assert planning_inputs(profile, path, TODAY, catalog).state is not None  # kept
    journal = Path(os.environ["CORECOACH_JOURNAL"])
    # chmod 000 changes neither size nor times, so the stamp asks access() (and root
    # reads through the mode): stand in for both.
    import corecoach.journal.store

    def denied(where: Path, profile_key: str) -> object:
        from corecoach.errors import InputError

        raise InputError.single(str(where), "", "cannot be read (Permission denied)")

    monkeypatch.setattr(os, "access", lambda p, mode: Path(p) != journal)
    monkeypatch.setattr(corecoach.journal.store, "read_profile_entries", denied)
    found = planning_inputs(profile, path, TODAY, catalog)
    assert found.history is None and found.state is None
    assert found.warning is not None and "Permission denied" in found.warning
