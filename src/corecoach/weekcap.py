"""The journal's weekly growth cap (coaching review 2, G20): a journal week grows at most
``WEEKLY_GROWTH`` in minutes over the last steady week the journal planned.

The calendar plan caps each week's minutes against the week before (``corecoach.planner``);
with a journal, the chains move on as sessions are logged, so the cap has to come from the
journal itself: the plan it made at the end of last week (planned again here with the
progress the journal had then, and that week's own cap, a few weeks deep). A deload week is
no base (the week before it is), nor is a week that ended in a flare or a hold: after a
flare the graded return decides. Each chain keeps at least the rung it had then (``floor``):
the cap slows growth, it never steps work back.

Pure: the two callables say what the journal said on a day and how long a plan is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from corecoach.days import monday
from corecoach.planner.limits import WEEKLY_GROWTH
from corecoach.progression import Progress, is_deload

#: How many weeks back the cap is planned again (each week's plan is capped by the one
#: before it); further back the plan is taken as it would be without a cap.
DEPTH = 3

ProgressAt = Callable[[dt.date], Progress | None]
MinutesOf = Callable[[Progress], int | None]


def cap_days(today: dt.date, depth: int = DEPTH) -> list[dt.date]:
    """Every day :func:`with_week_cap` may ask ``progress_at`` about: the Sundays that end
    the last ``2 * depth`` weeks (each level of depth looks one week back, two past a
    deload week)."""
    end = monday(today) - dt.timedelta(days=1)
    return [end - dt.timedelta(weeks=k) for k in range(2 * depth)]


def with_week_cap(progress: Progress, today: dt.date, progress_at: ProgressAt,
                  minutes_of: MinutesOf, depth: int = DEPTH) -> Progress:
    """``progress`` with this week's minute cap and floors (unchanged in a flare, a hold or
    when no earlier journal week is a base)."""
    if progress.flare or progress.hold or not progress.chains:
        return progress
    cap, floor = _cap(today, progress_at, minutes_of, depth)
    if cap is None:
        return progress
    return progress._replace(max_minutes=cap, floor=floor)


def _cap(today: dt.date, progress_at: ProgressAt, minutes_of: MinutesOf,
         depth: int) -> tuple[float | None, dict[str, int]]:
    end = monday(today) - dt.timedelta(days=1)
    for _ in range(2):  # a deload week is no base: the week before it is
        then = progress_at(end)
        if then is None or then.flare or then.hold or not then.chains:
            return None, {}
        if not is_deload(then.week):
            break
        end -= dt.timedelta(weeks=1)
    else:
        return None, {}
    if depth > 1:
        then = with_week_cap(then, end, progress_at, minutes_of, depth - 1)
    minutes = minutes_of(then)
    if minutes is None:
        return None, {}
    return WEEKLY_GROWTH * minutes, {k: c.advances for k, c in then.chains.items()}
