"""Facts: the named values rule conditions read, derived from a profile.

``FACTS`` is the one table of facts; docs/facts.md is generated from it
(``python -m corecoach.facts > docs/facts.md``) and a test keeps the two in step.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from corecoach.profile import Profile

FactType = Literal["number", "string", "boolean", "strings", "numbers"]


@dataclass(frozen=True)
class Fact:
    """One fact: its name, its type in the condition language, and what it means."""

    name: str
    type: FactType
    description: str


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
    Fact("flare", "boolean", "back_symptom is flare, or back_pain is 7 or more"),
    Fact("parq_yes", "boolean", "any PAR-Q+ question answered yes"),
    Fact("parq_answers", "strings", "names of the PAR-Q+ questions answered yes"),
    Fact("cleared", "boolean", "a doctor or exercise professional has cleared the person"),
    Fact("red_flags", "strings", "back red flags reported"),
    Fact("age", "number", "age in years (0 when not given)"),
    Fact("under_20", "boolean", "an age under 20 is given"),
    Fact("age_65_plus", "boolean", "an age of 65 or more is given"),
    Fact("work", "string", "what work mostly is: desk, standing, lifting, driving (none when "
         "not given)"),
    Fact("pregnant", "boolean", "pregnant now"),
    Fact("postpartum", "boolean", "gave birth within the last 52 weeks (postpartum_weeks)"),
    Fact("pelvic_floor", "boolean", "yes to the pelvic-floor question"),
)

FACT_SCHEMA: dict[str, FactType] = {f.name: f.type for f in FACTS}


def derive_facts(profile: Profile) -> dict[str, object]:
    """Every fact of ``FACTS`` for one profile. Pure: same profile, same facts."""
    acts = profile.activities
    runs = [a for a in acts if a.sport == "running"]
    surfaces = sorted({a.run_surface for a in runs if a.run_surface})
    sport_days = sorted({d for a in acts for d in a.days}, key=_DAY_INDEX.__getitem__)
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
        "flare": back.symptom == "flare" or back.pain >= 7,
        "parq_yes": bool(screening.parq_yes()),
        "parq_answers": list(screening.parq_yes()),
        "cleared": screening.cleared,
        "red_flags": list(screening.red_flags),
        "age": profile.age or 0,
        "under_20": profile.age is not None and profile.age < 20,
        "age_65_plus": profile.age is not None and profile.age >= 65,
        "work": profile.work or "none",
        "pregnant": bool(profile.pregnant),
        "postpartum": profile.postpartum_weeks is not None and profile.postpartum_weeks < 52,
        "pelvic_floor": bool(screening.pelvic_floor),
    }
    return facts


_DAY_INDEX = {d: i for i, d in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))}


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
