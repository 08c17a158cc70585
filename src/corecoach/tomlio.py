"""Reading TOML files with one-line errors, and writing any text file atomically.

Reading refuses anything that is not a regular file (a FIFO would block forever, a device
would read without end) and caps the size read, so hostile input costs little. Writing
goes through a temp file beside a regular target and a rename; devices and FIFOs are
written directly; a symlink is followed to its target.
"""

from __future__ import annotations

import errno
import os
import stat
import tomllib
from pathlib import Path
from typing import Any

from corecoach.errors import InputError

#: The largest profile read (a real one is under 2 kB).
MAX_PROFILE_BYTES = 1_000_000
#: The largest definition file read (the biggest shipped one is about 40 kB).
MAX_DEFINITION_BYTES = 8_000_000

PROFILE_EMPTY = "is empty; a profile needs at least: version = 1"
DEFINITIONS_EMPTY = "is empty; a definition file holds [[exercise]], [[chain]] or [[rule]] tables"

#: Files written by this process (after their rename), so an interrupt can say what was written.
WRITTEN: list[Path] = []


def path_problem(path: Path, exc: OSError) -> str:
    """Plain words for why ``path`` cannot be used, from the error ``stat`` or ``open`` gave."""
    code = exc.errno
    if code == errno.ELOOP:
        return "is a symlink loop; point it at a real file"
    if code == errno.ENAMETOOLONG:
        return "the file name is too long"
    if code == errno.ENOTDIR:
        blocker = next((p for p in path.parents if os.path.isfile(p)), None)
        return f"{blocker} is a file, not a folder" if blocker else "a part of the path is a " \
            "file, not a folder"
    if code == errno.ENOENT:
        if os.path.lexists(path):
            return f"is a symlink to a missing file ({os.readlink(path)})"
        return "no such file; check the path"
    return f"cannot be read ({exc.strerror or exc})"


def read_regular(path: Path, limit: int, *, folder: str, give: str, too_big: str) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; anything else is one
    InputError line: ``folder`` for a folder, ``give`` (what to pass instead) after a FIFO,
    device or socket, ``too_big`` past the limit."""
    source = str(path)
    try:
        info = path.stat()
    except OSError as exc:
        raise InputError.single(source, "", path_problem(path, exc)) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError.single(source, "", folder)
    if not stat.S_ISREG(info.st_mode):
        # A FIFO would block until a writer comes; a device can read without end.
        raise InputError.single(source, "", "is not a regular file (a FIFO, device or "
                                f"socket); {give}")
    if info.st_size > limit:
        raise InputError.single(source, "", too_big)
    try:
        # O_NONBLOCK: if the path was swapped for a FIFO after the stat, open still returns.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise InputError.single(source, "", "is not a regular file")
            raw = handle.read(limit + 1)
    except OSError as exc:
        raise InputError.single(source, "", path_problem(path, exc)) from None
    if len(raw) > limit:  # grew while we looked, or a file system that lies about sizes
        raise InputError.single(source, "", too_big)
    return raw


def read_text_capped(path: Path, limit: int) -> bytes:
    """The bytes of a regular TOML file of at most ``limit`` bytes, else an InputError."""
    return read_regular(path, limit, folder="is a folder, not a TOML file",
                        give="give a TOML file", too_big=f"is larger than "
                        f"{limit // 1_000_000} MB; that is not a corecoach file")


def read_toml(path: Path, *, limit: int = MAX_PROFILE_BYTES,
              empty: str = PROFILE_EMPTY) -> dict[str, Any]:
    """Parse a TOML file; every way it can fail becomes one InputError line."""
    return read_toml_text(path, limit=limit, empty=empty)[1]


def read_toml_text(path: Path, *, limit: int = MAX_PROFILE_BYTES,
                   empty: str = PROFILE_EMPTY) -> tuple[str, dict[str, Any]]:
    """:func:`read_toml` that also returns the text it parsed (for an edit in place)."""
    source = str(path)
    raw = read_text_capped(path, limit)
    if not raw.strip():
        raise InputError.single(source, "", empty)
    if b"\x00" in raw:
        raise InputError.single(source, "", "is a binary file, not TOML text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError.single(
            source, "", f"is not UTF-8 text (bad byte at offset {exc.start}); save it as UTF-8"
        ) from None
    # Some editors (Notepad) start UTF-8 files with a byte-order mark; TOML does not allow it.
    return text, parse_toml_text(text.removeprefix("\ufeff"), source)


def parse_toml_text(text: str, source: str) -> dict[str, Any]:
    """Parse TOML text; a syntax error names the line and column."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # Python 3.14 adds .lineno/.colno/.msg; older versions only have the message,
        # which already ends "(at line L, column C)".
        msg = getattr(exc, "msg", None) or str(exc)
        line = getattr(exc, "lineno", None)
        col = getattr(exc, "colno", None)
        where = f"line {line}, column {col}" if line else ""
        if where and "(at line" not in msg:
            msg = f"{msg} (at {where})"
        raise InputError.single(source, "", f"TOML syntax error: {msg}") from None
    except RecursionError:
        raise InputError.single(source, "", "TOML nested too deeply (arrays or tables "
                                "inside each other thousands of times)") from None
    except MemoryError:
        raise InputError.single(source, "", "too large to read") from None
    except ValueError as exc:
        # int() refuses literals of more than 4,300 digits.
        if "digits" in str(exc):
            raise InputError.single(source, "", "holds a number too large (thousands "
                                    "of digits)") from None
        raise InputError.single(source, "", f"TOML cannot be read ({exc})") from None


