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


_HANGING = ("- ", "+ ", "* ")


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
