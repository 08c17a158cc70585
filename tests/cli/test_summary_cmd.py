"""`corecoach summary` through CliRunner: every format, -o, --since, the JSON schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from corecoach.cli import app
from corecoach.schemas import SCHEMAS

PROFILE = """\
version = 1
id = "summary-one"
name = "Sam"
start = 2026-11-02
goals = ["run 10 km on the road"]

[[activities]]
sport = "running"
days = ["tue", "sat"]
minutes = 50
surface = "road"
"""
TODAY = "2026-11-30"
SECTIONS = ("The person", "The program", "Adherence and pain", "Function goals",
            "Runs by surface", "The journal's decisions")


@pytest.fixture
def profile(tmp_path: Path, runner: CliRunner) -> Path:
    path = tmp_path / "me.toml"
    path.write_text(PROFILE)
    for args in (
        ["rate", "--goal", "1=3", "--date", "2026-11-02"],
        ["log", "--done", "--pain-during", "2", "--date", "2026-11-02"],
        ["check-in", "--pain", "2", "--no-leg-symptoms", "--date", "2026-11-03"],
        ["log", "--activity", "running", "--minutes", "50", "--surface", "road",
         "--tight-at", "22", "--date", "2026-11-03"],
        ["check-in", "--pain", "4", "--no-leg-symptoms", "--date", "2026-11-04"],
        ["log", "--done", "--pain-during", "2", "--date", "2026-11-23"],
        ["check-in", "--pain", "2", "--no-leg-symptoms", "--date", "2026-11-24"],
        ["rate", "--goal", "1=6", "--date", "2026-11-28"],
    ):
        result = runner.invoke(app, [args[0], str(path), *args[1:], "--today", TODAY])
        assert result.exit_code == 0, result.stderr
    return path


def summary(runner: CliRunner, profile: Path, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["summary", str(profile), "--today", TODAY, *args])


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_every_format_has_every_section(runner: CliRunner, profile: Path, fmt: str) -> None:
    result = summary(runner, profile, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    for title in SECTIONS:
        assert title in result.stdout.replace("&#x27;", "'")
    assert "run 10 km on the road: 3 -&gt; 6/10" in result.stdout if fmt == "html" else \
        "run 10 km on the road: 3 -> 6/10" in result.stdout


def test_json_follows_its_published_schema(runner: CliRunner, profile: Path) -> None:
    result = summary(runner, profile, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    jsonschema.validate(data, SCHEMAS["summary"].build())
    assert data["goals"][0]["change"] == 3 and data["goals"][0]["meaningful"]
    assert data["by_surface"][0]["surface"] == "road"
    assert data["road_return"] is not None
    printed = runner.invoke(app, ["schema", "summary"])
    assert printed.exit_code == 0 and json.loads(printed.stdout)["title"] == "corecoach summary"


def test_since_narrows_and_o_writes_a_file(runner: CliRunner, profile: Path,
                                           tmp_path: Path) -> None:
    out = tmp_path / "s.html"
    result = summary(runner, profile, "--since", "2026-11-20", "-f", "html", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    page = out.read_text()
    assert page.startswith("<!DOCTYPE html>") and "since 2026-11-20" in page
    data = json.loads(summary(runner, profile, "--since", "2026-11-20", "-f", "json").stdout)
    assert all(w["week_of"] >= "2026-11-16" for w in data["weeks"])
    assert data["goals"][0]["ratings"] == [{"date": "2026-11-28", "score": 6}]


@pytest.mark.parametrize(("args", "words"), [
    (["--since", "last week"], "--since: 'last week' is not a date"),
    (["--format", "pdf"], "pdf"),
])
def test_bad_options_are_one_line_and_exit_2(runner: CliRunner, profile: Path,
                                             args: list[str], words: str) -> None:
    result = summary(runner, profile, *args)
    assert result.exit_code == 2
    assert words in result.stderr
