"""The plan with the journal: adapt the History, then plan with its Progress.

Without entries the planner follows the calendar as before. With them, the program week and
each chain's position come from the journal (the planner caps them by the day's time, and
says so); a hold withholds the plan (exit 3), a flare plans with the flare rules, and the
plan lists what was adapted and why.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from corecoach.adapt import Adaptation, adapt
from corecoach.journal.history import History, monday
from corecoach.library.loader import Catalog
from corecoach.plan import Adapted, Plan
from corecoach.planner import PlanOutcome, build_plan, template_days, week_for
from corecoach.profile import Profile
from corecoach.progression import Progress
from corecoach.vocab import DAYS


@dataclass
class JournalPlan:
    """A planning run with the journal: the outcome, and what the journal decided."""

    outcome: PlanOutcome
    adaptation: Adaptation | None


def _adapted(plan: Plan, adaptation: Adaptation) -> list[Adapted]:
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


def _chain_days(profile: Profile, catalog: Catalog) -> dict[str, set[int]]:
    """Weekdays (0 = Monday) of each chain and exercise in the plan's weekly template (the
    same every week); the rest of the library maps to no days (every session counts for
    them)."""
    days: dict[str, set[int]] = {key: set() for key in (*catalog.chains, *catalog.exercises)}
    for key, on in template_days(profile, catalog).items():
        days.setdefault(key, set()).update(DAYS.index(day) for day in on)
    return days


def plan_with_history(
    profile: Profile, catalog: Catalog, today: dt.date, history: History | None,
    week: int | None = None,
) -> JournalPlan:
    """Plan ``profile`` for ``today`` (or ``week``) from its journal ``history``."""
    if history is None or not history.entries:
        return JournalPlan(build_plan(profile, catalog, week_for(profile, today, week)), None)
    adaptation = adapt(history, catalog.adapt, today=today, weeks=profile.weeks,
                       baseline_pain=profile.back.pain, start=profile.start,
                       chains=_chain_days(profile, catalog))
    progress = adaptation.progress
    planned = profile
    if week is not None:
        # A preview of one week keeps the calendar's positions; a hold or a flare still applies.
        preview = Progress(week=week, chains={}, flare=progress.flare, hold=progress.hold)
        outcome = build_plan(planned, catalog, week, preview)
    else:
        if profile.start is not None and today >= profile.start:
            # The program waits for you: this calendar week shows the journal's week.
            start = monday(today) - dt.timedelta(weeks=progress.week - 1)
            planned = planned.model_copy(update={"start": start})
        outcome = build_plan(planned, catalog, progress.week, progress)
    if outcome.plan is not None and week is None:
        plan = outcome.plan
        alerts = [*plan.alerts, *(a for a in adaptation.alerts if a not in plan.alerts)]
        outcome.plan = plan.model_copy(update={"adapted": _adapted(plan, adaptation),
                                               "alerts": alerts})
    return JournalPlan(outcome, adaptation)
