"""Writing a generated file to -o PATH (corecoach.outputs), as pure calls."""

from __future__ import annotations

from pathlib import Path

import pytest

from corecoach.errors import InputError
from corecoach.outputs import (
    check_target,
    file_ids,
    is_stdin,
    is_stdout,
    source_name,
    write_generated,
)


def test_no_output_or_a_dash_is_stdout() -> None:
    assert is_stdout(None) and is_stdout(Path("-"))
    assert not is_stdout(Path("plan.json"))


def test_a_dash_profile_is_stdin_and_named_as_messages_name_it() -> None:
    assert is_stdin("-") and is_stdin(Path("-")) and not is_stdin(None)
    assert source_name(Path("-")) == "<stdin>"
    assert source_name(Path("me.toml")) == "me.toml"


def test_a_new_file_in_a_new_folder_is_written_and_the_folder_reported(tmp_path: Path) -> None:
    target = tmp_path / "plans" / "week1.json"
    assert write_generated(target, "{}\n") is True
    assert target.read_text(encoding="utf-8") == "{}\n"
    assert write_generated(target, "{ }\n") is False  # replaced; the folder was there
    assert target.read_text(encoding="utf-8") == "{ }\n"


def test_an_input_file_is_never_replaced(tmp_path: Path) -> None:
    profile = tmp_path / "me.toml"
    profile.write_text("version = 1\n", encoding="utf-8")
    for inputs in ([profile], file_ids([profile])):
        with pytest.raises(InputError, match="is an input file"):
            write_generated(profile, "{}", inputs)
    assert profile.read_text(encoding="utf-8") == "version = 1\n"


def test_a_folder_or_a_read_only_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a folder"):
        check_target(tmp_path)
    locked = tmp_path / "plan.txt"
    locked.write_text("old", encoding="utf-8")
    locked.chmod(0o444)  # refused by its mode, so root is refused too
    with pytest.raises(InputError, match="read-only"):
        write_generated(locked, "new")
    assert locked.read_text(encoding="utf-8") == "old"


def test_a_path_under_a_file_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "notafolder"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(InputError) as error:
        write_generated(blocker / "plan.json", "{}")
    assert len(error.value.lines()) == 1 and str(blocker) in error.value.lines()[0]
