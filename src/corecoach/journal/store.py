"""The journal file: SQLite through the standard library, versioned with PRAGMA user_version.

Migrations are append-only tuples of statements; each runs in one transaction together with
its ``user_version`` bump, after a backup copy of a file that already holds a journal. A file
that is not a journal, or one written by a newer corecoach, is refused and never touched.
WAL and a busy timeout let many ``log`` processes write at once; each write is one
transaction, so an interrupt leaves the entry either whole or absent.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import sqlite3
import stat
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from corecoach.datelimits import parse_day
from corecoach.errors import InputError, Problem
from corecoach.journal.entry import COLUMNS, KINDS, SCALES, Entry

#: 'ccj1' in the file header, so `file` and corecoach can tell a journal from other SQLite.
APPLICATION_ID = 0x63636A31
BUSY_TIMEOUT_S = 30.0
SQLITE_HEADER = b"SQLite format 3\x00"

#: Every column of the entry table at version 4, copied whole by migration 5.
_V4_COLUMNS = ("seq, profile, date, kind, status, pain_during, pain_after, effort, "
               "leg_symptoms, sport, minutes, surface, tight_at, pain, stiffness, note, "
               "logged_at, reps_left, session_day")

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
    # 3: the profile file last seen logging under each id, so a copy (same id, another
    # person) is noticed instead of silently mixing two people's entries.
    ("CREATE TABLE profile_file (profile TEXT PRIMARY KEY, path TEXT NOT NULL)",),
    # 4 (issue 16): reps still in reserve on the last loaded set of a session, and which
    # planned day's session it was (`log --reps-left N --session DAY`). A check-in's
    # leg_symptoms may be NULL ("not answered") already: no change needed for it.
    (
        "ALTER TABLE entry ADD COLUMN reps_left INTEGER CHECK (reps_left BETWEEN 0 AND 10)",
        "ALTER TABLE entry ADD COLUMN session_day TEXT CHECK (session_day IN "
        "('mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'))",
    ),
    # 5 (issue 17): function-goal ratings (`corecoach rate`, the Patient-Specific
    # Functional Scale): a fourth kind, with the goal's words and its 0-10 score. SQLite
    # cannot widen a CHECK in place, so the table is rebuilt: every existing column and
    # row (seq included) is copied, and the index made again.
    (
        """CREATE TABLE entry_v5 (
            seq INTEGER PRIMARY KEY,
            profile TEXT NOT NULL,
            date TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('session', 'activity', 'check-in', 'rating')),
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
            logged_at TEXT NOT NULL,
            reps_left INTEGER CHECK (reps_left BETWEEN 0 AND 10),
            session_day TEXT CHECK (session_day IN
                ('mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun')),
            goal TEXT,
            score INTEGER CHECK (score BETWEEN 0 AND 10)
        )""",
        "INSERT INTO entry_v5 (" + _V4_COLUMNS + ") SELECT " + _V4_COLUMNS + " FROM entry",
        "DROP TABLE entry",
        "ALTER TABLE entry_v5 RENAME TO entry",
        "CREATE INDEX entry_by_profile ON entry (profile, date, seq)",
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


def _probe(path: Path) -> bool:
    """True when ``path`` holds data that must be an SQLite database; False when nothing is
    there yet (or an empty file); refuses anything else (a folder, a FIFO, a device, a path
    that cannot be looked at) with one line. Never opens a FIFO or device, so never blocks.
    """
    from corecoach.tomlio import path_problem

    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise _refuse(path, f"is a symlink to a missing file ({os.readlink(path)}); "
                          "point it at the journal or remove it") from None
        return False
    except OSError as exc:
        raise _refuse(path, _journal_path_problem(path, exc)) from None
    if stat.S_ISDIR(info.st_mode):
        raise _refuse(path, "is a folder; the journal is a file (set CORECOACH_JOURNAL)")
    if not stat.S_ISREG(info.st_mode):
        raise _refuse(path, "is not a regular file (a FIFO, device or socket); the journal "
                      "is a file (set CORECOACH_JOURNAL)")
    if info.st_size == 0:
        return False
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise _refuse(path, path_problem(path, exc)) from None
    if head != SQLITE_HEADER:
        raise _refuse(path, "is not a corecoach journal (not an SQLite file); it was left "
                      "untouched (set CORECOACH_JOURNAL to another path)")
    return True


def _journal_path_problem(path: Path, exc: OSError) -> str:
    from corecoach.tomlio import path_problem

    if exc.errno in (errno.EACCES, errno.EPERM):
        return "cannot be looked at (permission denied on a folder of its path)"
    return path_problem(path, exc)


def _is_full(path: Path) -> bool:
    import shutil

    try:
        return shutil.disk_usage(path.parent).free < 64 * 1024
    except OSError:
        return False


def _sqlite_error(path: Path, exc: sqlite3.Error) -> JournalError:
    """One line in words for an SQLite failure: read-only, full disk, damaged, or as said."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc)
    if name.startswith("SQLITE_READONLY") or "readonly database" in text:
        return _refuse(path, "cannot be written (read-only: the file or its folder); make "
                       "them writable or set CORECOACH_JOURNAL to another path; nothing was "
                       "written")
    if name == "SQLITE_FULL" or "disk is full" in text or ((
            name.startswith("SQLITE_IOERR") or "disk I/O error" in text) and _is_full(path)):
        return _refuse(path, "cannot be written: the disk is full; free some space and try "
                       "again; nothing was written")
    if name in ("SQLITE_CORRUPT", "SQLITE_NOTADB") or "malformed" in text:
        return _refuse(path, f"is damaged ({text}); restore it from an export (corecoach "
                       "journal import) or move it aside; it was left untouched")
    if "decode" in text:
        return _refuse(path, f"holds text that is not UTF-8 ({text}); fix the row or "
                       "restore the journal from an export; it was left untouched")
    return _refuse(path, f"cannot be used ({text}); it was left untouched")


