"""Compose a week: rules -> needs -> exercises at the right step -> days, within time.

Pure: the same profile, catalog and week give the same plan. The date never comes from the
clock; ``corecoach.progression.current_week`` turns a date given by the caller into a week.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from corecoach import __version__
from corecoach.facts import derive_facts
from corecoach.library.loader import Catalog
from corecoach.library.models import Dose, Exercise, Rule
from corecoach.plan import Decision, Plan, PlanDay, PlanItem, RuleRef, Session
from corecoach.profile import Profile
from corecoach.progression import (
    ChainProgress,
    Progress,
    advances_before,
    deload_dose,
    is_deload,
    position,
)
from corecoach.rules.engine import Trace, fired_rule_ids
from corecoach.safety import DISCLAIMER, Withheld, screen
from corecoach.vocab import DAYS, Day

ENTRY_LEVEL = {"beginner": 2, "intermediate": 3, "advanced": 4}
CATEGORY_PER_WEEK = {"core": 3, "hinge": 2, "flexibility": 3, "mobility": 3, "breathing": 3}
CATEGORY_ORDER = {"mobility": 0, "hinge": 1, "core": 2, "flexibility": 3, "breathing": 4}
#: A flare or pain >= 7: nothing above this level, nothing loaded (enforced here, whatever
#: the rules say, so a user's routine folder cannot switch it off).
LIGHT_MAX_LEVEL = 2
LIGHT_REASON = "flare or pain >= 7"
LONG_RUN_MINUTES = 60
#: Sports that get no dynamic warm-up from corecoach.
NO_WARM_UP = {"walking", "yoga", "swimming"}
SETUP_SECONDS = 20
SECONDS_PER_REP = 3
HOLD_TRANSITION_SECONDS = 2

STAY_ACTIVE = (
    "Your back is flared up: stay active - short, easy walks spread through the day beat bed "
    "rest - and keep every exercise pain-free."
)


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
        from corecoach.rules.engine import evaluate_rules

        return evaluate_rules(self.catalog, self.facts)


@dataclass
class _Need:
    id: str
    per_week: int
    weight: int
    rules: list[str] = field(default_factory=list)


@dataclass
class _Slot:
    need: _Need
    chain: str | None
    steps: list[Exercise]  # allowed steps, entry first
    chain_index: dict[str, int]
    positions: dict[int, tuple[Exercise, Dose, int, float | None]]  # week -> (ex, dose, rung, kg)
    minutes: float  # in the week that sets the schedule
    days: list[Day] = field(default_factory=list)

    @property
    def first(self) -> Exercise:
        return self.steps[0]


def estimate_minutes(ex: Exercise, dose: Dose) -> float:
    """Minutes for one exercise at one dose: work, rests between sets, sides, set-up."""
    per_rep = (dose.seconds or SECONDS_PER_REP) + (
        HOLD_TRANSITION_SECONDS if ex.unit == "hold" else 0)
    work = dose.total_reps() * per_rep
    # Alternating sides rests one side while the other works, so rests are not doubled.
    rests = (dose.sets - 1) * ex.rest_seconds
    sides = 2 if ex.per_side else 1
    return round((work * sides + rests + SETUP_SECONDS) / 60, 1)


@dataclass
class _Wants:
    """What the fired rules ask for, together."""

    needs: dict[str, _Need] = field(default_factory=dict)
    excluded: dict[str, list[str]] = field(default_factory=dict)  # id -> rule ids
    excluded_tags: dict[str, list[str]] = field(default_factory=dict)  # tag -> rule ids
    cap: int = 5
    cap_rules: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def cap_at(self, level: int, by: str) -> None:
        """Cap levels at ``level`` (the lowest cap wins; equal caps name every rule)."""
        if level < self.cap:
            self.cap, self.cap_rules = level, []
        if level == self.cap:
            self.cap_rules.append(by)


def _gather_wants(catalog: Catalog, fired: Sequence[Rule]) -> _Wants:
    wants = _Wants()
    for rule in fired:
        for ref in rule.include:
            per_week = rule.per_week.get(ref, _default_per_week(catalog, ref))
            need = wants.needs.setdefault(ref, _Need(ref, per_week, rule.weight))
            need.per_week = max(need.per_week, per_week)
            need.weight = max(need.weight, rule.weight)
            need.rules.append(rule.id)
        for ref in rule.exclude:
            wants.excluded.setdefault(ref, []).append(rule.id)
        for tag in rule.exclude_tags:
            wants.excluded_tags.setdefault(tag, []).append(rule.id)
        if rule.max_level is not None:
            wants.cap_at(rule.max_level, rule.id)
        wants.notes.extend(n for n in rule.notes if n not in wants.notes)
    return wants


def _default_per_week(catalog: Catalog, ref: str) -> int:
    if ref in catalog.exercises:
        return CATEGORY_PER_WEEK[catalog.exercises[ref].category]
    first = catalog.exercises[catalog.chains[ref].steps[0]]
    return CATEGORY_PER_WEEK[first.category]


def _has_equipment(ex: Exercise, owned: Sequence[str]) -> str | None:
    for requirement in ex.equipment:
        options = requirement.split("|")
        if not any(o in owned for o in options):
            return " or ".join(options)
    return None


def _blocked_because(
    ex: Exercise, catalog: Catalog, profile: Profile, facts: Mapping[str, object], wants: _Wants
) -> str | None:
    """Why this person may not do this exercise, or None when they may."""
    if ex.id in wants.excluded:
        return f"excluded by rule {', '.join(wants.excluded[ex.id])}"
    for tag in ex.tags:
        if tag in wants.excluded_tags:
            return f"tagged {tag!r}, excluded by rule {', '.join(wants.excluded_tags[tag])}"
    if ex.level > wants.cap:
        by = f" (rule {', '.join(wants.cap_rules)})" if wants.cap_rules else ""
        return f"level {ex.level} is above the cap of {wants.cap}{by}"
    missing = _has_equipment(ex, profile.equipment)
    if missing:
        return f"needs equipment you have not listed: {missing}"
    if ex.loaded and facts["has_back_symptoms"]:
        return "loaded work waits until back symptoms have settled"
    for caution, cond in catalog.caution_conditions.get(ex.id, ()):
        if cond.evaluate(facts):
            return f"caution applies to you: {caution.text}"
    return None


def _long_run_days(profile: Profile) -> set[Day]:
    return {d for a in profile.activities
            if a.sport == "running" and a.minutes >= LONG_RUN_MINUTES for d in a.days}


#: Days between two weekdays, counting round the week (Sunday to Monday is 1).
_GAP: dict[tuple[Day, Day], int] = {
    (a, b): min(abs(i - j), 7 - abs(i - j))
    for i, a in enumerate(DAYS) for j, b in enumerate(DAYS)
}
_INDEX: dict[Day, int] = {d: i for i, d in enumerate(DAYS)}
_NEXT: dict[Day, Day] = {d: DAYS[(i + 1) % 7] for i, d in enumerate(DAYS)}


def _sessions(profile: Profile) -> dict[Day, list[Session]]:
    out: dict[Day, list[Session]] = {d: [] for d in DAYS}
    for a in profile.activities:
        for d in a.days:
            out[d].append(Session(sport=a.sport, minutes=a.minutes, surface=a.run_surface))
    return out


def _week_positions(
    steps: list[Exercise], weeks: Sequence[int], allow_load: bool,
    journal: ChainProgress | None = None,
) -> dict[int, tuple[Exercise, Dose, int, float | None]]:
    out: dict[int, tuple[Exercise, Dose, int, float | None]] = {}
    for week in weeks:
        base_week = week - 1 if is_deload(week) else week
        advances = journal.advances if journal is not None else advances_before(base_week)
        pos = position(steps, 0, advances, allow_load_increase=allow_load)
        ex = steps[pos.step]
        if is_deload(week):
            dose = deload_dose(ex.ladder, pos.rung)
            rung = max(0, pos.rung - 1)
        else:
            dose, rung = ex.ladder[pos.rung], pos.rung
        out[week] = (ex, dose, rung, pos.load_kg)
    return out


def build_plan(
    profile: Profile, catalog: Catalog, week: int, progress: Progress | None = None
) -> PlanOutcome:
    """Plan week ``week`` (1-based) of the program for ``profile``.

    ``progress`` (from the journal) places each chain it names in place of the calendar.
    """
    if not 1 <= week <= profile.weeks:
        from corecoach.errors import InputError

        raise InputError.single("--week", "", f"week {week} is outside the program "
                                f"(allowed: 1-{profile.weeks})")
    facts = derive_facts(profile)
    withheld = screen(profile)
    if withheld is not None:
        return PlanOutcome(None, withheld, [], facts, catalog)

    rules_by_id = {r.rule.id: r.rule for r in catalog.rules}
    fired = sorted((rules_by_id[i] for i in fired_rule_ids(catalog, facts)),
                   key=lambda r: (-r.weight, r.id))
    wants = _gather_wants(catalog, fired)
    if facts["flare"]:
        wants.cap_at(min(wants.cap, LIGHT_MAX_LEVEL), LIGHT_REASON)
        wants.excluded_tags.setdefault("loaded", []).append(LIGHT_REASON)
        if STAY_ACTIVE not in wants.notes:
            wants.notes.insert(0, STAY_ACTIVE)

    decisions: list[Decision] = []
    slots = [slot for need in sorted(wants.needs.values(), key=lambda n: n.id)
             if (slot := _slot(need, profile, catalog, facts, wants, week, decisions,
                               progress.chains.get(need.id) if progress else None))]
    _schedule(slots, profile, decisions)
    plan = _assemble(profile, week, slots, fired, wants.notes)
    return PlanOutcome(plan, None, decisions, facts, catalog)


def _slot(
    need: _Need, profile: Profile, catalog: Catalog, facts: Mapping[str, object],
    wants: _Wants, week: int, decisions: list[Decision],
    journal: ChainProgress | None = None,
) -> _Slot | None:
    """The steps of one wanted chain or exercise open to this person, and this week's dose.

    Records a Decision for every step left out, and returns None when none is open.
    """
    chain = catalog.chains.get(need.id)
    step_ids = list(chain.steps) if chain else [need.id]
    if need.id in wants.excluded:
        decisions.append(Decision(
            need=need.id, exercise=None, status="excluded", rules=need.rules,
            detail=f"excluded by rule {', '.join(wants.excluded[need.id])}"))
        return None
    allowed: list[Exercise] = []
    for sid in step_ids:
        ex = catalog.exercises[sid]
        why = _blocked_because(ex, catalog, profile, facts, wants)
        if why is None:
            allowed.append(ex)
        else:
            decisions.append(Decision(need=need.id, exercise=sid, status="excluded",
                                      rules=need.rules, detail=why))
    if not allowed:
        decisions.append(Decision(need=need.id, exercise=None, status="unavailable",
                                  rules=need.rules,
                                  detail="no step is open to you (see the excluded steps)"))
        return None
    # Enter at the hardest open step within the person's experience (docs/progression.md).
    entry_level = ENTRY_LEVEL[profile.experience]
    under = [i for i, ex in enumerate(allowed) if ex.level <= entry_level]
    steps = allowed[under[-1] if under else 0:]
    # A deload week keeps the days of the week before it, so it is lighter by construction.
    reference = week - 1 if is_deload(week) else week
    positions = _week_positions(steps, sorted({week, reference}),
                                allow_load=not facts["has_back_symptoms"], journal=journal)
    ex, dose, _, _ = positions[reference]
    return _Slot(need, chain.id if chain else None, steps,
                 {s: i for i, s in enumerate(step_ids)}, positions, estimate_minutes(ex, dose))


def _schedule(slots: list[_Slot], profile: Profile, decisions: list[Decision]) -> None:
    """Give each slot its days within the daily time budget.

    Days are handed out in rounds, highest weight first within a round: every wanted item
    gets its first session before any gets its second, so a short budget trims the extra
    sessions of the big items rather than dropping the small ones entirely.
    """
    available = list(profile.available_days)
    sessions = _sessions(profile)
    budget = float(profile.session_minutes)
    used: dict[Day, float] = {d: 0.0 for d in DAYS}
    loaded_days: list[Day] = []
    long_runs = _long_run_days(profile)
    warm_up_days = [d for d in available
                    if any(s.sport not in NO_WARM_UP for s in sessions[d])]
    sport_days = {d for d in DAYS if sessions[d]}
    order = sorted(slots, key=lambda s: (-s.need.weight, CATEGORY_ORDER[s.first.category],
                                         s.need.id))
    wanted: dict[str, int] = {}
    missed: dict[str, int] = {}
    for slot in order:
        warm_up = slot.first.timing == "before-activity"
        wanted[slot.need.id] = (len(warm_up_days) if warm_up
                                else min(slot.need.per_week, len(available)))
        missed[slot.need.id] = 0
        slot.days = []
    for round_no in range(7):
        for slot in order:
            if len(slot.days) + missed[slot.need.id] > round_no or \
                    wanted[slot.need.id] <= round_no:
                continue
            day = _best_day(slot, available, warm_up_days, sport_days, used, budget,
                            loaded_days, long_runs)
            if day is None:
                missed[slot.need.id] += 1
                continue
            slot.days.append(day)
            used[day] += slot.minutes
            if any(s.loaded for s in slot.steps):
                loaded_days.append(day)
    for slot in order:
        slot.days.sort(key=_INDEX.__getitem__)
        detail = ""
        if missed[slot.need.id]:
            loaded = any(s.loaded for s in slot.steps)
            why = ("48 h spacing of loaded work and the day before a long run"
                   if loaded else f"the {profile.session_minutes}-minute limit")
            detail = f"{len(slot.days)} of {wanted[slot.need.id]} sessions fit ({why})"
        decisions.append(Decision(
            need=slot.need.id, exercise=slot.first.id,
            status="scheduled" if slot.days else "trimmed",
            rules=slot.need.rules, days=list(slot.days), detail=detail))


def _best_day(
    slot: _Slot,
    available: Sequence[Day],
    warm_up_days: Sequence[Day],
    sport_days: set[Day],
    used: Mapping[Day, float],
    budget: float,
    loaded_days: Sequence[Day],
    long_runs: set[Day],
) -> Day | None:
    """The best free day for one more session of ``slot``, or None when none fits."""
    ex = slot.first
    loaded = any(s.loaded for s in slot.steps)
    candidates = warm_up_days if ex.timing == "before-activity" else available
    options = []
    for day in candidates:
        if day in slot.days:
            continue
        if loaded and (any(_GAP[day, d] < 2 for d in loaded_days) or _NEXT[day] in long_runs):
            continue
        if used[day] + slot.minutes > budget + 1e-9:
            continue
        # Spread sessions of the same item out; stretches prefer sport days (after the
        # sport); then the least busy day; then the earlier day, for determinism.
        spread = min([_GAP[day, d] for d in slot.days], default=7)
        prefers = 0 if (ex.timing != "after-activity" or day in sport_days) else 1
        options.append((-spread, prefers, used[day], _INDEX[day], day))
    return min(options)[-1] if options else None


def _timing(ex: Exercise, sessions: list[Session]) -> str | None:
    if not sessions:
        return None
    sport = sessions[0].sport
    if ex.timing == "before-activity":
        return f"before {sport}"
    if ex.timing == "after-activity":
        return f"after {sport}"
    return None


def _assemble(
    profile: Profile, week: int, slots: list[_Slot], fired: Sequence[Rule], notes: list[str]
) -> Plan:
    import datetime as dt

    sessions = _sessions(profile)
    days: list[PlanDay] = []
    for i, day in enumerate(DAYS):
        items: list[tuple[tuple[int, int, int, str], PlanItem]] = []
        for slot in slots:
            if day not in slot.days:
                continue
            ex, dose, rung, load = slot.positions[week]
            timing = _timing(ex, sessions[day])
            group = {"before-activity": 0, "after-activity": 2}.get(ex.timing, 1)
            item = PlanItem(
                exercise=ex.id, name=ex.name, category=ex.category, level=ex.level,
                sets=dose.sets,
                reps=list(dose.reps) if isinstance(dose.reps, tuple) else dose.reps,
                seconds=dose.seconds, per_side=ex.per_side, load_kg=load,
                minutes=estimate_minutes(ex, dose), timing=timing, cue=ex.cues[0],
                equipment=list(ex.equipment), loaded=ex.loaded, chain=slot.chain,
                step=(slot.chain_index[ex.id] + 1) if slot.chain else None,
                rung=rung + 1, rungs=len(ex.ladder), rules=slot.need.rules,
            )
            key = (group if timing or group != 2 else 1, CATEGORY_ORDER[ex.category],
                   -slot.need.weight, ex.id)
            items.append((key, item))
        ordered = [item for _, item in sorted(items, key=lambda kv: kv[0])]
        date = (profile.start + dt.timedelta(days=7 * (week - 1) + i)) if profile.start else None
        days.append(PlanDay(
            day=day, date=date, activities=[s.sport for s in sessions[day]],
            sessions=sessions[day], minutes=math.ceil(round(sum(it.minutes for it in ordered), 1)),
            items=ordered,
        ))
    return Plan(
        corecoach=__version__, name=profile.name, week=week, weeks=profile.weeks,
        deload=is_deload(week), start=profile.start, days=days,
        rules=[RuleRef(id=r.id, because=r.because) for r in fired],
        notes=notes, disclaimer=DISCLAIMER, session_minutes=profile.session_minutes,
    )


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
    """Every week of the program, in order (for calendars)."""
    return [build_plan(profile, catalog, w) for w in range(1, profile.weeks + 1)]
