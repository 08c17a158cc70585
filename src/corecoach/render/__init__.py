"""Renderers: pure functions from a Plan (or Withheld) to text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # annotations only: `log` imports the terminal helpers, never a plan
    from corecoach.plan import Plan
    from corecoach.render.terminal import Terminal
    from corecoach.safety import Withheld

Format = Literal["text", "markdown", "json", "html", "ics"]
FORMATS: tuple[Format, ...] = ("text", "markdown", "json", "html", "ics")
EXTENSIONS: dict[str, Format] = {
    ".txt": "text", ".md": "markdown", ".markdown": "markdown", ".json": "json",
    ".html": "html", ".htm": "html", ".ics": "ics",
}
SUFFIX: dict[Format, str] = {"text": ".txt", "markdown": ".md", "json": ".json",
                             "html": ".html", "ics": ".ics"}


def render_plans(plans: Sequence[Plan], fmt: Format, *, color: bool = False, width: int = 80,
                 terminal: Terminal | None = None, start_time: str = "18:30",
                 calendar_key: str = "plan", alarm: dt.timedelta | None = None) -> str:
    """Render one week (or, for ics, every week given) in a format.

    ``terminal`` (else ``width`` and ``color``) shapes text; ``calendar_key``, ``start_time``
    and ``alarm`` shape a calendar (see :mod:`corecoach.render.ics`).
    """
    plan = plans[0]
    if fmt == "json":
        from corecoach.render.jsonout import render_json

        return render_json(plan)  # JSON escapes control characters itself
    from corecoach.render.common import escaped

    # Names, cues, reasons and notes come from files: no raw control character passes.
    plans = escaped(list(plans))
    plan = plans[0]
    if fmt == "markdown":
        from corecoach.render.markdown import render_markdown

        return render_markdown(plan)
    if fmt == "html":
        from corecoach.render.html import render_html

        return render_html(plan)
    if fmt == "ics":
        from corecoach.render.ics import render_ics

        return render_ics(plans, start_time=start_time, key=calendar_key, alarm=alarm)
    from corecoach.render.text import render_text

    return render_text(plan, width=width, color=color, terminal=terminal)


def render_withheld(withheld: Withheld, fmt: Format, *, color: bool = False,
                    width: int = 80, terminal: Terminal | None = None) -> str:
    """Why there is no plan, in a format (JSON for json; plain words for the rest)."""
    if fmt == "json":
        from corecoach.render.jsonout import render_withheld_json

        return render_withheld_json(withheld)
    from corecoach.render.common import escaped

    withheld = escaped(withheld)
    if fmt == "markdown":
        return f"# Plan withheld\n\n{withheld.reason}\n\n**{withheld.advice}**\n"
    if fmt == "html":
        from corecoach.render.html import render_withheld_html

        return render_withheld_html(withheld)
    from corecoach.render.text import render_withheld as text

    return text(withheld, width=width, color=color, terminal=terminal)
