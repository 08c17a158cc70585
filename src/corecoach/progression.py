"""Dose for week N: climb the ladder, then the next chain step; loads; deload weeks.

The program assumes each progressive week was completed cleanly (the "2-for-2" gate of the
brief); docs/progression.md tells the user to repeat a week with --week when it was not.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

from corecoach.library.models import Dose, Exercise

DELOAD_EVERY = 4


def is_deload(week: int) -> bool:
    """Every fourth week is a deload week."""
    return week % DELOAD_EVERY == 0


def advances_before(week: int) -> int:
    """How many progressive (non-deload) weeks come before ``week``."""
    done = week - 1
    return done - done // DELOAD_EVERY


def current_week(start_offset_days: int | None, weeks: int) -> int:
    """The program week for a day ``start_offset_days`` after the start (None: week 1)."""
    if start_offset_days is None or start_offset_days < 0:
        return 1
    return min(weeks, start_offset_days // 7 + 1)


class Position(NamedTuple):
    """Where a slot stands in week N: which step, which rung, and what load."""

    step: int
    rung: int
    load_kg: float | None


def position(
    steps: Sequence[Exercise], entry: int, advances: int, *, allow_load_increase: bool
) -> Position:
    """Walk ``advances`` rungs from the entry step's first rung.

    After a step's top rung comes the next step's first rung; past the last step's top rung,
    a loaded exercise adds its smallest load step each advance (when allowed), and anything
    else stays at the top.
    """
    step, rung = entry, 0
    extra_loads = 0
    for _ in range(advances):
        if rung + 1 < len(steps[step].ladder):
            rung += 1
        elif step + 1 < len(steps):
            step, rung = step + 1, 0
        elif steps[step].load is not None and allow_load_increase:
            extra_loads += 1
    ex = steps[step]
    load = None
    if ex.load is not None:
        load = ex.load.start_kg
        for _ in range(extra_loads):
            load += load_step(load, ex.load.step_kg)
    return Position(step, rung, load)


def load_step(current_kg: float, smallest_kg: float) -> float:
    """The next load increase: the smallest step, but never more than 10 % of the load."""
    cap = math.floor(current_kg * 0.10 * 2) / 2  # round down to 0.5 kg
    return min(smallest_kg, cap) if cap > 0 else smallest_kg


def deload_dose(ladder: Sequence[Dose], rung: int) -> Dose:
    """The deload dose: the rung below ``rung`` (if any) with about half its sets."""
    dose = ladder[max(0, rung - 1)]
    sets = max(1, math.ceil(dose.sets / 2))
    reps = dose.reps
    if isinstance(reps, tuple):
        reps = reps[:sets]
    return Dose(sets=sets, reps=reps, seconds=dose.seconds)


class ChainProgress(NamedTuple):
    """Where the journal puts one chain (or stand-alone exercise), and why.

    ``advances`` counts rungs climbed from the chain's entry rung, exactly as
    ``advances_before(week)`` does for the calendar; the planner walks the same ladder.
    """

    advances: int
    decision: str  # progress | repeat | back | carry-on | flare | ...
    because: str


class Progress(NamedTuple):
    """What the journal says for a profile: the planner's input in place of the calendar.

    ``week`` is the program week the journal reached; ``chains`` maps a chain id (or the id
    of a wanted exercise outside any chain) to its position; a chain the journal has no
    word on follows the calendar for ``week``. ``flare`` switches the profile's flare rules
    on; ``hold`` withholds the plan with that reason (leg symptoms logged).
    ``max_minutes`` caps the week's minutes (the weekly growth over the last steady week the
    journal planned; None: no cap), and ``floor`` names the rungs each chain had then, which
    the cap never takes away (``corecoach.weekcap``).
    """

    week: int
    chains: dict[str, ChainProgress]
    flare: bool = False
    hold: str | None = None
    max_minutes: float | None = None
    floor: dict[str, int] | None = None
