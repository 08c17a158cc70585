"""The weekly template: which blocks go on which days, decided once per program.

The brief's priorities get their days first (the hinge, breathing, walks in a flare, the Big
3 together, warm-ups), then everything else in rounds, then coverage for anything still
without a day. Harder work and loaded work get spaced days of their own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations

from corecoach.days import DAY_GAP, DAY_INDEX, DAYS, NEXT_DAY
from corecoach.plan import Session
from corecoach.planner.doses import needs_spreading
from corecoach.planner.limits import (
    CATEGORY_ORDER,
    EASY_DAY_SPORT_DAYS,
    FLEXIBILITY_DAYS,
    FLEXIBILITY_RULE,
    HINGE_DAYS,
    LONG_RUN_MINUTES,
    NO_WARM_UP,
    SPREAD_MAX_DAYS,
    STRENGTH,
)
from corecoach.planner.needs import Wants
from corecoach.planner.rest import REST_DAY_CATEGORIES
from corecoach.planner.slots import Slot, is_good_morning
from corecoach.profile import Profile
from corecoach.vocab import Day


def weekly_sessions(profile: Profile) -> dict[Day, list[Session]]:
    """The person's own training on each weekday (an empty list on a day without)."""
    out: dict[Day, list[Session]] = {d: [] for d in DAYS}
    for a in profile.activities:
        for d in a.days:
            out[d].append(Session(sport=a.sport, minutes=a.minutes, surface=a.run_surface,
                                  name=a.name))
    return out


def long_run_days(profile: Profile) -> set[Day]:
    """Days with a run of LONG_RUN_MINUTES or more: loaded work keeps away from them."""
    return {d for a in profile.activities
            if a.sport == "running" and a.minutes >= LONG_RUN_MINUTES for d in a.days}


@dataclass(eq=False, repr=False)  # never compared or printed (see planner.slots.Need)
class Unit:
    """What the scheduler places: one slot, or a block of slots kept on the same days."""

    slots: list[Slot]
    wanted: int
    candidates: list[Day]
    prefer: set[Day]
    days: list[Day] = field(default_factory=list)
    missed: int = 0
    split_block: bool = False  # one of a block that could not fit a session together

    # A unit's slots (and whether it is a split block) never change once it is made; the
    # scheduler asks for these constantly, so each is set once here (a cached_property takes
    # a lock on every first read, on Python 3.11).
    lead: Slot = field(init=False)
    weight: int = field(init=False)
    #: Which of the brief's priorities this unit is (lower first); 9 for none.
    protected: int = field(init=False)
    rank: tuple[int, int, int, str] = field(init=False)
    loaded: bool = field(init=False)
    spreads: bool = field(init=False)
    #: Minutes of one session at the planning-week doses and at the entry doses (the
    #: slots' minutes are set before any unit is made).
    plan_minutes: float = field(init=False)
    entry_minutes: float = field(init=False)

    def __post_init__(self) -> None:
        self.lead = min(self.slots, key=lambda s: s.rank)
        self.weight = max(s.need.weight for s in self.slots)
        self.protected = self._protected()
        # The hinge goes first: the good morning survives every budget (issue 9, item 5).
        self.rank = (0 if self.protected == 0 else 1, -self.weight,
                     CATEGORY_ORDER[self.lead.first.category], self.lead.need.id)
        open_steps = [ex for s in self.slots for ex in s.steps[s.entry:]]
        self.loaded = any(ex.loaded for ex in open_steps)
        self.spreads = any(needs_spreading(ex) for ex in open_steps)
        self.plan_minutes = sum(s.plan_minutes for s in self.slots)
        self.entry_minutes = sum(s.entry_minutes for s in self.slots)

    def minutes(self, planning: bool) -> float:
        return self.plan_minutes if planning else self.entry_minutes

    def _protected(self) -> int:
        flexibility = FLEXIBILITY_RULE in self.lead.need.rules
        if is_good_morning(self.lead):
            return 0
        if self.lead.first.category == "breathing":
            return 1
        if self.lead.first.category == "activity":
            return 2
        if self.lead.kind == "warm-up":
            return 3  # every sport session gets its warm-up (issue 18)
        if flexibility and self.lead.first.category == "mobility":
            return 4  # cat-camel: well under a minute, McGill's lead-in to the Big 3
        if len(self.slots) > 1 or self.split_block:
            return 5
        if flexibility:
            return 6
        return 9

    @property
    def minimum(self) -> int:
        """Sessions placed before the rounds: 2 of the hinge, all breathing, all walks, every
        warm-up, 2 of spine mobility, 3 Big 3 (1 each when they cannot go together), 2 of
        flexibility for all."""
        if self.split_block:
            return min(1, self.wanted)
        floor = {0: HINGE_DAYS, 1: self.wanted, 2: self.wanted, 3: self.wanted, 4: FLEXIBILITY_DAYS,
                 5: SPREAD_MAX_DAYS, 6: FLEXIBILITY_DAYS}.get(self.protected, 0)
        return min(floor, self.wanted)


