"""The journal file: creation, migrations, refusals, undo, and 20 writers at once."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from corecoach.journal.entry import Entry
from corecoach.journal.store import (
    MIGRATIONS,
    SCHEMA_VERSION,
    JournalError,
    all_entries,
    append,
    read_profile_entries,
    schema_version,
    undo_last,
    writing,
)

NOW = dt.datetime(2026, 11, 26, 8, 0, tzinfo=dt.UTC)
DAY = dt.date(2026, 11, 26)


def entry(profile: str = "p1", pain: int = 2) -> Entry:
    return Entry(profile=profile, date=DAY, kind="check-in", pain=pain, leg_symptoms=False)


def test_create_append_read(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "journal.sqlite3"
    with writing(path) as conn:
        append(conn, [entry(), entry("p2", 5), entry(pain=3)], NOW)
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert path.stat().st_mode & 0o777 == 0o600  # health data: the owner's only
    assert schema_version(path) == SCHEMA_VERSION
    mine = read_profile_entries(path, "p1")
    assert [e.pain for e in mine] == [2, 3]
    assert read_profile_entries(tmp_path / "missing.sqlite3", "p1") == ()


def test_a_write_is_all_or_nothing(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    bad = Entry(profile="p1", date=DAY, kind="check-in", pain=11, leg_symptoms=False)
    with writing(path) as conn:
        with pytest.raises(sqlite3.IntegrityError):
            append(conn, [entry(), bad], NOW)  # the CHECK constraint catches what slipped by
        assert all_entries(conn) == []


def test_interrupt_mid_write_leaves_no_half_entry(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "j.sqlite3"
    with writing(path) as conn:
        original = conn.executemany

        class Interrupting:
            def __getattr__(self, name: str) -> object:
                return getattr(conn, name)

            def executemany(self, *args: object) -> object:
                original(*args)  # type: ignore[arg-type]
                raise KeyboardInterrupt

        with pytest.raises(KeyboardInterrupt):
            append(Interrupting(), [entry(), entry()], NOW)  # type: ignore[arg-type]
        assert all_entries(conn) == []


def test_undo_removes_the_last_entry(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    with writing(path) as conn:
        append(conn, [entry(pain=1), entry("p2", 2), entry(pain=3)], NOW)
        assert undo_last(conn, "p2") is not None
        removed = undo_last(conn, None)
        assert removed is not None and removed.pain == 3
        assert [e.pain for e in all_entries(conn)] == [1]
        undo_last(conn, None)
        assert undo_last(conn, None) is None


def _version_1_file(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in MIGRATIONS[0]:
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO entry (profile, date, kind, pain, leg_symptoms, logged_at) "
                 "VALUES ('p1', '2026-11-20', 'check-in', 4, 0, '2026-11-20T07:00:00')")
    conn.close()


def test_migration_from_a_version_1_file(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    _version_1_file(path)
    assert schema_version(path) == 1
    # Reading never migrates, and a version-1 file reads fine.
    assert [e.pain for e in read_profile_entries(path, "p1")] == [4]
    with writing(path) as conn:
        indexes = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index'")]
        assert "entry_by_profile" in indexes
    assert schema_version(path) == SCHEMA_VERSION
    backup = tmp_path / "j.sqlite3.v1.bak"
    assert backup.exists()
    old = sqlite3.connect(backup)
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    assert old.execute("SELECT count(*) FROM entry").fetchone()[0] == 1
    old.close()
    assert [e.pain for e in read_profile_entries(path, "p1")] == [4]


def test_a_failed_migration_rolls_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "j.sqlite3"
    _version_1_file(path)
    from corecoach.journal import store

    monkeypatch.setattr(store, "MIGRATIONS", (*MIGRATIONS, ("CREATE TABLE broken (",)))
    monkeypatch.setattr(store, "SCHEMA_VERSION", len(MIGRATIONS) + 1)
    with pytest.raises(JournalError), writing(path):
        pass
    # Migrations 2 and 3 landed, each in its own transaction; the broken one left no trace.
    assert schema_version(path) == len(MIGRATIONS)


def test_a_newer_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    with writing(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = path.read_bytes()
    with pytest.raises(JournalError, match="newer corecoach"), writing(path):
        pass
    with pytest.raises(JournalError, match="newer corecoach"):
        read_profile_entries(path, "p1")
    assert path.read_bytes() == before


@pytest.mark.parametrize("kind", ["text", "sqlite"])
def test_a_file_that_is_not_a_journal_is_refused_untouched(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "j.sqlite3"
    if kind == "text":
        path.write_text("my shopping list\n")
    else:
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE recipes (name TEXT)")
        conn.commit()
        conn.close()
    before = path.read_bytes()
    with pytest.raises(JournalError, match="not a corecoach journal"), writing(path):
        pass
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["j.sqlite3"]


WRITER = """
import datetime as dt, sys
from pathlib import Path
from corecoach.journal.entry import Entry
from corecoach.journal.store import append, writing
n = int(sys.argv[2])
e = Entry(profile=f"p{n}", date=dt.date(2026, 11, 26), kind="check-in", pain=n % 11,
          leg_symptoms=False)
with writing(Path(sys.argv[1])) as conn:
    append(conn, [e], dt.datetime(2026, 11, 26, tzinfo=dt.timezone.utc))
"""


def test_twenty_writers_at_once_all_land(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(n)],
                              stderr=subprocess.PIPE) for n in range(20)]
    errors = [p.communicate()[1] for p in procs]
    assert all(p.returncode == 0 for p in procs), errors
    with writing(path) as conn:
        assert sorted(e.profile for e in all_entries(conn)) == sorted(f"p{n}" for n in range(20))


def test_a_journal_is_identified_from_one_snapshot(tmp_path: Path) -> None:
    """Regression: identifying a file took three reads; another process's first migration
    could commit between them, and a brand-new journal was refused as a foreign file."""
    from corecoach.journal.store import _identify

    path = tmp_path / "j.sqlite3"
    with writing(path) as conn:
        statements: list[str] = []
        conn.set_trace_callback(statements.append)
        assert _identify(conn, path) == SCHEMA_VERSION
        conn.set_trace_callback(None)
    top_level = [s for s in statements if not s.startswith("--")]  # "--": inside a statement
    assert len(top_level) == 1, statements
