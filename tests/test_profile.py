"""Profile model: defaults, ranges, messages, TOML round trip."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from corecoach.errors import InputError, ProfileError
from corecoach.profile import (
    Profile,
    load_profile,
    parse_profile,
    profile_json_schema,
    profile_to_toml,
    save_profile,
)
from corecoach.tomlio import parse_toml_text
from corecoach.vocab import DAYS
from tests.strategies import profiles


def test_minimal_profile_takes_the_documented_defaults() -> None:
    p = parse_profile({"version": 1}, "p.toml")
    assert p.experience == "beginner"
    assert p.session_minutes == 20
    assert p.available_days == DAYS
    assert p.equipment == ("mat",)
    assert p.weeks == 8
    assert p.back.symptom == "none" and p.back.pain == 0
    assert p.screening.red_flags == () and not p.screening.cleared


def problems(data: dict[str, object]) -> list[str]:
    with pytest.raises(ProfileError) as info:
        parse_profile(data, "p.toml")
    return info.value.lines()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"version": 1, "stress": 11}, "p.toml: stress: 11 is out of range (allowed: 0-10)"),
        ({"version": 1, "desk_hours": -1}, "p.toml: desk_hours: -1 is out of range (allowed: 0-18)"),
        ({"version": 1, "weeks": 3}, "p.toml: weeks: 3 is out of range (allowed: 4-16)"),
        ({"version": 1, "stress": "high"}, "p.toml: stress: must be a whole number"),
        ({"version": 1, "stress": True}, "p.toml: stress: must be a whole number"),
        ({"version": 1, "desk_hour": 8}, "p.toml: desk_hour: unknown key (did you mean 'desk_hours'?)"),
        ({"version": 1, "experience": "expert"}, "experience: 'expert' is not allowed (allowed: beginner, intermediate, advanced"),
        ({"version": 1, "available_days": ["mon", "thurs"]}, "available_days[2]: 'thurs' is not allowed (allowed: mon, tue, wed, thu, fri, sat, sun; did you mean 'thu'?)"),
        ({"version": 1, "available_days": ["mon", "mon"]}, "available_days: lists 'mon' twice"),
        ({"version": 1, "available_days": []}, "available_days: must not be empty"),
        ({"version": 1, "equipment": ["kettlebel"]}, "did you mean 'kettlebell'?"),
        ({"version": 1, "activities": [{"sport": "runing", "days": ["tue"], "minutes": 30}]}, "activities[1].sport: 'runing' is not allowed (allowed: running, cycling"),
        ({"version": 1, "activities": [{"sport": "cycling", "days": ["tue"], "minutes": 30, "surface": "road"}]}, "activities[1].surface: applies to running only"),
        ({"version": 1, "activities": [{"sport": "running", "days": ["tue"]}]}, "activities[1].minutes: is required"),
        ({"version": 1, "activities": [{"sport": "running", "days": ["tue"], "minutes": 30, "pace": 5}]}, "activities[1].pace: unknown key"),
        ({"version": 1, "back": {"symptom": "flair"}}, "back.symptom: 'flair' is not allowed (allowed: none, stiff-mornings, tight-after-activity, seizes-during-running, ongoing-pain, flare; did you mean 'flare'?)"),
        ({"version": 1, "back": {"pain": 3.5}}, "back.pain: must be a whole number, not the decimal 3.5"),
        ({"version": 1, "screening": {"cleard": True}}, "screening.cleard: unknown key (did you mean 'cleared'?)"),
        ({"version": 1, "screening": {"red_flags": ["fevr"]}}, "did you mean 'fever'?"),
        ({"version": 1, "screening": {"chest_pain": "no"}}, "screening.chest_pain: must be true or false"),
        ({"version": 1, "start": dt.date(2026, 12, 1)}, "start: 2026-12-01 is a Tuesday; start must be a Monday (the Monday before is 2026-11-30)"),
        ({"version": 1, "start": "next monday"}, "start: must be a date such as 2026-11-30 (no quotes)"),
        ({"version": 3}, "version: profile format 3 is newer than this corecoach understands"),
        ({"version": 0}, "version: 0 is not allowed (allowed: 1)"),
        ({}, "version: is required (put version = 1 at the top of the file)"),
        ({"version": 1, "back": 4}, "back: must be a table"),
    ],
)
def test_bad_values_name_the_key_and_the_fix(data: dict[str, object], expected: str) -> None:
    lines = problems(data)
    assert any(expected in line for line in lines), lines
    assert all(line.startswith("p.toml: ") for line in lines)


@pytest.mark.parametrize("value", ["2026-11-30", dt.datetime(2026, 11, 30)])
def test_start_must_be_a_toml_date_not_text_or_a_time(value: object) -> None:
    # The message says "no quotes": a quoted date (or a date-time) is refused as it says.
    lines = problems({"version": 1, "start": value})
    assert len(lines) == 1 and "must be a date such as 2026-11-30 (no quotes)" in lines[0]


def test_every_problem_is_reported_not_just_the_first() -> None:
    lines = problems({"version": 1, "stress": 12, "desk_hours": 30, "typo": 1})
    assert len(lines) == 3


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "is empty"),
        (b"   \n", "is empty"),
        (b"\x00\x01\x02binary", "is a binary file"),
        (b"\xff\xfe\xfa", "is not UTF-8 text"),
        (b"version = 1\nstress = [1,\n", "TOML syntax error"),
        (b"version = 1\nname = \"x\nstress = 3\n", "line 2"),
    ],
)
def test_unreadable_files_give_one_line(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        load_profile(path)
    (line,) = info.value.lines()
    assert expected in line and line.startswith(str(path))


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_profile(tmp_path / "nope.toml")
    with pytest.raises(InputError, match="is a folder"):
        load_profile(tmp_path)


def test_save_is_atomic_and_leaves_no_temp_files(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "p.toml"
    profile = parse_profile({"version": 1, "name": "Sam"}, "x")
    save_profile(profile, target)
    assert load_profile(target) == profile
    assert [p.name for p in target.parent.iterdir()] == ["p.toml"]


def test_save_failure_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "p.toml"
    target.write_text("version = 1\nname = \"old\"\n")
    import os

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        save_profile(parse_profile({"version": 1, "name": "new"}, "x"), target)
    assert target.read_text() == "version = 1\nname = \"old\"\n"
    assert [p.name for p in tmp_path.iterdir()] == ["p.toml"]


def test_json_schema_describes_the_contract() -> None:
    schema = profile_json_schema()
    props = schema["properties"]
    assert {"version", "experience", "desk_hours", "stress", "session_minutes",
            "available_days", "equipment", "weeks", "start", "activities", "back",
            "screening"} <= set(props)
    assert schema["additionalProperties"] is False
    assert props["stress"]["maximum"] == 10


# --- round trip ------------------------------------------------------------------------


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(profiles())
def test_any_valid_profile_survives_a_toml_round_trip(profile: Profile) -> None:
    text = profile_to_toml(profile)
    again = parse_profile(parse_toml_text(text, "rt.toml"), "rt.toml")
    assert again == profile


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes("\ufeffversion = 1\nstress = 3\n".encode())
    assert load_profile(path).stress == 3
