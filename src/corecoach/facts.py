"""Facts: the named values rule conditions read, derived from a profile.

``FACTS`` is the one table of facts; docs/facts.md is generated from it
(``python -m corecoach.facts > docs/facts.md``) and a test keeps the two in step.
"""

from __future__ import annotations

from typing import NamedTuple

from corecoach.days import DAY_INDEX
from corecoach.profile import Profile
from corecoach.rules.condition import FactType


class Fact(NamedTuple):
    """One fact: its name, its type in the condition language, and what it means."""

    name: str
    type: FactType
    description: str


#: Pain at or below this, with no symptom, is the "safe" zone of the pain-monitoring model
#: (docs/journal.md): it does not bar loaded work (coaching review 2, G13).
QUIET_PAIN = 2

FACTS: tuple[Fact, ...] = (
    Fact("experience", "string", "strength-training experience: beginner, intermediate, advanced"),
    Fact("desk_hours", "number", "hours seated on a typical day (0-18)"),
    Fact("stress", "number", "self-rated stress over the last two weeks (0-10)"),
    Fact("session_minutes", "number", "longest corecoach session wanted, in minutes"),
    Fact("weeks", "number", "program length in weeks"),
    Fact("equipment", "strings", "equipment at hand, e.g. \"band\" in equipment"),
    Fact("available_days", "strings", "days corecoach may use (mon ... sun)"),
    Fact("days_available", "number", "how many days corecoach may use"),
    Fact("sports", "strings", "every sport in the profile's activities"),
    Fact("sport_days", "strings", "days with at least one activity"),
    Fact("sessions_per_week", "number", "activity sessions per week, all sports"),
    Fact("weekly_sport_minutes", "number", "minutes of sport per week, all activities"),
    Fact("runs_per_week", "number", "running sessions per week"),
    Fact("longest_run_minutes", "number", "minutes of the longest weekly run (0 if none)"),
    Fact("run_surfaces", "strings", "surfaces of the runs (a run without one counts as road)"),
    Fact("runs_on_road", "boolean", "at least one run is on the road"),
    Fact("runs_only_on_road", "boolean", "every run is on the road"),
    Fact("back_symptom", "string", "back symptom kind (see the profile's back.symptom)"),
    Fact("back_pain", "number", "worst back pain in the last week (0-10)"),
    Fact("has_back_symptoms", "boolean", "back_symptom is not none, or back_pain > 0"),
    Fact("quiet_back", "boolean", "back_symptom is none and back_pain is at most 2 (the "
         "safe zone): loaded work may be planned"),
    Fact("flare", "boolean", "back_symptom is flare, or back_pain is 7 or more"),
    Fact("parq_yes", "boolean", "any PAR-Q+ question answered yes"),
    Fact("parq_answers", "strings", "names of the PAR-Q+ questions answered yes"),
    Fact("cleared", "boolean", "every PAR-Q+ yes answer is cleared by a doctor or exercise "
         "professional (cleared = true, or each one named in cleared_for)"),
    Fact("uncleared", "strings", "PAR-Q+ questions answered yes and not cleared yet, e.g. "
         "\"heart_condition\" in uncleared"),
    Fact("red_flags", "strings", "back red flags reported"),
    Fact("age", "number", "age in years (0 when not given)"),
    Fact("under_20", "boolean", "an age under 20 is given"),
    Fact("age_65_plus", "boolean", "an age of 65 or more is given"),
    Fact("work", "string", "what work mostly is: desk, standing, lifting, driving (none when "
         "not given)"),
    Fact("pregnant", "boolean", "pregnant now"),
    Fact("postpartum", "boolean", "gave birth within the last 52 weeks (postpartum_weeks)"),
    Fact("pelvic_floor", "boolean", "yes to the pelvic-floor question"),
    Fact("pelvic_cleared", "boolean", "a pelvic-health check has cleared running, jumping "
         "and lifting (\"pelvic_health\" in cleared_for)"),
    Fact("lifts", "boolean", "the profile's activities include gym (strength) sessions"),
    Fact("maintaining", "boolean", "the program's last week is over and the profile asks "
         "for a maintenance dose (after = \"maintain\"); false while the program runs"),
)

FACT_SCHEMA: dict[str, FactType] = {f.name: f.type for f in FACTS}


