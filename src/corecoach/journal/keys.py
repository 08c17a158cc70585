"""How a profile is tied to its journal entries: its ``id``, else its resolved path."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the Profile model is costly to build; `log` never needs it
    from corecoach.profile import Profile

_VERSION_LINE = re.compile(r"^[ \t]*version[ \t]*=[ \t]*1[ \t]*(#.*)?$", re.MULTILINE)
_TABLE = re.compile(r"^[ \t]*\[", re.MULTILINE)


def new_profile_id() -> str:
    """A fresh random id: 8 of a-z and 0-9 (about 41 bits; clashes are reported by validate)."""
    import secrets
    import string

    alphabet = string.ascii_lowercase + string.digits
    return "".join(secrets.choice(alphabet) for _ in range(8))


def profile_key(profile: Profile, path: Path) -> str:
    """The key of ``profile``'s entries: its id, or the resolved path of its file."""
    return profile.id or str(path.resolve())


def insert_id(text: str, new_id: str) -> str | None:
    """``text`` with ``id = "new_id"`` added after ``version = 1``, comments and all kept.

    None when the edit would not give the same profile plus that id (then nothing is written).
    """
    line = f'id = "{new_id}"'
    table = _TABLE.search(text)
    match = _VERSION_LINE.search(text)
    if match is not None and (table is None or match.start() < table.start()):
        end = match.end()
        newline = "\r\n" if text[end:end + 2] == "\r\n" else "\n"
        new = text[:end] + newline + line + (text[end:] if text[end:] else newline)
    else:
        # Top-level keys must come before the first table: put it right there.
        at = table.start() if table else len(text)
        head = text[:at]
        sep = "" if not head or head.endswith("\n") else "\n"
        new = head + sep + line + "\n" + text[at:]
    try:
        before = tomllib.loads(text)
        after = tomllib.loads(new)
    except tomllib.TOMLDecodeError:
        return None
    if "id" in before or after != {**before, "id": new_id}:
        return None
    return new


def adopt_id(path: Path) -> tuple[str, bool]:
    """The id of the profile at ``path``, adding a new one to the file when it has none.

    Returns (id, whether it was added). Raises OSError when the file cannot be read or
    written, or the edit would change anything but the id; the file is then unchanged.
    """
    import os
    import stat

    from corecoach.tomlio import write_atomic

    raw = path.read_text(encoding="utf-8")
    bom = "\ufeff" if raw.startswith("\ufeff") else ""
    text = raw.removeprefix(bom)
    try:
        current = tomllib.loads(text).get("id")
    except tomllib.TOMLDecodeError:
        current = None
    if isinstance(current, str) and current:
        return current, False  # another `log` got there first
    info = os.stat(path)
    if not info.st_mode & stat.S_IWUSR or not os.access(path, os.W_OK):
        # By its mode, so root (who may write anything) leaves it alone too.
        raise OSError("the file is read-only")
    new_id = new_profile_id()
    new_text = insert_id(text, new_id)
    if new_text is None:
        raise OSError("the id could not be added without changing the profile")
    if info.st_nlink > 1:
        _write_in_place(path, bom + new_text)  # a rename would break the hard link
    else:
        write_atomic(path, bom + new_text, record=True)  # keeps the file's mode
    return new_id, True


def _write_in_place(path: Path, text: str) -> None:
    """Rewrite a hard-linked file through its own inode, so every name sees the id."""
    import os

    from corecoach.tomlio import WRITTEN

    data = text.encode("utf-8")
    fd = os.open(path, os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.truncate()
        handle.flush()
        os.fsync(handle.fileno())
    WRITTEN.append(path)
