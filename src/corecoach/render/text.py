"""The plan for the terminal: a rich table of the week, then reasons and notes."""

from __future__ import annotations

from io import StringIO
from typing import TYPE_CHECKING

from corecoach.plan import Plan
from corecoach.render.common import (
    date_range,
    format_dose,
    left_out_line,
    plan_title,
    session_text,
    short_day,
    timing_text,
)
from corecoach.safety import Withheld

if TYPE_CHECKING:
    from rich.table import Table
    from rich.text import Text


def _console(width: int, color: bool):  # type: ignore[no-untyped-def]
    from rich.console import Console

    return Console(file=StringIO(), width=width, color_system="standard" if color else None,
                   force_terminal=color, no_color=not color, highlight=False, emoji=False,
                   legacy_windows=False, soft_wrap=False)


def _tidy(text: str) -> str:
    """Drop the padding rich leaves at line ends (it only gets in the way of copy and paste)."""
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


def _bullets(lines: list[Text]) -> Table:
    """A list with a hanging indent: wrapped lines stay clear of the bullet."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for line in lines:
        grid.add_row("-", line)
    return grid


def render_text(plan: Plan, width: int = 80, color: bool = False) -> str:
    """The week as a table that reads at 80 columns, with and without colour."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    console = _console(width, color)
    console.print(Text(plan_title(plan), style="bold"))
    if date_range(plan):
        console.print(f"{date_range(plan)} - up to {plan.session_minutes} min a day")
    if plan.alerts:
        console.print(Text("Read first", style="bold red"))
        console.print(_bullets([Text(a, style="bold") for a in plan.alerts]))
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False, show_edge=False)
    table.add_column("Day", no_wrap=True)
    table.add_column("What", ratio=3)
    table.add_column("Dose", no_wrap=True)
    table.add_column("Min", justify="right", no_wrap=True)
    for day in plan.days:
        rows: list[tuple[Text, Text | str]] = [
            (Text(session_text(session), style="italic"), Text("your training", style="dim"))
            for session in day.sessions
        ]
        for item in day.items:
            name = Text(item.name, style="cyan")
            if item.timing:
                name.append(f" - {timing_text(item.timing)}", style="dim")
            rows.append((name, format_dose(item)))
        if not day.items:
            rows.append((Text("no corecoach session", style="dim"), ""))
        minutes = str(day.minutes) if day.items else ""
        for n, (what, dose) in enumerate(rows):
            table.add_row(Text(short_day(day), style="bold") if n == 0 else "", what, dose,
                          minutes if n == 0 else "", end_section=n == len(rows) - 1)
    console.print(table)
    console.print(Text("Why", style="bold"))
    console.print(_bullets([Text.assemble((r.id, "green"), f": {r.because}")
                            for r in plan.rules]))
    if plan.left_out:
        console.print(Text("Left out this week", style="bold"))
        console.print(_bullets([Text(left_out_line(lo)) for lo in plan.left_out]))
    if plan.notes:
        console.print(Text("Notes", style="bold"))
        console.print(_bullets([Text(n) for n in plan.notes]))
    console.print(Text(plan.disclaimer, style="italic"))
    return _tidy(console.file.getvalue())


def render_withheld(withheld: Withheld, width: int = 80, color: bool = False) -> str:
    """Why no plan was made and what to do, in plain words."""
    from rich.text import Text

    console = _console(width, color)
    title = "Stop: get care first" if withheld.urgent else "Plan withheld for your safety"
    console.print(Text(title, style="bold red" if withheld.urgent else "bold yellow"))
    console.print(withheld.reason)
    console.print(Text(withheld.advice, style="bold" if withheld.urgent else ""))
    return _tidy(console.file.getvalue())
