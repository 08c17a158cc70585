"""The front door: one pure function per request, and the Python API for embedding.

Each function takes a Profile, a Catalog, today's date and (when there is one) the
profile's journal History, and returns a value the renderers turn into text, JSON, HTML or
a calendar. The journal-or-calendar choice is made here and nowhere else:

- with no History (a profile read from stdin, or a bundled example) the plan follows the
  calendar and says nothing of a journal;
- with an empty History it follows the calendar too, and says once that logging is how the
  plan learns;
- with entries the program week and each chain's position come from the journal (see
  ``corecoach.adapt``); a hold withholds the plan, a flare plans with the flare rules, and
  the plan lists what was adapted and why.

Nothing here reads the clock, touches a file or prints.

    >>> import datetime as dt
    >>> from corecoach.coach import plan_for
    >>> from corecoach.library.loader import load_catalog
    >>> from corecoach.profile import load_profile
    >>> from corecoach.resources import example_path
    >>> profile = load_profile(example_path("road-runner"))
    >>> outcome = plan_for(profile, load_catalog(), dt.date(2026, 11, 30))
    >>> outcome.plan.week, len(outcome.plan.days)
    (1, 7)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, NamedTuple

from corecoach.days import weekday_name
from corecoach.plan import Adapted, Plan, PlanDay
from corecoach.planner import PlanOutcome, build_plan, template_days, week_for
from corecoach.profile import Profile
from corecoach.progression import Progress
from corecoach.vocab import DAYS

if TYPE_CHECKING:
    from corecoach.adapt import Adaptation, Checkpoint
    from corecoach.closing import CloseNumbers
    from corecoach.explain import Explanation
    from corecoach.goals import GoalTrend
    from corecoach.journal.entry import Entry
    from corecoach.journal.history import History, SurfaceSummary, WeekSummary
    from corecoach.library.catalog import Catalog
    from corecoach.library.limits import Limits
    from corecoach.roadreturn import RoadDay
    from corecoach.summary import Summary

__all__ = [
    "LOGGING_HINT",
    "HistoryView",
    "JournalState",
    "PastProgress",
    "TodayView",
    "check_in_due",
    "entry_advice",
    "explain_for",
    "gentle_chains",
    "history_for",
    "journal_hold",
    "journal_state",
    "limits_of",
    "pain_advice",
    "past_progress_data",
    "past_progress_from",
    "plan_for",
    "planned_per_week",
    "progress_key",
    "severe_pain_alert",
    "summary_for",
    "today_for",
]

#: Said once in a plan made from a profile file whose journal has no entries yet.
LOGGING_HINT = ("Log your sessions (corecoach log) and morning check-ins (corecoach check-in) "
                "and the plan adapts to how your back responds.")


# -- plan ---------------------------------------------------------------------------------


def plan_for(profile: Profile, catalog: Catalog, today: dt.date,
             history: History | None = None, week: int | None = None, *,
             state: JournalState | None = None) -> PlanOutcome:
    """The plan for ``today`` (or a preview of ``week``): from the journal when ``history``
    has entries, else from the calendar. Road runs carry their road-return route
    (``corecoach.roadreturn``) when road runs trouble the back; after the last week the
    plan closes the program (``corecoach.closing``).

    ``state`` is what :func:`journal_state` said for this profile, catalog, history and
    day, kept from an earlier run: given, the journal is not replayed again (a five-year
    journal then costs what a one-week journal costs), and ``history`` is needed only for
    a maintenance plan (``after = "maintain"``), which replays the program's last day.
    """
    if state is None and history is not None and history.entries:
        state = journal_state(profile, catalog, today, history)
    kept = None
    if week is None and profile.after == "maintain":
        from corecoach.maintenance import maintenance_outcome

        kept = maintenance_outcome(
            profile, catalog, today, history, state,
            replay=None if history is None else
            lambda day: journal_state(profile, catalog, day, history).progress)
    elif week is None and profile.after == "next-block" and state is None:
        from corecoach.closing import next_block_outcome

        kept = next_block_outcome(profile, catalog, today)
    if kept is not None:
        outcome = kept
    elif state is not None:
        outcome = _from_journal(profile, catalog, today, state, week)
    else:
        outcome = _from_calendar(profile, catalog, today, history, week)
    if outcome.plan is not None:
        road = state.road if state is not None else _road_day(profile, catalog, today,
                                                              history)
        if road is not None:
            from corecoach.roadreturn import with_road_day

            outcome.plan = with_road_day(outcome.plan, catalog, road)
        if week is None:
            outcome.plan = _with_close(outcome.plan, profile, catalog, today, history, state,
                                       maintaining=kept is not None
                                       and profile.after == "maintain")
    return outcome


def _from_calendar(profile: Profile, catalog: Catalog, today: dt.date,
                   history: History | None, week: int | None) -> PlanOutcome:
    outcome = build_plan(profile, catalog, week_for(profile, today, week))
    if outcome.plan is not None and history is not None:
        plan = outcome.plan
        outcome.plan = replace(plan, notes=[*plan.notes, LOGGING_HINT])
    return outcome


def _with_close(plan: Plan, profile: Profile, catalog: Catalog, today: dt.date,
                history: History | None, state: JournalState | None, *,
                maintaining: bool = False) -> Plan:
    """After the last program week: the closing summary and the choice of what comes next
    (corecoach.closing) as the plan's alert. A maintenance plan says so itself; one that
    could not be made (a flare) still closes the program."""
    if maintaining:
        return plan
    if state is not None:
        done = state.program_week - 1
        if not state.block or (profile.after == "next-block" and done % profile.weeks):
            return plan  # not over, or the chosen next block is under way
        run = list(state.block)
    elif profile.start is not None and today >= profile.start + dt.timedelta(
            weeks=profile.weeks):
        done = (today - profile.start).days // 7
        if profile.after == "next-block" and done % profile.weeks:
            return plan  # the chosen next block is under way
        blocks = done // profile.weeks if profile.after == "next-block" else 1
        run = _weeks_from(profile.start + dt.timedelta(weeks=(blocks - 1) * profile.weeks),
                          profile.weeks)
    else:
        return plan
    from corecoach.closing import close_lines, program_close

    if state is not None:
        close = program_close(profile, plan, today, run, numbers=state.close)
    else:
        close = program_close(profile, plan, today, run, history,
                              planned_per_week(profile, catalog))
    alerts = [*plan.alerts, *close_lines(close, profile.weeks, profile.back.pain)]
    return replace(plan, alerts=alerts)


def _weeks_from(origin: dt.date, weeks: int) -> list[dt.date]:
    """The Mondays of ``weeks`` calendar weeks in a row from ``origin``."""
    return [origin + dt.timedelta(weeks=n) for n in range(weeks)]


def _chain_days(profile: Profile, catalog: Catalog,
                template: Mapping[str, Sequence[str]] | None = None) -> dict[str, set[int]]:
    """Weekdays (0 = Monday) of each chain and exercise in the plan's weekly template (the
    same every week); the rest of the library maps to no days (every session counts for
    them)."""
    days: dict[str, set[int]] = {key: set() for key in (*catalog.chains, *catalog.exercises)}
    if template is None:
        template = template_days(profile, catalog)
    for key, on in template.items():
        days.setdefault(key, set()).update(DAYS.index(day) for day in on)
    return days


def limits_of(catalog: Catalog) -> Limits:
    """The journal's numbers from the library's ``[[limit]]`` tables."""
    from corecoach.library.limits import Limits

    return Limits.of(catalog.limits)


def gentle_chains(catalog: Catalog) -> frozenset[str]:
    """Chains and exercises of breathing and mobility only: gentle, daily-ok work that a bad
    morning never steps back."""
    gentle = {"breathing", "mobility"}
    found = {key for key, ex in catalog.exercises.items() if ex.category in gentle}
    found |= {key for key, chain in catalog.chains.items()
              if all(catalog.exercises[step].category in gentle for step in chain.steps)}
    return frozenset(found)


class JournalState(NamedTuple):
    """What the journal decided for one profile on one day: all a plan and `today` need of
    it, so a run that finds it kept need not replay the journal, nor read it (see
    ``to_data``); only a maintenance plan still reads it, to replay the program's last
    day."""

    progress: Progress
    alerts: tuple[str, ...]
    #: The last decision over every session, and its reason (None before any decision).
    last: tuple[str, str] | None
    check_in_due: dt.date | None
    #: Advice after severe pain logged today or yesterday, for every sport of the day.
    severe: str | None = None
    #: 1 + the program weeks the journal has completed, uncapped (past the program's end
    #: after the last week): where the program stands for its closing summary.
    program_week: int = 1
    #: A profile in flare mode: what the journal's check-ins say of it (corecoach.flarereview).
    flare_review: str | None = None
    #: After the program's last week: :func:`planned_per_week`, kept for the closing summary
    #: (it builds a plan of its own); None before.
    planned_per_week: int | None = None
    #: The Mondays of the program weeks of the last block completed, as the journal ran
    #: them (``corecoach.adapt.last_block``): what the closing summary reads; () before.
    block: tuple[dt.date, ...] = ()
    #: What the runs logged mean for the plan (``corecoach.roadreturn.road_day``; its road
    #: state without the judged runs, which a plan does not show); None when the profile
    #: plans no running and the journal holds no sport session.
    road: RoadDay | None = None
    #: The closing summary's numbers of the last block completed (``block``); None before.
    close: CloseNumbers | None = None
    #: The reminder to rate the profile's function goals (``corecoach.goals``), if due.
    rate: str | None = None

    def to_data(self) -> dict[str, Any]:
        """Plain JSON data; :meth:`from_data` reads it back."""
        return {
            "progress": _progress_data(self.progress),
            "alerts": list(self.alerts), "last": list(self.last) if self.last else None,
            "check_in_due": self.check_in_due.isoformat() if self.check_in_due else None,
            "severe": self.severe, "program_week": self.program_week,
            "flare_review": self.flare_review, "planned_per_week": self.planned_per_week,
            "block": [day.isoformat() for day in self.block],
            "road": None if self.road is None else _road_data(self.road),
            "close": None if self.close is None else list(self.close), "rate": self.rate,
        }

    @classmethod
    def from_data(cls, data: object) -> JournalState | None:
        """The state ``to_data`` wrote; None for anything else (never a guess)."""
        if not isinstance(data, dict):
            return None
        try:
            progress = _progress_from(data["progress"])
            alerts = tuple(data["alerts"])
            _check(all(isinstance(a, str) for a in alerts))
            last = data["last"]
            _check(last is None or (len(last) == 2 and all(isinstance(x, str) for x in last)))
            due = data["check_in_due"]
            severe = data["severe"]
            _check(severe is None or isinstance(severe, str))
            program_week = data["program_week"]
            _check(type(program_week) is int and program_week >= 1)
            review = data["flare_review"]
            _check(review is None or isinstance(review, str))
            per_week = data["planned_per_week"]
            _check(per_week is None or (type(per_week) is int and per_week >= 0))
            block = tuple(dt.date.fromisoformat(day) for day in data["block"])
            _check(all(day.weekday() == 0 for day in block) and list(block) == sorted(block))
            road = None if data["road"] is None else _road_from(data["road"])
            close = None if data["close"] is None else _close_from(data["close"])
            rate = data["rate"]
            _check(rate is None or isinstance(rate, str))
            return cls(progress, alerts,
                       (last[0], last[1]) if last else None,
                       dt.date.fromisoformat(due) if due is not None else None, severe,
                       program_week, review, per_week, block, road, close, rate)
        except (KeyError, TypeError, ValueError, AttributeError):
            return None


def _check(holds: bool) -> None:
    """Checks of kept data. Not `assert`: python -O would drop them, and a wrong shape must
    be a miss."""
    if not holds:
        raise ValueError("not kept journal data")


_ROAD_FIELDS = ("stage", "road_minutes", "run_minutes", "onset_minute", "onset_from",
                "clean_runs", "back_on_road", "because", "next", "tip")


def _road_data(road: RoadDay) -> dict[str, Any]:
    state = None if road.state is None else {k: getattr(road.state, k) for k in _ROAD_FIELDS}
    return {"state": state, "diary": road.diary}


def _road_from(data: Any) -> RoadDay:
    """The RoadDay :func:`_road_data` wrote; an error for anything else."""
    from corecoach.roadreturn import RoadDay, RoadState

    diary, state = data["diary"], data["state"]
    _check(diary is None or isinstance(diary, str))
    if state is None:
        return RoadDay(None, diary)
    _check(isinstance(state, dict) and set(state) == set(_ROAD_FIELDS))
    ints = (state["stage"], state["road_minutes"], state["run_minutes"], state["clean_runs"])
    _check(all(type(n) is int for n in ints) and type(state["back_on_road"]) is bool)
    _check(state["onset_minute"] is None or type(state["onset_minute"]) is int)
    _check(state["onset_from"] in ("journal", "profile", "none")
           and isinstance(state["because"], str))
    _check(all(state[k] is None or isinstance(state[k], str) for k in ("next", "tip")))
    return RoadDay(RoadState(**state, runs=()), diary)


def _close_from(data: Any) -> CloseNumbers:
    """The CloseNumbers a state's ``to_data`` wrote; an error for anything else."""
    from corecoach.closing import CloseNumbers

    adherence, first, last, suggested = data
    _check(all(x is None or type(x) in (int, float) for x in (adherence, first, last)))
    _check(suggested is None or type(suggested) is int)
    return CloseNumbers(adherence, first, last, suggested)


