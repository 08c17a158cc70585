"""History -> Progress: replay the journal through the ``[[adapt]]`` rules, chain by chain.

Every corecoach session is judged once per chain it exercised: at that chain's next session
(or today, for the last one), by the first rule that matches what the journal knew by then
(routines/adapt/). A session exercised the chains the plan puts on its weekday (the journal
logs whole sessions, not exercises); one on a day the plan leaves free counts for all. The
decisions move a count of rungs climbed from each chain's entry; it never goes below the
entry and never past where the calendar would be, and each chain's last decision (with its
reason) is what the plan shows. The same rules also run over every session together, for
what concerns the whole plan: a hold, a flare, alerts.

Pure: the history, the rules and ``today`` in; the same Adaptation out. No clock, no I/O.
"""

from __future__ import annotations

import bisect
import datetime as dt
import operator
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field

from corecoach.days import monday, weekday_name
from corecoach.facts import JOURNAL_FACTS
from corecoach.journal.entry import Entry
from corecoach.journal.history import History
from corecoach.library.catalog import CompiledAdapt
from corecoach.progression import ChainProgress, Progress, advances_before

#: A program week counts as done when this many sessions were done in full or in part.
SESSIONS_FOR_A_WEEK = 2
CLEAN_PAIN = 2
#: A morning counts as no worse up to one point above the pain before the session: one point
#: is rating noise (a design default of the journal brief, to be tuned with real logs).
SETTLE_TOLERANCE = 1
NOT_YET = "start"
NOT_YET_BECAUSE = ("no session on its days is logged yet, so it starts at its first rung")
_FACT_NAMES = tuple(f.name for f in JOURNAL_FACTS)
_INDEX = {name: i for i, name in enumerate(_FACT_NAMES)}
Facts = tuple[object, ...]  # the values of JOURNAL_FACTS, in order
_BITS = (0, 1, 1, 2, 1, 2, 2, 3)  # how many of three bits are set


@dataclass(frozen=True)
class Judgement:
    """The decision on one session: which rule, what it did, and why."""

    session: Entry | None
    on: dt.date
    matched: CompiledAdapt
    values: Facts
    leg: Entry | None
    move: int

    @property
    def facts(self) -> dict[str, object]:
        """The journal facts the rule saw."""
        return dict(zip(_FACT_NAMES, self.values, strict=True))

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


@dataclass
class Track:
    """One replay: where it ended, its last decision, and (when kept) every decision."""

    advances: int = 0
    last: Judgement | None = None
    judgements: list[Judgement] = field(default_factory=list)


@dataclass(frozen=True)
class Adaptation:
    """What the journal says for a profile today."""

    progress: Progress
    last: Judgement | None  # the last decision over every session (the whole plan's)
    judgements: tuple[Judgement, ...]  # with keep=True: every decision, in order
    chains: dict[str, Track]
    origin: dt.date  # Monday of week 1 of the first round
    calendar_week: int  # uncapped: may lie past the program's end
    program_week: int  # uncapped: 1 + weeks completed in the journal
    alerts: tuple[str, ...]


