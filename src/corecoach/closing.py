"""A program that closes: when the last program week is over, what it achieved and what
comes next (the profile's ``after``: a next block or a maintenance dose).

Pure: the journal comes in as a History, today's date as an argument.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING, NamedTuple

from corecoach.days import monday

if TYPE_CHECKING:
    from collections.abc import Sequence

    from corecoach.journal.history import History
    from corecoach.library.catalog import Catalog
    from corecoach.plan import Plan
    from corecoach.planner import PlanOutcome
    from corecoach.profile import Profile

__all__ = ["CloseNumbers", "ProgramClose", "close_lines", "close_numbers", "next_block_outcome",
           "program_close"]

#: Days of check-ins read for the suggested back.pain ("worst in the last week").
RECENT_DAYS = 7
#: Weeks at each end of the program compared for the pain change.
ENDS_WEEKS = 2


class ProgramClose(NamedTuple):
    """The closing summary of a program whose last week is over (a named tuple: a frozen
    dataclass takes about 0.8 ms to define, on every run of an ended program)."""

    ended: dt.date  # the program's last day
    adherence: float | None  # sessions done in full or in part over those planned
    morning_first: float | None  # mean morning pain of the first two weeks
    morning_last: float | None  # ... and of the last two
    chains: tuple[tuple[str, str], ...]  # (chain, the exercise it ended on)
    suggested_pain: int | None  # worst check-in of the last week, for back.pain
    after: str | None  # the profile's choice, if made


def _mean(values: list[int]) -> float | None:
    # statistics.fmean's own sum (math.fsum), without importing statistics on every run of
    # an ended program.
    return round(math.fsum(values) / len(values), 1) if values else None


class CloseNumbers(NamedTuple):
    """What the journal says of a program whose last week is over (see
    :func:`close_numbers`)."""

    adherence: float | None  # sessions done in full or in part over those planned
    morning_first: float | None  # mean morning pain of the first two weeks
    morning_last: float | None  # ... and of the last two
    suggested_pain: int | None  # worst check-in of the last week, for back.pain


def close_numbers(today: dt.date, run: Sequence[dt.date], history: History | None = None,
                  planned_per_week: int = 0) -> CloseNumbers:
    """The journal's numbers for the program whose weeks began on the Mondays ``run`` (in
    a row on the calendar; with a journal, the weeks it counted:
    ``corecoach.adapt.last_block``).

    Adherence counts every calendar week from the first to the last of ``run``: in a week
    the journal did not count (too few sessions), sessions were still planned. The morning
    pain compares the first two and the last two program weeks."""
    origin, end = run[0], run[-1] + dt.timedelta(weeks=1)
    entries = history.since(origin).entries if history is not None else ()
    within = [e for e in entries if e.date < end]
    sessions = [e for e in within if e.kind == "session"]
    done = sum(e.status in ("done", "partial") for e in sessions)
    planned = planned_per_week * ((end - origin).days // 7)
    pains = [(e.date, e.pain) for e in within if e.kind == "check-in" and e.pain is not None]
    first, last = set(run[:ENDS_WEEKS]), set(run[-ENDS_WEEKS:])
    recent = [e.pain for e in entries if e.kind == "check-in" and e.pain is not None
              and today - dt.timedelta(days=RECENT_DAYS) < e.date <= today]
    return CloseNumbers(
        adherence=min(1.0, done / planned) if planned and history is not None
        and history.entries else None,
        morning_first=_mean([p for d, p in pains if monday(d) in first]),
        morning_last=_mean([p for d, p in pains if monday(d) in last]),
        suggested_pain=max(recent) if recent else None,
    )


def program_close(profile: Profile, plan: Plan, today: dt.date, run: Sequence[dt.date],
                  history: History | None = None, planned_per_week: int = 0, *,
                  numbers: CloseNumbers | None = None) -> ProgramClose:
    """The closing summary of the program whose weeks began on the Mondays ``run`` (see
    :func:`close_numbers`, or its ``numbers`` already worked out); ``plan`` shows where each
    chain stands now."""
    if numbers is None:
        numbers = close_numbers(today, run, history, planned_per_week)
    chains: dict[str, str] = {}
    for day in plan.days:
        for item in day.items:
            if item.chain is not None:
                chains.setdefault(item.chain, item.name)
    return ProgramClose(
        ended=run[-1] + dt.timedelta(days=6),
        adherence=numbers.adherence,
        morning_first=numbers.morning_first,
        morning_last=numbers.morning_last,
        chains=tuple(sorted(chains.items())),
        suggested_pain=numbers.suggested_pain,
        after=profile.after,
    )


def close_lines(close: ProgramClose, weeks: int, back_pain: int) -> list[str]:
    """The closing summary in plain words, and the choice of what comes next."""
    parts = [f"Your {weeks}-week program ended on {close.ended}."]
    if close.adherence is not None:
        parts.append(f"You did {close.adherence:.0%} of the planned sessions.")
    if close.morning_first is not None and close.morning_last is not None:
        parts.append(f"Morning back pain went from {close.morning_first:g}/10 in the first "
                     f"two weeks to {close.morning_last:g}/10 in the last two.")
    if close.chains:
        parts.append("Where each chain ended: " + ", ".join(
            f"{chain} at {name}" for chain, name in close.chains) + ".")
    if close.suggested_pain is not None and close.suggested_pain != back_pain:
        parts.append(f"Your mornings this week were at most {close.suggested_pain}/10: "
                     f"update back.pain (now {back_pain}) in your profile.")
    if close.after is None:
        parts.append("What next? `corecoach after next-block` starts a new block where the "
                     "chains ended; `corecoach after maintain` keeps them with a smaller "
                     "dose (Big 3 two or three days a week, the hinge twice).")
    elif close.after == "next-block":
        parts.append("As your profile asks (after = next-block), a new block starts where "
                     "the chains ended.")
    else:
        parts.append("Your profile asks for maintenance (after = maintain): keep the Big 3 "
                     "two or three days a week and the hinge twice, at the doses shown.")
    return [" ".join(parts)]


def next_block_outcome(profile: Profile, catalog: Catalog, today: dt.date) -> PlanOutcome | None:
    """A calendar program (no journal) past its last week with ``after = "next-block"``:
    the week of the block under way, each chain going on from where the one before ended
    (as if the program had run on), dated this calendar week; None otherwise. (With a
    journal, corecoach.adapt already starts each new block where the chains stand.)"""
    if profile.after != "next-block" or profile.start is None:
        return None
    done = (today - profile.start).days // 7  # program weeks over before this one
    if done < profile.weeks:
        return None
    from corecoach.planner import build_plan, chain_levels
    from corecoach.progression import ChainProgress, Progress

    week = done % profile.weeks + 1
    levels = chain_levels(profile.model_copy(update={"weeks": done + 1}), catalog, done + 1)
    block = done // profile.weeks + 1
    because = f"block {block} goes on from where block {block - 1} ended (after = next-block)"
    chains = {key: ChainProgress(level, "next-block", because) for key, level in levels.items()}
    planned = profile.model_copy(update={"start": monday(today) - dt.timedelta(weeks=week - 1)})
    return build_plan(planned, catalog, week, Progress(week=week, chains=chains))
