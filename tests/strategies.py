"""Hypothesis strategies for valid profiles."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from corecoach.profile import Activity, Back, Profile, Screening
from corecoach.vocab import DAYS, EQUIPMENT, EXPERIENCES, RED_FLAGS, SPORTS, SURFACES, SYMPTOMS

days = st.lists(st.sampled_from(DAYS), min_size=1, max_size=7, unique=True)


@st.composite
def activities(draw: st.DrawFn) -> Activity:
    sport = draw(st.sampled_from(SPORTS))
    surface = draw(st.none() | st.sampled_from(SURFACES)) if sport == "running" else None
    return Activity(sport=sport, days=tuple(draw(days)), minutes=draw(st.integers(5, 600)),
                    surface=surface)


mondays = st.dates(dt.date(2020, 1, 6), dt.date(2035, 12, 31)).map(
    lambda d: d - dt.timedelta(days=d.weekday()))


def profiles(*, safe: bool = False) -> st.SearchStrategy[Profile]:
    """Any valid profile; with ``safe``, one that passes screening (no flags, cleared)."""
    screening = (st.builds(Screening, cleared=st.booleans()) if safe else st.builds(
        Screening,
        red_flags=st.lists(st.sampled_from(RED_FLAGS), unique=True, max_size=3).map(tuple),
    ))
    if safe:
        screening = screening.map(lambda s: s.model_copy(update={"cleared": True}))
    return st.builds(
        Profile,
        version=st.just(1),
        name=st.none() | st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30),
        experience=st.sampled_from(EXPERIENCES),
        desk_hours=st.integers(0, 18),
        stress=st.integers(0, 10),
        session_minutes=st.integers(5, 90),
        available_days=days.map(tuple),
        equipment=st.lists(st.sampled_from(EQUIPMENT), unique=True, max_size=10).map(tuple),
        weeks=st.integers(4, 16),
        start=st.none() | mondays,
        activities=st.lists(activities(), max_size=4).map(tuple),
        back=st.builds(Back, symptom=st.sampled_from(SYMPTOMS), pain=st.integers(0, 10)),
        screening=screening,
    )


@st.composite
def busy_weeks(draw: st.DrawFn) -> Profile:
    """A safe profile whose sport (on 5-7 days) and corecoach days fill all seven days: a
    daily runner, or sport on 5-6 days with corecoach on the rest and maybe on some sport
    days too."""
    profile = draw(profiles(safe=True))
    sport_days = draw(st.lists(st.sampled_from(DAYS), min_size=5, max_size=7, unique=True))
    rest = [d for d in DAYS if d not in sport_days]
    extra = draw(st.lists(st.sampled_from(sport_days), unique=True,
                          min_size=max(0, 2 - len(rest))))
    sport = Activity(sport=draw(st.sampled_from(SPORTS)), days=tuple(sport_days),
                     minutes=draw(st.integers(5, 120)))
    available = tuple(d for d in DAYS if d in rest or d in extra)
    return profile.model_copy(update={"available_days": available,
                                      "activities": (sport, *profile.activities)})
