"""The one gate every journal import passes: a file or stdin, read safely, then parsed safely.

Only a regular file is opened (a FIFO would block until a writer comes, a device would read
without end); stdin is read in chunks and stops at the cap. The text must be UTF-8 with no
NUL byte; a byte-order mark (Excel's "CSV UTF-8") is dropped. CSV is read by the csv module
as it asks (no newline translation, so a CR or CRLF inside a quoted note comes back as it
was written), with a field size limit and strict quoting (an unterminated quote is an
error, not one huge note). JSON is parsed with its nesting and number sizes caught. Every
way in which input can be wrong is one :class:`~corecoach.errors.InputError` line.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from corecoach.errors import InputError

#: The largest import read: a 100,000-row export is about 5 MB.
MAX_IMPORT_BYTES = 20_000_000
#: Bytes read at a time from stdin (the cap is checked between reads).
CHUNK_BYTES = 1 << 16
#: The longest CSV cell read (a note holds at most 500 characters).
MAX_FIELD_CHARS = 10_000
STDIN = "-"


def _too_big_words() -> str:
    return (f"is larger than {MAX_IMPORT_BYTES // 1_000_000} MB; that is not a corecoach "
            "journal export (split it, or check the file)")


def read_stream(stream: BinaryIO, source: str, limit: int | None = None) -> bytes:
    """At most ``limit`` bytes (default :data:`MAX_IMPORT_BYTES`) of a stream, read in
    chunks; more is an InputError."""
    limit = MAX_IMPORT_BYTES if limit is None else limit
    parts: list[bytes] = []
    size = 0
    while True:
        chunk = stream.read(CHUNK_BYTES)
        if not chunk:
            break
        size += len(chunk)
        if size > limit:
            raise InputError.single(source, "", _too_big_words())
        parts.append(chunk)
    return b"".join(parts)


def read_file(path: Path, limit: int | None = None) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; anything else is refused."""
    from corecoach.tomlio import read_regular

    return read_regular(path, MAX_IMPORT_BYTES if limit is None else limit,
                        folder="is a folder; give the CSV or JSON file `corecoach journal "
                        "export` wrote", give="give the CSV or JSON file, or - for stdin",
                        too_big=_too_big_words())


def read_import(source: str, stdin: BinaryIO | None = None) -> str:
    """The text of an import: ``source`` is a file name, or ``-`` for ``stdin``'s bytes."""
    if source == STDIN:
        if stdin is None:
            import sys

            stdin = sys.stdin.buffer
        raw = read_stream(stdin, source)
    else:
        raw = read_file(Path(source))
    return decode(raw, source)


def decode(raw: bytes, source: str) -> str:
    """UTF-8 text without a byte-order mark; a NUL byte or another encoding is refused."""
    if b"\x00" in raw:
        raise InputError.single(source, "", "is a binary file (it holds NUL bytes), not the "
                                "CSV or JSON of `corecoach journal export`")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError.single(source, "", f"is not UTF-8 text (bad byte at offset "
                                f"{exc.start}); save it as UTF-8") from None
    return text.removeprefix("\ufeff")


def csv_rows(text: str, source: str) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) for each CSV row, the header being row 1.

    Read with ``newline=""`` semantics (the text is never split on its line ends before the
    csv module sees it), strict quoting, and a cell size limit.
    """
    previous = csv.field_size_limit(MAX_FIELD_CHARS)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        n = 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise InputError.single(source, f"row {n + 1}", _csv_problem(str(exc))) \
                    from None
            n += 1
            yield n, row
    finally:
        csv.field_size_limit(previous)


def _csv_problem(message: str) -> str:
    if "field limit" in message:
        return f"a cell is longer than {MAX_FIELD_CHARS:,} characters (a note holds at most 500)"
    if "end of data" in message:
        return "a quote is never closed (a cell starts with \" and its closing \" is missing)"
    if "expected after" in message:
        return "a quote is closed in the middle of a cell (write \"\" for a quote inside one)"
    return f"is not valid CSV ({message})"


def json_document(text: str, source: str) -> Any:
    """The parsed JSON; syntax, nesting and oversized numbers are one-line errors."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError.single(source, "", f"is not JSON ({exc.msg} at line {exc.lineno})") \
            from None
    except RecursionError:
        raise InputError.single(source, "", "JSON nested too deeply (lists or objects inside "
                                "each other thousands of times)") from None
    except ValueError:
        # int() refuses literals of more than 4,300 digits.
        raise InputError.single(source, "", "holds a number too large (thousands of "
                                "digits)") from None
