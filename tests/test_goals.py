"""corecoach.goals as a library: --goal parsing, rating entries, trends, the reminder."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corecoach.errors import InputError
from corecoach.goals import (
    MEANINGFUL_CHANGE,
    RATE_EVERY_DAYS,
    GoalTrend,
    goal_trends,
    rating_entries,
    rating_reminder,
    scores_from_options,
)
from corecoach.journal.entry import Entry
from corecoach.journal.history import History

GOALS = ("run 10 km on the road", "sit through a meeting")
DAY = dt.date(2026, 11, 30)


def rating(day: dt.date, goal: str, score: int) -> Entry:
    return Entry("p", day, "rating", goal=goal, score=score)


def test_scores_from_options() -> None:
    assert scores_from_options(GOALS, ["2=7", " 1 = 0 "]) == {2: 7, 1: 0}


@pytest.mark.parametrize("given_", [["0=5"], ["3=5"], ["1=11"], ["1=five"], ["1"], ["=3"],
                                    ["1=2", "1=3"], []])
def test_bad_scores_are_input_errors(given_: list[str]) -> None:
    with pytest.raises(InputError):
        scores_from_options(GOALS, given_)


def test_no_goals_is_an_input_error() -> None:
    with pytest.raises(InputError, match="no goals"):
        scores_from_options((), ["1=3"])


def test_rating_entries_are_checked_and_in_goal_order() -> None:
    entries = rating_entries("p", GOALS, {2: 4, 1: 6}, DAY, DAY)
    assert [(e.kind, e.goal, e.score) for e in entries] == [
        ("rating", GOALS[0], 6), ("rating", GOALS[1], 4)]
    with pytest.raises(InputError, match="after today"):
        rating_entries("p", GOALS, {1: 6}, DAY + dt.timedelta(days=1), DAY)


@given(st.lists(st.integers(0, 10), min_size=1, max_size=8))
def test_trend_change_and_meaningful(scores: list[int]) -> None:
    entries = tuple(rating(DAY + dt.timedelta(days=7 * i), GOALS[0], s)
                    for i, s in enumerate(scores))
    [trend, other] = goal_trends(History("p", entries), GOALS)
    assert other.ratings == ()
    assert trend.first == scores[0] and trend.last == scores[-1]
    if len(scores) == 1:
        assert trend.change is None and not trend.meaningful
    else:
        assert trend.change == scores[-1] - scores[0]
        assert trend.meaningful == (abs(scores[-1] - scores[0]) >= MEANINGFUL_CHANGE)


def test_a_days_last_rating_counts_and_old_goals_follow() -> None:
    entries = (rating(DAY, GOALS[0], 3), rating(DAY, GOALS[0], 5),
               rating(DAY, "an old goal", 2))
    trends = goal_trends(History("p", entries), GOALS)
    assert [t.goal for t in trends] == [*GOALS, "an old goal"]
    assert trends[0].ratings == ((DAY, 5),)


def test_words() -> None:
    trend = GoalTrend("walk", ((DAY, 2), (DAY + dt.timedelta(days=14), 5)))
    assert trend.words().startswith("walk: 2 -> 5/10 (+3, a meaningful change")
    assert "within the noise" in GoalTrend("walk", ((DAY, 2), (DAY, 3))).words()


def test_reminder() -> None:
    session = Entry("p", DAY, "session", status="done", leg_symptoms=False)
    assert rating_reminder(None, GOALS, DAY) is None
    assert rating_reminder(History("p", ()), GOALS, DAY) is None
    assert rating_reminder(History("p", (session,)), (), DAY) is None
    assert "not yet" in (rating_reminder(History("p", (session,)), GOALS, DAY) or "")
    rated = History("p", (rating(DAY, GOALS[0], 4),))
    later = DAY + dt.timedelta(days=RATE_EVERY_DAYS - 1)
    assert rating_reminder(rated, GOALS, later) is None
    assert rating_reminder(rated, GOALS, later + dt.timedelta(days=1)) is not None
