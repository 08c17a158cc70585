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
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from corecoach import __version__
from corecoach.facts import derive_facts
from corecoach.library.loader import Catalog
from corecoach.library.models import Dose, Exercise, Rule
from corecoach.plan import Decision, LeftOut, Plan, PlanDay, PlanItem, RuleRef, Session
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
from corecoach.safety import DISCLAIMER, Withheld, bone_joint_only, hold_for, screen
from corecoach.vocab import DAY_NAMES, DAYS, Day

ENTRY_LEVEL = {"beginner": 2, "intermediate": 3, "advanced": 4}
CATEGORY_PER_WEEK = {"core": 3, "hinge": 2, "flexibility": 3, "mobility": 3, "breathing": 3,
                     "activity": 4}
#: Order within a session: moving first, breathing closes it.
CATEGORY_ORDER = {"mobility": 0, "hinge": 1, "core": 2, "flexibility": 3, "activity": 4,
                  "breathing": 5}
STRENGTH = {"core", "hinge"}
#: A deload lightens fatigue; breathing and easy walking are not a fatigue load.
KEPT_IN_DELOAD = {"breathing", "activity"}
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
#: Brief 5.2: about 5 min a day of breathing; longer blocks crowd out the rest.
BREATHING_CAP_SECONDS = 600
#: Brief 1.1, 3.3: strength work beats stretching for backs, so stretching is capped.
STRETCH_SHARE = 0.30
#: Weekly minutes rise at most this much over the last non-deload week.
WEEKLY_GROWTH = 1.20
#: Harder core and hinge steps that are not daily-ok: at most this many days, never two in a row.
SPREAD_MAX_DAYS = 3
#: The template is sized for the doses of this week, so that doses have room to grow.
PLANNING_WEEK = 3
#: With sport on this many days or more, one day is kept easy (no strength work).
EASY_DAY_SPORT_DAYS = 5
#: The good-morning chain: its step (or a patterning stand-in) is in every week.
HINGE_CHAIN = "hinges"
#: A flare plan keeps each day to at most this many minutes.
FLARE_MINUTES = 15
#: A scheduled walk takes at most this share of a session.
WALK_SHARE = 0.4

