"""Text output as rich sees the terminal: width, colour, encoding; renderers stay pure."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.dated import START
from typer.testing import CliRunner

from corecoach.cli import app
from corecoach.coach import plan_for
from corecoach.library.loader import load_catalog
from corecoach.profile import load_profile
from corecoach.render.terminal import Terminal, fit_encoding, wrap_line
from corecoach.render.text import TABLE_MIN_WIDTH, render_text
from corecoach.resources import example_path

ESC = "\x1b["


def plan_text(runner: CliRunner, monkeypatch: pytest.MonkeyPatch, columns: int,
              *args: str) -> str:
    monkeypatch.setenv("COLUMNS", str(columns))
    result = runner.invoke(app, ["plan", "--example", "road-runner", *args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def widest(text: str) -> int:
    return max(len(line) for line in text.splitlines())


def test_plan_fills_a_wide_terminal(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    wide = plan_text(runner, monkeypatch, 160)
    assert 120 < widest(wide) <= 160
    assert "Day" in wide.splitlines()[1], "a table at this width"


@pytest.mark.parametrize("columns", [40, 50, TABLE_MIN_WIDTH - 1])
def test_plan_fits_a_narrow_terminal(runner: CliRunner, monkeypatch: pytest.MonkeyPatch,
                                     columns: int) -> None:
    narrow = plan_text(runner, monkeypatch, columns)
    assert widest(narrow) <= columns
    assert "…" not in narrow, "nothing is cut short"
    assert "Leg swings: 2 x 8 /side" in narrow.replace("\n  ", " ")
    assert "Mon - about " in narrow


@pytest.mark.parametrize("command", [
    ["explain", "--example", "road-runner", "--all"],
    ["explain", "--example", "road-runner", "-e", "good-morning-bodyweight"],
    ["show", "good-morning-band"],
    ["exercises"],
])
def test_explain_show_and_exercises_wrap(runner: CliRunner, monkeypatch: pytest.MonkeyPatch,
                                         command: list[str]) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    unwrapped = runner.invoke(app, command).stdout
    monkeypatch.setenv("COLUMNS", "60")
    result = runner.invoke(app, command)
    assert result.exit_code == 0, result.stderr
    assert widest(result.stdout) <= 60 < widest(unwrapped)
    if command[0] == "exercises":  # a table becomes a list: every id and name is still there
        for row in unwrapped.splitlines()[1:-1]:
            exercise_id, *_, = row.split()
            assert f"\n{exercise_id} (" in "\n" + result.stdout
    else:
        assert " ".join(result.stdout.split()) == " ".join(unwrapped.split()), "no word lost"


def test_no_colour_when_piped(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR")
    assert ESC not in plan_text(runner, monkeypatch, 80)


def test_force_color_colours_a_pipe(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    assert ESC in plan_text(runner, monkeypatch, 80)


def test_no_color_wins_over_force_color(runner: CliRunner,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("NO_COLOR", "1")
    assert ESC not in plan_text(runner, monkeypatch, 80)


def test_term_dumb_has_no_colour(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    assert ESC not in plan_text(runner, monkeypatch, 80)


def _run(args: list[str], encoding: str, tmp_path: Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": encoding, "COLUMNS": "80",
           "CORECOACH_CACHE_DIR": str(tmp_path / "cache")}
    return subprocess.run([sys.executable, "-m", "corecoach", *args], capture_output=True,
                          env=env, check=False, timeout=60)


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "ascii"])
def test_an_8_bit_stdout_never_crashes(tmp_path: Path, encoding: str) -> None:
    profile = tmp_path / "p.toml"
    profile.write_text('version = 1\nname = "李小龍 Zoë — Ünal"\n', encoding="utf-8")
    commands = [["plan", str(profile)]]
    if encoding == "cp1252":  # every text command once; the other code pages with plan only
        commands += [["explain", str(profile), "--all"], ["show", "good-morning-band"],
                     ["exercises"]]
    for args in commands:
        done = _run(args, encoding, tmp_path)
        assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
        assert b"Traceback" not in done.stderr
        done.stdout.decode(encoding)  # every byte is in the terminal's encoding
    shown = _run(["plan", str(profile)], encoding, tmp_path).stdout.decode(encoding)
    first = shown.splitlines()[0]
    expected = {"cp1252": "??? Zoë — Ünal", "latin-1": "??? Zoë - Ünal", "ascii": "??? Zoe - Unal"}
    assert first.startswith(f"{expected[encoding]} - week 1 of 8")
    assert "--+--" in shown or "---" in shown, "table lines in ASCII"


def test_documents_stay_utf8_on_an_8_bit_stdout(tmp_path: Path) -> None:
    profile = tmp_path / "p.toml"
    profile.write_text('version = 1\nname = "李小龍"\n', encoding="utf-8")
    for fmt in ("json", "markdown"):
        done = _run(["plan", str(profile), "-f", fmt], "cp1252", tmp_path)
        assert done.returncode == 0, done.stderr
        assert "李小龍" in done.stdout.decode("utf-8")


def test_renderers_are_pure_functions_of_the_terminal() -> None:
    outcome = plan_for(load_profile(example_path("road-runner")), load_catalog(), START,
                       week=1)
    assert outcome.plan is not None
    plain = render_text(outcome.plan, terminal=Terminal(width=100))
    assert widest(plain) <= 100 and ESC not in plain
    assert plain == render_text(outcome.plan, terminal=Terminal(width=100))
    coloured = render_text(outcome.plan, terminal=Terminal(width=100, color="truecolor"))
    assert ESC in coloured
    ascii_only = render_text(outcome.plan, terminal=Terminal(width=100, encoding="cp1252"))
    ascii_only.encode("cp1252")
    assert "─" not in ascii_only
    assert "---" in ascii_only
    assert render_text(outcome.plan) == render_text(outcome.plan, terminal=Terminal())


def test_fit_encoding() -> None:
    assert fit_encoding("Zoë — ok…", "cp1252") == "Zoë — ok…", "cp1252 has these"
    assert fit_encoding("Zoë — ok…", "latin-1") == "Zoë - ok..."
    assert fit_encoding("Zoë 李", "ascii") == "Zoe ?"
    assert fit_encoding("plain", "ascii") == "plain"


def test_wrap_line_hangs_under_the_text() -> None:
    lines = wrap_line("  - " + "word " * 20, 30)
    assert all(len(line) <= 30 for line in lines)
    assert all(line.startswith("    ") for line in lines[1:])
    assert wrap_line("short", 30) == ["short"]
