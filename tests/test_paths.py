"""paths.py: one home for the user's folders, each with its environment variable."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from corecoach.paths import (
    cache_dir,
    default_journal_path,
    default_profile_path,
    routine_dirs,
)

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="XDG folders are the Linux defaults")


def test_variables_win(tmp_path: Path) -> None:
    assert default_journal_path() == Path(os.environ["CORECOACH_JOURNAL"])
    assert default_profile_path() == Path(os.environ["CORECOACH_PROFILE"])
    assert cache_dir() == Path(os.environ["CORECOACH_CACHE_DIR"])


def test_an_empty_cache_variable_turns_the_cache_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORECOACH_CACHE_DIR", "")
    assert cache_dir() is None


@linux_only
def test_defaults_follow_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("CORECOACH_JOURNAL", "CORECOACH_PROFILE", "CORECOACH_CACHE_DIR"):
        monkeypatch.delenv(name)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert default_journal_path() == tmp_path / "data" / "corecoach" / "journal.sqlite3"
    assert default_profile_path() == tmp_path / "config" / "corecoach" / "profile.toml"
    assert cache_dir() == tmp_path / "cache" / "corecoach"


@linux_only
def test_an_empty_xdg_variable_means_unset(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("CORECOACH_JOURNAL", "CORECOACH_PROFILE", "CORECOACH_CACHE_DIR"):
        monkeypatch.delenv(name)
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, "")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    home = tmp_path / "home"
    assert default_journal_path() == home / ".local" / "share" / "corecoach" / "journal.sqlite3"
    assert default_profile_path() == home / ".config" / "corecoach" / "profile.toml"
    assert cache_dir() == home / ".cache" / "corecoach"


def test_routine_folders_come_from_the_variable_then_the_options(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORECOACH_ROUTINES", os.pathsep.join(["a", "", "b"]))
    assert routine_dirs([tmp_path]) == [Path("a"), Path("b"), tmp_path]
    monkeypatch.delenv("CORECOACH_ROUTINES")
    assert routine_dirs() == []
