"""`init` never loses a file, keeps a hand-written profile's comments, and never loops
forever on piped answers (issue 11)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from corecoach.answers import Question, parse_multi_choice
from corecoach.cli import app, prompting
from corecoach.profile import load_profile
from corecoach.vocab import EQUIPMENT

ENTER = "\n" * 40

HAND_WRITTEN = """\
# my hand-written profile
version = 1
name = "Sam"  # keep me
desk_hours = 3  # at work

[back]  # how it has been
symptom = "stiff-mornings"
pain = 2
"""


def run(runner: CliRunner, path: Path, text: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["init", str(path)], input=text)


@pytest.mark.parametrize("content", [
    "# Coach notes: DO NOT LOSE\nversion = 1\nname = \"Sam\"\nfavourite_colour = \"blue\"\n",
    "# My thesis\n\nChapter one.\n",
])
def test_a_file_that_is_not_a_valid_profile_is_kept_as_a_backup(
        runner: CliRunner, tmp_path: Path, content: str) -> None:
    path = tmp_path / "p.toml"
    path.write_text(content)
    result = run(runner, path, ENTER)
    assert result.exit_code == 0, result.output
    backup = tmp_path / "p.toml.bak"
    assert backup.read_text() == content
    assert f"the old file is first copied to {backup}" in result.stderr
    assert f"Kept a copy of the old file at {backup}" in result.stdout
    load_profile(path)  # the new profile is valid
    again = run(runner, path, ENTER)  # now valid: no copy needed, the first one stays
    assert again.exit_code == 0 and backup.read_text() == content


def test_a_second_backup_never_replaces_the_first(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "thesis.md"
    path.write_text("first")
    (tmp_path / "thesis.md.bak").write_text("older copy")
    assert run(runner, path, ENTER).exit_code == 0
    assert (tmp_path / "thesis.md.bak").read_text() == "older copy"
    assert (tmp_path / "thesis.md.bak2").read_text() == "first"


def test_declining_keeps_an_invalid_file_untouched(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text("version = 1\nstress = 99\n")
    result = run(runner, path, "\n" * 24 + "n\n")
    assert result.exit_code == 0
    assert path.read_text() == "version = 1\nstress = 99\n"
    assert not (tmp_path / "p.toml.bak").exists()


def test_a_hand_written_profile_keeps_its_comments_and_order(
        runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text(HAND_WRITTEN)
    # Enter everywhere except: sitting 3 -> 7 hours (the 10th answer), the name kept.
    answers = ["", "", "", "", "", "", "", "", "", "7"]
    result = run(runner, path, "".join(f"{a}\n" for a in answers) + ENTER)
    assert result.exit_code == 0, result.output
    text = path.read_text()
    profile_id = load_profile(path).id  # init gives the profile an id (it keys the journal)
    assert text == HAND_WRITTEN.replace("desk_hours = 3  # at work", "desk_hours = 7  # at work"
                                        ).replace("version = 1\n",
                                                  f'version = 1\nid = "{profile_id}"\n')
    assert load_profile(path).name == "Sam"


def test_the_name_is_asked(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text(HAND_WRITTEN)
    result = run(runner, path, "\n" * 22 + "Sam Lee\n" + ENTER)
    assert result.exit_code == 0, result.output
    assert "Name on your plans (optional)? (up to 80 characters; - for none) [Sam]: " in \
        result.stdout
    assert load_profile(path).name == "Sam Lee"
    cleared = run(runner, path, "\n" * 22 + "-\n" + ENTER)
    assert cleared.exit_code == 0
    assert load_profile(path).name is None
    assert "# my hand-written profile" in path.read_text()


def test_piped_answers_that_never_fit_stop_after_three(runner: CliRunner,
                                                     tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    result = run(runner, path, "n\n" * 100_000)  # as `yes n | corecoach init x.toml`
    # It stops reading: the question is asked three times, not a hundred thousand.
    assert result.stdout.count("Which sports do you do?") == 3
    assert result.exit_code == 2
    assert result.stderr.strip().endswith("nothing was written")
    assert "3 answers in a row were not accepted for 'activities'" in result.stderr
    assert not path.exists()


def test_an_answer_that_is_not_utf8_gets_a_plain_hint(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    answers = iter(["\udcff\udcfe", "y"])
    monkeypatch.setattr(prompting, "read_line", lambda prompt: next(answers))
    question = Question("q", "Ok?", lambda t: True if t == "y" else None, False, "y/N")
    assert prompting.ask(question) is True
    assert "That answer is not UTF-8 text" in capsys.readouterr().out


def test_an_equipment_hint_reads_well() -> None:
    hint = parse_multi_choice("xyzzy", EQUIPMENT, noun="equipment name")
    assert "is not an equipment name" in getattr(hint, "text", "")
