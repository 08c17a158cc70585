"""Reading a profile given on the command line: a file, or ``-`` for stdin."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from corecoach.outputs import STDIN, STDIN_SOURCE, is_stdin

if TYPE_CHECKING:
    from corecoach.profile import Profile

__all__ = ["STDIN", "STDIN_SOURCE", "is_stdin", "load_profile_arg", "read_stdin_text"]


def read_stdin_text() -> str:
    """All of stdin as text (UTF-8, a byte-order mark dropped); bad input is one InputError."""
    from corecoach.errors import InputError

    stream = getattr(sys.stdin, "buffer", None)
    raw = stream.read() if stream is not None else sys.stdin.read().encode("utf-8")
    if not raw.strip():
        raise InputError.single(STDIN_SOURCE, "", "is empty; a profile needs at least: "
                                "version = 1")
    if b"\x00" in raw:
        raise InputError.single(STDIN_SOURCE, "", "is binary, not TOML text")
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise InputError.single(STDIN_SOURCE, "", f"is not UTF-8 text (bad byte at offset "
                                f"{exc.start})") from None


def load_profile_arg(path: Path) -> tuple[Profile, str]:
    """The profile at ``path`` (``-``: stdin) and what identifies it for calendar UIDs.

    The identity is the resolved path of a file; for stdin, the text itself (add ``id`` to
    the profile for UIDs that survive edits).
    """
    from corecoach.profile import load_profile, parse_profile
    from corecoach.tomlio import parse_toml_text

    if is_stdin(path):
        text = read_stdin_text()
        return parse_profile(parse_toml_text(text, STDIN_SOURCE), STDIN_SOURCE), text
    return load_profile(path), str(path.resolve())
