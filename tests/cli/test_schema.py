"""Published schemas, machine output where people script, and profiles from stdin."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from tests.dated import dated_example_text
from typer.testing import CliRunner

from corecoach.cli import app
from corecoach.plan import PLAN_FORMAT
from corecoach.profile import PARQ_QUESTIONS, RED_FLAG_TEXTS
from corecoach.resources import example_names, example_path
from corecoach.schemas import SCHEMAS, register_schema
from corecoach.vocab import RED_FLAGS


def schema_of(runner: CliRunner, *args: str) -> dict[str, Any]:
    result = runner.invoke(app, ["schema", *args])
    assert result.exit_code == 0, result.stderr
    schema: dict[str, Any] = json.loads(result.stdout)
    Draft202012Validator.check_schema(schema)
    return schema


def properties(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    nodes = [("", schema), *schema.get("$defs", {}).items()]
    return [(f"{name}.{key}", prop) for name, node in nodes
            for key, prop in node.get("properties", {}).items()]


def test_plan_schema_flag_and_name_agree(runner: CliRunner) -> None:
    assert schema_of(runner, "--plan") == schema_of(runner, "plan")
    assert schema_of(runner) == schema_of(runner, "profile")
    result = runner.invoke(app, ["schema", "profile", "--plan"])
    assert result.exit_code == 2 and result.stderr.startswith("error: --plan: ")


def test_every_plan_key_has_a_description(runner: CliRunner) -> None:
    schema = schema_of(runner, "--plan")
    assert schema["$defs"]["Plan"]["properties"]["format"]["const"] == PLAN_FORMAT == 1
    assert schema["$defs"]["Withheld"]["properties"]["format"]["const"] == PLAN_FORMAT
    missing = [key for key, prop in properties(schema) if not prop.get("description")]
    assert missing == []


@pytest.mark.parametrize("name", example_names())
@pytest.mark.parametrize("dated", [False, True])
def test_every_example_plan_validates_against_the_schema(
    runner: CliRunner, write, name: str, dated: bool  # type: ignore[no-untyped-def]
) -> None:
    validator = Draft202012Validator(schema_of(runner, "--plan"),
                                     format_checker=Draft202012Validator.FORMAT_CHECKER)
    source = str(write(dated_example_text(name))) if dated else str(example_path(name))
    weeks = tomllib.loads(example_path(name).read_text(encoding="utf-8")).get("weeks", 8)
    for week in range(1, weeks + 1):
        result = runner.invoke(app, ["plan", source, "-f", "json", "-w", str(week)])
        assert result.exit_code == 0, result.stderr
        plan = json.loads(result.stdout)
        errors = sorted(validator.iter_errors(plan), key=str)
        assert errors == [], errors[0].message if errors else ""
        assert plan["format"] == 1


def test_plan_schema_rejects_a_wrong_shape(runner: CliRunner) -> None:
    validator = Draft202012Validator(schema_of(runner, "--plan"))
    plan = json.loads(runner.invoke(app, ["plan", "--example", "lifter", "-f", "json"]).stdout)
    broken = {**plan, "format": 2}
    assert not validator.is_valid(broken)
    del plan["days"]
    assert not validator.is_valid(plan)


def test_every_profile_key_has_a_description_with_the_parq_texts(runner: CliRunner) -> None:
    schema = schema_of(runner)
    assert [key for key, prop in properties(schema) if not prop.get("description")] == []
    screening = schema["$defs"]["Screening"]["properties"]
    for key, question in PARQ_QUESTIONS.items():
        assert question in screening[key]["description"]
    assert set(RED_FLAG_TEXTS) == set(RED_FLAGS)
    for flag in RED_FLAGS:
        assert flag in screening["red_flags"]["description"]


@pytest.mark.parametrize(("profile", "loads"), [
    ({"version": 1}, True),
    ({"version": 1, "available_days": ["mon", "mon"]}, False),
    ({"version": 1, "equipment": ["mat", "band", "mat"]}, False),
    ({"version": 1, "screening": {"red_flags": ["fever", "fever"]}}, False),
    ({"version": 1, "activities": [{"sport": "running", "days": ["tue", "tue"],
                                    "minutes": 30}]}, False),
    ({"version": 1, "activities": [{"sport": "running", "days": ["tue"], "minutes": 30,
                                    "surface": "trail"}]}, True),
    ({"version": 1, "activities": [{"sport": "cycling", "days": ["tue"], "minutes": 30,
                                    "surface": "road"}]}, False),
    ({"version": 1, "activities": [{"sport": "cycling", "days": ["tue"], "minutes": 30}]}, True),
    ({"version": 1, "stress": 7.5}, False),
    ({"version": 1, "back": {"pain": 4.5}}, False),
    # (8.0 cannot be told from 8 in JSON Schema, whose "integer" means "no fraction".)
    ({"version": "1"}, False),
    ({"version": 1, "weeks": 17}, False),
    ({"version": 1, "id": "Bad Id"}, False),
])
def test_profile_schema_is_as_strict_as_the_cli(
    runner: CliRunner, write, profile: dict[str, Any], loads: bool  # type: ignore[no-untyped-def]
) -> None:
    validator = Draft202012Validator(schema_of(runner))
    assert validator.is_valid(profile) is loads
    import tomli_w

    path = write(tomli_w.dumps(profile))
    assert (runner.invoke(app, ["validate", str(path)]).exit_code == 0) is loads


@pytest.mark.parametrize("name", example_names())
def test_examples_validate_against_the_profile_schema(runner: CliRunner, name: str) -> None:
    validator = Draft202012Validator(schema_of(runner))
    data = tomllib.loads(example_path(name).read_text(encoding="utf-8"))
    assert list(validator.iter_errors(data)) == []


def test_more_schemas_can_be_registered(runner: CliRunner) -> None:
    register_schema("demo", "a test schema", "tests.cli.test_schema:demo_schema")
    try:
        assert schema_of(runner, "demo") == demo_schema()
        from corecoach.cli.profile_cmds import _complete_schema

        assert _complete_schema("de") == ["demo"]
    finally:
        del SCHEMAS["demo"]


def demo_schema() -> dict[str, Any]:
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object"}


@pytest.mark.parametrize(("toml", "expected"), [
    ('version = "1"\n',
     ['version: must be a number without quotes (version = 1), not the text \'1\'']),
    ('version = 1\navailable_days = ["mnday"]\n',
     ["available_days[1]: 'mnday' is not allowed (allowed: mon, tue, wed, thu, fri, sat, "
      "sun)"]),
    ('version = 1\nactivities = [{sport = "running", days = ["xx"], minutes = 30}]\n',
     ["activities[1].days[1]: 'xx' is not allowed (allowed: mon, tue, wed, thu, fri, sat, "
      "sun)"]),
    ('version = 1\nname = 2026-11-30T08:00:00\n',
     ["name: must be text in quotes, not the date-time 2026-11-30T08:00:00"]),
    ('version = 1\ndesk_hours = 07:30:00\n',
     ["desk_hours: must be a whole number, not the time 07:30:00"]),
    ('version = 1\nstress = 1979-05-27\n',
     ["stress: must be a whole number, not the date 1979-05-27"]),
])
def test_messages_speak_toml_not_python(runner: CliRunner, write, toml: str,  # type: ignore[no-untyped-def]
                                        expected: list[str]) -> None:
    path = write(toml)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"error: {path}: {line}" for line in expected]
    assert "datetime" not in result.stderr and "did you mean '1'" not in result.stderr


def test_validate_json_for_editors_and_ci(runner: CliRunner, write) -> None:  # type: ignore[no-untyped-def]
    good = write("version = 1\n", "good.toml")
    bad = write('version = 1\ndesk_hour = 8\nstress = 11\n', "bad.toml")
    result = runner.invoke(app, ["validate", str(good), str(bad), "--format", "json"])
    assert result.exit_code == 2
    assert result.stderr == ""
    assert json.loads(result.stdout) == {"format": 1, "valid": False, "files": [
        {"file": str(good), "valid": True, "problems": []},
        {"file": str(bad), "valid": False, "problems": [
            {"key": "stress", "message": "11 is out of range (allowed: 0-10)"},
            {"key": "desk_hour", "message": "unknown key (did you mean 'desk_hours'?)"},
        ]},
    ]}
    only_good = runner.invoke(app, ["validate", str(good), "-f", "json"])
    assert only_good.exit_code == 0 and json.loads(only_good.stdout)["valid"] is True


def test_validate_reads_stdin(runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate", "-"], input="version = 1\nstres = 3\n")
    assert result.exit_code == 2
    assert result.stderr == "error: <stdin>: stres: unknown key (did you mean 'stress'?)\n"
    ok = runner.invoke(app, ["validate", "-", "-f", "json"], input="version = 1\n")
    assert ok.exit_code == 0
    assert json.loads(ok.stdout)["files"] == [{"file": "<stdin>", "valid": True, "problems": []}]


def test_plan_and_explain_read_stdin(runner: CliRunner) -> None:
    text = example_path("road-runner").read_text(encoding="utf-8")
    from_file = runner.invoke(app, ["plan", "--example", "road-runner", "-f", "json"]).stdout
    from_stdin = runner.invoke(app, ["plan", "-", "-f", "json"], input=text)
    assert from_stdin.exit_code == 0, from_stdin.stderr
    assert from_stdin.stdout == from_file
    explained = runner.invoke(app, ["explain", "-"], input=text)
    assert explained.exit_code == 0
    assert explained.stdout == runner.invoke(app, ["explain", "--example", "road-runner"]).stdout


@pytest.mark.parametrize(("data", "message"), [
    ("", "error: <stdin>: is empty; a profile needs at least: version = 1\n"),
    ("version = \n", "error: <stdin>: TOML syntax error: "),
    ("version = 1\nstress = 12\n", "error: <stdin>: stress: 12 is out of range (allowed: 0-10)\n"),
])
def test_bad_stdin_is_one_line(runner: CliRunner, data: str, message: str) -> None:
    result = runner.invoke(app, ["plan", "-"], input=data)
    assert result.exit_code == 2
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1


def test_stdin_is_read_once(runner: CliRunner) -> None:
    result = runner.invoke(app, ["plan", "-", "-", "-o", "x"], input="version = 1\n")
    assert result.exit_code == 2 and "stdin can be read once" in result.stderr


def test_explain_json(runner: CliRunner) -> None:
    result = runner.invoke(app, ["explain", "--example", "road-runner", "--format", "json",
                                 "--all"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["title"].startswith("Week 1 of 8: ")
    fired = data["rules"]
    assert fired and all(r["result"]["fired"] for r in fired)
    assert {"id", "because", "when", "clauses"} <= set(fired[0]["result"])
    assert data["unfired"] and not any(r["result"]["fired"] for r in data["unfired"])
    one = runner.invoke(app, ["explain", "--example", "road-runner", "-f", "json", "-e",
                              "bird-dog"])
    assert json.loads(one.stdout)["title"] == "Bird dog (bird-dog)"
    withheld = runner.invoke(app, ["explain", "-", "-f", "json"],
                             input='version = 1\n[screening]\nred_flags = ["trauma"]\n')
    assert withheld.exit_code == 3 and json.loads(withheld.stdout)["withheld"]


def test_plan_json_start_is_a_date(runner: CliRunner, write) -> None:  # type: ignore[no-untyped-def]
    path = write(dated_example_text("lifter"))
    data = json.loads(runner.invoke(app, ["plan", str(path), "-f", "json"]).stdout)
    assert dt.date.fromisoformat(data["start"]) == dt.date(2026, 11, 30)


def test_paths_command(runner: CliRunner, tmp_path: Path,
                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORECOACH_JOURNAL", str(tmp_path / "j.sqlite3"))
    monkeypatch.setenv("CORECOACH_ROUTINES", str(tmp_path / "mine"))
    result = runner.invoke(app, ["paths", "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["profile"] == str(tmp_path / "config" / "profile.toml")
    assert data["journal"] == str(tmp_path / "j.sqlite3")
    assert data["cache"] == str(tmp_path / "cache")
    assert data["routines"][1:] == [str(tmp_path / "mine")]
    text = runner.invoke(app, ["paths"]).stdout
    assert text.splitlines()[0].startswith(f"profile   {tmp_path / 'config' / 'profile.toml'}")
    assert "(CORECOACH_ROUTINES)" in text and "journal " in text


def test_journal_default_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import sys

    from corecoach.paths import default_journal_path

    monkeypatch.delenv("CORECOACH_JOURNAL", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    if sys.platform.startswith("linux"):
        assert default_journal_path() == tmp_path / "data" / "corecoach" / "journal.sqlite3"