def _progress_data(p: Progress) -> dict[str, Any]:
    return {"week": p.week, "flare": p.flare, "hold": p.hold,
            "chains": {k: [c.advances, c.decision, c.because] for k, c in p.chains.items()},
            "max_minutes": p.max_minutes, "floor": p.floor}


def _progress_from(p: Any) -> Progress:
    """The Progress :func:`_progress_data` wrote; ValueError, KeyError or TypeError for
    anything else."""
    from corecoach.progression import ChainProgress

    chains = {}
    for key, (advances, decision, because) in p["chains"].items():
        _check(isinstance(key, str) and type(advances) is int)
        _check(isinstance(decision, str) and isinstance(because, str))
        chains[key] = ChainProgress(advances, decision, because)
    _check(type(p["week"]) is int and p["week"] >= 1 and type(p["flare"]) is bool)
    _check(p["hold"] is None or isinstance(p["hold"], str))
    cap, floor = p["max_minutes"], p["floor"]
    _check(cap is None or (type(cap) in (int, float) and cap >= 0))
    _check(floor is None or (isinstance(floor, dict) and all(
        isinstance(k, str) and type(v) is int for k, v in floor.items())))
    return Progress(p["week"], chains, p["flare"], p["hold"], cap, floor)


@dataclass
class PastProgress:
    """What the weekly cap asked of past weeks, kept between runs so that the first run of a
    day replays that day only.

    ``days``: what the journal said on the past days the cap asks about (the Sundays that
    end the last few weeks): day -> (the digest of the entries up to that day,
    :meth:`History.digests_through`; the progress then, None before the journal began). A
    day whose entries are unchanged is not replayed again.

    ``minutes``: how long the plan made with a past week's progress is, by
    :func:`progress_key` (None: that plan was withheld), so it is not planned again. After a
    run it holds the ones that run used.

    ``checkpoint``: where the journal's replays stood at the end of last week
    (``corecoach.adapt.Checkpoint``), with the digest of the entries up to that day: a new
    day goes on from there instead of replaying every session again.

    ``per_week``: :func:`planned_per_week` (None: not worked out yet), which the closing
    summary of an ended program asks every day.
    """

    days: dict[dt.date, tuple[str, Progress | None]] = field(default_factory=dict)
    minutes: dict[str, int | None] = field(default_factory=dict)
    checkpoint: tuple[str, Checkpoint] | None = None
    per_week: int | None = None


