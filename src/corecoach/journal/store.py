"""The journal file: SQLite through the standard library, versioned with PRAGMA user_version.

Migrations are append-only tuples of statements; each runs in one transaction together with
its ``user_version`` bump, after a backup copy of a file that already holds a journal. A file
that is not a journal, or one written by a newer corecoach, is refused and never touched.
WAL and a busy timeout let many ``log`` processes write at once; each write is one
transaction, so an interrupt leaves the entry either whole or absent.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from corecoach.errors import InputError, Problem
from corecoach.journal.entry import COLUMNS, Entry

#: 'ccj1' in the file header, so `file` and corecoach can tell a journal from other SQLite.
APPLICATION_ID = 0x63636A31
BUSY_TIMEOUT_S = 30.0
SQLITE_HEADER = b"SQLite format 3\x00"

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 1: the entry table (one row per session, sport session or check-in).
    (
        """CREATE TABLE entry (
            seq INTEGER PRIMARY KEY,
            profile TEXT NOT NULL,
            date TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('session', 'activity', 'check-in')),
            status TEXT CHECK (status IN ('done', 'partial', 'skipped')),
            pain_during INTEGER CHECK (pain_during BETWEEN 0 AND 10),
            pain_after INTEGER CHECK (pain_after BETWEEN 0 AND 10),
            effort INTEGER CHECK (effort BETWEEN 0 AND 10),
            leg_symptoms INTEGER CHECK (leg_symptoms IN (0, 1)),
            sport TEXT,
            minutes INTEGER CHECK (minutes BETWEEN 1 AND 1440),
            surface TEXT,
            tight_at INTEGER CHECK (tight_at >= 0),
            pain INTEGER CHECK (pain BETWEEN 0 AND 10),
            stiffness INTEGER CHECK (stiffness BETWEEN 0 AND 10),
            note TEXT,
            logged_at TEXT NOT NULL
        )""",
        f"PRAGMA application_id = {APPLICATION_ID}",
    ),
    # 2: one profile's entries in date order without a scan (a five-year journal stays fast).
    ("CREATE INDEX entry_by_profile ON entry (profile, date, seq)",),
    # 3 (issue 16): reps still in reserve on the last loaded set of a session, and which
    # planned day's session it was (`log --reps-left N --session DAY`). A check-in's
    # leg_symptoms may be NULL ("not answered") already: no change needed for it.
    (
        "ALTER TABLE entry ADD COLUMN reps_left INTEGER CHECK (reps_left BETWEEN 0 AND 10)",
        "ALTER TABLE entry ADD COLUMN session_day TEXT CHECK (session_day IN "
        "('mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'))",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)


class JournalError(InputError):
    """The journal file cannot be used: not a journal, too new, or unreadable."""


def _refuse(path: Path, message: str) -> JournalError:
    return JournalError([Problem(str(path), "", message)])


def _identify(conn: sqlite3.Connection, path: Path) -> int:
    """The schema version of an open file; 0 for an empty database; refuses the rest."""
    # One statement, so one snapshot: read apart, another process's first migration could
    # commit in between and make a new journal look like someone else's file.
    app_id, version, tables = conn.execute(
        "SELECT a.application_id, v.user_version, (SELECT count(*) FROM sqlite_master) "
        "FROM pragma_application_id() AS a, pragma_user_version() AS v").fetchone()
    if app_id != APPLICATION_ID:
        if app_id == 0 and version == 0 and tables == 0:
            return 0
        raise _refuse(path, "is an SQLite file but not a corecoach journal; it was left "
                      "untouched (set CORECOACH_JOURNAL to another path)")
    if version > SCHEMA_VERSION:
        raise _refuse(path, f"was written by a newer corecoach (journal version {version}; "
                      f"this one knows up to {SCHEMA_VERSION}); it was left untouched: "
                      "upgrade corecoach")
    return int(version)


def _check_header(path: Path) -> bool:
    """True when ``path`` holds data that must be an SQLite database; refuses other files."""
    if path.is_dir():
        raise _refuse(path, "is a folder; the journal is a file (set CORECOACH_JOURNAL)")
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise _refuse(path, f"cannot be read ({exc.strerror})") from None
    if not head:
        return False
    if head != SQLITE_HEADER:
        raise _refuse(path, "is not a corecoach journal (not an SQLite file); it was left "
                      "untouched (set CORECOACH_JOURNAL to another path)")
    return True


def _sqlite_error(path: Path, exc: sqlite3.Error) -> JournalError:
    return _refuse(path, f"cannot be used ({exc}); it was left untouched")


@contextmanager
def reading(path: Path) -> Iterator[sqlite3.Connection | None]:
    """A read-only connection to a journal, or None when there is no journal yet."""
    if not path.exists() or not _check_header(path):
        yield None
        return
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                               timeout=BUSY_TIMEOUT_S, isolation_level=None)
    except sqlite3.Error as exc:
        raise _sqlite_error(path, exc) from None
    try:
        try:
            version = _identify(conn, path)
        except sqlite3.DatabaseError as exc:
            raise _sqlite_error(path, exc) from None
        yield conn if version else None
    finally:
        conn.close()


def _create_private(path: Path) -> None:
    """Create an empty file readable by its owner only: the journal holds health data."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with suppress(FileExistsError):
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))


