"""One exception hierarchy for corecoach, and the exit codes it maps to."""

from __future__ import annotations

from enum import IntEnum
from typing import NamedTuple


class ExitCode(IntEnum):
    """Process exit codes; part of the public contract (see README)."""

    OK = 0
    FAILURE = 1
    BAD_INPUT = 2
    WITHHELD = 3
    INTERRUPTED = 130


class Problem(NamedTuple):
    """One thing wrong with one input: where it is, and what to do about it.

    (A NamedTuple rather than a frozen dataclass: this module loads on every start, and a
    dataclass costs about ten times as much to define.)
    """

    source: str
    key: str
    message: str

    def line(self) -> str:
        """The one-line form: ``FILE: KEY: message``."""
        parts = [p for p in (self.source, self.key) if p]
        return ": ".join([*parts, self.message])


class CorecoachError(Exception):
    """Base of every error corecoach raises on purpose."""

    exit_code: ExitCode = ExitCode.FAILURE


class InputError(CorecoachError):
    """Input from the user (a file, an option, definitions) is wrong; exit 2."""

    exit_code = ExitCode.BAD_INPUT

    def __init__(self, problems: list[Problem] | None = None) -> None:
        self.problems: list[Problem] = list(problems or [])
        super().__init__(self.lines()[0] if self.problems else "bad input")

    #: Past this many problems, the rest are counted in one last line.
    max_lines = 50

    def lines(self) -> list[str]:
        """Every problem, one line each (the first ``max_lines`` and a count of the rest)."""
        if len(self.problems) <= self.max_lines:
            return [p.line() for p in self.problems]
        shown = self.problems[: self.max_lines - 1]
        rest = len(self.problems) - len(shown)
        return [p.line() for p in shown] + [f"... and {rest:,} more problems"]

    @classmethod
    def single(cls, source: str, key: str, message: str) -> InputError:
        """An error with exactly one problem."""
        return cls([Problem(source, key, message)])


class ProfileError(InputError):
    """A profile file is missing, unreadable or invalid."""


class DefinitionError(InputError):
    """Routine definitions (exercises, chains, rules) are invalid."""


class ConditionError(CorecoachError):
    """A rule's `when` condition does not parse or does not type-check.

    ``column`` is 1-based within the condition text; ``None`` when it has no position.
    """

    exit_code = ExitCode.BAD_INPUT

    def __init__(self, message: str, text: str = "", column: int | None = None) -> None:
        self.message = message
        self.text = text
        self.column = column
        super().__init__(self.describe())

    def describe(self) -> str:
        """The message, and where a column is known the text with a caret under it."""
        if self.column is None or not self.text:
            return self.message
        caret = " " * (self.column - 1) + "^"
        return f"{self.message} (column {self.column})\n    {self.text}\n    {caret}"


class Interrupted(KeyboardInterrupt):
    """SIGTERM or SIGHUP arrived: unwind like Ctrl-C, so temp files are cleaned up."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        """128 plus the signal number, as a shell reports a process ended by a signal."""
        return 128 + self.signum
