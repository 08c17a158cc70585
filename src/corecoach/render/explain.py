"""Explanations as plain text."""

from __future__ import annotations

import json

from corecoach.explain import Explanation, RuleExplanation
from corecoach.render.common import escape_controls
from corecoach.render.terminal import Terminal, wrap_text


def _value(v: object) -> str:
    return json.dumps(v) if not isinstance(v, bool) else str(v).lower()


def _rule(block: RuleExplanation, out: list[str]) -> None:
    r = block.result
    mark = "fired" if r.fired else "did not fire"
    out.append(f"{r.id} ({mark})")
    out.append(f"  because: {r.because}")
    out.append(f"  when: {r.when}")
    for c in r.clauses:
        facts = ", ".join(f"{k} = {_value(v)}" for k, v in c.facts.items())
        facts = f"  [{facts}]" if facts else ""
        out.append(f"    {'yes' if c.value else 'no '}  {c.text}{facts}")
    if not r.fired:
        failed = r.failed_clause()
        if failed is not None:
            out.append(f"  failed at: {failed.text}")
    for line in block.contributed:
        out.append(f"  + {line}")
    out.append("")


def render_explanation(explanation: Explanation, terminal: Terminal | None = None) -> str:
    """The explanation as plain text lines, wrapped to ``terminal`` when one is given."""
    out = [explanation.title, ""]
    if explanation.withheld:
        out += [explanation.withheld, ""]
    for block in explanation.rules:
        _rule(block, out)
    if explanation.unfired:
        out += ["Rules that did not fire:", ""]
        for block in explanation.unfired:
            _rule(block, out)
    out += explanation.lines
    text = "\n".join(escape_controls(line) for line in out).rstrip("\n") + "\n"
    return wrap_text(text, terminal) if terminal is not None else text
