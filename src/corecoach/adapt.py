"""History -> Progress: replay the journal through the ``[[adapt]]`` rules.

Every corecoach session is judged once, at the next session (or today), by the first rule
that matches what the journal knew by then (routines/adapt/). The decisions move a count of
rungs climbed from each chain's entry; it never goes below the entry, never past where the
calendar would be, and the last decision (with its reason) is what the plan shows. The
journal logs whole sessions, so a session counts for every chain in the plan.

Pure: the history, the rules and ``today`` in; the same Adaptation out. No clock, no I/O.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from corecoach.journal.entry import Entry
from corecoach.journal.facts import JOURNAL_FACTS
from corecoach.journal.history import History, monday
from corecoach.library.loader import CompiledAdapt
from corecoach.progression import ChainProgress, Progress, advances_before

#: A program week counts as done when this many sessions were done in full or in part.
SESSIONS_FOR_A_WEEK = 2
CLEAN_PAIN = 2
#: A morning counts as no worse up to one point above the pain before the session: one point
#: is rating noise (a design default of the journal brief, to be tuned with real logs).
SETTLE_TOLERANCE = 1
_FACT_NAMES = tuple(f.name for f in JOURNAL_FACTS)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class Judgement:
    """The decision on one session: which rule, what it did, and why."""

    session: Entry | None
    on: dt.date
    matched: CompiledAdapt
    facts: Mapping[str, object]
    leg: Entry | None
    move: int

    @property
    def rule(self) -> str:
        """The id of the rule that decided."""
        return self.matched.rule.id

    @property
    def decision(self) -> str:
        """progress, repeat, back, step-back, flare or hold."""
        return self.matched.rule.decision

    @property
    def alert(self) -> str | None:
        """What the person must read first, if the rule says anything."""
        return self.matched.rule.alert

    @property
    def because(self) -> str:
        """The rule's reason with the facts filled in (made only when asked for)."""
        return _format(self.matched, self.facts, self.session, self.leg)


@dataclass(frozen=True)
class Adaptation:
    """What the journal says for a profile today."""

    progress: Progress
    last: Judgement | None
    judgements: tuple[Judgement, ...]
    origin: dt.date  # Monday of week 1 of the first round
    calendar_week: int  # uncapped: may lie past the program's end
    program_week: int  # uncapped: 1 + weeks completed in the journal
    alerts: tuple[str, ...]


