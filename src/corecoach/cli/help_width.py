"""--help at the terminal's width, down to 40 columns and below.

click draws help at least 50 columns wide and keeps option names in a 30-column first
column, so a 40-column pane wraps every line mid-word. The root context takes the
terminal's width (every command's context inherits it) and each command's context draws
with :class:`NarrowHelpFormatter`, whose first column shrinks on a narrow terminal.
"""

from __future__ import annotations

from collections.abc import Sequence

from corecoach.cli.typer_private import Command, Context, HelpFormatter

#: Below this many columns the option names' column shrinks to a third of the width.
NARROW = 60


def help_width() -> int | None:
    """Columns for --help on a terminal narrower than click's 50-column minimum allows: the
    terminal's (COLUMNS, else the real width) less two, at least 20. None on a wider one,
    where click's own choice (the same width, at most 78) stands."""
    import shutil

    columns = shutil.get_terminal_size().columns
    return max(columns - 2, 20) if columns - 2 < 50 else None


class NarrowHelpFormatter(HelpFormatter):
    """click's formatter, with a narrower first column on a narrow terminal: a long option
    name stands on its own line and its help starts below it, further left."""

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30,
                 col_spacing: int = 2) -> None:
        if self.width < NARROW:
            col_max = min(col_max, max(self.width // 3, 8))
        super().write_dl(rows, col_max, col_spacing)


class NarrowHelpContext(Context):
    """A context whose help is drawn by :class:`NarrowHelpFormatter`."""

    formatter_class = NarrowHelpFormatter


def narrow_help(command: Command) -> Command:
    """``command`` (and a group's subcommands) drawing its help with the narrow formatter."""
    command.context_class = NarrowHelpContext
    for sub in getattr(command, "commands", {}).values():
        narrow_help(sub)
    return command
