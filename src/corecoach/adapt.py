"""History -> Progress: replay the journal through the ``[[adapt]]`` rules, chain by chain.

Every corecoach session is judged once per chain it exercised: at that chain's next session
(or today, for the last one), by the first rule that matches what the journal knew by then
(routines/adapt/). A session counts for the planned day's session it was: the day given with
``log --session``, else its own weekday, else (on a day the plan leaves free) the earliest
planned session of that week not yet done. The decisions move a count of rungs climbed from
each chain's entry; it never goes below the entry and never past where the calendar would
be, and each chain's last decision (with its reason) is what the plan shows. The same rules
also run over every session together, for what concerns the whole plan: a hold, a flare,
alerts.

The pain-monitoring model (Silbernagel 2007, docs/journal.md): a morning is judged against
the person's usual level (the median of their recent settled check-ins), with a tolerance;
pain during a session up to the acceptable zone can be clean; weekly trends need a real rise.
The numbers are ``[[limit]]`` tables (``corecoach.library.limits``).

Pure: the history, the rules, the limits and ``today`` in; the same Adaptation out. No
clock, no I/O.
"""

from __future__ import annotations

import bisect
import datetime as dt
import operator
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from corecoach.days import monday, weekday_name
from corecoach.facts import JOURNAL_FACTS
from corecoach.journal.entry import Entry
from corecoach.journal.history import History
from corecoach.library.catalog import CompiledAdapt
from corecoach.library.limits import DEFAULT_LIMITS, Limits
from corecoach.progression import ChainProgress, Progress, advances_before
from corecoach.vocab import DAYS

#: A program week counts as done when this many sessions were done in full or in part.
SESSIONS_FOR_A_WEEK = 2
NOT_YET = "start"
NOT_YET_BECAUSE = ("no session on its days is logged yet, so it starts at its first rung")
#: Replaces the action of a rule's reason (the text after its last ": ") when it would
#: move a chain on but the program week does not allow a higher rung yet: the reason must
#: match the work.
CAPPED = (": the same rung for now - the program's week allows no higher rung yet (the "
          "weekly rhythm and its deloads still apply)")
#: Flare-level days at most this far apart belong to one flare.
FLARE_GAP_DAYS = 2
_FACT_NAMES = tuple(f.name for f in JOURNAL_FACTS)
_INDEX = {name: i for i, name in enumerate(_FACT_NAMES)}
Facts = tuple[object, ...]  # the values of JOURNAL_FACTS, in order
_BITS = (0, 1, 1, 2, 1, 2, 2, 3)  # how many of three bits are set
_NEVER = 10**9


@dataclass(frozen=True)
class Judgement:
    """The decision on one session: which rule, what it did, and why."""

    session: Entry | None
    on: dt.date
    matched: CompiledAdapt
    values: Facts
    leg: Entry | None
    move: int
    capped: bool = False  # a move on the program week did not allow yet
    run: Entry | None = None  # the run logged on the session's day, if any
    flare_start: dt.date | None = None
    #: The usual level the latest check-in was judged against (the one before it).
    latest_usual: int = 0

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
        """progress, repeat, back, step-back, flare or hold (a capped move on: repeat)."""
        return "repeat" if self.capped else self.matched.rule.decision

    @property
    def alert(self) -> str | None:
        """What the person must read first, if the rule says anything."""
        alert = self.matched.rule.alert
        return None if alert is None else alert.format_map(self._words())

    @property
    def because(self) -> str:
        """The rule's reason with the facts filled in (made only when asked for)."""
        text = self.matched.rule.because.format_map(self._words())
        return text.rpartition(": ")[0] + CAPPED if self.capped and ": " in text else text

    def _words(self) -> dict[str, str]:
        return _words(self.facts, self.session, self.leg, self.run, self.flare_start, self.on,
                      self.latest_usual)


class ReplayState(NamedTuple):
    """Where one replay stood once its first ``done`` sessions were judged: everything the
    judgements of the sessions after them build on. ``last`` is the last decision so far: the
    session's place among all sessions, the day it was judged on, the rule's place among
    the replay's rules, the facts, the move and whether the move was capped."""

    done: int
    advances: int
    streak: int
    window: int
    hard10: int
    in_flare: bool
    last_point: int
    last: tuple[int, int, int, Facts, int, bool] | None


