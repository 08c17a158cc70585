"""Every `--format json` output carries `format` and validates against its published schema.

The schemas come from `corecoach schema NAME`, as a user gets them (E5, E17).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from corecoach.cli import app
from corecoach.schemas import SCHEMAS

PROFILE = """version = 1
id = "json-outputs"
start = 2026-11-30
[[activities]]
sport = "running"
days = ["tue", "sat"]
minutes = 40
surface = "road"
"""
RED_FLAG = 'version = 1\nstart = 2026-11-30\n[screening]\nred_flags = ["fever"]\n'
PARQ = "version = 1\nstart = 2026-11-30\n[screening]\nchest_pain = true\n"


def validator(runner: CliRunner, name: str) -> Draft202012Validator:
    result = runner.invoke(app, ["schema", name])
    assert result.exit_code == 0, result.stderr
    schema = json.loads(result.stdout)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def output(runner: CliRunner, args: list[str], code: int = 0) -> dict[str, Any]:
    result = runner.invoke(app, args)
    assert result.exit_code == code, result.stderr
    data = json.loads(result.stdout)
    assert isinstance(data, dict), "an object, never a bare list"
    assert data["format"] == 1
    return data


def assert_valid(runner: CliRunner, schema: str, data: dict[str, Any]) -> None:
    errors = sorted(validator(runner, schema).iter_errors(data), key=str)
    assert errors == [], errors[0].message if errors else ""


@pytest.fixture
def journaled(runner: CliRunner, write) -> Path:  # type: ignore[no-untyped-def]
    """A profile with a week of entries: sessions, a run, a check-in."""
    path: Path = write(PROFILE, "me.toml")
    for args in (["log", "--done", "--pain-during", "2", "--date", "2026-11-30"],
                 ["log", "--skipped", "--note", "travelling", "--date", "2026-12-01"],
                 ["log", "--activity", "running", "--minutes", "40", "--surface", "road",
                  "--tight-at", "25", "--date", "2026-12-01"],
                 ["check-in", "--pain", "3", "--date", "2026-12-02"]):
        result = runner.invoke(app, [args[0], str(path), *args[1:], "--today", "2026-12-02"])
        assert result.exit_code == 0, result.stderr
    return path


def test_every_json_output_has_a_published_schema() -> None:
    assert {"plan", "today", "history", "explain", "validate", "paths",
            "exercises"} <= set(SCHEMAS)


@pytest.mark.parametrize("text", [RED_FLAG, PARQ])
def test_a_withheld_plan_validates_against_the_plan_schema(  # type: ignore[no-untyped-def]
    runner: CliRunner, write, text: str
) -> None:
    data = output(runner, ["plan", str(write(text)), "-f", "json"], code=3)
    assert data["withheld"] is True
    assert_valid(runner, "plan", data)
    # ... but not without its format, nor as a plan missing its days.
    assert not validator(runner, "plan").is_valid({k: v for k, v in data.items()
                                                   if k != "format"})


@pytest.mark.parametrize("day", ["2026-11-30", "2026-12-01", "2026-12-03", "2026-11-20"])
def test_today_json_validates(runner: CliRunner, journaled: Path, day: str) -> None:
    data = output(runner, ["today", str(journaled), "-f", "json", "--today", day])
    assert_valid(runner, "today", data)


def test_today_json_withheld_validates(runner: CliRunner, write) -> None:  # type: ignore[no-untyped-def]
    path = write(RED_FLAG.replace("version = 1\n", 'version = 1\nid = "flagged"\n'))
    data = output(runner, ["today", str(path), "-f", "json", "--today", "2026-12-01"], code=3)
    assert data["withheld"]
    assert_valid(runner, "today", data)


@pytest.mark.parametrize("by", [[], ["--by", "surface"]])
def test_history_json_validates(runner: CliRunner, journaled: Path, by: list[str]) -> None:
    data = output(runner, ["history", str(journaled), "-f", "json", "--today", "2026-12-02",
                           *by])
    assert data["entries"]
    assert_valid(runner, "history", data)


@pytest.mark.parametrize("args", [[], ["--all"], ["--exercise", "bird-dog"],
                                  ["--exercise", "good-morning-barbell"]])
def test_explain_json_validates(runner: CliRunner, args: list[str]) -> None:
    data = output(runner, ["explain", "--example", "road-runner", "-f", "json", *args])
    assert_valid(runner, "explain", data)


def test_explain_json_withheld_validates(runner: CliRunner, write) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["explain", str(write(RED_FLAG)), "-f", "json"])
    data = json.loads(result.stdout)
    assert data["format"] == 1 and data["withheld"]
    assert_valid(runner, "explain", data)


def test_validate_json_validates(runner: CliRunner, write) -> None:  # type: ignore[no-untyped-def]
    good = write("version = 1\n", "good.toml")
    bad = write("version = 1\nstress = 11\n", "bad.toml")
    assert_valid(runner, "validate", output(runner, ["validate", str(good), "-f", "json"]))
    data = output(runner, ["validate", str(good), str(bad), "-f", "json"], code=2)
    assert data["valid"] is False
    assert_valid(runner, "validate", data)


@pytest.mark.parametrize("cache", ["", None])
def test_paths_json_validates(runner: CliRunner, monkeypatch: pytest.MonkeyPatch,
                              cache: str | None) -> None:
    if cache is not None:
        monkeypatch.setenv("CORECOACH_CACHE_DIR", cache)
    assert_valid(runner, "paths", output(runner, ["paths", "-f", "json"]))


@pytest.mark.parametrize("args", [[], ["-c", "hinge"], ["-c", "core", "-e", "mat"]])
def test_exercises_json_validates(runner: CliRunner, args: list[str]) -> None:
    data = output(runner, ["exercises", "-f", "json", *args])
    assert data["exercises"]
    assert_valid(runner, "exercises", data)


@pytest.mark.parametrize("name", ["today", "history", "explain", "validate", "paths",
                                  "exercises"])
def test_each_schema_requires_its_format(runner: CliRunner, name: str) -> None:
    schema = json.loads(runner.invoke(app, ["schema", name]).stdout)
    assert "format" in schema["required"]
    assert schema["properties"]["format"]["const"] == 1
    assert not validator(runner, name).is_valid({"format": 2})
