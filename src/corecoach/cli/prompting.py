"""Asking a person at the terminal: the driver of the questionnaire kit's generators.

``init``, ``log`` and ``rate`` hand a generator of steps (``corecoach.questionnaire``,
built on the kit in ``corecoach.answers``) to :func:`drive`, which shows each Section and
Note and asks each Question with :func:`ask`, in one prompt style (``[default]``,
``[y/N]``).

End of input and Ctrl-C are told apart by how the answer line is read: :func:`read_line`
raises ``EOFError`` when input runs out (exit 2) while Ctrl-C raises ``KeyboardInterrupt``
(exit 130, via ``reporting()``).
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

import typer

if TYPE_CHECKING:
    from collections.abc import Generator, Sequence

    from corecoach.answers import Question, Step

R = TypeVar("R")


def interactive() -> bool:
    """A person at a terminal: stdin and stdout are both terminals (a replaced or closed
    stream is not one)."""
    from corecoach.cli.console import is_terminal

    return is_terminal(sys.stdin) and is_terminal(sys.stdout)


def read_line(prompt: str) -> str:
    """Show ``prompt`` and read one answer with rich's prompt; ``EOFError`` when input ends.

    rich's ``Prompt`` raises ``EOFError`` at the end of input and lets Ctrl-C through as
    ``KeyboardInterrupt``, so the two exit differently (2 and 130); typer's prompt turns both
    into the same ``Abort``. Defaults and validation are the questionnaire's own: Enter
    returns "" and the question maps it to its default. From a pipe the answer is echoed
    after the prompt, so the output reads as a transcript.
    """
    from rich.console import Console
    from rich.prompt import Prompt
    from rich.text import Text, TextType

    on_terminal = interactive()
    if on_terminal:
        with contextlib.suppress(ImportError):  # no readline on some platforms
            import readline  # noqa: F401 - gives the prompt line editing
    console = Console(highlight=False, emoji=False, soft_wrap=True,
                      no_color=bool(os.environ.get("NO_COLOR")) or not on_terminal)
    class Answer(Prompt):
        prompt_suffix = " "  # the questionnaire's prompts end in their own ":"

        @classmethod
        def get_input(cls, console: Console, prompt: TextType, password: bool,
                      stream: TextIO | None = None) -> str:
            # input() must print the prompt itself: when rich prints it first, readline
            # does not know it is there and an empty answer leaves the cursor on that line.
            return input(prompt.plain if isinstance(prompt, Text) else str(prompt))

    from corecoach.cli.console import detect_terminal
    from corecoach.render.terminal import fit_encoding

    prompt = fit_encoding(prompt, detect_terminal().encoding)
    answer = Answer.ask(Text(prompt.rstrip()), console=console, default="", show_default=False)
    if not on_terminal:
        echo(answer)
    return answer


def wrapped(text: str, indent: str = "") -> list[str]:
    """``text`` wrapped to the terminal when stdout is one; as one line when piped, so the
    transcript stays greppable (see :func:`corecoach.cli.console.prose_width`)."""
    from corecoach.cli.console import prose_width

    width = prose_width()
    if width is None or len(text) < width:
        return [text]
    import textwrap

    # One column spare: a prompt's answer starts after it, and some terminals wrap a line
    # that ends in the last column.
    return textwrap.wrap(text, max(width - 1, len(indent) + 10), subsequent_indent=indent,
                         break_on_hyphens=False) or [text]


def echo(text: str = "") -> None:
    """One line on stdout in characters its encoding can show (never a traceback on a
    latin-1 or cp1252 console)."""
    from corecoach.cli.console import emit

    emit(text + "\n")


def say(text: str, indent: str = "") -> None:
    """Print ``text``, wrapped to the terminal."""
    for line in wrapped(text, indent):
        echo(line)


def bold(text: str) -> str:
    """``text`` in bold when the terminal shows colour (not piped, NO_COLOR or TERM=dumb)."""
    from corecoach.cli.console import detect_terminal

    if detect_terminal().color is None:
        return text
    return typer.style(text, bold=True)


def show(step: Step) -> None:
    """Print a Section (a bold title and its intro) or a Note."""
    from corecoach.answers import Section

    if isinstance(step, Section):
        echo()
        echo(bold(step.title))
        if step.intro:
            say(step.intro)
    else:
        say(step.text)


#: From a pipe, this many rejected answers in a row to one question end the run (exit 2):
#: piped answers that are out of step would otherwise be asked about forever.
MAX_PIPED_RETRIES = 3


def _not_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # undecodable bytes arrive as lone surrogates
        return True
    return False


def ask(question: Question[Any]) -> Any:
    """Ask until the answer parses; print the hint after each bad answer.

    On a terminal the question is asked again as often as needed; from a pipe, after
    :data:`MAX_PIPED_RETRIES` rejected answers the run stops with an InputError.
    """
    from corecoach.answers import Hint
    from corecoach.errors import InputError

    for line in listing_lines(question.listing):
        echo(line)
    *head, last = wrapped(question.prompt(), "    ")
    rejected = 0
    while True:
        for line in head:
            echo(line)
        text = read_line(f"{last.rstrip()} ")
        if _not_utf8(text):
            value: Any = Hint("That answer is not UTF-8 text; type it again.")
        else:
            value = question.answer(text)
        if not isinstance(value, Hint):
            return value
        say(f"  {value.text}", "  ")
        rejected += 1
        if rejected >= MAX_PIPED_RETRIES and not interactive():
            raise InputError.single("", "", f"{rejected} answers in a row were not accepted "
                                    f"for {question.key!r} (are the piped answers in step "
                                    "with the questions?); nothing was written")


def listing_lines(listing: Sequence[str]) -> list[str]:
    """A question's listing, wrapped to the terminal (see :func:`wrapped`).

    A line of several numbered choices (``1) running  2) cycling``) wraps between choices,
    never between a number and its word, and goes on under the first number. Choices with
    aligned descriptions (``2) stiff-mornings      stiff in the mornings...``) stay aligned
    when every line fits; else each closes up its gap (`` - ``) and hangs under its text.
    """
    import re

    out: list[str] = []
    fits = all(len(wrapped(line)) == 1 for line in listing)
    for line in listing:
        lead = len(line) - len(line.lstrip(" "))
        if len(re.findall(r"\d+\) ", line)) > 1:
            joined = re.sub(r"(\d+\)) ", "\\1\u00a0", line)
            out += [part.replace("\u00a0", " ") for part in wrapped(joined, " " * lead)]
        elif fits:
            out.append(line)
        else:
            found = re.match(r"\s*(\d+[.)]|[-*])?\s*", line)
            hang = " " * (found.end() if found else lead)
            out += wrapped(re.sub(r"(\S) {3,}(?=\S)", "\\1 - ", line), hang)
    return out


def drive(steps: Generator[Step, Any, R]) -> R:
    """Show each step and ask each question until the generator returns; its value."""
    from corecoach.answers import Question

    try:
        step = next(steps)
        while True:
            if isinstance(step, Question):
                step = steps.send(ask(step))
            else:
                show(step)
                step = next(steps)
    except StopIteration as done:
        result: R = done.value
        return result