def write_atomic(path: Path, text: str, *, durable: bool = True, record: bool = False) -> None:
    """Write ``text`` to ``path`` (see :func:`write_bytes_atomic`)."""
    write_bytes_atomic(path, text.encode("utf-8"), durable=durable, record=record)


def _new_file_mode() -> int:
    """The mode ``open()`` would give a new file: 0666 less the umask."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def write_bytes_atomic(path: Path, data: bytes, *, durable: bool = True,
                       record: bool = False) -> None:
    """Write ``data`` to ``path``: a regular file through a temp file and a rename.

    Readers see the old file or the new one, never half of it; a failure or a signal leaves
    no temp file. A symlink is followed and its target written; a device or FIFO is written
    directly (a rename would replace the device node). A replaced file keeps its mode; a new
    one gets the umask's. ``durable`` also flushes the data to disk before the rename (for
    files that cannot be made again, like a profile); generated plans skip it. ``record``
    adds ``path`` to :data:`WRITTEN` once it is written, even when a signal comes right after
    the rename.
    """
    try:
        info: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        info = None
    special = info is not None and not stat.S_ISREG(info.st_mode) and not stat.S_ISDIR(
        info.st_mode)
    # /dev/stdout and /proc/self/fd/N name an open file: write it in place, even when it is
    # a regular file (replacing it would leave the shell's descriptor on the old one).
    if special or (info is not None and str(path).startswith(("/dev/", "/proc/"))):
        with open(path, "wb") as handle:
            handle.write(data)
        if record:
            WRITTEN.append(path)
        return
    target = Path(os.path.realpath(path))  # a symlink's target is replaced, not the link
    target.parent.mkdir(parents=True, exist_ok=True)
    mode = stat.S_IMODE(info.st_mode) if info is not None else _new_file_mode()
    import tempfile  # only when writing: plan and today mostly only read

    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            os.fchmod(handle.fileno(), mode)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, target)
        if record:
            WRITTEN.append(path)
    except BaseException:
        if os.path.lexists(tmp):
            os.unlink(tmp)
        elif record and path not in WRITTEN:  # the rename happened just before the interrupt
            WRITTEN.append(path)
        raise


def replace_file(path: Path, data: bytes) -> None:
    """Put ``data`` at ``path`` as a new regular file of ours: a temp file beside it renamed
    over the name. Unlike :func:`write_bytes_atomic`, a symlink, FIFO or device already at
    ``path`` is replaced, never written through (for files corecoach owns, like the schema
    `init` writes beside a profile)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            os.fchmod(handle.fileno(), _new_file_mode())
        os.replace(tmp, path)
    except BaseException:
        if os.path.lexists(tmp):
            os.unlink(tmp)
        raise
