"""What a terminal can show: width, colour and encoding, passed into the text renderers.

The renderers stay pure functions of their inputs: the CLI asks rich's Console what the
terminal is (COLUMNS or the real width, FORCE_COLOR, TERM=dumb, NO_COLOR, the stream's
encoding) and hands the answer in as a :class:`Terminal`; tests pass a fixed one.
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass
from typing import Literal

ColorSystem = Literal["standard", "256", "truecolor"]

#: Typographic characters and box drawing, with ASCII stand-ins for 8-bit terminals.
_ASCII: dict[str, str] = {
    "\u2014": "-", "\u2013": "-", "\u2012": "-", "\u2010": "-", "\u2212": "-",
    "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2026": "...",
    "\u00b7": ".", "\u2022": "*", "\u2192": "->", "\u2190": "<-", "\u00d7": "x",
    "\u2264": "<=", "\u2265": ">=", "\u00a0": " ", "\u2500": "-", "\u2501": "=",
    "\u2502": "|", "\u2503": "|", "\u2550": "=", "\u2551": "|", "\u2713": "v", "\u2610": "[ ]",
}


@dataclass(frozen=True)
class Terminal:
    """Where text goes: columns, colour system (None: no colour) and character encoding."""

    width: int = 80
    color: ColorSystem | None = None
    encoding: str = "utf-8"

    @property
    def unicode(self) -> bool:
        """Can the stream show any character (UTF-8 or UTF-16), or only a code page?"""
        return codecs.lookup(self.encoding).name.startswith("utf")


def fit_encoding(text: str, encoding: str) -> str:
    """``text`` with every character ``encoding`` cannot show replaced, never an error.

    Dashes, quotes and box lines become their ASCII look-alikes, accented letters lose the
    accent only when the code page lacks them (é stays in cp1252 and latin-1), and anything
    else becomes ``?``.
    """
    try:
        text.encode(encoding)
        return text
    except UnicodeEncodeError:
        pass
    out = []
    for char in text:
        try:
            char.encode(encoding)
            out.append(char)
            continue
        except UnicodeEncodeError:
            pass
        if char in _ASCII:
            out.append(_ASCII[char])
            continue
        bare = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
        out.append(bare or "?")
    return "".join(out)


_HANGING = ("- ", "+ ", "* ", "! ")


def wrap_line(line: str, width: int) -> list[str]:
    """One line wrapped to ``width`` columns; continuation lines hang under its text.

    The hanging indent is the line's own indent, plus a bullet (``- ``, ``+ ``) or a
    numbered or labelled start (``1. ``, ``because: ``) when the line has one, so wrapped
    words never sit under the bullet. Words longer than a line are broken, never lost.
    """
    import re
    import textwrap

    if len(line) <= width or not line.strip():
        return [line]
    body = line.lstrip(" ")
    indent = len(line) - len(body)
    lead = next((b for b in _HANGING if body.startswith(b)), "")
    if not lead:
        found = re.match(r"(\d+\. |[a-z][a-z ]{0,14}: |yes  |no   )", body)
        lead = found[0] if found else ""
    hang = indent + len(lead)
    if hang > width // 2:
        hang = indent
    return textwrap.wrap(line, width=max(width, hang + 10), subsequent_indent=" " * hang,
                         break_on_hyphens=False) or [line]


def wrap_text(text: str, terminal: Terminal) -> str:
    """Every line of ``text`` wrapped to the terminal and fitted to its encoding."""
    lines = [part for line in text.split("\n") for part in wrap_line(line, terminal.width)]
    return fit_encoding("\n".join(lines), terminal.encoding)


def summary_text(rows: list[tuple[str, str]], terminal: Terminal, *, indent: int = 0,
                 gap: int = 3, keep_words: bool = False) -> str:
    """Labelled rows as two columns that fit ``terminal``: each text wraps under itself,
    beside its label; when the labels would take more than a third of the width (or, with
    ``keep_words``, a path or other unbreakable word would not fit beside them), each label
    stands on its own line with its text indented below it.

    Labels are bold on a terminal with colour; the result is fitted to its encoding.
    ``keep_words`` never breaks a word (a path stays whole to copy, and may run long).
    """
    import textwrap

    width = terminal.width
    pad = " " * indent
    label_col = max((len(label) for label, _ in rows), default=0) + gap
    beside = width - indent - label_col
    longest = max((len(word) for _, text in rows for word in text.split()), default=0)
    stacked = indent + label_col > width // 3 or (keep_words and longest > beside)

    def wrap(text: str, room: int) -> list[str]:
        return textwrap.wrap(text, max(room, 10), break_on_hyphens=False,
                             break_long_words=not keep_words) or [""]

    def strong(label: str) -> str:
        return f"\x1b[1m{label}\x1b[0m" if terminal.color is not None and label else label

    out: list[str] = []
    for label, text in rows:
        if stacked:
            if label:
                out.append(pad + strong(label))
            out += [f"{pad}  {line}" for line in wrap(text, width - indent - 2)]
            continue
        first, *rest = wrap(text, beside)
        out.append(f"{pad}{strong(label)}{' ' * (label_col - len(label))}{first}")
        out += [f"{pad}{' ' * label_col}{line}" for line in rest]
    return fit_encoding("".join(line.rstrip() + "\n" for line in out), terminal.encoding)
