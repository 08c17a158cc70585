"""One rest day a week when sport and corecoach together fill all seven days (issue 18).

With sport on five or more days and corecoach allowed on every other day, nothing in the week
would be a day off. One day then holds no corecoach work but gentle breathing (and the
warm-up before the person's own sport, which belongs to the sport): a day without sport
where there is one, so it is a whole day off; else the biggest sport day, the one that asks
the most of the back.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from corecoach.days import DAY_INDEX, DAY_NAMES, DAYS
from corecoach.plan import Session
from corecoach.planner.limits import EASY_DAY_SPORT_DAYS
from corecoach.profile import Profile
from corecoach.vocab import Day

#: What the rest day may still hold: gentle breathing calms, it does not load.
REST_DAY_CATEGORIES = frozenset({"breathing"})


def rest_day(profile: Profile, sessions: Mapping[Day, Sequence[Session]],
             flare: bool) -> Day | None:
    """The day kept free of corecoach work, or None when the week already has one.

    Only when sport is on ``EASY_DAY_SPORT_DAYS`` or more days and every day of the week is a
    sport day or a corecoach day, and corecoach keeps at least one other day. A flare plan's
    daily walks and breathing are its treatment: it gets no rest day.
    """
    sport_days = {d for d in DAYS if sessions[d]}
    available = list(profile.available_days)
    if flare or len(sport_days) < EASY_DAY_SPORT_DAYS or len(available) < 2:
        return None
    if sport_days | set(available) != set(DAYS):
        return None
    free = [d for d in available if d not in sport_days]
    if free:
        # A whole day off: the last day without sport (the weekend's rest, usually).
        return max(free, key=DAY_INDEX.__getitem__)
    return max(available, key=lambda d: (sum(s.minutes for s in sessions[d]), DAY_INDEX[d]))


def rest_note(day: Day, sessions: Sequence[Session], breathing: bool) -> str:
    """Which day rests and why, in the plan's notes."""
    what = "no corecoach work" + (" but gentle breathing" if breathing else "")
    sport = max(sessions, key=lambda s: s.minutes).label if sessions else None
    rest = (f"the warm-up before your {sport} and {what}" if sport else what)
    return (f"{DAY_NAMES[day]} is your rest day: your sport and corecoach would otherwise "
            f"fill all seven days, and muscles and tissues adapt on the days between "
            f"training, so it holds {rest}.")
