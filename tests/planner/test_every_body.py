"""A plan for every body (issue 18): hard profiles read week by week, as a physio would."""

from __future__ import annotations

from typing import Any

from corecoach.library.loader import load_catalog
from corecoach.plan import Plan
from corecoach.planner import plan_weeks
from corecoach.profile import Profile

CATALOG = load_catalog()


def profile(**fields: Any) -> Profile:
    return Profile.model_validate({"version": 1, **fields})


def program(p: Profile) -> list[Plan]:
    plans = [o.plan for o in plan_weeks(p, CATALOG)]
    assert all(plan is not None for plan in plans)
    return [plan for plan in plans if plan is not None]


def hinge_steps(plan: Plan) -> set[str]:
    return {i.exercise for d in plan.days for i in d.items if i.chain == "hinges"}


BEGINNER_3X20 = profile(experience="beginner", desk_hours=8, stress=5, session_minutes=20,
                        available_days=["mon", "wed", "fri"],
                        activities=[{"sport": "running", "days": ["tue", "sat"],
                                     "minutes": 40}],
                        back={"symptom": "stiff-mornings", "pain": 3})
FIVE_MINUTES = profile(desk_hours=6, stress=4, session_minutes=5,
                       back={"symptom": "tight-after-activity", "pain": 2})
ONE_DAY = profile(desk_hours=8, stress=6, session_minutes=30, available_days=["sat"],
                  back={"symptom": "stiff-mornings", "pain": 3})
HARD = {"3-day x 20-minute beginner": BEGINNER_3X20, "5-minute": FIVE_MINUTES,
        "one-day": ONE_DAY}


def test_the_hinge_moves_past_the_wall_hinge_by_week_5() -> None:
    for label, p in HARD.items():
        week5 = program(p)[4]
        assert hinge_steps(week5), label
        assert "wall-hinge" not in hinge_steps(week5), (label, hinge_steps(week5))


def test_no_five_identical_weeks() -> None:
    for label, p in HARD.items():
        steady = [plan for plan in program(p) if not plan.deload]
        shapes = [sorted((d.day, i.exercise, i.sets, str(i.reps), i.seconds)
                         for d in plan.days for i in d.items) for plan in steady]
        for i in range(len(shapes) - 4):
            assert any(shapes[i] != s for s in shapes[i + 1:i + 5]), (label, steady[i].week)


def test_a_full_session_moves_on_by_the_next_step_at_equal_time() -> None:
    """The wall hinge 2 x 10 gives way to the good morning 2 x 8 when 3 x 10 does not fit."""
    plans = program(BEGINNER_3X20)
    assert hinge_steps(plans[1]) == {"wall-hinge"}
    assert hinge_steps(plans[2]) == {"good-morning-bodyweight"}
    first = next(i for d in plans[2].days for i in d.items if i.chain == "hinges")
    assert (first.sets, first.reps, first.rung) == (2, 8, 1)


def test_a_held_week_offers_a_concrete_trade() -> None:
    notes = [n for plan in program(BEGINNER_3X20) for n in plan.notes if "are full" in n]
    assert notes
    assert any("A trade: drop " in n and " moves on to " in n for n in notes), notes


GOLFER = profile(session_minutes=20, available_days=["mon", "wed", "fri"],
                 equipment=["mat", "band"],
                 activities=[{"sport": "golf", "days": ["sat", "sun"], "minutes": 240}],
                 back={"symptom": "tight-after-activity", "pain": 3})


def test_a_golfer_with_a_band_gets_the_pallof_press_and_a_warm_up_before_golf() -> None:
    for plan in program(GOLFER):
        chains = {i.chain for d in plan.days for i in d.items}
        assert "pallof-presses" in chains, plan.week
        for day in plan.days:
            if day.activities == ["golf"]:
                # Saturday and Sunday are not corecoach days: the warm-up still goes first.
                assert [i.timing for i in day.items] == ["before golf"], (plan.week, day.day)


def test_other_takes_a_name_and_gets_a_generic_warm_up() -> None:
    p = profile(activities=[{"sport": "other", "name": "padel", "days": ["tue"],
                             "minutes": 60}])
    plan = program(p)[0]
    tuesday = plan.days[1]
    assert tuesday.sessions[0].label == "padel"
    assert any(i.exercise == "sport-warm-up" and i.timing == "before padel"
               for i in tuesday.items)


def test_post_run_stretches_land_after_runs() -> None:
    from corecoach.profile import load_profile
    from corecoach.resources import example_path

    plan = program(load_profile(example_path("road-runner")))[0]
    runs = [d for d in plan.days if "running" in d.activities]
    calf = [d.day for d in runs if any(i.exercise == "calf-stretch" for i in d.items)]
    assert len(calf) == len(runs)
