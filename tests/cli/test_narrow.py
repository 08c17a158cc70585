"""init, today, log, check-in, examples, paths and --help on any terminal (issue 19, items 3
and 6: E4, E7, E12, E23): 40 columns, an 8-bit encoding, NO_COLOR and TERM=dumb.

CliRunner(charset=...) gives the command a stdout in that encoding that raises on any
character it cannot hold, as a cp1252 or latin-1 console does.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corecoach.cli import app, console, prompting
from corecoach.cli.help_width import help_width
from corecoach.render.terminal import Terminal, summary_text

ESC = "\x1b["
NAME = "李小龍 Zoë — Ünal"
PROFILE = f"""\
version = 1
id = "narrow01"
name = "{NAME}"
start = 2026-12-07

[[activities]]
sport = "running"
days = ["tue", "thu", "sun"]
minutes = 50
surface = "road"

[back]
symptom = "seizes-during-running"
pain = 4
"""
ENTER = "\n" * 40


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    path = tmp_path / "me.toml"
    path.write_text(PROFILE, encoding="utf-8")
    return path


def lines_over(text: str, columns: int) -> list[str]:
    return [line for line in text.splitlines() if len(line) > columns]


def invoke(args: list[str], charset: str = "utf-8", input: str | None = None
           ):  # type: ignore[no-untyped-def]
    result = CliRunner(charset=charset).invoke(app, args, input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{result.exception!r}\n{result.output}")
    return result


@pytest.fixture
def a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """stdout is a 40-column terminal (messages and questions wrap only on one)."""
    monkeypatch.setenv("COLUMNS", "40")
    monkeypatch.setattr(console, "stdout_is_terminal", lambda: True)


def simulated_week(profile: Path) -> None:
    """Sessions that hurt and no check-ins, so today's plan is adapted (long lines)."""
    for day in ("07", "08", "09", "10", "11", "12"):
        result = invoke(["log", str(profile), "--done", "--pain-during", "5", "--pain-after",
                         "6", "--date", f"2026-12-{day}", "--today", "2026-12-13"])
        assert result.exit_code == 0, result.output


# -- init ------------------------------------------------------------------------------


@pytest.mark.parametrize("charset", ["cp1252", "latin-1", "ascii"])
def test_init_at_40_columns_in_an_8_bit_terminal(a_terminal: None, profile: Path,
                                                 charset: str) -> None:
    result = invoke(["init", str(profile)], charset, input=ENTER)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert lines_over(out, 40) == []
    assert "Traceback" not in result.output
    assert out.index("Saved your profile to") < out.index("week 1 of 8"), "said first (E4)"
    assert "Zo" in out and "Unal" in out.replace("Ü", "U")
    assert "  1) running  2) cycling  3) karate\n  4) swimming" in out, (
        "choices wrap between choices, never between a number and its word")


def test_init_transcript_stays_greppable_when_piped(monkeypatch: pytest.MonkeyPatch,
                                                    profile: Path) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    result = invoke(["init", str(profile)], "cp1252", input=ENTER)
    assert result.exit_code == 0, result.output
    out = result.stdout
    # Questions and their echoed answers: one line each, whatever the width...
    assert ("\n3/7 In the last 12 months, have you lost balance because of dizziness, or "
            "lost consciousness?") in out
    assert (f"\nSave to {profile} (updating the file there; its comments are kept)? "
            "[Y/n]: \n") in out
    # ...while the summary and the plan are drawn for the 40 columns COLUMNS asks for.
    plan = out[out.index("week 1 of 8"):out.index("\nNext: `corecoach plan")]
    assert lines_over(plan, 40) == []
    assert "\nNext: `corecoach plan " in out, "a message: one line when piped"


