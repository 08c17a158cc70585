"""Pain monitoring through the front door (coach.plan_for, today_for): one pure test per scenario
of coaching review 2 (G1-G10, G19-G24), and properties over random logs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corecoach.coach import plan_for, today_for
from corecoach.journal.entry import Entry
from corecoach.journal.history import History
from corecoach.library.loader import load_catalog
from corecoach.plan import Plan
from corecoach.profile import Profile, Screening
from tests.dated import START, dated_example

CATALOG = load_catalog()


def at(n: int) -> dt.date:
    return START + dt.timedelta(days=n)


def session(n: int, pain: int | None = 1, *, status: str = "done", leg: bool = False,
            effort: int | None = None, reps_left: int | None = None,
            day: str | None = None) -> Entry:
    return Entry("p", at(n), "session", status=status,  # type: ignore[arg-type]
                 pain_during=pain, leg_symptoms=leg, effort=effort, reps_left=reps_left,
                 session_day=day)


def check(n: int, pain: int, leg: bool | None = False) -> Entry:
    return Entry("p", at(n), "check-in", pain=pain, leg_symptoms=leg)


def run(n: int, surface: str = "road") -> Entry:
    return Entry("p", at(n), "activity", sport="running", minutes=50, surface=surface)


def history(entries: Iterable[Entry], today: int) -> History:
    return History("p", tuple(sorted((e for e in entries if e.date <= at(today)),
                                     key=lambda e: e.date)))


def with_pain(name: str, pain: int) -> Profile:
    profile = dated_example(name)
    return profile.model_copy(update={"back": profile.back.model_copy(update={"pain": pain})})


def plan(profile: Profile, entries: Iterable[Entry], today: int) -> Plan:
    outcome = plan_for(profile, CATALOG, at(today), history(entries, today))
    assert outcome.plan is not None, outcome.withheld
    return outcome.plan


def training_days(profile: Profile) -> list[int]:
    calendar = plan_for(profile, CATALOG, START).plan
    assert calendar is not None
    return [i for i, d in enumerate(calendar.days) if d.items]


def weeks_of(profile: Profile, weeks: int, pain: int | None, morning: int,
             **extra: int | None) -> list[Entry]:
    """Every planned session for ``weeks`` weeks, each with its next morning."""
    out: list[Entry] = []
    for w in range(weeks):
        for d in training_days(profile):
            n = 7 * w + d
            out += [session(n, pain, **extra), check(n + 1, morning)]  # type: ignore[arg-type]
    return out


def position(p: Plan, chain: str) -> tuple[int, int]:
    """The furthest (step, rung) of a chain in a plan."""
    return max(((i.step or 0, i.rung) for d in p.days for i in d.items
                if (i.chain or i.exercise) == chain), default=(0, 0))


def decisions(p: Plan) -> dict[str, str]:
    return {a.chain: a.decision for a in p.adapted}


# -- G2 (scenario i): pain 3/10 during, usual mornings, progresses ----------------------------


def test_pain_3_during_with_usual_mornings_progresses_within_two_weeks() -> None:
    profile = with_pain("desk-worker", 4)
    entries = weeks_of(profile, 2, pain=3, morning=4)
    first = plan(profile, [], 0)
    later = plan(profile, entries, 14)
    moved = [c for c in ("curl-ups", "side-bridges", "bird-dogs", "hinges")
             if position(later, c) > position(first, c)]
    assert moved, later.adapted
    assert not any("at most 2/10" in a.because for a in later.adapted)


# -- G3 (scenario b): the usual level, not the last check-in; trends need a real rise -------


def test_a_creep_of_rising_mornings_holds_every_chain() -> None:
    profile = with_pain("desk-worker", 3)
    entries = weeks_of(profile, 2, pain=1, morning=3)
    entries += [session(14), check(15, 4), session(15), check(16, 5), session(16),
                check(17, 6)]
    p = plan(profile, entries, 17)
    assert p.adapted
    assert "progress" not in decisions(p).values(), p.adapted
    assert any("usual 3/10" in a.because for a in p.adapted)


def test_a_morning_above_usual_names_the_level_it_was_judged_against() -> None:
    # A runner's first week: the usual level at the last session (the profile's 4/10, too
    # few check-ins yet) is not the level the latest morning was judged against (the
    # check-ins' own, 2/10). The reason names the latter, never "your latest morning was
    # 4/10, above your usual 4/10" (found scripting this week).
    profile = dated_example("road-runner")
    entries = [check(0, 3), session(1, 2), check(2, 0), session(3, 3), check(4, 2),
               session(5, 0), check(6, 4)]
    p = plan(profile, entries, 6)
    reasons = [a.because for a in p.adapted if "latest morning" in a.because]
    assert reasons, p.adapted
    for reason in reasons:
        latest, usual = (int(part.split("/10")[0].split()[-1])
                         for part in reason.split(", above your usual "))
        assert latest > usual, reason


def test_mornings_back_at_usual_after_a_bump_are_not_stepped_back_on_noise() -> None:
    profile = with_pain("desk-worker", 3)
    entries = weeks_of(profile, 3, pain=1, morning=3)
    # One bumpy week of 3-4, then usual again: the weekly means differ by under a point.
    entries += [check(22, 4), check(23, 3), check(24, 4)]
    p = plan(profile, entries, 24)
    assert not any("risen" in a.because for a in p.adapted)


# -- G1: deloads in journal mode -----------------------------------------------------------


def test_week_4_of_a_journal_program_is_a_deload() -> None:
    profile = with_pain("desk-worker", 2)
    entries = weeks_of(profile, 3, pain=1, morning=1)
    p = plan(profile, entries, 21)
    assert p.week == 4 and p.deload
    assert not plan(profile, entries, 20).deload


# -- G4, G5 (scenario c): a graded return after a flare; flare days counted truly ----------


def test_after_a_pain_8_flare_the_first_normal_week_sits_below_the_pre_flare_doses() -> None:
    profile = with_pain("desk-worker", 3)
    entries = weeks_of(profile, 3, pain=1, morning=2)
    before = plan(profile, entries, 21)
    entries += [session(23, pain=8), check(24, 7), check(25, 6), check(26, 5), check(27, 4),
                check(28, 3), session(28, pain=1), check(29, 2)]
    flared = plan_for(profile, CATALOG, at(24), history(entries, 24))
    assert flared.plan is not None
    alerts = " ".join(flared.plan.alerts)
    assert "flared up since Wednesday 2026-12-23 (2 days)" in alerts
    assert "weeks of this plan" not in alerts
    after = plan(profile, entries, 29)
    below = [c for c in ("curl-ups", "side-bridges", "bird-dogs", "hinges")
             if position(after, c) < position(before, c)]
    assert below, after.adapted
    assert any("flare has settled" in a.because for a in after.adapted)


# -- G6 (scenarios d, l): holds silence cannot lift; a second episode escalates -------------


def test_a_check_in_that_does_not_answer_keeps_the_leg_symptom_hold() -> None:
    profile = with_pain("desk-worker", 2)
    entries = [session(0, leg=True), check(1, 2, leg=None), check(2, 1, leg=None)]
    held = plan_for(profile, CATALOG, at(2), history(entries, 2))
    assert held.plan is None and held.withheld is not None
    lifted = plan_for(profile, CATALOG, at(3), history([*entries, check(3, 1, False)], 3))
    assert lifted.plan is not None


def test_a_second_episode_within_six_weeks_asks_for_an_assessment() -> None:
    profile = with_pain("desk-worker", 2)
    entries = [session(0, leg=True), check(1, 2, False), session(2), check(3, 2),
               session(14, leg=True), check(15, 1, False), check(16, 1, False)]
    held = plan_for(profile, CATALOG, at(16), history(entries, 16))
    assert held.plan is None and held.withheld is not None
    assert "get assessed" in held.withheld.reason
    assert 'cleared_for = ["leg_symptoms"]' in held.withheld.reason
    cleared = profile.model_copy(update={"screening": profile.screening.model_copy(
        update={"cleared": True})})
    assert plan_for(cleared, CATALOG, at(16), history(entries, 16)).plan is not None


def test_the_leg_assessment_is_recorded_in_cleared_for() -> None:
    """Issue 18: the assessment a second episode asks for is one entry of cleared_for; it
    lifts the hold without clearing every PAR-Q+ answer, and another entry does not."""
    profile = with_pain("desk-worker", 2)
    entries = [session(0, leg=True), check(1, 2, False), session(2), check(3, 2),
               session(14, leg=True), check(15, 1, False), check(16, 1, False)]

    def cleared_for(*names: str) -> Profile:
        return profile.model_copy(update={"screening": Screening.model_validate(
            {"cleared_for": list(names)})})

    assert plan_for(cleared_for("leg_symptoms"), CATALOG, at(16),
                    history(entries, 16)).plan is not None
    held = plan_for(cleared_for("bone_joint_problem"), CATALOG, at(16), history(entries, 16))
    assert held.plan is None and held.withheld is not None


def test_after_a_hold_the_clean_sessions_before_it_do_not_count() -> None:
    profile = with_pain("desk-worker", 2)
    entries = [*weeks_of(profile, 1, pain=1, morning=1)[:2], check(2, 1, leg=True),
               check(3, 1, False), session(3), check(4, 1)]
    p = plan(profile, entries, 4)
    assert "progress" not in decisions(p).values()


# -- G7 (scenario l): pain 8 or more gives advice at once, for every sport of the day -------


def test_a_10_morning_brings_advice_for_every_sport_of_the_day() -> None:
    profile = dated_example("road-runner")
    entries = [session(0, pain=8), check(1, 10)]
    view = today_for(profile, CATALOG, at(2), history(entries, 2))  # a Wednesday: karate
    text = " ".join(view.alerts)
    assert "10/10" in text and "karate (90 min): go easy or skip it" in text
    assert "see a doctor or physiotherapist" in text


# -- G8 (scenario f): runs take their own blame; breathing is never stepped back ------------


def test_mornings_after_road_runs_never_step_back_breathing_or_blame_the_session() -> None:
    profile = with_pain("road-runner", 2)
    entries = weeks_of(profile, 2, pain=1, morning=2)
    for w in range(2, 5):
        for d in (1, 3, 6):  # road runs on Tue, Thu, Sun; the mornings after are 4/10
            entries += [run(7 * w + d)]
        for d in training_days(profile):
            n = 7 * w + d
            worse = d in (1, 3, 6)
            entries += [session(n), check(n + 1, 4 if worse else 2)]
    for today in range(15, 35, 3):
        p = plan(profile, entries, today)
        gentle = {a.chain: a for a in p.adapted
                  if a.chain in ("diaphragm-breathing", "thoracic-rotations")}
        assert all(a.decision != "back" for a in gentle.values()), gentle
        for a in p.adapted:
            if "one rung back" in a.because:
                assert "morning" not in a.because, a


# -- G10 (scenario j): effort and reps in reserve gate the load -----------------------------


def test_effort_9_on_every_session_never_raises_a_load() -> None:
    profile = dated_example("lifter")
    entries = weeks_of(profile, 6, pain=0, morning=0, effort=9)
    first = plan(profile, [], 0)
    for today in (14, 28, 42):
        p = plan(profile, entries, today)
        for chain in ("hinges", "single-leg-hinges"):
            assert position(p, chain) <= position(first, chain), (today, chain)
    assert any("effort 9/10" in a.because for a in plan(profile, entries, 42).adapted)


def test_two_reps_in_reserve_let_a_hard_session_count() -> None:
    profile = dated_example("lifter")
    entries = weeks_of(profile, 2, pain=0, morning=0, effort=9, reps_left=2)
    p = plan(profile, entries, 14)
    assert position(p, "hinges") > position(plan(profile, [], 0), "hinges")


# -- G19 (scenario h): the right session credited ------------------------------------------


def test_log_session_day_credits_the_planned_days_chains() -> None:
    profile = with_pain("lifter", 0)
    days = training_days(profile)
    mine = days[0]
    # Every session is done the day after its planned day and says so.
    entries = []
    for w in range(3):
        for d in days:
            n = 7 * w + d + 1
            entries += [session(n, day=("mon", "tue", "wed", "thu", "fri", "sat", "sun")[d]),
                        check(n + 1, 0)]
    p = plan(profile, entries, 21)
    on_first = {i.chain or i.exercise for i in p.days[mine].items}
    assert on_first
    assert all(decisions(p).get(c) != "start" for c in on_first), p.adapted


# -- G20, G22, G23, G24 ----------------------------------------------------------------------


def test_the_welcome_back_follows_the_persons_absence_on_the_first_day() -> None:
    profile = with_pain("desk-worker", 2)
    entries = weeks_of(profile, 1, pain=1, morning=1)
    back_day = 7 + 30
    first = plan(profile, entries, back_day)
    assert any("Welcome back" in a for a in first.alerts)
    entries += [session(back_day), check(back_day + 1, 1)]
    next_day = plan(profile, entries, back_day + 1)
    assert not any("Welcome back" in a for a in next_day.alerts)


def test_a_move_on_the_week_does_not_allow_says_the_same_rung() -> None:
    profile = with_pain("desk-worker", 2)
    entries = [session(0), check(1, 1), session(1), check(2, 1), session(2), check(3, 1)]
    p = plan(profile, entries, 3)  # week 1: the calendar allows no rung up yet
    capped = [a for a in p.adapted if "two clean sessions in a row" in a.because]
    assert capped
    for a in capped:
        assert a.decision == "repeat" and "one rung up" not in a.because
        assert "allows no higher rung yet" in a.because


# -- properties: random logs through coach.plan_for ------------------------------------------


def _entries() -> st.SearchStrategy[list[Entry]]:
    return st.lists(st.one_of(
        st.builds(lambda n, p, s, leg, e: session(n, p, status=s, leg=leg, effort=e),
                  st.integers(0, 41), st.none() | st.integers(0, 10),
                  st.sampled_from(["done", "partial", "skipped"]),
                  st.booleans(), st.none() | st.integers(0, 10)),
        st.builds(lambda n, p, leg: check(n, p, leg), st.integers(0, 41), st.integers(0, 10),
                  st.sampled_from([None, False, False, True])),
        st.builds(run, st.integers(0, 41)),
    ), max_size=30)


DESK = with_pain("desk-worker", 3)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_entries(), st.integers(0, 42))
def test_random_logs_through_the_front_door(entries: list[Entry], today: int) -> None:
    shown = history(entries, today)
    outcome = plan_for(DESK, CATALOG, at(today), shown)
    # Leg symptoms with no later check-in that records none always hold the plan.
    open_legs = False
    for e in shown.entries:
        if e.leg_symptoms:
            open_legs = True
        elif e.kind == "check-in" and e.leg_symptoms is False and open_legs:
            open_legs = False
            # (a recurrence can keep it open: checked in the pure tests)
    if open_legs:
        assert outcome.plan is None
    if outcome.plan is None:
        return
    p = outcome.plan
    flare = any("flared up" in a for a in p.alerts)
    if p.week % 4 == 0 and not flare:
        assert p.deload, "every fourth program week is a deload"
    assert not any("weeks of this plan" in a for a in p.alerts)
    calendar = plan_for(DESK, CATALOG, at(today), None, week=p.week).plan
    assert calendar is not None
    for a in p.adapted:
        if a.chain in ("diaphragm-breathing", "thoracic-rotations"):
            assert not ("one rung back" in a.because and "morning" in a.because)
        if a.decision == "progress":
            assert "one rung up" in a.because


# -- issue 16, second round: effort 10 twice lowers the load; today's session's morning ------


def _hinge_load(p: Plan) -> float:
    return max((i.load_kg or 0.0 for d in p.days for i in d.items if i.chain == "hinges"),
               default=0.0)


def test_effort_10_twice_steps_the_load_back() -> None:
    profile = with_pain("lifter", 0)
    base = weeks_of(profile, 9, pain=0, morning=0)
    before = plan(profile, base, 63)
    assert _hinge_load(before) > 0, "the lifter reaches loaded hinges in nine clean weeks"
    hard = [e for w in (9,) for d in training_days(profile)
            for e in (session(7 * w + d, 0, effort=10), check(7 * w + d + 1, 0))]
    after = plan(profile, base + hard, 70)
    assert _hinge_load(after) < _hinge_load(before)
    assert decisions(after)["hinges"] == "back"
    assert any("lighter load" in a.because for a in after.adapted if a.chain == "hinges")


def test_on_the_day_of_a_session_its_morning_check_in_is_not_missing_yet() -> None:
    profile = with_pain("desk-worker", 2)
    day = training_days(profile)[0]
    p = plan(profile, [session(day)], day)
    assert not any("no morning check-in" in a.because for a in p.adapted), p.adapted
    assert any("tomorrow morning" in a.because for a in p.adapted), p.adapted
    later = plan(profile, [session(day)], day + 2)
    assert any("no morning check-in" in a.because for a in later.adapted), later.adapted


# -- G24 (scenario c2): a profile in flare mode with a journal that settled -----------------


def _flared(name: str) -> Profile:
    profile = dated_example(name)
    return profile.model_copy(update={"back": profile.back.model_copy(
        update={"symptom": "flare", "pain": 6})})


def test_a_profile_flare_never_says_progress_and_reads_the_journal() -> None:
    profile = _flared("desk-worker")
    entries = weeks_of(profile, 4, pain=1, morning=2)
    p = plan(profile, entries, 28)
    flat = plan_for(profile, CATALOG, at(28), None, week=p.week).plan
    assert flat is not None
    assert [[(i.exercise, i.sets, i.reps, i.seconds) for i in d.items] for d in p.days] == \
        [[(i.exercise, i.sets, i.reps, i.seconds) for i in d.items] for d in flat.days]
    assert p.adapted and all(a.decision == "flare" for a in p.adapted)
    assert not any("rung up" in a.because for a in p.adapted)
    assert any("2/10 or less" in a and "update back.symptom" in a for a in p.alerts), p.alerts


def test_a_profile_flare_with_flared_mornings_asks_for_a_reassessment() -> None:
    profile = _flared("desk-worker")
    entries = weeks_of(profile, 3, pain=3, morning=7)
    p = plan(profile, entries, 21)
    assert any("reassess" in a and "weeks" in a for a in p.alerts), p.alerts
    early = plan(profile, weeks_of(profile, 1, pain=3, morning=7), 7)
    assert not any("reassess" in a for a in early.alerts), early.alerts


# -- properties of the second round: random logs through coach.plan_for ----------------------


def _mostly_clean() -> st.SearchStrategy[list[Entry]]:
    """Every planned session of five weeks with usual mornings, less a few dropped and now
    and then a bad morning: logs that move chains on, so the weekly cap has work to do."""
    days = training_days(with_pain("desk-worker", 2))
    planned = [7 * w + d for w in range(5) for d in days]
    return st.tuples(st.sets(st.sampled_from(planned), max_size=6),
                     st.sets(st.sampled_from(planned), max_size=4)).map(
        lambda dropped_bad: [e for n in planned if n not in dropped_bad[0]
                             for e in (session(n, 1),
                                       check(n + 1, 4 if n in dropped_bad[1] else 2))])


def _minutes(p: Plan) -> int:
    return sum(d.minutes for d in p.days)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_mostly_clean(), st.integers(8, 35))
def test_a_journal_week_grows_at_most_20_percent_over_last_week(entries: list[Entry],
                                                                today: int) -> None:
    profile = with_pain("desk-worker", 2)
    sunday = today - at(today).weekday() - 1
    now = plan_for(profile, CATALOG, at(today), history(entries, today)).plan
    then = plan_for(profile, CATALOG, at(sunday), history(entries, sunday)).plan
    if now is None or then is None or not then.adapted or now.deload or then.deload:
        return
    if any("flared up" in a for a in [*now.alerts, *then.alerts]):
        return
    assert _minutes(now) <= 1.2 * _minutes(then) + 1, (_minutes(then), _minutes(now))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 55), st.sampled_from([9, 10])), max_size=25),
       st.integers(0, 56))
def test_effort_9_or_10_never_raises_a_load(rows: list[tuple[int, int]], today: int) -> None:
    profile = with_pain("lifter", 0)
    entries = [e for n, effort in rows for e in (session(n, 0, effort=effort), check(n + 1, 0))]
    start = plan(profile, [], 0)
    p = plan(profile, entries, today)
    assert _hinge_load(p) <= _hinge_load(start)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_entries(), st.integers(0, 41))
def test_on_a_session_day_no_reason_says_its_morning_is_missing(entries: list[Entry],
                                                                 today: int) -> None:
    entries = [*entries, session(today)]
    outcome = plan_for(DESK, CATALOG, at(today), history(entries, today))
    if outcome.plan is None:
        return
    today_name = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                  "Sunday")[at(today).weekday()]
    for a in outcome.plan.adapted:
        assert f"no morning check-in after {today_name}'s" not in a.because, a


FLARED = _flared("desk-worker")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_entries(), st.integers(0, 42))
def test_a_profile_flare_never_says_progress(entries: list[Entry], today: int) -> None:
    outcome = plan_for(FLARED, CATALOG, at(today), history(entries, today))
    if outcome.plan is None:
        return
    p = outcome.plan
    assert not any(a.decision == "progress" or "rung up" in a.because for a in p.adapted)
    flat = plan_for(FLARED, CATALOG, at(today), None, week=p.week).plan
    assert flat is not None
    assert [[(i.exercise, i.sets, i.reps, i.seconds) for i in d.items] for d in p.days] == \
        [[(i.exercise, i.sets, i.reps, i.seconds) for i in d.items] for d in flat.days]


RUNNER = dated_example("road-runner")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_entries(), st.integers(0, 42))
def test_journal_plans_carry_the_exact_types_their_schema_says(entries: list[Entry],
                                                               today: int) -> None:
    # Journal decisions, the road return and the closing alert build plan values without
    # validation too (corecoach.plan): a validated copy must read the same.
    import dataclasses

    from pydantic import TypeAdapter

    outcome = plan_for(RUNNER, CATALOG, at(today), history(entries, today))
    if outcome.plan is not None:
        copy = TypeAdapter(Plan).validate_python(dataclasses.asdict(outcome.plan))
        assert repr(copy) == repr(outcome.plan)
