"""The journal's weekly growth cap (corecoach.weekcap), as pure calls."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from corecoach.planner.limits import WEEKLY_GROWTH
from corecoach.progression import ChainProgress, Progress
from corecoach.weekcap import cap_days, with_week_cap

THURSDAY = dt.date(2026, 11, 26)
NOW = Progress(5, {"bird-dogs": ChainProgress(4, "progress", "clean")}, flare=False, hold=None)


def test_the_cap_is_last_weeks_plan_grown_and_its_rungs_the_floor() -> None:
    asked: list[dt.date] = []

    def progress_at(day: dt.date) -> Progress:
        asked.append(day)
        return NOW._replace(week=6 if day == dt.date(2026, 11, 22) else 2,
                            chains={"bird-dogs": ChainProgress(3, "repeat", "")})

    capped = with_week_cap(NOW, THURSDAY, progress_at, lambda then: 100, depth=1)
    assert asked == [dt.date(2026, 11, 22)]  # the Sunday that ended last week
    assert capped.max_minutes == WEEKLY_GROWTH * 100 and capped.floor == {"bird-dogs": 3}


def test_a_deload_week_is_no_base_the_week_before_it_is() -> None:
    asked: list[dt.date] = []

    def progress_at(day: dt.date) -> Progress:
        asked.append(day)
        return NOW._replace(week=4 if day == dt.date(2026, 11, 22) else 3)

    with_week_cap(NOW, THURSDAY, progress_at, lambda then: 60, depth=1)
    assert asked == [dt.date(2026, 11, 22), dt.date(2026, 11, 15)]


def test_no_cap_in_a_flare_or_without_a_journal_week_before() -> None:
    flared = NOW._replace(flare=True)
    assert with_week_cap(flared, THURSDAY, lambda day: NOW, lambda then: 60) is flared
    assert with_week_cap(NOW, THURSDAY, lambda day: None, lambda then: 60) is NOW


@given(st.dates(dt.date(2021, 1, 1), dt.date(2030, 12, 31)),
       st.lists(st.integers(1, 12), min_size=1, max_size=12),
       st.lists(st.booleans(), min_size=1, max_size=12))
def test_the_cap_asks_only_about_the_days_cap_days_names(
        today: dt.date, weeks: list[int], flares: list[bool]) -> None:
    """What a run keeps of past days (coach.PastProgress) covers every day the cap asks."""
    asked: list[dt.date] = []

    def progress_at(day: dt.date) -> Progress:
        n = len(asked)
        asked.append(day)
        return NOW._replace(week=weeks[n % len(weeks)], flare=flares[n % len(flares)])

    with_week_cap(NOW, today, progress_at, lambda then: 50)
    assert set(asked) <= set(cap_days(today))
    assert all(day.weekday() == 6 and day < today for day in cap_days(today))