def derive_facts(profile: Profile) -> dict[str, object]:
    """Every fact of ``FACTS`` for one profile. Pure: same profile, same facts."""
    acts = profile.activities
    runs = [a for a in acts if a.sport == "running"]
    surfaces = sorted({a.run_surface for a in runs if a.run_surface})
    sport_days = sorted({d for a in acts for d in a.days}, key=DAY_INDEX.__getitem__)
    back = profile.back
    screening = profile.screening
    facts: dict[str, object] = {
        "experience": profile.experience,
        "desk_hours": profile.desk_hours,
        "stress": profile.stress,
        "session_minutes": profile.session_minutes,
        "weeks": profile.weeks,
        "equipment": list(profile.equipment),
        "available_days": list(profile.available_days),
        "days_available": len(profile.available_days),
        "sports": sorted({a.sport for a in acts}),
        "sport_days": sport_days,
        "sessions_per_week": sum(len(a.days) for a in acts),
        "weekly_sport_minutes": sum(a.minutes * len(a.days) for a in acts),
        "runs_per_week": sum(len(a.days) for a in runs),
        "longest_run_minutes": max((a.minutes for a in runs), default=0),
        "run_surfaces": surfaces,
        "runs_on_road": "road" in surfaces,
        "runs_only_on_road": surfaces == ["road"],
        "back_symptom": back.symptom,
        "back_pain": back.pain,
        "has_back_symptoms": back.symptom != "none" or back.pain > 0,
        "quiet_back": back.symptom == "none" and back.pain <= QUIET_PAIN,
        "flare": back.symptom == "flare" or back.pain >= 7,
        "parq_yes": bool(screening.parq_yes()),
        "parq_answers": list(screening.parq_yes()),
        "cleared": not screening.uncleared(),
        "uncleared": list(screening.uncleared()),
        "red_flags": list(screening.red_flags),
        "age": profile.age or 0,
        "under_20": profile.age is not None and profile.age < 20,
        "age_65_plus": profile.age is not None and profile.age >= 65,
        "work": profile.work or "none",
        "pregnant": bool(profile.pregnant),
        "postpartum": profile.postpartum_weeks is not None and profile.postpartum_weeks < 52,
        "pelvic_floor": bool(screening.pelvic_floor),
        "pelvic_cleared": screening.is_cleared("pelvic_health"),
        "lifts": "gym" in {a.sport for a in acts},
        # Set by the planner from the date (corecoach.maintenance), never by the profile.
        "maintaining": False,
    }
    return facts



# -- journal facts: what an [[adapt]] rule's `when` may read (docs/journal.md) --
#
# Each decision judges the last corecoach session before a point in time (the next session,
# or today) with what the journal knew by then. Unknown numbers are -1: a missing pain score
# is never read as "no pain".

JOURNAL_FACTS: tuple[Fact, ...] = (
    Fact("sessions", "number", "corecoach sessions logged so far (0 before the first)"),
    Fact("status", "string", "the last session: done, partial or skipped"),
    Fact("pain_during", "number", "back pain during the last session, 0-10 (-1: not "
         "logged)"),
    Fact("pain_after", "number", "back pain right after it, 0-10 (-1: not logged)"),
    Fact("effort", "number", "effort of its hardest set, 0-10 (-1: not logged)"),
    Fact("reps_left", "number", "reps still in reserve on its last loaded set (-1: not "
         "logged)"),
    Fact("hard_effort", "boolean", "effort above the max-effort limit without the "
         "min-reps-left reps in reserve (false when neither was logged)"),
    Fact("effort_10_streak", "number", "sessions in a row, up to the last, at effort 10"),
    Fact("pain_before", "number", "the last check-in's pain on or before the session "
         "day (the profile's back.pain before any check-in)"),
    Fact("usual_pain", "number", "your usual morning level: the median of your recent "
         "settled check-ins (the profile's back.pain until there are enough)"),
    Fact("checked_in", "boolean", "a check-in was logged the morning after the last "
         "session"),
    Fact("morning_pain", "number", "that morning's back pain, 0-10 (-1: no check-in)"),
    Fact("settled", "boolean", "that morning was at or below usual_pain plus the "
         "tolerance"),
    Fact("unsettled", "boolean", "that morning was above usual_pain plus the tolerance "
         "(and not put down to a run that day)"),
    Fact("run_blamed", "boolean", "that morning was above usual_pain plus the tolerance "
         "after a day with a logged run, and the session itself stayed in the acceptable "
         "zone: the run takes the blame"),
    Fact("unsettled_last3", "number", "unsettled mornings after the last three sessions "
         "done in full or in part"),
    Fact("morning_rising_weeks", "number", "weeks in a row (0-2) that the mean morning "
         "pain rose by at least the weekly-rise limit over the week before"),
    Fact("clean_streak", "number", "clean sessions in a row since the last move on, "
         "flare or hold (done, pain during in the acceptable zone, settled next morning, "
         "effort not hard)"),
    Fact("gap_days", "number", "days from the last session of this chain to the decision"),
    Fact("away_days", "number", "days since any session before the decision (the "
         "person's absence, not a chain's)"),
    Fact("latest_pain", "number", "the most recent check-in's pain (-1: none yet)"),
    Fact("latest_above_usual", "boolean", "the most recent check-in is above usual_pain "
         "plus the tolerance"),
    Fact("leg_symptoms", "boolean", "leg symptoms were logged (session or check-in) and "
         "no later check-in records none (a check-in that does not answer keeps them)"),
    Fact("leg_recurrent", "boolean", "the open leg-symptom episode began within the "
         "leg-episode-weeks limit of an earlier one"),
    Fact("cleared", "boolean", "the profile records that a doctor or physiotherapist "
         "cleared the person"),
    Fact("after_flare", "boolean", "the first decision after a flare (a flare decision, or "
         "pain at the flare limit logged since the last decision)"),
    Fact("acceptable_pain", "number", "the acceptable-pain limit (default 5)"),
    Fact("flare_pain", "number", "the flare-pain limit (default 7)"),
)