class _Checkins:
    """Check-ins by day, for "the morning after", "the last one before" and weekly means."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.entries = [e for e in entries if e.kind == "check-in" and e.pain is not None]
        self.days = [e.date.toordinal() for e in self.entries]  # ints bisect fastest
        self.first_on: dict[int, Entry] = {}
        # Running totals, so the mean over any stretch of days is two lookups.
        self.totals = [0]
        for day, e in zip(self.days, self.entries, strict=True):
            self.first_on.setdefault(day, e)
            self.totals.append(self.totals[-1] + (e.pain or 0))

    def last_on_or_before(self, day: int) -> Entry | None:
        i = bisect.bisect_right(self.days, day)
        return self.entries[i - 1] if i else None

    def mean(self, first: int, last: int) -> float | None:
        """Mean pain of the check-ins from day ``first`` to ``last`` (ordinals, inclusive)."""
        lo = bisect.bisect_left(self.days, first)
        hi = bisect.bisect_right(self.days, last)
        return (self.totals[hi] - self.totals[lo]) / (hi - lo) if hi > lo else None

    def rising_weeks(self, end: int) -> int:
        """0-2: how many weeks in a row the mean morning pain rose, looking back from ``end``."""
        means = [self.mean(end - 7 * (n + 1) + 1, end - 7 * n) for n in range(3)]
        rising = 0
        for newer, older in ((means[0], means[1]), (means[1], means[2])):
            if newer is None or older is None or newer <= older:
                break
            rising += 1
        return rising


def _leg_timeline(entries: Sequence[Entry]) -> tuple[list[int], list[Entry | None]]:
    """Days, and after each the entry whose leg symptoms are still open (None: none are).

    Leg symptoms stay open from the entry that logged them until a later check-in records
    none.
    """
    days: list[int] = []
    status: list[Entry | None] = []
    open_since: Entry | None = None
    for e in entries:
        if e.leg_symptoms:
            open_since = open_since or e
        elif e.kind == "check-in" and e.leg_symptoms is False:
            open_since = None
        day = e.date.toordinal()
        if days and days[-1] == day:
            status[-1] = open_since
        else:
            days.append(day)
            status.append(open_since)
    return days, status


@dataclass(frozen=True)
class _Session:
    """What one session says whatever the chain: its own facts, with and without the
    next morning's check-in (which a decision on the same day cannot know yet)."""

    entry: Entry
    day: int
    morning_day: int  # the day of the morning check-in after it, or a day never reached
    with_morning: tuple[bool, int, bool, bool, bool]  # checked_in, pain, settled, ...
    without: tuple[bool, int, bool, bool, bool]
    own: tuple[str, int, int, int, int]  # status, pain during/after, effort, pain before
    skipped: bool


def _sessions(sessions: Sequence[Entry], checkins: _Checkins, baseline: int) -> list[_Session]:
    out = []
    for s in sessions:
        day = s.date.toordinal()
        before = checkins.last_on_or_before(day)
        morning = checkins.first_on.get(day + 1)
        pain_before = before.pain if before is not None and before.pain is not None \
            else baseline
        pain_during = -1 if s.pain_during is None else s.pain_during
        done_well = s.status == "done" and 0 <= pain_during <= CLEAN_PAIN and \
            not s.leg_symptoms
        without = (False, -1, False, False, False)
        with_morning = without
        if morning is not None and morning.pain is not None:
            mp = morning.pain
            settled = mp <= pain_before + SETTLE_TOLERANCE
            with_morning = (True, mp, settled, not settled, done_well and settled)
        own = (s.status or "done", pain_during, -1 if s.pain_after is None else s.pain_after,
               -1 if s.effort is None else s.effort, pain_before)
        out.append(_Session(s, day, day + 1 if morning else 10**9, with_morning, without, own,
                            s.status == "skipped"))
    return out