def progress_key(progress: Progress) -> str:
    """A digest of every value of ``progress``: equal keys, equal progress."""
    import hashlib
    import json

    text = json.dumps(_progress_data(progress), sort_keys=True, separators=(",", ":"))
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def past_progress_data(past: PastProgress, today: dt.date) -> dict[str, Any]:
    """Plain JSON data of the days the weekly cap may still ask about from ``today`` on, and
    of the plan minutes; :func:`past_progress_from` reads it back."""
    from corecoach.weekcap import cap_days

    oldest = min(cap_days(today))
    data: dict[str, Any] = {
        "days": {day.isoformat(): [digest, None if p is None else _progress_data(p)]
                 for day, (digest, p) in sorted(past.days.items()) if day >= oldest},
        "minutes": dict(past.minutes), "per_week": past.per_week}
    if past.checkpoint is not None:
        digest, checkpoint = past.checkpoint
        data["checkpoint"] = {"day": checkpoint.day.isoformat(), "digest": digest,
                              "tracks": {name: list(state)
                                         for name, state in checkpoint.tracks.items()}}
    return data


def past_progress_from(data: object) -> PastProgress:
    """What :func:`past_progress_data` wrote; days, minutes, planned days and a checkpoint
    in any other shape are left out."""
    found = PastProgress()
    if not isinstance(data, dict):
        return found
    days, minutes = data.get("days"), data.get("minutes")
    for day, value in (days.items() if isinstance(days, dict) else ()):
        try:
            digest, p = value
            _check(isinstance(digest, str))
            found.days[dt.date.fromisoformat(day)] = (
                digest, None if p is None else _progress_from(p))
        except (KeyError, TypeError, ValueError, AttributeError):
            continue
    for key, value in (minutes.items() if isinstance(minutes, dict) else ()):
        if value is None or (type(value) is int and value >= 0):
            found.minutes[key] = value
    per_week = data.get("per_week")
    if type(per_week) is int and per_week >= 0:
        found.per_week = per_week
    # Without a checkpoint, the day's replay starts from the first session.
    with suppress(KeyError, TypeError, ValueError, AttributeError):
        found.checkpoint = _checkpoint_from(data.get("checkpoint"))
    return found


