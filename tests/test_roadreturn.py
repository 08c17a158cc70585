"""The road return: stages from the trigger diary, by the [[road]] rules."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corecoach.coach import plan_for
from corecoach.journal.entry import Entry
from corecoach.journal.history import History
from corecoach.library.catalog import Catalog
from corecoach.library.loader import load_catalog
from corecoach.profile import Profile
from corecoach.roadreturn import (
    DEFAULT_MINUTES,
    RoadDay,
    first_road_minutes,
    road_day,
    road_state,
    route_for,
    with_road_day,
    with_road_return,
)
from tests.dated import dated_example

D0 = dt.date(2026, 9, 1)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def runner() -> Profile:
    return dated_example("road-runner")


def day(n: int) -> dt.date:
    return D0 + dt.timedelta(days=n)


def road(n: int, minutes: int = 50, tight: int | None = None) -> Entry:
    return Entry("p", day(n), "activity", sport="running", minutes=minutes, surface="road",
                 tight_at=tight)


def morning(n: int, pain: int = 3) -> Entry:
    return Entry("p", day(n), "check-in", pain=pain, leg_symptoms=False)


def diary(*extra: Entry) -> list[Entry]:
    """Ten road runs tightening at minutes 20-25, each with a usual morning after, and
    easy treadmill and trail runs."""
    out: list[Entry] = []
    for i in range(10):
        out += [road(2 * i, tight=20 + i % 6), morning(2 * i + 1)]
    for i in range(4):
        out.append(Entry("p", day(2 * i + 1), "activity", sport="running", minutes=45,
                         surface="treadmill" if i % 2 else "trail"))
    return [*out, *extra]


def history(entries: list[Entry]) -> History:
    return History("p", tuple(sorted(entries, key=lambda e: e.date)))


def test_the_first_stage_starts_below_the_usual_onset(catalog: Catalog) -> None:
    state = road_state(runner(), catalog, day(30), history(diary()))
    assert state is not None
    assert (state.stage, state.road_minutes, state.onset_minute) == (1, 15, 22)
    assert state.next == "20 min after two road runs without tightening"
    # tightening after the road minutes holds the stage: it says why
    assert "after the 15 road minutes" in state.because


def test_two_clean_runs_move_up_and_an_early_tightening_steps_back(catalog: Catalog) -> None:
    clean = [road(30), morning(31), road(32), morning(33)]
    up = road_state(runner(), catalog, day(34), history(diary(*clean)))
    assert up is not None and (up.stage, up.road_minutes) == (2, 20)
    assert "two road runs reached 15 min" in up.because.lower()
    assert up.tip is not None and "5 %" in up.tip  # the step-rate experiment comes with it
    down = road_state(runner(), catalog, day(34),
                      history(diary(*clean, road(34, tight=12))))
    assert down is not None and (down.stage, down.road_minutes) == (1, 15)
    assert "minute 12" in down.because and "back to 15 min" in down.because
    assert down.tip is not None and "slope" in down.tip  # camber advice with the step back


def test_a_clearly_worse_morning_steps_back_and_silence_never_counts(catalog: Catalog) -> None:
    up = [road(30), morning(31), road(32), morning(33)]
    worse = road_state(runner(), catalog, day(40),
                       history(diary(*up, road(34), morning(35, pain=6))))
    assert worse is not None and worse.road_minutes == 15
    silent = road_state(runner(), catalog, day(40),
                        history(diary(road(30), road(32))))
    assert silent is not None and (silent.road_minutes, silent.clean_runs) == (15, 0)
    assert "no check-in" in silent.because.lower()


def test_a_run_waits_for_its_morning(catalog: Catalog) -> None:
    # run yesterday, no check-in yet this morning: not judged until the morning is over
    state = road_state(runner(), catalog, day(31), history(diary(road(30))))
    assert state is not None and all(r.date != day(30) for r in state.runs)
    later = road_state(runner(), catalog, day(32), history(diary(road(30))))
    assert later is not None and later.runs[-1].date == day(30)


def test_back_on_the_road_after_two_clean_weeks_of_whole_runs(catalog: Catalog) -> None:
    entries = diary()
    for i in range(30):  # clean road runs every other day, each with a usual morning
        entries += [road(30 + 2 * i), morning(31 + 2 * i)]
    state = road_state(runner(), catalog, day(92), history(entries))
    assert state is not None and state.back_on_road and state.next is None
    assert route_for(state, 50) is None


def test_onset_from_profile_or_default(catalog: Catalog) -> None:
    profile = runner()
    fresh = road_state(profile, catalog, day(0), None)
    assert fresh is not None and fresh.road_minutes == DEFAULT_MINUTES
    assert fresh.onset_minute is None
    told = profile.model_copy(update={"back": profile.back.model_copy(
        update={"tight_after_minutes": 28})})
    state = road_state(told, catalog, day(0), None)
    assert state is not None and (state.onset_minute, state.road_minutes) == (28, 20)


def test_no_road_return_without_trouble_on_the_road(catalog: Catalog) -> None:
    profile = runner()
    calm = profile.model_copy(update={"back": profile.back.model_copy(
        update={"symptom": "stiff-mornings"})})
    assert road_state(calm, catalog, day(10), history([road(1), morning(2)])) is None
    # a road run logged with --tight-at brings it in
    assert road_state(calm, catalog, day(10), history([road(1, tight=30)])) is not None


def test_the_plan_routes_road_runs_and_advice_matches_the_diary(catalog: Catalog) -> None:
    outcome = plan_for(runner(), catalog, day(30), history(diary()))
    plan = outcome.plan
    assert plan is not None and plan.road_return is not None
    routes = [s.route for d in plan.days for s in d.sessions if s.sport == "running"]
    assert routes and all(r is not None and [(leg.surface, leg.minutes) for leg in r] ==
                          [("road", 15), ("trail or treadmill", 35)] for r in routes)
    because = {r.id: r.because for r in plan.rules}
    assert "All of your runs are on the road" not in " ".join(because.values())
    assert "10 road runs (10 tightened)" in because["vary-running-surface"]
    assert plan.notes[0].startswith("Back on the road, stage 1")


def test_a_road_day_is_what_the_plan_takes_of_the_runs(catalog: Catalog) -> None:
    found = road_day(runner(), catalog, day(30), history(diary()))
    assert found.state == road_state(runner(), catalog, day(30), history(diary()))
    assert found.diary is not None and "10 road runs (10 tightened)" in found.diary
    # Only road runs logged: the surface rule keeps its own reason.
    assert road_day(runner(), catalog, day(30), history([road(1), morning(2)])).diary is None
    plain = plan_for(runner(), catalog, day(30)).plan
    assert plain is not None
    assert with_road_day(plain, catalog, found) == with_road_return(
        plain, runner(), catalog, day(30), history(diary()))
    assert with_road_day(plain, catalog, RoadDay(None)) == plain


@settings(max_examples=60, deadline=None)
@given(onset=st.one_of(st.none(), st.integers(1, 300)), minutes=st.integers(5, 300))
def test_routes_cover_the_run_and_start_below_the_onset(onset: int | None,
                                                        minutes: int) -> None:
    first = first_road_minutes(onset)
    assert first % 5 == 0 and first >= 5
    if onset is not None and onset > 5:
        assert first < onset
    state = road_state(runner().model_copy(update={"back": runner().back.model_copy(
        update={"tight_after_minutes": onset})}), load_catalog(), day(0), None)
    legs = route_for(state, minutes)
    assert legs is not None
    assert sum(m for _, m in legs) == minutes and legs[0][0] == "road"
    assert all(m > 0 for _, m in legs)


def test_docs_list_every_road_fact_and_decision() -> None:
    from pathlib import Path

    from corecoach.facts import ROAD_FACTS
    from corecoach.library.models import RoadDecision

    doc = (Path(__file__).parent.parent / "docs" / "road-return.md").read_text("utf-8")
    for fact in ROAD_FACTS:
        assert f"| `{fact.name}` |" in doc
    for decision in RoadDecision.__args__:  # type: ignore[attr-defined]
        assert f"| `{decision}` |" in doc
