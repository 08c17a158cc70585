"""Weekday arithmetic: the one home for day indexes, gaps, Mondays and weekday names.

Days are the profile's three-letter names (``vocab.Day``), Monday first, as ``date.weekday``
counts them.
"""

from __future__ import annotations

import datetime as dt

from corecoach.vocab import DAY_NAMES, DAYS, Day

__all__ = [
    "DAYS",
    "DAY_GAP",
    "DAY_INDEX",
    "DAY_NAMES",
    "NEXT_DAY",
    "coming_monday",
    "day_of",
    "monday",
    "weekday_name",
]

#: Position of each day in the week, Monday = 0 (as ``date.weekday()``).
DAY_INDEX: dict[Day, int] = {d: i for i, d in enumerate(DAYS)}

#: Days from one weekday to another, either way round the week (0-3).
DAY_GAP: dict[tuple[Day, Day], int] = {
    (a, b): min((j - i) % 7, (i - j) % 7)
    for i, a in enumerate(DAYS) for j, b in enumerate(DAYS)
}

#: The day after each day (Sunday -> Monday).
NEXT_DAY: dict[Day, Day] = {d: DAYS[(i + 1) % 7] for i, d in enumerate(DAYS)}


def day_of(date: dt.date) -> Day:
    """The profile's name for ``date``'s weekday ("mon" ... "sun")."""
    return DAYS[date.weekday()]


def weekday_name(date: dt.date) -> str:
    """``date``'s weekday in words: "Monday" ... "Sunday"."""
    return DAY_NAMES[day_of(date)]


def monday(date: dt.date) -> dt.date:
    """The Monday of ``date``'s week (``date`` itself on a Monday)."""
    return date - dt.timedelta(days=date.weekday())


def coming_monday(today: dt.date) -> dt.date:
    """Today when it is a Monday, else the next Monday: where an undated calendar starts."""
    return today + dt.timedelta(days=-today.weekday() % 7)