class RowError(Exception):
    """A stored row does not decode into an Entry (edited outside corecoach, or damaged)."""

    def __init__(self, seq: object, column: str, message: str) -> None:
        super().__init__(f"entry {seq}: {column}: {message}")
        self.seq = seq
        self.column = column
        self.message = message


@contextmanager
def _guarded(path: Path) -> Iterator[None]:
    """Every sqlite3 error and every row that does not decode, as one JournalError."""
    try:
        yield
    except sqlite3.Error as exc:
        raise _sqlite_error(path, exc) from None
    except RowError as exc:
        raise JournalError([Problem(str(path), f"entry {exc.seq}: {exc.column}",
                                    f"{exc.message}; it was edited outside corecoach: fix "
                                    "or delete that row (e.g. with sqlite3 or datasette)")]) \
            from None


#: Failures where a normal read-only open cannot work but an immutable one can (a journal
#: in a read-only folder or on a full disk: WAL needs its -shm file).
_FALL_BACK = ("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_IOERR")


def _open_read(path: Path, immutable: bool) -> sqlite3.Connection:
    extra = "&immutable=1" if immutable else ""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro{extra}", uri=True,
                           timeout=BUSY_TIMEOUT_S, isolation_level=None)


@contextmanager
def reading(path: Path) -> Iterator[sqlite3.Connection | None]:
    """A read-only connection to a journal, or None when there is no journal yet.

    Everything read inside the block is guarded: an SQLite error or a row that does not
    decode becomes one JournalError line. When the journal cannot be opened normally (a
    read-only folder, a full disk), it is opened as immutable, so it can still be read
    and exported.
    """
    if not _probe(path):
        yield None
        return
    with _guarded(path):
        conn: sqlite3.Connection | None = None
        version = 0
        for immutable in (False, True):
            try:
                conn = _open_read(path, immutable)
                version = _identify(conn, path)
                break
            except sqlite3.Error as exc:
                if conn is not None:
                    conn.close()
                    conn = None
                name = getattr(exc, "sqlite_errorname", "") or ""
                if immutable or not name.startswith(_FALL_BACK):
                    raise
        assert conn is not None
        try:
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
    """A connection to the journal, created or migrated as needed, for writes.

    Guarded as :func:`reading` is: a read-only file or folder and a full disk say so.
    """
    existed = _probe(path)
    try:
        _create_private(path)
    except OSError as exc:
        why = "read-only" if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM) else \
            "the disk is full" if exc.errno == errno.ENOSPC else exc.strerror
        raise _refuse(path, f"cannot be created ({why}); set CORECOACH_JOURNAL "
                      "to a writable path") from None
    with _guarded(path):
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        try:
            _migrate(conn, path, existed)
            # Another process may hold the lock; WAL is persistent once any process set it.
            with suppress(sqlite3.OperationalError):
                conn.execute("PRAGMA journal_mode = WAL")
            yield conn
        finally:
            conn.close()