@dataclass(eq=False, repr=False)  # never compared or printed (see planner.slots.Need)
class Week:
    sessions: dict[Day, list[Session]]
    available: list[Day]
    budget: float
    long_runs: set[Day]
    easy_day: Day | None
    #: With sport and corecoach on all seven days, the day kept free of corecoach work.
    rest_day: Day | None = None


def easy_day(profile: Profile, sessions: Mapping[Day, list[Session]],
              flare: bool) -> Day | None:
    """With sport on most days, the biggest sport day gets no corecoach strength work."""
    sport_days = [d for d in DAYS if sessions[d]]
    if flare or len(sport_days) < EASY_DAY_SPORT_DAYS or len(profile.available_days) < 6:
        return None
    busiest = [d for d in profile.available_days if sessions[d]]
    if not busiest:
        return None
    return max(busiest, key=lambda d: (sum(s.minutes for s in sessions[d]), DAY_INDEX[d]))


def make_units(slots: list[Slot], wants: Wants, week: Week) -> list[Unit]:
    """What is scheduled together: each block the needs ask for (the Big 3) as one unit
    when its entry doses fit one session, every other slot on its own; by rank."""
    by_need = {s.need.id: s for s in slots}
    units: list[Unit] = []
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
            units.append(_unit([slot], week, split_block=slot.need.id in split))
    return sorted(units, key=lambda u: u.rank)


def warm_up_sport(sessions: Sequence[Session], sports: set[str]) -> Session | None:
    """The day's first session a warm-up goes before (of ``sports`` when given); none
    before walking, yoga or swimming."""
    for s in sessions:
        if s.sport in NO_WARM_UP:
            continue
        if not sports or s.sport in sports:
            return s
    return None


def _unit(slots: list[Slot], week: Week, split_block: bool = False) -> Unit:
    lead = min(slots, key=lambda s: s.rank)
    sports = set().union(*(s.need.sports for s in slots))
    per_week = max(s.need.per_week for s in slots)
    if lead.kind == "warm-up":
        # A warm-up belongs to the sport, not to a corecoach day: it goes before every
        # session it serves, also on days corecoach may not use (a short pre-sport item).
        days = [d for d in DAYS if warm_up_sport(week.sessions[d], sports)]
        return Unit(slots, len(days), days, set(days), split_block=split_block)
    candidates = list(week.available)
    if week.rest_day in candidates and len(candidates) > 1 and any(
            s.first.category not in REST_DAY_CATEGORIES for s in slots):
        candidates.remove(week.rest_day)
    if week.easy_day in candidates and len(candidates) > 1 \
            and any(s.first.category in STRENGTH for s in slots):
        candidates.remove(week.easy_day)
    prefer: set[Day] = set()
    if lead.kind == "stretch":
        prefer = {d for d in candidates
                  if any(not sports or s.sport in sports for s in week.sessions[d])}
    return Unit(slots, min(per_week, len(candidates)), candidates, prefer,
                split_block=split_block)


