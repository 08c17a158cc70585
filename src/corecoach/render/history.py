"""The journal's history: a weekly table with sparklines, the surface comparison, JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from io import StringIO
from typing import TYPE_CHECKING, Any

from corecoach.journal.csvio import entry_dict
from corecoach.journal.history import (
    ASCII_SPARKS,
    SPARKS,
    History,
    SurfaceSummary,
    WeekSummary,
    sparkline,
)
from corecoach.render.terminal import Terminal
from corecoach.words import count

if TYPE_CHECKING:
    from corecoach.goals import GoalTrend

NO_CAUSE = ("These are your own numbers side by side: they show what went with what, not "
            "what caused it. More runs make the comparison steadier.")


GOALS_TITLE = ("Function goals, 0-10 (a change of 2+ points is meaningful; PSFS, see "
               "docs/journal.md):")

#: Below this width the weeks (and surfaces) are a list: a table would cut its numbers.
NARROW = 64


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"


def _adherence(week: WeekSummary) -> str:
    if week.adherence is None:
        return "-"
    return f"{week.adherence:.0%}" + (" so far" if week.in_progress else "")


def history_text(history: History, weeks: list[WeekSummary],
                 surfaces: list[SurfaceSummary] | None, label: str,
                 terminal: Terminal | None = None, goals: Sequence[GoalTrend] = ()) -> str:
    """A rich table of weeks (or of surfaces), with 8-level sparklines (ASCII ones on a
    terminal that cannot show the blocks), and each rated function goal's trend."""
    from rich import box
    from rich.console import Console
    from rich.table import Table

    term = terminal or Terminal()
    color = term.color is not None
    console = Console(file=StringIO(), width=term.width, color_system=term.color,
                      force_terminal=color, no_color=not color, highlight=False, emoji=False)
    bars = SPARKS if term.unicode else ASCII_SPARKS
    if not history.entries:
        return "No journal entries yet: corecoach log records a session, corecoach check-in " \
               "the next morning.\n"
    narrow = term.width < NARROW
    if surfaces is not None:
        if narrow:  # a list per surface: a table's columns would cut the numbers
            console.print(f"Mornings after runs - {label}", style="bold")
            for s in surfaces:
                console.print(f"{s.surface}: {count(s.runs, 'run')} of "
                              f"{_num(s.mean_minutes)} min on average, back tightened on "
                              f"{s.tightened} (median minute {_num(s.onset_minute)}); "
                              f"{s.mornings} with a check-in, morning pain "
                              f"{_num(s.morning_pain)} (usual {_num(s.usual_pain)})")
        else:
            table = Table(box=box.SIMPLE_HEAD if term.unicode else box.ASCII,
                          title=f"Mornings after runs - {label}")
            for column in ("Surface", "Runs", "Min", "Tight", "Onset", "Mornings",
                           "Pain after", "Usual"):
                table.add_column(column, justify="left" if column == "Surface" else "right")
            for s in surfaces:
                table.add_row(s.surface, str(s.runs), _num(s.mean_minutes), str(s.tightened),
                              _num(s.onset_minute), str(s.mornings), _num(s.morning_pain),
                              _num(s.usual_pain))
        if not surfaces:
            console.print("No runs logged yet: corecoach log --activity running --minutes N "
                          "--surface road")
        elif not narrow:
            console.print(table)
            console.print("Min: mean minutes of a run. Tight: runs on which the back "
                          "tightened; Onset: the median minute it did. Mornings: runs with a "
                          "check-in the next morning; Pain after: their mean pain, beside "
                          "your Usual morning (the median check-in).")
        console.print(NO_CAUSE)
    else:
        if narrow:  # a list per week
            console.print(f"Journal - {label}", style="bold")
            for w in weeks:
                console.print(f"Week of {w.monday.isoformat()}{' *' if w.in_progress else ''}: "
                              f"{w.done} done, {w.partial} partial, {w.skipped} skipped; "
                              f"adherence {_adherence(w)}; pain during {_num(w.pain_during)}; "
                              f"morning pain {_num(w.morning_pain)}")
        else:
            table = Table(box=box.SIMPLE_HEAD if term.unicode else box.ASCII,
                          title=f"Journal - {label}")
            for column in ("Week of", "Done", "Partial", "Skipped", "Adherence",
                           "Pain during", "Morning pain"):
                table.add_column(column, justify="left" if column == "Week of" else "right",
                                 no_wrap=column in ("Week of", "Adherence"))
            for w in weeks:
                table.add_row(w.monday.isoformat() + (" *" if w.in_progress else ""),
                              str(w.done), str(w.partial), str(w.skipped), _adherence(w),
                              _num(w.pain_during), _num(w.morning_pain))
            console.print(table)
        if any(w.in_progress for w in weeks):
            console.print("* this week, still in progress")
        # The week in progress is left blank: a low bar would read as a bad week.
        done = [None if w.in_progress else w.adherence for w in weeks]
        console.print(f"Adherence     {sparkline(done, 1.0, bars)}")
        console.print(f"Pain during   {sparkline([w.pain_during for w in weeks], 10.0, bars)}")
        console.print(f"Morning pain  {sparkline([w.morning_pain for w in weeks], 10.0, bars)}")
        if goals:
            console.print(GOALS_TITLE)
            for trend in goals:
                console.print(f"  {sparkline([float(s) for _, s in trend.ratings], 10.0, bars)}"
                              f"  {trend.words()}", markup=False)
        console.print(f"{count(len(history.entries), 'entry', 'entries')}; corecoach history "
                      "--format csv has them all.")
    text: str = console.file.getvalue()  # type: ignore[attr-defined]
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


def history_json(history: History, weeks: list[WeekSummary],
                 surfaces: list[SurfaceSummary] | None,
                 goals: Sequence[GoalTrend] = ()) -> str:
    """Every entry, the weekly summary, each rated goal's trend and (with --by surface)
    the surface comparison."""
    from corecoach.journal.schemas import goal_trend_dict, surface_dict, week_dict
    from corecoach.output_schemas import OUTPUT_FORMAT

    data: dict[str, Any] = {
        "format": OUTPUT_FORMAT,
        "profile": history.profile,
        "entries": [entry_dict(e) for e in history.entries],
        "weeks": [week_dict(w) for w in weeks],
        "goals": [goal_trend_dict(t) for t in goals],
    }
    if surfaces is not None:
        data["by_surface"] = [surface_dict(s) for s in surfaces]
        data["note"] = NO_CAUSE
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
