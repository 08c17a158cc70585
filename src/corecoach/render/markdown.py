"""The plan as Markdown: a heading per day and its exercises as GFM task items.

``- [ ] ...`` renders as a tick box on GitHub, in cmark-gfm and in most note apps, so the
week can be ticked off where it is read.
"""

from __future__ import annotations

import html

from corecoach.plan import Plan, format_dose
from corecoach.render.common import (
    adapted_lines,
    date_range,
    day_title,
    left_out_line,
    plan_title,
    session_text,
    timing_text,
)


def _inline(text: str) -> str:
    """Text safe inside a list item: no characters that Markdown would take as markup."""
    for char in ("\\", "*", "_", "`", "[", "]", "<", ">"):
        text = text.replace(char, "\\" + char)
    return " ".join(text.split())


def _md(text: str) -> str:
    """Text from files in a heading or a paragraph: no raw HTML (``<script>``) passes."""
    return html.escape(text, quote=False)


def render_markdown(plan: Plan) -> str:
    """The week as Markdown: one table per training day, then reasons and notes."""
    out = [f"# {_md(plan_title(plan))}", ""]
    if date_range(plan):
        out += [f"{date_range(plan)}; up to {plan.session_minutes} minutes a day.", ""]
    if plan.alerts:
        out += ["**Read first:**", ""]
        out += [f"- **{_md(a)}**" for a in plan.alerts]
        out.append("")
    for day in plan.days:
        own = ", ".join(session_text(s) for s in day.sessions) or "rest day"
        out.append(f"## {day_title(day)}")
        out.append("")
        out.append(f"Your own training: {own}.")
        out.append("")
        if not day.items:
            out += ["No corecoach session today.", ""]
            continue
        out.append(f"corecoach, about {day.minutes} min:")
        out.append("")
        for item in day.items:
            when = f" ({_inline(timing_text(item.timing))})" if item.timing else ""
            # A backslash at the end of a line is CommonMark's hard line break.
            how = f"\\\n  {_inline(item.cue)}" if item.cue else ""
            if item.caution:  # the stop rule (issue 18, item 7)
                how += f"\\\n  *{_inline(item.caution)}*"
            out.append(f"- [ ] **{_inline(item.name)}**: {_inline(format_dose(item))}{when}"
                       f"{how}")
        out.append("")
    out += ["## Why this plan", ""]
    out += [f"- **{r.id}**: {_md(r.because)}" for r in plan.rules]
    if plan.adapted:
        out += ["", "## Adapted", ""]
        out += [f"- {_md(line)}" for line in adapted_lines(plan)]
    if plan.left_out:
        out += ["", "## Left out this week", ""]
        out += [f"- {_md(left_out_line(lo))}" for lo in plan.left_out]
    if plan.notes:
        out += ["", "## Notes", ""]
        out += [f"- {_md(n)}" for n in plan.notes]
    out += ["", f"*{plan.disclaimer}*", ""]
    return "\n".join(out)