class _Checkins:
    """Check-ins by date, for quick "the morning after" and "the last one before" lookups."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.entries = [e for e in entries if e.kind == "check-in" and e.pain is not None]
        self.days = [e.date.toordinal() for e in self.entries]  # ints bisect fastest
        self.first_on: dict[dt.date, Entry] = {}
        # Running totals, so the mean over any stretch of days is two lookups.
        self.totals = [0]
        for e in self.entries:
            self.first_on.setdefault(e.date, e)
            self.totals.append(self.totals[-1] + (e.pain or 0))
        self._rising: dict[dt.date, int] = {}

    def last_on_or_before(self, day: dt.date) -> Entry | None:
        i = bisect.bisect_right(self.days, day.toordinal())
        return self.entries[i - 1] if i else None

    def mean(self, first: int, last: int) -> float | None:
        """Mean pain of the check-ins from day ``first`` to ``last`` (ordinals, inclusive)."""
        lo = bisect.bisect_left(self.days, first)
        hi = bisect.bisect_right(self.days, last)
        return (self.totals[hi] - self.totals[lo]) / (hi - lo) if hi > lo else None

    def rising_weeks(self, day: dt.date) -> int:
        """0-2: how many weeks in a row the mean morning pain rose, looking back from ``day``."""
        if day not in self._rising:
            end = day.toordinal()
            means = [self.mean(end - 7 * (n + 1) + 1, end - 7 * n) for n in range(3)]
            rising = 0
            for newer, older in ((means[0], means[1]), (means[1], means[2])):
                if newer is None or older is None or newer <= older:
                    break
                rising += 1
            self._rising[day] = rising
        return self._rising[day]


class _LegSymptoms:
    """Leg symptoms still unresolved on a day: logged, and no later check-in records none.

    Days must be asked in order (the replay walks forward), so the scan is linear overall.
    """

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.entries = entries
        self.next = 0
        self.open_since: Entry | None = None

    def on(self, day: dt.date) -> Entry | None:
        while self.next < len(self.entries) and self.entries[self.next].date <= day:
            e = self.entries[self.next]
            if e.leg_symptoms:
                self.open_since = self.open_since or e
            elif e.kind == "check-in" and e.leg_symptoms is False:
                self.open_since = None
            self.next += 1
        return self.open_since


def _format(rule: CompiledAdapt, facts: Mapping[str, object], session: Entry | None,
            leg: Entry | None) -> str:
    # -1 stands for "not logged" in the facts; say so in words.
    words = {k: "none logged" if v == -1 and not isinstance(v, bool) else str(v)
             for k, v in facts.items()}
    words["day"] = _WEEKDAYS[session.date.weekday()] if session else "-"
    words["date"] = session.date.isoformat() if session else "-"
    words["leg_date"] = (f"{_WEEKDAYS[leg.date.weekday()]} {leg.date.isoformat()}"
                         if leg else "-")
    return rule.rule.because.format_map(words)


def _judge(rules: Sequence[CompiledAdapt], read: tuple[str, ...], facts: dict[str, object],
           memo: dict[tuple[object, ...], CompiledAdapt | None]) -> CompiledAdapt | None:
    """The first rule that matches; the same values of the facts the rules read give the
    same answer, so a long journal evaluates each distinct case once."""
    key = tuple([facts[n] for n in read])
    found = memo.get(key, memo)
    if found is memo:
        found = memo[key] = next((r for r in rules if r.condition.evaluate(facts)), None)
    return found  # type: ignore[return-value]


def adapt(
    history: History,
    rules: Sequence[CompiledAdapt],
    *,
    today: dt.date,
    weeks: int,
    baseline_pain: int,
    start: dt.date | None,
    chains: Iterable[str],
) -> Adaptation:
    """Replay ``history`` through ``rules`` and say where each chain stands ``today``."""
    entries = tuple(e for e in history.entries if e.date <= today)
    first = entries[0].date if entries else today
    origin = min(start, monday(first)) if start else monday(first)
    calendar_week = max(1, (today - origin).days // 7 + 1)
    checkins = _Checkins(entries)
    sessions = [e for e in entries if e.kind == "session"]
    memo: dict[tuple[object, ...], CompiledAdapt | None] = {}
    read = tuple(n for n in _FACT_NAMES if any(n in r.condition.names for r in rules))
    legs = _LegSymptoms(entries)

    advances = 0
    streak = 0
    judged: list[Entry] = []
    judgements: list[Judgement] = []
    unsettled_flags: list[bool] = []
    points = [s.date for s in sessions[1:]] + [today] if sessions else []
    for session, point in zip(sessions, points, strict=True):
        before = checkins.last_on_or_before(session.date)
        morning = checkins.first_on.get(session.date + dt.timedelta(days=1))
        if morning is not None and morning.date > point:
            morning = None
        pain_before = before.pain if before is not None and before.pain is not None \
            else baseline_pain
        morning_pain = morning.pain if morning is not None and morning.pain is not None else -1
        settled = 0 <= morning_pain <= pain_before + SETTLE_TOLERANCE
        unsettled = morning_pain > pain_before + SETTLE_TOLERANCE
        pain_during = -1 if session.pain_during is None else session.pain_during
        clean = session.status == "done" and 0 <= pain_during <= CLEAN_PAIN and settled \
            and not session.leg_symptoms
        streak = streak + 1 if clean else 0
        judged.append(session)
        if session.status != "skipped":
            unsettled_flags.append(unsettled)
        latest = checkins.last_on_or_before(point)
        leg = legs.on(point)
        facts: dict[str, object] = {
            "sessions": len(judged),
            "status": session.status or "done",
            "pain_during": pain_during,
            "pain_after": -1 if session.pain_after is None else session.pain_after,
            "effort": -1 if session.effort is None else session.effort,
            "pain_before": pain_before,
            "checked_in": morning is not None,
            "morning_pain": morning_pain,
            "settled": settled,
            "unsettled": unsettled,
            "unsettled_last3": sum(unsettled_flags[-3:]),
            "morning_rising_weeks": checkins.rising_weeks(point),
            "clean_streak": streak,
            "gap_days": (point - session.date).days,
            "latest_pain": -1 if latest is None or latest.pain is None else latest.pain,
            "leg_symptoms": leg is not None,
        }
        rule = _judge(rules, read, facts, memo)
        if rule is None:
            continue
        move = rule.rule.move
        if move > 0:
            cap = advances_before(max(1, (point - origin).days // 7 + 1))
            moved = max(advances, min(cap, advances + move))  # never past the calendar
        else:
            moved = max(0, advances + move)
        if rule.rule.decision == "progress":
            streak = 0
        delta = moved - advances
        advances = moved
        judgements.append(Judgement(session, point, rule, facts, leg, delta))

    last: Judgement | None = judgements[-1] if judgements else None
    if not sessions:
        last = _without_sessions(rules, entries, checkins, today, baseline_pain)
    program_week = min(calendar_week, 1 + _weeks_done(sessions, today))
    week = (program_week - 1) % weeks + 1
    hold = last.because if last and last.decision == "hold" else None
    flare = bool(last and last.decision == "flare")
    chain_progress = {}
    if sessions and last is not None:
        because = last.because
        chain_progress = {c: ChainProgress(advances, last.decision, because) for c in chains}
    alerts = tuple(a for a in ([last.alert] if last and last.alert else []) if a)
    result = Adaptation(
        progress=Progress(week=week, chains=chain_progress, flare=flare, hold=hold),
        last=last, judgements=tuple(judgements), origin=origin,
        calendar_week=calendar_week, program_week=program_week, alerts=alerts,
    )
    return result


def _without_sessions(rules: Sequence[CompiledAdapt], entries: Sequence[Entry],
                      checkins: _Checkins, today: dt.date, baseline: int) -> Judgement | None:
    """Before any session only a hold or a flare can apply (check-ins alone can set them)."""
    latest = checkins.last_on_or_before(today)
    leg = _LegSymptoms(entries).on(today)
    facts: dict[str, object] = {
        "sessions": 0, "status": "none", "pain_during": -1, "pain_after": -1, "effort": -1,
        "pain_before": baseline, "checked_in": True, "morning_pain": -1, "settled": False,
        "unsettled": False, "unsettled_last3": 0,
        "morning_rising_weeks": checkins.rising_weeks(today), "clean_streak": 0,
        "gap_days": 0, "latest_pain": -1 if latest is None or latest.pain is None
        else latest.pain, "leg_symptoms": leg is not None,
    }
    rule = next((r for r in rules if r.condition.evaluate(facts)), None)
    if rule is None or rule.rule.decision not in ("hold", "flare"):
        return None
    return Judgement(None, today, rule, facts, leg, 0)


def _weeks_done(sessions: Sequence[Entry], today: dt.date) -> int:
    """Calendar weeks before this one with enough sessions done in full or in part."""
    per_week: dict[int, int] = {}
    this_week = (today.toordinal() - 1) // 7  # ordinal 1 (1 Jan of year 1) is a Monday
    for s in sessions:
        week = (s.date.toordinal() - 1) // 7
        if s.status in ("done", "partial") and week < this_week:
            per_week[week] = per_week.get(week, 0) + 1
    return sum(n >= SESSIONS_FOR_A_WEEK for n in per_week.values())
