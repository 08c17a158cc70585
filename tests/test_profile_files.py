"""Keeping a profile file (corecoach.profile_files): what `init` finds, and saves that lose
nothing, as pure calls."""

from __future__ import annotations

from pathlib import Path

import pytest

from corecoach.errors import InputError
from corecoach.profile import Profile, load_profile
from corecoach.profile_files import (
    Found,
    backup_path,
    check_profiles,
    find_profile,
    save_profile_file,
    validation_report,
    with_id,
)
from corecoach.profile_template import SCHEMA_FILE, is_template_text, new_profile_text
from corecoach.resources import example_path

HAND_WRITTEN = """# my own notes, kept
version = 1
name = "Ana"   # the name I go by
session_minutes = 15
"""


def _answers(**changes: object) -> Profile:
    return load_profile(example_path("desk-worker")).model_copy(update=changes)


def test_a_backup_never_goes_over_an_older_copy(tmp_path: Path) -> None:
    path = tmp_path / "me.toml"
    assert backup_path(path) == tmp_path / "me.toml.bak"
    (tmp_path / "me.toml.bak").write_text("old", encoding="utf-8")
    (tmp_path / "me.toml.bak2").write_text("older", encoding="utf-8")
    assert backup_path(path) == tmp_path / "me.toml.bak3"


def test_nothing_there_is_found_as_nothing(tmp_path: Path) -> None:
    assert find_profile(tmp_path / "new.toml") == Found()


def test_a_valid_profile_is_found_with_its_text(tmp_path: Path) -> None:
    path = tmp_path / "me.toml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    found = find_profile(path)
    assert found.profile is not None and found.profile.name == "Ana"
    assert found.text == HAND_WRITTEN and found.backup is None and found.problem is None


def test_another_file_is_found_with_where_its_copy_goes(tmp_path: Path) -> None:
    path = tmp_path / "me.toml"
    path.write_text("version = 1\nsession_minutes = 500\n", encoding="utf-8")
    found = find_profile(path)
    assert found.profile is None and found.backup == tmp_path / "me.toml.bak"
    assert found.problem is not None and "session_minutes" in found.problem


def test_an_existing_id_is_kept(tmp_path: Path) -> None:
    old = _answers(id="ana-1234")
    profile, found = with_id(_answers(), Found(old, "version = 1\n"), "fresh123")
    assert profile.id == "ana-1234" and found.profile == old


def test_a_hand_written_file_without_an_id_gains_one_in_its_text() -> None:
    old = _answers(id=None)
    profile, found = with_id(_answers(), Found(old, HAND_WRITTEN), "fresh123")
    assert profile.id == "fresh123"
    assert found.profile is not None and found.profile.id == "fresh123"
    assert found.text is not None
    assert found.text.splitlines()[1:3] == ["version = 1", 'id = "fresh123"']


def test_a_new_file_gets_the_new_id() -> None:
    profile, found = with_id(_answers(id=None), Found(), "fresh123")
    assert profile.id == "fresh123" and found == Found()


def test_a_hand_written_profile_keeps_its_comments(tmp_path: Path) -> None:
    path = tmp_path / "me.toml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    profile, found = with_id(_answers(name="Ana", session_minutes=25), find_profile(path),
                             "fresh123")
    assert save_profile_file(path, profile, found) is None
    text = path.read_text(encoding="utf-8")
    assert "# my own notes, kept" in text and "# the name I go by" in text
    assert load_profile(path) == profile


def test_another_file_is_copied_aside_before_it_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "me.toml"
    path.write_text("not a profile\n", encoding="utf-8")
    profile, found = with_id(_answers(), find_profile(path), "fresh123")
    kept = save_profile_file(path, profile, found)
    assert kept == tmp_path / "me.toml.bak"
    assert kept.read_text(encoding="utf-8") == "not a profile\n"
    assert is_template_text(path.read_text(encoding="utf-8"))
    assert (tmp_path / SCHEMA_FILE).exists()  # a new file starts editor-ready


