"""A disk cache of validated libraries, so a plan does not re-parse every TOML file.

The cache holds data only: JSON of the validated definitions, which the loader validates
again on the way back in (nothing in the cache folder can run code). The key is a digest of
every definition file's *content* (and the corecoach and Python versions), so an edit that
keeps the size and modification time (``cp -p``, ``rsync -t``, ``tar``) still misses.
Anything unreadable, foreign or wrong-shaped is a silent miss, and the library is loaded
afresh. The cache deletes only files named exactly as it names its own.

Whoever can write the cache folder decides the exercises and doses (the snapshot is trusted
once it validates), so the folder must be private: owned by this user and closed to others
(0700; a folder of ours that is not is made so). A folder owned by someone else, or one that
cannot be made private, is not used at all. Cache files are opened without following links,
and written to a fresh temp file renamed over the name, which replaces a link planted there
instead of writing through it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import sys
from collections.abc import Sequence
from contextlib import suppress
from pathlib import Path
from typing import Any

from corecoach import __version__

FORMAT = 2
#: The names this cache writes (and the pickles of corecoach 0.1.0), and no others.
OWN_FILE = re.compile(r"library-[0-9a-f]{32}\.(json|pickle)")
#: A cache file larger than this is not one of ours.
MAX_CACHE_BYTES = 64_000_000


def cache_file(cache_dir: Path, key: str) -> Path:
    """Where the library with ``key`` is stored."""
    return cache_dir / f"library-{key}.json"


def cache_key(folders: Sequence[Path]) -> str | None:
    """A digest of every definition file's path and content; None when one cannot be read.

    A folder or file that cannot be read (or is not a regular file) gives None: no cache,
    and loading reports the problem with its own message.
    """
    from corecoach.tomlio import MAX_DEFINITION_BYTES

    h = hashlib.sha256(f"{FORMAT} {__version__} {sys.version}".encode())
    try:
        for folder in folders:
            if not folder.is_dir():
                return None
            h.update(str(folder.resolve()).encode())
            for path in sorted(folder.rglob("*.toml")):
                info = path.stat()
                if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_DEFINITION_BYTES:
                    return None  # never open a FIFO or a device to hash it
                data = path.read_bytes()
                h.update(f"\0{path}\0{len(data)}\0".encode())
                h.update(data)
    except OSError:
        return None
    return h.hexdigest()[:32]


def private_folder(cache_dir: Path) -> bool:
    """Whether ``cache_dir`` is (or now is) a folder only this user can use.

    Created 0700 when missing; an existing folder of ours open to others is narrowed to
    0700; anything else (another owner, not a folder, cannot be changed) is refused.
    """
    try:
        cache_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.stat(cache_dir)
        if not stat.S_ISDIR(info.st_mode):
            return False
        getuid = getattr(os, "getuid", None)
        if getuid is None:  # Windows: the user's profile folder is private already
            return True
        if info.st_uid != getuid():
            return False
        if stat.S_IMODE(info.st_mode) & 0o077:
            os.chmod(cache_dir, 0o700)
    except OSError:
        return False
    return True


def _open_own(path: Path) -> bytes | None:
    """The bytes of our own regular cache file, opened without following a link."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        getuid = getattr(os, "getuid", None)
        if (not stat.S_ISREG(info.st_mode) or info.st_size > MAX_CACHE_BYTES
                or (getuid is not None and info.st_uid != getuid())):
            return None
        return handle.read(MAX_CACHE_BYTES + 1)


def read(cache_dir: Path, key: str) -> dict[str, Any] | None:
    """The stored snapshot for ``key``, or None (missing, unreadable, foreign or another build).

    The caller validates the contents; this only checks that it is a JSON object made for
    this key.
    """
    path = cache_file(cache_dir, key)
    if not private_folder(cache_dir):
        return None
    try:
        raw = _open_own(path)
        if raw is None or len(raw) > MAX_CACHE_BYTES:
            return None
        snapshot = json.loads(raw)
    except (OSError, ValueError, RecursionError, MemoryError):
        return None
    if (not isinstance(snapshot, dict) or snapshot.get("format") != FORMAT
            or snapshot.get("key") != key):
        return None
    return snapshot


def write(cache_dir: Path, key: str, snapshot: dict[str, Any]) -> None:
    """Store a snapshot atomically; a cache that cannot be written is silently skipped.

    Older entries written by this cache are removed (one entry: the libraries in use now);
    any other file in the folder is left alone.
    """
    import tempfile

    target = cache_file(cache_dir, key)
    if not private_folder(cache_dir):
        return
    try:
        data = json.dumps({"format": FORMAT, "key": key, **snapshot},
                          separators=(",", ":")).encode()
        for old in cache_dir.iterdir():
            if old != target and OWN_FILE.fullmatch(old.name) and old.is_file():
                old.unlink(missing_ok=True)
        # A fresh file (O_EXCL, 0600) renamed over the name: a link there is replaced, and
        # nothing is ever written through it.
        fd, tmp = tempfile.mkstemp(prefix=".library-", suffix=".tmp", dir=cache_dir)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, target)
        except BaseException:
            with suppress(OSError):
                os.unlink(tmp)
            raise
    except (OSError, TypeError, ValueError):
        return
