"""The JSON Schema of `corecoach plan --format json`, built from the Plan model.

The model gives the shape; :data:`KEYS` gives every key a description (an editor shows it
on hover, and docs/plan-json.md is generated from it). A key the model gains without a
description here fails a test, so the published schema and the docs never fall behind.
"""

from __future__ import annotations

from typing import Any

from corecoach.plan import PLAN_FORMAT, Plan

#: Per object of the plan JSON, a description of each key.
KEYS: dict[str, dict[str, str]] = {
    "Plan": {
        "format": "Version of this JSON shape; changes only when a key changes meaning or "
        "goes away (new keys may appear within a format).",
        "corecoach": "Version of corecoach that made the plan.",
        "week": "The week shown, 1-based.",
        "weeks": "Length of the program in weeks.",
        "deload": "True in a deload week: lighter on purpose, to absorb the work so far.",
        "start": "Monday of week 1 (YYYY-MM-DD), or null when the profile has no start.",
        "alerts": "What the person must read first: reassess a flare, see someone, a "
        "program that ended.",
        "days": "Always seven days, Monday first.",
        "rules": "The rules that shaped the plan, most important first, each with the "
        "reason given to the person.",
        "left_out": "Wanted work that did not make this week, with the rules that wanted it "
        "and why.",
        "adapted": "The journal's decision for each chain (empty without a journal).",
        "road_return": "Where the graded return to road running stands, or null unless road "
        "runs tighten the back (the profile's symptom seizes-during-running, or road runs "
        "logged with --tight-at).",
        "notes": "Advice that goes with the plan, in plain words.",
        "name": "The profile's name, or null.",
        "disclaimer": "General exercise guidance, not a diagnosis: shown once with every plan.",
        "session_minutes": "The longest session the person wants, in minutes.",
    },
    "PlanDay": {
        "day": "mon, tue, wed, thu, fri, sat or sun.",
        "date": "The day's date (YYYY-MM-DD), or null without a start.",
        "activities": "The person's own sports on this day.",
        "sessions": "The person's own sessions on this day, with minutes and surface.",
        "minutes": "Estimated corecoach minutes this day (0 on a day without items).",
        "items": "corecoach's exercises for the day, in the order to do them.",
    },
    "PlanItem": {
        "exercise": "Exercise id (see `corecoach show ID`); good-morning variants start with "
        "good-morning.",
        "name": "Exercise name.",
        "category": "core, flexibility, hinge, mobility, breathing (or activity: walking "
        "that corecoach schedules).",
        "level": "Difficulty, 1 (easiest) to 5.",
        "sets": "Number of sets.",
        "reps": "Repetitions per set: a number, a list (one entry per set, for pyramids) or "
        "null for holds and timed work.",
        "seconds": "Hold or stretch time per repetition in seconds, or null.",
        "per_side": "True when the dose is for each side.",
        "load_kg": "Load in kilograms for loaded work, else null.",
        "minutes": "Estimated minutes, rests included.",
        "timing": 'On a day with sport: "before SPORT", "after SPORT" or "separately"; '
        "else null.",
        "cue": "The first coaching cue: how to do it.",
        "caution": "Its stop rule: the first caution that applies to everyone (empty when "
        "it has none).",
        "equipment": "Equipment the exercise needs (a|b means either).",
        "loaded": "True when the exercise carries external load.",
        "chain": "Id of the progression chain it belongs to, or null.",
        "step": "1-based position in the chain, or null.",
        "rung": "1-based position on the step's dose ladder.",
        "rungs": "How many rungs the dose ladder has.",
        "rules": "Ids of the rules that asked for it.",
    },
    "Session": {
        "sport": "The sport.",
        "minutes": "Usual minutes of the session.",
        "surface": "Running surface (road, trail, treadmill, track, mixed), else null.",
        "name": "The person's own word for the activity (padel, BJJ, ...), else null.",
        "route": "A road run during the road return: how many minutes go on the road "
        "first, then where the rest goes; null otherwise.",
    },
    "RouteLeg": {
        "surface": '"road", or where the rest of the run goes ("trail or treadmill").',
        "minutes": "Minutes of this part of the run.",
    },
    "RoadReturn": {
        "stage": "1 at the start; one up with each step of road minutes, one down with "
        "each step back.",
        "road_minutes": "Minutes on the road at the start of every road run this week.",
        "onset_minute": "The minute the back usually tightens on a road run (the median of "
        "the journal's road runs that tightened, else the profile's "
        "back.tight_after_minutes), or null when unknown.",
        "because": "Why the road minutes are what they are: the last road run's verdict, "
        "or how the first stage was set.",
        "next": "What moves it on, e.g. \"20 min after two road runs without tightening\"; "
        "null once back on the road.",
        "back_on_road": "True when whole road runs have stayed clear of tightening for two "
        "weeks: the route drops out.",
        "tip": "The experiment that goes with this stage (road camber, step rate), or null.",
    },
    "RuleRef": {
        "id": "Rule id (see `corecoach explain`).",
        "because": "The reason, in plain words.",
    },
    "LeftOut": {
        "id": "Id of the exercise or chain that was wanted.",
        "rules": "The rules that wanted it.",
        "because": "Why it did not make this week.",
    },
    "Adapted": {
        "chain": "Progression chain id.",
        "decision": "What the journal decided: progress, repeat, back, ...",
        "because": "Why, in plain words.",
    },
}

