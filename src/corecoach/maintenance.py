"""The maintenance dose: after the program's last week, for a profile with
``after = "maintain"``.

The plan narrows to the rules of routines/rules/maintenance.toml (the Big 3 on two or three
days a week, the hinge twice, breathing as stress asks: they fire on the ``maintaining``
fact) and keeps each chain where the program ended: from the journal when there is one
(its positions on the program's last day, fitted to the day's time as that plan showed
them), else the calendar's last week. It never progresses a chain past that; a chain the
journal has moved back since stays back.

Pure: the journal comes in as a History (or the state already replayed), today's date as
an argument.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from corecoach.coach import JournalState
    from corecoach.journal.history import History
    from corecoach.library.catalog import Catalog
    from corecoach.planner import PlanOutcome
    from corecoach.profile import Profile
    from corecoach.progression import Progress

__all__ = ["MAINTAIN_DECISION", "journal_end", "maintenance_note", "maintenance_outcome"]

#: The decision shown for a chain the maintenance dose keeps where it ended.
MAINTAIN_DECISION = "maintain"


def journal_end(history: History, weeks: int, start: dt.date | None) -> dt.date | None:
    """The first day after the program as the journal ran it: the Monday after its
    ``weeks``-th week with enough sessions, and never before ``weeks`` calendar weeks from
    its first Monday (as corecoach.adapt counts program weeks); None while it runs."""
    from corecoach.adapt import full_weeks
    from corecoach.days import monday

    if not history.entries:
        return None
    first = monday(history.entries[0].date)
    origin = min(start, first) if start is not None else first
    full = full_weeks(history.sessions)
    if len(full) < weeks:
        return None
    return max(full[weeks - 1] + dt.timedelta(weeks=1), origin + dt.timedelta(weeks=weeks))


def _last_progressive(weeks: int) -> int:
    from corecoach.progression import is_deload

    week = weeks
    while week > 1 and is_deload(week):
        week -= 1
    return week


def maintenance_note(profile: Profile, ended: dt.date, from_journal: bool) -> str:
    """What the maintenance plan says of itself."""
    where = ("where your journal had them on the program's last day" if from_journal
             else "where the program's last week had them")
    return (f"Your {profile.weeks}-week program ended on {ended}; as your profile asks "
            "(after = maintain), this is the maintenance dose: the Big 3 on two or three "
            "days a week, the hinge twice, and breathing as your stress asks, each at the "
            f"step and dose {where}. It keeps what you built and does not progress; a "
            "chain your journal has moved back since stays back. For another block that "
            "starts where the chains ended: corecoach after next-block.")


def maintenance_outcome(profile: Profile, catalog: Catalog, today: dt.date,
                        history: History | None = None,
                        state: JournalState | None = None,
                        replay: Callable[[dt.date], Progress] | None = None,
                        ) -> PlanOutcome | None:
    """The maintenance plan for ``today``, or None when it does not apply: the profile
    does not ask for it, the program is not over, the journal holds the plan or a flare
    plans with the flare rules (the plan then follows the journal as before). ``replay``
    gives the journal's progress on a past day (the front door's replay: this module
    stands below it and never imports it)."""
    if profile.after != "maintain":
        return None
    from corecoach.facts import derive_facts
    from corecoach.planner import build_plan, chain_levels
    from corecoach.progression import ChainProgress, Progress

    if derive_facts(profile)["flare"]:
        return None  # the profile's flare plans with the flare rules
    from_journal = state is not None and history is not None and replay is not None
    if from_journal:
        assert state is not None and history is not None and replay is not None
        if state.progress.hold is not None or state.progress.flare:
            return None
        end = journal_end(history, profile.weeks, profile.start)
        if end is None or today < end or state.program_week - 1 < profile.weeks:
            return None
        ended = replay(end - dt.timedelta(days=1))
        levels = chain_levels(profile, catalog, ended.week, ended)
        now = state.progress.chains
        positions = {}
        for key, level in levels.items():
            moved = 0
            if key in now and key in ended.chains:
                moved = min(0, now[key].advances - ended.chains[key].advances)
            positions[key] = ChainProgress(
                max(0, level + moved), MAINTAIN_DECISION if moved == 0 else now[key].decision,
                "kept where the program ended (after = maintain)" if moved == 0
                else now[key].because)
    else:
        if profile.start is None:
            return None
        end = profile.start + dt.timedelta(weeks=profile.weeks)
        if today < end:
            return None
        levels = chain_levels(profile, catalog, profile.weeks)
        positions = {key: ChainProgress(level, MAINTAIN_DECISION,
                                        "kept where the program ended (after = maintain)")
                     for key, level in levels.items()}
    from corecoach.days import monday

    # Planned as the last progressive week (never a deload), dated this calendar week.
    week = _last_progressive(profile.weeks)
    planned = profile.model_copy(update={
        "start": monday(today) - dt.timedelta(weeks=week - 1)})
    outcome = build_plan(planned, catalog, week, Progress(week=week, chains=positions),
                         maintaining=True)
    if outcome.plan is None:
        return outcome
    if not outcome.facts.get("flare"):
        ended_on = end - dt.timedelta(days=1)
        plan = outcome.plan
        start = monday(today) - dt.timedelta(weeks=profile.weeks - 1)
        outcome.plan = replace(
            plan, week=profile.weeks, deload=False, start=start,
            notes=[maintenance_note(profile, ended_on, from_journal), *plan.notes])
    return outcome
