"""The questionnaire kit: questions, the steps a questionnaire yields, and answer parsing.

`init`'s interview, `log`'s session questions and `rate`'s ratings (corecoach.questionnaire)
are generators of :data:`Step` values built from this kit; the CLI drives them
(cli/prompting.py). Pure: nothing here prints, prompts or reads the clock.

Every parser takes the raw text of one answer and returns either the value or a
:class:`Hint` that says what would be accepted; none of them raises.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Generator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeAlias, TypeVar

from corecoach.vocab import DAYS

T = TypeVar("T")
S = TypeVar("S", bound=str)

#: Full day names accepted for the short ones.
DAY_ALIASES: dict[str, str] = {
    "monday": "mon", "tuesday": "tue", "tues": "tue", "wednesday": "wed",
    "thursday": "thu", "thur": "thu", "thurs": "thu", "friday": "fri", "saturday": "sat",
    "sunday": "sun",
}

NONE_WORDS = frozenset({"none", "no", "nothing", "-"})
ALL_WORDS = frozenset({"all", "every", "everyday", "every day", "any"})
YES_WORDS = frozenset({"y", "yes"})
NO_WORDS = frozenset({"n", "no"})

#: Longer answers are never valid; cut them short before any parsing.
MAX_ANSWER = 500


# --- what a questionnaire yields ----------------------------------------------------------


@dataclass(frozen=True)
class Hint:
    """Why an answer was not accepted and what would be; the question is asked again."""

    text: str


@dataclass(frozen=True)
class Section:
    """A heading before a group of questions, with an optional line of explanation."""

    title: str
    intro: str = ""


@dataclass(frozen=True)
class Note:
    """Something to tell the person between questions."""

    text: str


@dataclass(frozen=True)
class Question(Generic[T]):
    """One question: its words, its default, and how to read an answer.

    ``listing`` holds lines to show once before the question (numbered choices);
    ``allowed`` is the short form of what may be answered, shown in the prompt. A
    ``required`` question has no default: Enter asks again (used where guessing is unsafe).
    """

    key: str
    text: str
    parse: Callable[[str], T | Hint]
    default: T
    default_text: str
    allowed: str = ""
    listing: tuple[str, ...] = field(default=())
    required: bool = False

    def prompt(self) -> str:
        """The prompt line: question, allowed answers and the default in brackets."""
        allowed = f" ({self.allowed})" if self.allowed else ""
        default = "" if self.required else f" [{self.default_text}]"
        return f"{self.text}{allowed}{default}: "

    def answer(self, text: str) -> T | Hint:
        """The value of an answer; an empty answer (Enter) takes the default."""
        if not text.strip():
            if self.required:
                return Hint(f"Please answer: {self.allowed or self.default_text}.")
            return self.default
        return self.parse(text)


Step: TypeAlias = Section | Note | Question[Any]


# --- parsers: text -> value | Hint -----------------------------------------------------------


def clean(text: str) -> str:
    """An answer as parsers compare it: cut to :data:`MAX_ANSWER`, spaces collapsed, lower
    case."""
    return " ".join(text[:MAX_ANSWER].split()).lower()


def shown(text: str) -> str:
    """An answer quoted back in a hint, cut short when long."""
    text = text.strip()
    return repr(text if len(text) <= 30 else text[:27] + "...")


def parse_yes_no(text: str) -> bool | Hint:
    """``y``/``yes`` -> True, ``n``/``no`` -> False (any case)."""
    word = clean(text)
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    return Hint(f"{shown(text)} is not an answer here: type y or n (or press Enter).")


def parse_int(text: str, low: int, high: int, unit: str = "") -> int | Hint:
    """A whole number from ``low`` to ``high``."""
    word = clean(text)
    if unit and word.endswith(unit):
        word = word.removesuffix(unit).strip()
    allowed = f"a whole number from {low} to {high}"
    if not re.fullmatch(r"[+-]?[0-9]{1,9}", word):
        return Hint(f"{shown(text)} is not a whole number: answer {allowed}.")
    number = int(word)
    if not low <= number <= high:
        return Hint(f"{number} is out of range: answer {allowed}.")
    return number


def _resolve(token: str, options: Sequence[S], aliases: Mapping[str, S],
             numbered: bool, noun: str) -> S | Hint:
    """One token -> one option: exact name, alias, list number, else a unique prefix."""
    if token in options:
        return options[options.index(token)]
    if token in aliases:
        return aliases[token]
    allowed = ", ".join(options)
    if token.isascii() and token.isdigit():
        if numbered and len(token) <= 3 and 1 <= int(token) <= len(options):
            return options[int(token) - 1]
        where = f"numbers go from 1 to {len(options)}" if numbered else "use the names"
        return Hint(f"{token!r} is not on the list ({where}); allowed: {allowed}.")
    found = [o for o in options if o.startswith(token)]
    found += [v for k, v in aliases.items() if k.startswith(token) and v not in found]
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        return Hint(f"{token!r} could be {' or '.join(found)}: type more of the name.")
    names: list[str] = [*options, *aliases]
    close = difflib.get_close_matches(token, names, n=1, cutoff=0.6)
    mean = f" (did you mean {aliases.get(close[0], close[0])}?)" if close else ""
    article = "an" if noun[:1] in "aeiou" else "a"
    return Hint(f"{token!r} is not {article} {noun}{mean}; allowed: {allowed}.")


def _range(token: str, options: Sequence[S], aliases: Mapping[str, S],
           numbered: bool, noun: str) -> tuple[S, ...] | None:
    """``mon-fri`` or ``1-3``: every option from the first to the last, else None."""
    if token.count("-") != 1 or token in options:
        return None
    first, last = token.split("-")
    a = _resolve(first, options, aliases, numbered, noun) if first else Hint("")
    b = _resolve(last, options, aliases, numbered, noun) if last else Hint("")
    if isinstance(a, Hint) or isinstance(b, Hint):
        return None
    i, j = options.index(a), options.index(b)
    return tuple(options[i:j + 1]) if i <= j else None


def parse_choice(text: str, options: Sequence[S], *, noun: str = "choice",
                 aliases: Mapping[str, S] | None = None, numbered: bool = True) -> S | Hint:
    """Exactly one option, by name, list number (when ``numbered``) or a unique prefix."""
    word = clean(text).replace(" ", "-")
    if not word:
        return Hint(f"Pick one {noun}; allowed: {', '.join(options)}.")
    known = {k: v for k, v in (aliases or {}).items() if v in options}
    return _resolve(word, options, known, numbered, noun)


def parse_multi_choice(
    text: str, options: Sequence[S], *, noun: str = "choice",
    aliases: Mapping[str, S] | None = None, numbered: bool = True,
    allow_none: bool = True, allow_all: bool = False, repeats: bool = False,
    max_count: int | None = None,
) -> tuple[S, ...] | Hint:
    """Several options, separated by commas or spaces: names, numbers, prefixes, ranges.

    ``"1,3,band"`` -> ``("mat", "band")`` for the equipment list. ``none`` is the empty
    choice (when ``allow_none``), ``all`` every option (when ``allow_all``), and
    ``mon-fri`` or ``2-4`` a range. Without ``repeats`` the result is de-duplicated and in
    the options' order; with it, in the order given (a sport twice is two activities).
    """
    known = {k: v for k, v in (aliases or {}).items() if v in options}
    word = clean(text)
    some = f"{noun}s like {options[0]},{options[-1]}"
    if word in NONE_WORDS:
        return () if allow_none else Hint(f"Pick at least one: {some}.")
    if allow_all and word in ALL_WORDS:
        return tuple(options)
    word = re.sub(r"\s*-\s*", "-", word)
    tokens: list[str] = []
    for piece in re.split(r"[,;/]", word):
        piece = piece.strip()
        if piece.replace(" ", "-") in options or piece in known:
            tokens.append(piece.replace(" ", "-"))
        else:
            tokens.extend(piece.split())
    chosen: list[S] = []
    for token in tokens:
        span = _range(token, options, known, numbered, noun)
        if span is not None:
            chosen.extend(span)
            continue
        one = _resolve(token, options, known, numbered, noun)
        if isinstance(one, Hint):
            return one
        chosen.append(one)
    if not chosen:
        extra = " or none" if allow_none else ""
        return Hint(f"Answer with {some}{extra}.")
    if not repeats:
        chosen = [o for o in options if o in chosen]
    if max_count is not None and len(chosen) > max_count:
        return Hint(f"That is {len(chosen)} {noun}s; at most {max_count}.")
    return tuple(chosen)


# --- question builders ---------------------------------------------------------------------


def list_text(values: Sequence[str], everything: Sequence[str] = ()) -> str:
    """A default list as a prompt shows it: ``all``, ``none``, or the names."""
    if everything and tuple(values) == tuple(everything):
        return "all"
    return ", ".join(values) if values else "none"


def yes_no(key: str, text: str, default: bool) -> Question[bool]:
    """A yes/no question; the default is the capital letter."""
    return Question(key, text, parse_yes_no, default, "Y/n" if default else "y/N")


def number(key: str, text: str, low: int, high: int, default: int, *,
           unit: str = "", scale: str = "") -> Question[int]:
    """A whole number in a range; ``scale`` explains the ends (``0 = none, 10 = worst``)."""
    allowed = f"{low}-{high}" + (f", {scale}" if scale else "")
    return Question(key, text, lambda t: parse_int(t, low, high, unit), default, str(default),
                    allowed)


def days(key: str, text: str, default: Sequence[str], *, everything: bool = False
         ) -> Question[tuple[str, ...]]:
    """Days of the week, by short or full name, or a range such as mon-fri."""
    return Question(
        key, text,
        lambda t: parse_multi_choice(t, DAYS, noun="day", aliases=DAY_ALIASES,
                                     numbered=False, allow_none=False, allow_all=everything),
        tuple(default), list_text(default, DAYS if everything else ()),
        "days like tue,thu or mon-fri" + (", or all" if everything else ""),
    )


def numbered_lines(options: Sequence[str], words: Mapping[str, str] | None
                   ) -> tuple[str, ...]:
    """The numbered listing of ``options``, each with its plain ``words`` when given."""
    if not words:  # short names: as many to a line as fit in 76 columns
        lines: list[str] = []
        for n, o in enumerate(options, 1):
            item = f"{n}) {o}"
            if lines and len(lines[-1]) + 2 + len(item) <= 76:
                lines[-1] += f"  {item}"
            else:
                lines.append(f"  {item}")
        return tuple(lines)
    width = max(len(o) for o in options)
    return tuple(f"  {n:>2}) {o:<{width}}  {words[o]}" for n, o in enumerate(options, 1))


def choice(key: str, text: str, options: Sequence[str], default: str | None, noun: str,
            *, listed: Mapping[str, str] | None = None, default_text: str = ""
            ) -> Question[Any]:
    """One of ``options``: by number from a ``listed`` listing (with words), else by name."""
    return Question(
        key, text, lambda t: parse_choice(t, options, noun=noun, numbered=listed is not None),
        default, default_text or str(default),
        "number or name" if listed is not None else ", ".join(options),
        numbered_lines(options, listed) if listed is not None else (),
    )


def asked(question: Question[T]) -> Generator[Step, Any, T]:
    """Yield ``question`` and return the answer it is sent back (``yield from``)."""
    answer: T = yield question
    return answer
