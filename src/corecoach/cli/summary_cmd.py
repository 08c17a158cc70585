"""`corecoach summary`: one page for a physio visit."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal, Optional

import typer

from corecoach.cli.options import ProfileArg, RoutinesOpt, SinceOpt, TodayOpt

SummaryFormat = Literal["text", "markdown", "html", "json"]


def summary(
    profile_path: ProfileArg = None,
    since: SinceOpt = None,
    fmt: Annotated[SummaryFormat, typer.Option(
        "--format", "-f", help="Output format (html prints on one A4 or Letter page).")
    ] = "text",
    output: Annotated[Optional[Path], typer.Option(  # noqa: UP045
        "--output", "-o", help="Write to this file (default: print).")] = None,
    today: TodayOpt = None,
    routines: RoutinesOpt = None,
) -> None:
    """One page for a physio visit: you, your program, pain, function goals and runs.

    The person (profile facts, screening answers, alerts), where each chain stands,
    adherence and pain week by week against your usual level, the function goals' trend,
    runs by surface and the road-return stage, and the journal's decisions of the last
    four weeks with their reasons. JSON follows `corecoach schema summary`.

    Examples:

      corecoach summary

      corecoach summary --format html -o summary.html

      corecoach summary --since 2026-11-01 --format json
    """
    from corecoach.cli.common import library, reporting, write_output
    from corecoach.cli.journal_files import journal_profile
    from corecoach.cli.options import parse_date, today_of
    from corecoach.coach import summary_for
    from corecoach.journal_inputs import journal_history
    from corecoach.render import summary as render

    with reporting():
        now = today_of(today)
        first = parse_date("--since", since) if since else None
        profile, path = journal_profile(profile_path)
        view = summary_for(profile, library(routines), now, journal_history(profile, path),
                           first)
        draw = {"text": render.summary_text, "markdown": render.summary_markdown,
                "html": render.summary_html, "json": render.summary_json}[fmt]
        write_output(draw(view), output)


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
    app.command()(summary)
