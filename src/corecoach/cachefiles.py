"""Files in the user's cache folder, which only this user may use: the folder is private
(0700) or refused, files are read without following a link and written as fresh files
renamed over the name, so nothing is ever written through a link someone else planted.
Shared by the library cache and the journal's replay cache.
"""

from __future__ import annotations

import os
import stat
from contextlib import suppress
from pathlib import Path


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


def read_own(path: Path, limit: int) -> bytes | None:
    """The bytes of our own regular cache file (at most ``limit`` and one more), opened
    without following a link; None for anything else. Raises OSError when it cannot be
    opened."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        getuid = getattr(os, "getuid", None)
        if (not stat.S_ISREG(info.st_mode) or info.st_size > limit
                or (getuid is not None and info.st_uid != getuid())):
            return None
        return handle.read(limit + 1)


def write_own(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` in a private cache folder: a fresh file (O_EXCL, 0600)
    renamed over the name, so a link there is replaced and nothing is written through it.
    Raises OSError."""
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, target)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise
