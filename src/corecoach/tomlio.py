"""Reading TOML files with one-line errors, and writing any text file atomically."""

from __future__ import annotations

import os
import tempfile
import tomllib
from pathlib import Path
from typing import Any

from corecoach.errors import InputError


def read_toml(path: Path) -> dict[str, Any]:
    """Parse a TOML file; every way it can fail becomes one InputError line."""
    source = str(path)
    if not path.exists():
        raise InputError.single(source, "", "no such file; check the path")
    if path.is_dir():
        raise InputError.single(source, "", "is a folder, not a TOML file")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError.single(source, "", f"cannot be read ({exc.strerror})") from None
    if not raw.strip():
        raise InputError.single(
            source, "", "is empty; a profile needs at least: version = 1"
        )
    if b"\x00" in raw:
        raise InputError.single(source, "", "is a binary file, not TOML text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError.single(
            source, "", f"is not UTF-8 text (bad byte at offset {exc.start}); save it as UTF-8"
        ) from None
    # Some editors (Notepad) start UTF-8 files with a byte-order mark; TOML does not allow it.
    return parse_toml_text(text.removeprefix("\ufeff"), source)


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


def write_atomic(path: Path, text: str, *, durable: bool = True) -> None:
    """Write ``text`` to ``path`` through a temp file in the same folder and a rename."""
    write_bytes_atomic(path, text.encode("utf-8"), durable=durable)


def write_bytes_atomic(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Write ``data`` to ``path`` through a temp file in the same folder and a rename.

    Readers see the old file or the new one, never half of it; a failure leaves no temp file.
    ``durable`` also flushes the data to disk before the rename (for files that cannot be
    made again, like a profile); generated plans skip it, which matters for 200 of them.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
