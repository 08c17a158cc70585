"""Profiles written by `init` are editor-ready: a #:schema line, short comments, the schema."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from jsonschema import Draft202012Validator
from tests.cli.test_init import ROAD_RUNNER, lines, run
from typer.testing import CliRunner

from corecoach.cli import app
from corecoach.profile import load_profile, parse_profile
from corecoach.profile_template import SCHEMA_FILE, is_template_text, new_profile_text
from corecoach.resources import example_names, example_path


def test_init_writes_an_editor_ready_profile(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "me.toml"
    assert run(runner, path, lines(*ROAD_RUNNER)).exit_code == 0
    text = path.read_text(encoding="utf-8")
    first, second = text.splitlines()[:2]
    assert first == f"#:schema ./{SCHEMA_FILE}"
    assert second.startswith("# corecoach profile")
    for key in ("experience", "desk_hours", "stress", "session_minutes", "equipment", "weeks"):
        line = next(line for line in text.splitlines() if line.startswith(f"{key} = "))
        assert " # " in line, f"{key} has a comment"
    assert "# running only: road | trail | treadmill | track | mixed" in text
    beside = json.loads((tmp_path / SCHEMA_FILE).read_text(encoding="utf-8"))
    assert beside == json.loads(runner.invoke(app, ["schema"]).stdout)
    # Editors hand TOML dates to the schema as strings (format "date").
    data = json.loads(json.dumps(tomllib.loads(text), default=str))
    assert list(Draft202012Validator(beside).iter_errors(data)) == []
    load_profile(path)  # and corecoach reads it back


def test_rerunning_init_keeps_the_template(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "me.toml"
    assert run(runner, path, lines(*ROAD_RUNNER)).exit_code == 0
    first = path.read_text(encoding="utf-8")
    assert is_template_text(first)
    assert not is_template_text(first.replace("# profile format; always 1", "# my own words"))
    assert not is_template_text("version = 1\n")


def test_template_round_trips_every_example() -> None:
    for name in example_names():
        profile = load_profile(example_path(name))
        text = new_profile_text(profile)
        assert parse_profile(tomllib.loads(text), name) == profile
        assert max(len(line) for line in text.splitlines()) <= 92
        assert is_template_text(text)


def test_template_keeps_goals_after_and_the_road_minute() -> None:
    profile = parse_profile({"version": 1, "goals": ["run 10 km", "sit 2 h"],
                             "after": "maintain", "back": {"tight_after_minutes": 20}}, "x")
    text = new_profile_text(profile)
    assert parse_profile(tomllib.loads(text), "x") == profile
    assert is_template_text(text)


def test_template_quotes_hostile_names() -> None:
    profile = parse_profile({"version": 1, "name": 'Ann "Bo" \\ Zoë # not a comment'}, "x")
    assert parse_profile(tomllib.loads(new_profile_text(profile)), "x") == profile
