"""coach.summary_for and corecoach.summary as a library: what the physio's page holds."""

from __future__ import annotations

import datetime as dt

from corecoach.coach import summary_for
from corecoach.journal.entry import Entry
from corecoach.journal.history import History
from corecoach.library.loader import load_catalog
from corecoach.summary import DECISION_DAYS, MAX_DECISIONS, MAX_WEEKS
from tests.dated import START, dated_example

GOALS = ("run 10 km on the road", "sit through a 2-hour meeting")


def journal(weeks: int, key: str = "me-one") -> History:
    """Sessions on Mon/Wed/Fri with a check-in after, a road run on Tuesday that tightens
    at minute 22, an easy treadmill run on Thursday, and ratings every two weeks."""
    entries: list[Entry] = []
    for w in range(weeks):
        monday = START + dt.timedelta(weeks=w)
        for d in (0, 2, 4):
            day = monday + dt.timedelta(days=d)
            entries.append(Entry(key, day, "session", status="done", pain_during=2,
                                 leg_symptoms=False))
            entries.append(Entry(key, day + dt.timedelta(days=1), "check-in", pain=2,
                                 leg_symptoms=False))
        entries.append(Entry(key, monday + dt.timedelta(days=1), "activity", sport="running",
                             minutes=50, surface="road", tight_at=22))
        entries.append(Entry(key, monday + dt.timedelta(days=3), "activity", sport="running",
                             minutes=40, surface="treadmill"))
        if w % 2 == 0:
            entries += [Entry(key, monday, "rating", goal=GOALS[0], score=3 + w // 2),
                        Entry(key, monday, "rating", goal=GOALS[1], score=5)]
    entries.sort(key=lambda e: e.date)
    return History(key, tuple(entries))


def profile():  # type: ignore[no-untyped-def]
    return dated_example("road-runner").model_copy(update={"goals": GOALS})


def test_every_section_is_filled_from_the_journal() -> None:
    history = journal(6)
    today = START + dt.timedelta(weeks=6)
    s = summary_for(profile(), load_catalog(), today, history)
    topics = [t for t, _ in s.facts]
    assert topics[0] == "Back" and "Sports" in topics
    assert [t for t, _ in s.screening][:2] == ["PAR-Q+", "Back warning signs"]
    assert s.week is not None and s.chains
    assert all(c.dose for c in s.chains)
    assert [w.done for w in s.weekly][:6] == [3] * 6
    assert s.usual_morning == 2.0
    assert [(g.goal, g.first, g.last) for g in s.goals] == [(GOALS[0], 3, 5), (GOALS[1], 5, 5)]
    assert s.goals[0].meaningful and not s.goals[1].meaningful
    assert {r.surface: r.tightened for r in s.surfaces} == {"road": 6, "treadmill": 0}
    assert s.road_return is not None and s.road_return.road_minutes < 22
    assert s.decisions and len(s.decisions) <= MAX_DECISIONS
    assert all(today - dt.timedelta(days=DECISION_DAYS) <= d.first <= d.last <= today
               for d in s.decisions)
    assert s.entries == len(history.entries)


def test_since_narrows_the_journal_but_not_the_plan() -> None:
    history = journal(6)
    today = START + dt.timedelta(weeks=6)
    since = START + dt.timedelta(weeks=4)
    s = summary_for(profile(), load_catalog(), today, history, since)
    assert s.since == since
    assert s.weekly[0].monday == since
    assert s.entries == len(history.since(since).entries)
    assert all(d.first >= since for d in s.decisions)
    assert s.goals[0].first == 5  # the rating of week 5 is the first since then


def test_long_journals_keep_to_one_page_of_weeks() -> None:
    s = summary_for(profile(), load_catalog(), START + dt.timedelta(weeks=20), journal(20))
    assert len(s.weekly) == MAX_WEEKS


def test_without_a_journal_the_goals_are_listed_unrated() -> None:
    s = summary_for(profile(), load_catalog(), START, None)
    assert [(g.goal, g.ratings) for g in s.goals] == [(GOALS[0], ()), (GOALS[1], ())]
    assert s.weekly == () and s.decisions == () and s.entries == 0
    assert s.chains  # the calendar plan's week 1


def test_a_withheld_plan_says_why() -> None:
    flagged = profile().model_copy(update={"screening": profile().screening.model_copy(
        update={"chest_pain": True})})
    s = summary_for(flagged, load_catalog(), START, None)
    assert s.withheld is not None and s.chains == ()
    assert "chest pain" in dict(s.screening)["PAR-Q+"]
