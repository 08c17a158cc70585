"""reliability-review-2.md R1-R25: the journal under hostile input and faults.

Each test is one reproduction of the review: one line, the documented exit code, no
traceback, nothing changed that must not change.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corecoach.cli import app

TODAY = "2026-11-30"
HEADER = ("profile,date,kind,status,pain_during,pain_after,effort,leg_symptoms,sport,"
          "minutes,surface,tight_at,pain,stiffness,note")


@pytest.fixture
def me(tmp_path: Path) -> Path:
    path = tmp_path / "me.toml"
    path.write_text('version = 1\nid = "demo-one"\navailable_days = ["mon", "wed", "fri"]\n'
                    "start = 2026-11-02\n")
    return path


@pytest.fixture
def journal() -> Path:
    return Path(os.environ["CORECOACH_JOURNAL"])


def cc(runner: CliRunner, *args: str, input: str | bytes | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), input=input)


def one_line(result, code: int = 2) -> str:  # type: ignore[no-untyped-def]
    """The single error line of a refused command (no traceback)."""
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        result.exception
    assert result.exit_code == code, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def log(runner: CliRunner, me: Path, *extra: str) -> None:
    result = cc(runner, "log", str(me), "--done", "--today", TODAY, *extra)
    assert result.exit_code == 0, result.stderr


def rows(journal: Path) -> int:
    conn = sqlite3.connect(journal)
    try:
        return int(conn.execute("SELECT count(*) FROM entry").fetchone()[0])
    finally:
        conn.close()


# -- R1, R11, R14, R25: the reading gate ----------------------------------------------------


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_r1_a_device_is_refused_without_reading(runner: CliRunner) -> None:
    line = one_line(cc(runner, "journal", "import", "/dev/zero"))
    assert "not a regular file" in line


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_r1_a_fifo_is_refused_without_blocking(runner: CliRunner, tmp_path: Path) -> None:
    fifo = tmp_path / "f.csv"
    os.mkfifo(fifo)
    assert "not a regular file" in one_line(cc(runner, "journal", "import", str(fifo)))


def test_r1_stdin_is_read_up_to_the_cap(runner: CliRunner,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from corecoach.journal import reading

    monkeypatch.setattr(reading, "MAX_IMPORT_BYTES", 1000)
    monkeypatch.setattr(reading, "CHUNK_BYTES", 100)
    line = one_line(cc(runner, "journal", "import", "-", input=b"x" * 5000))
    assert "is larger than" in line


@pytest.mark.parametrize(("body", "words"), [
    (HEADER + "\nsam,2026-11-20,session,done,,,,0,,,,,,," + "n" * 200_000 + "\n",
     "longer than"),
    ('{"entries": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
    ('{"format": 1, "entries": [{"pain": ' + "9" * 5000 + "}]}", "number too large"),
    ("\0" * 10_000, "binary file"),
    (HEADER + '\nsam,2026-11-20,session,done,,,,0,,,,,,,"never closed\nmore\n',
     "a quote is never closed"),
])
def test_r11_r25_hostile_import_text_is_one_line(runner: CliRunner, tmp_path: Path,
                                                 body: str, words: str) -> None:
    source = tmp_path / "in.csv"
    source.write_text(body)
    assert words in one_line(cc(runner, "journal", "import", str(source)))
    assert words in one_line(cc(runner, "journal", "import", "-", input=body.encode()))


def test_r14_a_bom_is_stripped(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "x.csv"
    source.write_bytes(b"\xef\xbb\xbf" + (HEADER + "\nsam,2026-11-20,check-in,,,,,0,,,,,2,,\n")
                       .encode())
    result = cc(runner, "journal", "import", str(source), "--today", TODAY)
    assert result.exit_code == 0, result.stderr


def test_r25_many_bad_rows_are_counted(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "bad.csv"
    source.write_text(HEADER + "\n" + "sam,2026-11-20,session,done,12,,,0,,,,,,,\n" * 100)
    result = cc(runner, "journal", "import", str(source), "--today", TODAY)
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines()[-1] == "error: ... and 51 more problems"


# -- R2: export -o never replaces what it should not ------------------------------------------


@pytest.mark.parametrize("target", ["journal", "wal", "profile", "txt", "mismatch"])
def test_r2_export_refuses_a_target_that_would_lose_a_file(
        runner: CliRunner, me: Path, journal: Path, tmp_path: Path, target: str) -> None:
    log(runner, me)
    paths = {"journal": [str(journal)], "wal": [f"{journal}-wal"], "profile": [str(me)],
             "txt": [str(tmp_path / "x.txt")],
             "mismatch": [str(tmp_path / "rr.json"), "--format", "csv"]}
    before = {p: p.read_bytes() for p in (journal, me)}
    one_line(cc(runner, "journal", "export", "-o", *paths[target]))
    assert {p: p.read_bytes() for p in (journal, me)} == before
    assert not (tmp_path / "x.txt").exists() and not (tmp_path / "rr.json").exists()
    log(runner, me)  # the journal still works


# -- R3, R4: rows edited or damaged outside corecoach ----------------------------------------


EDITS = [
    "UPDATE entry SET date = '26/11/2026'",
    "UPDATE entry SET date = ''",
    "PRAGMA ignore_check_constraints = 1; UPDATE entry SET pain_during = 'high'",
    "PRAGMA ignore_check_constraints = 1; UPDATE entry SET leg_symptoms = 'yes'",
    "ALTER TABLE entry RENAME TO renamed",
    "ALTER TABLE entry DROP COLUMN note",
    "DROP INDEX entry_by_profile; DROP TABLE entry; CREATE VIEW entry AS SELECT 1 AS seq",
    "CREATE TRIGGER no_more BEFORE INSERT ON entry BEGIN SELECT RAISE(ABORT, 'nope'); END",
]


@pytest.mark.parametrize("edit", EDITS)
def test_r3_an_edited_journal_is_one_line_and_plan_warns(
        runner: CliRunner, me: Path, journal: Path, edit: str) -> None:
    log(runner, me, "--date", "2026-11-20")
    conn = sqlite3.connect(journal)
    conn.executescript(edit)
    conn.close()
    for command in ("plan", "today"):
        result = cc(runner, command, str(me), "--today", TODAY)
        assert result.exit_code == 0, result.stderr
        assert result.exception is None or isinstance(result.exception, SystemExit)
    for args in (["history", str(me)], ["journal", "export"], ["journal", "undo"],
                 ["log", str(me), "--done"]):
        result = cc(runner, *args, "--today", TODAY) if args[0] in ("history", "log") else \
            cc(runner, *args)
        assert result.exit_code in (0, 2), result.stderr
        assert result.exception is None or isinstance(result.exception, SystemExit), \
            result.exception


def test_r3_undo_reads_before_it_deletes(runner: CliRunner, me: Path, journal: Path) -> None:
    log(runner, me, "--date", "2026-11-20")
    conn = sqlite3.connect(journal)
    conn.execute("UPDATE entry SET date = '26/11/2026'")
    conn.commit()
    conn.close()
    line = one_line(cc(runner, "journal", "undo"))
    assert "entry 1: date: '26/11/2026' is not a date" in line
    assert rows(journal) == 1
    result = cc(runner, "plan", str(me), "--today", TODAY)
    assert result.exit_code == 0 and "planning by the calendar" in result.stderr


def test_r4_a_damaged_file_is_one_line(runner: CliRunner, me: Path, journal: Path,
                                       tmp_path: Path) -> None:
    lines = [HEADER] + [f"demo-one,2025-{m:02d}-{d:02d},check-in,,,,,0,,,,,2,,{'n' * 50}"
                        for m in range(1, 13) for d in range(1, 28)]
    (tmp_path / "many.csv").write_text("\n".join(lines) + "\n")
    assert cc(runner, "journal", "import", str(tmp_path / "many.csv"), "--today",
              TODAY).exit_code == 0
    conn = sqlite3.connect(journal)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(journal.read_bytes())
    for at in range(5000, len(data), 997):
        data[at] ^= 0xFF
    journal.write_bytes(bytes(data))
    for suffix in ("-wal", "-shm"):
        Path(f"{journal}{suffix}").unlink(missing_ok=True)
    for args in (["journal", "export"], ["history", str(me), "--today", TODAY]):
        result = cc(runner, *args)
        assert result.exit_code in (0, 2)
        assert result.exception is None or isinstance(result.exception, SystemExit)
    assert cc(runner, "plan", str(me), "--today", TODAY).exit_code == 0


# -- R5, R6, R23, R24: the journal file itself -------------------------------------------------


def test_r5_a_read_only_journal_says_so(runner: CliRunner, me: Path, journal: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    log(runner, me)
    from corecoach.journal import store

    real = sqlite3.connect

    def read_only(path: object, *args: object, **kwargs: object) -> sqlite3.Connection:
        if isinstance(path, Path):  # the writer's open: as a read-only file would be
            return real(f"{path.resolve().as_uri()}?mode=ro", *args, uri=True,  # type: ignore[misc]
                        **kwargs)
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store.sqlite3, "connect", read_only)
    line = one_line(cc(runner, "log", str(me), "--done", "--today", TODAY))
    assert "cannot be written (read-only" in line
    assert rows(journal) == 1


def test_r24_a_full_disk_says_so(tmp_path: Path) -> None:
    from corecoach.journal.store import _sqlite_error

    exc = sqlite3.OperationalError("database or disk is full")
    exc.sqlite_errorname = "SQLITE_FULL"  # type: ignore[attr-defined]
    assert "the disk is full" in _sqlite_error(tmp_path / "j", exc).lines()[0]


def test_r24_reads_fall_back_to_an_immutable_open(runner: CliRunner, me: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    log(runner, me)
    from corecoach.journal import store

    real = store._open_read
    seen: list[bool] = []

    def failing(path: Path, immutable: bool) -> sqlite3.Connection:
        seen.append(immutable)
        if not immutable:
            exc = sqlite3.OperationalError("unable to open database file")
            exc.sqlite_errorname = "SQLITE_CANTOPEN"  # type: ignore[attr-defined]
            raise exc
        return real(path, immutable)

    monkeypatch.setattr(store, "_open_read", failing)
    result = cc(runner, "journal", "export")
    assert result.exit_code == 0 and "demo-one" in result.stdout
    assert seen == [False, True]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_r6_a_fifo_journal_never_blocks(runner: CliRunner, me: Path, journal: Path) -> None:
    journal.parent.mkdir(parents=True)
    os.mkfifo(journal)
    result = cc(runner, "plan", str(me), "--today", TODAY)
    assert result.exit_code == 0 and "not a regular file" in result.stderr
    assert "not a regular file" in one_line(cc(runner, "journal", "export"))
    assert "not a regular file" in one_line(cc(runner, "log", str(me), "--done"))


def test_r23_a_symlink_loop_or_a_file_in_the_path_is_named(
        runner: CliRunner, me: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "l1").symlink_to(tmp_path / "l2")
    (tmp_path / "l2").symlink_to(tmp_path / "l1")
    monkeypatch.setenv("CORECOACH_JOURNAL", str(tmp_path / "l1"))
    assert "symlink loop" in one_line(cc(runner, "journal", "export"))
    assert "symlink loop" in cc(runner, "plan", str(me), "--today", TODAY).stderr
    monkeypatch.setenv("CORECOACH_JOURNAL", str(me / "j.sqlite3"))
    assert "is a file, not a folder" in one_line(cc(runner, "history", str(me)))


def test_r23_a_name_too_long_is_a_warning_for_plan_and_one_line_for_export(
        runner: CliRunner, me: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORECOACH_JOURNAL", str(tmp_path / ("a" * 300)))
    plan = cc(runner, "plan", str(me), "--today", TODAY)
    assert plan.exit_code == 0 and "too long; planning by the calendar" in plan.stderr
    assert "too long" in one_line(cc(runner, "journal", "export"))


# -- R7, R8: dates with a floor and a ceiling ------------------------------------------------


@pytest.mark.parametrize("args", [["--date", "0001-01-01"], ["--date", "1900-01-01"],
                                  ["--today", "9999-12-31", "--date", "9999-12-31"],
                                  ["--date", "20261120"]])
def test_r7_r8_dates_out_of_range_are_refused_before_storing(
        runner: CliRunner, me: Path, journal: Path, args: list[str]) -> None:
    one_line(cc(runner, "log", str(me), "--done", *args))
    assert not journal.exists() or rows(journal) == 0


def test_r8_history_with_a_far_today_is_refused(runner: CliRunner, me: Path) -> None:
    assert "after 2099-12-31" in one_line(cc(runner, "history", str(me), "--today",
                                              "9999-12-31"))


def test_r7_an_imported_row_before_the_floor_is_refused(runner: CliRunner,
                                                        tmp_path: Path) -> None:
    source = tmp_path / "old.csv"
    source.write_text(HEADER + "\nsam,0001-01-01,check-in,,,,,0,,,,,2,,\n")
    assert "before 2000-01-01" in one_line(cc(runner, "journal", "import", str(source)))


# -- R9, R12: adapt texts -----------------------------------------------------------------------


def _adapt(tmp_path: Path, because: str, alert: str | None = None) -> Path:
    folder = tmp_path / "r"
    folder.mkdir(exist_ok=True)
    text = (f'[[adapt]]\nid = "x-adapt"\nrank = 1\nwhen = "true"\ndecision = "repeat"\n'
            f"because = {json.dumps(because)}\n")
    if alert is not None:
        text += f"alert = {json.dumps(alert)}\n"
    (folder / "a.toml").write_text(text)
    return folder


@pytest.mark.parametrize("because", ["pain {morning_pain:d} on {day}", "pain {} on the day",
                                     "pain {morning_pain!r} on {day}", "{day:>200000000} test",
                                     "{day:{date}} for a test"])
def test_r9_because_takes_plain_fields_only(runner: CliRunner, tmp_path: Path,
                                            because: str) -> None:
    result = cc(runner, "check", str(_adapt(tmp_path, because)))
    assert result.exit_code == 2
    assert "only plain {name} fields" in result.stderr


@pytest.mark.parametrize("field", ["because", "alert"])
def test_r12_adapt_texts_refuse_control_characters(runner: CliRunner, tmp_path: Path,
                                                   field: str) -> None:
    bad = "\x1b]0;owned\x07\x1b[31mALERT text"
    folder = _adapt(tmp_path, bad if field == "because" else "plain reason for a test",
                    bad if field == "alert" else None)
    result = cc(runner, "check", str(folder))
    assert result.exit_code == 2 and "control character" in result.stderr
    assert "\x1b" not in result.stderr


@pytest.mark.parametrize("note", ["\x1b]0;owned\x07\x1b[2J", "nul\x00", "c1\x9b31m",
                                  "vt\x0bff\x0c", "del\x7f"])
def test_r12_notes_refuse_control_characters(runner: CliRunner, me: Path, tmp_path: Path,
                                             note: str) -> None:
    line = one_line(cc(runner, "log", str(me), "--done", "--note", note))
    assert "--note: holds the control character" in line and "\x1b" not in line
    source = tmp_path / "n.json"
    source.write_text(json.dumps({"format": 1, "entries": [
        {"profile": "sam", "date": "2026-11-20", "kind": "check-in", "pain": 2,
         "leg_symptoms": False, "note": note}]}))
    assert "note: holds the control character" in one_line(
        cc(runner, "journal", "import", str(source)))


def test_r12_a_tab_in_a_note_is_fine(runner: CliRunner, me: Path) -> None:
    log(runner, me, "--note", "left\tright")


MULTI_LINE = ["first line\nsecond line", "cr\ronly", "crlf\r\nend", "trailing\n",
              "\r\nleading break", "\n\n", "=1+1\n@x", 'a "quote",\nand a comma']


def test_notes_keep_line_breaks_through_export_and_import(
        runner: CliRunner, me: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for note in MULTI_LINE:
        log(runner, me, "--note", note)
    first = cc(runner, "journal", "export")
    assert first.exit_code == 0
    as_json = cc(runner, "journal", "export", "-f", "json").stdout
    assert [e["note"] for e in json.loads(as_json)["entries"]] == MULTI_LINE
    (tmp_path / "e.csv").write_bytes(first.stdout_bytes)
    (tmp_path / "e.json").write_text(as_json)
    for source in ("e.csv", "e.json"):
        monkeypatch.setenv("CORECOACH_JOURNAL", str(tmp_path / f"{source}.sqlite3"))
        assert cc(runner, "journal", "import", str(tmp_path / source), "--today",
                  TODAY).exit_code == 0
        again = cc(runner, "journal", "export")
        assert again.stdout_bytes == first.stdout_bytes  # byte for byte
        assert json.loads(cc(runner, "journal", "export", "-f", "json").stdout) == \
            json.loads(as_json)


def test_an_old_export_with_a_multi_line_note_imports(runner: CliRunner, tmp_path: Path,
                                                       journal: Path) -> None:
    # As corecoach wrote it before notes were held to one line: LF row ends, the note quoted.
    source = tmp_path / "old.csv"
    source.write_bytes((HEADER + '\nsam,2026-11-20,check-in,,,,,0,,,,,2,,"slept badly\n'
                        'stiff until noon"\n').encode())
    result = cc(runner, "journal", "import", str(source), "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    conn = sqlite3.connect(journal)
    try:
        assert conn.execute("SELECT note FROM entry").fetchall() == [
            ("slept badly\nstiff until noon",)]
    finally:
        conn.close()


@pytest.mark.parametrize("command", [("journal", "export"),
                                     ("history", "{me}", "-f", "csv", "--today", TODAY)])
def test_line_breaks_in_notes_are_escaped_on_a_terminal(
        runner: CliRunner, me: Path, monkeypatch: pytest.MonkeyPatch,
        command: tuple[str, ...]) -> None:
    import corecoach.cli.console as console

    for note in MULTI_LINE:
        log(runner, me, "--note", note)
    monkeypatch.setattr(console, "stdout_is_terminal", lambda: True)
    shown = cc(runner, *(part.format(me=me) for part in command))
    assert shown.exit_code == 0
    assert "\r" not in shown.stdout
    lines = shown.stdout.splitlines()
    assert len(lines) == 1 + len(MULTI_LINE)  # the header, then one line per entry
    assert "first line\\nsecond line" in shown.stdout and "crlf\\r\\nend" in shown.stdout


def test_r12_today_escapes_text_from_files() -> None:
    import datetime as dt

    from corecoach.coach import TodayView
    from corecoach.render.today import render_today_text

    view = TodayView(date=dt.date(2026, 11, 30), week=1, weeks=8, day=None,
                     withheld="held: \x1b[2J", adapted=[],
                     alerts=["\x1b]0;owned\x07ALERT"], check_in_due=None)
    assert "\x1b" not in render_today_text(view) and "\\x1b" in render_today_text(view)


def test_r12_documents_on_a_terminal_show_escapes() -> None:
    from corecoach.cli.console import terminal_safe

    assert terminal_safe("a\x1b]0;x\x07b\r\nc\rd\te\n") == "a\\x1b]0;x\\x07b\r\nc\\rd\te\n"


def test_r10_a_note_that_is_not_utf8_is_one_line(runner: CliRunner, me: Path) -> None:
    line = one_line(cc(runner, "log", str(me), "--done", "--note", "caf\udce9"))
    assert "not UTF-8 text" in line


# -- R13, R15, R16: the CSV round trip -------------------------------------------------------


@pytest.mark.parametrize("text", ["cr\ronly", "crlf\r\nend", "nul\x00x", "lf\nend",
                                  "=HYPERLINK(\"http://x\")", "+1+cmd|' /C calc'!A0", "-2",
                                  "@SUM(A1)", "'=already", "''=twice", "'plain", "\tlead",
                                  'quote " and, comma'])
def test_r13_r15_csv_cells_round_trip_exactly(text: str) -> None:
    from corecoach.journal.csvio import csv_line, guard_formula, unguard_formula
    from corecoach.journal.reading import csv_rows

    line = csv_line(["a", guard_formula(text), "b"])
    parsed = list(csv_rows(line, "t"))
    assert len(parsed) == 1
    assert [unguard_formula(c) for c in parsed[0][1]] == ["a", text, "b"]
    assert not parsed[0][1][1].startswith(("=", "+", "-", "@"))


def test_r15_formulas_are_guarded_on_export_and_restored_on_import(
        runner: CliRunner, me: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    note = '=HYPERLINK("http://example.invalid/?x="&A1,"click")'
    log(runner, me, "--note", note)
    first = cc(runner, "journal", "export").stdout
    assert ",\"'=HYPERLINK" in first  # the spreadsheet reads '=... as text
    history = cc(runner, "history", str(me), "--format", "csv", "--today", TODAY).stdout
    assert ",\"'=HYPERLINK" in history
    (tmp_path / "e.csv").write_text(first)
    monkeypatch.setenv("CORECOACH_JOURNAL", str(tmp_path / "new.sqlite3"))
    assert cc(runner, "journal", "import", str(tmp_path / "e.csv"), "--today",
              TODAY).exit_code == 0
    assert cc(runner, "journal", "export", "-f", "json").stdout.count(
        json.dumps(note)[1:-1]) == 1
    assert cc(runner, "journal", "export").stdout == first


def test_r16_import_skips_exact_duplicates(runner: CliRunner, me: Path, journal: Path,
                                           tmp_path: Path) -> None:
    log(runner, me)
    (tmp_path / "e.csv").write_text(cc(runner, "journal", "export").stdout)
    result = cc(runner, "journal", "import", str(tmp_path / "e.csv"), "--today", TODAY)
    assert result.exit_code == 0
    assert "imported 0 entries" in result.stdout and "skipped 1 already there" in result.stdout
    assert rows(journal) == 1
    assert cc(runner, "journal", "import", str(tmp_path / "e.csv"), "--today", TODAY,
              "--allow-duplicates").exit_code == 0
    assert rows(journal) == 2


# -- R17: what an interrupt left ------------------------------------------------------------


def test_r17_an_interrupt_after_the_commit_says_what_was_stored(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt

    from corecoach.cli.common import interrupted_message, reporting
    from corecoach.errors import Interrupted
    from corecoach.journal import store
    from corecoach.journal.entry import Entry

    name = store._journal_name
    calls: list[int] = []

    def signal_right_after_the_commit(conn: object) -> str:
        calls.append(1)
        if len(calls) == 1:  # the first thing after COMMIT: as if SIGTERM landed there
            raise Interrupted(15)
        return name(conn)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "_journal_name", signal_right_after_the_commit)
    journal = tmp_path / "j.sqlite3"
    with pytest.raises(Exception) as info, reporting():
        store.add(journal, Entry("p", dt.date(2026, 11, 20), "check-in", pain=1,
                                 leg_symptoms=False), dt.datetime(2026, 11, 20, tzinfo=dt.UTC))
    assert getattr(info.value, "exit_code", None) == 143
    assert interrupted_message().startswith("interrupted after logging 1 entry")
    with store.reading(journal) as conn:
        assert conn is not None and len(store.all_entries(conn)) == 1  # it was stored


def test_r17_a_sigterm_outside_reporting_exits_143(monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.core import TyperGroup

    from corecoach.cli import CorecoachGroup
    from corecoach.errors import Interrupted

    def boom(*args: object, **kwargs: object) -> None:
        try:
            raise Interrupted(15)
        except KeyboardInterrupt as exc:  # what click does with it outside a command
            import typer

            raise typer.Abort() from exc

    monkeypatch.setattr(TyperGroup, "main", boom)
    group = CorecoachGroup(name="corecoach")
    with pytest.raises(SystemExit) as info:
        group.main(["plan"])
    assert info.value.code == 143


# -- R18, R19: the cache ------------------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_r18_the_cache_never_writes_through_a_link(runner: CliRunner, me: Path,
                                                   tmp_path: Path) -> None:
    from corecoach.library.loader import _cached

    cache = Path(os.environ["CORECOACH_CACHE_DIR"])
    _cached.cache_clear()
    assert cc(runner, "plan", str(me), "--today", TODAY).exit_code == 0
    (name,) = [p.name for p in cache.iterdir()]
    (cache / name).unlink()
    victim = tmp_path / "victim.txt"
    victim.write_text("PRECIOUS")
    (cache / name).symlink_to(victim)
    _cached.cache_clear()
    assert cc(runner, "plan", str(me), "--today", TODAY).exit_code == 0
    assert victim.read_text() == "PRECIOUS"
    assert not (cache / name).is_symlink()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_r19_the_cache_folder_is_private_or_unused(tmp_path: Path) -> None:
    from corecoach.cachefiles import private_folder
    from corecoach.library import cache

    folder = tmp_path / "shared"
    folder.mkdir(mode=0o777)
    os.chmod(folder, 0o777)
    assert private_folder(folder)
    assert folder.stat().st_mode & 0o777 == 0o700
    if os.geteuid() == 0:  # only root can give a folder away
        os.chown(folder, 12345, 12345)
        assert not private_folder(folder)
        cache.write(folder, "0" * 32, {"x": 1})
        assert list(folder.iterdir()) == []


def _forgeries(path: Path, purpose: str, change) -> list[bytes]:  # type: ignore[no-untyped-def]
    """The cache file at ``path`` opened, changed by ``change``, and written back as a
    forger could: without a seal, with the old seal kept, and sealed with another key."""
    import hashlib
    import hmac

    from corecoach.cachefiles import MAGIC, unseal

    raw = path.read_bytes()
    data = unseal(purpose, raw)
    assert data is not None
    forged = json.dumps(change(json.loads(data))).encode()
    theirs = hmac.new(b"k" * 32, purpose.encode() + b"\0" + forged, hashlib.sha256)
    return [forged, raw[:raw.index(b"\n") + 1] + forged,
            MAGIC + theirs.hexdigest().encode() + b"\n" + forged]


def test_r19_a_forged_library_snapshot_is_never_trusted(runner: CliRunner, me: Path) -> None:
    from corecoach.library import cache as library_cache
    from corecoach.library.loader import _cached

    folder = Path(os.environ["CORECOACH_CACHE_DIR"])
    _cached.cache_clear()
    fresh = cc(runner, "plan", str(me), "-f", "json", "--today", TODAY)
    assert fresh.exit_code == 0
    (stored,) = folder.glob("library-*.json")

    def tamper(snapshot: dict) -> dict:  # type: ignore[type-arg]
        for data, _ in snapshot["exercise"]:
            data["cues"] = ["TAMPERED: hold your breath and lift as heavy as you can."
                            for _ in data["cues"]]
        snapshot["rule"] = [r for r in snapshot["rule"] if not r[0]["id"].startswith("flare")]
        from corecoach.library.loader import _restore
        assert _restore(json.loads(json.dumps(snapshot))) is not None  # a valid forgery
        return snapshot

    for forged in _forgeries(stored, library_cache.PURPOSE, tamper):
        stored.write_bytes(forged)
        _cached.cache_clear()
        plan = cc(runner, "plan", str(me), "-f", "json", "--today", TODAY)
        assert plan.exit_code == 0 and plan.stdout == fresh.stdout
        _cached.cache_clear()
        show = cc(runner, "show", "bird-dog")
        assert show.exit_code == 0 and "TAMPERED" not in show.stdout
        assert b"TAMPERED" not in stored.read_bytes()  # the miss wrote a genuine one back


def test_r19_a_forged_journal_state_never_hides_a_hold(runner: CliRunner, me: Path) -> None:
    from corecoach.journal import replay_cache

    folder = Path(os.environ["CORECOACH_CACHE_DIR"])
    log(runner, me)
    assert cc(runner, "check-in", str(me), "--pain", "3", "--leg-symptoms", "--today",
              TODAY).exit_code == 3
    held = cc(runner, "plan", str(me), "-f", "json", "--today", TODAY)
    assert held.exit_code == 3 and json.loads(held.stdout)["withheld"] is True
    (stored,) = folder.glob("journal-state-*.json")

    def lift(kept: dict) -> dict:  # type: ignore[type-arg]
        assert kept["state"]["progress"]["hold"]
        kept["state"]["progress"]["hold"] = None
        return kept

    for forged in _forgeries(stored, replay_cache.PURPOSE, lift):
        stored.write_bytes(forged)
        plan = cc(runner, "plan", str(me), "-f", "json", "--today", TODAY)
        assert plan.exit_code == 3 and plan.stdout == held.stdout
        today = cc(runner, "today", str(me), "--today", TODAY)
        assert today.exit_code == 3 and "withheld" in today.stdout


def test_r19_a_library_snapshot_is_never_read_as_a_journal_state(tmp_path: Path) -> None:
    from corecoach.cachefiles import seal, unseal

    sealed = seal("library", b"{}")
    assert sealed is not None and unseal("library", sealed) == b"{}"
    assert unseal("journal-state", sealed) is None
    assert unseal("library", sealed[:-1] + b"]") is None


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_r19_the_key_lives_outside_the_cache_private_and_never_through_a_link(
        runner: CliRunner, me: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from corecoach.cachefiles import _secret
    from corecoach.library.loader import _cached
    from corecoach.paths import cache_key_path

    folder = Path(os.environ["CORECOACH_CACHE_DIR"])
    _cached.cache_clear()
    assert cc(runner, "plan", str(me), "--today", TODAY).exit_code == 0
    key = cache_key_path()
    assert folder not in key.parents and key.stat().st_mode & 0o777 == 0o600
    assert len(key.read_bytes()) == 32
    # Another data folder whose key name is a link someone planted: no key, so no cache.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "other-data"))
    monkeypatch.setenv("CORECOACH_CACHE_DIR", str(tmp_path / "other-cache"))
    planted = cache_key_path()
    planted.parent.mkdir(parents=True)
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"x" * 32)
    planted.symlink_to(victim)
    _secret.cache_clear()
    _cached.cache_clear()
    assert cc(runner, "plan", str(me), "--today", TODAY).exit_code == 0
    assert victim.read_bytes() == b"x" * 32
    assert list((tmp_path / "other-cache").glob("library-*")) == []


# -- R20: files we create -----------------------------------------------------------------------


def test_r20_init_replaces_a_schema_link_instead_of_writing_through_it(tmp_path: Path) -> None:
    from corecoach.profile_template import SCHEMA_FILE, write_schema_beside

    victim = tmp_path / "victim.txt"
    victim.write_text("PRECIOUS")
    folder = tmp_path / "s"
    folder.mkdir()
    (folder / SCHEMA_FILE).symlink_to(victim)
    write_schema_beside(folder / "me.toml")
    assert victim.read_text() == "PRECIOUS"
    assert not (folder / SCHEMA_FILE).is_symlink()


def test_r20_the_migration_backup_is_a_new_file(tmp_path: Path) -> None:
    from corecoach.journal.store import MIGRATIONS, writing

    path = tmp_path / "j.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in MIGRATIONS[0]:
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    other = tmp_path / "other-app.db"
    keep = sqlite3.connect(other)
    keep.execute("CREATE TABLE bookmarks (x)")
    keep.commit()
    keep.close()
    (tmp_path / "j.sqlite3.v1.bak").symlink_to(other)
    with writing(path):
        pass
    keep = sqlite3.connect(other)
    assert keep.execute("SELECT name FROM sqlite_master").fetchall() == [("bookmarks",)]
    keep.close()
    assert (tmp_path / "j.sqlite3.v1.2.bak").is_file()


# -- R21, R22: profiles and ids --------------------------------------------------------------


def test_r21_a_copied_profile_is_noticed(runner: CliRunner, me: Path, tmp_path: Path) -> None:
    you = tmp_path / "you.toml"
    you.write_bytes(me.read_bytes())
    log(runner, me)
    result = cc(runner, "log", str(you), "--done", "--today", TODAY)
    assert result.exit_code == 0
    assert 'both have id = "demo-one"' in result.stderr and str(me) in result.stderr
    again = cc(runner, "log", str(you), "--done", "--today", TODAY)
    assert "both have id" not in again.stderr  # said once, until the other logs again


def _no_id(tmp_path: Path, name: str = "me2.toml", prefix: bytes = b"") -> Path:
    path = tmp_path / name
    path.write_bytes(prefix + b'version = 1\navailable_days = ["mon", "wed", "fri"]\n')
    return path


def test_r22_a_read_only_profile_is_not_rewritten(runner: CliRunner, tmp_path: Path) -> None:
    path = _no_id(tmp_path)
    before = path.read_bytes()
    inode = path.stat().st_ino
    os.chmod(path, 0o444)
    result = cc(runner, "log", str(path), "--done", "--today", TODAY)
    assert result.exit_code == 0 and "read-only" in result.stderr
    assert path.read_bytes() == before and path.stat().st_ino == inode


def test_r22_a_hard_link_is_kept(runner: CliRunner, tmp_path: Path) -> None:
    path = _no_id(tmp_path)
    other = tmp_path / "link.toml"
    os.link(path, other)
    assert cc(runner, "log", str(path), "--done", "--today", TODAY).exit_code == 0
    assert b"id = " in other.read_bytes() and path.stat().st_ino == other.stat().st_ino


def test_r22_a_bom_profile_gets_an_id(runner: CliRunner, tmp_path: Path) -> None:
    path = _no_id(tmp_path, prefix=b"\xef\xbb\xbf")
    result = cc(runner, "log", str(path), "--done", "--today", TODAY)
    assert result.exit_code == 0 and "added id" in result.stderr
    assert path.read_bytes().startswith(b"\xef\xbb\xbfversion = 1\nid = ")


def test_r21_the_warning_names_the_way_out_and_new_id_takes_it(
        runner: CliRunner, me: Path, tmp_path: Path, journal: Path) -> None:
    you = tmp_path / "you.toml"
    you.write_bytes(me.read_bytes().replace(b'id = "demo-one"',
                                            b'id = "demo-one"  # the client\'s own'))
    log(runner, me)
    mixed = cc(runner, "log", str(you), "--done", "--pain-during", "8", "--today", TODAY)
    assert mixed.exit_code == 0
    assert f"corecoach journal undo --profile {you}" in mixed.stderr
    assert "--new-id" in mixed.stderr
    undone = cc(runner, "journal", "undo", "--profile", str(you))
    assert undone.exit_code == 0 and rows(journal) == 1
    result = cc(runner, "log", str(you), "--done", "--pain-during", "8", "--today", TODAY,
                "--new-id")
    assert result.exit_code == 0, result.stderr
    text = you.read_text()
    new_id = text.split('id = "')[1].split('"')[0]
    assert new_id != "demo-one" and "# the client's own" in text
    assert text.replace(new_id, "demo-one") == me.read_text().replace(
        'id = "demo-one"', 'id = "demo-one"  # the client\'s own')
    assert f'new id = "{new_id}" (was "demo-one"' in result.stderr
    assert "both have id" not in result.stderr
    conn = sqlite3.connect(journal)
    try:
        keys = sorted(r[0] for r in conn.execute("SELECT profile FROM entry"))
    finally:
        conn.close()
    assert keys == sorted(["demo-one", new_id])
    history = cc(runner, "history", str(me), "-f", "json", "--today", TODAY)
    assert history.exit_code == 0 and '"pain_during": 8' not in history.stdout
    assert cc(runner, "log", str(me), "--done", "--today", TODAY).stderr.count("both") == 0


def test_r21_new_id_refuses_a_read_only_profile_and_logs_nothing(
        runner: CliRunner, me: Path, journal: Path) -> None:
    before = me.read_bytes()
    os.chmod(me, 0o444)
    line = one_line(cc(runner, "log", str(me), "--done", "--today", TODAY, "--new-id"))
    assert "read-only" in line and "nothing was logged" in line and str(me) in line
    assert me.read_bytes() == before and not journal.exists()


def test_r21_new_id_on_a_profile_without_an_id_adds_a_random_one(
        runner: CliRunner, tmp_path: Path) -> None:
    path = _no_id(tmp_path, "fresh.toml")
    result = cc(runner, "log", str(path), "--done", "--today", TODAY, "--new-id")
    assert result.exit_code == 0 and "(was" not in result.stderr
    assert b'version = 1\nid = "' in path.read_bytes()


def test_r21_validate_reports_an_id_the_journal_knows_from_another_file(
        runner: CliRunner, me: Path, tmp_path: Path, journal: Path) -> None:
    you = tmp_path / "you.toml"
    you.write_bytes(me.read_bytes())
    log(runner, me)
    stamp = journal.stat().st_mtime_ns
    result = cc(runner, "validate", str(you))
    line = one_line(result)
    assert str(me) in line and "'demo-one'" in line and "--new-id" in line
    assert journal.stat().st_mtime_ns == stamp  # read only
    assert cc(runner, "validate", str(me)).exit_code == 0  # the file the journal knows
    me.write_text(me.read_text().replace("demo-one", "demo-two"))
    assert cc(runner, "validate", str(you)).exit_code == 0  # the other file moved on
