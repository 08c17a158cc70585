"""Compose a program: rules -> needs -> one weekly template -> doses fitted to time.

The shape of the week (which blocks go on which days) is decided once per program and kept;
from week to week only steps and doses change. Doses climb the calendar (or the journal's
``Progress``) one rung at a time, but only as far as the day's time, the weekly growth cap
and the stretching share allow: work is held at the largest rung that fits, never dropped
for growing. Work that cannot fit even at its entry dose is listed in ``left_out``.

Pure: the same profile, catalog, week and progress give the same plan. The date never comes
from the clock; ``corecoach.progression.current_week`` turns a date given by the caller into
a week. docs/progression.md describes these rules for users.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from corecoach.facts import derive_facts
from corecoach.library.catalog import Catalog, Trace, fired_rule_ids
from corecoach.library.models import Rule
from corecoach.plan import Decision, LeftOut, Plan
from corecoach.planner.doses import estimate_minutes, needs_spreading
from corecoach.planner.limits import (
    BREATHING_CAP_SECONDS,
    CATEGORY_ORDER,
    CATEGORY_PER_WEEK,
    EASY_DAY_SPORT_DAYS,
    ENTRY_LEVEL,
    FLARE_MINUTES,
    HINGE_CHAIN,
    LIGHT_MAX_LEVEL,
    LIGHT_REASON,
    LONG_RUN_MINUTES,
    PLANNING_WEEK,
    SPREAD_MAX_DAYS,
    STRETCH_SHARE,
    WALK_SHARE,
    WEEKLY_GROWTH,
)
from corecoach.planner.needs import gather_wants, make_slot
from corecoach.planner.program import Program
from corecoach.planner.slots import Slot
from corecoach.profile import Profile
from corecoach.progression import ChainProgress, Progress
from corecoach.safety import Withheld, hold_for, screen
from corecoach.vocab import Day


@dataclass
class PlanOutcome:
    """Everything one planning run produced: the plan or why it was withheld, and why."""

    plan: Plan | None
    withheld: Withheld | None
    decisions: list[Decision]
    facts: dict[str, object]
    catalog: Catalog

    @functools.cached_property
    def trace(self) -> Trace | None:
        """Every rule with its clauses (built on demand: plain `plan` runs do not need it)."""
        if self.withheld is not None:
            return None
        from corecoach.library.catalog import evaluate_rules

        return evaluate_rules(self.catalog, self.facts)


def _program(profile: Profile, catalog: Catalog, facts: dict[str, object]) -> Program:
    rules_by_id = {r.rule.id: r.rule for r in catalog.rules}
    fired = sorted((rules_by_id[i] for i in fired_rule_ids(catalog, facts)),
                   key=lambda r: (-r.weight, r.id))
    fired = narrowed(fired)
    wants = gather_wants(catalog, fired)
    if facts["flare"]:
        wants.cap_at(min(wants.cap, LIGHT_MAX_LEVEL), LIGHT_REASON)
        wants.excluded_tags.setdefault("loaded", []).append(LIGHT_REASON)
    decisions: list[Decision] = []
    left_out: list[LeftOut] = []
    slots = [slot for need in sorted(wants.needs.values(), key=lambda n: n.id)
             if (slot := make_slot(need, profile, catalog, facts, wants, decisions,
                                    left_out))]
    return Program(profile, catalog, facts, fired, wants, slots, decisions, left_out)


def narrowed(fired: list[Rule]) -> list[Rule]:
    """``fired`` as a narrowing rule (``keep``) leaves it: a rule it does not keep adds
    no work; it stays (with its notes) only for its exclusions, level cap and alerts."""
    narrowing = [r for r in fired if r.keep is not None]
    if not narrowing:
        return fired
    kept = {r.id for r in narrowing} | {k for r in narrowing for k in r.keep or ()}
    out = []
    for rule in fired:
        if rule.id in kept:
            out.append(rule)
        elif rule.exclude or rule.exclude_tags or rule.max_level is not None or rule.alerts:
            out.append(rule.model_copy(update={"include": (), "per_week": {},
                                               "together": False}))
    return out


def _screened(profile: Profile, progress: Progress | None) -> Withheld | None:
    withheld = screen(profile)
    if withheld is None and progress is not None and progress.hold:
        withheld = hold_for(progress.hold)
    return withheld


def _check_week(profile: Profile, week: int) -> None:
    if not 1 <= week <= profile.weeks:
        from corecoach.errors import InputError

        raise InputError.single("--week", "", f"week {week} is outside the program "
                                f"(allowed: 1-{profile.weeks})")


def _facts(profile: Profile, progress: Progress | None,
           maintaining: bool = False) -> dict[str, object]:
    facts = derive_facts(profile)
    if progress is not None and progress.flare:
        facts["flare"] = True
    if maintaining:
        facts["maintaining"] = True
    return facts


def build_plan(
    profile: Profile, catalog: Catalog, week: int, progress: Progress | None = None, *,
    maintaining: bool = False, from_journal: bool = False,
) -> PlanOutcome:
    """Plan week ``week`` (1-based) of the program for ``profile``.

    Screening comes first, before the week is judged against the program: a red flag is the
    red-flag message whatever the week. ``progress`` (from the journal) places each chain it
    names in place of the calendar, capped by the day's time. ``maintaining`` sets the fact
    of that name (the program is over and the profile asks for a maintenance dose).
    ``from_journal``: the progress is the journal's, which counts a flare's own days (so the
    calendar's weekly reassess alert is left out); a next block or maintenance dose places
    chains with a progress of its own and keeps it.
    """
    facts = _facts(profile, progress, maintaining)
    withheld = _screened(profile, progress)
    if withheld is not None:
        return PlanOutcome(None, withheld, [], facts, catalog)
    _check_week(profile, week)
    program = _program(profile, catalog, facts)
    plan, decisions = program.plan(week, progress, from_journal=from_journal)
    return PlanOutcome(plan, None, decisions, facts, catalog)


def chain_levels(profile: Profile, catalog: Catalog, week: int,
                 progress: Progress | None = None) -> dict[str, int]:
    """How far each wanted chain or exercise stands in week ``week`` (its furthest day,
    fitted to the day's time as the plan shows it), in rungs past its entry: where a
    program that ends with that week leaves it. Empty when screening withholds the plan."""
    if screen(profile) is not None:
        return {}
    program = _program(profile, catalog, _facts(profile, progress))
    if progress is not None and progress.chains:
        fitted = program.with_journal(week, progress)[0]
    else:
        fitted = program.fitted(week)
    return {slot.need.id: program.level(fitted, slot) for slot in program.slots}


def week_for(profile: Profile, today: object | None, week: int | None) -> int:
    """The week to plan: ``week`` when given, else the current one from ``start``, else 1."""
    import datetime as dt

    if week is not None:
        return week
    if profile.start is None or not isinstance(today, dt.date):
        return 1
    from corecoach.progression import current_week

    return current_week((today - profile.start).days, profile.weeks)


def plan_weeks(profile: Profile, catalog: Catalog) -> list[PlanOutcome]:
    """Every week of the program, in order (for calendars); the template is built once."""
    facts = _facts(profile, None)
    withheld = screen(profile)
    if withheld is not None:
        return [PlanOutcome(None, withheld, [], facts, catalog)]
    program = _program(profile, catalog, facts)
    out = []
    for week in range(1, profile.weeks + 1):
        plan, decisions = program.plan(week, None)
        out.append(PlanOutcome(plan, None, decisions, facts, catalog))
    return out


def template_days(profile: Profile, catalog: Catalog) -> dict[str, list[Day]]:
    """The days of each wanted chain or exercise in the program's weekly template (empty when
    screening withholds the plan): which work a session on a given weekday was for."""
    return journal_template(profile, catalog)[0]


def journal_template(profile: Profile, catalog: Catalog
                     ) -> tuple[dict[str, list[Day]], dict[str, Callable[[int], int]]]:
    """What the journal needs of the template: the days of each wanted chain or exercise
    (as :func:`template_days`), and for each with loaded work, where a move back to a
    lighter load lands (``lighter(advances)``: the nearest position below with a lower
    load; one rung back where the work is not loaded)."""
    if screen(profile) is not None:
        return {}, {}
    program = _program(profile, catalog, _facts(profile, None))
    days = {slot.need.id: list(slot.days) for slot in program.slots}
    lighter: dict[str, Callable[[int], int]] = {
        slot.need.id: functools.partial(_lighter, program.resolve.position_key, slot)
        for slot in program.slots if any(ex.load is not None for ex in slot.steps)}
    return days, lighter


def _lighter(position_key: Callable[[Slot, int], tuple[int, int, float | None]], slot: Slot,
             advances: int) -> int:
    here = position_key(slot, advances)
    while advances > 0 and position_key(slot, advances - 1) == here:
        advances -= 1  # past the top: the same position, whatever the count says
    load = here[2] or 0.0
    if load <= 0:
        return max(0, advances - 1)
    below = advances - 1
    while below > 0 and (position_key(slot, below)[2] or 0.0) >= load:
        below -= 1
    return max(0, below)


__all__ = [
    "BREATHING_CAP_SECONDS",
    "CATEGORY_ORDER",
    "CATEGORY_PER_WEEK",
    "EASY_DAY_SPORT_DAYS",
    "ENTRY_LEVEL",
    "FLARE_MINUTES",
    "HINGE_CHAIN",
    "LIGHT_MAX_LEVEL",
    "LIGHT_REASON",
    "LONG_RUN_MINUTES",
    "PLANNING_WEEK",
    "SPREAD_MAX_DAYS",
    "STRETCH_SHARE",
    "WALK_SHARE",
    "WEEKLY_GROWTH",
    "ChainProgress",
    "PlanOutcome",
    "Progress",
    "build_plan",
    "chain_levels",
    "estimate_minutes",
    "journal_template",
    "needs_spreading",
    "plan_weeks",
    "template_days",
    "week_for",
]