class Checkpoint(NamedTuple):
    """Every replay's state (by :func:`track_name`) once the sessions judged on or before
    ``day`` are judged. A replay for a later day gives the same decisions when it starts
    from here, as long as no entry on or before ``day`` changed (the caller checks that,
    with :meth:`History.digests_through`): each session is judged on what the journal knew
    by its next session, never later."""

    day: dt.date
    tracks: Mapping[str, ReplayState]


@dataclass
class Track:
    """One replay: where it ended, its last decision, (when kept) every decision, and (when
    asked) its state at a checkpoint."""

    advances: int = 0
    last: Judgement | None = None
    judgements: list[Judgement] = field(default_factory=list)
    captured: ReplayState | None = None


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
    #: The Mondays of the program weeks of the last block completed (:func:`last_block`).
    block: tuple[dt.date, ...]
    alerts: tuple[str, ...]
    usual_pain: int = 0  # the person's usual morning level today
    #: The replays' states at the day ``adapt`` was asked to keep (None when not asked).
    checkpoint: Checkpoint | None = None


def _median_low(values: Sequence[int]) -> int:
    ordered = sorted(values)
    return ordered[(len(ordered) - 1) // 2]


class _Checkins:
    """Check-ins by day: the morning after, the last one before, weekly means, and the
    person's usual level (the median of their recent settled check-ins)."""

    def __init__(self, entries: Sequence[Entry], baseline: int, limits: Limits) -> None:
        self.entries = [e for e in entries if e.kind == "check-in" and e.pain is not None]
        self.days = [e.date.toordinal() for e in self.entries]  # ints bisect fastest
        self.pains = [e.pain or 0 for e in self.entries]
        self.baseline = baseline
        self.limits = limits
        self.first_on: dict[int, Entry] = {}
        # Running totals, so the mean over any stretch of days is two lookups.
        self.totals = [0]
        for day, e in zip(self.days, self.entries, strict=True):
            self.first_on.setdefault(day, e)
            self.totals.append(self.totals[-1] + (e.pain or 0))
        # A check-in is settled when it is at or below the usual level before it plus the
        # tolerance; only settled ones make the usual level, so a creep never raises it.
        self.settled: list[bool] = []
        for i, day in enumerate(self.days):
            usual = self._usual(i, day)
            self.settled.append(self.pains[i] <= usual + limits.tolerance)
        self._usual_memo: dict[int, int] = {}

    def _usual(self, end: int, day: int) -> int:
        """The usual level from the settled check-ins before index ``end``."""
        limits = self.limits
        first = day - limits.usual_days
        found: list[int] = []
        j = end - 1
        while j >= 0 and self.days[j] >= first and len(found) < limits.usual_checkins:
            if self.settled[j]:
                found.append(self.pains[j])
            j -= 1
        return _median_low(found) if len(found) >= limits.usual_min_checkins \
            else self.baseline

    def usual_at(self, day: int) -> int:
        """The usual level from the check-ins on or before ``day``."""
        found = self._usual_memo.get(day)
        if found is None:
            found = self._usual(bisect.bisect_right(self.days, day), day)
            self._usual_memo[day] = found
        return found

    def last_on_or_before(self, day: int) -> Entry | None:
        i = bisect.bisect_right(self.days, day)
        return self.entries[i - 1] if i else None

    def mean(self, first: int, last: int) -> float | None:
        """Mean pain of the check-ins from day ``first`` to ``last`` (ordinals, inclusive)."""
        lo = bisect.bisect_left(self.days, first)
        hi = bisect.bisect_right(self.days, last)
        return (self.totals[hi] - self.totals[lo]) / (hi - lo) if hi > lo else None

    def rising_weeks(self, end: int) -> int:
        """0-2: how many weeks in a row the mean morning pain rose by at least the
        weekly-rise limit, looking back from ``end`` (a fraction of a point is noise)."""
        means = [self.mean(end - 7 * (n + 1) + 1, end - 7 * n) for n in range(3)]
        rising = 0
        for newer, older in ((means[0], means[1]), (means[1], means[2])):
            if newer is None or older is None or newer - older < self.limits.weekly_rise:
                break
            rising += 1
        return rising


@dataclass(frozen=True)
class _Leg:
    """Leg symptoms through time: after each day, the entry whose symptoms are still open
    (None: none are) and whether that episode is a recurrence; and when episodes began."""

    days: list[int]
    status: list[tuple[Entry | None, bool]]
    starts: list[int]


def _leg_timeline(entries: Sequence[Entry], window_days: int, cleared: bool) -> _Leg:
    """Leg symptoms stay open from the entry that logged them until a later check-in
    records none (one that does not answer keeps them open). An episode that began within
    ``window_days`` of an earlier one is a recurrence: only a check-in with none after the
    profile records the assessment (``cleared``) closes it."""
    days: list[int] = []
    status: list[tuple[Entry | None, bool]] = []
    starts: list[int] = []
    open_since: Entry | None = None
    recurrent = False
    for e in entries:
        day = e.date.toordinal()
        if e.leg_symptoms:
            if open_since is None:
                recurrent = any(day - s <= window_days for s in starts)
                starts.append(day)
                open_since = e
        elif e.kind == "check-in" and e.leg_symptoms is False and open_since is not None \
                and (cleared or not recurrent):
            open_since, recurrent = None, False
        if days and days[-1] == day:
            status[-1] = (open_since, recurrent)
        else:
            days.append(day)
            status.append((open_since, recurrent))
    return _Leg(days, status, starts)


@dataclass(frozen=True)
class _Session:
    """What one session says whatever the chain: its own facts, with and without the
    next morning's check-in (which a decision on the same day cannot know yet)."""

    entry: Entry
    day: int
    morning_day: int  # the day of the morning check-in after it, or a day never reached
    # checked_in, morning pain, settled, unsettled, run blamed, clean
    with_morning: tuple[bool, int, bool, bool, bool, bool]
    without: tuple[bool, int, bool, bool, bool, bool]
    # status, pain during, pain after, effort, reps left, hard effort, pain before, usual
    own: tuple[str, int, int, int, int, bool, int, int]
    skipped: bool
    run: Entry | None
    index: int  # its place among all sessions


def _sessions(sessions: Sequence[Entry], checkins: _Checkins, runs: Mapping[int, Entry],
              limits: Limits, judged_from: int = 0) -> list[_Session]:
    """Each session's facts. The sessions before ``judged_from`` are never judged (every
    replay goes on from a checkpoint after them): they carry their entry, day and run only,
    and judging one would fail loudly (its facts are None)."""
    out = []
    unjudged: Any = None
    for index, s in enumerate(sessions):
        day = s.date.toordinal()
        if index < judged_from:
            out.append(_Session(s, day, _NEVER, unjudged, unjudged, unjudged,
                                s.status == "skipped", runs.get(day), index))
            continue
        before = checkins.last_on_or_before(day)
        morning = checkins.first_on.get(day + 1)
        usual = checkins.usual_at(day)
        pain_before = before.pain if before is not None and before.pain is not None \
            else checkins.baseline
        pain_during = -1 if s.pain_during is None else s.pain_during
        effort = -1 if s.effort is None else s.effort
        reps_left = -1 if s.reps_left is None else s.reps_left
        # Effort and reserve: unknown when neither was logged (the load then goes by pain).
        hard = (effort >= 0 or reps_left >= 0) and not (
            reps_left >= limits.min_reps_left or 0 <= effort <= limits.max_effort)
        done_well = s.status == "done" and 0 <= pain_during <= limits.acceptable_pain and \
            not s.leg_symptoms and not hard
        run = runs.get(day)
        without = (False, -1, False, False, False, False)
        with_morning = without
        if morning is not None and morning.pain is not None:
            mp = morning.pain
            over = mp > usual + limits.tolerance
            # A worse morning after a day with a run, the session itself in the acceptable
            # zone: the run takes the blame, not the session.
            blamed = over and run is not None and pain_during <= limits.acceptable_pain
            with_morning = (True, mp, not over, over and not blamed, blamed,
                            done_well and not over)
        own = (s.status or "done", pain_during, -1 if s.pain_after is None else s.pain_after,
               effort, reps_left, hard, pain_before, usual)
        out.append(_Session(s, day, day + 1 if morning else _NEVER, with_morning, without,
                            own, s.status == "skipped", run, index))
    return out


class _Replayer:
    """Replays sessions through the rules; shared memos make many replays cheap."""

    def __init__(self, rules: Sequence[CompiledAdapt], checkins: _Checkins, leg: _Leg,
                 origin: dt.date, today: dt.date, *, limits: Limits, cleared: bool,
                 present: Sequence[int], flare_days: Sequence[int],
                 at: dict[int, tuple[int, int, bool, Entry | None, bool, int, int]] | None = None,
                 sessions: Sequence[_Session] = ()) -> None:
        self.rules = rules
        self.sessions = sessions  # every session, for a checkpoint's last decision
        self.checkins = checkins
        self.origin = origin.toordinal()
        self.today = today
        self.leg = leg
        self.limits = limits
        self.cleared = cleared
        self.present = present  # days with a session done in full or in part
        self.flare_days = flare_days
        self.disruptions = sorted({*flare_days, *leg.starts})
        read = [_INDEX[n] for n in _FACT_NAMES if any(n in r.condition.names for r in rules)]
        # The same values of the facts the rules read give the same answer, so a long
        # journal evaluates each distinct case once.
        self.key: Callable[[Facts], object] = (
            operator.itemgetter(*read) if read else (lambda values: ()))
        self.memo: dict[object, tuple[CompiledAdapt, int, bool] | None] = {}
        # What :meth:`point` found, by day; replayers of the same journal may share it.
        self.at = {} if at is None else at

    def point(self, day: int) -> tuple[int, int, bool, Entry | None, bool, int, int]:
        """What the journal says on a day whatever the session: rising weeks, the latest
        check-in's pain and whether it is above the usual level, open leg symptoms (and
        whether they recur), days since any session before that day, and the usual level
        the latest check-in was judged against (the one before it)."""
        found = self.at.get(day)
        if found is None:
            checkins = self.checkins
            latest = checkins.last_on_or_before(day)
            pain = -1 if latest is None or latest.pain is None else latest.pain
            before = checkins.usual_at(latest.date.toordinal() - 1) if latest else 0
            above = latest is not None and pain > before + self.limits.tolerance
            i = bisect.bisect_right(self.leg.days, day)
            leg, recurrent = self.leg.status[i - 1] if i else (None, False)
            j = bisect.bisect_left(self.present, day)
            away = day - self.present[j - 1] if j else 0
            found = (checkins.rising_weeks(day), pain, above, leg, recurrent, away, before)
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

    def _any_between(self, days: Sequence[int], after: int, upto: int) -> bool:
        return bisect.bisect_right(days, upto) > bisect.bisect_right(days, after)

    def replay(self, sessions: Sequence[_Session], keep: bool,
               lighter: Callable[[int], int] | None = None, *,
               start: ReplayState | None = None, capture: int | None = None) -> Track:
        """Judge each session in turn; the hot loop of a long journal, so kept lean.
        ``lighter`` (loaded work): where a rule with ``steps_load`` moves back to.
        ``start``: go on from a state a replay of the same sessions kept (a
        :class:`Checkpoint`'s); ``capture``: keep the state once every session judged on or
        before that day (an ordinal) is judged, in the track's ``captured``."""
        track = Track()
        advances = streak = window = hard10 = 0  # window: unsettled of the last 3, as bits
        at, point_of, key_of, memo = self.at, self.point, self.key, self.memo
        limits, cleared = self.limits, self.cleared
        points = [s.day for s in sessions[1:]]
        if sessions:
            points.append(self.today.toordinal())
        last: tuple[_Session, int, tuple[CompiledAdapt, int, bool], Facts, int, bool] | None
        last = None
        last_point = sessions[0].day - 1 if sessions else 0
        in_flare = False
        first = 0
        if start is not None:
            first, advances, streak, window, hard10, in_flare, last_point, kept = start
            last = None if kept is None else self._restored(kept)
        for n, (s, point) in enumerate(zip(sessions[first:], points[first:], strict=True),
                                       start=first + 1):
            if capture is not None and point > capture and track.captured is None:
                track.captured = ReplayState(n - 1, advances, streak, window, hard10,
                                             in_flare, last_point, self._kept(last))
            checked_in, morning_pain, settled, unsettled, blamed, clean = \
                s.with_morning if s.morning_day <= point else s.without
            status, pain_during, pain_after, effort, reps_left, hard, pain_before, usual = \
                s.own
            streak = streak + 1 if clean else 0
            if not s.skipped:
                window = ((window << 1) | unsettled) & 7
                hard10 = hard10 + 1 if effort >= 10 else 0
            # A flare or a new leg-symptom episode since the last decision: the clean
            # sessions before it no longer count towards moving on.
            if self._any_between(self.disruptions, last_point, point):
                streak = 0
            after_flare = in_flare or self._any_between(self.flare_days, last_point, point)
            rising, latest, above, leg, recurrent, away, _ = at.get(point) or point_of(point)
            values = (n, status, pain_during, pain_after, effort, reps_left, hard, hard10,
                      pain_before, usual, checked_in, morning_pain, settled, unsettled,
                      blamed, _BITS[window], rising, streak, point - s.day, away, latest,
                      above, leg is not None, recurrent, cleared, after_flare,
                      limits.acceptable_pain, limits.flare_pain)
            last_point = point
            key = key_of(values)
            found = memo[key] if key in memo else self.judge(values)
            if found is None:
                continue
            move = found[1]
            decision = found[0].rule.decision
            in_flare = decision == "flare"
            if move > 0:
                cap = advances_before(max(1, (point - self.origin) // 7 + 1))
                moved = max(advances, min(cap, advances + move))  # never past the calendar
            else:
                moved = max(0, advances + move)
                if move < 0 and lighter is not None and found[0].rule.steps_load:
                    moved = min(moved, lighter(advances))
            if found[2] or decision in ("flare", "hold") or after_flare:
                streak = 0
            capped = move > 0 and moved == advances
            last = (s, point, found, values, moved - advances, capped)
            advances = moved
            if keep:
                track.judgements.append(self._judgement(*last))
        track.advances = advances
        if last is not None:
            track.last = track.judgements[-1] if keep else self._judgement(*last)
        return track

    def _kept(self, last: tuple[_Session, int, tuple[CompiledAdapt, int, bool], Facts, int,
                                bool] | None) -> tuple[int, int, int, Facts, int, bool] | None:
        """A replay's last decision as plain values (a checkpoint's)."""
        if last is None:
            return None
        s, point, found, values, move, capped = last
        rule = next(i for i, r in enumerate(self.rules) if r is found[0])
        return (s.index, point, rule, values, move, capped)

    def _restored(self, kept: tuple[int, int, int, Facts, int, bool]
                  ) -> tuple[_Session, int, tuple[CompiledAdapt, int, bool], Facts, int, bool]:
        """What :meth:`_kept` made, back in the replay's own terms."""
        index, point, rule, values, move, capped = kept
        matched = self.rules[rule]
        found = (matched, matched.rule.move, matched.rule.decision == "progress")
        return (self.sessions[index], point, found, values, move, capped)

    def _judgement(self, s: _Session, point: int, found: tuple[CompiledAdapt, int, bool],
                   values: Facts, move: int, capped: bool) -> Judgement:
        _, _, _, leg, _, _, latest_usual = self.point(point)
        start = _flare_start(self.flare_days, point, s.day) \
            if found[0].rule.decision == "flare" else None
        return Judgement(s.entry, dt.date.fromordinal(point), found[0], values, leg, move,
                         capped, s.run, start, latest_usual)


def _flare_start(flare_days: Sequence[int], point: int, session_day: int) -> dt.date:
    """The first day of the flare that is on at ``point``: flare-level days at most
    FLARE_GAP_DAYS apart, back from the latest one; the session's day when no flare-level
    day is that recent (a flare from pain above the zone that did not settle)."""
    i = bisect.bisect_right(flare_days, point) - 1
    if i < 0 or flare_days[i] < session_day - FLARE_GAP_DAYS:
        return dt.date.fromordinal(session_day)
    while i > 0 and flare_days[i] - flare_days[i - 1] <= FLARE_GAP_DAYS:
        i -= 1
    return dt.date.fromordinal(flare_days[i])


def _credited(sessions: Sequence[Entry], planned: Collection[int]) -> list[int | None]:
    """The planned weekday each session counts for: ``log --session DAY``; else its own
    weekday when a session is planned then; else the earliest planned session of its
    calendar week not yet done (None: the week's planned sessions were all done)."""
    done: dict[int, set[int]] = {}  # calendar week -> planned weekdays already credited
    out: list[int | None] = []
    order = sorted(planned)
    for s in sessions:
        week = (s.date.toordinal() - 1) // 7
        taken = done.setdefault(week, set())
        if s.session_day is not None:
            credit: int | None = DAYS.index(s.session_day)
        elif s.date.weekday() in planned or not planned:
            credit = s.date.weekday()
        else:
            credit = next((d for d in order if d not in taken), None)
        if credit is not None and s.status != "skipped":
            taken.add(credit)
        out.append(credit)
    return out


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
    limits: Limits = DEFAULT_LIMITS,
    gentle: Collection[str] = (),
    cleared: bool = False,
    lighter: Mapping[str, Callable[[int], int]] | None = None,
    resume: Checkpoint | None = None,
    checkpoint: dt.date | None = None,
) -> Adaptation:
    """Replay ``history`` through ``rules`` and say where each chain stands ``today``.

    ``chains`` maps each chain (or exercise) id to the weekdays (0 = Monday) the plan puts it
    on; a session credited to one of those days exercised it. Empty: every session did.
    ``gentle`` names the chains of breathing and mobility work, which rules marked
    ``spares_gentle`` never move. ``cleared``: the profile records a clinician's clearance.
    ``lighter`` maps chains of loaded work to where a move back to a lighter load lands
    (rules with ``steps_load``; ``corecoach.planner.journal_template``).
    ``keep`` also returns every decision over all sessions (for tests and traces; a plan
    needs only the last).

    ``resume``: a :class:`Checkpoint` an earlier call returned for a day before ``today``,
    when no entry on or before its day has changed since: the replays go on from there
    instead of from the first session (the same decisions, in a fraction of the time for a
    long journal). ``checkpoint``: a day before ``today`` to return the Checkpoint of (in
    the Adaptation's ``checkpoint``). Neither applies with ``keep``.
    """
    entries = tuple(e for e in history.entries if e.date <= today)
    first = entries[0].date if entries else today
    origin = min(start, monday(first)) if start else monday(first)
    calendar_week = max(1, (today - origin).days // 7 + 1)
    checkins = _Checkins(entries, baseline_pain, limits)
    session_entries = [e for e in entries if e.kind == "session"]
    runs = {e.date.toordinal(): e for e in entries
            if e.kind == "activity" and e.sport == "running"}
    lighter = lighter or {}
    planned = frozenset(d for days in chains.values() for d in days)
    credits = _credited(session_entries, planned)
    # Each replay and the sessions it judges (by their place among all sessions).
    overall_key: _TrackKey = (frozenset(), False, None)
    keys = {chain: (frozenset(days), chain in gentle, chain if chain in lighter else None)
            for chain, days in chains.items()}
    judges = {key: [i for i, c in enumerate(credits) if c in key[0]] if key[0]
              else range(len(session_entries)) for key in {overall_key, *keys.values()}}
    gentle_rules = [r for r in rules if not r.rule.spares_gentle]
    starts: dict[_TrackKey, ReplayState] = {}
    if not keep and resume is not None and resume.day < today:
        for key, mine in judges.items():
            state = resume.tracks.get(track_name(*key))
            if state is not None and _fits(state, len(mine),
                                           len(gentle_rules if key[1] else rules),
                                           len(session_entries)):
                starts[key] = state
    # A session no replay judges again needs no facts: the checkpoint has its decision.
    judged_from = len(session_entries)
    for key, mine in judges.items():
        done = starts[key].done if key in starts else 0
        if done < len(mine):
            judged_from = min(judged_from, mine[done])
    sessions = _sessions(session_entries, checkins, runs, limits, judged_from)
    leg = _leg_timeline(entries, 7 * limits.leg_episode_weeks, cleared)
    flare_days = sorted({e.date.toordinal() for e in entries
                         if (e.kind == "check-in" and (e.pain or 0) >= limits.flare_pain)
                         or (e.kind == "session" and (e.pain_during or 0) >= limits.flare_pain)})
    present = sorted({s.day for s in sessions if not s.skipped})

    points: dict[int, tuple[int, int, bool, Entry | None, bool, int, int]] = {}

    def replayer_for(chosen: Sequence[CompiledAdapt]) -> _Replayer:
        # A day's point does not depend on the rules: the replayers share what they found.
        return _Replayer(chosen, checkins, leg, origin, today, limits=limits,
                         cleared=cleared, present=present, flare_days=flare_days, at=points,
                         sessions=sessions)

    capture = checkpoint.toordinal() if checkpoint is not None and checkpoint < today \
        and not keep else None
    captured: dict[str, ReplayState] = {}

    def replayed(by: _Replayer, key: _TrackKey,
                 lighter: Callable[[int], int] | None = None) -> Track:
        mine = [sessions[i] for i in judges[key]] if key[0] else sessions
        # Only the replay over every session keeps each decision (``keep``).
        track = by.replay(mine, keep=keep and key == overall_key, lighter=lighter,
                          start=starts.get(key), capture=capture)
        if track.captured is not None:
            captured[track_name(*key)] = track.captured
        return track

    replayer = replayer_for(rules)
    gentle_replayer: _Replayer | None = None
    overall = replayed(replayer, overall_key)
    last = overall.last if sessions else _without_sessions(replayer, today, baseline_pain)
    by_days: dict[_TrackKey, Track] = {}
    tracks: dict[str, Track] = {}
    for chain, key in keys.items():
        # Loaded work replays on its own: a move back to a lighter load is its own.
        if key not in by_days:
            if key[1]:
                gentle_replayer = gentle_replayer or replayer_for(gentle_rules)
                by_days[key] = replayed(gentle_replayer, key)
            elif key[2] is not None:
                by_days[key] = replayed(replayer, key, lighter[chain])
            else:
                by_days[key] = replayed(replayer, key) if key[0] else overall
        tracks[chain] = by_days[key]

    counted = _weeks_done(session_entries, today)
    program_week = min(calendar_week, 1 + len(counted))
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
        calendar_week=calendar_week, program_week=program_week,
        block=last_block(counted[:program_week - 1], weeks), alerts=tuple(alerts),
        usual_pain=checkins.usual_at(today.toordinal()),
        checkpoint=None if checkpoint is None or capture is None
        else Checkpoint(checkpoint, captured),
    )


#: What sets one replay apart: the weekdays whose sessions it judges (none: every
#: session), whether it is of gentle work, and the chain of loaded work it is (or None).
_TrackKey = tuple[frozenset[int], bool, "str | None"]


def track_name(days: Collection[int], gentle: bool, loaded: str | None) -> str:
    """A replay's name in a :class:`Checkpoint`: ``"0,2,4|gentle|"`` and the like."""
    return f"{','.join(map(str, sorted(days)))}|{'gentle' if gentle else ''}|{loaded or ''}"


def _fits(start: ReplayState, judged: int, rules: int, total: int) -> bool:
    """Whether a kept state can be where a replay of ``judged`` of ``total`` sessions under
    ``rules`` rules stood (a checkpoint read back from a file is checked, never trusted
    blindly)."""
    if not 0 <= start.done <= judged:
        return False
    last = start.last
    return last is None or (0 <= last[0] < total and 0 <= last[2] < rules)


def _without_sessions(replayer: _Replayer, today: dt.date, baseline: int) -> Judgement | None:
    """Before any session only a hold or a flare can apply (check-ins alone can set them)."""
    point = today.toordinal()
    rising, latest, above, leg, recurrent, _, latest_usual = replayer.point(point)
    limits = replayer.limits
    usual = replayer.checkins.usual_at(point)
    values: Facts = (0, "none", -1, -1, -1, -1, False, 0, baseline, usual, True, -1, False,
                     False, False, 0, rising, 0, 0, 0, latest, above, leg is not None,
                     recurrent, replayer.cleared, False, limits.acceptable_pain,
                     limits.flare_pain)
    facts = dict(zip(_FACT_NAMES, values, strict=True))
    rule = next((r for r in replayer.rules if r.condition.evaluate(facts)), None)
    if rule is None or rule.rule.decision not in ("hold", "flare"):
        return None
    start = _flare_start(replayer.flare_days, point, point) \
        if rule.rule.decision == "flare" else None
    return Judgement(None, today, rule, values, leg, 0, flare_start=start,
                     latest_usual=latest_usual)


def _words(facts: Mapping[str, object], session: Entry | None, leg: Entry | None,
           run: Entry | None, flare_start: dt.date | None, on: dt.date,
           latest_usual: int) -> dict[str, str]:
    # -1 stands for "not logged" in the facts; say so in words.
    words = {k: "none logged" if v == -1 and not isinstance(v, bool) else str(v)
             for k, v in facts.items()}
    words["day"] = weekday_name(session.date) if session else "-"
    words["date"] = session.date.isoformat() if session else "-"
    words["latest_usual"] = str(latest_usual)
    words["leg_date"] = (f"{weekday_name(leg.date)} {leg.date.isoformat()}"
                         if leg else "-")
    words["run"] = (f"running {run.minutes} min{' on ' + run.surface if run.surface else ''}"
                    if run else "-")
    if flare_start is not None:
        days = (on - flare_start).days + 1
        words["flare_since"] = (f"{weekday_name(flare_start)} {flare_start.isoformat()} "
                                f"({days} day{'s' if days != 1 else ''})")
    else:
        words["flare_since"] = "-"
    return words


def usual_level(history: History, baseline: int,
                limits: Limits) -> Callable[[dt.date], int]:
    """The person's usual morning level on a day, as the journal's rules judge mornings
    (the median of recent settled check-ins; ``baseline`` before there are enough): for
    the road return, so a physio's [[limit]] tables tune both alike."""
    checkins = _Checkins(history.entries, baseline, limits)
    return lambda day: checkins.usual_at(day.toordinal())


def full_weeks(sessions: Sequence[Entry]) -> list[dt.date]:
    """The Mondays of the calendar weeks with enough sessions done in full or in part (a
    program week done), oldest first."""
    per_week: dict[dt.date, int] = {}
    for s in sessions:
        if s.status in ("done", "partial"):
            week = monday(s.date)
            per_week[week] = per_week.get(week, 0) + 1
    return sorted(w for w, n in per_week.items() if n >= SESSIONS_FOR_A_WEEK)


def _weeks_done(sessions: Sequence[Entry], today: dt.date) -> list[dt.date]:
    """The Mondays of the calendar weeks before this one with enough sessions done in full
    or in part: the program weeks done, oldest first."""
    this_week = monday(today)
    return [week for week in full_weeks(sessions) if week < this_week]


def last_block(counted: Sequence[dt.date], weeks: int) -> tuple[dt.date, ...]:
    """The Mondays of the program weeks of the last block of ``weeks`` completed, as the
    journal ran them: ``counted`` are its program weeks, oldest first. A week short of
    sessions in between is no program week (the program waited). Empty before the first
    block is over."""
    blocks = len(counted) // weeks
    if not blocks:
        return ()
    return tuple(counted[(blocks - 1) * weeks:blocks * weeks])
