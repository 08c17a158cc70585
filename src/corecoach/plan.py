"""The Plan: what the planner returns and every renderer reads.

Plain dataclasses, built on every run without validation (the planner is their only maker
and gives every field its exact type) and written as JSON by pydantic_core's serializer
without a schema (:func:`plan_json`), so a plan builds no pydantic model of its own at start.
pydantic describes them only when a schema is asked for (``corecoach.plan_schema``), and
tests check every output against that schema. They are values: change one with
``dataclasses.replace``, never in place.
"""

# No `from __future__ import annotations`: the schema builder would evaluate every string
# annotation again when a schema is asked for.

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from corecoach.vocab import Category, Day

# Not frozen: a frozen dataclass costs about twice as much to define (its own __setattr__,
# __delattr__ and __hash__), and these ten load on every plan. Keyword-only, as pydantic
# models were, so a field with a default may come before one without (the JSON key order).


@dataclass(kw_only=True)
class PlanItem:
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
    minutes: float  # estimated, rests included
    timing: str | None = None  # e.g. "before running"
    cue: str = ""
    caution: str = ""  # the exercise's main caution or stop rule
    equipment: list[str] = field(default_factory=list)
    loaded: bool = False
    chain: str | None = None
    step: int | None = None  # 1-based step within the chain
    rung: int = 1  # 1-based rung of the exercise's dose ladder
    rungs: int = 1
    rules: list[str] = field(default_factory=list)  # ids of the rules behind it


@dataclass(kw_only=True)
class RouteLeg:
    """One part of a run: where, and for how many minutes."""

    surface: str
    minutes: int


@dataclass(kw_only=True)
class Session:
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


@dataclass(kw_only=True)
class PlanDay:
    """One day of the week: the person's own activities and corecoach's items."""

    day: Day
    date: dt.date | None
    activities: list[str]
    sessions: list[Session] = field(default_factory=list)
    minutes: int
    items: list[PlanItem]


@dataclass(kw_only=True)
class RuleRef:
    """A rule that shaped the plan, and the reason given to the user."""

    id: str
    because: str


@dataclass(kw_only=True)
class LeftOut:
    """Wanted work that did not make this week, the rules that wanted it, and why."""

    id: str
    rules: list[str]
    because: str


@dataclass(kw_only=True)
class Adapted:
    """One journal decision for one chain (progress, repeat, back, ...) and its reason."""

    chain: str
    decision: str
    because: str


@dataclass(kw_only=True)
class RoadReturn:
    """Where the graded return to road running stands (corecoach.roadreturn)."""

    stage: int
    road_minutes: int
    onset_minute: int | None
    because: str
    next: str | None
    back_on_road: bool = False
    tip: str | None = None


PLAN_FORMAT = 1


@dataclass(kw_only=True)
class Plan:
    """A week of the program (the JSON contract of DESIGN.md, plus a few extra keys)."""

    format: int = PLAN_FORMAT  # version of this JSON shape
    corecoach: str
    week: int
    weeks: int
    deload: bool
    start: dt.date | None
    alerts: list[str] = field(default_factory=list)  # what the person must read first
    days: list[PlanDay]
    rules: list[RuleRef]
    left_out: list[LeftOut] = field(default_factory=list)
    adapted: list[Adapted] = field(default_factory=list)
    road_return: RoadReturn | None = None
    notes: list[str]
    name: str | None = None
    disclaimer: str
    session_minutes: int = 0

    def training_days(self) -> list[PlanDay]:
        """Days with at least one corecoach item."""
        return [d for d in self.days if d.items]


@dataclass(kw_only=True)
class Decision:
    """What the planner did with one wanted exercise or chain, and why (for `explain`)."""

    need: str
    exercise: str | None
    status: str  # scheduled | trimmed | excluded | unavailable
    rules: list[str]
    days: list[Day] = field(default_factory=list)
    detail: str = ""


def plan_json(value: Any) -> str:
    """A plan value (or a list of them) as pretty JSON: keys in field order, dates as
    YYYY-MM-DD, non-ASCII kept (pydantic_core's serializer, no schema needed)."""
    from pydantic_core import to_json

    return to_json(value, indent=2).decode()


def json_data(value: Any) -> Any:
    """A plan value (or a list of them) as JSON data (dicts, lists, strings, numbers)."""
    from pydantic_core import to_jsonable_python

    return to_jsonable_python(value)


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
