"""JSON Schemas of the smaller JSON outputs: explain, validate, paths, exercises, withheld.

Every ``--format json`` object starts with ``format``: the version of that output's shape
(:data:`OUTPUT_FORMAT` for the outputs here and the journal's). It changes only when a key
changes meaning or goes away; new keys may appear within a format. This module is light to
import: the models behind a schema are imported only when that schema is built.
"""

from __future__ import annotations

from typing import Any

DRAFT = "https://json-schema.org/draft/2020-12/schema"

#: Version of the today, history, explain, validate, paths and exercises JSON shapes.
OUTPUT_FORMAT = 1

FORMAT_DESCRIPTION = ("Version of this JSON shape; changes only when a key changes meaning "
                      "or goes away (new keys may appear within a format).")


def format_property(version: int = OUTPUT_FORMAT) -> dict[str, Any]:
    """The ``format`` key every JSON output carries, fixed to ``version``."""
    return {"type": "integer", "const": version, "description": FORMAT_DESCRIPTION}


def _document(title: str, description: str, properties: dict[str, Any],
              defs: dict[str, Any] | None = None) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "$schema": DRAFT,
        "title": title,
        "description": description,
        "type": "object",
        "required": list(properties),
        "properties": properties,
    }
    if defs:
        schema["$defs"] = defs
    return schema


def withheld_object(version: int) -> dict[str, Any]:
    """A withheld plan, as `plan --format json` prints it with exit 3."""
    return {
        "type": "object",
        "description": "No plan: withheld for safety (exit code 3).",
        "required": ["format", "withheld", "reason", "advice", "urgent"],
        "properties": {
            "format": format_property(version),
            "withheld": {"const": True, "description": "Always true: there is no plan."},
            "reason": {"type": "string", "description": "Why, in plain words."},
            "advice": {"type": "string", "description": "What to do instead."},
            "urgent": {"type": "boolean",
                       "description": "True when the advice is to get care today."},
        },
    }


def explain_json_schema() -> dict[str, Any]:
    """Schema of `corecoach explain --format json`, built from the Explanation model."""
    from corecoach.explain import Explanation

    schema = Explanation.model_json_schema(mode="serialization")
    nodes = [schema, *schema.get("$defs", {}).values()]
    for node in nodes:
        properties: dict[str, dict[str, Any]] = node.get("properties", {})
        for prop in properties.values():
            prop.pop("title", None)
        node["required"] = list(properties)  # every key is always printed
    schema["properties"]["format"] = format_property()
    schema["$schema"] = DRAFT
    schema["title"] = "corecoach explain"
    schema["description"] = ("Which rules fired and what each contributed, or why one "
                             "exercise is (not) in the plan, as printed by `corecoach "
                             "explain --format json`.")
    return schema


def validate_json_schema() -> dict[str, Any]:
    """Schema of `corecoach validate --format json`."""
    problem = {
        "type": "object",
        "required": ["key", "message"],
        "properties": {
            "key": {"type": "string", "description": "The key at fault (dotted), or empty "
                    "for the file as a whole."},
            "message": {"type": "string", "description": "What is wrong and the fix."},
        },
    }
    file = {
        "type": "object",
        "required": ["file", "valid", "problems"],
        "properties": {
            "file": {"type": "string", "description": "The file as given, or <stdin>."},
            "valid": {"type": "boolean", "description": "True when it has no problem."},
            "problems": {"type": "array", "items": {"$ref": "#/$defs/Problem"},
                         "description": "Every problem found (empty when valid)."},
        },
    }
    return _document(
        "corecoach validate",
        "The check of each profile file, as printed by `corecoach validate --format json` "
        "(exit 2 when any file is not valid).",
        {
            "format": format_property(),
            "valid": {"type": "boolean", "description": "True when every file is valid."},
            "files": {"type": "array", "items": {"$ref": "#/$defs/File"},
                      "description": "One result per file, in the order given."},
        },
        {"File": file, "Problem": problem},
    )


def paths_json_schema() -> dict[str, Any]:
    """Schema of `corecoach paths --format json`."""
    return _document(
        "corecoach paths",
        "Where corecoach reads and writes for this environment, as printed by "
        "`corecoach paths --format json`.",
        {
            "format": format_property(),
            "profile": {"type": "string", "description": "The default profile file."},
            "journal": {"type": "string", "description": "The journal (SQLite) file."},
            "cache": {"type": ["string", "null"],
                      "description": "The cache folder, or null when the cache is off."},
            "routines": {"type": "array", "items": {"type": "string"}, "minItems": 1,
                         "description": "Routine folders: the shipped one first, then "
                         "CORECOACH_ROUTINES."},
        },
    )


