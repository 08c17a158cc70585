"""The plan for the terminal: a rich table of the week, then reasons and notes."""

from __future__ import annotations

from io import StringIO

from corecoach.plan import Plan
from corecoach.render.common import (
    date_range,
    day_title,
    format_dose,
    plan_title,
    session_text,
)
from corecoach.safety import Withheld


def _console(width: int, color: bool):  # type: ignore[no-untyped-def]
    from rich.console import Console

    return Console(file=StringIO(), width=width, color_system="standard" if color else None,
                   force_terminal=color, no_color=not color, highlight=False, emoji=False,
                   legacy_windows=False, soft_wrap=False)


def render_text(plan: Plan, width: int = 80, color: bool = False) -> str:
    """The week as a table that reads at 80 columns, with and without colour."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    console = _console(width, color)
    console.print(Text(plan_title(plan), style="bold"))
    if date_range(plan):
        console.print(f"{date_range(plan)} - up to {plan.session_minutes} min a day")
    table = Table(box=box.SIMPLE_HEAD, show_lines=False, expand=False, pad_edge=False)
    table.add_column("Day", style="bold", no_wrap=True)
    table.add_column("Your training", max_width=16)
    table.add_column("corecoach", ratio=1)
    table.add_column("Min", justify="right", no_wrap=True)
    for day in plan.days:
        own = "\n".join(session_text(s) for s in day.sessions) or "-"
        lines = Text()
        for n, item in enumerate(day.items):
            if n:
                lines.append("\n")
            lines.append(item.name, style="cyan")
            lines.append(f"  {format_dose(item)}")
            if item.timing:
                lines.append(f"  ({item.timing})", style="dim")
        table.add_row(day_title(day), own, lines if day.items else Text("rest", style="dim"),
                      str(day.minutes) if day.items else "")
    console.print(table)
    console.print(Text("Why", style="bold"))
    for rule in plan.rules:
        console.print(Text.assemble(("- ", ""), (rule.id, "green"), (f": {rule.because}", "")))
    if plan.notes:
        console.print(Text("Notes", style="bold"))
        for note in plan.notes:
            console.print(f"- {note}")
    console.print(Text(plan.disclaimer, style="italic"))
    return console.file.getvalue()  # type: ignore[no-any-return]


def render_withheld(withheld: Withheld, width: int = 80, color: bool = False) -> str:
    """Why no plan was made and what to do, in plain words."""
    from rich.text import Text

    console = _console(width, color)
    title = "Stop: get care first" if withheld.urgent else "Plan withheld for your safety"
    console.print(Text(title, style="bold red" if withheld.urgent else "bold yellow"))
    console.print(withheld.reason)
    console.print(Text(withheld.advice, style="bold" if withheld.urgent else ""))
    return console.file.getvalue()  # type: ignore[no-any-return]