def _checkpoint_from(data: Any) -> tuple[str, Checkpoint] | None:
    """The checkpoint :func:`past_progress_data` wrote; an error for any other shape (the
    replay then starts from the first session)."""
    from corecoach.adapt import Checkpoint, ReplayState
    from corecoach.facts import JOURNAL_FACTS

    if data is None:
        return None
    digest, tracks = data["digest"], {}
    _check(isinstance(digest, str) and isinstance(data["tracks"], dict))
    for name, (done, advances, streak, window, hard10, flare, point, last) in \
            data["tracks"].items():
        _check(isinstance(name, str) and type(flare) is bool)
        _check(all(type(n) is int for n in (done, advances, streak, window, hard10, point)))
        if last is not None:
            session, on, rule, values, move, capped = last
            _check(all(type(n) is int for n in (session, on, rule, move)))
            _check(type(capped) is bool and isinstance(values, list))
            _check(len(values) == len(JOURNAL_FACTS)
                   and all(type(v) in (int, bool, str) for v in values))
            last = (session, on, rule, tuple(values), move, capped)
        tracks[name] = ReplayState(done, advances, streak, window, hard10, flare, point, last)
    return digest, Checkpoint(dt.date.fromisoformat(data["day"]), tracks)


def journal_state(profile: Profile, catalog: Catalog, today: dt.date,
                  history: History, *, past: PastProgress | None = None) -> JournalState:
    """Replay ``history`` through the catalog's adapt rules: where each chain stands
    ``today``, what to alert, and which morning check-in is owed.

    ``past``, when given, is read and added to (:class:`PastProgress`): what the journal
    said on the past days the weekly cap asks about (replayed only when their entries
    changed), the minutes of the past plans the cap compares with, where the journal's
    replays stood at the end of last week (the day's replay goes on from there), and an
    ended program's planned days a week."""
    resume, digests = None, {}
    template = _replay_template(profile, catalog)  # the same for every day replayed
    if past is not None and history.entries:
        from corecoach.weekcap import cap_days

        days = cap_days(today)
        digests = history.digests_through(days)
        kept = past.checkpoint
        if kept is not None and digests.get(kept[1].day) == kept[0]:
            resume = kept[1]
        adaptation = _adaptation(profile, catalog, today, history, template, resume=resume,
                                 checkpoint=days[0])
        if adaptation.checkpoint is not None:
            past.checkpoint = (digests[days[0]], adaptation.checkpoint)
    else:
        adaptation = _adaptation(profile, catalog, today, history, template)
    last = adaptation.last
    progress = _week_capped(profile, catalog, today, history, adaptation.progress, past,
                            digests, resume, template)
    review = None
    if _profile_flare(profile):
        from corecoach.flarereview import review_alert

        review = review_alert(history.check_ins, today, limits_of(catalog).flare_pain)
    per_week = None
    if adaptation.program_week - 1 >= profile.weeks:  # ended: the closing summary needs it
        known = past.per_week if past is not None else None
        per_week = planned_per_week(profile, catalog) if known is None else known
        if past is not None:
            past.per_week = per_week
    close = None
    if adaptation.block:
        from corecoach.closing import close_numbers

        close = close_numbers(today, adaptation.block, history, per_week or 0)
    from corecoach.goals import rating_reminder

    road = _road_day(profile, catalog, today, history)
    if road is not None and road.state is not None:  # kept without the runs it judged
        road = road._replace(state=road.state._replace(runs=()))
    return JournalState(progress, adaptation.alerts,
                        (last.decision, last.because) if last is not None else None,
                        check_in_due(history, today),
                        severe_pain_alert(profile, catalog, today, history),
                        adaptation.program_week, review, per_week, adaptation.block,
                        road, close,
                        rating_reminder(history, profile.goals, today))


