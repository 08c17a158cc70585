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
    rule: str
    decision: str
    because: str
    move: int
    alert: str | None = None


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
        self.entries = [e for e in entries if e.kind == "check-in"]
        self.dates = [e.date for e in self.entries]
        self.first_on: dict[dt.date, Entry] = {}
        for e in self.entries:
            self.first_on.setdefault(e.date, e)
        self._rising: dict[dt.date, int] = {}

    def last_on_or_before(self, day: dt.date) -> Entry | None:
        i = bisect.bisect_right(self.dates, day)
        return self.entries[i - 1] if i else None

    def mean(self, first: dt.date, last: dt.date) -> float | None:
        lo = bisect.bisect_left(self.dates, first)
        hi = bisect.bisect_right(self.dates, last)
        values = [e.pain for e in self.entries[lo:hi] if e.pain is not None]
        return sum(values) / len(values) if values else None

    def rising_weeks(self, day: dt.date) -> int:
        """0-2: how many weeks in a row the mean morning pain rose, looking back from ``day``."""
        if day not in self._rising:
            week = dt.timedelta(days=7)
            means = [self.mean(day - week * (n + 1) + dt.timedelta(days=1), day - week * n)
                     for n in range(3)]
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
    words = {k: str(v) for k, v in facts.items()}
    words["day"] = _WEEKDAYS[session.date.weekday()] if session else "-"
    words["date"] = session.date.isoformat() if session else "-"
    words["leg_date"] = (f"{_WEEKDAYS[leg.date.weekday()]} {leg.date.isoformat()}"
                         if leg else "-")
    return rule.rule.because.format_map(words)


def _judge(rules: Sequence[CompiledAdapt], facts: dict[str, object],
           memo: dict[tuple[object, ...], CompiledAdapt | None]) -> CompiledAdapt | None:
    key = tuple(facts[n] for n in _FACT_NAMES)
    if key not in memo:
        memo[key] = next((r for r in rules if r.condition.evaluate(facts)), None)
    return memo[key]


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
        rule = _judge(rules, facts, memo)
        if rule is None:
            continue
        cap = advances_before(max(1, (point - origin).days // 7 + 1))
        moved = max(0, min(cap, advances + rule.rule.move)) if rule.rule.move else advances
        if rule.rule.decision == "progress":
            moved = max(advances, moved)  # a cap never turns a move on into a step back
            streak = 0
        delta = moved - advances
        advances = moved
        judgements.append(Judgement(session, point, rule.rule.id, rule.rule.decision,
                                    _format(rule, facts, session, leg), delta,
                                    rule.rule.alert))

    last: Judgement | None = judgements[-1] if judgements else None
    if not sessions:
        last = _without_sessions(rules, entries, checkins, today, baseline_pain)
    program_week = min(calendar_week, 1 + _weeks_done(sessions, today))
    week = (program_week - 1) % weeks + 1
    hold = last.because if last and last.decision == "hold" else None
    flare = bool(last and last.decision == "flare")
    chain_progress = {}
    if sessions and last is not None:
        chain_progress = {c: ChainProgress(advances, last.decision, last.because)
                          for c in chains}
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
    return Judgement(None, today, rule.rule.id, rule.rule.decision,
                     _format(rule, facts, None, leg), 0, rule.rule.alert)


def _weeks_done(sessions: Sequence[Entry], today: dt.date) -> int:
    """Calendar weeks before this one with enough sessions done in full or in part."""
    per_week: dict[dt.date, int] = {}
    this_week = monday(today)
    for s in sessions:
        if s.status in ("done", "partial") and monday(s.date) < this_week:
            per_week[monday(s.date)] = per_week.get(monday(s.date), 0) + 1
    return sum(n >= SESSIONS_FOR_A_WEEK for n in per_week.values())
