"""plan and explain through CliRunner: formats, exit codes, batch, golden files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.dated import dated_example_text
from tests.goldens import assert_golden
from typer.testing import CliRunner

from corecoach.cli import app

TODAY = ["--today", "2026-11-26"]


@pytest.mark.parametrize("name", ["road-runner", "desk-worker", "lifter"])
@pytest.mark.parametrize(("fmt", "ext"), [("text", "txt"), ("markdown", "md"), ("json", "json")])
def test_golden_plans(runner: CliRunner, name: str, fmt: str, ext: str,
                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = runner.invoke(app, ["plan", "--example", name, "--format", fmt, *TODAY])
    assert result.exit_code == 0, result.stderr
    assert_golden(f"{name}-week1.{ext}", result.stdout)


def test_text_fits_80_columns_without_colour(runner: CliRunner,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = runner.invoke(app, ["plan", "--example", "road-runner", *TODAY])
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    assert "\x1b[" not in result.stdout


def test_json_follows_the_contract(runner: CliRunner, write) -> None:  # type: ignore[no-untyped-def]
    path = write(dated_example_text("road-runner"))
    result = runner.invoke(app, ["plan", str(path), "-f", "json", "-w", "2"])
    data = json.loads(result.stdout)
    assert {"corecoach", "week", "weeks", "deload", "start", "days", "rules", "notes"} <= set(data)
    assert data["week"] == 2 and data["start"] == "2026-11-30"
    assert [d["day"] for d in data["days"]] == ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    assert data["days"][0]["date"] == "2026-12-07"
    for day in data["days"]:
        for item in day["items"]:
            assert {"exercise", "name", "category", "level", "sets", "reps", "seconds",
                    "per_side", "load_kg"} <= set(item)
            assert item["category"] in {"core", "flexibility", "hinge", "mobility", "breathing"}
            assert item["reps"] is None or isinstance(item["reps"], int | list)
    assert all({"id", "because"} <= set(r) for r in data["rules"])


def test_output_is_deterministic(runner: CliRunner) -> None:
    a = runner.invoke(app, ["plan", "--example", "lifter", "-f", "json", *TODAY]).stdout
    b = runner.invoke(app, ["plan", "--example", "lifter", "-f", "json", *TODAY]).stdout
    assert a == b


def test_default_week_follows_today(runner: CliRunner, write) -> None:  # type: ignore[no-untyped-def]
    path = write(dated_example_text("road-runner"))
    result = runner.invoke(app, ["plan", str(path), "-f", "json",
                                 "--today", "2026-12-22"])
    assert json.loads(result.stdout)["week"] == 4
    assert json.loads(result.stdout)["deload"] is True


def test_format_follows_the_output_extension(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "week.md"
    result = runner.invoke(app, ["plan", "--example", "road-runner", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert out.read_text().startswith("# Road runner - week 1 of 8")
    assert not list(tmp_path.glob(".week.md*")), "no temp file left behind"


def test_profile_argument_and_default_profile(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = runner.invoke(app, ["plan"])
    assert result.exit_code == 2
    assert "corecoach init" in result.stderr
    mine = tmp_path / "config" / "profile.toml"
    mine.parent.mkdir()
    mine.write_text("version = 1\n")
    result = runner.invoke(app, ["plan", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    result = runner.invoke(app, ["plan", str(mine), "-f", "json"])
    assert result.exit_code == 0


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--example", "road-runer"], "did you mean 'road-runner'?"),
        (["--example", "road-runner", "--format", "pdf"],
         "error: --format: 'pdf' is not allowed (allowed: text, markdown, json, html, ics)\n"),
        (["--example", "road-runner", "--format", "jsn"], "(allowed: text, markdown, json, "
         "html, ics; did you mean 'json'?)"),
        (["--example", "road-runner", "--formt", "json"],
         "error: --formt: no such option (did you mean --format?)\n"),
        (["--example", "road-runner", "--week", "x"], "error: --week: must be a whole number\n"),
        (["--example", "road-runner", "--week", "9"], "week 9 is outside the program"),
        (["--example", "road-runner", "--weeks", "some"],
         "error: --weeks: 'some' is not allowed (allowed: all)\n"),
        (["--example", "road-runner", "--time", "25:99"], "is not a time"),
        (["--example", "road-runner", "--routines", "/nonexistent"], "no such folder"),
    ],
)
def test_bad_options_exit_2(runner: CliRunner, args: list[str], words: str) -> None:
    result = runner.invoke(app, ["plan", *args])
    assert result.exit_code == 2
    assert words in result.stderr
    assert "Traceback" not in result.output


def test_invalid_profile_exits_2(runner: CliRunner, write) -> None:  # type: ignore[no-untyped-def]
    path = write("version = 1\nstress = 20\n")
    result = runner.invoke(app, ["plan", str(path)])
    assert result.exit_code == 2
    assert f"error: {path}: stress: 20 is out of range" in result.stderr


def test_red_flag_exits_3_with_care_advice(runner: CliRunner, write) -> None:  # type: ignore[no-untyped-def]
    path = write('version = 1\n[screening]\nred_flags = ["saddle-numbness"]\n')
    result = runner.invoke(app, ["plan", str(path)])
    assert result.exit_code == 3
    assert "emergency" in result.stdout.lower()
    result = runner.invoke(app, ["plan", str(path), "-f", "json"])
    assert result.exit_code == 3
    data = json.loads(result.stdout)
    assert data["withheld"] is True and data["urgent"] is True
    assert data["reason"] and data["advice"]


def test_parq_yes_exits_3_until_cleared(runner: CliRunner, write) -> None:  # type: ignore[no-untyped-def]
    path = write("version = 1\n[screening]\nheart_condition = true\n")
    result = runner.invoke(app, ["plan", str(path), "-f", "json"])
    assert result.exit_code == 3
    assert "heart" in json.loads(result.stdout)["reason"]
    path = write("version = 1\n[screening]\nheart_condition = true\ncleared = true\n")
    assert runner.invoke(app, ["plan", str(path)]).exit_code == 0


def test_batch_plans_every_good_profile(runner: CliRunner, tmp_path: Path, write) -> None:  # type: ignore[no-untyped-def]
    good = write("version = 1\nname = \"A\"\n", "alice.toml")
    bad = write("version = 1\nstress = 99\n", "bob.toml")
    flagged = write('version = 1\n[screening]\nred_flags = ["fever"]\n', "carol.toml")
    out = tmp_path / "plans"
    result = runner.invoke(app, ["plan", str(good), str(bad), str(flagged), "-o", str(out),
                                 "-f", "json"])
    assert result.exit_code == 2
    assert sorted(p.name for p in out.iterdir()) == ["alice.json", "carol.json"]
    assert "bob.toml: stress: 99" in result.stderr
    assert "withheld: " in result.stderr
    assert json.loads((out / "carol.json").read_text())["withheld"] is True


@pytest.mark.parametrize("command", ["plan", "validate"])
def test_a_batch_costs_typer_no_pydantic_adapter_per_file(
        runner: CliRunner, tmp_path: Path, write, command: str,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    """typer builds a pydantic TypeAdapter for every Path value it parses (36 us each): the
    profile arguments are text, so a coach's 500 profiles do not pay it 500 times."""
    import pydantic

    built: list[object] = []
    real_init = pydantic.TypeAdapter.__init__

    def counting(self: object, *args: object, **kwargs: object) -> None:
        built.append(args[0] if args else None)
        real_init(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pydantic.TypeAdapter, "__init__", counting)

    def adapters(count: int) -> int:
        built.clear()
        files = [str(write("version = 1\n", f"p{n}.toml")) for n in range(count)]
        extra = ["-o", str(tmp_path / f"out{count}"), "-q"] if command == "plan" else []
        result = runner.invoke(app, [command, *files, *extra])
        assert result.exit_code == 0, result.stderr
        return len(built)

    assert adapters(2) == adapters(6)


