"""`corecoach init` through CliRunner: answers come from `input=`, one per line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corecoach.cli import app, console, init_cmd, prompting
from corecoach.profile import Profile, load_profile
from corecoach.safety import CLINICIAN_ADVICE, URGENT_ADVICE

NO_PARQ = ["n"] * 7
ROAD_RUNNER = [
    *NO_PARQ, "n",
    "running, karate, cycling",
    "tue,thu,sun", "50", "road", "mon,wed", "90", "sat", "60",
    "8", "6", "4", "4", "", "", "",  # age, work, pregnancy: skipped
    "mat,band,dowel", "", "25", "", "", "2026-11-30", "Sam",
    "", "",  # the minute a road run tightens, goal 1: none (issue 17)
    "y",
]
ENTER = "\n" * 40  # more Enter presses than any run needs


def _without_id(profile: Profile) -> Profile:
    """The profile minus the id init writes (random, so compared separately)."""
    assert profile.id is not None and len(profile.id) == 8
    return profile.model_copy(update={"id": None})


def lines(*answers: str) -> str:
    return "".join(f"{a}\n" for a in answers)


def run(runner: CliRunner, path: Path | None, text: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["init", *([str(path)] if path else [])], input=text)


def test_road_runner(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "me.toml"
    result = run(runner, path, lines(*ROAD_RUNNER))
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    profile = load_profile(path)
    assert [(a.sport, a.days, a.minutes, a.surface) for a in profile.activities] == [
        ("running", ("tue", "thu", "sun"), 50, "road"),
        ("karate", ("mon", "wed"), 90, None),
        ("cycling", ("sat",), 60, None),
    ]
    assert (profile.desk_hours, profile.stress) == (8, 6)
    assert (profile.back.symptom, profile.back.pain) == ("seizes-during-running", 4)
    assert profile.equipment == ("mat", "dowel", "band")
    assert (profile.session_minutes, profile.weeks) == (25, 8)
    assert profile.start == dt.date(2026, 11, 30)
    out = result.stdout
    # the summary, the confirmation, where the file is (said first: E4), then week 1
    assert out.index("Your answers") < out.index(f"Save to {path}? [Y/n]: y")
    assert "week 1 of 8" in out
    assert out.index(f"Saved your profile to {path}") < out.index("week 1 of 8")
    # piped answers are echoed after their prompts
    assert "Running: minutes per session? (5-600) [45]: 50\n" in out


def test_enter_through_every_default(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    result = run(runner, path, ENTER)
    assert result.exit_code == 0, result.output
    assert _without_id(load_profile(path)) == Profile(version=1)
    assert "Stress over the last two weeks? (0-10, 0 = none, 10 = worst) [0]: \n" in result.stdout


def test_default_path_is_the_config_profile(runner: CliRunner, tmp_path: Path) -> None:
    result = run(runner, None, ENTER)
    assert result.exit_code == 0, result.output
    target = tmp_path / "config" / "profile.toml"  # $CORECOACH_PROFILE, set by conftest
    assert _without_id(load_profile(target)) == Profile(version=1)
    assert f"Saved your profile to {target}" in result.stdout
    assert "`corecoach plan --week 2`" in result.stdout


def test_rerun_keeps_the_answers_as_defaults(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "me.toml"
    assert run(runner, path, lines(*ROAD_RUNNER)).exit_code == 0
    first = path.read_bytes()
    again = run(runner, path, ENTER)
    assert again.exit_code == 0, again.output
    assert path.read_bytes() == first
    out = again.stdout
    assert f"Your answers in {path} are the defaults." in out
    assert "Which sports do you do? (numbers or names, e.g. 1,3; none) " \
           "[running, karate, cycling]: " in out
    assert "Karate: on which days? (days like tue,thu or mon-fri) [mon, wed]: " in out
    assert "Start date (the Monday of week 1)? (YYYY-MM-DD, or none) [2026-11-30]: " in out
    assert f"Save to {path} (updating the file there; its comments are kept)? [Y/n]: " in out


def test_bad_answers_are_asked_again(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    answers = [*NO_PARQ, "maybe", "n", "running", "tue, thx", "tue,thu", "3", "50", "",
               "19", "8", "11", "6", "flair", "flare", "4", "", "", "", "", "", "100", "30", "",
               "20", "10", "2026-12-02", "2026-11-30", "", "", "", "y"]
    result = run(runner, path, lines(*answers))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "'maybe' is not an answer here: type y or n" in out
    assert "'thx' is not a day (did you mean thu?); allowed: mon, tue, wed, thu, fri, sat, " \
           "sun." in out
    assert "3 is out of range: answer a whole number from 5 to 600." in out
    assert "19 is out of range: answer a whole number from 0 to 18." in out
    assert "did you mean flare?" in out
    assert "100 is out of range: answer a whole number from 5 to 90." in out
    assert "20 is out of range: answer a whole number from 4 to 16." in out
    assert "2026-12-02 is a Wednesday; week 1 starts on a Monday: the Monday before is " \
           "2026-11-30." in out
    profile = load_profile(path)
    assert profile.activities[0].days == ("tue", "thu")
    assert (profile.desk_hours, profile.stress, profile.back.symptom) == (8, 6, "flare")
    assert (profile.session_minutes, profile.weeks) == (30, 10)
    assert "Traceback" not in result.output


@pytest.mark.parametrize("flag", ["1", "saddle", "bladder-bowel-change", "3", "4"])
def test_urgent_red_flag_stops_at_once(runner: CliRunner, tmp_path: Path, flag: str) -> None:
    path = tmp_path / "p.toml"
    result = run(runner, path, lines(*NO_PARQ, "y", flag) + ENTER)
    assert result.exit_code == 3, result.output
    assert not path.exists()
    out = " ".join(result.stdout.split())
    assert "Stop: get care first" in out
    assert URGENT_ADVICE in out
    assert "Nothing was written." in out
    assert "Which sports" not in out


def test_other_red_flag_sends_to_a_clinician(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text("version = 1\nstress = 3\n", encoding="utf-8")
    before = path.read_bytes()
    result = run(runner, path, lines(*NO_PARQ, "y", "9"))
    assert result.exit_code == 3
    assert CLINICIAN_ADVICE in " ".join(result.stdout.split())
    assert path.read_bytes() == before


def test_parq_yes_without_clearance_saves_then_withholds(runner: CliRunner,
                                                         tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    result = run(runner, path, lines("y", *["n"] * 6, "n") + ENTER)
    assert result.exit_code == 3, result.output
    out = result.stdout
    assert "corecoach will withhold your plan until" in out
    assert "Plan withheld for your safety" in out
    assert out.index(f"Saved your profile to {path}") < out.index("Plan withheld")
    profile = load_profile(path)
    assert profile.screening.heart_condition is True
    assert profile.screening.cleared is False


def test_parq_yes_and_cleared_gets_a_plan(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    result = run(runner, path, lines("n", "y", *["n"] * 5, "y") + ENTER)
    assert result.exit_code == 0, result.output
    assert "week 1 of 8" in result.stdout
    assert load_profile(path).screening.cleared is True


def test_declining_writes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    result = run(runner, path, "\n" * 24 + "n\n")
    assert result.exit_code == 0
    assert "Nothing was written." in result.stdout
    assert not path.exists()


@pytest.mark.parametrize("answers", [0, 5, 12, 19])
def test_end_of_input_exits_2_and_writes_nothing(runner: CliRunner, tmp_path: Path,
                                                 answers: int) -> None:
    path = tmp_path / "p.toml"
    result = run(runner, path, "\n" * answers)
    assert result.exit_code == 2, result.output
    assert result.stderr == "error: input ended before the last question; nothing was written\n"
    assert not path.exists()


def test_interrupt_exits_130_and_leaves_the_profile_alone(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "me.toml"
    assert run(runner, path, lines(*ROAD_RUNNER)).exit_code == 0
    before = path.read_bytes()
    calls = 0
    read = prompting.read_line

    def interrupted(prompt: str) -> str:
        nonlocal calls
        calls += 1
        if calls == 12:
            raise KeyboardInterrupt
        return read(prompt)

    monkeypatch.setattr(prompting, "read_line", interrupted)
    result = run(runner, path, lines("", "", "y", "", "", "", "", "", "", "", "8", "9"))
    assert result.exit_code == 130
    assert "interrupted; nothing was written" in result.stderr
    assert path.read_bytes() == before
    # no temp file left (the cache folder, and the data folder holding its key, are not ones)
    assert sorted(p.name for p in tmp_path.iterdir()
                  if p.name not in ("cache", "xdg-data")) == [
        "corecoach-profile.schema.json", "me.toml"]


def test_interrupt_at_the_confirmation(runner: CliRunner, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "p.toml"

    def read(prompt: str) -> str:
        if prompt.startswith("Save to"):
            raise KeyboardInterrupt
        return ""

    monkeypatch.setattr(prompting, "read_line", read)
    result = run(runner, path, "")
    assert result.exit_code == 130
    assert not path.exists()


def test_invalid_existing_profile(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text("version = 1\nstress = 99\n", encoding="utf-8")
    before = path.read_bytes()
    declined = run(runner, path, "\n" * 24 + "n\n")
    assert declined.exit_code == 0
    (note,) = declined.stderr.splitlines()
    assert note.startswith(f"note: {path}: stress: 99 is out of range")
    assert "starting from the built-in defaults" in note
    assert "Stress over the last two weeks? (0-10, 0 = none, 10 = worst) [0]: " in declined.stdout
    assert path.read_bytes() == before
    saved = run(runner, path, ENTER)
    assert saved.exit_code == 0
    assert _without_id(load_profile(path)) == Profile(version=1)


def test_a_folder_is_not_a_profile(runner: CliRunner, tmp_path: Path) -> None:
    result = run(runner, tmp_path, ENTER)
    assert result.exit_code == 2
    assert "is a folder" in result.stderr
    assert result.stdout == ""


def test_help_has_an_example(runner: CliRunner) -> None:
    result = runner.invoke(app, ["init", "--help"])
    assert result.exit_code == 0
    assert "Example" in result.stdout
    assert "corecoach init me.toml" in result.stdout


def test_long_prompts_wrap_in_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    prompt = "3/7 In the last 12 months, have you lost balance because of dizziness? [y/N]: "
    monkeypatch.setenv("COLUMNS", "40")
    monkeypatch.setattr(console, "stdout_is_terminal", lambda: False)
    assert prompting.wrapped(prompt, "    ") == [prompt]  # piped: one greppable line
    monkeypatch.setattr(console, "stdout_is_terminal", lambda: True)
    wrapped = prompting.wrapped(prompt, "    ")
    assert len(wrapped) > 1
    assert all(len(line) < 40 for line in wrapped)
    assert " ".join(w.strip() for w in wrapped) == prompt.strip()


def test_unwritable_path_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("not a folder", encoding="utf-8")
    result = run(runner, blocker / "p.toml", ENTER)
    assert result.exit_code == 2
    # Said before the first question, not after the last one.
    assert result.stderr == f"error: {blocker / 'p.toml'}: {blocker} is a file, not a folder\n"
    assert "Health check" not in result.stdout
    assert "Traceback" not in result.output


def test_plan_failure_after_saving_says_the_profile_is_saved(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from corecoach.errors import DefinitionError

    def broken(profile: Profile) -> tuple[str, bool]:
        raise DefinitionError.single("routines/rules/x.toml", "rules[1].when", "bad rule")

    monkeypatch.setattr(init_cmd, "_week_one", broken)
    path = tmp_path / "p.toml"
    result = run(runner, path, ENTER)
    assert result.exit_code == 2
    assert "error: routines/rules/x.toml: rules[1].when: bad rule" in result.stderr
    assert f"Saved your profile to {path}; the plan could not be shown." in result.stderr
    assert _without_id(load_profile(path)) == Profile(version=1)


def test_init_keeps_an_existing_id(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text('version = 1\nid = "keep-me"\n')
    result = run(runner, path, ENTER)
    assert result.exit_code == 0, result.output
    assert load_profile(path).id == "keep-me"


def test_init_keeps_the_choice_of_what_follows_the_program(runner: CliRunner,
                                                           tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    assert run(runner, path, lines(*ROAD_RUNNER)).exit_code == 0
    assert runner.invoke(app, ["after", "maintain", str(path)]).exit_code == 0
    chosen = path.read_text()
    again = run(runner, path, ENTER)
    assert again.exit_code == 0, again.output
    assert load_profile(path).after == "maintain"
    assert path.read_text() == chosen