STAY_ACTIVE = (
    "Your back is flared up: stay active - short, easy walks spread through the day beat bed "
    "rest - and keep every exercise pain-free."
)
REASSESS = (
    "Your back has been flared up for {weeks} weeks of this plan: reassess. When it has "
    "settled, run `corecoach init` again for a plan that moves on; if it is not settling, "
    "see a doctor or physiotherapist."
)
BONE_JOINT = (
    "You answered yes to the bone, joint or muscle question, so loaded work stays out of "
    "this plan. When a doctor or physiotherapist has cleared you, set cleared = true under "
    "[screening] and the loaded steps open up."
)
ONE_DAY = (
    "corecoach can use only one day a week: strength work needs 2-3 days a week to build, "
    "so add a day to available_days if you can (even 5 minutes counts)."
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


# ---------------------------------------------------------------------------------- wants


@dataclass
class _Need:
    id: str
    per_week: int
    weight: int
    rules: list[str] = field(default_factory=list)
    sports: set[str] = field(default_factory=set)


@dataclass
class _Wants:
    """What the fired rules ask for, together."""

    needs: dict[str, _Need] = field(default_factory=dict)
    excluded: dict[str, list[str]] = field(default_factory=dict)  # id -> rule ids
    excluded_tags: dict[str, list[str]] = field(default_factory=dict)  # tag -> rule ids
    cap: int = 5
    cap_rules: list[str] = field(default_factory=list)
    blocks: list[list[str]] = field(default_factory=list)  # needs kept on the same days

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
            if rule.sport:
                need.sports.add(rule.sport)
        if rule.together and len(rule.include) > 1:
            wants.blocks.append(list(rule.include))
        for ref in rule.exclude:
            wants.excluded.setdefault(ref, []).append(rule.id)
        for tag in rule.exclude_tags:
            wants.excluded_tags.setdefault(tag, []).append(rule.id)
        if rule.max_level is not None:
            wants.cap_at(rule.max_level, rule.id)
    return wants


def _default_per_week(catalog: Catalog, ref: str) -> int:
    if ref in catalog.exercises:
        return CATEGORY_PER_WEEK[catalog.exercises[ref].category]
    first = catalog.exercises[catalog.chains[ref].steps[0]]
    return CATEGORY_PER_WEEK[first.category]


def _owned(profile: Profile) -> set[str]:
    # A mat is a comfort, not a requirement: floor work never disappears for want of one.
    return {*profile.equipment, "mat"}


def _missing_equipment(ex: Exercise, owned: set[str]) -> str | None:
    for requirement in ex.equipment:
        options = requirement.split("|")
        if not any(o in owned for o in options):
            return " or ".join(options)
    return None


def _blocked_because(
    ex: Exercise, catalog: Catalog, profile: Profile, facts: Mapping[str, object],
    wants: _Wants,
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
    owned = _owned(profile)
    missing = _missing_equipment(ex, owned)
    if missing:
        return f"needs equipment you have not listed: {missing}"
    if ex.loaded and facts["has_back_symptoms"]:
        return "loaded work waits until back symptoms have settled"
    if ex.loaded and bone_joint_only(profile):
        return "loaded work waits for clearance of your bone, joint or muscle problem"
    if (profile.experience == "beginner" and any("barbell" in r for r in ex.equipment)
            and not owned & {"band", "kettlebell", "dumbbell"}):
        return ("a beginner's first load is a band or a light kettlebell; the bar comes "
                "after those")
    for caution, cond in catalog.caution_conditions.get(ex.id, ()):
        if cond.evaluate(facts):
            return f"caution applies to you: {caution.text}"
    return None


# ---------------------------------------------------------------------------------- slots


@dataclass(frozen=True)
class _Placed:
    """One exercise at one dose on one day."""

    ex: Exercise
    dose: Dose
    rung: int
    load: float | None
    minutes: float


@dataclass(eq=False)
class _Slot:
    """One wanted chain or exercise: its open steps, where it enters, and its days."""

    need: _Need
    chain: str | None
    steps: list[Exercise]  # every open step, easiest first
    entry: int
    chain_index: dict[str, int]
    allow_load: bool
    blocked_above: list[tuple[Exercise, str]]  # chain steps past the last open one, and why
    entry_minutes: float = 0.0
    plan_minutes: float = 0.0
    days: list[Day] = field(default_factory=list)
    spread_days: frozenset[Day] = frozenset()
    loaded_days: frozenset[Day] = frozenset()
    wanted: int = 0
    left_out_because: str | None = None

    @property
    def first(self) -> Exercise:
        return self.steps[self.entry]

    @property
    def kind(self) -> str:
        """warm-up (before sport), stretch (after sport) or any."""
        return {"before-activity": "warm-up", "after-activity": "stretch"}.get(
            self.first.timing, "any")

    @property
    def rank(self) -> tuple[int, int, str]:
        return (-self.need.weight, CATEGORY_ORDER[self.first.category], self.need.id)

    def __hash__(self) -> int:
        return id(self)


def _make_slot(
    need: _Need, profile: Profile, catalog: Catalog, facts: Mapping[str, object],
    wants: _Wants, decisions: list[Decision], left_out: list[LeftOut],
) -> _Slot | None:
    """The steps of one wanted chain or exercise open to this person, and its entry step.

    Records a Decision for every step left out, and a LeftOut when none is open.
    """
    chain = catalog.chains.get(need.id)
    step_ids = list(chain.steps) if chain else [need.id]
    if need.id in wants.excluded:
        why = f"excluded by rule {', '.join(wants.excluded[need.id])}"
        decisions.append(Decision(need=need.id, exercise=None, status="excluded",
                                  rules=need.rules, detail=why))
        left_out.append(LeftOut(id=need.id, rules=need.rules, because=why))
        return None
    allowed: list[Exercise] = []
    reasons: dict[str, str] = {}
    for sid in step_ids:
        ex = catalog.exercises[sid]
        blocked = _blocked_because(ex, catalog, profile, facts, wants)
        if blocked is None:
            allowed.append(ex)
        else:
            reasons[sid] = blocked
            decisions.append(Decision(need=need.id, exercise=sid, status="excluded",
                                      rules=need.rules, detail=blocked))
    if not allowed:
        decisions.append(Decision(need=need.id, exercise=None, status="unavailable",
                                  rules=need.rules,
                                  detail="no step is open to you (see the excluded steps)"))
        left_out.append(LeftOut(id=need.id, rules=need.rules,
                                because=reasons[step_ids[0]]))
        return None
    last_open = step_ids.index(allowed[-1].id)
    blocked_above = [(catalog.exercises[s], reasons[s]) for s in step_ids[last_open + 1:]]
    budget = profile.session_minutes
    # Enter at the hardest open step within the person's experience whose first dose takes
    # at most a third of a session (docs/progression.md), so one item never crowds out the
    # rest of a short day; beginners learn the hinge pattern first.
    level = ENTRY_LEVEL[profile.experience]
    fits = [i for i, ex in enumerate(allowed)
            if ex.level <= level and estimate_minutes(ex, ex.ladder[0]) <= budget / 3]
    entry = fits[-1] if fits else 0
    if profile.experience == "beginner" and allowed[0].category == "hinge":
        # The last patterning step open (the dowel hinge with a dowel, else the wall
        # hinge), so the good morning itself comes within the first program.
        entry = max((i for i, ex in enumerate(allowed) if ex.level == 1), default=0)
    return _Slot(need, chain.id if chain else None, allowed, entry,
                 {s: i for i, s in enumerate(step_ids)},
                 allow_load=not facts["has_back_symptoms"], blocked_above=blocked_above)


def _allowed_on(slot: _Slot, ex: Exercise, day: Day) -> bool:
    if ex.loaded and day not in slot.loaded_days:
        return False
    return not needs_spreading(ex) or day in slot.spread_days


def _top_rung_within(ex: Exercise, rung: int, cap_seconds: int) -> int:
    while rung > 0 and (ex.ladder[rung].seconds or 0) * ex.ladder[rung].sets > cap_seconds:
        rung -= 1
    return rung


def _entry_rung(ex: Exercise, budget: int) -> int:
    """Walks enter at the largest rung within a share of the session; everything else at 1."""
    if ex.category != "activity":
        return 0
    fitting = [i for i, d in enumerate(ex.ladder)
               if estimate_minutes(ex, d) <= WALK_SHARE * budget]
    return fitting[-1] if fitting else 0


class _Resolver:
    """Turns (slot, advances, day, deload) into the exercise and dose for that day."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self._memo: dict[tuple[int, int, Day, bool], _Placed | None] = {}

    def __call__(self, slot: _Slot, advances: int, day: Day, deload: bool) -> _Placed | None:
        key = (id(slot), advances, day, deload)
        if key not in self._memo:
            self._memo[key] = self._resolve(slot, advances, day, deload)
        return self._memo[key]

    def _resolve(self, slot: _Slot, advances: int, day: Day, deload: bool) -> _Placed | None:
        first = slot.steps[slot.entry]
        pos = position(slot.steps, slot.entry, advances + _entry_rung(first, self.budget),
                       allow_load_increase=slot.allow_load)
        step, rung, load = pos.step, pos.rung, pos.load_kg
        # A step that may not go on this day (loaded, or harder work kept to spaced days)
        # falls back to the highest step below it that may, at its top rung: the person has
        # passed it (or, entering above it, can do it), so it keeps what they built.
        while not _allowed_on(slot, slot.steps[step], day):
            if step == 0:
                return None
            step -= 1
            rung = len(slot.steps[step].ladder) - 1
            below = slot.steps[step].load
            load = below.start_kg if below else None
        ex = slot.steps[step]
        if ex.category == "breathing":
            rung = _top_rung_within(ex, rung, BREATHING_CAP_SECONDS)
        if deload and ex.category not in KEPT_IN_DELOAD:
            dose, rung = deload_dose(ex.ladder, rung), max(0, rung - 1)
        else:
            dose = ex.ladder[rung]
        return _Placed(ex, dose, rung, load if ex.load else None, estimate_minutes(ex, dose))

    def most_minutes(self, slot: _Slot, advances: int, long_runs: bool) -> float:
        """The longest this slot can take on a day at ``advances``: its step, or the easier
        step it falls back to on days where that step may not go (spaced work wanted on
        more than three days; loaded work in a week with long runs)."""
        step, rung, _ = self.position_key(slot, advances)
        ex = slot.steps[step]
        if ex.category == "breathing":
            rung = _top_rung_within(ex, rung, BREATHING_CAP_SECONDS)
        most = estimate_minutes(ex, ex.ladder[rung])
        spread = needs_spreading(ex) and slot.need.per_week > SPREAD_MAX_DAYS
        if (ex.loaded and long_runs) or spread:
            below = [s for s in slot.steps[:step] if not s.loaded and not needs_spreading(s)]
            if below:
                most = max(most, estimate_minutes(below[-1], below[-1].ladder[-1]))
        return most

    def position_key(self, slot: _Slot, advances: int) -> tuple[int, int, float | None]:
        first = slot.steps[slot.entry]
        pos = position(slot.steps, slot.entry, advances + _entry_rung(first, self.budget),
                       allow_load_increase=slot.allow_load)
        return pos.step, pos.rung, pos.load_kg


# ------------------------------------------------------------------------------- template


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


def _long_run_days(profile: Profile) -> set[Day]:
    return {d for a in profile.activities
            if a.sport == "running" and a.minutes >= LONG_RUN_MINUTES for d in a.days}


@dataclass(eq=False)
class _Unit:
    """What the scheduler places: one slot, or a block of slots kept on the same days."""

    slots: list[_Slot]
    wanted: int
    candidates: list[Day]
    prefer: set[Day]
    days: list[Day] = field(default_factory=list)
    missed: int = 0
    split_block: bool = False  # one of a block that could not fit a session together

    @property
    def lead(self) -> _Slot:
        return min(self.slots, key=lambda s: s.rank)

    @property
    def weight(self) -> int:
        return max(s.need.weight for s in self.slots)

    @property
    def rank(self) -> tuple[int, int, int, str]:
        # The hinge goes first: the good morning survives every budget (issue 9, item 5).
        hinge = 0 if self.protected == 0 else 1
        return (hinge, -self.weight, CATEGORY_ORDER[self.lead.first.category],
                self.lead.need.id)

    def minutes(self, planning: bool) -> float:
        return sum(s.plan_minutes if planning else s.entry_minutes for s in self.slots)

    @property
    def protected(self) -> int:
        """Which of the brief's priorities this unit is (lower first); 9 for none."""
        if self.lead.chain == HINGE_CHAIN or any(
                ex.id == self.lead.need.id for ex in self.lead.steps
                if self.lead.chain is None and ex.tags and "hinge-pattern" in ex.tags):
            return 0
        if self.lead.first.category == "breathing":
            return 1
        if self.lead.first.category == "activity":
            return 2
        if len(self.slots) > 1 or self.split_block:
            return 3
        if self.lead.kind == "warm-up":
            return 4
        return 9

    @property
    def minimum(self) -> int:
        """Sessions placed before the rounds: 1 hinge, all breathing, all walks, 3 Big 3 (1
        each when they cannot go together), every warm-up."""
        if self.split_block:
            return min(1, self.wanted)
        floor = {0: 1, 1: self.wanted, 2: self.wanted, 3: SPREAD_MAX_DAYS,
                 4: self.wanted}.get(self.protected, 0)
        return min(floor, self.wanted)


    @property
    def loaded(self) -> bool:
        return any(ex.loaded for s in self.slots for ex in s.steps[s.entry:])

    @property
    def spreads(self) -> bool:
        return any(needs_spreading(ex) for s in self.slots for ex in s.steps[s.entry:])


@dataclass
class _Week:
    sessions: dict[Day, list[Session]]
    available: list[Day]
    budget: float
    long_runs: set[Day]
    easy_day: Day | None


def _easy_day(profile: Profile, sessions: Mapping[Day, list[Session]],
              flare: bool) -> Day | None:
    """With sport on most days, the biggest sport day gets no corecoach strength work."""
    sport_days = [d for d in DAYS if sessions[d]]
    if flare or len(sport_days) < EASY_DAY_SPORT_DAYS or len(profile.available_days) < 6:
        return None
    busiest = [d for d in profile.available_days if sessions[d]]
    if not busiest:
        return None
    return max(busiest, key=lambda d: (sum(s.minutes for s in sessions[d]), _INDEX[d]))


def _units(slots: list[_Slot], wants: _Wants, week: _Week) -> list[_Unit]:
    by_need = {s.need.id: s for s in slots}
    units: list[_Unit] = []
    placed: set[str] = set()
    split: set[str] = set()
    for block in wants.blocks:
        members = [by_need[n] for n in block if n in by_need and n not in placed]
        if len(members) < 2:
            continue
        # A block that cannot fit one session at its entry doses is scheduled piece by piece.
        if sum(s.entry_minutes for s in members) > week.budget:
            split.update(s.need.id for s in members)
            continue
        placed.update(s.need.id for s in members)
        units.append(_unit(members, week))
    for slot in slots:
        if slot.need.id not in placed:
            unit = _unit([slot], week)
            unit.split_block = slot.need.id in split
            units.append(unit)
    return sorted(units, key=lambda u: u.rank)


def _warm_up_sport(sessions: Sequence[Session], sports: set[str]) -> Session | None:
    for s in sessions:
        if s.sport in NO_WARM_UP:
            continue
        if not sports or s.sport in sports:
            return s
    return None


def _unit(slots: list[_Slot], week: _Week) -> _Unit:
    lead = min(slots, key=lambda s: s.rank)
    sports = set().union(*(s.need.sports for s in slots))
    per_week = max(s.need.per_week for s in slots)
    if lead.kind == "warm-up":
        days = [d for d in week.available if _warm_up_sport(week.sessions[d], sports)]
        return _Unit(slots, len(days), days, set(days))
    candidates = list(week.available)
    if week.easy_day and any(s.first.category in STRENGTH for s in slots) \
            and len(candidates) > 1:
        candidates.remove(week.easy_day)
    prefer: set[Day] = set()
    if lead.kind == "stretch":
        prefer = {d for d in candidates
                  if any(not sports or s.sport in sports for s in week.sessions[d])}
    return _Unit(slots, min(per_week, len(candidates)), candidates, prefer)


def _schedule(units: list[_Unit], week: _Week) -> None:
    """Give each unit its days, within the daily time budget.

    Days are handed out in rounds: every wanted unit gets its first session before any gets
    its second, so a short budget trims extra sessions of big items rather than dropping
    small ones. Units are sized at their planning-week doses so that doses can grow; a unit
    that does not fit at that size gets its first session at its entry dose.
    """
    # Two ledgers: what each day holds at the planning-week doses (room to grow) and at the
    # entry doses (what week 1 really takes).
    planned: dict[Day, float] = {d: 0.0 for d in DAYS}
    entry: dict[Day, float] = {d: 0.0 for d in DAYS}
    loaded_days: list[Day] = []

    def place(unit: _Unit, at_entry: bool) -> bool:
        day = _best_day(unit, unit.minutes(planning=True), planned, week, loaded_days)
        if day is None and at_entry:
            day = _best_day(unit, unit.minutes(planning=False), entry, week, loaded_days)
        if day is None:
            return False
        unit.days.append(day)
        planned[day] += unit.minutes(planning=True)
        entry[day] += unit.minutes(planning=False)
        if unit.loaded and _loaded_ok(day, week, loaded_days):
            loaded_days.append(day)
        return True

    # First the brief's priorities, each up to its minimum: the hinge, breathing where stress
    # calls for it, walks in a flare, the Big 3 together, the warm-ups before sport. These
    # may use the room kept for growth; everything else keeps it free.
    for unit in sorted(units, key=lambda u: (u.protected, u.rank)):
        while len(unit.days) < unit.minimum and place(unit, at_entry=True):
            pass
        if len(unit.slots) > 1 and not unit.days:
            # The block found no day with room for all of it: its members go one by one.
            units.remove(unit)
            for slot in unit.slots:
                single = _Unit([slot], unit.wanted, unit.candidates, unit.prefer,
                               split_block=True)
                units.append(single)
                place(single, at_entry=True)
    units.sort(key=lambda u: u.rank)
    for round_no in range(7):
        for unit in units:
            if len(unit.days) + unit.missed > round_no or unit.wanted <= round_no:
                continue
            if not place(unit, at_entry=not unit.days):
                unit.missed += 1
    # Coverage: the room kept for growing doses never costs a unit its only session.
    for unit in sorted(units, key=lambda u: (u.protected, u.rank)):
        if not unit.days and unit.wanted and place(unit, at_entry=True):
            unit.missed -= 1
    for unit in units:
        unit.days.sort(key=_INDEX.__getitem__)


def _loaded_ok(day: Day, week: _Week, loaded_days: Iterable[Day]) -> bool:
    """Loaded work: not on a long-run day or the day before, and 48 h from other loading."""
    if day in week.long_runs or _NEXT[day] in week.long_runs:
        return False
    return all(_GAP[day, d] >= 2 for d in loaded_days)


def _best_day(unit: _Unit, minutes: float, used: Mapping[Day, float], week: _Week,
              loaded_days: Sequence[Day]) -> Day | None:
    """The best free day for one more session of ``unit``, or None when none fits."""
    options = []
    for day in unit.candidates:
        if day in unit.days or used[day] + minutes > week.budget + 1e-9:
            continue
        spread = min([_GAP[day, d] for d in unit.days], default=7)
        # Harder work is never on consecutive days: a near day only when nothing else fits.
        too_near = 1 if unit.spreads and spread < 2 else 0
        prefers = 0 if (not unit.prefer or day in unit.prefer) else 1
        loaded = 0 if not unit.loaded or _loaded_ok(day, week, loaded_days) else 1
        # Loaded hinges go on days without sport where there are any (not next to a run,
        # a class or the main lifts of a gym day).
        busy = 1 if unit.loaded and week.sessions[day] else 0
        options.append((too_near, loaded, prefers, busy, -spread, used[day], _INDEX[day], day))
    return min(options)[-1] if options else None


def _spread_subset(days: Sequence[Day], week: _Week) -> frozenset[Day]:
    """Up to three of ``days``, no two consecutive (round the week), away from long runs."""
    best: tuple[int, int, tuple[int, ...]] | None = None
    chosen: tuple[Day, ...] = ()
    for size in range(min(SPREAD_MAX_DAYS, len(days)), 0, -1):
        for combo in combinations(days, size):
            if any(_GAP[a, b] < 2 for a, b in combinations(combo, 2)):
                continue
            clear = sum(1 for d in combo if _loaded_ok(d, week, ()))
            key = (size, clear, tuple(-_INDEX[d] for d in combo))
            if best is None or key > best:
                best, chosen = key, combo
        if best is not None:
            break
    return frozenset(chosen)


def _assign_spacing(units: list[_Unit], week: _Week) -> None:
    granted: list[Day] = []
    for unit in units:
        spread = _spread_subset(unit.days, week)
        loaded: list[Day] = []
        if unit.loaded:
            for day in sorted(spread, key=_INDEX.__getitem__):
                if _loaded_ok(day, week, granted + loaded):
                    loaded.append(day)
            granted += loaded
        for slot in unit.slots:
            slot.days = list(unit.days)
            slot.wanted = unit.wanted
            slot.spread_days = spread
            slot.loaded_days = frozenset(loaded)


# -------------------------------------------------------------------------------- program


@dataclass
class _Fitted:
    """One week's position per slot, and which slots the day's time held back."""

    advances: dict[_Slot, int]
    deload: bool
    held: set[_Slot] = field(default_factory=set)


class _Program:
    """The template of a program, and its weeks fitted one after another."""

    def __init__(self, profile: Profile, catalog: Catalog, facts: dict[str, object],
                 fired: list[Rule], wants: _Wants, slots: list[_Slot],
                 decisions: list[Decision], left_out: list[LeftOut]) -> None:
        self.profile = profile
        self.catalog = catalog
        self.facts = facts
        self.fired = fired
        self.decisions = decisions
        self.left_out = left_out
        self.flare = bool(facts["flare"])
        # A flare plan is short: at most FLARE_MINUTES a day, whatever the profile allows.
        self.budget = min(profile.session_minutes, FLARE_MINUTES) if self.flare \
            else profile.session_minutes
        self.resolve = _Resolver(self.budget)
        sessions = _sessions(profile)
        self.week_info = _Week(sessions, list(profile.available_days), float(self.budget),
                               _long_run_days(profile), _easy_day(profile, sessions, self.flare))
        planning = 0 if self.flare else advances_before(min(PLANNING_WEEK, profile.weeks))
        long_runs = bool(self.week_info.long_runs)
        for slot in slots:
            slot.entry_minutes = self.resolve.most_minutes(slot, 0, long_runs)
            slot.plan_minutes = max(slot.entry_minutes,
                                    self.resolve.most_minutes(slot, planning, long_runs))
        self.units = _units(slots, wants, self.week_info)
        _schedule(self.units, self.week_info)
        _assign_spacing(self.units, self.week_info)
        self.slots = sorted((s for u in self.units for s in u.slots), key=lambda s: s.rank)
        self._settle_template()
        self._weeks: list[_Fitted] = []

    def _settle_template(self) -> None:
        """Week 1 as resolved (easier fallbacks on spaced days included) must fit every day:
        where it does not, the lowest-ranked work leaves that day of the template. Then
        static stretching is trimmed to its share of the week when strength work is wanted
        (brief 1.1, 3.3: strength work does far more for backs than stretching)."""
        layout = self._layout({s: 0 for s in self.slots}, False)
        totals = self._totals(layout)
        for day in DAYS:
            # Extra days of other work go first; an only day last, and then it is left out.
            for only in (False, True):
                for slot in reversed(self.slots):
                    if totals[day] <= self.budget + 1e-9:
                        break
                    placed = layout[slot].get(day)
                    if placed is None or (len(slot.days) == 1) != only:
                        continue
                    slot.days.remove(day)
                    del layout[slot][day]
                    totals[day] -= placed.minutes
        while not self._stretch_ok(layout):
            stretches = [s for s in self.slots if s.kind == "stretch" and layout[s]]
            slot = max([s for s in stretches if len(layout[s]) > 1] or stretches,
                       key=lambda s: (len(layout[s]), s.rank))
            day = max(layout[slot], key=_INDEX.__getitem__)
            slot.days.remove(day)
            del layout[slot][day]
            if not slot.days:
                slot.left_out_because = (
                    f"static stretching is kept under {STRETCH_SHARE:.0%} of the week so that "
                    "strength work comes first")

    # -- fitting

    def _layout(self, adv: Mapping[_Slot, int], deload: bool
                ) -> dict[_Slot, dict[Day, _Placed]]:
        out: dict[_Slot, dict[Day, _Placed]] = {}
        for slot in self.slots:
            placed = {}
            for day in slot.days:
                p = self.resolve(slot, adv[slot], day, deload)
                if p is not None:
                    placed[day] = p
            out[slot] = placed
        return out

    @staticmethod
    def _totals(layout: Mapping[_Slot, dict[Day, _Placed]]) -> dict[Day, float]:
        totals = {d: 0.0 for d in DAYS}
        for placed in layout.values():
            for day, p in placed.items():
                totals[day] += p.minutes
        return totals

    def _stretch_ok(self, layout: Mapping[_Slot, dict[Day, _Placed]]) -> bool:
        if not any(s.first.category in STRENGTH for s in self.slots):
            return True
        stretch = sum(p.minutes for s, pl in layout.items() if s.kind == "stretch"
                      for p in pl.values())
        total = sum(p.minutes for pl in layout.values() for p in pl.values())
        return stretch <= STRETCH_SHARE * total + 1e-9

    def _raise(self, adv: dict[_Slot, int], targets: Mapping[_Slot, int],
               weekly_cap: float | None, held: set[_Slot]) -> None:
        """Move slots toward their targets one rung at a time, most important first, while
        every day stays within the budget, the week within ``weekly_cap`` and stretching
        within its share."""
        layout = self._layout(adv, False)
        totals = self._totals(layout)
        moved = True
        while moved:
            moved = False
            for slot in self.slots:
                if adv[slot] >= targets[slot]:
                    continue
                if self.resolve.position_key(slot, adv[slot] + 1) == \
                        self.resolve.position_key(slot, adv[slot]):
                    adv[slot] = targets[slot]  # at the top: nothing left to climb
                    continue
                trial = {d: p for d in slot.days
                         if (p := self.resolve(slot, adv[slot] + 1, d, False)) is not None}
                new_totals = dict(totals)
                for d, p in layout[slot].items():
                    new_totals[d] -= p.minutes
                for d, p in trial.items():
                    new_totals[d] += p.minutes
                over_day = any(new_totals[d] > self.budget + 1e-9 for d in trial)
                over_week = (weekly_cap is not None
                             and _week_minutes(new_totals) > weekly_cap + 1e-9)
                new_layout = {**layout, slot: trial}
                if over_day or over_week:
                    if over_day:
                        held.add(slot)
                    continue
                if not self._stretch_ok(new_layout):
                    if slot.kind == "stretch":
                        continue
                    # Strength moving onto an easier-looking next step can shrink the week;
                    # stretching then gives way, never the strength work.
                    eased = self._ease_stretching(adv, new_layout, new_totals)
                    if eased is None:
                        continue
                    new_layout, new_totals = eased
                adv[slot] += 1
                layout, totals = new_layout, new_totals
                moved = True

    def _ease_stretching(
        self, adv: dict[_Slot, int], layout: dict[_Slot, dict[Day, _Placed]],
        totals: dict[Day, float],
    ) -> tuple[dict[_Slot, dict[Day, _Placed]], dict[Day, float]] | None:
        """Step stretches back a rung at a time, lowest ranked first, until stretching is
        within its share; None (and nothing changed) when that cannot be done."""
        trial_adv = dict(adv)
        layout, totals = dict(layout), dict(totals)
        for slot in reversed(self.slots):
            while slot.kind == "stretch" and trial_adv[slot] > 0 \
                    and not self._stretch_ok(layout):
                trial_adv[slot] -= 1
                placed = {d: p for d in slot.days
                          if (p := self.resolve(slot, trial_adv[slot], d, False)) is not None}
                for d, p in layout[slot].items():
                    totals[d] -= p.minutes
                for d, p in placed.items():
                    totals[d] += p.minutes
                layout[slot] = placed
        if not self._stretch_ok(layout):
            return None
        adv.update(trial_adv)
        return layout, totals

    def fitted(self, week: int) -> _Fitted:
        """The positions of program week ``week``, fitted from week 1 onwards."""
        while len(self._weeks) < week:
            n = len(self._weeks) + 1
            if n == 1:
                self._weeks.append(_Fitted({s: 0 for s in self.slots}, deload=False))
                continue
            last = self._weeks[-1]
            if self.flare:  # a flat plan: no week longer than week 1
                self._weeks.append(_Fitted(dict(last.advances), deload=False))
                continue
            if is_deload(n):
                self._weeks.append(_Fitted(dict(last.advances), deload=True))
                continue
            base = next(f for f in reversed(self._weeks) if not f.deload)
            adv = dict(base.advances)
            base_total = _week_minutes(self._totals(self._layout(adv, False)))
            held: set[_Slot] = set()
            self._raise(adv, {s: adv[s] + 1 for s in self.slots},
                        WEEKLY_GROWTH * base_total, held)
            self._weeks.append(_Fitted(adv, deload=False, held=held))
        return self._weeks[week - 1]

    def with_journal(self, week: int, progress: Progress) -> tuple[_Fitted, set[_Slot]]:
        """Week ``week`` with the journal's positions, capped by the day's time."""
        calendar = self.fitted(week)
        adv = dict(calendar.advances)
        targets = dict(adv)
        journal = {s for s in self.slots if s.need.id in progress.chains}
        for slot in journal:
            adv[slot] = 0
            targets[slot] = progress.chains[slot.need.id].advances
        held: set[_Slot] = set()
        self._raise(adv, targets, None, held)
        capped = {s for s in journal if adv[s] < targets[s]}
        return _Fitted(adv, deload=calendar.deload and not progress.chains), capped

    # -- assembling

    def plan(self, week: int, progress: Progress | None) -> tuple[Plan, list[Decision]]:
        if progress is not None and progress.chains:
            fitted, capped = self.with_journal(week, progress)
        else:
            fitted, capped = self.fitted(week), set()
        layout = self._layout(fitted.advances, fitted.deload)
        self._fit_days(layout)
        days = self._days(week, layout)
        left_out = list(self.left_out)
        decisions = list(self.decisions)
        present: set[str] = set()
        for slot in self.slots:
            placed = layout[slot]
            if placed:
                present.add(slot.need.id)
            elif not slot.days:
                left_out.append(LeftOut(id=slot.need.id, rules=slot.need.rules,
                                        because=self._no_room(slot)))
            else:
                left_out.append(LeftOut(
                    id=slot.need.id, rules=slot.need.rules,
                    because="its step this week has no suitable day (spacing of harder "
                    "or loaded work)"))
            decisions.append(self._decision(slot, placed))
        rules, notes = self._reasons(present, left_out)
        notes += self._progress_notes(fitted, capped, layout)
        plan = Plan(
            corecoach=__version__, name=self.profile.name, week=week,
            weeks=self.profile.weeks, deload=fitted.deload, start=self.profile.start,
            alerts=self._alerts(week), days=days, rules=rules, left_out=left_out,
            notes=notes, disclaimer=DISCLAIMER, session_minutes=self.budget,
        )
        return plan, decisions

    def _fit_days(self, layout: dict[_Slot, dict[Day, _Placed]]) -> None:
        """Safety net: a day over budget loses its lowest-ranked items (never expected)."""
        totals = self._totals(layout)
        for day in DAYS:
            for slot in reversed(self.slots):
                if totals[day] <= self.budget + 1e-9:
                    break
                p = layout[slot].pop(day, None)
                if p is not None:
                    totals[day] -= p.minutes

    def _no_room(self, slot: _Slot) -> str:
        if slot.left_out_because:
            return slot.left_out_because
        if slot.kind == "warm-up":
            return "none of your sport days is a day corecoach may use"
        return (f"no room in a {self.budget}-minute session next to higher-priority work "
                f"(its first dose takes {slot.entry_minutes:g} min)")

    def _decision(self, slot: _Slot, placed: Mapping[Day, _Placed]) -> Decision:
        days = sorted(placed, key=_INDEX.__getitem__)
        detail = ""
        if days and len(days) < slot.wanted:
            detail = f"{len(days)} of {slot.wanted} sessions fit"
            if any(ex.loaded for ex in slot.steps):
                detail += " (48 h spacing of loaded work and long runs)"
            else:
                detail += f" (the {self.budget}-minute limit)"
        elif not days:
            detail = self._no_room(slot) if not slot.days else "no suitable day this week"
        first = placed[days[0]].ex.id if days else slot.first.id
        return Decision(need=slot.need.id, exercise=first,
                        status="scheduled" if days else "trimmed", rules=slot.need.rules,
                        days=days, detail=detail)

    def _days(self, week: int, layout: Mapping[_Slot, dict[Day, _Placed]]) -> list[PlanDay]:
        import datetime as dt

        sessions = self.week_info.sessions
        out: list[PlanDay] = []
        for i, day in enumerate(DAYS):
            items: list[tuple[tuple[int, int, int, str], PlanItem]] = []
            for slot in self.slots:
                p = layout[slot].get(day)
                if p is None:
                    continue
                timing = _timing(slot, p.ex, sessions[day])
                group = {"before": 0, "after": 1}.get((timing or "").split(" ")[0], 2)
                item = PlanItem(
                    exercise=p.ex.id, name=p.ex.name, category=p.ex.category,
                    level=p.ex.level, sets=p.dose.sets,
                    reps=list(p.dose.reps) if isinstance(p.dose.reps, tuple) else p.dose.reps,
                    seconds=p.dose.seconds, per_side=p.ex.per_side, load_kg=p.load,
                    minutes=p.minutes, timing=timing, cue=p.ex.cues[0],
                    equipment=list(p.ex.equipment), loaded=p.ex.loaded, chain=slot.chain,
                    step=(slot.chain_index[p.ex.id] + 1) if slot.chain else None,
                    rung=p.rung + 1, rungs=len(p.ex.ladder), rules=slot.need.rules,
                )
                key = (group, CATEGORY_ORDER[p.ex.category], -slot.need.weight, p.ex.id)
                items.append((key, item))
            ordered = [item for _, item in sorted(items, key=lambda kv: kv[0])]
            start = self.profile.start
            date = start + dt.timedelta(days=7 * (week - 1) + i) if start else None
            out.append(PlanDay(
                day=day, date=date, activities=[s.sport for s in sessions[day]],
                sessions=sessions[day],
                minutes=math.ceil(round(sum(it.minutes for it in ordered), 1)),
                items=ordered,
            ))
        return out

    def _reasons(self, present: set[str], left_out: Sequence[LeftOut]
                 ) -> tuple[list[RuleRef], list[str]]:
        """Rules with work in the week (or that only add advice), and their notes.

        A rule whose work is all left out is not given as a reason: its entries in
        ``left_out`` say why, so the plan never promises work it does not hold.
        """
        rules: list[RuleRef] = []
        notes: list[str] = []
        if self.flare:
            notes.append(STAY_ACTIVE)
        for rule in self.fired:
            if rule.include and not any(ref in present for ref in rule.include):
                continue
            rules.append(RuleRef(id=rule.id, because=rule.because))
            notes.extend(n for n in rule.notes if n not in notes)
        if self.week_info.easy_day:
            day = self.week_info.easy_day
            sport = max(self.week_info.sessions[day], key=lambda s: s.minutes).sport
            notes.append(f"{DAY_NAMES[day]} is your easy day: no corecoach strength work "
                         f"next to your {sport}.")
        if len(self.profile.available_days) < 2:
            notes.append(ONE_DAY)
        return rules, notes

    def _progress_notes(self, fitted: _Fitted, capped: set[_Slot],
                        layout: Mapping[_Slot, dict[Day, _Placed]]) -> list[str]:
        """Plateaus and time limits, each said once, with what unlocks the next step."""
        notes: list[str] = []
        if self.flare:
            return notes
        held = sorted({*fitted.held, *capped}, key=lambda s: s.rank)
        names = [self._label(s, layout) for s in held if layout[s]]
        if names:
            notes.append(
                f"Your {self.budget}-minute sessions are full, so these stay at this dose: "
                f"{'; '.join(names)}. A longer session_minutes lets them move on.")
        for slot in self.slots:
            at = self.resolve.position_key(slot, fitted.advances[slot])
            loaded = slot.steps[at[0]]
            if loaded.loaded and layout[slot] and not slot.loaded_days:
                placed = next(iter(layout[slot].values())).ex
                notes.append(f"{loaded.name} needs a day clear of long runs (not a long-run "
                             f"day or the day before): none of your days is, so you do "
                             f"{placed.name.lower()} instead.")
            if not slot.chain or not slot.blocked_above or not layout[slot]:
                continue
            adv = fitted.advances[slot]
            if self.resolve.position_key(slot, adv + 1) != \
                    self.resolve.position_key(slot, adv):
                continue
            nxt, why = slot.blocked_above[0]
            notes.append(f"{self.catalog.chains[slot.chain].name}: you have reached the top "
                         f"of what you can do now ({slot.steps[-1].name}). The next step, "
                         f"{nxt.name}, {_unlock(why)}.")
        return notes

    @staticmethod
    def _label(slot: _Slot, layout: Mapping[_Slot, dict[Day, _Placed]]) -> str:
        return next(iter(layout[slot].values())).ex.name

    def _alerts(self, week: int) -> list[str]:
        alerts: list[str] = []
        if bone_joint_only(self.profile):
            alerts.append(BONE_JOINT)
        if self.flare and week >= 3:
            alerts.append(REASSESS.format(weeks=week - 1))
        return alerts


def _week_minutes(totals: Mapping[Day, float]) -> int:
    """Weekly minutes as the plan shows them: each day rounded up."""
    return sum(math.ceil(round(t, 1)) for t in totals.values())


def _unlock(why: str) -> str:
    """What opens a blocked step, from the reason it is blocked."""
    if why.startswith("needs equipment"):
        return f"opens when you add it to your equipment ({why.split(': ', 1)[1]})"
    if why.startswith("loaded work waits until back"):
        return "waits until your back symptoms have settled: update your profile then"
    if why.startswith("loaded work waits for clearance"):
        return "opens once you are cleared (cleared = true under [screening])"
    if why.startswith("a beginner"):
        return "comes after a band or a light kettlebell: add one to your equipment"
    return f"is not open to you ({why})"


def _timing(slot: _Slot, ex: Exercise, sessions: Sequence[Session]) -> str | None:
    """When an item goes on a sport day: before or after a named sport, or separately."""
    if not sessions:
        return None
    served = [s for s in sessions if s.sport in slot.need.sports]
    if ex.timing == "before-activity":
        warm = _warm_up_sport(served or sessions, slot.need.sports if served else set())
        if warm is not None:
            return f"before {warm.sport}"
    if ex.timing == "after-activity":
        after = max(served or sessions, key=lambda s: s.minutes)
        return f"after {after.sport}"
    # Trunk endurance, hinges and breathing never go right before a run or a class: the
    # trunk should not be tired for the sport (brief 6.1); breathing closes its own session.
    return "separately"


# ------------------------------------------------------------------------------ entry points


def _program(profile: Profile, catalog: Catalog, facts: dict[str, object]) -> _Program:
    rules_by_id = {r.rule.id: r.rule for r in catalog.rules}
    fired = sorted((rules_by_id[i] for i in fired_rule_ids(catalog, facts)),
                   key=lambda r: (-r.weight, r.id))
    wants = _gather_wants(catalog, fired)
    if facts["flare"]:
        wants.cap_at(min(wants.cap, LIGHT_MAX_LEVEL), LIGHT_REASON)
        wants.excluded_tags.setdefault("loaded", []).append(LIGHT_REASON)
    decisions: list[Decision] = []
    left_out: list[LeftOut] = []
    slots = [slot for need in sorted(wants.needs.values(), key=lambda n: n.id)
             if (slot := _make_slot(need, profile, catalog, facts, wants, decisions,
                                    left_out))]
    return _Program(profile, catalog, facts, fired, wants, slots, decisions, left_out)


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


def _facts(profile: Profile, progress: Progress | None) -> dict[str, object]:
    facts = derive_facts(profile)
    if progress is not None and progress.flare:
        facts["flare"] = True
    return facts


def build_plan(
    profile: Profile, catalog: Catalog, week: int, progress: Progress | None = None
) -> PlanOutcome:
    """Plan week ``week`` (1-based) of the program for ``profile``.

    Screening comes first, before the week is judged against the program: a red flag is the
    red-flag message whatever the week. ``progress`` (from the journal) places each chain it
    names in place of the calendar, capped by the day's time.
    """
    facts = _facts(profile, progress)
    withheld = _screened(profile, progress)
    if withheld is not None:
        return PlanOutcome(None, withheld, [], facts, catalog)
    _check_week(profile, week)
    program = _program(profile, catalog, facts)
    plan, decisions = program.plan(week, progress)
    return PlanOutcome(plan, None, decisions, facts, catalog)


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


__all__ = ["ChainProgress", "PlanOutcome", "Progress", "build_plan", "plan_weeks", "week_for"]
