"""Back on the road, as a runner would use it: log runs with past dates, read the plan."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from tests.dated import dated_example_text
from typer.testing import CliRunner

from corecoach.cli import app
from corecoach.plan_schema import plan_json_schema

TODAY = "2026-11-20"


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    path = tmp_path / "runner.toml"
    path.write_text(dated_example_text("road-runner").replace(
        "version = 1\n", 'version = 1\nid = "road-runner-test"\n', 1))
    return path


def ok(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, [*args, "--today", TODAY])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def run(runner: CliRunner, profile: Path, date: str, surface: str, minutes: int,
        tight: int | None = None) -> None:
    args = ["log", str(profile), "--activity", "running", "--minutes", str(minutes),
            "--surface", surface, "--date", date]
    ok(runner, *args, *(["--tight-at", str(tight)] if tight is not None else []))


def check_in(runner: CliRunner, profile: Path, date: str, pain: int = 3) -> None:
    ok(runner, "check-in", str(profile), "--pain", str(pain), "--date", date)


def plan(runner: CliRunner, profile: Path, today: str) -> dict:  # type: ignore[type-arg]
    result = runner.invoke(app, ["plan", str(profile), "-f", "json", "--today", today])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    Draft202012Validator(plan_json_schema()).validate(data)
    return data  # type: ignore[no-any-return]


def routes(data: dict) -> set[tuple[tuple[str, int], ...]]:  # type: ignore[type-arg]
    return {tuple((leg["surface"], leg["minutes"]) for leg in s["route"])
            for d in data["days"] for s in d["sessions"] if s["route"] is not None}


def test_a_road_runner_gets_back_on_the_road_step_by_step(runner: CliRunner,
                                                          profile: Path) -> None:
    # October: ten road runs tightening at minutes 20-25, easy treadmill and trail runs
    for i in range(10):
        date = f"2026-10-{1 + 2 * i:02}"
        run(runner, profile, date, "road", 50, tight=20 + i % 6)
        check_in(runner, profile, f"2026-10-{2 + 2 * i:02}")
    for i, surface in enumerate(["treadmill", "trail"] * 4):
        run(runner, profile, f"2026-10-{2 + 2 * i:02}", surface, 45)
    first = plan(runner, profile, "2026-10-22")
    assert routes(first) == {(("road", 15), ("trail or treadmill", 35))}
    road = first["road_return"]
    assert (road["stage"], road["road_minutes"], road["onset_minute"]) == (1, 15, 22)
    text = json.dumps(first)
    assert "All of your runs are on the road" not in text
    today = runner.invoke(app, ["today", str(profile), "--today", "2026-10-22"]).stdout
    assert "running 50 min: first 15 on the road, then trail or treadmill" in today

    # two clean road runs (no --tight-at: they did not tighten) with usual mornings
    for date, after in (("2026-10-22", "2026-10-23"), ("2026-10-24", "2026-10-25")):
        run(runner, profile, date, "road", 50)
        check_in(runner, profile, after)
    up = plan(runner, profile, "2026-10-26")
    assert routes(up) == {(("road", 20), ("trail or treadmill", 30))}
    assert up["road_return"]["stage"] == 2

    # one that tightens at minute 12: back to 15
    run(runner, profile, "2026-10-27", "road", 50, tight=12)
    down = plan(runner, profile, "2026-10-27")
    assert routes(down) == {(("road", 15), ("trail or treadmill", 35))}
    assert "minute 12" in down["road_return"]["because"]
    for fmt, shown in (("markdown", "first 15 on the road"), ("html", "15 road, 35 off-road"),
                       ("text", "Back on the road, stage 1")):
        out = runner.invoke(app, ["plan", str(profile), "-f", fmt, "--today", "2026-10-27"])
        assert out.exit_code == 0 and shown in out.stdout.replace("\n", " ")
    ics = runner.invoke(app, ["plan", str(profile), "-f", "ics", "--today", "2026-10-27"])
    assert "first 15 on the road" in ics.stdout.replace("\r\n ", "")

    table = ok(runner, "history", str(profile), "--by", "surface")
    assert "Onset" in table and "Tight" in table
    surfaces = json.loads(ok(runner, "history", str(profile), "--by", "surface", "-f", "json"))
    road_row = next(s for s in surfaces["by_surface"] if s["surface"] == "road")
    assert (road_row["runs"], road_row["tightened"], road_row["mean_minutes"]) == \
        (13, 11, 50.0)


def test_a_plan_without_road_trouble_has_no_road_return(runner: CliRunner) -> None:
    data = json.loads(runner.invoke(app, ["plan", "--example", "desk-worker", "-f",
                                          "json"]).stdout)
    assert data["road_return"] is None
    assert all(s["route"] is None for d in data["days"] for s in d["sessions"])


@pytest.mark.parametrize("args", [
    ["--activity", "cycling", "--minutes", "40", "--surface", "road"],
    ["--activity", "running", "--minutes", "40", "--surface", "gravel"],
])
def test_a_route_on_a_non_running_sport_is_one_line(runner: CliRunner, profile: Path,
                                                    args: list[str]) -> None:
    result = runner.invoke(app, ["log", str(profile), *args, "--today", TODAY])
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1


def test_log_help_says_a_run_without_tight_at_did_not_tighten(runner: CliRunner) -> None:
    result = runner.invoke(app, ["log", "--help"], env={"COLUMNS": "200"})
    assert "did not tighten" in result.stdout
