"""The maintenance dose after the program (after = "maintain"), as pure calls with past
dates: by the calendar and by the journal."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corecoach.coach import plan_for
from corecoach.journal.entry import Entry
from corecoach.journal.history import History
from corecoach.library.loader import load_catalog
from corecoach.maintenance import journal_end
from corecoach.plan import Plan
from corecoach.profile import Profile
from tests.dated import dated_example
from tests.strategies import profiles

CATALOG = load_catalog()
MONDAY = dt.date(2026, 11, 30)
KEY = "mo-1234"
BIG3 = {"curl-ups", "side-bridges", "bird-dogs"}
BREATHING = {"cyclic-sigh", "diaphragm-breathing"}


def profile(**changes: object) -> Profile:
    data: dict[str, object] = {
        "version": 1, "id": KEY, "session_minutes": 25, "weeks": 4,
        "available_days": ["mon", "tue", "wed", "thu", "fri", "sat"], "start": MONDAY,
        "back": {"pain": 2}, "after": "maintain",
    }
    return Profile.model_validate(data | changes)


def day(offset: int) -> dt.date:
    return MONDAY + dt.timedelta(days=offset)


def plan_of(who: Profile, today: dt.date, journal: History | None = None,
            week: int | None = None) -> Plan:
    outcome = plan_for(who, CATALOG, today, journal, week)
    assert outcome.plan is not None, outcome.withheld
    return outcome.plan


def positions(plan: Plan) -> dict[str, tuple[int, int, float]]:
    """Each chain's furthest step, rung and load over the week."""
    out: dict[str, tuple[int, int, float]] = {}
    for d in plan.days:
        for i in d.items:
            key = i.chain or i.exercise
            at = (i.step or 0, i.rung, i.load_kg or 0.0)
            out[key] = max(out.get(key, at), at)
    return out


def days_of(plan: Plan) -> dict[str, int]:
    out: dict[str, int] = {}
    for d in plan.days:
        for key in {i.chain or i.exercise for i in d.items}:
            out[key] = out.get(key, 0) + 1
    return out


def history(*entries: Entry) -> History:
    return History(KEY, tuple(sorted(entries, key=lambda e: e.date)))


def clean_weeks(weeks: int, first: int = 0, offsets: tuple[int, ...] = (0, 2, 4)
                ) -> list[Entry]:
    out: list[Entry] = []
    for week in range(first, first + weeks):
        for offset in offsets:
            on = day(7 * week + offset)
            out += [Entry(KEY, on, "session", status="done", pain_during=1),
                    Entry(KEY, on + dt.timedelta(days=1), "check-in", pain=1,
                          leg_symptoms=False)]
    return out


def is_maintenance(plan: Plan) -> bool:
    return any("(after = maintain)" in n for n in plan.notes)


# -- by the calendar ------------------------------------------------------------------------


def test_after_the_calendar_program_the_plan_is_the_maintenance_dose() -> None:
    who = profile(stress=5)
    plan = plan_of(who, day(30))  # week 5: the 4-week program ended on day 27
    assert is_maintenance(plan)
    assert not any("ended" in a for a in plan.alerts)  # the choice is made: no closing alert
    counts = days_of(plan)
    assert set(counts) <= BIG3 | {"hinges"} | BREATHING
    assert all(2 <= counts[c] <= 3 for c in BIG3)
    assert counts["hinges"] == 2
    assert counts["diaphragm-breathing"] == 3  # moderate stress: three times a week
    # Dated this calendar week, shown as the program's last week.
    assert plan.days[0].date == day(28) and plan.week == who.weeks and not plan.deload


def test_the_calendar_maintenance_keeps_each_chain_where_the_last_week_had_it() -> None:
    who = profile()
    ended = positions(plan_of(who, day(20), week=3))  # week 4 is a deload: 3 is the last full
    kept = positions(plan_of(who, day(30)))
    for key in BIG3 | {"hinges"}:
        assert kept[key] == ended[key], key
    # ... and it stays there: half a year later, the same dose.
    assert positions(plan_of(who, day(30 + 26 * 7))) == kept


@pytest.mark.parametrize("name", ["road-runner", "lifter", "desk-worker"])
def test_each_example_keeps_its_big_3_and_hinge_at_the_last_full_week(name: str) -> None:
    who = dated_example(name, MONDAY).model_copy(update={"after": "maintain"})
    last_full = who.weeks - 1 if who.weeks % 4 == 0 else who.weeks
    ended = positions(plan_of(who, MONDAY, week=last_full))
    kept = positions(plan_of(who, MONDAY + dt.timedelta(weeks=who.weeks + 2)))
    for key in BIG3 | {"hinges"}:
        assert kept[key] == ended[key], key


def test_no_stress_no_breathing_high_stress_breathing_every_day() -> None:
    assert not set(days_of(plan_of(profile(stress=1), day(30)))) & BREATHING
    assert days_of(plan_of(profile(stress=8), day(30)))["cyclic-sigh"] == 6  # every free day


def test_while_the_program_runs_the_choice_changes_nothing() -> None:
    chosen, open_ = profile(), profile(after=None)
    for offset in (0, 10, 24):
        assert plan_of(chosen, day(offset)) == plan_of(open_, day(offset))


def test_a_flare_after_the_program_plans_with_the_flare_rules() -> None:
    plan = plan_of(profile(back={"symptom": "flare", "pain": 7}), day(30))
    assert not is_maintenance(plan)
    assert "easy-walk" in days_of(plan)