def _road_day(profile: Profile, catalog: Catalog, today: dt.date,
              history: History | None) -> RoadDay | None:
    """What the runs logged mean for the plan; None when the profile plans no running and
    the journal holds no sport session (nothing to route or to compare)."""
    if not any(a.sport == "running" for a in profile.activities) and (
            history is None or not history.activities):
        return None
    from corecoach.roadreturn import road_day

    return road_day(profile, catalog, today, history)


def _week_capped(profile: Profile, catalog: Catalog, today: dt.date, history: History,
                 progress: Progress, past: PastProgress | None,
                 digests: Mapping[dt.date, str], resume: Checkpoint | None,
                 template: _ReplayTemplate) -> Progress:
    """``progress`` with the journal's weekly growth cap (corecoach.weekcap); ``past`` as
    for :func:`journal_state`, with the ``digests`` of the days the cap may ask about, a
    checkpoint their replays may go on from (``resume``) and the ``template`` they replay
    with."""
    from corecoach.weekcap import with_week_cap

    used: dict[str, int | None] = {}

    def progress_at(day: dt.date) -> Progress | None:
        if not history.entries or history.entries[0].date > day:
            return None
        if past is None:
            return _adaptation(profile, catalog, day, history, template).progress
        digest, kept = digests.get(day), past.days.get(day)
        if digest is not None and kept is not None and kept[0] == digest:
            return kept[1]
        then = _adaptation(profile, catalog, day, history, template,
                           resume=resume if resume is not None and resume.day < day
                           else None).progress
        if digest is not None:
            past.days[day] = (digest, then)
        return then

    def planned_minutes(then: Progress) -> int | None:
        plan = build_plan(profile, catalog, then.week, then).plan
        return None if plan is None else sum(d.minutes for d in plan.days)

    def minutes_of(then: Progress) -> int | None:
        if past is None:
            return planned_minutes(then)
        key = progress_key(then)
        used[key] = past.minutes[key] if key in past.minutes else planned_minutes(then)
        return used[key]

    capped = with_week_cap(progress, today, progress_at, minutes_of)
    if past is not None:
        past.minutes = used
    return capped


