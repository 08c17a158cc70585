"""Plan and withheld results as JSON (the contract in DESIGN.md)."""

from __future__ import annotations

import json

from corecoach.plan import PLAN_FORMAT, Plan, plan_json
from corecoach.safety import Withheld


def render_json(plan: Plan) -> str:
    """The plan as pretty JSON, keys in contract order, ending in a newline."""
    # pydantic_core's serializer is several times faster than json.dumps with indent (the
    # pure-Python encoder); it matters when a coach plans 200 clients at once.
    return plan_json(plan) + "\n"


def render_withheld_json(withheld: Withheld) -> str:
    """``{"format": 1, "withheld": true, "reason": ..., "advice": ..., "urgent": ...}``."""
    data = {"format": PLAN_FORMAT, **withheld.model_dump(mode="json")}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