def test_a_template_file_is_written_as_the_template_again(tmp_path: Path) -> None:
    path = tmp_path / "me.toml"
    first = _answers(id="ana-1234")
    path.write_text(new_profile_text(first), encoding="utf-8")
    changed = first.model_copy(update={"session_minutes": 30})
    save_profile_file(path, changed, find_profile(path))
    assert path.read_text(encoding="utf-8") == new_profile_text(changed)


def test_a_save_that_fails_loses_nothing_and_says_where_the_copy_is(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import corecoach.tomlio

    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    path = tmp_path / "me.toml"
    path.write_text("not a profile\n", encoding="utf-8")
    found = find_profile(path)
    monkeypatch.setattr(corecoach.tomlio, "write_atomic", full_disk)
    with pytest.raises(InputError) as error:
        save_profile_file(path, _answers(), found)
    line = error.value.lines()[0]
    assert "No space left on device" in line
    assert f"the old file is kept at {tmp_path / 'me.toml.bak'}" in line
    assert path.read_text(encoding="utf-8") == "not a profile\n"
    assert (tmp_path / "me.toml.bak").read_text(encoding="utf-8") == "not a profile\n"


def test_a_copy_that_cannot_be_kept_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "me.toml"
    path.write_text("not a profile\n", encoding="utf-8")
    found = find_profile(path)._replace(backup=tmp_path / "no-such-folder" / "me.toml.bak")
    with pytest.raises(InputError) as error:
        save_profile_file(path, _answers(), found)
    assert "nothing was written" in error.value.lines()[0]
    assert path.read_text(encoding="utf-8") == "not a profile\n"


# -- validate: each file, and ids two files share ----------------------------------------------


def test_every_file_is_checked_and_a_shared_id_is_a_problem_of_the_later_file(
        tmp_path: Path) -> None:
    good = tmp_path / "good.toml"
    good.write_text('version = 1\nid = "sam-1"\n', encoding="utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text("version = 1\nsession_minutes = -5\n", encoding="utf-8")
    copy = tmp_path / "copy.toml"
    copy.write_text('version = 1\nid = "sam-1"\n', encoding="utf-8")
    checks = check_profiles([good, bad, copy], load_profile)
    assert [(c.source, c.valid) for c in checks] == [(str(good), True), (str(bad), False),
                                                       (str(copy), False)]
    assert checks[1].error is not None and checks[1].error.problems[0].key == "session_minutes"
    assert checks[2].error is not None and checks[2].error.lines() == [
        f"{copy}: id: 'sam-1' is also the id of {good} (ids key the journal; give one a new "
        "id)"]
    report = validation_report(checks)
    assert report["valid"] is False and report["format"] == 1
    assert report["files"][0] == {"file": str(good), "valid": True, "problems": []}  # type: ignore[index]
    assert report["files"][2]["problems"] == [  # type: ignore[index]
        {"key": "id", "message": f"'sam-1' is also the id of {good} (ids key the journal; "
         "give one a new id)"}]
    assert validation_report(check_profiles([good], load_profile))["valid"] is True


def test_an_id_another_file_logs_under_in_the_journal_is_a_problem(tmp_path: Path) -> None:
    import datetime as dt

    from corecoach.journal.entry import Entry
    from corecoach.journal.store import add
    from corecoach.paths import default_journal_path

    original = tmp_path / "me.toml"
    original.write_text('version = 1\nid = "sam-1"\n', encoding="utf-8")
    add(default_journal_path(), Entry("sam-1", dt.date(2026, 12, 1), "check-in", pain=2),
        dt.datetime(2026, 12, 1, tzinfo=dt.UTC), profile_file=original)
    copy = tmp_path / "copy.toml"
    copy.write_text('version = 1\nid = "sam-1"\n', encoding="utf-8")
    assert check_profiles([original], load_profile)[0].valid
    found = check_profiles([copy], load_profile)[0]
    assert found.error is not None
    assert found.error.lines()[0].startswith(f"{copy}: id: 'sam-1' is also the id of "
                                             f"{original.resolve()}, which logs under it")
