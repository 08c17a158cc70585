"""One exception hierarchy for corecoach, and the exit codes it maps to."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes; part of the public contract (see README)."""

    OK = 0
    FAILURE = 1
    BAD_INPUT = 2
    WITHHELD = 3
    INTERRUPTED = 130


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input: where it is, and what to do about it."""

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


@dataclass
class InputError(CorecoachError):
    """Input from the user (a file, an option, definitions) is wrong; exit 2."""

    problems: list[Problem] = field(default_factory=list)
    exit_code: ExitCode = ExitCode.BAD_INPUT

    def __post_init__(self) -> None:
        super().__init__(self.lines()[0] if self.problems else "bad input")

    def lines(self) -> list[str]:
        """Every problem, one line each."""
        return [p.line() for p in self.problems]

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