def _migrate(conn: sqlite3.Connection, path: Path, existed: bool) -> None:
    version = _identify(conn, path)
    if version == SCHEMA_VERSION:
        return
    if existed and version > 0:
        backup = _new_backup(path, version)
        try:
            copy = sqlite3.connect(backup)
            try:
                conn.backup(copy)
            finally:
                copy.close()
        except sqlite3.Error as exc:
            raise _refuse(backup, f"the backup before upgrading the journal cannot be "
                          f"written ({exc}); the journal was left untouched") from None
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


def _new_backup(path: Path, version: int) -> Path:
    """A new, empty file for the backup before a migration, created here (never a file or
    link that was already there): ``NAME.vN.bak``, else ``NAME.vN.2.bak`` and so on."""
    for n in range(1, 1000):
        backup = path.with_name(f"{path.name}.v{version}{'' if n == 1 else f'.{n}'}.bak")
        try:
            fd = os.open(backup, os.O_CREAT | os.O_EXCL | os.O_WRONLY
                         | getattr(os, "O_NOFOLLOW", 0), 0o600)
        except FileExistsError:
            continue
        except OSError as exc:
            raise _refuse(backup, f"the backup before upgrading the journal cannot be "
                          f"created ({exc.strerror}); the journal was left untouched") \
                from None
        os.close(fd)
        return backup
    raise _refuse(path, "too many backups beside the journal; move some away")


def schema_version(path: Path) -> int:
    """The version of the journal at ``path`` (0 when there is none yet)."""
    with reading(path) as conn:
        if conn is None:
            return 0
        return int(conn.execute("PRAGMA user_version").fetchone()[0])


# -- rows -----------------------------------------------------------------------------------

#: Columns in the Entry's own field order (seq last), so a row becomes an Entry directly.
_SELECT = "SELECT " + ", ".join(COLUMNS) + ", seq FROM entry"
#: The columns each schema version lacks (reading never migrates, so an older file is read
#: as it is, the missing columns as NULL).
_ADDED_IN = {"reps_left": 4, "session_day": 4, "goal": 5, "score": 5}


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
    """An Entry from a stored row; a row edited into another shape is a RowError.

    The table's CHECK constraints hold for rows corecoach wrote, but the journal is an open
    file (the docs suggest datasette and sqlite-utils): every value is checked on the way in.
    The checks are exact type tests in one pass (a five-year journal reads thousands of
    rows on every `today`; asking SQLite for each value's typeof() costs more than these
    tests); :func:`_row_error` finds the words for a row that fails.
    """
    values = list(row)
    for value, kind in zip(values, _KIND_OF, strict=False):
        if value is not None and type(value) is not kind:  # bool is not int: refused too
            raise _row_error(values)
    day = _DAYS.get(values[1])
    if day is None:
        try:
            day = _DAYS[values[1]] = parse_day(values[1] or "")
        except (ValueError, TypeError):
            raise _row_error(values) from None
    values[1] = day
    if not values[0] or values[2] not in KINDS or values[7] not in (None, 0, 1) \
            or type(values[-1]) is not int:
        raise _row_error(values)
    if values[7] is not None:
        values[7] = values[7] == 1
    return Entry._make(values)