def test_batch_needs_an_output_folder(runner: CliRunner, write) -> None:  # type: ignore[no-untyped-def]
    a, b = write("version = 1\n", "a.toml"), write("version = 1\n", "b.toml")
    result = runner.invoke(app, ["plan", str(a), str(b)])
    assert result.exit_code == 2
    assert "-o FOLDER" in result.stderr


def test_explain_lists_fired_rules_with_clauses(runner: CliRunner) -> None:
    result = runner.invoke(app, ["explain", "--example", "road-runner", *TODAY])
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "road-running-back (fired)" in out
    assert "back_symptom = " in out
    assert "+ hinges: dowel-hinge on" in out
    assert "(did not fire)" not in out


def test_explain_all_shows_the_failed_clause(runner: CliRunner) -> None:
    result = runner.invoke(app, ["explain", "--example", "road-runner", "--all", *TODAY])
    assert "flare (did not fire)" in result.stdout
    assert "failed at:" in result.stdout


@pytest.mark.parametrize(
    ("exercise", "words"),
    [
        ("dowel-hinge", "In your plan on"),
        ("good-morning-barbell", "needs equipment you have not listed"),
        ("plank-rkc", "No rule asks for it"),
    ],
)
def test_explain_exercise(runner: CliRunner, exercise: str, words: str) -> None:
    result = runner.invoke(app, ["explain", "--example", "road-runner", "-e", exercise, *TODAY])
    assert result.exit_code == 0, result.stderr
    assert words in result.stdout