def exercises_json_schema() -> dict[str, Any]:
    """Schema of `corecoach exercises --format json`."""
    from corecoach.vocab import CATEGORIES

    exercise = {
        "type": "object",
        "required": ["id", "name", "category", "level", "equipment", "unit", "per_side",
                     "tags"],
        "properties": {
            "id": {"type": "string", "description": "Exercise id (`corecoach show ID`)."},
            "name": {"type": "string", "description": "Exercise name."},
            "category": {"enum": list(CATEGORIES), "description": "Its category."},
            "level": {"type": "integer", "minimum": 1, "maximum": 5,
                      "description": "Difficulty, 1 (easiest) to 5."},
            "equipment": {"type": "array", "items": {"type": "string"},
                          "description": "Equipment it needs (a|b means either)."},
            "unit": {"enum": ["hold", "reps", "stretch", "time"],
                     "description": "How its dose is counted."},
            "per_side": {"type": "boolean", "description": "True when dosed per side."},
            "tags": {"type": "array", "items": {"type": "string"},
                     "description": "Tags (loaded, ...)."},
        },
    }
    return _document(
        "corecoach exercises",
        "The exercise library, filtered as asked, as printed by `corecoach exercises "
        "--format json`.",
        {
            "format": format_property(),
            "exercises": {"type": "array", "items": {"$ref": "#/$defs/Exercise"},
                          "description": "The exercises, in library order."},
        },
        {"Exercise": exercise},
    )


def summary_json_schema() -> dict[str, Any]:
    """Schema of `corecoach summary --format json`."""
    from corecoach.journal.schemas import GOAL_TREND, history_json_schema
    from corecoach.plan_schema import plan_json_schema

    def nullable(kind: str | list[str], description: str) -> dict[str, Any]:
        kinds = kind if isinstance(kind, list) else [kind]
        return {"type": [*kinds, "null"], "description": description}

    row = {"type": "object", "required": ["topic", "answer"], "additionalProperties": False,
           "properties": {"topic": {"type": "string"}, "answer": {"type": "string"}}}
    chain = {"type": "object", "additionalProperties": False,
             "required": ["chain", "exercise", "dose", "step", "decision", "because"],
             "properties": {
                 "chain": {"type": "string", "description": "Chain (or lone exercise) id."},
                 "exercise": {"type": "string", "description": "Its exercise this week."},
                 "dose": {"type": "string", "description": "This week's dose, in words."},
                 "step": nullable("integer", "1-based step within the chain."),
                 "decision": nullable("string", "The journal's last decision for it."),
                 "because": nullable("string", "Why.")}}
    history = history_json_schema()["properties"]
    week = history["weeks"]["items"]
    surface = {"type": "object", "additionalProperties": False,
               "required": ["surface", "runs", "mean_minutes", "tightened", "onset_minute",
                            "mornings", "morning_pain"],
               "properties": {k: v for k, v in history["by_surface"]["items"]
                              ["properties"].items() if k != "usual_pain"}}
    decision = {"type": "object", "additionalProperties": False,
                "required": ["first", "last", "times", "decision", "rule", "because"],
                "properties": {
                    "first": {"type": "string", "format": "date"},
                    "last": {"type": "string", "format": "date",
                             "description": "Same as first unless repeated."},
                    "times": {"type": "integer", "minimum": 1,
                              "description": "Consecutive sessions it was taken for."},
                    "decision": {"type": "string", "description": "progress, repeat, back, "
                                 "step-back, flare or hold."},
                    "rule": {"type": "string", "description": "The adapt rule's id."},
                    "because": {"type": "string", "description": "The reason, in words."}}}
    road = plan_json_schema()["$defs"]["RoadReturn"]
    return _document(
        "corecoach summary",
        "One page for a physio visit, as printed by `corecoach summary --format json`.",
        {
            "format": format_property(OUTPUT_FORMAT),
            "today": {"type": "string", "format": "date"},
            "since": nullable("string", "--since, if given."),
            "name": {"type": "string", "description": "The profile's name or file."},
            "person": {"type": "array", "items": row, "description": "Profile facts."},
            "screening": {"type": "array", "items": row,
                          "description": "PAR-Q+ and back warning-sign answers."},
            "alerts": {"type": "array", "items": {"type": "string"}},
            "withheld": nullable("string", "Why there is no plan (safety), if so."),
            "program": {"type": "object", "additionalProperties": False,
                        "required": ["week", "weeks", "start", "chains"],
                        "properties": {
                            "week": nullable("integer", "The program week today."),
                            "weeks": {"type": "integer"},
                            "start": nullable("string", "Monday of week 1, if set."),
                            "chains": {"type": "array", "items": chain}}},
            "weeks": {"type": "array", "items": week, "description": "Week by week."},
            "usual_pain": {"type": "integer", "minimum": 0, "maximum": 10,
                           "description": "back.pain in the profile."},
            "usual_morning": nullable("number", "Median morning check-in shown."),
            "goals": {"type": "array", "items": GOAL_TREND,
                      "description": "Function goals (PSFS) and their trend."},
            "by_surface": {"type": "array", "items": surface},
            "road_return": {"anyOf": [road, {"type": "null"}]},
            "decisions": {"type": "array", "items": decision,
                          "description": "The journal's decisions of the last four weeks."},
            "entries": {"type": "integer", "minimum": 0},
            "disclaimer": {"type": "string"},
        },
    )
