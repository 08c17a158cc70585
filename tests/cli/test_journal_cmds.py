"""today, log, check-in, history and journal path|export|import|undo through CliRunner."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corecoach.cli import app

PROFILE = """\
# My profile: comments stay put.
version = 1   # the format
name = "Sam"
session_minutes = 25
available_days = ["mon", "wed", "fri"]
start = 2026-11-30

[[activities]]
sport = "running"
days = ["tue", "sat"]
minutes = 40
surface = "road"
"""


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    path = tmp_path / "me.toml"
    path.write_text(PROFILE)
    return path


def cc(runner: CliRunner, *args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), input=input)


def ok(runner: CliRunner, *args: str):  # type: ignore[no-untyped-def]
    result = cc(runner, *args)
    assert result.exit_code == 0, result.stderr
    return result


def plan_json(runner: CliRunner, profile: Path, today: str) -> dict:  # type: ignore[type-arg]
    result = cc(runner, "plan", str(profile), "-f", "json", "--today", today)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def journal_file() -> Path:
    return Path(os.environ["CORECOACH_JOURNAL"])


def test_first_log_adds_an_id_keeping_comments(runner: CliRunner, profile: Path) -> None:
    result = ok(runner, "log", str(profile), "--done", "--pain-during", "2", "--today",
                "2026-11-30")
    assert "logged session 2026-11-30: done, pain during 2/10" in result.stdout
    text = profile.read_text()
    lines = text.splitlines()
    assert lines[0] == "# My profile: comments stay put."
    assert lines[1] == "version = 1   # the format"
    assert lines[2].startswith('id = "') and "added id" in result.stderr
    assert text.replace(lines[2] + "\n", "") == PROFILE
    ok(runner, "log", str(profile), "--done", "--today", "2026-11-30")
    assert profile.read_text() == text  # the id is written once


def test_unwritable_profile_is_keyed_by_its_path(runner: CliRunner, profile: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import corecoach.tomlio

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    writable = corecoach.tomlio.write_atomic
    monkeypatch.setattr(corecoach.tomlio, "write_atomic", refuse)
    result = ok(runner, "log", str(profile), "--done", "--today", "2026-11-30")
    assert "moving or renaming the file loses the link" in result.stderr
    assert profile.read_text() == PROFILE
    history = json.loads(ok(runner, "history", str(profile), "-f", "json").stdout)
    assert history["profile"] == str(profile.resolve())
    assert len(history["entries"]) == 1
    # Once the file can be written, the id is added and the earlier entries follow it.
    monkeypatch.setattr(corecoach.tomlio, "write_atomic", writable)
    ok(runner, "log", str(profile), "--partial", "--today", "2026-11-30")
    history = json.loads(ok(runner, "history", str(profile), "-f", "json").stdout)
    assert history["profile"] == profile.read_text().split('id = "')[1].split('"')[0]
    assert [e["status"] for e in history["entries"]] == ["done", "partial"]


def test_logged_sessions_reach_every_format(runner: CliRunner, profile: Path) -> None:
    """The journal's decisions themselves are tested as pure calls (tests/test_coach.py);
    here: what log and check-in record reaches plan, explain and every format."""
    fresh = plan_json(runner, profile, "2026-12-07")
    assert fresh["adapted"] == []
    assert any("plan adapts" in n for n in fresh["notes"])
    for day, morning in (("2026-11-30", "2026-12-01"), ("2026-12-02", "2026-12-03")):
        ok(runner, "log", str(profile), "--done", "--pain-during", "1", "--date", day,
           "--today", day)
        ok(runner, "check-in", str(profile), "--pain", "1", "--date", morning, "--today",
           morning)
    plan = plan_json(runner, profile, "2026-12-07")
    assert plan["week"] == 2 and plan["adapted"]
    assert {a["decision"] for a in plan["adapted"]} >= {"progress", "repeat"}
    assert not any("plan adapts" in n for n in plan["notes"])
    text = ok(runner, "plan", str(profile), "--today", "2026-12-07").stdout
    assert "Adapted" in text and "progress (" in text
    explained = ok(runner, "explain", str(profile), "--today", "2026-12-07").stdout
    assert "Adapted from your journal:" in explained
    markdown = ok(runner, "plan", str(profile), "-f", "markdown", "--today", "2026-12-07")
    assert "## Adapted" in markdown.stdout
    html = ok(runner, "plan", str(profile), "-f", "html", "--today", "2026-12-07").stdout
    assert "<h2>Adapted</h2>" in html and "Back pain today, 0-10" in html


def test_a_bad_morning_holds_and_says_why(runner: CliRunner, profile: Path) -> None:
    ok(runner, "log", str(profile), "--done", "--pain-during", "2", "--today", "2026-12-03")
    ok(runner, "check-in", str(profile), "--pain", "6", "--today", "2026-12-04")
    plan = plan_json(runner, profile, "2026-12-04")
    assert plan["adapted"][0]["decision"] == "repeat"
    assert "6/10 the morning after Thursday" in plan["adapted"][0]["because"]


def test_severe_pain_brings_advice_at_once(runner: CliRunner, profile: Path) -> None:
    calm = ok(runner, "check-in", str(profile), "--pain", "5", "--today", "2026-12-01")
    assert "Your back was" not in calm.stderr
    bad = ok(runner, "check-in", str(profile), "--pain", "9", "--today", "2026-12-01")
    assert "Your back was 9/10 this morning: ease off or skip hard training today - " \
        "running (40 min): go easy or skip it." in bad.stderr.replace("\n", " ")
    late = ok(runner, "log", str(profile), "--done", "--pain-during", "8", "--date",
              "2026-11-30", "--today", "2026-12-01")
    assert "Your back was 8/10 on 2026-11-30: " in late.stderr.replace("\n", " ")


def test_leg_symptoms_hold_the_plan_until_a_clear_check_in(runner: CliRunner,
                                                           profile: Path) -> None:
    result = cc(runner, "check-in", str(profile), "--pain", "3", "--leg-symptoms", "--today",
                "2026-12-01")
    assert result.exit_code == 3  # logged, and the plan is on hold
    assert "see a doctor or physiotherapist" in result.stderr
    assert "logged check-in 2026-12-01: back 3/10, leg symptoms" in result.stdout
    held = cc(runner, "plan", str(profile), "--today", "2026-12-01")
    assert held.exit_code == 3
    assert "physiotherapist" in held.stdout
    assert "emergency" not in held.stdout.lower()
    assert cc(runner, "today", str(profile), "--today", "2026-12-01").exit_code == 3
    # A check-in that does not answer is not "none": the hold stays.
    silent = cc(runner, "check-in", str(profile), "--pain", "2", "--today", "2026-12-02")
    assert silent.exit_code == 3 and "leg symptoms not answered" in silent.stdout
    assert "stays on hold" in silent.stderr
    assert cc(runner, "plan", str(profile), "--today", "2026-12-02").exit_code == 3
    ok(runner, "check-in", str(profile), "--pain", "2", "--no-leg-symptoms", "--today",
       "2026-12-02")
    ok(runner, "plan", str(profile), "--today", "2026-12-02")


def test_today_shows_one_day_and_the_check_in_due(runner: CliRunner, profile: Path) -> None:
    text = ok(runner, "today", str(profile), "--today", "2026-11-30").stdout
    assert text.startswith("Monday 30 Nov - week 1 of 8")
    ok(runner, "log", str(profile), "--done", "--today", "2026-11-30")
    data = json.loads(ok(runner, "today", str(profile), "-f", "json", "--today",
                         "2026-12-01").stdout)
    assert {"date", "day", "week", "activities", "items", "check_in_due"} <= set(data)
    assert data["day"] == "tue" and data["activities"] == ["running"]
    assert data["check_in_due"] == "2026-12-01"
    assert "Morning check-in due" in ok(runner, "today", str(profile), "--today",
                                        "2026-12-01").stdout
    ok(runner, "check-in", str(profile), "--pain", "1", "--today", "2026-12-01")
    data = json.loads(ok(runner, "today", str(profile), "-f", "json", "--today",
                         "2026-12-01").stdout)
    assert data["check_in_due"] is None


@pytest.mark.parametrize(("args", "message"), [
    (["--done", "--pain-during", "11"], "error: --pain-during: 11 is out of range (allowed: 0-10)"),
    (["--done", "--effort", "hard"], "error: --effort: 'hard' is not a whole number (allowed: 0-10)"),
    (["--done", "--pain-during", "1_0"], "error: --pain-during: '1_0' is not a whole number (allowed: 0-10)"),
    (["--done", "--pain-during", "\u0663"], "error: --pain-during: '\u0663' is not a whole number (allowed: 0-10)"),
    (["--done", "--date", "yesterday"], "error: --date: 'yesterday' is not a date (use YYYY-MM-DD, e.g. 2026-11-30)"),
    (["--done", "--date", "2026-12-25"], "error: --date: 2026-12-25 is after today (2026-12-01); log what has happened"),
    (["--done", "--skipped"], "error: --skipped: give one of --done, --partial and --skipped"),
    (["--pain-during", "3"], "error: --done: say how the session went: --done, --partial or --skipped"),
    ([], "error: --done: say how the session went: --done, --partial or --skipped (or run it in a terminal to be asked)"),
    (["--activity", "running"], "error: --minutes: is required with --activity"),
    (["--activity", "chess", "--minutes", "30"], "error: --activity: 'chess' is not allowed (allowed: running, cycling, karate, swimming, walking, gym, yoga, team-sport, golf, rowing, grappling, racket, climbing, hiking, skiing, other)"),
    (["--activity", "cycling", "--minutes", "30", "--surface", "road"], "error: --surface: applies to running only (the sport is cycling)"),
    (["--activity", "running", "--minutes", "30", "--tight-at", "45"], "error: --tight-at: 45 is outside the session (allowed: 0-30 minutes)"),
    (["--done", "--surface", "road"], "error: --surface: applies with --activity only"),
])
def test_log_errors_are_one_line(runner: CliRunner, profile: Path, args: list[str],
                                 message: str) -> None:
    result = cc(runner, "log", str(profile), *args, "--today", "2026-12-01")
    assert result.exit_code == 2
    assert result.stderr == message + "\n"
    assert not journal_file().exists()


def test_unknown_profile_and_check_in_errors(runner: CliRunner, tmp_path: Path,
                                             profile: Path) -> None:
    result = cc(runner, "log", str(tmp_path / "nobody.toml"), "--done")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "no such file" in result.stderr
    result = cc(runner, "check-in", str(profile))
    assert result.exit_code == 2
    assert result.stderr == "error: --pain: is required: your back pain this morning, 0-10\n"
    result = cc(runner, "check-in", str(profile), "--pain", "-1")
    assert result.stderr == "error: --pain: -1 is out of range (allowed: 0-10)\n"


def test_log_asks_on_a_terminal(runner: CliRunner, profile: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    from corecoach.cli import journal_cmds

    monkeypatch.setattr(journal_cmds, "interactive", lambda: True)
    result = cc(runner, "log", str(profile), "--today", "2026-12-01",
                input="partial\n3\n11\n2\n\n\nn\nsore calves\n")
    assert result.exit_code == 0, result.stderr
    assert "logged session 2026-12-01: partial, pain during 3/10, pain after 2/10" in \
        result.stdout
    entry = json.loads(ok(runner, "history", str(profile), "-f", "json").stdout)["entries"][0]
    # Enter on a measurement records nothing (never a 0 or a made-up default)
    assert entry["effort"] is None and entry["note"] == "sore calves"
    result = cc(runner, "log", str(profile), "--today", "2026-12-01", input="done\n")
    assert result.exit_code == 2
    assert "input ended before the last question; nothing was written" in result.stderr


def test_history_table_sparklines_and_surfaces(runner: CliRunner, profile: Path) -> None:
    runs = [("2026-11-30", "road", 5), ("2026-12-02", "treadmill", 1),
            ("2026-12-04", "road", 4), ("2026-12-06", "trail", 2)]
    for day, surface, morning in runs:
        ok(runner, "log", str(profile), "--activity", "running", "--minutes", "40",
           "--surface", surface, "--date", day, "--today", "2026-12-08")
        next_day = f"2026-12-{int(day[-2:]) % 30 + 1:02}"
        ok(runner, "check-in", str(profile), "--pain", str(morning), "--date", next_day,
           "--today", "2026-12-08")
    ok(runner, "log", str(profile), "--done", "--pain-during", "2", "--date", "2026-12-07",
       "--today", "2026-12-08")
    result = ok(runner, "log", str(profile), "--activity", "running", "--minutes", "20",
                "--effort", "4", "--date", "2026-12-08", "--today", "2026-12-08")
    assert "running 20 min" in result.stdout
    text = ok(runner, "history", str(profile), "--today", "2026-12-08").stdout
    assert "Week of" in text and "Morning pain" in text
    assert any(ch in text for ch in "▁▂▃▄▅▆▇█")
    surfaces = ok(runner, "history", str(profile), "--by", "surface").stdout
    assert "road" in surfaces and "treadmill" in surfaces and "not what caused it" in surfaces
    data = json.loads(ok(runner, "history", str(profile), "--by", "surface", "-f",
                         "json").stdout)
    road = next(s for s in data["by_surface"] if s["surface"] == "road")
    assert road == {"surface": "road", "runs": 2, "mornings": 2, "morning_pain": 4.5,
                    "tightened": 0, "mean_minutes": 40.0, "onset_minute": None,
                    "usual_pain": 3.0}
    unknown = next(s for s in data["by_surface"] if s["surface"] == "not given")
    assert unknown["runs"] == 1  # a run without a surface is not counted as road
    assert len(data["entries"]) == 10
    assert data["entries"][-1]["effort"] == 4
    csv_text = ok(runner, "history", str(profile), "-f", "csv").stdout
    assert csv_text.count("\n") == 11
    assert cc(runner, "history", str(profile), "--by", "sport").exit_code == 2


SAMPLE = """\
profile,date,kind,status,pain_during,pain_after,effort,leg_symptoms,sport,minutes,surface,tight_at,pain,stiffness,note,reps_left,session_day,goal,score
sam,2026-11-30,session,done,2,1,5,0,,,,,,,"felt good, light",2,mon,,
sam,2026-11-30,rating,,,,,,,,,,,,,,,"run 10 km, on the road",6
sam,2026-11-30,activity,,,3,6,,running,45,road,30,,,"tab\tand ""quotes"" ok",,,,
sam,2026-12-01,check-in,,,,,0,,,,,2,3,,,,,
kim,2026-12-01,session,skipped,,,,0,,,,,,,Ünïcode ✓,,,,
,2026-12-01,check-in,,,,,1,,,,,4,,,,,,
,2026-12-01,check-in,,,,,,,,,,3,,,,,,
"""
#: A CSV of the first journal format (before reps_left and session_day): still imports.
OLD_SAMPLE = """\
profile,date,kind,status,pain_during,pain_after,effort,leg_symptoms,sport,minutes,surface,tight_at,pain,stiffness,note
sam,2026-11-30,session,done,2,1,5,0,,,,,,,"felt good, light"
sam,2026-11-30,activity,,,3,6,,running,45,road,30,,,"tab\tand ""quotes"" ok"
sam,2026-12-01,check-in,,,,,0,,,,,2,3,
kim,2026-12-01,session,skipped,,,,0,,,,,,,Ünïcode ✓
"""


def test_export_import_export_is_byte_for_byte(runner: CliRunner, tmp_path: Path,
                                               profile: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "in.csv"
    source.write_text(SAMPLE)
    ok(runner, "journal", "import", str(source), "--profile", str(profile), "--today",
       "2026-12-08")
    first = ok(runner, "journal", "export").stdout
    assert first.splitlines()[1:5] == SAMPLE.splitlines()[1:5]
    monkeypatch.setenv("CORECOACH_JOURNAL", str(tmp_path / "second.sqlite3"))
    (tmp_path / "export.csv").write_text(first)
    ok(runner, "journal", "import", str(tmp_path / "export.csv"), "--today", "2026-12-08")
    second = ok(runner, "journal", "export").stdout
    assert second.encode() == first.encode()
    as_json = ok(runner, "journal", "export", "-f", "json").stdout
    monkeypatch.setenv("CORECOACH_JOURNAL", str(tmp_path / "third.sqlite3"))
    assert cc(runner, "journal", "import", "-", "--today", "2026-12-08",
              input=as_json).exit_code == 0
    assert ok(runner, "journal", "export").stdout == first
    monkeypatch.setenv("CORECOACH_JOURNAL", str(tmp_path / "fourth.sqlite3"))
    (tmp_path / "old.csv").write_text(OLD_SAMPLE)
    ok(runner, "journal", "import", str(tmp_path / "old.csv"), "--today", "2026-12-08")
    assert ok(runner, "journal", "export").stdout.splitlines()[1] == \
        'sam,2026-11-30,session,done,2,1,5,0,,,,,,,"felt good, light",,,,'


def test_import_errors_name_row_and_column_and_import_nothing(runner: CliRunner,
                                                             tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(OLD_SAMPLE.splitlines()[0] + "\nsam,2026-11-30,session,done,12,,,0,,,,,,,\n"
                   + "sam,tomorrow,check-in,,,,,0,,,,,2,,\n")
    result = cc(runner, "journal", "import", str(bad), "--today", "2026-12-08")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"error: {bad}: row 2: pain_during: 12 is out of range (allowed: 0-10)",
        f"error: {bad}: row 3: date: 'tomorrow' is not a date (YYYY-MM-DD)",
    ]
    assert not journal_file().exists()
    (tmp_path / "h.csv").write_text("a,b\n")
    result = cc(runner, "journal", "import", str(tmp_path / "h.csv"))
    assert result.exit_code == 2 and "is not the journal's CSV header" in result.stderr
    no_profile = tmp_path / "np.csv"
    no_profile.write_text(OLD_SAMPLE.splitlines()[0] + "\n,2026-11-30,check-in,,,,,0,,,,,2,,\n")
    result = cc(runner, "journal", "import", str(no_profile))
    assert "give --profile PROFILE" in result.stderr


def test_journal_path_and_undo(runner: CliRunner, profile: Path) -> None:
    assert ok(runner, "journal", "path").stdout.strip() == str(journal_file())
    assert "nothing to undo" in ok(runner, "journal", "undo").stdout
    ok(runner, "log", str(profile), "--done", "--today", "2026-12-01")
    ok(runner, "check-in", str(profile), "--pain", "1", "--today", "2026-12-01")
    assert "removed check-in 2026-12-01: back 1/10" in ok(runner, "journal", "undo").stdout
    assert "removed session" in ok(runner, "journal", "undo", "--profile", str(profile)).stdout
    assert "no entries for this profile" in ok(runner, "journal", "undo", "--profile",
                                               str(profile)).stdout


def test_a_file_that_is_not_a_journal(runner: CliRunner, profile: Path) -> None:
    path = journal_file()
    path.parent.mkdir(parents=True)
    path.write_text("not a journal\n")
    result = cc(runner, "log", str(profile), "--done")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "is not a corecoach journal" in result.stderr
    assert path.read_text() == "not a journal\n"
    for command in (["journal", "export"], ["journal", "undo"], ["history", str(profile)],
                    ["check-in", str(profile), "--pain", "2"]):
        result = cc(runner, *command)
        assert result.exit_code == 2 and result.stderr.count("\n") == 1, command
    planned = cc(runner, "plan", str(profile), "--today", "2026-12-01")
    assert planned.exit_code == 0
    assert "warning:" in planned.stderr and "planning by the calendar" in planned.stderr
    assert cc(runner, "today", str(profile), "--today", "2026-12-01").exit_code == 0
    assert path.read_text() == "not a journal\n"


def test_validate_and_batch_report_a_shared_id(runner: CliRunner, tmp_path: Path) -> None:
    a = tmp_path / "a.toml"
    b = tmp_path / "b.toml"
    a.write_text('version = 1\nid = "same-id"\n')
    b.write_text('version = 1\nid = "same-id"\n')
    result = cc(runner, "validate", str(a), str(b))
    assert result.exit_code == 2
    assert f"error: {b}: id: 'same-id' is also the id of {a}" in result.stderr
    result = cc(runner, "plan", str(a), str(b), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0
    assert f"warning: {b}: id: 'same-id' is also the id of {a}" in result.stderr


def test_ctrl_c_while_asking_writes_nothing(runner: CliRunner, profile: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from corecoach.cli import journal_cmds

    def interrupted() -> dict[str, object]:
        raise KeyboardInterrupt

    monkeypatch.setattr(journal_cmds, "interactive", lambda: True)
    monkeypatch.setattr(journal_cmds, "_ask_session", interrupted)
    result = cc(runner, "log", str(profile), "--today", "2026-12-01")
    assert result.exit_code == 130
    assert "nothing was written" in result.stderr
    assert not journal_file().exists()
    assert profile.read_text() == PROFILE


def test_a_past_session_points_at_the_right_morning(runner: CliRunner, profile: Path) -> None:
    result = ok(runner, "log", str(profile), "--done", "--date", "2026-11-28", "--today",
                "2026-12-01")
    assert "corecoach check-in --pain N --date 2026-11-29" in result.stdout


def test_first_log_commands_at_once_agree_on_one_id(profile: Path) -> None:
    # Twenty writers at once are tested on the store (tests/journal/test_store.py), where
    # a process costs less; here six whole `log` commands race to add the profile's id.
    import subprocess
    import sys

    procs = [subprocess.Popen([sys.executable, "-m", "corecoach", "log", str(profile), "--done",
                               "--pain-during", str(n % 11), "--today", "2026-12-01"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
             for n in range(6)]
    # The timeout only stops a hung writer from hanging the suite; it measures nothing.
    errors = [p.communicate(timeout=300)[1].decode() for p in procs]
    assert all(p.returncode == 0 for p in procs), errors
    text = profile.read_text()
    assert text.count('id = "') == 1
    profile_id = text.split('id = "', 1)[1].split('"', 1)[0]
    runner = CliRunner()
    entries = json.loads(ok(runner, "history", str(profile), "-f", "json").stdout)["entries"]
    assert len(entries) == 6 and {e["profile"] for e in entries} == {profile_id}
    assert sorted(e["pain_during"] for e in entries) == list(range(6))


def test_a_failed_import_leaves_the_profile_without_an_id(runner: CliRunner, tmp_path: Path,
                                                          profile: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(OLD_SAMPLE.splitlines()[0] + "\n,2026-11-30,check-in,,,,,0,,,,,12,,\n")
    result = cc(runner, "journal", "import", str(bad), "--profile", str(profile), "--today",
                "2026-12-08")
    assert result.exit_code == 2
    assert result.stderr == f"error: {bad}: row 2: pain: 12 is out of range (allowed: 0-10)\n"
    assert profile.read_text() == PROFILE


def test_a_journal_from_a_newer_corecoach(runner: CliRunner, profile: Path) -> None:
    import sqlite3

    from corecoach.journal.store import SCHEMA_VERSION

    ok(runner, "log", str(profile), "--done", "--today", "2026-12-01")
    conn = sqlite3.connect(journal_file())
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = journal_file().read_bytes()
    result = cc(runner, "log", str(profile), "--done", "--today", "2026-12-01")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "newer corecoach" in result.stderr
    planned = cc(runner, "plan", str(profile), "--today", "2026-12-01")
    assert planned.exit_code == 0 and "planning by the calendar" in planned.stderr
    assert journal_file().read_bytes() == before


@pytest.mark.parametrize(("args", "message"), [
    (["today", "--format", "html"], "error: --format: 'html' is not allowed (allowed: text, json)"),
    (["today", "--today", "26/11/2026"], "error: --today: '26/11/2026' is not a date (use YYYY-MM-DD, e.g. 2026-11-30)"),
    (["history", "--format", "xml"], "error: --format: 'xml' is not allowed (allowed: text, json, csv)"),
    (["history", "--by", "sport"], "error: --by: 'sport' is not allowed (allowed: surface)"),
    (["history", "--since", "last week"], "error: --since: 'last week' is not a date (use YYYY-MM-DD, e.g. 2026-11-30)"),
])
def test_today_and_history_errors_are_one_line(runner: CliRunner, profile: Path,
                                               args: list[str], message: str) -> None:
    result = cc(runner, args[0], str(profile), *args[1:])
    assert result.exit_code == 2
    assert result.stderr == message + "\n"


def test_history_since(runner: CliRunner, profile: Path) -> None:
    for day in ("2026-11-20", "2026-11-27"):
        ok(runner, "check-in", str(profile), "--pain", "2", "--date", day, "--today", day)
    data = json.loads(ok(runner, "history", str(profile), "--since", "2026-11-25", "-f",
                         "json", "--today", "2026-11-30").stdout)
    assert [e["date"] for e in data["entries"]] == ["2026-11-27"]
    empty = ok(runner, "history", str(profile), "--since", "2026-12-01").stdout
    assert empty == "No journal entries on or after 2026-12-01.\n"


def test_today_and_history_json_follow_their_published_schemas(runner: CliRunner,
                                                               profile: Path) -> None:
    from jsonschema import Draft202012Validator

    def validator(name: str) -> Draft202012Validator:
        schema = json.loads(ok(runner, "schema", name).stdout)
        Draft202012Validator.check_schema(schema)
        return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)

    ok(runner, "log", str(profile), "--done", "--pain-during", "2", "--note", "ok",
       "--today", "2026-11-30")
    ok(runner, "log", str(profile), "--activity", "running", "--minutes", "30", "--surface",
       "trail", "--tight-at", "20", "--today", "2026-11-30")
    ok(runner, "check-in", str(profile), "--pain", "1", "--stiffness", "2", "--today",
       "2026-12-01")
    today = validator("today")
    for day in ("2026-11-30", "2026-12-01", "2026-12-02"):
        today.validate(json.loads(ok(runner, "today", str(profile), "-f", "json", "--today",
                                     day).stdout))
    history = validator("history")
    for extra in ([], ["--by", "surface"]):
        data = json.loads(ok(runner, "history", str(profile), "-f", "json", *extra).stdout)
        history.validate(data)
    bad = dict(data, entries=[{**data["entries"][0], "pain": 11}])
    assert not history.is_valid(bad)