def test_explain_unknown_exercise_exits_2(runner: CliRunner) -> None:
    result = runner.invoke(app, ["explain", "--example", "road-runner", "-e", "bird-dgo"])
    assert result.exit_code == 2
    assert "did you mean 'bird-dog'?" in result.stderr


def test_withheld_plans_in_html_and_ics(runner: CliRunner, tmp_path: Path, write) -> None:  # type: ignore[no-untyped-def]
    path = write('version = 1\nstart = 2026-11-30\n[screening]\nred_flags = ["both-legs"]\n')
    page = tmp_path / "w.html"
    result = runner.invoke(app, ["plan", str(path), "-o", str(page)])
    assert result.exit_code == 3
    assert "<h1>Stop: get care first</h1>" in page.read_text()
    cal = tmp_path / "w.ics"
    result = runner.invoke(app, ["plan", str(path), "-o", str(cal)])
    assert result.exit_code == 3
    assert not cal.exists(), "no calendar for a withheld plan"
    assert "emergency" in result.stderr.lower()


@pytest.mark.parametrize("option", [["--time", "07:00"], ["--weeks", "all"]])
def test_ics_only_options_are_refused_elsewhere(runner: CliRunner, option: list[str]) -> None:
    result = runner.invoke(app, ["plan", "--example", "road-runner", *option])
    assert result.exit_code == 2
    assert "applies to --format ics only" in result.stderr


def test_batch_ics_dates_a_profile_without_start(
    runner: CliRunner, tmp_path: Path, write  # type: ignore[no-untyped-def]
) -> None:
    dated = write("version = 1\nstart = 2026-11-30\n", "dated.toml")
    undated = write("version = 1\n", "undated.toml")
    out = tmp_path / "cals"
    result = runner.invoke(app, ["plan", str(undated), str(dated), "-o", str(out), "-f", "ics",
                                 "--today", "2026-12-01"])
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["dated.ics", "undated.ics"]
    assert f"note: {undated}: no start date; the calendar starts on Monday 2026-12-07" \
        in result.stderr


def test_explain_withheld_exits_3(runner: CliRunner, write) -> None:  # type: ignore[no-untyped-def]
    path = write('version = 1\n[screening]\nred_flags = ["trauma"]\n')
    result = runner.invoke(app, ["explain", str(path)])
    assert result.exit_code == 3
    assert "withheld" in result.stdout.lower()


def test_unwritable_output_is_one_line(runner: CliRunner, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = runner.invoke(app, ["plan", "--example", "road-runner", "-o",
                                 str(blocker / "week.md")])
    assert result.exit_code == 2
    assert f"{blocker} is a file, not a folder" in result.stderr
    assert "Traceback" not in result.output


def test_a_finished_program_says_so(runner: CliRunner, write) -> None:  # type: ignore[no-untyped-def]
    path = write(dated_example_text("road-runner"))
    result = runner.invoke(app, ["plan", str(path), "-f", "json",
                                 "--today", "2027-03-01"])
    assert result.exit_code == 0
    plan = json.loads(result.stdout)
    assert plan["week"] == 8
    # The plan itself says so, first thing (an alert), in every format
    assert any("program ended on 2027-01-24" in alert for alert in plan["alerts"])
