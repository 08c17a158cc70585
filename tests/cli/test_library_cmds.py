"""check, exercises and show through CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corecoach.cli import app


def test_check_is_clean_on_the_shipped_library(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("ok: ")
    for category in ("core", "flexibility", "hinge", "mobility", "breathing"):
        assert category in result.stdout


def test_check_reports_a_bad_user_folder(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text(
        '[[rule]]\nid = "my-rule"\nwhen = "desk_hour > 6"\nbecause = "Because of reasons."\n'
        '[[chain]]\nid = "mine"\nname = "Mine"\nsteps = ["nope"]\n')
    result = runner.invoke(app, ["check", str(tmp_path)])
    assert result.exit_code == 2
    err = result.stderr
    assert f"error: {tmp_path / 'bad.toml'}: rule[my-rule].when: unknown fact 'desk_hour'" in err
    assert "chain[mine].steps[1]: 'nope' is not an exercise id" in err
    assert "Traceback" not in result.output


def test_routines_env_adds_a_folder(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "x.toml").write_text("[[rule]]\nid = 'my-rule'\nwhen = 'stress >='\n"
                                     "because = 'Because of reasons.'\n")
    monkeypatch.setenv("CORECOACH_ROUTINES", str(tmp_path))
    result = runner.invoke(app, ["plan", "--example", "road-runner"])
    assert result.exit_code == 2
    assert "rule[my-rule].when: syntax error" in result.stderr


def test_exercises_lists_the_library(runner: CliRunner) -> None:
    result = runner.invoke(app, ["exercises"])
    assert result.exit_code == 0
    assert result.stdout.strip().endswith("exercises")
    count = int(result.stdout.strip().splitlines()[-1].split()[0])
    assert count >= 50


def test_exercises_filters_and_json(runner: CliRunner) -> None:
    result = runner.invoke(app, ["exercises", "-c", "hinge", "-e", "mat,dowel", "-f", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["format"] == 1
    rows = data["exercises"]
    assert rows and all(r["category"] == "hinge" for r in rows)
    assert {"id", "name", "category", "level", "equipment"} <= set(rows[0])
    ids = {r["id"] for r in rows}
    assert "dowel-hinge" in ids and "good-morning-band" not in ids


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["-c", "cardio"], "'cardio' is not allowed"),
        (["-e", "kettlebel"], "did you mean 'kettlebell'?"),
        (["-f", "yaml"], "'yaml' is not allowed"),
    ],
)
def test_exercises_bad_options(runner: CliRunner, args: list[str], words: str) -> None:
    result = runner.invoke(app, ["exercises", *args])
    assert result.exit_code == 2
    assert words in result.stderr


def test_show_an_exercise(runner: CliRunner) -> None:
    result = runner.invoke(app, ["show", "good-morning-bodyweight"])
    assert result.exit_code == 0
    out = result.stdout
    assert "easier: dowel-hinge" in out and "harder: good-morning-band" in out
    assert "Dose ladder" in out and "Cautions:" in out


def test_show_unknown_exercise(runner: CliRunner) -> None:
    result = runner.invoke(app, ["show", "good-mornin-band"])
    assert result.exit_code == 2
    assert "did you mean 'good-morning-band'?" in result.stderr