@contextmanager
def writing(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection to the journal, created or migrated as needed, for writes."""
    existed = path.exists() and _check_header(path)
    try:
        _create_private(path)
    except OSError as exc:
        raise _refuse(path, f"cannot be created ({exc.strerror}); set CORECOACH_JOURNAL "
                      "to a writable path") from None
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    except sqlite3.Error as exc:
        raise _sqlite_error(path, exc) from None
    try:
        try:
            _migrate(conn, path, existed)
            # Another process may hold the lock; WAL is persistent once any process set it.
            with suppress(sqlite3.OperationalError):
                conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.DatabaseError as exc:
            raise _sqlite_error(path, exc) from None
        yield conn
    finally:
        conn.close()


def _migrate(conn: sqlite3.Connection, path: Path, existed: bool) -> None:
    version = _identify(conn, path)
    if version == SCHEMA_VERSION:
        return
    if existed and version > 0:
        backup = path.with_name(f"{path.name}.v{version}.bak")
        with sqlite3.connect(backup) as copy:
            conn.backup(copy)
        copy.close()
    while True:
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Read again under the write lock: another process may have migrated meanwhile.
            current = _identify(conn, path)
            if current >= SCHEMA_VERSION:
                conn.execute("ROLLBACK")
                return
            for statement in MIGRATIONS[current]:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {current + 1}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise


def schema_version(path: Path) -> int:
    """The version of the journal at ``path`` (0 when there is none yet)."""
    if not path.exists() or not _check_header(path):
        return 0
    with reading(path) as conn:
        if conn is None:
            return 0
        return int(conn.execute("PRAGMA user_version").fetchone()[0])


# -- rows -----------------------------------------------------------------------------------

#: Columns in the Entry's own field order (seq last), so a row becomes an Entry directly.
_SELECT = "SELECT " + ", ".join(COLUMNS) + ", seq FROM entry"
#: The columns each schema version lacks (reading never migrates, so an older file is read
#: as it is, the missing columns as NULL).
_ADDED_IN = {"reps_left": 3, "session_day": 3}


def _select(conn: sqlite3.Connection) -> str:
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version >= max(_ADDED_IN.values()):
        return _SELECT
    names = [f"NULL AS {c}" if _ADDED_IN.get(c, 0) > version else c for c in COLUMNS]
    return "SELECT " + ", ".join(names) + ", seq FROM entry"
_INSERT = ("INSERT INTO entry (" + ", ".join(COLUMNS) + ", logged_at) VALUES ("
           + ", ".join("?" * (len(COLUMNS) + 1)) + ")")


def _row(entry: Entry, logged_at: str) -> tuple[object, ...]:
    values: list[object] = []
    for name in COLUMNS:
        value = getattr(entry, name)
        if name == "date":
            value = value.isoformat()
        elif name == "leg_symptoms" and value is not None:
            value = int(value)
        values.append(value)
    return (*values, logged_at)


def _entry(row: Sequence[Any]) -> Entry:
    # Rows come from our own table, whose CHECK constraints guarantee the types.
    values = list(row)
    values[1] = _date(values[1])
    if values[7] is not None:
        values[7] = bool(values[7])
    return Entry._make(values)


_date = dt.date.fromisoformat


@contextmanager
def locked(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction holding the journal's write lock: committed whole on success,
    rolled back on any exception (Ctrl-C included)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def append(conn: sqlite3.Connection, entries: Iterable[Entry], logged_at: dt.datetime) -> int:
    """Store entries in one transaction (all or none); returns how many were stored."""
    stamp = logged_at.isoformat(timespec="seconds")
    rows = [_row(e, stamp) for e in entries]
    with locked(conn):
        conn.executemany(_INSERT, rows)
    return len(rows)


def profile_entries(conn: sqlite3.Connection, profile: str) -> tuple[Entry, ...]:
    """One profile's entries in date order (entries of one day in the order logged)."""
    rows = conn.execute(_select(conn) + " WHERE profile = ? ORDER BY date, seq", (profile,))
    return tuple(_entry(r) for r in rows)


def all_entries(conn: sqlite3.Connection) -> list[Entry]:
    """Every entry, in the order logged."""
    return [_entry(r) for r in conn.execute(_select(conn) + " ORDER BY seq")]


def read_profile_entries(path: Path, profile: str) -> tuple[Entry, ...]:
    """One profile's entries from the journal at ``path``; none when there is no journal."""
    with reading(path) as conn:
        if conn is None:
            return ()
        return profile_entries(conn, profile)


def undo_last(conn: sqlite3.Connection, profile: str | None) -> Entry | None:
    """Remove the last entry logged (of ``profile`` when given); None when there is none."""
    with locked(conn):
        where, args = ("WHERE profile = ? ", (profile,)) if profile else ("", ())
        row = conn.execute(_SELECT + f" {where}ORDER BY seq DESC LIMIT 1", args).fetchone()
        if row is not None:
            conn.execute("DELETE FROM entry WHERE seq = ?", (row[-1],))
    return None if row is None else _entry(row)


def rekey(conn: sqlite3.Connection, old: str, new: str) -> int:
    """Move every entry of profile key ``old`` to ``new`` (a path-keyed profile that gained
    an id); returns how many moved. Call it inside ``locked``."""
    return conn.execute("UPDATE entry SET profile = ? WHERE profile = ?", (new, old)).rowcount


def add(path: Path, entry: Entry, logged_at: dt.datetime) -> None:
    """Append one entry to the journal at ``path`` (created on first use)."""
    with writing(path) as conn:
        append(conn, [entry], logged_at)
