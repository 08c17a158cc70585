"""How a profile is tied to its journal entries: its ``id``, else its resolved path."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

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


def derived_id(source: str) -> str:
    """The id a profile without one is known by: ``p`` and 16 hex digits of a hash of ``source``.

    ``source`` is the profile's resolved path (or, read from stdin, its text). Calendar UIDs
    use it until the profile has an id, and the first ``log`` writes this same value as the
    id, so adding the id changes no calendar UID (a valid id: 17 of a-z and 0-9).
    """
    import hashlib

    return "p" + hashlib.sha256(source.encode("utf-8")).hexdigest()[:16]


def file_profile_id(path: Path) -> str | None:
    """The ``id`` of the profile file at ``path``, None when it has none yet.

    Only ``version`` and ``id`` are read: logging needs the key, not a valid plan, and
    skipping the Profile model keeps `log` quick. Anything odd in those two keys gets the
    full check and its one-line error (an InputError).
    """
    from corecoach.tomlio import read_toml
    from corecoach.vocab import PROFILE_ID_PATTERN

    data = read_toml(path)
    found = data.get("id")
    if data.get("version") != 1 or (found is not None and not (
            isinstance(found, str) and re.fullmatch(PROFILE_ID_PATTERN, found))):
        from corecoach.profile import load_profile

        return load_profile(path).id
    return found if isinstance(found, str) else None


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


_ID_LINE = re.compile(r"""^([ \t]*id[ \t]*=[ \t]*)("[^"\\\n]*"|'[^'\n]*')""", re.MULTILINE)


def replace_id(text: str, new_id: str) -> str | None:
    """``text`` with its top-level ``id`` set to ``new_id`` (added when it has none),
    comments and all kept; None when the edit would change anything else."""
    try:
        before = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return None
    if "id" not in before:
        return insert_id(text, new_id)
    table = _TABLE.search(text)
    match = _ID_LINE.search(text)
    if match is None or (table is not None and match.start() > table.start()):
        return None
    new = text[:match.start()] + match.group(1) + f'"{new_id}"' + text[match.end():]
    try:
        after = tomllib.loads(new)
    except tomllib.TOMLDecodeError:
        return None
    return new if after == {**before, "id": new_id} else None


def _writable(path: Path) -> None:
    """Raise OSError unless the profile may be rewritten: by its mode, so root (who may
    write anything) leaves a read-only file alone too."""
    import os
    import stat

    info = os.stat(path)
    if not info.st_mode & stat.S_IWUSR or not os.access(path, os.W_OK):
        raise OSError("the file is read-only")


def _profile_text(path: Path) -> tuple[str, str]:
    """The profile's byte-order mark ("" without one) and its text after it: an id edit
    keeps the mark it found."""
    raw = path.read_text(encoding="utf-8")
    bom = "\ufeff" if raw.startswith("\ufeff") else ""
    return bom, raw.removeprefix(bom)


def _rewrite(path: Path, text: str) -> None:
    import os

    from corecoach.tomlio import write_atomic

    if os.stat(path).st_nlink > 1:
        _write_in_place(path, text)  # a rename would break the hard link
    else:
        write_atomic(path, text, record=True)  # keeps the file's mode


def renew_id(path: Path) -> tuple[str, str | None]:
    """Give the profile at ``path`` a fresh random id (``log --new-id``: a copied profile
    becomes a person of its own). Returns (new id, old id or None). Raises OSError when
    the file cannot be read or written, or the edit would change anything but the id; the
    file is then unchanged. Entries logged under the old id stay with it."""
    bom, text = _profile_text(path)
    try:
        old = tomllib.loads(text).get("id")
    except tomllib.TOMLDecodeError:
        raise OSError("it is not valid TOML") from None
    _writable(path)
    new_id = new_profile_id()
    new_text = replace_id(text, new_id)
    if new_text is None:
        raise OSError("the id could not be changed without changing the rest of the profile")
    _rewrite(path, bom + new_text)
    return new_id, old if isinstance(old, str) else None


def adopt_id(path: Path) -> tuple[str, bool]:
    """The id of the profile at ``path``, adding one to the file when it has none.

    The id added is :func:`derived_id` of the resolved path: the key its calendar events
    already carry, so a re-exported calendar replaces them rather than doubling them.
    Returns (id, whether it was added). Raises OSError when the file cannot be read or
    written, or the edit would change anything but the id; the file is then unchanged.
    """
    bom, text = _profile_text(path)
    try:
        current = tomllib.loads(text).get("id")
    except tomllib.TOMLDecodeError:
        current = None
    if isinstance(current, str) and current:
        return current, False  # another `log` got there first
    _writable(path)
    new_id = derived_id(str(path.resolve()))
    new_text = insert_id(text, new_id)
    if new_text is None:
        raise OSError("the id could not be added without changing the profile")
    _rewrite(path, bom + new_text)
    return new_id, True


class Claim(NamedTuple):
    """The key a writing command logs under: the id (added now or before), or the path when
    no id could be added (``problem`` says why)."""

    key: str
    added: bool
    problem: str | None = None


def claim_key(journal: Path, profile_id: str | None, path: Path) -> Claim:
    """The key to log ``path``'s entries under; a profile without an id gets one.

    The id is added under the journal's write lock, so two first `log`s at once agree on one
    id; entries logged earlier under the file's path move to it. A file that cannot take an
    id keeps its path as the key, and ``problem`` says why.
    """
    from corecoach.journal.store import locked, rekey, writing

    if profile_id:
        return Claim(profile_id, False)
    resolved = str(path.resolve())
    with writing(journal) as conn, locked(conn):
        try:
            key, added = adopt_id(path)
        except OSError as exc:
            return Claim(resolved, False, str(exc.strerror or exc))
        rekey(conn, resolved, key)
    return Claim(key, added)


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