def test_next_block_is_not_the_maintenance_dose() -> None:
    plan = plan_of(profile(after="next-block"), day(30))
    assert not is_maintenance(plan)
    assert set(days_of(plan)) - BIG3 - {"hinges"} - BREATHING  # the whole program again


# -- by the journal -------------------------------------------------------------------------


def test_the_journal_end_is_the_monday_after_the_last_full_week() -> None:
    entries = history(*clean_weeks(4))
    assert journal_end(entries, 4, MONDAY) == day(28)
    assert journal_end(history(*clean_weeks(3)), 4, MONDAY) is None
    # A week with one session does not count: the program runs a week longer.
    gap = history(*clean_weeks(2), *clean_weeks(1, 2, (0,)), *clean_weeks(2, 3))
    assert journal_end(gap, 4, MONDAY) == day(35)


def test_after_the_journal_program_the_chains_stay_where_the_journal_had_them() -> None:
    who = profile()
    entries = clean_weeks(4)
    assert not is_maintenance(plan_of(who, day(27), history(*entries)))
    # Where the journal had each chain when the program ended: where a next block starts
    # (the last week was a deload week, at lighter doses of the same positions).
    ended = positions(plan_of(profile(after="next-block"), day(28), history(*entries)))
    more = [*entries, *clean_weeks(3, 4)]  # three more clean weeks of maintenance
    kept: list[dict[str, tuple[int, int, float]]] = []
    for today in (day(30), day(44)):  # both inside the logged weeks (no gap to step back)
        plan = plan_of(who, today, history(*more))
        assert is_maintenance(plan) and "journal" in plan.notes[0]
        assert not any("ended" in a for a in plan.alerts)
        kept.append(positions(plan))
    for key in BIG3 | {"hinges"}:
        # Where the journal had them at the end (never below where a next block starts,
        # which after a deload week may sit a rung lower), and no further two weeks on.
        assert kept[0][key] >= ended[key], key
        assert kept[1][key] == kept[0][key], key
    # The same journal without the choice goes on progressing (a new block).
    onward = positions(plan_of(profile(after=None), day(50), history(*more)))
    assert any(onward[key] > ended[key] for key in BIG3 | {"hinges"})


def test_a_chain_the_journal_moves_back_after_the_end_stays_back() -> None:
    who = profile()
    entries = clean_weeks(4)
    ended = positions(plan_of(who, day(30), history(*entries)))
    # A fortnight away after the program: the journal steps the chains back.
    away = plan_of(who, day(49), history(*entries))
    kept = positions(away)
    assert all(kept[key] <= ended[key] for key in BIG3 | {"hinges"})
    assert any(kept[key] < ended[key] for key in BIG3 | {"hinges"})


# -- the property ---------------------------------------------------------------------------


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(who=profiles(safe=True), weeks_after=st.integers(0, 30))
def test_a_maintaining_plan_never_progresses_a_chain_past_where_it_ended(
        who: Profile, weeks_after: int) -> None:
    who = who.model_copy(update={"after": "maintain", "start": MONDAY})
    today = MONDAY + dt.timedelta(weeks=who.weeks + weeks_after, days=3)
    outcome = plan_for(who, CATALOG, today)
    if outcome.plan is None:
        return  # withheld by screening, as during the program
    ended: dict[str, tuple[int, int, float]] = {}
    for week in range(1, who.weeks + 1):
        for key, at in positions(plan_of(who, today, week=week)).items():
            ended[key] = max(ended.get(key, at), at)
    for key, at in positions(outcome.plan).items():
        if key in ended:
            assert at <= ended[key], (key, at, ended[key])
        else:  # work the program had no room for enters at the first rung of its step
            assert at[1] == 1, (key, at)


# -- a next block by the calendar -----------------------------------------------------------


def test_a_calendar_next_block_goes_on_from_where_the_chains_ended() -> None:
    who = profile(after="next-block")
    ended = positions(plan_of(who, day(20), week=3))
    first = plan_of(who, day(30))  # week 1 of block 2
    assert first.week == 1 and not first.deload and first.days[0].date == day(28)
    (closing,) = [a for a in first.alerts if "program ended on 2026-12-27" in a]
    assert "after = next-block" in closing
    started = positions(first)
    assert all(started[key] >= ended[key] for key in BIG3 | {"hinges"})
    assert started != positions(plan_of(who, day(2)))  # not week 1 of the program again
    second = plan_of(who, day(37))
    assert second.week == 2 and not any("ended" in a for a in second.alerts)
    assert plan_of(who, day(49)).deload  # block week 4 is lighter, as in the program
    later = plan_of(who, day(58))  # week 1 of block 3: the summary of block 2
    assert any("program ended on 2027-01-24" in a for a in later.alerts)


def test_a_maintenance_choice_in_a_flare_still_closes_the_program() -> None:
    """No maintenance plan in a flare (the flare rules plan): the program still says it
    ended, instead of saying nothing."""
    who = profile(back={"symptom": "flare", "pain": 7})
    plan = plan_of(who, day(7 * 4 + 9))
    assert not is_maintenance(plan)
    assert any("program ended on" in a for a in plan.alerts)


def test_a_next_block_in_a_flare_keeps_the_reassess_alert() -> None:
    """A calendar block places its chains with a progress of its own: the flare's
    reassess alert (counted in calendar weeks) must not be taken for the journal's."""
    from corecoach.planner.limits import REASSESS

    who = profile(after="next-block", back={"symptom": "flare", "pain": 7})
    plan = plan_of(who, day(7 * 6 + 2))  # week 3 of block 2
    assert plan.week == 3
    reassess = REASSESS.split("{")[0]
    assert any(a.startswith(reassess) for a in plan.alerts), plan.alerts