@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {"TERM": "dumb"}])
def test_init_has_no_colour_under_no_color_or_term_dumb(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, env: dict[str, str]) -> None:
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setattr(console, "stdout_is_terminal", lambda: True)
    monkeypatch.setattr(prompting, "interactive", lambda: True)
    coloured = invoke(["init", str(tmp_path / "a.toml")], input=ENTER)
    assert coloured.exit_code == 0, coloured.output
    assert ESC in coloured.stdout, "a colour terminal gets colour"
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    plain = invoke(["init", str(tmp_path / "b.toml")], input=ENTER)
    assert plain.exit_code == 0, plain.output
    assert ESC not in plain.stdout


def test_init_on_a_cp1252_pipe_never_crashes(tmp_path: Path, profile: Path) -> None:
    """The review's reproduction: `yes '' | PYTHONIOENCODING=cp1252 corecoach init`."""
    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "COLUMNS": "40"}
    done = subprocess.run([sys.executable, "-m", "corecoach", "init", str(profile)],
                          input=ENTER.encode(), capture_output=True, env=env, check=False)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in done.stderr
    shown = done.stdout.decode("cp1252")
    assert shown.index("Saved your profile") < shown.index("week 1 of 8")


def test_summary_text_stacks_labels_on_a_narrow_terminal() -> None:
    rows = [("Back warning signs", "none"), ("Sessions", "up to 20 min, on any day")]
    wide = summary_text(rows, Terminal(width=80), indent=2)
    assert wide.splitlines()[1] == "  Sessions             up to 20 min, on any day"
    narrow = summary_text(rows, Terminal(width=40), indent=2)
    assert narrow.splitlines()[:2] == ["  Back warning signs", "    none"]
    assert lines_over(narrow, 40) == []
    path = "/a/very/long/folder/name/that/never/breaks/profile.toml"
    kept = summary_text([("profile", path)], Terminal(width=40), keep_words=True)
    assert kept.splitlines() == ["profile", f"  {path}"], "a path is never broken"


# -- today, log, check-in ----------------------------------------------------------------


@pytest.mark.parametrize("charset", ["cp1252", "latin-1"])
def test_today_wraps_at_40_columns(monkeypatch: pytest.MonkeyPatch, profile: Path,
                                   charset: str) -> None:
    simulated_week(profile)
    monkeypatch.setenv("COLUMNS", "200")
    wide = invoke(["today", str(profile), "--today", "2026-12-14"], charset)
    monkeypatch.setenv("COLUMNS", "40")
    narrow = invoke(["today", str(profile), "--today", "2026-12-14"], charset)
    assert wide.exit_code == narrow.exit_code == 0, narrow.output
    assert "Adapted from your journal:" in narrow.stdout
    assert lines_over(wide.stdout, 80), "the adapted lines are long (E7)"
    assert lines_over(narrow.stdout, 40) == []
    assert " ".join(narrow.stdout.split()) == " ".join(wide.stdout.split()), "no word lost"
    # the check-in command stands on a line of its own, under its question
    assert narrow.stdout.startswith("Morning check-in due: how is your back?\n"
                                    "  corecoach check-in")
    # list items hang under their text, never under the bullet
    adapted = narrow.stdout[narrow.stdout.index("Adapted from your journal:"):]
    assert all(line.startswith(("  - ", "    ")) for line in adapted.splitlines()[1:])


@pytest.mark.parametrize("charset", ["cp1252", "latin-1"])
def test_log_and_check_in_wrap_on_a_40_column_terminal(a_terminal: None, tmp_path: Path,
                                                       charset: str) -> None:
    path = tmp_path / "new.toml"  # no id yet: the note about adding one is long, too
    path.write_text(f'version = 1\nname = "{NAME}"\n', encoding="utf-8")
    logged = invoke(["log", str(path), "--done", "--pain-during", "2", "--leg-symptoms",
                     "--note", "long day — sore", "--today", "2026-12-14"], charset)
    assert logged.exit_code == 0, logged.output
    assert "Tomorrow morning:" in logged.stdout
    assert "added id" in logged.stderr and "Leg symptoms hold your plan" in logged.stderr
    checked = invoke(["check-in", str(path), "--pain", "1", "--leg-symptoms", "--today",
                      "2026-12-15"], charset)
    assert checked.exit_code == 3, checked.output  # logged; the plan stays on hold
    for result in (logged, checked):
        assert lines_over(result.stdout, 40) == []
        assert lines_over(result.stderr, 40) == []


