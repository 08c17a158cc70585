"""Progress for batch work: a rich bar on a terminal, plain lines elsewhere, nothing lost.

A coach planning 500 clients sees one bar with a count and the time left, instead of 500
``wrote ...`` lines. Errors and warnings always print, above the bar. When stderr is not a
terminal (piped, a log file, CI) there is no bar and each file written is one line, as
before; with ``--quiet`` there is neither, and only errors, warnings and (when something
failed) the summary remain.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

import typer

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID


T = TypeVar("T")


def stderr_is_terminal() -> bool:
    """Is stderr an interactive terminal that can redraw a bar (not TERM=dumb)?

    A stream that is not a tty (a pipe, a log file, CI) never is, whatever FORCE_COLOR
    says: rich would take FORCE_COLOR for a terminal and redraw the bar into the log. Only
    a tty is handed to rich to judge, so a scripted batch never imports rich at all.
    """
    from corecoach.cli.console import is_terminal

    if not is_terminal(sys.stderr):
        return False
    from rich.console import Console

    console = Console(file=sys.stderr)
    return console.is_terminal and not console.is_dumb_terminal


@dataclass
class BatchReport:
    """Counts what a batch did, and says it on stderr as it goes."""

    total: int
    quiet: bool = False
    written: int = 0
    failed: int = 0
    withheld: int = 0
    _bar: Progress | None = field(default=None, repr=False)
    _task: TaskID | None = field(default=None, repr=False)

    def problem(self, line: str) -> None:
        """An error, warning or withheld line: always shown (above the bar, if there is one)."""
        typer.echo(line, err=True)

    def wrote(self, target: object) -> None:
        """One file written: a line when there is no bar (and not quiet)."""
        self.written += 1
        if self._bar is None and not self.quiet:
            typer.echo(f"wrote {target}", err=True)

    def each(self, items: Iterable[T]) -> Iterator[T]:
        """``items``, moving the bar on as each one is done (whatever its outcome)."""
        for item in items:
            yield item
            if self._bar is not None and self._task is not None:
                self._bar.advance(self._task)

    def summary(self) -> str:
        """``498 written, 2 failed (of 500 profiles); 3 withheld for safety``."""
        from corecoach.words import count

        text = (f"{self.written} written, {self.failed} failed "
                f"(of {count(self.total, 'profile')})")
        if self.withheld:
            text += f"; {self.withheld} withheld for safety"
        return text

    def finish(self) -> None:
        """The summary line, unless quiet and nothing went wrong."""
        if not self.quiet or self.failed or self.withheld:
            typer.echo(self.summary(), err=True)


class _AboveTheBar:
    """A stand-in for sys.stderr while the bar is drawn: each line prints above the bar.

    rich's own redirection is not enough: click.echo finds the real stream's binary buffer
    behind rich's proxy and writes past it, breaking the bar. This one has no buffer.
    """

    def __init__(self, console: Console, encoding: str) -> None:
        self._console = console
        self._pending = ""
        self.encoding = encoding
        self.errors = "replace"

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError("text only")  # so click treats this as a text stream
        self._pending += text
        *lines, self._pending = self._pending.split("\n")
        for line in lines:
            self._console.print(line, markup=False, highlight=False, soft_wrap=True)
        return len(text)

    def flush(self) -> None:
        """Lines are printed as they end; a partial line waits for its newline."""

    def isatty(self) -> bool:
        return False

    def close(self) -> None:
        if self._pending:
            self.write("\n")


@contextmanager
def batch_progress(total: int, *, quiet: bool = False, what: str = "planning") -> Iterator[
        BatchReport]:
    """A :class:`BatchReport` for ``total`` items, with a bar while stderr is a terminal."""
    report = BatchReport(total=total, quiet=quiet)
    if quiet or total < 2 or not stderr_is_terminal():
        yield report
        report.finish()
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    real = sys.stderr
    console = Console(file=real)
    bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn(),
                   console=console, transient=True, redirect_stdout=False,
                   redirect_stderr=False)
    report._bar = bar
    above = _AboveTheBar(console, getattr(real, "encoding", None) or "utf-8")
    with bar:
        report._task = bar.add_task(what, total=total)
        sys.stderr = above
        try:
            yield report
        finally:
            above.close()
            sys.stderr = real
            report._bar = None  # the summary prints below, once the bar is gone
    report.finish()
