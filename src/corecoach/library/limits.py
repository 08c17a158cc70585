"""The journal's numbers: the ``[[limit]]`` tables of routines/adapt/, with their defaults.

Each number a physio may want to tune (the acceptable zone, the tolerance on a morning, how
the usual level is taken, when a flare or a second leg-symptom episode counts) is a
``[[limit]]`` table next to the ``[[adapt]]`` rules, with its meaning and source; a folder
given with ``--routines`` may override one by id. ``LIMITS`` lists every known id with its
default and allowed range (docs/journal.md; `corecoach check` validates them).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple


class LimitSpec(NamedTuple):
    """A known limit: its default, the range it may take, and what it means."""

    default: float
    low: float
    high: float
    means: str


LIMITS: dict[str, LimitSpec] = {
    "acceptable-pain": LimitSpec(5, 0, 10, "pain during a session up to this (0-10) is in "
                                 "the acceptable zone and can count as clean"),
    "tolerance": LimitSpec(1, 0, 3, "a morning up to this many points above your usual "
                           "level counts as settled (rating noise)"),
    "usual-checkins": LimitSpec(7, 3, 28, "your usual level is the median of up to this "
                                "many recent settled check-ins"),
    "usual-min-checkins": LimitSpec(3, 1, 14, "check-ins needed before the usual level is "
                                    "your own (before that: the profile's back.pain)"),
    "usual-days": LimitSpec(28, 7, 90, "only check-ins of this many days before count for "
                            "the usual level"),
    "weekly-rise": LimitSpec(1, 0.5, 5, "a week counts as rising when its mean morning pain "
                             "is at least this much above the week before"),
    "flare-pain": LimitSpec(7, 5, 10, "pain (during or in a morning) at or above this is a "
                            "flare"),
    "severe-pain": LimitSpec(8, 6, 10, "pain at or above this prints advice at once (ease "
                             "or skip training today, when to get seen)"),
    "leg-episode-weeks": LimitSpec(6, 1, 26, "a second leg-symptom episode within this many "
                                   "weeks asks for an assessment"),
    "max-effort": LimitSpec(7, 5, 10, "a session with effort above this (0-10, hardest "
                            "set) holds the load, unless it left enough reps in reserve"),
    "min-reps-left": LimitSpec(2, 0, 5, "reps in reserve on the last loaded set that let "
                               "the load go up whatever the effort"),
}


class Limits(NamedTuple):
    """The journal's numbers, read by ``corecoach.adapt`` and the coach."""

    acceptable_pain: int = 5
    tolerance: int = 1
    usual_checkins: int = 7
    usual_min_checkins: int = 3
    usual_days: int = 28
    weekly_rise: float = 1.0
    flare_pain: int = 7
    severe_pain: int = 8
    leg_episode_weeks: int = 6
    max_effort: int = 7
    min_reps_left: int = 2

    @classmethod
    def of(cls, values: Mapping[str, float]) -> Limits:
        """Limits from ``[[limit]]`` values by id (a missing id keeps its default)."""
        fields: dict[str, float] = {}
        for key, spec in LIMITS.items():
            value = values.get(key, spec.default)
            name = key.replace("-", "_")
            fields[name] = value if name == "weekly_rise" else int(value)
        return cls(**fields)  # type: ignore[arg-type]


DEFAULT_LIMITS = Limits()
