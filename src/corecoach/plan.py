"""The Plan: what the planner returns and every renderer reads."""

# No `from __future__ import annotations`: pydantic would evaluate every string annotation
# again at every start (about 1 ms a module of models).

import datetime as dt
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from corecoach.vocab import Category, Day


def _empty() -> list[Any]:
    # A Python function, not the builtin ``list``: pydantic reads a builtin's signature
    # through the tokenizer, whose regex costs about 1.5 ms to compile at every start.
    return []


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)


class PlanItem(_Frozen):
    """One exercise on one day, with its dose for the week."""

    exercise: str
    name: str
    category: Category
    level: int
    sets: int
    reps: int | list[int] | None
    seconds: int | None
    per_side: bool
    load_kg: float | None = None
    minutes: float = Field(description="Estimated minutes, rests included.")
    timing: str | None = Field(default=None, description='e.g. "before running".')
    cue: str = ""
    caution: str = Field(default="", description="The exercise's main caution or stop rule.")
    equipment: list[str] = Field(default_factory=_empty)
    loaded: bool = False
    chain: str | None = None
    step: int | None = Field(default=None, description="1-based step within the chain.")
    rung: int = Field(default=1, description="1-based rung of the exercise's dose ladder.")
    rungs: int = 1
    rules: list[str] = Field(default_factory=_empty, description="Ids of the rules behind it.")


class RouteLeg(_Frozen):
    """One part of a run: where, and for how many minutes."""

    surface: str
    minutes: int


class Session(_Frozen):
    """One of the person's own activities on a day."""

    sport: str
    minutes: int
    surface: str | None = None
    name: str | None = None  # the person's own word for it (sport "other": padel, ...)
    route: list[RouteLeg] | None = None

    @property
    def label(self) -> str:
        """What the plan calls it: the person's own name for it, else the sport."""
        return self.name or self.sport


class PlanDay(_Frozen):
    """One day of the week: the person's own activities and corecoach's items."""

    day: Day
    date: dt.date | None
    activities: list[str]
    sessions: list[Session] = Field(default_factory=_empty)
    minutes: int
    items: list[PlanItem]


class RuleRef(_Frozen):
    """A rule that shaped the plan, and the reason given to the user."""

    id: str
    because: str


class LeftOut(_Frozen):
    """Wanted work that did not make this week, the rules that wanted it, and why."""

    id: str
    rules: list[str]
    because: str


class Adapted(_Frozen):
    """One journal decision for one chain (progress, repeat, back, ...) and its reason."""

    chain: str
    decision: str
    because: str


class RoadReturn(_Frozen):
    """Where the graded return to road running stands (corecoach.roadreturn)."""

    stage: int
    road_minutes: int
    onset_minute: int | None
    because: str
    next: str | None
    back_on_road: bool = False
    tip: str | None = None


PLAN_FORMAT = 1


class Plan(_Frozen):
    """A week of the program (the JSON contract of DESIGN.md, plus a few extra keys)."""

    format: int = Field(default=PLAN_FORMAT, description="Version of this JSON shape.")
    corecoach: str
    week: int
    weeks: int
    deload: bool
    start: dt.date | None
    alerts: list[str] = Field(default_factory=_empty,
                              description="What the person must read first.")
    days: list[PlanDay]
    rules: list[RuleRef]
    left_out: list[LeftOut] = Field(default_factory=_empty)
    adapted: list[Adapted] = Field(default_factory=_empty)
    road_return: RoadReturn | None = None
    notes: list[str]
    name: str | None = None
    disclaimer: str
    session_minutes: int = 0

    def training_days(self) -> list[PlanDay]:
        """Days with at least one corecoach item."""
        return [d for d in self.days if d.items]


class Decision(_Frozen):
    """What the planner did with one wanted exercise or chain, and why (for `explain`)."""

    need: str
    exercise: str | None
    status: str  # scheduled | trimmed | excluded | unavailable
    rules: list[str]
    days: list[Day] = Field(default_factory=_empty)
    detail: str = ""


# -- doses in words: one spelling for every renderer and the summary ----------------------


def format_reps(reps: int | list[int] | None) -> str:
    """``[6, 4, 2]`` -> ``6-4-2``; ``8`` -> ``8``."""
    if reps is None:
        return ""
    if isinstance(reps, int):
        return str(reps)
    return "-".join(str(r) for r in reps)


def format_seconds(seconds: int) -> str:
    """``300`` -> ``5 min``; ``90`` -> ``90 s``."""
    if seconds >= 120 and seconds % 60 == 0:
        return f"{seconds // 60} min"
    return f"{seconds} s"


def format_dose(item: PlanItem) -> str:
    """A dose in gym shorthand: ``6-4-2 x 10 s each side``, ``2 x 10``, ``5 min``."""
    return dose_words(item.sets, item.reps, item.seconds, item.per_side, item.load_kg)


def dose_words(sets: int, reps: int | Sequence[int] | None, seconds: int | None,
               per_side: bool = False, load_kg: float | None = None) -> str:
    """:func:`format_dose` for a dose not (yet) in a plan (the planner's own notes)."""
    if reps is None:
        seconds = seconds or 0
        text = format_seconds(seconds) if sets == 1 else f"{sets} x {seconds} s"
    elif not isinstance(reps, int):
        # A pyramid lists one number per set: 6-4-2 holds, 10 s each.
        text = format_reps(list(reps)) + (f" x {seconds} s" if seconds else "")
    else:
        text = f"{sets} x {reps}" if sets > 1 else f"{reps} reps"
        if seconds:
            text += f", {seconds} s hold"
    if load_kg is not None:
        text += f" @ {load_kg:g} kg"
    if per_side:
        text += " /side"
    return text
