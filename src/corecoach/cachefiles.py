"""Files in the user's cache folder, which only this user may use: the folder is private
(0700) or refused, files are read without following a link and written as fresh files
renamed over the name, so nothing is ever written through a link someone else planted.
Shared by the library cache and the journal's replay cache.

Every cache file is also sealed: it starts with an HMAC-SHA256 of its contents under a
per-user secret kept *outside* the cache folder (``paths.cache_key_path``, 0600, created on
first use). A file whose seal does not match was not written by this user's corecoach and
is a miss, so whoever can write the cache folder (another account on a shared or synced
folder, a backup restored from elsewhere) still cannot choose the exercises, the doses or
a journal state without a hold: they would need the key too. No key (its folder cannot be
written, or the file there is not ours) means no cache, never an unsealed one.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
import os
import stat
from contextlib import suppress
from pathlib import Path
from typing import Any

#: The secret's length in bytes, and the seal's first line: MAGIC, the hex MAC, a newline.
KEY_BYTES = 32
MAGIC = b"corecoach-seal-1 "
_SEAL_LEN = len(MAGIC) + 64 + 1


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


def _own_secret(path: Path) -> bytes | None:
    """The key at ``path`` if it is our own private regular file of the right size."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
                     | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        getuid = getattr(os, "getuid", None)
        if not stat.S_ISREG(info.st_mode) or info.st_size != KEY_BYTES:
            return None
        if getuid is not None and (info.st_uid != getuid() or stat.S_IMODE(info.st_mode) & 0o077):
            return None
        data = handle.read(KEY_BYTES + 1)
    return data if len(data) == KEY_BYTES else None


@functools.lru_cache(maxsize=4)
def _secret(path: Path) -> bytes | None:
    """This user's cache key, made on first use; None when it cannot be read or made."""
    import secrets
    import tempfile

    found = _own_secret(path)
    if found is not None or path.is_symlink():
        return found
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".cache-key-", dir=path.parent)  # 0600, O_EXCL
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(secrets.token_bytes(KEY_BYTES))
            with suppress(FileExistsError):  # another run made it first: theirs is kept
                os.link(tmp, path)  # complete or absent, never half written
        finally:
            os.unlink(tmp)
    except OSError:
        return None
    return _own_secret(path)


def _key() -> bytes | None:
    from corecoach.paths import cache_key_path

    try:
        return _secret(cache_key_path())
    except (OSError, ValueError):
        return None


def _mac(key: bytes, purpose: str, data: bytes) -> bytes:
    return hmac.new(key, purpose.encode() + b"\0" + data, hashlib.sha256).hexdigest().encode()


def seal(purpose: str, data: bytes) -> bytes | None:
    """``data`` with its seal in front, for ``purpose`` (a file of one cache is never
    accepted by another); None when there is no key (then nothing is cached)."""
    key = _key()
    if key is None:
        return None
    return MAGIC + _mac(key, purpose, data) + b"\n" + data


def unseal(purpose: str, raw: bytes) -> bytes | None:
    """The data of a file :func:`seal` made for ``purpose`` with this user's key; None for
    anything else (no seal, another key, another purpose, a changed byte)."""
    if len(raw) < _SEAL_LEN or not raw.startswith(MAGIC) or raw[_SEAL_LEN - 1:_SEAL_LEN] != b"\n":
        return None
    key = _key()
    if key is None:
        return None
    data = raw[_SEAL_LEN:]
    if not hmac.compare_digest(raw[len(MAGIC):_SEAL_LEN - 1], _mac(key, purpose, data)):
        return None
    return data


def read_sealed(cache_dir: Path, path: Path, purpose: str, limit: int) -> Any:
    """The JSON value of our sealed file ``path`` in the private ``cache_dir``, made for
    ``purpose`` and at most ``limit`` bytes; None for anything else (a miss, never an
    error)."""
    if not private_folder(cache_dir):
        return None
    try:
        raw = read_own(path, limit)
        if raw is None or len(raw) > limit:
            return None
        data = unseal(purpose, raw)
        return None if data is None else json.loads(data)
    except (OSError, ValueError, RecursionError, MemoryError):
        return None


def write_sealed(cache_dir: Path, path: Path, purpose: str, value: Any) -> bool:
    """Store ``value`` as sealed JSON at ``path`` in the private ``cache_dir``; False (and
    nothing written) when the folder is not private, there is no key, or it fails."""
    if not private_folder(cache_dir):
        return False
    try:
        data = seal(purpose, json.dumps(value, separators=(",", ":")).encode())
        if data is None:
            return False
        write_own(path, data)
    except (OSError, TypeError, ValueError):
        return False
    return True
