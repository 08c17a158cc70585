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
from dataclasses import dataclass
from typing import TYPE_CHECKING

from corecoach.plan import Adapted, Plan, PlanDay
from corecoach.planner import PlanOutcome, build_plan, template_days, week_for
from corecoach.profile import Profile
from corecoach.vocab import DAYS

if TYPE_CHECKING:
    from corecoach.adapt import Adaptation
    from corecoach.explain import Explanation
    from corecoach.journal.history import History, SurfaceSummary, WeekSummary
    from corecoach.library.catalog import Catalog

__all__ = [
    "LOGGING_HINT",
    "HistoryView",
    "TodayView",
    "check_in_due",
    "explain_for",
    "history_for",
    "plan_for",
    "planned_per_week",
    "today_for",
]

#: Said once in a plan made from a profile file whose journal has no entries yet.
LOGGING_HINT = ("Log your sessions (corecoach log) and morning check-ins (corecoach check-in) "
                "and the plan adapts to how your back responds.")


# -- plan ---------------------------------------------------------------------------------


def plan_for(profile: Profile, catalog: Catalog, today: dt.date,
             history: History | None = None, week: int | None = None) -> PlanOutcome:
    """The plan for ``today`` (or a preview of ``week``): from the journal when ``history``
    has entries, else from the calendar. Road runs carry their road-return route
    (``corecoach.roadreturn``) when road runs trouble the back."""
    outcome, adaptation = _planned(profile, catalog, today, history, week)
    if outcome.plan is not None:
        from corecoach.roadreturn import with_road_return

        outcome.plan = with_road_return(outcome.plan, profile, catalog, today, history)
        if week is None:
            outcome.plan = _with_close(outcome.plan, profile, catalog, today, history,
                                       adaptation)
    return outcome


def _with_close(plan: Plan, profile: Profile, catalog: Catalog, today: dt.date,
                history: History | None, adaptation: Adaptation | None) -> Plan:
    """After the last program week: the closing summary and the choice of what comes next
    (corecoach.closing), in place of the bare "program ended" alert."""
    from corecoach.days import monday

    if adaptation is not None:
        done = adaptation.program_week - 1
        if done < profile.weeks or (profile.after is not None and done % profile.weeks):
            return plan  # not over, or the chosen next block is under way
        end = monday(today) - dt.timedelta(weeks=done % profile.weeks)
        origin = end - dt.timedelta(weeks=profile.weeks)
    elif profile.start is not None and today >= profile.start + dt.timedelta(
            weeks=profile.weeks):
        origin = profile.start
    else:
        return plan
    from corecoach.closing import close_lines, program_close

    close = program_close(profile, plan, today, origin, history,
                          planned_per_week(profile, catalog))
    bare = _ended(profile, today)
    alerts = [a for a in plan.alerts if a != bare]
    alerts += close_lines(close, profile.weeks, profile.back.pain)
    return plan.model_copy(update={"alerts": alerts})


def _planned(profile: Profile, catalog: Catalog, today: dt.date, history: History | None,
             week: int | None) -> tuple[PlanOutcome, Adaptation | None]:
    if history is not None and history.entries:
        return _from_journal(profile, catalog, today, history, week)
    outcome = build_plan(profile, catalog, week_for(profile, today, week))
    if outcome.plan is not None:
        plan = outcome.plan
        alerts = list(plan.alerts)
        ended = _ended(profile, today) if week is None else None
        if ended is not None and ended not in alerts:
            alerts.append(ended)
        notes = [*plan.notes, LOGGING_HINT] if history is not None else list(plan.notes)
        outcome.plan = plan.model_copy(update={"alerts": alerts, "notes": notes})
    return outcome, None


def _ended(profile: Profile, today: dt.date) -> str | None:
    """The alert for a calendar program whose last week is over, if it is."""
    if profile.start is None:
        return None
    ended = profile.start + dt.timedelta(weeks=profile.weeks)
    if today < ended:
        return None
    return (f"This {profile.weeks}-week program ended on {ended - dt.timedelta(days=1)}; "
            "this is its last week. Set a new start (a Monday) in the profile for another "
            "round.")


def _chain_days(profile: Profile, catalog: Catalog) -> dict[str, set[int]]:
    """Weekdays (0 = Monday) of each chain and exercise in the plan's weekly template (the
    same every week); the rest of the library maps to no days (every session counts for
    them)."""
    days: dict[str, set[int]] = {key: set() for key in (*catalog.chains, *catalog.exercises)}
    for key, on in template_days(profile, catalog).items():
        days.setdefault(key, set()).update(DAYS.index(day) for day in on)
    return days


def _from_journal(profile: Profile, catalog: Catalog, today: dt.date, history: History,
                  week: int | None) -> tuple[PlanOutcome, Adaptation]:
    from corecoach.adapt import adapt
    from corecoach.days import monday
    from corecoach.progression import Progress

    adaptation = adapt(history, catalog.adapt, today=today, weeks=profile.weeks,
                       baseline_pain=profile.back.pain, start=profile.start,
                       chains=_chain_days(profile, catalog))
    progress = adaptation.progress
    if week is not None:
        # A preview of one week keeps the calendar's positions; a hold or a flare still applies.
        preview = Progress(week=week, chains={}, flare=progress.flare, hold=progress.hold)
        return build_plan(profile, catalog, week, preview), adaptation
    planned = profile
    if profile.start is not None and today >= profile.start:
        # The program waits for you: this calendar week shows the journal's week.
        start = monday(today) - dt.timedelta(weeks=progress.week - 1)
        planned = profile.model_copy(update={"start": start})
    outcome = build_plan(planned, catalog, progress.week, progress)
    if outcome.plan is not None:
        plan = outcome.plan
        alerts = [*plan.alerts, *(a for a in adaptation.alerts if a not in plan.alerts)]
        outcome.plan = plan.model_copy(update={"adapted": _adapted(plan, adaptation),
                                               "alerts": alerts})
    return outcome, adaptation


def _adapted(plan: Plan, adaptation: Adaptation) -> list[Adapted]:
    """The journal's decision for each chain (or lone exercise) in the plan, by id."""
    last = adaptation.last
    if last is None:
        return []
    seen: list[str] = []
    for day in plan.days:
        for item in day.items:
            key = item.chain or item.exercise
            if key not in seen:
                seen.append(key)
    chains = adaptation.progress.chains
    return [Adapted(chain=key, decision=chains[key].decision, because=chains[key].because)
            if key in chains else Adapted(chain=key, decision=last.decision,
                                          because=last.because)
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


@dataclass(frozen=True)
class TodayView:
    """What `today` shows: the day, the program week, the items, and what is pending."""

    date: dt.date
    week: int | None
    weeks: int | None
    day: PlanDay | None
    check_in_due: dt.date | None
    adapted: list[Adapted]
    alerts: list[str]
    withheld: str | None


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


def today_for(profile: Profile, catalog: Catalog, today: dt.date,
              history: History | None = None) -> TodayView:
    """Today's session out of this week's plan, and the morning check-in if one is due."""
    outcome = plan_for(profile, catalog, today, history)
    due = check_in_due(history, today)
    if outcome.plan is None:
        assert outcome.withheld is not None
        reason = f"{outcome.withheld.reason} {outcome.withheld.advice}"
        return TodayView(today, None, None, None, due, [], [], reason)
    plan = outcome.plan
    day = plan.days[today.weekday()]
    mine = {item.chain or item.exercise for item in day.items}
    return TodayView(today, plan.week, plan.weeks, day, due,
                     [a for a in plan.adapted if a.chain in mine], list(plan.alerts), None)


# -- history --------------------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryView:
    """What `history` shows: the entries, a summary per calendar week, and (when asked)
    the mornings after runs by surface."""

    label: str
    history: History
    weeks: list[WeekSummary]
    surfaces: list[SurfaceSummary] | None


def planned_per_week(profile: Profile, catalog: Catalog) -> int:
    """Training days a week in the profile's calendar plan (what adherence is measured on)."""
    outcome = build_plan(profile, catalog, 1)
    return len(outcome.plan.training_days()) if outcome.plan is not None else 0


def history_for(profile: Profile, catalog: Catalog, today: dt.date, history: History,
                since: dt.date | None = None, by_surface: bool = False) -> HistoryView:
    """The journal since ``since`` (all of it for None): weeks with adherence and pain, and
    with ``by_surface`` the next-morning pain after runs on each surface."""
    from corecoach.journal.history import by_surface as surfaces_of
    from corecoach.journal.history import weekly

    shown = history.since(since)
    weeks = weekly(shown, planned_per_week(profile, catalog), today)
    return HistoryView(profile.label, shown, weeks, surfaces_of(shown) if by_surface else None)