JOURNAL_FACT_SCHEMA: dict[str, FactType] = {f.name: f.type for f in JOURNAL_FACTS}

#: Placeholders a rule's ``because`` and ``alert`` may use, besides every fact: the last session's
#: weekday and date, the morning after it, and the day leg symptoms were logged.
EXTRA_PLACEHOLDERS: dict[str, str] = {
    "day": "weekday of the last session, e.g. Thursday",
    "date": "date of the last session, e.g. 2026-11-26",
    "leg_date": "the day leg symptoms were logged",
    "latest_usual": "the usual level the most recent check-in was judged against (the usual "
    "level before it: latest_above_usual compares with it)",
    "run": "the run logged on the session's day, e.g. running 50 min on road",
    "flare_since": "the first day of the flare and how many days it has lasted",
}


# -- road facts: what a [[road]] rule's `when` may read (docs/road-return.md) --
#
# Each road-return rule judges one road run from the journal against the road minutes of
# the stage it was run at. Unknown numbers are -1: a missing check-in is never "no pain".

ROAD_FACTS: tuple[Fact, ...] = (
    Fact("minutes", "number", "the run's minutes, as logged"),
    Fact("road_minutes", "number", "the stage's minutes on the road before the rest of the "
         "run moves to a trail, track or treadmill"),
    Fact("full_road", "boolean", "the stage's road minutes cover the whole planned run"),
    Fact("reached", "boolean", "the run lasted at least road_minutes"),
    Fact("tightened", "boolean", "the back tightened on the run (--tight-at was logged)"),
    Fact("tight_at", "number", "the minute it tightened (-1: it did not)"),
    Fact("checked_in", "boolean", "a check-in was logged the morning after the run"),
    Fact("morning_pain", "number", "that morning's back pain, 0-10 (-1: no check-in)"),
    Fact("usual_pain", "number", "the usual morning pain on the run's day, as the journal "
         "judges mornings: the median of recent settled check-ins (the profile's back.pain "
         "before there are enough)"),
    Fact("morning_change", "number", "morning_pain minus usual_pain (0 without a check-in)"),
    Fact("tolerance", "number", "the journal's tolerance on a morning (its [[limit]], "
         "default 1 point)"),
    Fact("clean_runs", "number", "road runs counted clean at this stage before this one"),
)

ROAD_FACT_SCHEMA: dict[str, FactType] = {f.name: f.type for f in ROAD_FACTS}

#: Placeholders a road rule's ``because`` may use besides the road facts.
ROAD_PLACEHOLDERS: dict[str, str] = {
    "day": "weekday of the run, e.g. Thursday",
    "date": "date of the run, e.g. 2026-11-26",
    "next_minutes": "the road minutes this decision leads to",
}


def facts_markdown() -> str:
    """The facts table as Markdown (the body of docs/facts.md)."""
    lines = [
        "# Facts rule conditions can read",
        "",
        "Generated from `corecoach.facts.FACTS` by `python -m corecoach.facts`; do not edit.",
        "",
        "| fact | type | meaning |",
        "|---|---|---|",
    ]
    lines += [f"| `{f.name}` | {f.type} | {f.description} |" for f in FACTS]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(facts_markdown(), end="")
