"""How a profile is tied to its journal entries (corecoach.journal.keys), as pure calls."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from corecoach.errors import InputError
from corecoach.journal.keys import (
    adopt_id,
    derived_id,
    file_profile_id,
    insert_id,
    new_profile_id,
    renew_id,
    replace_id,
)
from corecoach.vocab import PROFILE_ID_PATTERN

HAND_WRITTEN = """# my notes
version = 1   # always 1
name = "Ana"

[back]
pain = 2
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "me.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_new_and_derived_ids_are_valid_ids() -> None:
    assert re.fullmatch(PROFILE_ID_PATTERN, new_profile_id())
    assert re.fullmatch(PROFILE_ID_PATTERN, derived_id("/home/ana/me.toml"))
    assert derived_id("/a") == derived_id("/a") != derived_id("/b")


def test_the_id_is_read_without_the_whole_profile(tmp_path: Path) -> None:
    # `log` reads only version and id: a profile that would fail elsewhere still logs.
    assert file_profile_id(_write(tmp_path, 'version = 1\nid = "ana-1234"\n'
                                            "session_minutes = 999\n")) == "ana-1234"
    assert file_profile_id(_write(tmp_path, "version = 1\n")) is None


@pytest.mark.parametrize("text", ['version = 2\nid = "ana-1234"\n',
                                  'version = 1\nid = "Not An Id!"\n', "version = 1\nid = 7\n"])
def test_an_odd_version_or_id_gets_the_full_check(tmp_path: Path, text: str) -> None:
    with pytest.raises(InputError):
        file_profile_id(_write(tmp_path, text))


def test_an_id_goes_after_the_version_line_keeping_every_comment() -> None:
    new = insert_id(HAND_WRITTEN, "ana-1234")
    assert new is not None
    assert new.splitlines()[1:3] == ["version = 1   # always 1", 'id = "ana-1234"']
    assert "# my notes" in new
    assert tomllib.loads(new) == {**tomllib.loads(HAND_WRITTEN), "id": "ana-1234"}


def test_an_id_goes_before_the_first_table_when_version_is_not_first() -> None:
    text = '[back]\npain = 2\n'
    new = insert_id('name = "Ana"\n' + text, "ana-1234")
    assert new is not None and tomllib.loads(new)["id"] == "ana-1234"
    assert tomllib.loads(new)["back"] == {"pain": 2}


def test_an_edit_that_would_change_anything_else_is_refused() -> None:
    assert insert_id('version = 1\nid = "old-1234"\n', "ana-1234") is None  # has one
    assert insert_id("version = [1", "ana-1234") is None  # not TOML


def test_replacing_an_id_keeps_the_rest() -> None:
    text = 'version = 1\nid = "old-1234"  # mine\n'
    assert replace_id(text, "new-1234") == 'version = 1\nid = "new-1234"  # mine\n'
    new = replace_id(HAND_WRITTEN, "new-1234")  # no id yet: one is added
    assert new is not None and tomllib.loads(new)["id"] == "new-1234"


def test_a_new_id_is_written_into_the_file_and_the_old_one_returned(tmp_path: Path) -> None:
    path = _write(tmp_path, "\ufeff" + 'version = 1\nid = "old-1234"\n')
    fresh, old = renew_id(path)
    assert old == "old-1234" and fresh != old
    raw = path.read_text(encoding="utf-8")
    assert raw.startswith("\ufeff")  # the byte-order mark it had stays
    assert tomllib.loads(raw.removeprefix("\ufeff"))["id"] == fresh


def test_adopting_an_id_uses_the_calendar_key_once(tmp_path: Path) -> None:
    path = _write(tmp_path, HAND_WRITTEN)
    first, added = adopt_id(path)
    assert added and first == derived_id(str(path.resolve()))
    assert adopt_id(path) == (first, False)  # the second `log` finds it there


def test_a_read_only_profile_is_never_rewritten(tmp_path: Path) -> None:
    path = _write(tmp_path, HAND_WRITTEN)
    path.chmod(0o444)
    with pytest.raises(OSError, match="read-only"):
        adopt_id(path)
    assert path.read_text(encoding="utf-8") == HAND_WRITTEN
