"""A program: its template, each week's doses fitted to time, and the assembled Plan."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from operator import itemgetter

from corecoach import __version__
from corecoach.days import DAY_INDEX, DAY_NAMES, DAYS
from corecoach.library.catalog import Catalog
from corecoach.library.models import Exercise, Rule
from corecoach.plan import Decision, LeftOut, Plan, PlanDay, PlanItem, RuleRef, Session
from corecoach.planner.doses import Resolver
from corecoach.planner.limits import (
    BONE_JOINT,
    CATEGORY_ORDER,
    FLARE_MINUTES,
    HINGE_CHAIN,
    ONE_DAY,
    PLANNING_WEEK,
    REASSESS,
    STAY_ACTIVE,
    STRENGTH,
    STRETCH_SHARE,
    WEEKLY_GROWTH,
)
from corecoach.planner.needs import Wants
from corecoach.planner.rest import REST_DAY_CATEGORIES, rest_day, rest_note
from corecoach.planner.slots import Placed, Slot, is_good_morning
from corecoach.planner.template import (
    Week,
    assign_spacing,
    easy_day,
    long_run_days,
    make_units,
    schedule,
    warm_up_sport,
    weekly_sessions,
)
from corecoach.planner.trade import trade_note
from corecoach.planner.words import hinge_note
from corecoach.profile import Profile
from corecoach.progression import (
    Progress,
    advances_before,
    is_deload,
)
from corecoach.safety import DISCLAIMER, bone_joint_only
from corecoach.vocab import Day

#: A slot on one of its days: doses are fitted day by day.
Key = tuple[Slot, Day]


@dataclass(eq=False, repr=False)  # never compared or printed (see planner.slots.Need)
class Fitted:
    """One week's position per slot, and which slots the day's time held back."""

    advances: dict[Key, int]  # per slot and day: a full day keeps the largest rung that fits
    deload: bool
    held: set[Slot] = field(default_factory=set)
    #: Journal work the weekly growth cap holds back this week.
    grown: set[Slot] = field(default_factory=set)
    #: A week that repeats the last because every next dose would grow the week by more
    #: than WEEKLY_GROWTH: the work it holds (a short week has little room to grow).
    stalled: set[Slot] = field(default_factory=set)


class Program:
    """The template of a program, and its weeks fitted one after another."""

    def __init__(self, profile: Profile, catalog: Catalog, facts: dict[str, object],
                 fired: list[Rule], wants: Wants, slots: list[Slot],
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
        self.resolve = Resolver(self.budget, max(
            (r.stretch_seconds for r in fired if r.stretch_seconds), default=0))
        sessions = weekly_sessions(profile)
        rest = rest_day(profile, sessions, self.flare)
        easy = easy_day(profile, sessions, self.flare)
        self.week_info = Week(sessions, list(profile.available_days), float(self.budget),
                               long_run_days(profile), None if easy == rest else easy, rest)
        planning = 0 if self.flare else advances_before(min(PLANNING_WEEK, profile.weeks))
        long_runs = bool(self.week_info.long_runs)
        for slot in slots:
            slot.entry_minutes = self.resolve.most_minutes(slot, 0, long_runs)
            slot.plan_minutes = max(slot.entry_minutes,
                                    self.resolve.most_minutes(slot, planning, long_runs))
        self.units = make_units(slots, wants, self.week_info)
        schedule(self.units, self.week_info)
        assign_spacing(self.units, self.week_info)
        self.slots = sorted((s for u in self.units for s in u.slots), key=lambda s: s.rank)
        # Doses grow in this order when time is short: the good morning first (the seed
        # thread's "starting really light" must reach the good morning), then by rank.
        self.raise_order = sorted(self.slots, key=lambda s: (not is_good_morning(s), s.rank))
        # The fitting asks about these on every trial: found once (in the slots' order, the
        # order of every layout, so the sums add up exactly as over the whole layout).
        self._strength = any(s.first.category in STRENGTH for s in self.slots)
        self._stretches = [s for s in self.slots if s.kind == "stretch"]
        self._warm_up_slots = [s for s in self.slots if s.kind == "warm-up"]
        self._settle_template()
        self._weeks: list[Fitted] = []

    def _settle_template(self) -> None:
        """Week 1 as resolved (easier fallbacks on spaced days included) must fit every day:
        where it does not, the lowest-ranked work leaves that day of the template. Then
        static stretching is trimmed to its share of the week when strength work is wanted
        (brief 1.1, 3.3: strength work does far more for backs than stretching)."""
        layout = self._layout({(s, d): 0 for s in self.slots for d in s.days}, False)
        totals = self._totals(layout, session=True)
        # The lowest-ranked work leaves first, but the brief's priorities that the template
        # placed first (the good morning, breathing, walks) leave last. Warm-ups never
        # leave: they are part of the sport's time, not of the session.
        leaving = sorted((s for s in reversed(self.slots) if s.kind != "warm-up"),
                         key=lambda s: (is_good_morning(s)
                                        or s.first.category in ("breathing", "activity")))
        for day in DAYS:
            # Extra days of other work go first; an only day last, and then it is left out.
            for only in (False, True):
                for slot in leaving:
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
            # A stretch keeps the days of the sport it serves (post-run stretches after runs).
            day = max(layout[slot], key=lambda d: (not self._serves(slot, d), DAY_INDEX[d]))
            slot.days.remove(day)
            del layout[slot][day]
            if not slot.days:
                slot.left_out_because = (
                    f"static stretching is kept under {STRETCH_SHARE:.0%} of the week so that "
                    "strength work comes first")

    def _serves(self, slot: Slot, day: Day) -> bool:
        """Is one of ``day``'s sessions a sport that ``slot`` was asked for?"""
        return any(s.sport in slot.need.sports for s in self.week_info.sessions[day])

    # -- fitting

    def _layout(self, advances: Mapping[Key, int], deload: bool
                ) -> dict[Slot, dict[Day, Placed]]:
        out: dict[Slot, dict[Day, Placed]] = {}
        for slot in self.slots:
            placed = {}
            for day in slot.days:
                p = self.resolve(slot, advances[slot, day], day, deload)
                if p is not None:
                    placed[day] = p
            out[slot] = placed
        return out

    @staticmethod
    def _totals(layout: Mapping[Slot, dict[Day, Placed]], session: bool = False
                ) -> dict[Day, float]:
        """Each day's minutes: all of them, or (``session``) the corecoach session's only,
        without the warm-ups before sport (they are part of the sport's time)."""
        totals = {d: 0.0 for d in DAYS}
        for slot, placed in layout.items():
            if session and slot.kind == "warm-up":
                continue
            for day, p in placed.items():
                totals[day] += p.minutes
        return totals

    def _stretch_ok(self, layout: Mapping[Slot, dict[Day, Placed]],
                    totals: Mapping[Day, float] | None = None) -> bool:
        """Stretching within its share of the week's minutes (when there is strength work);
        ``totals``, the layout's minutes by day when the caller keeps them, saves adding up
        the whole layout again."""
        if not self._strength:
            return True
        stretch = sum(p.minutes for s in self._stretches for p in layout[s].values())
        total = sum(totals.values()) if totals is not None else \
            sum(p.minutes for pl in layout.values() for p in pl.values())
        return stretch <= STRETCH_SHARE * total + 1e-9

    def _raise(self, advances: dict[Key, int], targets: Mapping[Key, int],
               weekly_cap: float | None, held: set[Slot],
               settled: frozenset[Key] = frozenset(),
               over_cap: set[Slot] | None = None) -> None:
        """Move each slot toward its target one rung at a time, the good morning first and
        then the most important work, while every day stays within the budget, the week
        within ``weekly_cap`` and stretching within its share (``over_cap`` collects the
        slots the weekly cap alone held).

        A slot moves on all its days at once, so an exercise carries one dose all week
        (coaching review 2, G25): when the next rung does not fit on one of its days, the
        next step's first rung is tried instead (progress the variation, not the volume),
        and otherwise the slot holds for the week.
        """
        layout = self._layout(advances, False)
        totals = self._totals(layout)
        moved = True
        while moved:
            moved = False
            for slot in self.raise_order:
                keys = [(slot, day) for day in slot.days]
                if not keys:
                    continue
                now = min(advances[k] for k in keys)
                goal = min(targets[k] for k in keys)
                if now >= goal:
                    continue
                if self.resolve.position_key(slot, now + 1) == \
                        self.resolve.position_key(slot, now):
                    for k in keys:  # at the top: nothing left to climb
                        advances[k] = max(advances[k], targets[k])
                    continue
                tried = self._try(slot, now + 1, layout, totals)
                if tried is None:
                    # Under a time cap, progress the variation, not the volume: the next
                    # step's first rung replaces this one when every day still fits.
                    jump = self._next_step(slot, now, all(k in settled for k in keys))
                    tried = None if jump is None else self._try(slot, jump, layout, totals)
                    if tried is None:
                        held.add(slot)
                        continue
                step_to, placed, new_totals = tried
                if weekly_cap is not None and _week_minutes(new_totals) > weekly_cap + 1e-9:
                    if over_cap is not None:
                        over_cap.add(slot)
                    continue
                new_layout = {**layout, slot: placed}
                if not self._stretch_ok(new_layout, new_totals):
                    if slot.kind == "stretch":
                        continue
                    # Strength moving onto an easier-looking next step can shrink the
                    # week; stretching then gives way, never the strength work.
                    eased = self._ease_stretching(advances, new_layout, new_totals)
                    if eased is None:
                        continue
                    new_layout, new_totals = eased
                for k in keys:
                    advances[k] = step_to
                layout, totals = new_layout, new_totals
                moved = True

    def _try(self, slot: Slot, advances: int, layout: Mapping[Slot, dict[Day, Placed]],
             totals: Mapping[Day, float],
             ) -> tuple[int, dict[Day, Placed], dict[Day, float]] | None:
        """``slot`` at ``advances`` on every one of its days: the placements and the new
        day totals, or None when a day would run over the session time."""
        placed: dict[Day, Placed] = {}
        new_totals = dict(totals)
        for day in slot.days:
            trial = self.resolve(slot, advances, day, False)
            old = layout[slot].get(day)
            new_totals[day] += (trial.minutes if trial else 0.0) - \
                (old.minutes if old else 0.0)
            # The session must fit; a warm-up before sport is not part of it.
            if slot.kind != "warm-up" and new_totals[day] - self._warm_ups(layout, day) \
                    > self.budget + 1e-9:
                return None
            if trial is not None:
                placed[day] = trial
        return advances, placed, new_totals

    def _warm_ups(self, layout: Mapping[Slot, dict[Day, Placed]], day: Day) -> float:
        """The minutes of ``day``'s warm-ups before sport."""
        return sum(p.minutes for s in self._warm_up_slots
                   for p in (layout[s].get(day),) if p is not None)

    def _next_step(self, slot: Slot, advances: int, settled: bool) -> int | None:
        """The advances of the next chain step's first rung, when the person has climbed
        past the entry rung of this step or held it for two progressive weeks
        (``settled``), and that step may go on at least one of the slot's days."""
        if slot.chain is None:
            return None
        step, rung, _ = self.resolve.position_key(slot, advances)
        if (rung == 0 and not settled) or step + 1 >= len(slot.steps):
            return None
        jump = advances + len(slot.steps[step].ladder) - rung
        if self.resolve.position_key(slot, jump)[:2] != (step + 1, 0):
            return None
        if not any((p := self.resolve(slot, jump, day, False)) is not None
                   and p.ex is slot.steps[step + 1] for day in slot.days):
            return None
        return jump

    def _ease_stretching(
        self, advances: dict[Key, int], layout: dict[Slot, dict[Day, Placed]],
        totals: dict[Day, float],
    ) -> tuple[dict[Slot, dict[Day, Placed]], dict[Day, float]] | None:
        """Step stretches back a rung at a time, lowest ranked first, until stretching is
        within its share; None (and nothing changed) when that cannot be done."""
        trial_advances = dict(advances)
        layout, totals = dict(layout), dict(totals)
        for slot in reversed(self.slots):
            if slot.kind != "stretch":
                continue
            keys = [(slot, day) for day in slot.days]
            # A stretch steps back on all its days at once: one dose a week (G25).
            while keys and max(trial_advances[k] for k in keys) > 0 \
                    and not self._stretch_ok(layout):
                placed = dict(layout[slot])
                for key in keys:
                    day = key[1]
                    trial_advances[key] = max(0, trial_advances[key] - 1)
                    old = placed.pop(day, None)
                    new = self.resolve(slot, trial_advances[key], day, False)
                    if new is not None:
                        placed[day] = new
                    totals[day] += (new.minutes if new else 0.0) - (old.minutes if old else 0.0)
                layout[slot] = placed
        if not self._stretch_ok(layout):
            return None
        advances.update(trial_advances)
        return layout, totals

    def fitted(self, week: int) -> Fitted:
        """The positions of program week ``week``, fitted from week 1 onwards."""
        while len(self._weeks) < week:
            n = len(self._weeks) + 1
            if n == 1:
                self._weeks.append(Fitted({(s, d): 0 for s in self.slots for d in s.days},
                                          deload=False))
                continue
            last = self._weeks[-1]
            if self.flare:  # a flat plan: no week longer than week 1
                self._weeks.append(Fitted(dict(last.advances), deload=False))
                continue
            if self._deload(n):
                self._weeks.append(Fitted(dict(last.advances), deload=True))
                continue
            steady = [f for f in self._weeks if not f.deload]
            base = steady[-1]
            advances = dict(base.advances)
            # Doses held for two progressive weeks in a row may move to the next step.
            settled = frozenset(k for k, a in advances.items()
                                if len(steady) > 1 and steady[-2].advances[k] == a)
            base_total = _week_minutes(self._totals(self._layout(advances, False)))
            held: set[Slot] = set()
            over_cap: set[Slot] = set()
            self._raise(advances, {k: a + 1 for k, a in advances.items()},
                        WEEKLY_GROWTH * base_total, held, settled, over_cap)
            # Nothing moved (a slot at its top counts on, but its dose stays) only because
            # the week may not grow: the plan must say why.
            same = over_cap and self._layout(advances, False) == self._layout(base.advances, False)
            stalled = over_cap if same else set()
            self._weeks.append(Fitted(advances, deload=False, held=held, stalled=stalled))
        return self._weeks[week - 1]

    def _deload(self, week: int) -> bool:
        """Is program week ``week`` a lighter one (never week 1, never in a flat flare plan)?"""
        return week > 1 and not self.flare and is_deload(week)

    def with_journal(self, week: int, progress: Progress) -> tuple[Fitted, set[Slot]]:
        """Week ``week`` with the journal's positions, capped by the day's time."""
        journal = {s for s in self.slots if s.need.id in progress.chains}
        # A maintenance dose climbs back to where each chain ended from its own calendar
        # (whose time-held steps move on to the next variation), never from the entry.
        maintaining = bool(self.facts.get("maintaining"))
        if maintaining or len(journal) < len(self.slots):
            calendar = self.fitted(week)
            advances, deload = dict(calendar.advances), calendar.deload
        else:
            # Every slot climbs from its entry to the journal's position: the calendar's
            # positions would all be replaced, so its weeks are not fitted (a person far up
            # the chains saves most: every calendar week climbs too).
            advances = {(s, d): 0 for s in self.slots for d in s.days}
            deload = self._deload(week)
        targets = dict(advances)
        for slot in journal:
            for day in slot.days:
                target = progress.chains[slot.need.id].advances
                advances[slot, day] = min(advances[slot, day], target) if maintaining else 0
                targets[slot, day] = target
        held: set[Slot] = set()
        start = dict(advances)
        self._raise(advances, targets, None, held)
        capped = {s for s in journal if any(advances[s, d] < targets[s, d] for d in s.days)}
        grown: set[Slot] = set()
        cap = progress.max_minutes
        if cap is not None and not deload and not self.flare \
                and _week_minutes(self._totals(self._layout(advances, False))) > cap + 1e-9:
            # The week grows at most WEEKLY_GROWTH over the last steady week the journal
            # planned: first back to where each chain stood then, then on within the cap.
            floor = progress.floor or {}
            uncapped = advances
            advances = dict(start)
            floors = {(s, d): min(targets[s, d], floor.get(s.need.id, 0))
                      for s in journal for d in s.days}
            self._raise(advances, {**targets, **floors}, None, set())
            self._raise(advances, targets, cap, set())
            grown = {s for s in journal if any(advances[s, d] < uncapped[s, d] for d in s.days)}
            capped -= grown
        # Every fourth program week stays lighter with a journal too (docs/progression.md).
        return Fitted(advances, deload=deload, grown=grown), capped

    def level(self, fitted: Fitted, slot: Slot) -> int:
        """How far ``slot`` has climbed this week (its furthest day)."""
        return max((fitted.advances[slot, d] for d in slot.days), default=0)

    # -- assembling

    def plan(self, week: int, progress: Progress | None, *,
             from_journal: bool = False) -> tuple[Plan, list[Decision]]:
        """Week ``week``'s plan and the decision behind each need: fitted by the calendar,
        or from the journal's ``progress``. ``from_journal`` only changes the alerts: with a
        journal a flare's own days are counted (corecoach.adapt), so the calendar's
        "reassess after N weeks" is left out."""
        if progress is not None and progress.chains:
            fitted, capped = self.with_journal(week, progress)
        else:
            fitted, capped = self.fitted(week), set()
        layout = self._layout(fitted.advances, fitted.deload)
        days = self._days(week, layout)
        # Each week its own copies: a plan is a value, sharing no list with another week.
        left_out = [replace(x, rules=list(x.rules)) for x in self.left_out]
        decisions = list(self.decisions)
        present: set[str] = set()
        for slot in self.slots:
            placed = layout[slot]
            if placed:
                present.add(slot.need.id)
                short = self._short_of_days(slot, placed)
                if short is not None:
                    left_out.append(short)
            elif not slot.days:
                left_out.append(LeftOut(id=slot.need.id, rules=list(slot.need.rules),
                                        because=self._no_room(slot)))
            else:
                left_out.append(LeftOut(
                    id=slot.need.id, rules=list(slot.need.rules),
                    because="its step this week has no suitable day (spacing of harder "
                    "or loaded work)"))
            decisions.append(self._decision(slot, placed))
        rules, notes = self._reasons(present, left_out)
        hinge = hinge_note(self.slots, {s: list(p.values()) for s, p in layout.items()})
        if hinge:
            notes.insert(0, hinge)
        notes += self._progress_notes(fitted, capped, layout)
        plan = Plan(
            corecoach=__version__, name=self.profile.name, week=week,
            weeks=self.profile.weeks, deload=fitted.deload, start=self.profile.start,
            alerts=self._alerts(week, journal=from_journal), days=days, rules=rules,
            left_out=left_out,
            notes=notes, disclaimer=DISCLAIMER, session_minutes=self.budget,
        )
        return plan, decisions

    def _short_of_days(self, slot: Slot, placed: Mapping[Day, Placed]) -> LeftOut | None:
        """The hinge on fewer days than its rules ask for (brief 4.1: 2-3 days a week to
        learn it): the missing days, listed in left_out with why (coaching review 2, G27)."""
        wanted = slot.need.per_week
        if slot.chain != HINGE_CHAIN or len(placed) >= wanted:
            return None
        usable = [d for d in self.profile.available_days if d != self.week_info.rest_day]
        if len(usable) < wanted:
            why = (f"corecoach may use {len(usable)} day{'s' if len(usable) > 1 else ''} a "
                   "week (available_days)")
        else:
            why = (f"no room for another day in a {self.budget}-minute session next to "
                   "the other work of your days")
        return LeftOut(id=slot.need.id, rules=list(slot.need.rules),
                       because=f"on {len(placed)} of the {wanted} days a week asked for: {why}")

    def _no_room(self, slot: Slot) -> str:
        if slot.left_out_because:
            return slot.left_out_because
        if slot.kind == "warm-up":
            return "none of your sport days is a day corecoach may use"
        return (f"no room in a {self.budget}-minute session next to higher-priority work "
                f"(its first dose takes {slot.entry_minutes:g} min)")

    def _decision(self, slot: Slot, placed: Mapping[Day, Placed]) -> Decision:
        days = sorted(placed, key=DAY_INDEX.__getitem__)
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
                        status="scheduled" if days else "trimmed", rules=list(slot.need.rules),
                        days=days, detail=detail)

    def _days(self, week: int, layout: Mapping[Slot, dict[Day, Placed]]) -> list[PlanDay]:
        import datetime as dt

        sessions = self.week_info.sessions
        cautions: dict[str, str] = {}  # an exercise's stop rule, found once a week
        # Each slot's own days, in slot order (the order ties keep within a day).
        by_day: dict[Day, list[tuple[tuple[int, int, int, str], PlanItem]]] = {
            d: [] for d in DAYS}
        for slot in self.slots:
            rules, chain, weight = slot.need.rules, slot.chain, -slot.need.weight
            for day, p in layout[slot].items():
                ex, dose = p.ex, p.dose
                timing = _timing(slot, ex, sessions[day])
                group = TIMING_GROUP.get(timing.partition(" ")[0], 2) if timing else 2
                caution = cautions.get(ex.id)
                if caution is None:
                    caution = cautions[ex.id] = main_caution(ex)
                reps = dose.reps
                item = PlanItem(
                    exercise=ex.id, name=ex.name, category=ex.category,
                    level=ex.level, sets=dose.sets,
                    reps=list(reps) if isinstance(reps, tuple) else reps,
                    seconds=dose.seconds, per_side=ex.per_side, load_kg=p.load,
                    minutes=p.minutes, timing=timing, cue=ex.cues[0],
                    caution=caution,
                    equipment=list(ex.equipment), loaded=ex.loaded, chain=chain,
                    step=(slot.chain_index[ex.id] + 1) if chain else None,
                    rung=p.rung + 1, rungs=len(ex.ladder), rules=list(rules),
                )
                key = (group, CATEGORY_ORDER[ex.category], weight, ex.id)
                by_day[day].append((key, item))
        out: list[PlanDay] = []
        start = self.profile.start
        for i, day in enumerate(DAYS):
            items = by_day[day]
            items.sort(key=itemgetter(0))
            ordered = [item for _, item in items]
            date = start + dt.timedelta(days=7 * (week - 1) + i) if start else None
            out.append(PlanDay(
                day=day, date=date, activities=[s.sport for s in sessions[day]],
                sessions=list(sessions[day]),
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
            sport = max(self.week_info.sessions[day], key=lambda s: s.minutes).label
            notes.append(f"{DAY_NAMES[day]} is your easy day: no corecoach strength work "
                         f"next to your {sport}.")
        if len(self.profile.available_days) < 2:
            notes.append(ONE_DAY)
        rest = self.week_info.rest_day
        if rest is not None:
            breathing = any(rest in s.days and s.first.category in REST_DAY_CATEGORIES
                            for s in self.slots)
            notes.append(rest_note(rest, self.week_info.sessions[rest], breathing))
        return rules, notes

    def _progress_notes(self, fitted: Fitted, capped: set[Slot],
                        layout: Mapping[Slot, dict[Day, Placed]]) -> list[str]:
        """Plateaus and time limits, each said once, with what unlocks the next step."""
        notes: list[str] = []
        if self.flare:
            return notes
        held = sorted({*fitted.held, *capped}, key=lambda s: s.rank)
        names = [self._label(s, layout) for s in held if layout[s]]
        if names:
            trade = trade_note(held, self.slots, layout, fitted.advances, self.resolve,
                               self.budget)
            notes.append(
                f"Your {self.budget}-minute sessions are full, so these stay at this dose: "
                f"{'; '.join(names)}. "
                + (trade or "A longer session_minutes lets them move on."))
        stalled = [self._label(s, layout) for s in sorted(fitted.stalled - set(held),
                                                           key=lambda s: s.rank) if layout[s]]
        if stalled:
            notes.append(
                f"This week repeats the last: the week's minutes grow by at most "
                f"{WEEKLY_GROWTH - 1:.0%}, and the next dose of each of these would add more "
                f"than that to this week's {_week_minutes(self._totals(layout))} minutes: "
                f"{'; '.join(stalled)}. A longer session_minutes or more available_days "
                "give the week room to grow.")
        grown = [self._label(s, layout) for s in sorted(fitted.grown, key=lambda s: s.rank)
                 if layout[s]]
        if grown:
            notes.append(
                f"The week grows by at most {WEEKLY_GROWTH - 1:.0%} in minutes over your "
                f"last full week, so these move on next week: {'; '.join(grown)}.")
        for slot in self.slots:
            level = self.level(fitted, slot)
            at = self.resolve.position_key(slot, level)
            loaded = slot.steps[at[0]]
            if loaded.loaded and layout[slot] and not slot.loaded_days:
                placed = next(iter(layout[slot].values())).ex
                notes.append(f"{loaded.name} needs a day clear of long runs (not a long-run "
                             f"day or the day before): none of your days is, so you do "
                             f"{placed.name.lower()} instead.")
            if not slot.chain or not slot.blocked_above or not layout[slot]:
                continue
            if self.resolve.position_key(slot, level + 1) != at:
                continue
            nxt, blocked = slot.blocked_above[0]
            notes.append(f"{self.catalog.chains[slot.chain].name}: you have reached the top "
                         f"of what you can do now ({slot.steps[-1].name}). The next step, "
                         f"{nxt.name}, {blocked.opening}.")
        return notes

    @staticmethod
    def _label(slot: Slot, layout: Mapping[Slot, dict[Day, Placed]]) -> str:
        return next(iter(layout[slot].values())).ex.name

    def _alerts(self, week: int, journal: bool = False) -> list[str]:
        alerts: list[str] = []
        if bone_joint_only(self.profile):
            alerts.append(BONE_JOINT)
        # With a journal the flare's own days are counted (corecoach.adapt), not weeks.
        if self.flare and week >= 3 and not journal:
            alerts.append(REASSESS.format(weeks=week - 1))
        alerts += [a for rule in self.fired for a in rule.alerts if a not in alerts]
        return alerts


#: Items before a sport come first in a day, then those after it, then the rest.
TIMING_GROUP = {"before": 0, "after": 1}


def main_caution(ex: Exercise) -> str:
    """The exercise's stop rule: its first caution that applies to everyone (one with a
    ``when`` excludes the exercise for the people it applies to, so it is never shown)."""
    return next((c.text for c in ex.cautions if c.when is None), "")


def _week_minutes(totals: Mapping[Day, float]) -> int:
    """Weekly minutes as the plan shows them: each day rounded up."""
    return sum(math.ceil(round(t, 1)) for t in totals.values())


def _timing(slot: Slot, ex: Exercise, sessions: Sequence[Session]) -> str | None:
    """When an item goes on a sport day: before or after a named sport, or separately."""
    if not sessions:
        return None
    served = [s for s in sessions if s.sport in slot.need.sports]
    if ex.timing == "before-activity":
        warm = warm_up_sport(served or sessions, slot.need.sports if served else set())
        if warm is not None:
            return f"before {warm.label}"
    if ex.timing == "after-activity":
        after = max(served or sessions, key=lambda s: s.minutes)
        return f"after {after.label}"
    # Trunk endurance, hinges and breathing never go right before a run or a class: the
    # trunk should not be tired for the sport (brief 6.1); breathing closes its own session.
    return "separately"
