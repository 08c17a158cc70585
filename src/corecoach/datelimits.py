"""The dates corecoach accepts: strict YYYY-MM-DD, between a floor and a ceiling.

Without bounds, one entry dated 0001-01-01 makes `history` build every week since year 1
(a hang), and a ``--today`` of 9999-12-31 overflows when the next morning is named (a crash
after the entry was stored). Every date from the user (``--date``, ``--today``, ``--since``,
imported rows) is checked here; the ceiling leaves room for a whole program after it.
"""

from __future__ import annotations

import datetime as dt
import re

#: The first day a journal entry or --today may name.
FLOOR = dt.date(2000, 1, 1)
#: The last day a journal entry or --today may name (a 16-week program still fits after it).
CEILING = dt.date(2099, 12, 31)

_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


def parse_day(text: str) -> dt.date:
    """A YYYY-MM-DD date (nothing else: no 20261120, no week dates); ValueError otherwise."""
    if not _ISO_DAY.fullmatch(text):
        raise ValueError(text)
    return dt.date.fromisoformat(text)


def out_of_range(day: dt.date) -> str | None:
    """Why ``day`` is refused, or None when it lies between the floor and the ceiling."""
    if day < FLOOR:
        return f"{day} is before {FLOOR}; corecoach keeps dates from {FLOOR} to {CEILING}"
    if day > CEILING:
        return f"{day} is after {CEILING}; corecoach keeps dates from {FLOOR} to {CEILING}"
    return None
