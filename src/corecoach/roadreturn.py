"""Back on the road: the trigger diary becomes a graded return to road running.

For a runner whose back tightens on road runs (the profile's symptom
``seizes-during-running``, or road runs logged with ``--tight-at``), every road run in the
plan gets a route: the first R minutes on the road, the rest on a trail, track or
treadmill. R starts below the minute the back usually tightens and moves by the
``[[road]]`` rules of routines/road/ (docs/road-return.md), one road run of the journal at a
time, in date order:

- each road run is judged against the R of its day, with the road facts of
  ``corecoach.facts.ROAD_FACTS``; the first matching rule (by rank) decides;
- ``count`` adds a clean run, ``progress`` moves R up (5 min, never more than a fifth of the
  planned run), ``hold`` keeps R and starts the count again, ``step-back`` goes back to the
  stage before (or 5 min down from the first);
- once R covers the whole planned run and road runs have stayed clean for two weeks, the
  person is back on the road and the route drops out.

Pure: the journal comes in as a History, today's date as an argument.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from corecoach.days import weekday_name

if TYPE_CHECKING:
    from corecoach.journal.entry import Entry
    from corecoach.journal.history import History
    from corecoach.library.catalog import Catalog, CompiledRoad
    from corecoach.plan import Plan
    from corecoach.profile import Profile

__all__ = [
    "BACK_ON_ROAD_DAYS",
    "DEFAULT_MINUTES",
    "JudgedRun",
    "RoadDay",
    "RoadState",
    "first_road_minutes",
    "road_day",
    "road_state",
    "route_for",
    "with_road_day",
    "with_road_return",
]

#: R with no minute of onset known (no diary, no back.tight_after_minutes).
DEFAULT_MINUTES = 10
#: R starts at this share of the usual onset minute...
START_SHARE = 0.75
#: ...rounded to this many minutes, and never below it.
ROUND_TO = 5
#: A progress step: this many minutes...
STEP_MINUTES = 5
#: ...and never more than this share of the planned run.
MAX_STEP_SHARE = 0.2
#: Whole road runs without tightening for this long: back on the road.
BACK_ON_ROAD_DAYS = 14
#: The median onset reads this many of the latest road runs that tightened.
ONSET_RUNS = 10
#: Where the rest of a road run goes.
REST_SURFACE = "trail or treadmill"
#: The advice that comes with the first stage (later stages take their rule's tip).
START_TIP = ("Roads slope toward the kerb: on the road part, switch the side you run on or "
             "run out and back, so the slope doesn't always tilt you the same way.")
#: The rule id whose reason assumes every run is on the road (advice that must match the
#: diary once other surfaces are logged).
ONLY_ROAD_RULE = "vary-running-surface"


class JudgedRun(NamedTuple):
    """One road run of the journal, the rule that judged it, and the R before and after."""

    date: dt.date
    minutes: int
    tight_at: int | None
    rule: str
    decision: str
    because: str
    road_minutes: int
    next_minutes: int


class RoadState(NamedTuple):
    """Where the road return stands today."""

    stage: int
    road_minutes: int
    run_minutes: int
    onset_minute: int | None
    onset_from: str  # "journal", "profile" or "none"
    clean_runs: int
    back_on_road: bool
    because: str
    next: str | None
    tip: str | None
    runs: tuple[JudgedRun, ...]


def _round_to(minutes: float) -> int:
    # Down, so the first stage stays below the onset (22 -> 16.5 -> 15; 10 -> 7.5 -> 5).
    return max(ROUND_TO, int(minutes // ROUND_TO) * ROUND_TO)


def first_road_minutes(onset: int | None) -> int:
    """R of the first stage: about three quarters of the usual onset, rounded down to
    5 min (never below 5); 10 min with no onset known."""
    if onset is None:
        return DEFAULT_MINUTES
    return _round_to(onset * START_SHARE)


def _step(run_minutes: int) -> int:
    return max(1, min(STEP_MINUTES, int(run_minutes * MAX_STEP_SHARE)))


def _road_runs(history: History | None, today: dt.date) -> list[Entry]:
    if history is None:
        return []
    return [e for e in history.activities
            if e.sport == "running" and e.surface == "road" and e.date <= today]


def _onset(profile: Profile, runs: Sequence[Entry]) -> tuple[int | None, str]:
    tightened = [e.tight_at for e in runs if e.tight_at is not None][-ONSET_RUNS:]
    if tightened:
        from statistics import median  # only with a diary of road runs

        return round(median(tightened)), "journal"
    if profile.back.tight_after_minutes is not None:
        return profile.back.tight_after_minutes, "profile"
    return None, "none"


def _planned_road_minutes(profile: Profile) -> int | None:
    road = [a.minutes for a in profile.activities if a.run_surface == "road"]
    return max(road) if road else None


def _applies(profile: Profile, runs: Sequence[Entry]) -> bool:
    if profile.back.symptom == "seizes-during-running":
        return _planned_road_minutes(profile) is not None or bool(runs)
    return any(e.tight_at is not None for e in runs)


def _format(text: str, values: dict[str, object]) -> str:
    shown = {k: (f"{v:g}" if isinstance(v, float) else v) for k, v in values.items()}
    return text.format(**shown)


def _first_match(rules: Sequence[CompiledRoad], facts: dict[str, object]) -> CompiledRoad | None:
    return next((r for r in rules if r.condition.evaluate(facts)), None)


def road_state(profile: Profile, catalog: Catalog, today: dt.date,
               history: History | None = None) -> RoadState | None:
    """The road return for ``profile`` on ``today``, or None when road runs do not trouble
    the back (nothing to return to)."""
    runs = _road_runs(history, today)
    if not _applies(profile, runs):
        return None
    planned = _planned_road_minutes(profile)
    run_minutes = planned or max(e.minutes or 0 for e in runs)
    onset, onset_from = _onset(profile, runs)
    ladder = [min(first_road_minutes(onset), run_minutes)]
    clean = 0
    full_since: dt.date | None = None
    back = False
    judged: list[JudgedRun] = []
    tip: str | None = START_TIP
    if runs:  # the journal's machinery loads only when there are road runs to judge
        from corecoach.adapt import usual_level
        from corecoach.library.limits import Limits

        assert history is not None  # runs come from the history
        limits = Limits.of(catalog.limits)
        usual_on = usual_level(history, profile.back.pain, limits)
        mornings: dict[dt.date, int] = {}
        for c in history.check_ins:
            if c.pain is not None:
                mornings.setdefault(c.date, c.pain)
    for run in runs:
        road = ladder[-1]
        morning = mornings.get(run.date + dt.timedelta(days=1))
        if morning is None and run.tight_at is None and today <= run.date + dt.timedelta(days=1):
            continue  # its morning is still to come
        usual = usual_on(run.date)
        minutes = run.minutes or 0
        facts: dict[str, object] = {
            "minutes": minutes, "road_minutes": road, "full_road": road >= run_minutes,
            "reached": minutes >= road, "tightened": run.tight_at is not None,
            "tight_at": -1 if run.tight_at is None else run.tight_at,
            "checked_in": morning is not None,
            "morning_pain": -1 if morning is None else morning, "usual_pain": usual,
            "morning_change": 0 if morning is None else morning - usual,
            "tolerance": limits.tolerance,
            "clean_runs": clean,
        }
        rule = _first_match(catalog.road, facts)
        if rule is None:
            continue
        decision = rule.rule.decision
        if decision == "step-back":
            if len(ladder) > 1:
                ladder.pop()
            else:
                ladder[-1] = max(ROUND_TO, road - STEP_MINUTES)
            clean, full_since, back = 0, None, False
        elif decision == "progress":
            ladder.append(min(run_minutes, road + _step(run_minutes)))
            clean = 0
        elif decision == "hold":
            clean, full_since, back = 0, None, False
        else:
            clean += 1
        if ladder[-1] >= run_minutes and decision in ("count", "progress"):
            full_since = full_since or run.date
            back = back or (run.date - full_since).days >= BACK_ON_ROAD_DAYS
        if rule.rule.tip is not None and decision in ("progress", "step-back"):
            tip = rule.rule.tip
        values = {**facts, "day": weekday_name(run.date), "date": run.date.isoformat(),
                  "next_minutes": ladder[-1]}
        judged.append(JudgedRun(run.date, minutes, run.tight_at, rule.rule.id, decision,
                                _format(rule.rule.because, values), road, ladder[-1]))
    road = ladder[-1]
    because = judged[-1].because if judged else _start_because(onset, onset_from, road)
    return RoadState(stage=len(ladder), road_minutes=road, run_minutes=run_minutes,
                     onset_minute=onset, onset_from=onset_from, clean_runs=clean,
                     back_on_road=back, because=_capital(because),
                     next=_next(road, run_minutes, clean, full_since, back),
                     tip=None if back else tip, runs=tuple(judged))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _start_because(onset: int | None, onset_from: str, road: int) -> str:
    if onset_from == "journal":
        return (f"your back usually tightens at minute {onset} of a road run (the median of "
                f"your journal's road runs that tightened), so the road part starts below "
                f"it, at {road} min")
    if onset_from == "profile":
        return (f"your profile says your back tightens about {onset} minutes into a road "
                f"run, so the road part starts below it, at {road} min")
    return (f"no minute of tightening is known yet, so the road part starts at {road} min; "
            "log road runs with --tight-at MIN when the back tightens")


def _next(road: int, run_minutes: int, clean: int, full_since: dt.date | None,
          back: bool) -> str | None:
    if back:
        return None
    if road >= run_minutes:
        if full_since is None:
            return ("back on the road after two weeks of whole road runs without "
                    "tightening")
        return (f"back on the road on {full_since + dt.timedelta(days=BACK_ON_ROAD_DAYS)} "
                "if the road runs until then stay clean")
    more = min(run_minutes, road + _step(run_minutes))
    runs = "two road runs" if clean == 0 else "one more road run"
    return f"{more} min after {runs} without tightening"


def route_for(state: RoadState | None, minutes: int) -> list[tuple[str, int]] | None:
    """A road run's route as (surface, minutes) legs: R on the road, the rest elsewhere;
    None when there is no road return (or the person is back on the road)."""
    if state is None or state.back_on_road:
        return None
    road = min(state.road_minutes, minutes)
    if road >= minutes:
        return [("road", minutes)]
    return [("road", road), (REST_SURFACE, minutes - road)]


def road_notes(state: RoadState) -> list[str]:
    """The plan's notes on the road return, in plain words: the stage first, then why,
    then the experiment that goes with it."""
    if state.back_on_road:
        return ["Back on the road: your whole road runs have stayed clear of tightening for "
                "two weeks, so the route drops out. If the back tightens again, log the "
                "minute (--tight-at) and the route comes back."]
    head = (f"Back on the road, stage {state.stage}: the first {state.road_minutes} min of "
            "each road run on the road, the rest on a trail, track or treadmill"
            + (f"; {state.next}." if state.next else "."))
    return [head, f"{state.because}.", *([state.tip] if state.tip else [])]


# -- advice that matches the diary ------------------------------------------------------


def logged_surfaces(history: History | None, today: dt.date) -> dict[str, int]:
    """Runs logged per surface (without a surface: left out), up to ``today``."""
    counts: dict[str, int] = {}
    if history is None:
        return counts
    for e in history.activities:
        if e.sport == "running" and e.surface and e.date <= today:
            counts[e.surface] = counts.get(e.surface, 0) + 1
    return counts


def _diary_reason(counts: dict[str, int], history: History, today: dt.date) -> str:
    road = [e for e in _road_runs(history, today)]
    tightened = sum(e.tight_at is not None for e in road)
    others = ", ".join(f"{n} on {s}" for s, n in sorted(counts.items()) if s != "road")
    off_tight = sum(1 for e in history.activities
                    if e.sport == "running" and e.surface not in (None, "road")
                    and e.tight_at is not None and e.date <= today)
    return (f"Your journal has {counts.get('road', 0)} road runs ({tightened} tightened) and "
            f"{others} ({off_tight} tightened): the comparison shows what went with what, "
            "not what caused it, and small changes of surface, road side and stride are a "
            "cheap experiment.")


class RoadDay(NamedTuple):
    """All a plan takes of the journal's runs on one day."""

    #: Where the road return stands (None: road runs do not trouble the back).
    state: RoadState | None
    #: The surface rule's reason in the diary's words, once runs on other surfaces are
    #: logged (None: the rule keeps its own).
    diary: str | None = None