TITLE = "corecoach plan"


def _plan_schema() -> dict[str, Any]:
    """The Plan dataclasses as pydantic describes them (built only when asked)."""
    from pydantic import TypeAdapter

    return TypeAdapter(Plan).json_schema(mode="serialization")


def _describe(node: dict[str, Any], keys: dict[str, str]) -> None:
    properties: dict[str, dict[str, Any]] = node.get("properties", {})
    for key, prop in properties.items():
        if key in keys:
            prop["description"] = keys[key]
        prop.pop("title", None)
    # Every key is always present in the output (null when it does not apply).
    node["required"] = list(properties)


def plan_json_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of the plan JSON, with a description on every key.

    `plan --format json` prints one of two objects, both with ``format``: a plan
    (``$defs/Plan``) or, with exit code 3, a withheld plan (``$defs/Withheld``).
    """
    from corecoach.output_schemas import withheld_object

    plan = _plan_schema()
    defs: dict[str, Any] = plan.pop("$defs", {})
    for name, node in defs.items():
        _describe(node, KEYS.get(name, {}))
    _describe(plan, KEYS["Plan"])
    plan["properties"]["format"]["const"] = PLAN_FORMAT
    plan["description"] = "One week of the program."
    defs["Plan"] = plan
    defs["Withheld"] = withheld_object(PLAN_FORMAT)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": TITLE,
        "description": ("One week of a corecoach program, or a plan withheld for safety "
                        "(exit code 3), as printed by `corecoach plan --format json`."),
        "oneOf": [{"$ref": "#/$defs/Plan"}, {"$ref": "#/$defs/Withheld"}],
        "$defs": defs,
    }


def undocumented_keys() -> list[str]:
    """``Model.key`` for every key of the plan JSON that has no description (for tests)."""
    schema = _plan_schema()
    nodes = {"Plan": schema, **schema.get("$defs", {})}
    return [f"{name}.{key}" for name, node in nodes.items()
            for key in node.get("properties", {}) if key not in KEYS.get(name, {})]


def plan_keys_markdown() -> str:
    """docs/plan-json.md: every key of the plan JSON, per object (generated)."""
    nodes = plan_json_schema()["$defs"]
    order = ["Plan", "PlanDay", "Session", "RouteLeg", "PlanItem", "RuleRef", "LeftOut",
             "Adapted", "RoadReturn", "Withheld"]
    order += sorted(set(nodes) - set(order))
    where = {"Plan": "the top level", "PlanDay": "each of `days`",
             "Session": "each of a day's `sessions`", "PlanItem": "each of a day's `items`",
             "RuleRef": "each of `rules`", "LeftOut": "each of `left_out`",
             "Adapted": "each of `adapted`", "RouteLeg": "each of a session's `route`",
             "RoadReturn": "`road_return`", "Withheld": "a withheld plan (exit code 3)"}
    out = [
        "# The plan as JSON",
        "",
        "<!-- Generated from src/corecoach/plan_schema.py; tests/test_docs.py keeps it in "
        "step. -->",
        "",
        "`corecoach plan --format json` prints one week as the JSON object below. "
        "`corecoach schema plan` (or `--plan`) prints its JSON Schema (draft 2020-12), "
        f"and the object's `format` ({PLAN_FORMAT}) is the version of this shape. Every key "
        "is always present; keys that do not apply are `null` or empty lists. A withheld "
        'plan is `{"format": 1, "withheld": true, "reason": ..., "advice": ..., '
        '"urgent": ...}` with exit code 3; the schema accepts either object (`oneOf`).',
        "",
    ]
    for name in order:
        node = nodes.get(name)
        if node is None:
            continue
        out += [f"## {where.get(name, name)}", "", "| key | type | meaning |", "|---|---|---|"]
        for key, prop in node.get("properties", {}).items():
            out.append(f"| `{key}` | {_type_text(prop)} | {prop.get('description', '')} |")
        out.append("")
    return "\n".join(out)


def _type_text(prop: dict[str, Any]) -> str:
    if "$ref" in prop:
        return "object"
    if "anyOf" in prop:
        return " or ".join(_type_text(p) for p in prop["anyOf"])
    kind = prop.get("type", "any")
    if kind == "array":
        return f"list of {_type_text(prop.get('items', {}))}"
    if "enum" in prop:
        return "text"
    if prop.get("format") == "date":
        return "date"
    return {"integer": "integer", "number": "number", "string": "text", "boolean": "true/false",
            "null": "null"}.get(str(kind), str(kind))