def _profile_flare(profile: Profile) -> bool:
    """The profile itself says the back is flared up (the ``flare`` fact)."""
    from corecoach.facts import derive_facts

    return bool(derive_facts(profile)["flare"])


class _ReplayTemplate(NamedTuple):
    """What a replay needs of the plan's weekly template: each chain's weekdays, and where
    a move back on loaded work lands (``corecoach.planner.journal_template``)."""

    chains: dict[str, set[int]]
    lighter: dict[str, Callable[[int], int]]


def _replay_template(profile: Profile, catalog: Catalog) -> _ReplayTemplate:
    """The template for replaying ``profile``'s journal: built once per state (it builds
    a Program), whichever days the weekly cap replays."""
    from corecoach.planner import journal_template

    days, lighter = journal_template(profile, catalog)
    return _ReplayTemplate(_chain_days(profile, catalog, days), lighter)


def _adaptation(profile: Profile, catalog: Catalog, today: dt.date, history: History,
                template: _ReplayTemplate, *, resume: Checkpoint | None = None,
                checkpoint: dt.date | None = None) -> Adaptation:
    from corecoach.adapt import adapt

    return adapt(history, catalog.adapt, today=today, weeks=profile.weeks,
                 baseline_pain=profile.back.pain, start=profile.start,
                 chains=template.chains, limits=limits_of(catalog),
                 gentle=gentle_chains(catalog), cleared=profile.screening.legs_assessed(),
                 lighter=template.lighter, resume=resume, checkpoint=checkpoint)


def _from_journal(profile: Profile, catalog: Catalog, today: dt.date, state: JournalState,
                  week: int | None) -> PlanOutcome:
    from corecoach.days import monday

    progress = state.progress
    if week is not None:
        # A preview of one week keeps the calendar's positions; a hold or a flare still applies.
        preview = Progress(week=week, chains={}, flare=progress.flare, hold=progress.hold)
        return build_plan(profile, catalog, week, preview, from_journal=True)
    planned = profile
    if profile.start is not None and today >= profile.start:
        # The program waits for you: this calendar week shows the journal's week.
        start = monday(today) - dt.timedelta(weeks=progress.week - 1)
        planned = profile.model_copy(update={"start": start})
    flat = _profile_flare(profile)
    if flat:
        # The profile's flare keeps the plan flat, whatever the journal says (G24).
        progress = Progress(week=progress.week, chains={}, flare=True, hold=progress.hold)
    outcome = build_plan(planned, catalog, progress.week, progress, from_journal=True)
    if outcome.plan is not None:
        plan = outcome.plan
        alerts = [*plan.alerts, *(a for a in state.alerts if a not in plan.alerts)]
        if state.flare_review and state.flare_review not in alerts:
            alerts.append(state.flare_review)
        adapted = _adapted(plan, state)
        if flat:
            from corecoach.flarereview import flat_reason

            adapted = [Adapted(chain=a.chain, decision=flat[0], because=flat[1])
                       for a in adapted for flat in (flat_reason(a.decision),)]
        outcome.plan = replace(plan, adapted=adapted, alerts=alerts)
    return outcome


def _adapted(plan: Plan, state: JournalState) -> list[Adapted]:
    """The journal's decision for each chain (or lone exercise) in the plan, by id."""
    if state.last is None:
        return []
    seen: list[str] = []
    for day in plan.days:
        for item in day.items:
            key = item.chain or item.exercise
            if key not in seen:
                seen.append(key)
    chains = state.progress.chains
    decision, because = state.last
    return [Adapted(chain=key, decision=chains[key].decision, because=chains[key].because)
            if key in chains else Adapted(chain=key, decision=decision, because=because)
            for key in sorted(seen)]


# -- explain --------------------------------------------------------------------------------


