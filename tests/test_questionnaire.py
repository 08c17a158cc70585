"""The init questionnaire as a library: answer parsers, the interview, the profile it builds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corecoach.answers import (
    Hint,
    Note,
    Question,
    Section,
)
from corecoach.profile import PARQ_QUESTIONS, Profile
from corecoach.questionnaire import (
    PARQ_NOTE,
    Stop,
    confirm_question,
    interview,
    parse_age,
    parse_start,
    parse_work,
    summary_rows,
)
from corecoach.safety import CLINICIAN_ADVICE, URGENT_ADVICE
from corecoach.vocab import DAYS, WORKS
from tests.strategies import profiles

ROAD_RUNNER = [
    *["n"] * 7, "n",                                    # PAR-Q+, back warning signs
    "running, karate, cycling",
    "tue,thu,sun", "50", "road", "mon,wed", "90", "sat", "60",
    "8", "6", "seizes-during-running", "4", "", "", "",     # age, work, pregnancy: skipped
    "mat band dowel", "", "25", "", "", "2026-11-30",
]


def drive(answers: Iterable[str], base: Profile | None = None
          ) -> tuple[Profile | Stop, list[Any], list[Hint]]:
    """Run the interview on answers (an endless "" once they run out): result, steps, hints."""
    lines = iter(answers)
    steps: list[Any] = []
    hints: list[Hint] = []
    gen = interview(base)
    try:
        step = next(gen)
        while True:
            steps.append(step)
            if isinstance(step, Question):
                value = step.answer(next(lines, ""))
                while isinstance(value, Hint):
                    hints.append(value)
                    assert len(hints) < 50, "asks again forever"
                    value = step.answer(next(lines, ""))
                step = gen.send(value)
            else:
                step = next(gen)
    except StopIteration as done:
        return done.value, steps, hints


# --- parsers and questions of the interview ------------------------------------------------


def test_start() -> None:
    assert parse_start("none") is None
    assert parse_start("") is None
    assert parse_start("2026-11-30") == dt.date(2026, 11, 30)
    hint = parse_start("2026-12-03")
    assert isinstance(hint, Hint)
    assert "2026-12-03 is a Thursday" in hint.text
    assert "the Monday before is 2026-11-30" in hint.text
    bad = parse_start("next monday")
    assert isinstance(bad, Hint)
    assert "YYYY-MM-DD" in bad.text


# Any text at all: a value of the right kind or a hint, never an exception.
@given(st.text(max_size=60))
@settings(max_examples=150, deadline=None)
def test_interview_parsers_never_raise(text: str) -> None:
    start = parse_start(text)
    assert start is None or isinstance(start, Hint) or start.weekday() == 0
    age = parse_age(text)
    assert age is None or isinstance(age, Hint) or 13 <= age <= 100
    work = parse_work(text)
    assert work is None or isinstance(work, Hint) or work in WORKS


def test_confirm_question() -> None:
    q = confirm_question("me.toml", replacing=False)
    assert q.prompt() == "Save to me.toml? [Y/n]: "
    assert q.answer("") is True
    assert q.answer("n") is False
    assert "updating the file there; its comments are kept" in confirm_question(
        "me.toml", replacing=True).prompt()
    backed = confirm_question("me.toml", replacing=True, backup="me.toml.bak").prompt()
    assert "the old file is copied to me.toml.bak first" in backed


# --- the interview ---------------------------------------------------------------------------


def test_defaults_only_gives_the_default_profile() -> None:
    result, steps, hints = drive([])
    assert result == Profile(version=1)
    assert hints == []
    questions = [s for s in steps if isinstance(s, Question)]
    assert len(questions) == 24  # age, work and pregnancy (issue 18); goal 1 (issue 17)
    assert all(s.default_text for s in questions)  # every question shows its default


def test_order_is_safety_first() -> None:
    _, steps, _ = drive([])
    keys = [s.key for s in steps if isinstance(s, Question)]
    assert keys[:8] == [*(f"screening.{n}" for n in PARQ_QUESTIONS), "screening.red_flags"]
    assert keys[8:] == ["activities", "desk_hours", "stress", "back.symptom", "back.pain",
                        "age", "work", "pregnancy", "equipment", "experience", "session_minutes", "available_days",
                        "weeks", "start", "name", "goals[1]"]
    assert next(s.title for s in steps if isinstance(s, Section)) == "Health check"


def test_road_runner() -> None:
    result, _, hints = drive(ROAD_RUNNER)
    assert hints == []
    assert isinstance(result, Profile)
    assert [(a.sport, a.days, a.minutes, a.surface) for a in result.activities] == [
        ("running", ("tue", "thu", "sun"), 50, "road"),
        ("karate", ("mon", "wed"), 90, None),
        ("cycling", ("sat",), 60, None),
    ]
    assert (result.desk_hours, result.stress, result.session_minutes) == (8, 6, 25)
    assert result.back.symptom == "seizes-during-running"
    assert result.back.pain == 4
    assert result.equipment == ("mat", "dowel", "band")
    assert result.available_days == DAYS
    assert result.start == dt.date(2026, 11, 30)
    assert result.weeks == 8


def test_a_runner_is_asked_the_minute_and_up_to_three_goals() -> None:
    answers = [*ROAD_RUNNER, "", "20", "run 10 km on the road", "sit  through a meeting",
               "run 10 km on the road", "-"]
    result, steps, hints = drive(answers)
    assert isinstance(result, Profile), hints
    assert result.back.tight_after_minutes == 20
    # Spaces squeezed; a goal given twice is kept once; "-" ends the goals.
    assert result.goals == ("run 10 km on the road", "sit through a meeting")
    keys = [s.key for s in steps if isinstance(s, Question)]
    assert keys[-4:] == ["back.tight_after_minutes", "goals[1]", "goals[2]", "goals[3]"]


def test_three_goals_at_most_and_enter_keeps_them() -> None:
    base = Profile(version=1, goals=("lift my child", "sit 2 hours"),
                   back={"tight_after_minutes": 15})
    result, steps, hints = drive([], base)
    assert hints == [] and isinstance(result, Profile)
    assert result.goals == base.goals
    # No running: the minute is not asked, and kept.
    assert result.back.tight_after_minutes == 15
    assert "back.tight_after_minutes" not in [s.key for s in steps if isinstance(s, Question)]
    result, _, hints = drive([*[""] * 23, "ab", "x" * 81, "carry shopping"], base)
    assert [h.text[:10] for h in hints] == ["Give 3-80 ", "Give 3-80 "]
    assert isinstance(result, Profile) and result.goals[0] == "carry shopping"


def test_a_sport_twice_is_two_activities() -> None:
    answers = [*[""] * 8, "running, running", "tue,thu", "40", "road", "sun", "90", "trail"]
    result, steps, _ = drive(answers)
    assert isinstance(result, Profile)
    assert [a.surface for a in result.activities] == ["road", "trail"]
    texts = [s.text for s in steps if isinstance(s, Question)]
    assert "Running (2 of 2): usual surface?" in texts


@pytest.mark.parametrize(("flag", "urgent", "advice"), [
    ("1", True, URGENT_ADVICE), ("bladder", True, URGENT_ADVICE),
    ("both-legs", True, URGENT_ADVICE), ("4", True, URGENT_ADVICE),
    ("9", False, CLINICIAN_ADVICE), ("fever, 1", True, URGENT_ADVICE),
])
def test_red_flag_stops_at_once(flag: str, urgent: bool, advice: str) -> None:
    result, steps, _ = drive([*["n"] * 7, "y", flag])
    assert isinstance(result, Stop)
    assert result.withheld.urgent is urgent
    assert result.withheld.advice == advice
    assert not any(isinstance(s, Question) and s.key == "activities" for s in steps)


def test_red_flags_after_yes_enter_is_not_none() -> None:
    result, steps, hints = drive([*["n"] * 7, "y", "", "1"])
    assert isinstance(result, Stop)
    assert [h.text for h in hints] == [
        "Please answer: numbers from the list, e.g. 1,3; none if none apply."]
    which = steps[-1]
    assert which.prompt() == "Which ones? (numbers from the list, e.g. 1,3; none if none apply): "


def test_red_flags_yes_then_none_goes_on() -> None:
    result, _, _ = drive([*["n"] * 7, "y", "none"])
    assert isinstance(result, Profile)
    assert result.screening.red_flags == ()


def test_parq_yes_asks_about_clearance_and_warns() -> None:
    result, steps, _ = drive(["y", *["n"] * 6, "n"])
    assert isinstance(result, Profile)
    assert result.screening.heart_condition is True
    assert result.screening.cleared is False
    assert Note(PARQ_NOTE) in steps
    cleared, steps, _ = drive(["y", *["n"] * 6, "y"])
    assert isinstance(cleared, Profile)
    assert cleared.screening.cleared is True
    assert Note(PARQ_NOTE) not in steps


def test_hints_then_accepts() -> None:
    answers = [*[""] * 8, "", "19", "8"]
    result, _, hints = drive(answers)
    assert isinstance(result, Profile)
    assert result.desk_hours == 8
    assert [h.text for h in hints] == ["19 is out of range: answer a whole number from 0 to 18."]


@given(profiles(safe=True), st.lists(st.booleans(), min_size=7, max_size=7))
@settings(max_examples=60, deadline=None)
def test_enter_everywhere_keeps_an_existing_profile(base: Profile, parq: list[bool]) -> None:
    screening = base.screening.model_copy(update=dict(zip(PARQ_QUESTIONS, parq, strict=True)))
    base = base.model_copy(update={"screening": screening})
    result, _, hints = drive([], base)
    assert hints == []
    assert result == base


def test_summary_rows() -> None:
    result, _, _ = drive(ROAD_RUNNER)
    assert isinstance(result, Profile)
    rows = dict(summary_rows(result))
    assert rows["Running"] == "tue, thu, sun; 50 min, road"
    assert rows["Karate"] == "mon, wed; 90 min"
    assert rows["Health check"] == "no to all seven"
    assert rows["Program"] == "8 weeks from Monday 2026-11-30"
    assert rows["Sessions"] == "up to 25 min, on any day"


def test_existing_red_flags_are_the_defaults() -> None:
    base = Profile.model_validate({"version": 1, "screening": {"red_flags": ["night-pain"]}})
    result, steps, _ = drive([], base)
    assert isinstance(result, Stop)
    assert not result.withheld.urgent
    assert [s.default_text for s in steps if isinstance(s, Question)][-2:] == ["Y/n",
                                                                                "night-pain"]


def test_a_postpartum_runner_is_asked_the_pelvic_floor_question() -> None:
    """Issue 18, item 5: pregnancy or a birth in the last year brings the pelvic-floor
    question (PAR-Q+ follow-up), and the answers reach the profile."""
    base = Profile(version=1, age=33, postpartum_weeks=20,
                   activities=({"sport": "running", "days": ("tue",), "minutes": 30},))
    gen = interview(base)
    asked: list[str] = []
    step = next(gen)
    try:
        while True:
            if isinstance(step, Question):
                asked.append(step.key)
                answer = step.answer("y") if step.key == "screening.pelvic_floor" \
                    else step.default
                step = gen.send(answer)
            else:
                step = next(gen)
    except StopIteration as done:
        profile = done.value
    assert asked.index("pregnancy") < asked.index("postpartum_weeks") < asked.index(
        "screening.pelvic_floor")
    assert isinstance(profile, Profile)
    assert (profile.age, profile.postpartum_weeks, profile.screening.pelvic_floor) == (
        33, 20, True)


def test_age_and_work_are_optional() -> None:
    assert parse_age("none") is None
    assert parse_age("15") == 15
    assert isinstance(parse_age("12"), Hint)
    assert parse_work("-") is None
    assert parse_work("driv") == "driving"
    assert isinstance(parse_work("pilot"), Hint)



def test_clearance_is_asked_per_answer_when_several_are_yes() -> None:
    """Issue 18, item 6: not cleared for everything, so which answers are cleared?"""
    parq = ["y", "n", "n", "n", "n", "y", "n"]  # heart condition and a bone/joint problem
    result, steps, hints = drive([*parq, "n", "bone_joint_problem", "n"])
    assert hints == [] and isinstance(result, Profile)
    asked = [s for s in steps if isinstance(s, Question)]
    which = next(s for s in asked if s.key == "screening.cleared_for")
    assert "1) heart_condition" in " ".join(which.listing)
    assert result.screening.cleared is False
    assert result.screening.cleared_for == ("bone_joint_problem",)
    assert result.screening.uncleared() == ("heart_condition",)
    _, steps, _ = drive(["y", *["n"] * 6, "n"])
    assert not any(isinstance(s, Question) and s.key == "screening.cleared_for" for s in steps)


def test_a_pelvic_health_check_after_a_birth_is_recorded_in_cleared_for() -> None:
    base = Profile(version=1, postpartum_weeks=20)
    gen = interview(base)
    step = next(gen)
    asked: list[str] = []
    try:
        while True:
            if isinstance(step, Question):
                asked.append(step.key)
                step = gen.send(step.answer("y") if step.key == "screening.pelvic_health"
                                else step.default)
            else:
                step = next(gen)
    except StopIteration as done:
        profile = done.value
    assert asked.index("screening.pelvic_floor") < asked.index("screening.pelvic_health")
    assert isinstance(profile, Profile)
    assert profile.screening.cleared_for == ("pelvic_health",)
    assert profile.postpartum_weeks == 20
