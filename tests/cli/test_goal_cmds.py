"""`corecoach rate` through CliRunner: ratings in the journal, their trend in history, the
reminder in today, the CSV round trip, and one-line errors for bad input."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import jsonschema
import pytest
from tests.cli.test_journal_cmds import cc, ok
from typer.testing import CliRunner

from corecoach.journal.entry import COLUMNS
from corecoach.schemas import SCHEMAS

PROFILE = """\
version = 1
id = "rater-one"
goals = ["run 10 km on the road", "sit through a 2-hour meeting"]
"""
TODAY = "2026-11-30"


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    path = tmp_path / "me.toml"
    path.write_text(PROFILE)
    return path


def rate(runner: CliRunner, profile: Path, day: str, *scores: str):  # type: ignore[no-untyped-def]
    goals = [x for s in scores for x in ("--goal", s)]
    return ok(runner, "rate", str(profile), *goals, "--date", day, "--today", TODAY)


def test_rate_logs_one_entry_per_goal(runner: CliRunner, profile: Path) -> None:
    result = rate(runner, profile, "2026-11-02", "1=3", "2=5")
    assert "'run 10 km on the road' 3/10" in result.stdout
    assert "'sit through a 2-hour meeting' 5/10" in result.stdout
    data = json.loads(ok(runner, "history", str(profile), "-f", "json", "--today",
                         TODAY).stdout)
    ratings = [(e["goal"], e["score"]) for e in data["entries"] if e["kind"] == "rating"]
    assert ratings == [("run 10 km on the road", 3), ("sit through a 2-hour meeting", 5)]


def test_history_shows_the_trend_and_marks_two_points(runner: CliRunner,
                                                      profile: Path) -> None:
    rate(runner, profile, "2026-11-02", "1=3", "2=5")
    rate(runner, profile, "2026-11-23", "1=6", "2=6")
    text = ok(runner, "history", str(profile), "--today", TODAY).stdout
    assert "run 10 km on the road: 3 -> 6/10 (+3, a meaningful change" in text
    assert "sit through a 2-hour meeting: 5 -> 6/10 (+1, within the noise" in text
    data = json.loads(ok(runner, "history", str(profile), "-f", "json", "--today",
                         TODAY).stdout)
    jsonschema.validate(data, SCHEMAS["history"].build())
    assert [(g["first"], g["last"], g["change"], g["meaningful"]) for g in data["goals"]] == [
        (3, 6, 3, True), (5, 6, 1, False)]


def test_today_reminds_after_two_weeks(runner: CliRunner, profile: Path) -> None:
    rate(runner, profile, "2026-11-20", "1=4")
    fresh = json.loads(ok(runner, "today", str(profile), "-f", "json", "--today",
                          "2026-11-30").stdout)
    assert fresh["rate_due"] is None
    late = ok(runner, "today", str(profile), "-f", "json", "--today", "2026-12-04").stdout
    data = json.loads(late)
    jsonschema.validate(data, SCHEMAS["today"].build())
    assert "last on 2026-11-20" in data["rate_due"]
    text = ok(runner, "today", str(profile), "--today", "2026-12-04").stdout
    assert "corecoach rate" in text


@pytest.mark.parametrize(("args", "words"), [
    (["--goal", "3=5"], "'3' is not a goal of the profile (allowed: 1-2"),
    (["--goal", "1=11"], "'11' is out of range (allowed: 0-10"),
    (["--goal", "1=-1"], "'-1' is out of range (allowed: 0-10"),
    (["--goal", "run=5"], "'run' is not a goal of the profile"),
    (["--goal", "1"], "'1' is not N=SCORE"),
    (["--goal", "1=2", "--goal", "1=3"], "goal 1 is given twice"),
    ([], "give N=SCORE for at least one goal"),
    (["--goal", "1=2", "--date", "2026-12-01"], "is after today"),
])
def test_bad_input_is_one_line_and_exit_2(runner: CliRunner, profile: Path, args: list[str],
                                          words: str) -> None:
    result = cc(runner, "rate", str(profile), *args, "--today", TODAY)
    assert result.exit_code == 2
    assert words in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not Path(os.environ["CORECOACH_JOURNAL"]).exists()  # nothing written


def test_a_profile_without_goals_says_how_to_add_them(runner: CliRunner,
                                                      tmp_path: Path) -> None:
    path = tmp_path / "none.toml"
    path.write_text("version = 1\n")
    result = cc(runner, "rate", str(path), "--goal", "1=5", "--today", TODAY)
    assert result.exit_code == 2
    assert "goals: the profile lists no goals" in result.stderr


def test_export_import_export_is_byte_exact(runner: CliRunner, profile: Path,
                                            tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                            ) -> None:
    rate(runner, profile, "2026-11-02", "1=3", "2=5")
    ok(runner, "log", str(profile), "--done", "--pain-during", "2", "--date", "2026-11-03",
       "--today", TODAY)
    first = ok(runner, "journal", "export").stdout
    assert first.splitlines()[0] == ",".join(COLUMNS)
    assert first.splitlines()[0].endswith(",goal,score")
    source = tmp_path / "out.csv"
    source.write_text(first)
    monkeypatch.setenv("CORECOACH_JOURNAL", str(tmp_path / "fresh.sqlite3"))
    ok(runner, "journal", "import", str(source), "--today", TODAY)
    assert ok(runner, "journal", "export").stdout == first
    as_json = ok(runner, "journal", "export", "--format", "json").stdout
    source.with_suffix(".json").write_text(as_json)
    monkeypatch.setenv("CORECOACH_JOURNAL", str(tmp_path / "fresh2.sqlite3"))
    ok(runner, "journal", "import", str(source.with_suffix(".json")), "--today", TODAY)
    assert ok(runner, "journal", "export").stdout == first


def test_an_older_csv_still_imports(runner: CliRunner, tmp_path: Path) -> None:
    for columns in (COLUMNS[:15], COLUMNS[:17]):
        source = tmp_path / "old.csv"
        row = {"profile": "old-one", "date": "2026-11-20", "kind": "check-in", "pain": "3"}
        source.write_text(",".join(columns) + "\n" + ",".join(row.get(c, "") for c in columns)
                          + "\n")
        ok(runner, "journal", "import", str(source), "--today", TODAY, "--allow-duplicates")
    assert ok(runner, "journal", "export").stdout.count("old-one,2026-11-20,check-in") == 2


def test_a_rating_row_must_have_goal_and_score(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "bad.csv"
    cells = dict.fromkeys(COLUMNS, "")
    cells.update(profile="p-one", date="2026-11-20", kind="rating", goal="walk the dog",
                 score="12")
    source.write_text(",".join(COLUMNS) + "\n" + ",".join(cells.values()) + "\n")
    result = cc(runner, "journal", "import", str(source), "--today", TODAY)
    assert result.exit_code == 2
    assert "row 2: score: 12 is out of range (allowed: 0-10)" in result.stderr


def test_a_version_4_journal_is_rebuilt_with_every_row(runner: CliRunner, profile: Path
                                                       ) -> None:
    from corecoach.journal.store import MIGRATIONS

    journal = Path(os.environ["CORECOACH_JOURNAL"])
    journal.parent.mkdir(parents=True)
    conn = sqlite3.connect(journal, isolation_level=None)
    for migration in MIGRATIONS[:4]:
        for statement in migration:
            conn.execute(statement)
    conn.execute("PRAGMA user_version = 4")
    conn.execute("INSERT INTO entry (seq, profile, date, kind, status, leg_symptoms, "
                 "reps_left, session_day, logged_at) VALUES (7, 'rater-one', '2026-11-20', "
                 "'session', 'done', 0, 2, 'fri', '2026-11-20T07:00:00')")
    conn.close()
    before = ok(runner, "journal", "export").stdout  # read as it is, never migrated
    rate(runner, profile, "2026-11-21", "1=4")  # the write migrates
    after = ok(runner, "journal", "export").stdout
    assert after.startswith(before)
    assert after.count("\n") == before.count("\n") + 1
    conn = sqlite3.connect(journal)
    assert conn.execute("SELECT seq FROM entry ORDER BY seq").fetchall()[0] == (7,)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    indexes = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")]
    conn.close()
    assert "entry_by_profile" in indexes
    assert (journal.parent / (journal.name + ".v4.bak")).exists()