def explain_for(profile: Profile, catalog: Catalog, today: dt.date,
                history: History | None = None, week: int | None = None, *,
                exercise: str | None = None, show_all: bool = False) -> Explanation:
    """Why the plan looks the way it does: the rules that fired (``show_all``: and those
    that did not), or why one ``exercise`` is in the plan or not; with the journal's
    decisions when it adapted the plan. An unknown exercise id is an InputError."""
    from corecoach.explain import explain_exercise, explain_rules

    outcome = plan_for(profile, catalog, today, history, week)
    if exercise is not None:
        catalog.exercise(exercise)  # an unknown id is a one-line error with a suggestion
        explanation = explain_exercise(outcome, catalog, exercise)
    else:
        explanation = explain_rules(outcome, catalog, show_all=show_all)
    if outcome.plan is not None and outcome.plan.adapted:
        from corecoach.render.common import adapted_lines

        explanation = explanation.model_copy(update={"lines": [
            *explanation.lines, "Adapted from your journal:",
            *(f"  {line}" for line in adapted_lines(outcome.plan))]})
    return explanation


# -- today ----------------------------------------------------------------------------------


class TodayView(NamedTuple):
    """What `today` shows: the day, the program week, the items, and what is pending."""

    date: dt.date
    week: int | None
    weeks: int | None
    day: PlanDay | None
    check_in_due: dt.date | None
    adapted: list[Adapted]
    alerts: list[str]
    withheld: str | None
    #: The reminder to rate the function goals (`corecoach rate`), when one is due.
    rate_due: str | None = None


def check_in_due(history: History | None, today: dt.date) -> dt.date | None:
    """The morning a check-in is still owed for (the day after a session done in the last
    two days, with no check-in since), if any."""
    if history is None:
        return None
    sessions = [s for s in history.sessions if s.date < today and s.status != "skipped"]
    if not sessions:
        return None
    last = sessions[-1].date
    if (today - last).days > 2:
        return None
    if any(c.date > last for c in history.check_ins if c.date <= today):
        return None
    return last + dt.timedelta(days=1)


def pain_advice(profile: Profile, pain: int, when: str, today: dt.date) -> str:
    """What to do today after pain at the severe-pain limit or above: ease or skip training
    (naming every sport of ``today``), and when to get seen."""
    sports = [a for a in profile.activities if DAYS[today.weekday()] in a.days]
    if sports:
        named = "; ".join(f"{a.sport} ({a.minutes} min): go easy or skip it"
                          for a in sports)
        training = f"ease off or skip hard training today - {named}"
    else:
        training = "ease off or skip hard training today"
    return (f"Your back was {pain}/10 {when}: {training}. Short easy walks and gentle "
            "movement are fine. If it has not eased within a few days, see a doctor or "
            "physiotherapist; get seen urgently with numbness around the saddle or genitals, "
            "new weakness in a leg, or bladder or bowel changes.")


def entry_advice(profile: Profile, catalog: Catalog, entry: Entry, today: dt.date
                 ) -> str | None:
    """What to say at once after logging ``entry``: with pain at the severe-pain limit or
    above, ease or skip today's training and when to get seen (:func:`pain_advice`); else
    None."""
    pain = entry.reported_pain()
    if pain is None or pain < limits_of(catalog).severe_pain:
        return None
    if entry.date == today:
        when = "during the session" if entry.kind == "session" else "this morning"
    else:
        when = f"on {entry.date}"
    return pain_advice(profile, pain, when, today)


def _severe(entry: Entry, limit: int) -> int | None:
    value = entry.reported_pain() if entry.kind in ("check-in", "session") else None
    return value if value is not None and value >= limit else None


def severe_pain_alert(profile: Profile, catalog: Catalog, today: dt.date,
                      history: History | None, *, since_days: int = 1) -> str | None:
    """Advice for pain at the severe-pain limit or above logged today or in the last
    ``since_days`` days (the latest such entry), else None."""
    if history is None:
        return None
    limit = limits_of(catalog).severe_pain
    first = today - dt.timedelta(days=since_days)
    for entry in reversed(history.entries):
        if entry.date > today:
            continue
        if entry.date < first:
            break
        pain = _severe(entry, limit)
        if pain is not None:
            if entry.date == today:
                when = "during today's session" if entry.kind == "session" else "this morning"
            else:
                when = ("during the session" if entry.kind == "session" else "in the morning") \
                    + f" of {weekday_name(entry.date)} {entry.date}"
            return pain_advice(profile, pain, when, today)
    return None


def journal_hold(profile: Profile, catalog: Catalog, today: dt.date,
                 history: History) -> str | None:
    """Why the journal holds the plan today (leg symptoms), or None: what `check-in` says
    before it exits 3."""
    return _over_every_session(profile, catalog, today, history).progress.hold


def _over_every_session(profile: Profile, catalog: Catalog, today: dt.date,
                        history: History, *, keep: bool = False) -> Adaptation:
    """The journal's decisions over every session together (no per-chain replay): what
    holds the plan, and (``keep``) the decisions the summary lists."""
    from corecoach.adapt import adapt

    return adapt(history, catalog.adapt, today=today, weeks=profile.weeks,
                 baseline_pain=profile.back.pain, start=profile.start, chains={}, keep=keep,
                 limits=limits_of(catalog), cleared=profile.screening.legs_assessed())


