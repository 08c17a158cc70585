"""The front door as pure calls: the journal-or-calendar choice, and what the journal does
to the plan, today and history (milliseconds each; the CLI tests keep to the contract)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from corecoach import coach
from corecoach.coach import (
    LOGGING_HINT,
    JournalState,
    check_in_due,
    explain_for,
    history_for,
    journal_state,
    plan_for,
    planned_per_week,
    today_for,
)
from corecoach.journal.entry import Entry
from corecoach.journal.history import History
from corecoach.library.loader import load_catalog
from corecoach.plan import Plan
from corecoach.profile import Profile

CATALOG = load_catalog()
MONDAY = dt.date(2026, 11, 30)
KEY = "sam-1234"


def profile(**changes: object) -> Profile:
    data: dict[str, object] = {
        "version": 1, "id": KEY, "session_minutes": 25,
        "available_days": ["mon", "wed", "fri"], "start": MONDAY,
        "activities": [{"sport": "running", "days": ["tue", "sat"], "minutes": 40,
                        "surface": "road"}],
    }
    return Profile.model_validate(data | changes)


def day(offset: int) -> dt.date:
    return MONDAY + dt.timedelta(days=offset)


def session(on: dt.date, status: str = "done", pain_during: int | None = 1,
            **more: object) -> Entry:
    return Entry(KEY, on, "session", status=status, pain_during=pain_during,  # type: ignore[arg-type]
                 leg_symptoms=bool(more.pop("leg_symptoms", False)), **more)  # type: ignore[arg-type]


def morning(on: dt.date, pain: int, leg_symptoms: bool | None = False) -> Entry:
    return Entry(KEY, on, "check-in", pain=pain, leg_symptoms=leg_symptoms)


def history(*entries: Entry) -> History:
    return History(KEY, tuple(sorted(entries, key=lambda e: e.date)))


def plan_of(who: Profile, today: dt.date, journal: History | None = None,
            week: int | None = None) -> Plan:
    outcome = plan_for(who, CATALOG, today, journal, week)
    assert outcome.plan is not None, outcome.withheld
    return outcome.plan


def positions(plan: Plan) -> dict[str, tuple[int, int]]:
    return {(i.chain or i.exercise): (i.step or 0, i.rung)
            for d in plan.days for i in d.items}


def clean_week(offsets: tuple[int, ...] = (0, 2)) -> list[Entry]:
    out: list[Entry] = []
    for offset in offsets:
        out += [session(day(offset)), morning(day(offset + 1), 1)]
    return out


# -- the journal-or-calendar choice --------------------------------------------------------


def test_no_history_plans_by_the_calendar_and_says_nothing_of_a_journal() -> None:
    plan = plan_of(profile(), day(7))
    assert plan.week == 2 and plan.adapted == []
    assert LOGGING_HINT not in plan.notes


def test_an_empty_history_plans_by_the_calendar_and_says_once_how_to_log() -> None:
    plan = plan_of(profile(), day(7), history())
    assert plan.week == 2 and plan.adapted == []
    assert plan.notes.count(LOGGING_HINT) == 1


def test_entries_plan_by_the_journal() -> None:
    plan = plan_of(profile(), day(7), history(*clean_week()))
    assert plan.week == 2
    assert plan.adapted and LOGGING_HINT not in plan.notes


def test_a_finished_calendar_program_alerts_once() -> None:
    who = profile(weeks=4)
    plan = plan_of(who, day(7 * 6))
    ended = [a for a in plan.alerts if "program ended on 2026-12-27" in a]
    assert len(ended) == 1 and plan.week == 4
    assert not any("ended" in a for a in plan_of(who, day(7)).alerts)
    assert not any("ended" in a for a in plan_of(who, day(7 * 6), week=2).alerts)


def test_the_plan_is_the_same_value_every_call() -> None:
    journal = history(*clean_week())
    assert plan_of(profile(), day(7), journal) == plan_of(profile(), day(7), journal)


# -- what the journal does ------------------------------------------------------------------


def test_chains_on_both_clean_days_move_on_and_the_others_repeat() -> None:
    fresh = plan_of(profile(), day(7), history())
    days: dict[str, set[str]] = {}
    for d in fresh.days:
        for item in d.items:
            days.setdefault(item.chain or item.exercise, set()).add(d.day)
    plan = plan_of(profile(), day(7), history(*clean_week()))
    decisions = {a.chain: a.decision for a in plan.adapted}
    both = [c for c, on in days.items() if {"mon", "wed"} <= on]
    one = [c for c, on in days.items() if len({"mon", "wed"} & on) == 1]
    assert both and all(decisions[c] == "progress" for c in both)
    assert all(decisions[c] == "repeat" for c in one)
    start, now = positions(plan_of(profile(), day(7), week=1)), positions(plan)
    assert any(now[c] > start[c] for c in both)
    assert all(now[c] == start[c] for c in one if c in now)


def test_a_bad_morning_repeats_and_says_why() -> None:
    plan = plan_of(profile(), day(4), history(session(day(3), pain_during=2),
                                             morning(day(4), 6)))
    assert plan.adapted[0].decision == "repeat"
    assert "6/10 the morning after Thursday" in plan.adapted[0].because


def test_a_fortnight_away_steps_back() -> None:
    plan = plan_of(profile(), day(18), history(*clean_week()))
    assert plan.adapted[0].decision == "back"
    assert "16 days since this was last trained" in plan.adapted[0].because


def test_leg_symptoms_withhold_until_a_check_in_records_none() -> None:
    held = plan_for(profile(), CATALOG, day(1), history(morning(day(1), 3, True)))
    assert held.plan is None and held.withheld is not None
    assert "physiotherapist" in held.withheld.advice + held.withheld.reason
    cleared = history(morning(day(1), 3, True), morning(day(2), 2, False))
    assert plan_for(profile(), CATALOG, day(2), cleared).plan is not None


def test_a_week_preview_keeps_the_calendar_but_not_past_a_hold() -> None:
    journal = history(*clean_week())
    assert positions(plan_of(profile(), day(7), journal, week=1)) == \
        positions(plan_of(profile(), day(7), week=1))
    held = plan_for(profile(), CATALOG, day(1), history(morning(day(1), 3, True)), week=3)
    assert held.plan is None


def test_a_finished_program_goes_round_again_from_where_it_ended() -> None:
    who = profile(weeks=4, activities=[], available_days=["mon", "wed"])
    entries: list[Entry] = []
    for week in range(5):
        entries += clean_week((7 * week, 7 * week + 2))
    plan = plan_of(who, day(35), history(*entries))
    assert plan.week == 2  # week 6 of the journal is week 2 of the second round
    assert plan.days[0].date == day(35)  # on this week's dates
    # Until the person chooses what follows, the plan closes the program and offers both.
    (closing,) = [a for a in plan.alerts if "program ended on 2026-12-27" in a]
    assert "corecoach after next-block" in closing and "corecoach after maintain" in closing
    chosen = plan_of(who.model_copy(update={"after": "next-block"}), day(35),
                     history(*entries))
    assert not any("ended" in a for a in chosen.alerts)
    assert sorted(positions(plan).items()) != sorted(positions(plan_of(who, day(35),
                                                                         week=2)).items())


def _weeks_with_a_gap() -> list[Entry]:
    """Four program weeks over five calendar weeks: week 2 has no sessions (the program
    waits), mornings 5/10 in the first two program weeks and 1/10 in the last two."""
    entries: list[Entry] = []
    for week in (0, 1, 3, 4):
        for offset in (0, 2):
            entries += [session(day(7 * week + offset)),
                        morning(day(7 * week + offset + 1), 5 if week < 2 else 1)]
    return entries


@pytest.mark.parametrize("today", [day(35), day(49)], ids=["next-monday", "two-weeks-on"])
def test_the_closing_summary_reads_the_weeks_the_journal_counted(today: dt.date) -> None:
    who = profile(weeks=4, activities=[], available_days=["mon", "wed"])
    (closing,) = [a for a in plan_of(who, today, history(*_weeks_with_a_gap())).alerts
                  if "program ended" in a]
    # The fourth counted week ended on Sunday 2027-01-03, however long ago.
    assert "program ended on 2027-01-03." in closing
    # 8 sessions of 2 a week planned over the 5 calendar weeks it took.
    assert "You did 80% of the planned sessions." in closing
    assert "from 5/10 in the first two weeks to 1/10 in the last two" in closing


def test_close_numbers_are_the_journal_part_of_the_closing_summary() -> None:
    from corecoach.closing import CloseNumbers, close_numbers, program_close

    journal = history(*_weeks_with_a_gap(), morning(day(47), 3), morning(day(48), 2))
    run = [day(0), day(7), day(21), day(28)]
    numbers = close_numbers(day(49), run, journal, 2)
    # 8 of 2 x 5 calendar weeks; mornings 5 then 1; the worst of the last 7 days is 3.
    assert numbers == CloseNumbers(0.8, 5.0, 1.0, 3)
    assert close_numbers(day(49), run, None, 2) == CloseNumbers(None, None, None, None)
    plan = plan_of(profile(weeks=4, activities=[]), day(49), journal)
    assert program_close(profile(), plan, day(49), run, numbers=numbers) == \
        program_close(profile(), plan, day(49), run, journal, 2)


def test_last_block_gives_the_counted_weeks_of_the_last_block_done() -> None:
    from corecoach.adapt import last_block

    counted = [day(0), day(7), day(21), day(28)]
    assert last_block(counted, 4) == (day(0), day(7), day(21), day(28))
    assert last_block(counted[:3], 4) == (), "the program is not over"
    nine = [day(7 * n) for n in range(9)]
    assert last_block(nine, 4) == tuple(nine[4:8]), "the second block, just done"


def test_a_state_keeps_the_block_it_counted() -> None:
    journal = history(*_weeks_with_a_gap())
    state = journal_state(profile(weeks=4, activities=[], available_days=["mon", "wed"]),
                          CATALOG, day(49), journal)
    assert state.block == (day(0), day(7), day(21), day(28))
    assert JournalState.from_data(json.loads(json.dumps(state.to_data()))) == state
    # Weeks after the end count toward the next block, not this one.
    more = history(*_weeks_with_a_gap(), session(day(35)), session(day(37)))
    later = journal_state(profile(weeks=4, activities=[], available_days=["mon", "wed"]),
                          CATALOG, day(42), more)
    assert later.block == (day(0), day(7), day(21), day(28))


def test_a_state_builds_the_replay_template_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # The weekly cap replays past days too; each replay uses the one template (building it
    # builds a Program).
    import corecoach.planner as planner

    built: list[str] = []
    real = planner.journal_template

    def counted(who: Profile, catalog: object) -> object:
        built.append(who.id or "")
        return real(who, catalog)  # type: ignore[arg-type]

    monkeypatch.setattr(planner, "journal_template", counted)
    entries: list[Entry] = []
    for week in range(4):
        entries += clean_week((7 * week, 7 * week + 2))
    state = journal_state(profile(), CATALOG, day(28), history(*entries))
    monkeypatch.undo()
    assert built == [KEY]
    assert state == journal_state(profile(), CATALOG, day(28), history(*entries))


def test_a_kept_state_closes_the_program_as_a_replay_does(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # After the last week the state keeps the planned days a week, so a plan made from a
    # kept state builds no second plan for the closing summary, and says the same.
    who = profile(weeks=4, activities=[], available_days=["mon", "wed"])
    entries: list[Entry] = []
    for week in range(5):
        entries += clean_week((7 * week, 7 * week + 2))
    journal = history(*entries)
    state = journal_state(who, CATALOG, day(35), journal)
    assert state.planned_per_week == planned_per_week(who, CATALOG) == 2
    kept = JournalState.from_data(json.loads(json.dumps(state.to_data())))
    assert kept == state
    fresh = plan_for(who, CATALOG, day(35), journal).plan

    def second_plan(*args: object) -> int:
        raise AssertionError("the kept state's planned days were not used")

    monkeypatch.setattr(coach, "planned_per_week", second_plan)
    again = plan_for(who, CATALOG, day(35), journal, state=kept).plan
    assert fresh is not None and again is not None and fresh.alerts == again.alerts
    monkeypatch.undo()
    assert journal_state(who, CATALOG, day(7), journal).planned_per_week is None


def test_the_days_time_wins_over_the_journal_and_the_plan_says_so() -> None:
    who = profile(session_minutes=10, start=dt.date(2026, 11, 2), activities=[])
    entries: list[Entry] = []
    on = dt.date(2026, 11, 2)
    while on < dt.date(2026, 11, 27):
        entries += [session(on, pain_during=0), morning(on + dt.timedelta(days=1), 0)]
        on += dt.timedelta(days=2 if on.weekday() < 4 else 3)
    plan = plan_of(who, MONDAY, history(*entries))
    assert any("sessions are full, so these stay at this dose" in n for n in plan.notes)
    assert max(d.minutes for d in plan.days) <= 10


# -- today --------------------------------------------------------------------------------


def test_today_is_one_day_of_the_plan() -> None:
    view = today_for(profile(), CATALOG, day(1), history())
    assert view.day is not None and view.day.day == "tue"
    assert [s.sport for s in view.day.sessions] == ["running"]
    assert view.week == 1 and view.weeks == 8 and view.withheld is None


def test_today_withheld_says_why() -> None:
    view = today_for(profile(), CATALOG, day(1), history(morning(day(1), 3, True)))
    assert view.day is None and view.withheld is not None


@pytest.mark.parametrize(("entries", "today", "due"), [
    ((), day(1), None),
    ((session(day(0)),), day(1), day(1)),
    ((session(day(0)),), day(2), day(1)),  # still owed the day after
    ((session(day(0)),), day(3), None),  # too long ago to remember
    ((session(day(0)), morning(day(1), 1)), day(1), None),
    ((session(day(0), status="skipped", pain_during=None),), day(1), None),
    ((session(day(1)),), day(1), None),  # today's session: the morning is tomorrow
])
def test_the_check_in_due(entries: tuple[Entry, ...], today: dt.date,
                          due: dt.date | None) -> None:
    assert check_in_due(history(*entries), today) == due
    assert today_for(profile(), CATALOG, today, history(*entries)).check_in_due == due


def test_no_check_in_is_due_without_a_journal() -> None:
    assert check_in_due(None, day(1)) is None


# -- history and explain --------------------------------------------------------------------


def test_history_weeks_measure_adherence_on_the_planned_days() -> None:
    planned = planned_per_week(profile(), CATALOG)
    assert planned == 3  # mon, wed, fri
    view = history_for(profile(), CATALOG, day(8), history(*clean_week()))
    assert [w.monday for w in view.weeks] == [MONDAY, day(7)]
    assert view.weeks[0].done == 2 and view.weeks[0].planned == planned
    assert view.surfaces is None and view.label


def test_history_since_and_by_surface() -> None:
    run = Entry(KEY, day(1), "activity", sport="running", minutes=40, surface="road",
                tight_at=25)
    journal = history(*clean_week(), run, morning(day(2), 3))
    since = history_for(profile(), CATALOG, day(8), journal, since=day(2))
    assert all(e.date >= day(2) for e in since.history.entries)
    surfaces = history_for(profile(), CATALOG, day(8), journal, by_surface=True).surfaces
    assert surfaces is not None and surfaces[0].surface == "road"
    assert surfaces[0].runs == 1 and surfaces[0].tightened == 1


def test_explain_adds_the_journal_decisions() -> None:
    explanation = explain_for(profile(), CATALOG, day(7), history(*clean_week()))
    assert "Adapted from your journal:" in explanation.lines
    assert "Adapted from your journal:" not in explain_for(profile(), CATALOG, day(7)).lines


def test_explain_an_unknown_exercise_suggests_one() -> None:
    from corecoach.errors import InputError

    with pytest.raises(InputError, match="did you mean 'bird-dog'"):
        explain_for(profile(), CATALOG, day(7), exercise="bird-dgo")


# -- advice at once after logging --------------------------------------------------------


def test_advice_follows_severe_pain_at_the_library_limit_only() -> None:
    me = profile()
    assert coach.entry_advice(me, CATALOG, session(day(1), pain_during=7), day(1)) is None
    assert coach.entry_advice(me, CATALOG, morning(day(1), 7), day(1)) is None
    during = coach.entry_advice(me, CATALOG, session(day(1), pain_during=8), day(1))
    assert during is not None and during.startswith("Your back was 8/10 during the session: ")
    # Tuesday is a running day: the advice names the run
    assert "running (40 min): go easy or skip it" in during
    sat = morning(day(5), 9)
    assert coach.entry_advice(me, CATALOG, sat, day(5)).startswith(  # type: ignore[union-attr]
        "Your back was 9/10 this morning: ")
    late = coach.entry_advice(me, CATALOG, sat, day(6))
    assert late is not None and late.startswith("Your back was 9/10 on 2026-12-05: ")
    # a session without pain recorded, and a sport session, say nothing
    assert coach.entry_advice(me, CATALOG, session(day(1), pain_during=None), day(1)) is None
    run = Entry(KEY, day(1), "activity", sport="running", minutes=30, surface="road")
    assert coach.entry_advice(me, CATALOG, run, day(1)) is None


def test_the_pain_an_entry_reports() -> None:
    assert morning(day(0), 4).reported_pain() == 4
    assert session(day(0), pain_during=3, pain_after=6).reported_pain() == 3
    assert session(day(0), pain_during=None).reported_pain() is None
