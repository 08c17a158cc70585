"""What the planner places: a wanted chain or exercise (a slot) and its dose on a day."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from corecoach.library.models import Dose, Exercise
from corecoach.planner.limits import CATEGORY_ORDER, HINGE_CHAIN
from corecoach.vocab import Day


class Blocked(NamedTuple):
    """Why a step is closed to this person, and what would open it (for plateau notes)."""

    why: str
    unlock: str | None = None

    @property
    def opening(self) -> str:
        """The end of "The next step, X, ...": what opens it."""
        return self.unlock or f"is not open to you ({self.why})"


# Scheduler records below are never compared or printed: no generated __eq__ or __repr__
# (each costs an exec at every start).
@dataclass(eq=False, repr=False)
class Need:
    """One chain or exercise the fired rules ask for, with their strongest frequency."""

    id: str
    per_week: int
    weight: int
    rules: list[str] = field(default_factory=list)
    sports: set[str] = field(default_factory=set)


class Placed(NamedTuple):
    """One exercise at one dose on one day."""

    ex: Exercise
    dose: Dose
    rung: int
    load: float | None
    minutes: float


@dataclass(eq=False, repr=False)
class Slot:
    """One wanted chain or exercise: its open steps, where it enters, and its days."""

    need: Need
    chain: str | None
    steps: list[Exercise]  # every open step, easiest first
    entry: int
    chain_index: dict[str, int]
    allow_load: bool
    blocked_above: list[tuple[Exercise, Blocked]]  # chain steps past the last open one
    entry_minutes: float = 0.0
    plan_minutes: float = 0.0
    days: list[Day] = field(default_factory=list)
    spread_days: frozenset[Day] = frozenset()
    loaded_days: frozenset[Day] = frozenset()
    wanted: int = 0
    left_out_because: str | None = None

    # A slot's steps and entry never change once it is made: its first step, kind and rank
    # are read tens of thousands of times while a week is scheduled, so each is kept (set
    # once here: a cached_property takes a lock on every first read, on Python 3.11).
    first: Exercise = field(init=False)
    #: warm-up (before sport), stretch (after sport) or any.
    kind: str = field(init=False)
    rank: tuple[int, int, str] = field(init=False)

    def __post_init__(self) -> None:
        self.first = self.steps[self.entry]
        self.kind = {"before-activity": "warm-up", "after-activity": "stretch"}.get(
            self.first.timing, "any")
        self.rank = (-self.need.weight, CATEGORY_ORDER[self.first.category], self.need.id)


def is_good_morning(slot: Slot) -> bool:
    """The good-morning chain, or a hinge-pattern drill wanted on its own (a flare's wall
    hinge): the hinge that every week keeps and that grows first."""
    if slot.chain is not None:
        return slot.chain == HINGE_CHAIN
    return "hinge-pattern" in slot.first.tags