def test_log_messages_stay_one_line_when_piped(profile: Path) -> None:
    result = invoke(["log", str(profile), "--done", "--today", "2026-12-14"])
    assert result.exit_code == 0, result.output
    assert ("\nTomorrow morning: corecoach check-in --pain N (0-10), so the plan knows how "
            "your back took it.\n") in "\n" + result.stdout


# -- examples and paths ------------------------------------------------------------------


@pytest.mark.parametrize("command", [["examples"], ["paths"]])
def test_examples_and_paths_wrap_at_40_columns(monkeypatch: pytest.MonkeyPatch,
                                               tmp_path: Path, command: list[str]) -> None:
    monkeypatch.setenv("CORECOACH_JOURNAL", str(tmp_path / "a-long-folder-name" / "and"
                                                 / "another" / "journal.sqlite3"))
    monkeypatch.setenv("COLUMNS", "200")
    wide = invoke(command, "cp1252")
    monkeypatch.setenv("COLUMNS", "40")
    narrow = invoke(command, "cp1252")
    assert wide.exit_code == narrow.exit_code == 0, narrow.output
    assert lines_over(wide.stdout, 40)
    assert " ".join(narrow.stdout.split()) == " ".join(wide.stdout.split()), "no word lost"
    if command == ["paths"]:  # a path is never broken: over-long ones stand alone
        over = lines_over(narrow.stdout, 40)
        assert all(line.strip().startswith("/") and " " not in line.strip() for line in over)
        assert f"\n  {os.environ['CORECOACH_JOURNAL']}\n" in narrow.stdout
    else:
        assert lines_over(narrow.stdout, 40) == []


# -- --help ------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [[], ["init"], ["plan"], ["today"], ["log"],
                                     ["journal", "import"]])
def test_help_at_40_columns(monkeypatch: pytest.MonkeyPatch, command: list[str]) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    result = invoke([*command, "--help"], "cp1252")
    assert result.exit_code == 0, result.output
    # Only an option's own name and choices, which cannot be broken, may run long.
    over = lines_over(result.stdout, 40)
    assert all(line.startswith("  -") and "  " not in line.strip() for line in over), over
    assert "Usage: corecoach" in result.stdout


def test_help_width_follows_the_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    assert help_width() == 38
    monkeypatch.setenv("COLUMNS", "20")
    assert help_width() == 20
    for columns in ("52", "200"):  # click's own width (at most 78) stands
        monkeypatch.setenv("COLUMNS", columns)
        assert help_width() is None


def test_term_dumb_keeps_the_real_width(monkeypatch: pytest.MonkeyPatch) -> None:
    """rich calls every TERM=dumb terminal 80 columns; a 40-column one is still 40."""
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.setenv("COLUMNS", "40")
    assert console.detect_terminal().width == 40
    assert console.detect_terminal().color is None


# -- plurals -------------------------------------------------------------------------------


def test_counts_say_one_thing_and_many_things() -> None:
    from corecoach.words import count

    assert [count(n, "exercise") for n in (0, 1, 2)] == ["0 exercises", "1 exercise",
                                                         "2 exercises"]
    assert count(1, "entry", "entries") == "1 entry"
    assert count(3, "entry", "entries") == "3 entries"


def test_exercise_list_counts_one_exercise() -> None:
    one = invoke(["exercises", "--category", "activity"])
    assert one.exit_code == 0, one.output
    assert len(one.stdout.splitlines()) == 3, "a header, one exercise, the count"
    assert one.stdout.endswith("\n1 exercise\n")