def schedule(units: list[Unit], week: Week) -> None:
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
    # And at the entry doses only, the hinge's room to grow left out: what breathing (when
    # stress asks for it) and the cat-camel may use when a short day has no other room.
    bare: dict[Day, float] = {d: 0.0 for d in DAYS}
    loaded_days: list[Day] = []

    def place(unit: Unit, at_entry: bool, growth_room: bool = False) -> bool:
        if unit.lead.kind == "warm-up":
            # A warm-up is part of the sport's time, not of the corecoach session: it goes
            # before every session it serves, however full the day's session is.
            day = _best_day(unit, 0.0, NOTHING, week, loaded_days)
            if day is None:
                return False
            unit.days.append(day)
            return True
        day = None
        if unit.lead.kind == "stretch" and unit.prefer:
            # Post-run stretches land after runs: the sport's days first, even where only
            # the entry dose fits (the dose then grows as far as that day allows).
            day = _best_day(unit, unit.minutes(planning=True), planned, week, loaded_days,
                            only=unit.prefer) or \
                _best_day(unit, unit.minutes(planning=False), entry, week, loaded_days,
                          only=unit.prefer)
        if day is None:
            day = _best_day(unit, unit.minutes(planning=True), planned, week, loaded_days)
        if day is None and at_entry:
            day = _best_day(unit, unit.minutes(planning=False), entry, week, loaded_days)
        if day is None and growth_room:
            day = _best_day(unit, unit.minutes(planning=False), bare, week, loaded_days)
        if day is None:
            return False
        unit.days.append(day)
        planned[day] += unit.minutes(planning=True)
        bare[day] += unit.minutes(planning=False)
        # The hinge keeps its room to grow on each of its days: nothing placed later at its
        # entry dose takes it, so the good morning is never held by a full day.
        entry[day] += unit.minutes(planning=unit.protected == 0)
        if unit.loaded and loaded_ok(day, week, loaded_days):
            loaded_days.append(day)
        return True

    # First the brief's priorities, each up to its minimum: the hinge, breathing where stress
    # calls for it, walks in a flare, the Big 3 together, the warm-ups before sport. These
    # may use the room kept for growth; everything else keeps it free.
    for unit in sorted(units, key=lambda u: (u.protected, u.rank)):
        # Breathing and spine mobility (protected 1 and 4), a few minutes at most, may take
        # the hinge's room to grow up to their minimum days.
        while len(unit.days) < unit.minimum and place(
                unit, at_entry=True, growth_room=unit.protected in (1, 4)):
            pass
        if len(unit.slots) > 1 and not unit.days:
            # The block found no day with room for all of it: its members go one by one.
            units.remove(unit)
            for slot in unit.slots:
                single = Unit([slot], unit.wanted, unit.candidates, unit.prefer,
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
    # Coverage: the room kept for growing doses (the hinge's too) never costs a unit its
    # only session.
    for unit in sorted(units, key=lambda u: (u.protected, u.rank)):
        if not unit.days and unit.wanted and place(unit, at_entry=True):
            unit.missed -= 1
    for unit in units:
        unit.days.sort(key=DAY_INDEX.__getitem__)


#: The ledger of a warm-up: it takes nothing from the day's corecoach session.
NOTHING: Mapping[Day, float] = dict.fromkeys(DAYS, 0.0)


def loaded_ok(day: Day, week: Week, loaded_days: Iterable[Day]) -> bool:
    """Loaded work: not on a long-run day or the day before, and 48 h from other loading."""
    if not _clear_of_long_runs(day, week.long_runs):
        return False
    return all(DAY_GAP[day, d] >= 2 for d in loaded_days)


def _clear_of_long_runs(day: Day, long_runs: set[Day] | frozenset[Day]) -> bool:
    """Neither a long-run day nor the day before one."""
    return day not in long_runs and NEXT_DAY[day] not in long_runs


def _best_day(unit: Unit, minutes: float, used: Mapping[Day, float], week: Week,
              loaded_days: Sequence[Day], only: set[Day] | None = None) -> Day | None:
    """The best free day for one more session of ``unit`` (among ``only`` when given), or
    None when none fits."""
    options = []
    # Read once: the scheduler asks this for every unit, round and ledger.
    placed, spreads, prefer, is_loaded = unit.days, unit.spreads, unit.prefer, unit.loaded
    limit = week.budget + 1e-9
    for day in unit.candidates:
        if only is not None and day not in only:
            continue
        if day in placed or used[day] + minutes > limit:
            continue
        # Most units have none or one day yet: no list to build.
        spread = (7 if not placed else DAY_GAP[day, placed[0]] if len(placed) == 1
                  else min(DAY_GAP[day, d] for d in placed))
        # Harder work is never on consecutive days: a near day only when nothing else fits.
        too_near = 1 if spreads and spread < 2 else 0
        prefers = 0 if (not prefer or day in prefer) else 1
        loaded = 0 if not is_loaded or loaded_ok(day, week, loaded_days) else 1
        # Loaded hinges go on days without sport where there are any (not next to a run,
        # a class or the main lifts of a gym day).
        busy = 1 if is_loaded and week.sessions[day] else 0
        options.append((too_near, loaded, prefers, busy, -spread, used[day], DAY_INDEX[day], day))
    return min(options)[-1] if options else None


def _spread_subset(days: Sequence[Day], week: Week) -> frozenset[Day]:
    """Up to three of ``days``, no two consecutive (round the week), away from long runs."""
    return _spread_of(tuple(days), frozenset(week.long_runs))


@lru_cache(maxsize=1024)  # a week asks for few day sets, and every week asks again
def _spread_of(days: tuple[Day, ...], long_runs: frozenset[Day]) -> frozenset[Day]:
    best: tuple[int, int, tuple[int, ...]] | None = None
    chosen: tuple[Day, ...] = ()
    for size in range(min(SPREAD_MAX_DAYS, len(days)), 0, -1):
        for combo in combinations(days, size):
            if any(DAY_GAP[a, b] < 2 for a, b in combinations(combo, 2)):
                continue
            clear = sum(1 for d in combo if _clear_of_long_runs(d, long_runs))
            key = (size, clear, tuple(-DAY_INDEX[d] for d in combo))
            if best is None or key > best:
                best, chosen = key, combo
        if best is not None:
            break
    return frozenset(chosen)


def assign_spacing(units: list[Unit], week: Week) -> None:
    """Give each unit's slots their days, and the days their harder work (up to three, no
    two in a row) and loaded work (48 h apart, away from long runs) may go on."""
    granted: list[Day] = []
    for unit in units:
        spread = _spread_subset(unit.days, week)
        loaded: list[Day] = []
        if unit.loaded:
            for day in sorted(spread, key=DAY_INDEX.__getitem__):
                if loaded_ok(day, week, granted + loaded):
                    loaded.append(day)
            granted += loaded
        for slot in unit.slots:
            slot.days = list(unit.days)
            slot.wanted = unit.wanted
            slot.spread_days = spread
            slot.loaded_days = frozenset(loaded)
