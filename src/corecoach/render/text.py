"""The plan for the terminal: a rich table of the week, then reasons and notes."""

from __future__ import annotations

from io import StringIO
from typing import TYPE_CHECKING

from corecoach.plan import Plan, format_dose
from corecoach.render.common import (
    adapted_lines,
    date_range,
    left_out_line,
    plan_title,
    session_text,
    short_day,
    timing_text,
)
from corecoach.render.terminal import Terminal, fit_encoding
from corecoach.safety import Withheld

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text


class _Buffer(StringIO):
    """A string buffer that tells rich which encoding the real stream has."""

    def __init__(self, encoding: str) -> None:
        super().__init__()
        self._encoding = encoding

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._encoding


def terminal_of(width: int, color: bool, terminal: Terminal | None) -> Terminal:
    """``terminal`` when given, else one built from the older width and colour flags."""
    if terminal is not None:
        return terminal
    return Terminal(width=width, color="standard" if color else None)


def console_for(terminal: Terminal) -> Console:
    """A rich Console that records into a buffer as ``terminal`` would show it.

    rich reads the buffer's encoding: on a code page such as cp1252 it draws table lines
    with ASCII; :func:`tidy` then replaces whatever else the code page cannot show.
    """
    from rich.console import Console

    color = terminal.color
    return Console(file=_Buffer(terminal.encoding), width=terminal.width, color_system=color,
                   force_terminal=color is not None, no_color=color is None,
                   highlight=False, emoji=False, legacy_windows=False, soft_wrap=False)


def tidy(console: Console, terminal: Terminal) -> str:
    """The recorded text, without the padding rich leaves at line ends (it only gets in the
    way of copy and paste), in characters the terminal's encoding can show."""
    assert isinstance(console.file, StringIO)
    text = "\n".join(line.rstrip() for line in console.file.getvalue().splitlines()) + "\n"
    return fit_encoding(text, terminal.encoding)


def _bullets(lines: list[Text]) -> Table:
    """A list with a hanging indent: wrapped lines stay clear of the bullet."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for line in lines:
        grid.add_row("-", line)
    return grid


#: Below this many columns the week is a list per day instead of a table.
TABLE_MIN_WIDTH = 64
#: The table stops growing here (E15): wider terminals get the same table, not a sparser one.
TABLE_MAX_WIDTH = 120


def _day_lists(plan: Plan) -> list[Table | Text]:
    """The week for a narrow terminal: each day a heading, then a hanging-indent list."""
    from rich.text import Text

    out: list[Table | Text] = []
    for day in plan.days:
        head = Text(short_day(day), style="bold")
        if day.items:
            head.append(f" - about {day.minutes} min")
        out.append(head)
        lines = [Text.assemble((session_text(s), "italic"), (" (your training)", "dim"))
                 for s in day.sessions]
        for item in day.items:
            line = Text(item.name, style="cyan")
            line.append(f": {format_dose(item)}")
            if item.timing:
                line.append(f" - {timing_text(item.timing)}", style="dim")
            lines.append(line)
        if not day.items:
            lines.append(Text("no corecoach session", style="dim"))
        out.append(_bullets(lines))
        out.append(Text(""))
    return out


def render_text(plan: Plan, width: int = 80, color: bool = False, *,
                terminal: Terminal | None = None) -> str:
    """The week as a table that fills the terminal's width; a list per day when narrow."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    term = terminal_of(width, color, terminal)
    console = console_for(term)
    console.print(Text(plan_title(plan), style="bold"))
    if date_range(plan):
        console.print(f"{date_range(plan)} - up to {plan.session_minutes} min a day")
    if plan.alerts:
        console.print(Text("Read first", style="bold red"))
        console.print(_bullets([Text(a, style="bold") for a in plan.alerts]))
    if term.width < TABLE_MIN_WIDTH:
        for block in _day_lists(plan):
            console.print(block)
        _reasons(console, plan)
        return tidy(console, term)
    # Capped: on a 200-column terminal a dose 160 columns from its exercise is hard to read.
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False, show_edge=False,
                  width=min(term.width, TABLE_MAX_WIDTH))
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
    _reasons(console, plan)
    return tidy(console, term)


def _reasons(console: Console, plan: Plan) -> None:
    """Why, notes and the disclaimer under the week."""
    from rich.text import Text

    console.print(Text("Why", style="bold"))
    console.print(_bullets([Text.assemble((r.id, "green"), f": {r.because}")
                            for r in plan.rules]))
    if plan.adapted:
        console.print(Text("Adapted", style="bold"))
        console.print(_bullets([Text(line) for line in adapted_lines(plan)]))
    if plan.left_out:
        console.print(Text("Left out this week", style="bold"))
        console.print(_bullets([Text(left_out_line(lo)) for lo in plan.left_out]))
    if plan.notes:
        console.print(Text("Notes", style="bold"))
        console.print(_bullets([Text(n) for n in plan.notes]))
    console.print(Text(plan.disclaimer, style="italic"))


def render_withheld(withheld: Withheld, width: int = 80, color: bool = False, *,
                    terminal: Terminal | None = None) -> str:
    """Why no plan was made and what to do, in plain words."""
    from rich.text import Text

    term = terminal_of(width, color, terminal)
    console = console_for(term)
    title = "Stop: get care first" if withheld.urgent else "Plan withheld for your safety"
    console.print(Text(title, style="bold red" if withheld.urgent else "bold yellow"))
    console.print(withheld.reason)
    console.print(Text(withheld.advice, style="bold" if withheld.urgent else ""))
    return tidy(console, term)