def today_for(profile: Profile, catalog: Catalog, today: dt.date,
              history: History | None = None, *,
              state: JournalState | None = None) -> TodayView:
    """Today's session out of this week's plan, the morning check-in if one is due, and
    advice at once after severe pain, for every sport of the day (``state`` as for
    :func:`plan_for`)."""
    if state is None and history is not None and history.entries:
        state = journal_state(profile, catalog, today, history)
    outcome = plan_for(profile, catalog, today, history, state=state)
    due = state.check_in_due if state is not None else check_in_due(history, today)
    severe = state.severe if state is not None else None
    if state is not None:
        rate = state.rate
    else:
        from corecoach.goals import rating_reminder

        rate = rating_reminder(history, profile.goals, today)
    if outcome.plan is None:
        assert outcome.withheld is not None
        reason = f"{outcome.withheld.reason} {outcome.withheld.advice}"
        return TodayView(today, None, None, None, due, [], [severe] if severe else [], reason,
                         rate)
    plan = outcome.plan
    day = plan.days[today.weekday()]
    mine = {item.chain or item.exercise for item in day.items}
    alerts = [*([severe] if severe else []), *plan.alerts]
    return TodayView(today, plan.week, plan.weeks, day, due,
                     [a for a in plan.adapted if a.chain in mine], alerts, None, rate)


# -- history --------------------------------------------------------------------------------


class HistoryView(NamedTuple):
    """What `history` shows: the entries, a summary per calendar week, and (when asked)
    the mornings after runs by surface."""

    label: str
    history: History
    weeks: list[WeekSummary]
    surfaces: list[SurfaceSummary] | None
    #: Each function goal's ratings and change (corecoach.goals), beside pain.
    goals: tuple[GoalTrend, ...] = ()


def planned_per_week(profile: Profile, catalog: Catalog) -> int:
    """Training days a week in the profile's calendar plan (what adherence is measured on)."""
    outcome = build_plan(profile, catalog, 1)
    if outcome.plan is None:
        return 0
    # A warm-up before sport on a day corecoach may not use is not a corecoach session.
    return sum(1 for d in outcome.plan.training_days() if d.day in profile.available_days)


def history_for(profile: Profile, catalog: Catalog, today: dt.date, history: History,
                since: dt.date | None = None, by_surface: bool = False) -> HistoryView:
    """The journal since ``since`` (all of it for None): weeks with adherence and pain, and
    with ``by_surface`` the next-morning pain after runs on each surface."""
    from corecoach.goals import goal_trends
    from corecoach.journal.history import by_surface as surfaces_of
    from corecoach.journal.history import weekly

    shown = history.since(since)
    weeks = weekly(shown, planned_per_week(profile, catalog), today)
    return HistoryView(profile.label, shown, weeks, surfaces_of(shown) if by_surface else None,
                       tuple(t for t in goal_trends(shown, profile.goals) if t.ratings))


# -- summary --------------------------------------------------------------------------------


def summary_for(profile: Profile, catalog: Catalog, today: dt.date,
                history: History | None = None, since: dt.date | None = None) -> Summary:
    """One page for a physio visit (``corecoach.summary``): the person, the plan of
    ``today`` and where each chain stands, and the journal since ``since`` (all of it for
    None): adherence and pain per week, function goals, runs by surface, the road-return
    stage, and the journal's decisions of the last four weeks with their reasons."""
    from corecoach.goals import GoalTrend, goal_trends
    from corecoach.journal.history import by_surface, weekly
    from corecoach.summary import build_summary

    outcome = plan_for(profile, catalog, today, history)
    withheld = None
    if outcome.plan is None and outcome.withheld is not None:
        withheld = f"{outcome.withheld.reason} {outcome.withheld.advice}"
    judgements: tuple[Any, ...] = ()
    weeks: list[WeekSummary] = []
    surfaces: list[SurfaceSummary] = []
    trends: list[GoalTrend] = []
    shown: History | None = None  # the journal since ``since``
    if history is not None and history.entries:
        shown = history.since(since)
        judgements = _over_every_session(profile, catalog, today, history,
                                         keep=True).judgements
        weeks = weekly(shown, planned_per_week(profile, catalog), today)
        surfaces = by_surface(shown)
        trends = [t for t in goal_trends(shown, profile.goals) if t.ratings]
    if not trends:
        trends = [GoalTrend(goal, ()) for goal in profile.goals]
    return build_summary(profile, outcome.plan, withheld, today, since, shown, weeks,
                         surfaces, trends, judgements)
