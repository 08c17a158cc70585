"""JSON Schemas of the journal's JSON: `corecoach today` and `corecoach history`."""

from __future__ import annotations

from typing import Any

from corecoach.journal.entry import COLUMNS, KINDS, STATUSES
from corecoach.output_schemas import format_property
from corecoach.vocab import DAYS, SPORTS, SURFACES

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def _nullable(kind: str, description: str, **extra: Any) -> dict[str, Any]:
    return {"type": [kind, "null"], "description": description, **extra}


def _scale(description: str) -> dict[str, Any]:
    return _nullable("integer", f"{description}, 0-10", minimum=0, maximum=10)


ENTRY: dict[str, Any] = {
    "type": "object",
    "description": "One journal entry, in the CSV's columns (null: does not apply).",
    "required": list(COLUMNS),
    "additionalProperties": False,
    "properties": {
        "profile": {"type": "string", "description": "The profile's id, or its file's path."},
        "date": {"type": "string", "format": "date", "description": "The day (YYYY-MM-DD)."},
        "kind": {"enum": list(KINDS), "description": "session, activity, check-in or "
                 "rating (a function goal's 0-10 ability)."},
        "status": _nullable("string", "A session: done, partial or skipped.",
                            enum=[*STATUSES, None]),
        "pain_during": _scale("Back pain during a session"),
        "pain_after": _scale("Back pain right after a session or sport"),
        "effort": _scale("Effort"),
        "leg_symptoms": _nullable("boolean", "Leg symptoms logged (sessions, check-ins)."),
        "sport": _nullable("string", "An activity's sport.", enum=[*SPORTS, None]),
        "minutes": _nullable("integer", "An activity's length in minutes.", minimum=1),
        "surface": _nullable("string", "A run's surface.", enum=[*SURFACES, None]),
        "tight_at": _nullable("integer", "The minute the back tightened.", minimum=0),
        "pain": _scale("A check-in's back pain"),
        "stiffness": _scale("A check-in's stiffness"),
        "note": _nullable("string", "A short note."),
        "reps_left": _nullable("integer", "Reps still in reserve on a session's last "
                               "loaded set.", minimum=0, maximum=10),
        "session_day": _nullable("string", "Which planned day's session a session was.",
                                 enum=[*DAYS, None]),
        "goal": _nullable("string", "A rating: the function goal, in the profile's words."),
        "score": _scale("A rating: ability at the goal (0 = unable, 10 = as before the "
                        "problem)"),
    },
}


def today_json_schema() -> dict[str, Any]:
    """Schema of `corecoach today --format json`."""
    from corecoach.plan_schema import plan_json_schema

    # Today's items and decisions are the plan's own objects, described once (plan_schema).
    plan_defs = plan_json_schema()["$defs"]
    defs = {"PlanItem": plan_defs["PlanItem"], "Adapted": plan_defs["Adapted"]}
    return {
        "$schema": DRAFT,
        "title": "corecoach today",
        "description": "Today's session from the (journal-adapted) plan.",
        "type": "object",
        "required": ["format", "date", "day", "week", "activities", "items", "check_in_due"],
        "properties": {
            "format": format_property(),
            "date": {"type": "string", "format": "date", "description": "Today."},
            "day": {"enum": list(DAYS), "description": "Today's weekday."},
            "week": _nullable("integer", "The program week (null when withheld).", minimum=1),
            "activities": {"type": "array", "items": {"type": "string"},
                           "description": "Your own sports today."},
            "items": {"type": "array", "items": {"$ref": "#/$defs/PlanItem"},
                      "description": "corecoach's exercises today, in order."},
            "check_in_due": _nullable("string", "The morning a check-in is owed for.",
                                      format="date"),
            "adapted": {"type": "array", "items": {"$ref": "#/$defs/Adapted"},
                        "description": "The journal's decisions for today's chains."},
            "alerts": {"type": "array", "items": {"type": "string"},
                       "description": "What to read first."},
            "withheld": _nullable("string", "Why there is no session (exit 3)."),
            "rate_due": _nullable("string", "A reminder to rate the function goals "
                                  "(`corecoach rate`): none in the last two weeks."),
        },
        "$defs": defs,
    }


#: One function goal's trend (history and summary JSON).
GOAL_TREND: dict[str, Any] = {
    "type": "object",
    "description": "One function goal's 0-10 ratings (Patient-Specific Functional Scale).",
    "required": ["goal", "ratings", "first", "last", "change", "meaningful"],
    "additionalProperties": False,
    "properties": {
        "goal": {"type": "string", "description": "The goal, in the profile's words."},
        "ratings": {"type": "array", "description": "Oldest first; a day's last rating.",
                    "items": {"type": "object", "required": ["date", "score"],
                              "additionalProperties": False,
                              "properties": {
                                  "date": {"type": "string", "format": "date"},
                                  "score": {"type": "integer", "minimum": 0, "maximum": 10}}}},
        "first": _scale("The first rating (the baseline)"),
        "last": _scale("The latest rating"),
        "change": _nullable("integer", "last - first (null with fewer than two ratings).",
                            minimum=-10, maximum=10),
        "meaningful": {"type": "boolean", "description": "A change of 2 points or more "
                       "(the PSFS's minimal important difference is about 1.3-2.7)."},
    },
}