class _Replayer:
    """Replays sessions through the rules; shared memos make many replays cheap."""

    def __init__(self, rules: Sequence[CompiledAdapt], entries: Sequence[Entry],
                 checkins: _Checkins, origin: dt.date, today: dt.date) -> None:
        self.rules = rules
        self.checkins = checkins
        self.origin = origin.toordinal()
        self.today = today
        self.leg_days, self.leg_status = _leg_timeline(entries)
        read = [_INDEX[n] for n in _FACT_NAMES if any(n in r.condition.names for r in rules)]
        # The same values of the facts the rules read give the same answer, so a long
        # journal evaluates each distinct case once.
        self.key: Callable[[Facts], object] = (
            operator.itemgetter(*read) if read else (lambda values: ()))
        self.memo: dict[object, tuple[CompiledAdapt, int, bool] | None] = {}
        self.at: dict[int, tuple[int, int, Entry | None]] = {}

    def point(self, day: int) -> tuple[int, int, Entry | None]:
        """What the journal says on a day whatever the session: rising weeks, the latest
        check-in's pain, open leg symptoms."""
        found = self.at.get(day)
        if found is None:
            latest = self.checkins.last_on_or_before(day)
            i = bisect.bisect_right(self.leg_days, day)
            found = (self.checkins.rising_weeks(day),
                     -1 if latest is None or latest.pain is None else latest.pain,
                     self.leg_status[i - 1] if i else None)
            self.at[day] = found
        return found

    def judge(self, values: Facts) -> tuple[CompiledAdapt, int, bool] | None:
        """The first rule that matches, how far it moves a chain, and whether it is a
        move on (memoised on the values of the facts the rules read)."""
        key = self.key(values)
        if key in self.memo:
            return self.memo[key]
        facts = dict(zip(_FACT_NAMES, values, strict=True))
        rule = next((r for r in self.rules if r.condition.evaluate(facts)), None)
        found = None if rule is None else (rule, rule.rule.move,
                                           rule.rule.decision == "progress")
        self.memo[key] = found
        return found

    def replay(self, sessions: Sequence[_Session], keep: bool) -> Track:
        """Judge each session in turn; the hot loop of a long journal, so kept lean."""
        track = Track()
        advances = streak = window = 0  # window: unsettled mornings of the last 3, as bits
        at, point_of, key_of, memo = self.at, self.point, self.key, self.memo
        points = [s.day for s in sessions[1:]]
        if sessions:
            points.append(self.today.toordinal())
        last: tuple[_Session, int, tuple[CompiledAdapt, int, bool], Facts, int] | None = None
        for n, (s, point) in enumerate(zip(sessions, points, strict=True), start=1):
            checked_in, morning_pain, settled, unsettled, clean = \
                s.with_morning if s.morning_day <= point else s.without
            streak = streak + 1 if clean else 0
            if not s.skipped:
                window = ((window << 1) | unsettled) & 7
            rising, latest, leg = at.get(point) or point_of(point)
            status, pain_during, pain_after, effort, pain_before = s.own
            values = (n, status, pain_during, pain_after, effort, pain_before, checked_in,
                      morning_pain, settled, unsettled, _BITS[window], rising, streak,
                      point - s.day, latest, leg is not None)
            key = key_of(values)
            found = memo[key] if key in memo else self.judge(values)
            if found is None:
                continue
            move = found[1]
            if move > 0:
                cap = advances_before(max(1, (point - self.origin) // 7 + 1))
                moved = max(advances, min(cap, advances + move))  # never past the calendar
            else:
                moved = max(0, advances + move)
            if found[2]:
                streak = 0
            last = (s, point, found, values, moved - advances)
            advances = moved
            if keep:
                track.judgements.append(self._judgement(*last))
        track.advances = advances
        if last is not None:
            track.last = track.judgements[-1] if keep else self._judgement(*last)
        return track

    def _judgement(self, s: _Session, point: int, found: tuple[CompiledAdapt, int, bool],
                   values: Facts, move: int) -> Judgement:
        leg = self.at[point][2]
        return Judgement(s.entry, dt.date.fromordinal(point), found[0], values, leg, move)


def adapt(
    history: History,
    rules: Sequence[CompiledAdapt],
    *,
    today: dt.date,
    weeks: int,
    baseline_pain: int,
    start: dt.date | None,
    chains: Mapping[str, Collection[int]],
    keep: bool = False,
) -> Adaptation:
    """Replay ``history`` through ``rules`` and say where each chain stands ``today``.

    ``chains`` maps each chain (or exercise) id to the weekdays (0 = Monday) the plan puts it
    on; a session on one of those days exercised it. Empty: every session did. ``keep``
    also returns every decision over all sessions (for tests and traces; a plan needs only
    the last).
    """
    entries = tuple(e for e in history.entries if e.date <= today)
    first = entries[0].date if entries else today
    origin = min(start, monday(first)) if start else monday(first)
    calendar_week = max(1, (today - origin).days // 7 + 1)
    checkins = _Checkins(entries)
    session_entries = [e for e in entries if e.kind == "session"]
    sessions = _sessions(session_entries, checkins, baseline_pain)
    replayer = _Replayer(rules, entries, checkins, origin, today)

    overall = replayer.replay(sessions, keep=keep)
    last = overall.last if sessions else _without_sessions(replayer, today, baseline_pain)
    by_days: dict[frozenset[int], Track] = {}
    tracks: dict[str, Track] = {}
    # A session on a day the plan leaves free was moved there: it counts for every chain.
    planned = frozenset(d for days in chains.values() for d in days)
    for chain, days in chains.items():
        key = frozenset(days)
        if key not in by_days:
            mine = [s for s in sessions if s.entry.date.weekday() in key
                    or s.entry.date.weekday() not in planned] if key else sessions
            by_days[key] = replayer.replay(mine, keep=False) if key else overall
        tracks[chain] = by_days[key]

    program_week = min(calendar_week, 1 + _weeks_done(session_entries, today))
    lasts = [t.last for t in by_days.values() if t.last is not None]
    hold = last.because if last and last.decision == "hold" else None
    flare = any(j.decision == "flare" for j in [*lasts, *([last] if last else [])])
    alerts: list[str] = []
    for j in [*([last] if last else []), *lasts]:
        if j.alert and j.alert not in alerts:
            alerts.append(j.alert)
    progress: dict[str, ChainProgress] = {}
    if sessions:
        made: dict[int, ChainProgress] = {}  # one per replay: its reason is formatted once
        for chain, track in tracks.items():
            if id(track) not in made:
                made[id(track)] = (ChainProgress(track.advances, track.last.decision,
                                                 track.last.because)
                                   if track.last is not None
                                   else ChainProgress(0, NOT_YET, NOT_YET_BECAUSE))
            progress[chain] = made[id(track)]
    return Adaptation(
        progress=Progress(week=(program_week - 1) % weeks + 1, chains=progress, flare=flare,
                          hold=hold),
        last=last, judgements=tuple(overall.judgements), chains=tracks, origin=origin,
        calendar_week=calendar_week, program_week=program_week, alerts=tuple(alerts),
    )


def _without_sessions(replayer: _Replayer, today: dt.date, baseline: int) -> Judgement | None:
    """Before any session only a hold or a flare can apply (check-ins alone can set them)."""
    rising, latest, leg = replayer.point(today.toordinal())
    values: Facts = (0, "none", -1, -1, -1, baseline, True, -1, False, False, 0, rising, 0,
                     0, latest, leg is not None)
    facts = dict(zip(_FACT_NAMES, values, strict=True))
    rule = next((r for r in replayer.rules if r.condition.evaluate(facts)), None)
    if rule is None or rule.rule.decision not in ("hold", "flare"):
        return None
    return Judgement(None, today, rule, values, leg, 0)


def _format(rule: CompiledAdapt, facts: Mapping[str, object], session: Entry | None,
            leg: Entry | None) -> str:
    # -1 stands for "not logged" in the facts; say so in words.
    words = {k: "none logged" if v == -1 and not isinstance(v, bool) else str(v)
             for k, v in facts.items()}
    words["day"] = weekday_name(session.date) if session else "-"
    words["date"] = session.date.isoformat() if session else "-"
    words["leg_date"] = (f"{weekday_name(leg.date)} {leg.date.isoformat()}"
                         if leg else "-")
    return rule.rule.because.format_map(words)


def _weeks_done(sessions: Sequence[Entry], today: dt.date) -> int:
    """Calendar weeks before this one with enough sessions done in full or in part."""
    per_week: dict[int, int] = {}
    this_week = (today.toordinal() - 1) // 7  # ordinal 1 (1 Jan of year 1) is a Monday
    for s in sessions:
        week = (s.date.toordinal() - 1) // 7
        if s.status in ("done", "partial") and week < this_week:
            per_week[week] = per_week.get(week, 0) + 1
    return sum(n >= SESSIONS_FOR_A_WEEK for n in per_week.values())