def _row_error(values: list[Any]) -> RowError:
    """Why a stored row is not an entry, naming its first bad value."""
    seq = values[-1]
    for name, value in zip(COLUMNS, values, strict=False):
        if (value is not None and not isinstance(value, _TYPES.get(name, str))) or \
                isinstance(value, bool):
            return RowError(seq, name, f"{value!r} is not {_WORDS.get(name, 'text')}")
    if not values[0]:
        return RowError(seq, "profile", "is empty")
    if not isinstance(values[1], dt.date):
        return RowError(seq, "date", f"{values[1]!r} is not a date (YYYY-MM-DD)")
    if values[2] not in KINDS:
        return RowError(seq, "kind", f"{values[2]!r} is not a kind")
    if values[7] not in (None, 0, 1):
        return RowError(seq, "leg_symptoms", f"{values[7]!r} is not 0 or 1")
    return RowError(seq, "seq", f"{seq!r} is not a whole number")


_TYPES: dict[str, type] = {name: int for name in (*SCALES, "minutes", "tight_at",
                                                   "leg_symptoms", "reps_left", "score")}
_WORDS = {name: "a whole number" for name in _TYPES}
#: Each column's one stored type (NULL aside), in COLUMNS order.
_KIND_OF: tuple[type, ...] = tuple(_TYPES.get(name, str) for name in COLUMNS)
#: Dates read so far (a journal repeats each day's date for every entry of the day).
_DAYS: dict[str, dt.date] = {}


#: What this process committed to the journal, in words ("logging 1 entry into PATH"), so
#: an interrupt right after a commit says what was stored instead of "nothing".
STORED: list[str] = []


def _journal_name(conn: sqlite3.Connection) -> str:
    with suppress(sqlite3.Error):
        for row in conn.execute("PRAGMA database_list"):
            if row[1] == "main" and row[2]:
                return str(row[2])
    return "the journal"


@contextmanager
def locked(conn: sqlite3.Connection, what: str | None = None) -> Iterator[sqlite3.Connection]:
    """One write transaction holding the journal's write lock: committed whole on success,
    rolled back on any exception (Ctrl-C included). ``what`` (for example "logging 1
    entry") goes to :data:`STORED` once committed, even when a signal lands right after."""
    conn.execute("BEGIN IMMEDIATE")
    committing = False
    try:
        yield conn
        committing = True
        conn.execute("COMMIT")
        if what:
            STORED.append(f"{what} into {_journal_name(conn)}")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        elif committing and what and not any(s.startswith(what) for s in STORED):
            STORED.append(f"{what} into {_journal_name(conn)}")
        raise


def append(conn: sqlite3.Connection, entries: Iterable[Entry], logged_at: dt.datetime) -> int:
    """Store entries in one transaction (all or none); returns how many were stored."""
    stamp = logged_at.isoformat(timespec="seconds")
    rows = [_row(e, stamp) for e in entries]
    with locked(conn, _logging(len(rows))):
        conn.executemany(_INSERT, rows)
    return len(rows)


def _logging(n: int) -> str:
    from corecoach.words import count

    return f"logging {count(n, 'entry', 'entries')}"


def append_new(conn: sqlite3.Connection, entries: Sequence[Entry], logged_at: dt.datetime,
               *, allow_duplicates: bool = False) -> tuple[int, int]:
    """Store the entries not already in the journal, in one transaction (all or none).

    An entry is already there when a stored row has the same profile, date, kind and every
    value (re-importing a backup after a partial restore would otherwise double it).
    Returns (stored, skipped); ``allow_duplicates`` stores every entry.
    """
    stamp = logged_at.isoformat(timespec="seconds")
    rows = [_row(e, stamp) for e in entries]
    with locked(conn, _logging(len(rows))):
        if not allow_duplicates:
            stored: set[tuple[object, ...]] = set()
            select = "SELECT " + ", ".join(COLUMNS) + " FROM entry WHERE profile = ?"
            for profile in {e.profile for e in entries}:
                stored.update(tuple(r) for r in conn.execute(select, (profile,)))
            rows = [r for r in rows if r[:-1] not in stored]
        conn.executemany(_INSERT, rows)
    return len(rows), len(entries) - len(rows)