def road_day(profile: Profile, catalog: Catalog, today: dt.date,
             history: History | None = None) -> RoadDay:
    """What the journal's runs up to ``today`` mean for the plan of that day."""
    counts = logged_surfaces(history, today)
    diary = None
    if history is not None and any(s != "road" for s in counts):
        diary = _diary_reason(counts, history, today)
    return RoadDay(road_state(profile, catalog, today, history), diary)


def with_road_return(plan: Plan, profile: Profile, catalog: Catalog, today: dt.date,
                     history: History | None = None) -> Plan:
    """``plan`` with a route on every road run, its ``road_return``, the road-return note,
    and surface advice that matches what the journal logged."""
    return with_road_day(plan, catalog, road_day(profile, catalog, today, history))


def with_road_day(plan: Plan, catalog: Catalog, road: RoadDay) -> Plan:
    """``plan`` with what :func:`road_day` found (see :func:`with_road_return`)."""
    from dataclasses import replace

    from corecoach.plan import RoadReturn, RouteLeg

    state = road.state
    notes = list(plan.notes)
    rules = plan.rules
    if road.diary is not None:
        rules = [replace(r, because=road.diary) if r.id == ONLY_ROAD_RULE else r
                 for r in rules]
    if state is None:
        return plan if rules is plan.rules else replace(plan, rules=rules)
    # The surface rule's tips come with the road return's stages instead.
    own = {n for c in catalog.rules if c.rule.id == ONLY_ROAD_RULE for n in c.rule.notes}
    notes = [*road_notes(state), *(n for n in notes if n not in own)]
    days = []
    for day in plan.days:
        sessions = []
        for s in day.sessions:
            legs = route_for(state, s.minutes) if s.sport == "running" and \
                s.surface == "road" else None
            sessions.append(s if legs is None else replace(
                s, route=[RouteLeg(surface=surface, minutes=m) for surface, m in legs]))
        days.append(replace(day, sessions=sessions))
    road_return = RoadReturn(stage=state.stage, road_minutes=state.road_minutes,
                             onset_minute=state.onset_minute, because=state.because,
                             next=state.next, back_on_road=state.back_on_road, tip=state.tip)
    return replace(plan, rules=rules, days=days, notes=notes, road_return=road_return)
