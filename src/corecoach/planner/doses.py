"""Doses: minutes of an exercise, and the step and rung a slot has on a given day."""

from __future__ import annotations

from corecoach.library.models import Dose, Exercise
from corecoach.planner.limits import (
    BREATHING_CAP_SECONDS,
    HOLD_TRANSITION_SECONDS,
    KEPT_IN_DELOAD,
    SECONDS_PER_REP,
    SETUP_SECONDS,
    SPREAD_MAX_DAYS,
    STRENGTH,
    WALK_SHARE,
)
from corecoach.planner.slots import Placed, Slot
from corecoach.progression import (
    deload_dose,
    position,
)
from corecoach.vocab import Day


def estimate_minutes(ex: Exercise, dose: Dose) -> float:
    """Minutes for one exercise at one dose: work, rests between sets, sides, set-up."""
    per_rep = (dose.seconds or SECONDS_PER_REP) + (
        HOLD_TRANSITION_SECONDS if ex.unit == "hold" else 0)
    work = dose.total_reps() * per_rep
    # Alternating sides rests one side while the other works, so rests are not doubled.
    rests = (dose.sets - 1) * ex.rest_seconds
    sides = 2 if ex.per_side else 1
    return round((work * sides + rests + SETUP_SECONDS) / 60, 1)


def needs_spreading(ex: Exercise) -> bool:
    """Harder core and hinge steps (level 3+) that are not daily-ok: 2-3 days, spaced."""
    return ex.category in STRENGTH and ex.level >= 3 and "daily-ok" not in ex.tags


def allowed_on(slot: Slot, ex: Exercise, day: Day) -> bool:
    """May step ``ex`` of ``slot`` go on ``day`` (loaded work and harder work have days)?"""
    if ex.loaded and day not in slot.loaded_days:
        return False
    return not needs_spreading(ex) or day in slot.spread_days


def top_rung_within(ex: Exercise, rung: int, cap_seconds: int) -> int:
    """The highest rung up to ``rung`` whose timed dose is within ``cap_seconds``."""
    while rung > 0 and (ex.ladder[rung].seconds or 0) * ex.ladder[rung].sets > cap_seconds:
        rung -= 1
    return rung


def entry_rung(ex: Exercise, budget: int) -> int:
    """Walks enter at the largest rung within a share of the session; everything else at 1."""
    if ex.category != "activity":
        return 0
    fitting = [i for i, d in enumerate(ex.ladder)
               if estimate_minutes(ex, d) <= WALK_SHARE * budget]
    return fitting[-1] if fitting else 0


class Resolver:
    """Turns (slot, advances, day, deload) into the exercise and dose for that day."""

    def __init__(self, budget: int, stretch_seconds: int = 0) -> None:
        self.budget = budget
        self.stretch_seconds = stretch_seconds  # the shortest static stretch hold
        self._memo: dict[tuple[int, int, Day, bool], Placed | None] = {}
        self._positions: dict[tuple[int, int], tuple[int, int, float | None]] = {}

    def __call__(self, slot: Slot, advances: int, day: Day, deload: bool) -> Placed | None:
        # The fitting asks again and again (most asks are repeats): one lookup for those.
        key = (id(slot), advances, day, deload)
        try:
            return self._memo[key]
        except KeyError:
            found = self._memo[key] = self._resolve(slot, advances, day, deload)
            return found

    def _resolve(self, slot: Slot, advances: int, day: Day, deload: bool) -> Placed | None:
        step, rung, load = self.position_key(slot, advances)
        # A step that may not go on this day (loaded, or harder work kept to spaced days)
        # falls back to the highest step below it that may, at its top rung: the person has
        # passed it (or, entering above it, can do it), so it keeps what they built.
        while not allowed_on(slot, slot.steps[step], day):
            if step == 0:
                return None
            step -= 1
            rung = len(slot.steps[step].ladder) - 1
            below = slot.steps[step].load
            load = below.start_kg if below else None
        ex = slot.steps[step]
        if ex.category == "breathing":
            rung = top_rung_within(ex, rung, BREATHING_CAP_SECONDS)
        if deload and ex.category not in KEPT_IN_DELOAD:
            dose, rung = deload_dose(ex.ladder, rung), max(0, rung - 1)
        else:
            dose = ex.ladder[rung]
        if ex.unit == "stretch" and (dose.seconds or 0) < self.stretch_seconds:
            dose = dose.model_copy(update={"seconds": self.stretch_seconds})
        return Placed(ex, dose, rung, load if ex.load else None, estimate_minutes(ex, dose))

    def most_minutes(self, slot: Slot, advances: int, long_runs: bool) -> float:
        """The longest this slot can take on a day at ``advances``: its step, or the easier
        step it falls back to on days where that step may not go (spaced work wanted on
        more than three days; loaded work in a week with long runs)."""
        step, rung, _ = self.position_key(slot, advances)
        ex = slot.steps[step]
        if ex.category == "breathing":
            rung = top_rung_within(ex, rung, BREATHING_CAP_SECONDS)
        most = estimate_minutes(ex, ex.ladder[rung])
        spread = needs_spreading(ex) and slot.need.per_week > SPREAD_MAX_DAYS
        if (ex.loaded and long_runs) or spread:
            below = [s for s in slot.steps[:step] if not s.loaded and not needs_spreading(s)]
            if below:
                most = max(most, estimate_minutes(below[-1], below[-1].ladder[-1]))
        return most

    def position_key(self, slot: Slot, advances: int) -> tuple[int, int, float | None]:
        """Step, rung and load ``advances`` rungs past the slot's entry (memoised: the
        fitting asks again and again)."""
        key = (id(slot), advances)
        found = self._positions.get(key)
        if found is None:
            pos = position(slot.steps, slot.entry,
                           advances + entry_rung(slot.first, self.budget),
                           allow_load_increase=slot.allow_load)
            found = self._positions[key] = (pos.step, pos.rung, pos.load_kg)
        return found