def profile_entries(conn: sqlite3.Connection, profile: str) -> tuple[Entry, ...]:
    """One profile's entries in date order (entries of one day in the order logged)."""
    rows = conn.execute(f"{_select(conn)} WHERE profile = ? ORDER BY date, seq", (profile,))
    return tuple(map(_entry, rows))


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
    with locked(conn, "removing the last entry"):
        where, args = ("WHERE profile = ? ", (profile,)) if profile else ("", ())
        row = conn.execute(_SELECT + f" {where}ORDER BY seq DESC LIMIT 1", args).fetchone()
        if row is None:
            return None
        removed = _entry(row)  # read (and decoded) before anything is deleted
        conn.execute("DELETE FROM entry WHERE seq = ?", (removed.seq,))
    return removed


def note_file(conn: sqlite3.Connection, profile: str, path: str) -> str | None:
    """Record ``path`` as the file logging under ``profile``; the other file that did so
    before, when it still exists with the same id (a copied profile), else None."""
    with locked(conn):
        row = conn.execute("SELECT path FROM profile_file WHERE profile = ?",
                           (profile,)).fetchone()
        conn.execute("INSERT INTO profile_file (profile, path) VALUES (?, ?) "
                     "ON CONFLICT (profile) DO UPDATE SET path = excluded.path",
                     (profile, path))
    before = row[0] if row is not None else None
    if not isinstance(before, str) or before == path or not _same_id(Path(before), profile):
        return None
    return before


def _same_id(path: Path, profile: str) -> bool:
    """Whether the profile file at ``path`` still exists and still has the id ``profile``."""
    import tomllib

    from corecoach.errors import CorecoachError
    from corecoach.tomlio import read_toml

    try:
        if not path.is_file():
            return False
        return read_toml(path).get("id") == profile
    except (OSError, CorecoachError, tomllib.TOMLDecodeError):
        return False


def shared_id_text(profile: str, path: str, other: str) -> str:
    """The warning when ``path`` logs under the id another existing file has: two people's
    entries would mix, and how to part them."""
    return (f'warning: {path} and {other} both have id = "{profile}"; their journal entries '
            "mix. If this file is another person's (a copied profile), take this entry back "
            f"with `corecoach journal undo --profile {path}` and log it again with --new-id: "
            "the file gets an id of its own")


def other_file_for_id(journal: Path, profile: str, path: str) -> str | None:
    """Another profile file the journal saw logging under ``profile`` that still has that
    id, or None (none, the same file, no journal, or one that cannot be read). Read-only:
    for `validate`, which reports a shared id without writing anything."""
    from corecoach.errors import CorecoachError

    try:
        with reading(journal) as conn:
            if conn is None or conn.execute(
                    "SELECT 1 FROM sqlite_master WHERE name = 'profile_file'").fetchone() is None:
                return None
            row = conn.execute("SELECT path FROM profile_file WHERE profile = ?",
                               (profile,)).fetchone()
    except (CorecoachError, OSError):
        return None
    before = row[0] if row is not None else None
    if not isinstance(before, str) or before == path or not _same_id(Path(before), profile):
        return None
    return before


def rekey(conn: sqlite3.Connection, old: str, new: str) -> int:
    """Move every entry of profile key ``old`` to ``new`` (a path-keyed profile that gained
    an id); returns how many moved. Call it inside ``locked``."""
    return conn.execute("UPDATE entry SET profile = ? WHERE profile = ?", (new, old)).rowcount


def add(path: Path, entries: Entry | Sequence[Entry], logged_at: dt.datetime, *,
        profile_file: Path | None = None) -> str | None:
    """Append an entry, or several in one transaction (all or none), to the journal at
    ``path`` (created on first use). With ``profile_file`` (the file the entries came
    from), record it for their key on the same connection; returns another existing file
    that logged under that key before (a copied profile), else None."""
    batch = [entries] if isinstance(entries, Entry) else list(entries)
    with writing(path) as conn:
        append(conn, batch, logged_at)
        if profile_file is None or not batch:
            return None
        return note_file(conn, batch[0].profile, str(profile_file.resolve()))
