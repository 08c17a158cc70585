"""One page for a physio visit (`corecoach summary`): the person, the program and where
each chain stands, adherence and pain week by week, the function goals, the run diary by
surface with the road-return stage, and the journal's recent decisions with their reasons.

Pure: built from values the front door (``corecoach.coach.summary_for``) hands over; it
never reads the clock, a file or the terminal.
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass
from typing import TYPE_CHECKING

from corecoach.plan import format_dose

if TYPE_CHECKING:
    from corecoach.adapt import Judgement
    from corecoach.goals import GoalTrend
    from corecoach.journal.history import History, SurfaceSummary, WeekSummary
    from corecoach.plan import Plan, RoadReturn
    from corecoach.profile import Profile

__all__ = ["DECISION_DAYS", "MAX_DECISIONS", "ChainState", "Decision", "Summary",
           "build_summary"]

#: The journal's decisions shown: those of the last four weeks ...
DECISION_DAYS = 28
#: ... at most this many (the latest), so the page stays one page.
MAX_DECISIONS = 6
#: At most this many weeks of adherence and pain (the latest), for the same reason.
MAX_WEEKS = 8


@dataclass(frozen=True)
class ChainState:
    """Where one chain (or lone exercise) of the plan stands this week."""

    chain: str
    exercise: str  # the exercise's name this week
    dose: str  # e.g. "3 x 10" or "6-4-2 x 10 s"
    step: int | None
    decision: str | None  # the journal's last decision for it, if the journal adapted it
    because: str | None


@dataclass(frozen=True)
class Decision:
    """One of the journal's decisions (consecutive identical ones merged)."""

    first: dt.date
    last: dt.date
    times: int
    decision: str
    rule: str
    because: str


@dataclass(frozen=True)
class Summary:
    """Everything the one-page summary shows, as plain values."""

    today: dt.date
    since: dt.date | None
    name: str
    facts: tuple[tuple[str, str], ...]  # (topic, answer) about the person
    screening: tuple[tuple[str, str], ...]  # (question, answer), health and back
    alerts: tuple[str, ...]
    withheld: str | None
    week: int | None
    weeks: int
    start: dt.date | None
    chains: tuple[ChainState, ...]
    weekly: tuple[WeekSummary, ...]
    usual_pain: int  # the profile's back.pain
    usual_morning: float | None  # the median morning check-in shown
    goals: tuple[GoalTrend, ...]
    surfaces: tuple[SurfaceSummary, ...]
    road_return: RoadReturn | None
    decisions: tuple[Decision, ...]
    entries: int


def _facts(profile: Profile) -> tuple[tuple[str, str], ...]:
    back = profile.back
    rows = [("Back", f"{back.symptom}, worst pain last week {back.pain}/10"
             + (f", tightens about {back.tight_after_minutes} min into a road run"
                if back.tight_after_minutes else ""))]
    if profile.age is not None:
        rows.append(("Age", str(profile.age)))
    if profile.work is not None:
        rows.append(("Work", profile.work))
    if profile.pregnant:
        rows.append(("Pregnancy", "pregnant now"))
    if profile.postpartum_weeks is not None:
        rows.append(("Postpartum", f"{profile.postpartum_weeks} weeks since birth"))
    sports = "; ".join(
        f"{a.label} {', '.join(a.days)} {a.minutes} min"
        + (f" ({a.run_surface})" if a.run_surface else "") for a in profile.activities)
    rows += [
        ("Sports", sports or "none"),
        ("Daily life", f"sits {profile.desk_hours} h a day, stress {profile.stress}/10"),
        ("Sessions", f"up to {profile.session_minutes} min, "
         f"{profile.experience}, equipment: {', '.join(profile.equipment) or 'none'}"),
    ]
    return tuple(rows)


def _screening(profile: Profile) -> tuple[tuple[str, str], ...]:
    s = profile.screening
    yes = s.parq_yes()
    rows = [("PAR-Q+", "no to all seven" if not yes else
             "yes: " + ", ".join(y.replace("_", " ") for y in yes)
             + ("; not cleared: " + ", ".join(y.replace("_", " ") for y in s.uncleared())
                if s.uncleared() else "; cleared for exercise"))]
    rows.append(("Back warning signs", ", ".join(s.red_flags) if s.red_flags else "none"))
    if s.pelvic_floor is not None:
        rows.append(("Pelvic floor", "symptoms reported" if s.pelvic_floor else "no symptoms"))
    return tuple(rows)


def _chains(plan: Plan | None) -> tuple[ChainState, ...]:
    if plan is None:
        return ()
    adapted = {a.chain: a for a in plan.adapted}
    seen: dict[str, ChainState] = {}
    for day in plan.days:
        for item in day.items:
            key = item.chain or item.exercise
            if key in seen:
                continue
            a = adapted.get(key)
            seen[key] = ChainState(key, item.name,
                                   format_dose(item),
                                   item.step, a.decision if a else None,
                                   a.because if a else None)
    return tuple(sorted(seen.values(), key=lambda c: c.chain))


def _decisions(judgements: tuple[Judgement, ...], today: dt.date,
               first: dt.date | None) -> tuple[Decision, ...]:
    """The decisions of the last four weeks (and on or after ``first``), consecutive ones
    of the same rule and decision merged (with the latest reason), the latest
    :data:`MAX_DECISIONS`."""
    start = today - dt.timedelta(days=DECISION_DAYS)
    if first is not None and first > start:
        start = first
    out: list[Decision] = []
    for j in judgements:
        if not start <= j.on <= today:
            continue
        because = j.because
        if out and (out[-1].decision, out[-1].rule) == (j.decision, j.rule):
            d = out[-1]
            out[-1] = Decision(d.first, j.on, d.times + 1, d.decision, d.rule, because)
        else:
            out.append(Decision(j.on, j.on, 1, j.decision, j.rule, because))
    return tuple(out[-MAX_DECISIONS:])


def build_summary(profile: Profile, plan: Plan | None, withheld: str | None, today: dt.date,
                  since: dt.date | None, shown: History | None,
                  weekly: list[WeekSummary], surfaces: list[SurfaceSummary],
                  goals: list[GoalTrend], judgements: tuple[Judgement, ...]) -> Summary:
    """The summary from the plan of ``today`` and ``shown``, the journal since ``since``."""
    pains = [e.pain for e in shown.check_ins if e.pain is not None] if shown else []
    return Summary(
        today=today, since=since, name=profile.label,
        facts=_facts(profile), screening=_screening(profile),
        alerts=tuple(plan.alerts) if plan is not None else (),
        withheld=withheld,
        week=plan.week if plan is not None else None, weeks=profile.weeks,
        start=profile.start,
        chains=_chains(plan),
        weekly=tuple(weekly[-MAX_WEEKS:]),
        usual_pain=profile.back.pain,
        usual_morning=float(statistics.median(pains)) if pains else None,
        goals=tuple(goals), surfaces=tuple(surfaces),
        road_return=plan.road_return if plan is not None else None,
        decisions=_decisions(judgements, today, since),
        entries=len(shown.entries) if shown is not None else 0,
    )