def goal_trend_dict(trend: Any) -> dict[str, Any]:
    """A corecoach.goals.GoalTrend as JSON-ready values (see :data:`GOAL_TREND`)."""
    return {"goal": trend.goal,
            "ratings": [{"date": d.isoformat(), "score": s} for d, s in trend.ratings],
            "first": trend.first, "last": trend.last, "change": trend.change,
            "meaningful": trend.meaningful}


def week_dict(week: Any) -> dict[str, Any]:
    """A corecoach.journal.history.WeekSummary as JSON-ready values (history and summary)."""
    return {"week_of": week.monday.isoformat(), "done": week.done, "partial": week.partial,
            "skipped": week.skipped, "planned": week.planned, "adherence": week.adherence,
            "pain_during": week.pain_during, "morning_pain": week.morning_pain,
            "in_progress": week.in_progress}


def surface_dict(row: Any) -> dict[str, Any]:
    """A corecoach.journal.history.SurfaceSummary as JSON-ready values (the summary's rows
    leave out usual_pain, as its schema does)."""
    return {"surface": row.surface, "runs": row.runs, "mornings": row.mornings,
            "morning_pain": row.morning_pain, "tightened": row.tightened,
            "mean_minutes": row.mean_minutes, "onset_minute": row.onset_minute,
            "usual_pain": row.usual_pain}


def history_json_schema() -> dict[str, Any]:
    """Schema of `corecoach history --format json`."""
    number = {"type": ["number", "null"]}
    week = {
        "type": "object",
        "description": "One calendar week.",
        "required": ["week_of", "done", "partial", "skipped", "planned", "adherence",
                     "pain_during", "morning_pain"],
        "properties": {
            "week_of": {"type": "string", "format": "date", "description": "Its Monday."},
            "done": {"type": "integer", "description": "Sessions done in full."},
            "partial": {"type": "integer", "description": "Sessions done in part."},
            "skipped": {"type": "integer", "description": "Sessions skipped."},
            "planned": {"type": "integer", "description": "Training days in the plan."},
            "adherence": {**number, "description": "(done + partial / 2) / planned, at most 1."},
            "pain_during": {**number, "description": "Mean pain during sessions."},
            "morning_pain": {**number, "description": "Mean morning check-in pain."},
            "in_progress": {"type": "boolean", "description": "True for the week holding "
                            "today: its days are not all lived yet."},
        },
    }
    surface = {
        "type": "object",
        "description": "Runs on one surface and the mornings after them.",
        "required": ["surface", "runs", "mornings", "morning_pain", "tightened",
                     "mean_minutes", "onset_minute", "usual_pain"],
        "properties": {
            "surface": {"type": "string", "description": "The surface, or 'not given'."},
            "runs": {"type": "integer", "description": "Runs logged."},
            "mornings": {"type": "integer", "description": "Runs with a check-in after."},
            "morning_pain": {**number, "description": "Mean pain the morning after."},
            "tightened": {"type": "integer", "description": "Runs where the back tightened."},
            "mean_minutes": {**number, "description": "Mean length of the runs, minutes."},
            "onset_minute": {**number, "description": "Median minute the back tightened, "
                             "of the runs that tightened (null: none did)."},
            "usual_pain": {**number, "description": "The usual morning: the median of every "
                           "check-in shown, to set the mornings after runs against."},
        },
    }
    return {
        "$schema": DRAFT,
        "title": "corecoach history",
        "description": "One profile's journal: every entry, weekly summaries, and with "
                       "--by surface the mornings after runs per surface.",
        "type": "object",
        "required": ["format", "profile", "entries", "weeks"],
        "properties": {
            "format": format_property(),
            "profile": {"type": "string", "description": "The profile's journal key."},
            "entries": {"type": "array", "items": {"$ref": "#/$defs/Entry"},
                        "description": "Every entry, in date order."},
            "weeks": {"type": "array", "items": week, "description": "Week by week."},
            "by_surface": {"type": "array", "items": surface,
                           "description": "With --by surface only."},
            "note": {"type": "string", "description": "What the comparison can and cannot "
                     "say."},
            "goals": {"type": "array", "items": {"$ref": "#/$defs/GoalTrend"},
                      "description": "Each rated function goal's trend."},
        },
        "$defs": {"Entry": ENTRY, "GoalTrend": GOAL_TREND},
    }
