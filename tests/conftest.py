"""Shared fixtures: an isolated user environment for every test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

# The suite is deterministic: each property test draws the same examples on every run (a
# seed from the test itself, no example database), so main cannot go red by luck. Search
# for new examples on purpose with HYPOTHESIS_PROFILE=explore, and keep what it finds as a
# fixed @example or test.
settings.register_profile("deterministic", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "deterministic"))


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep every test away from the real config dir and from user routine folders."""
    monkeypatch.setenv("CORECOACH_PROFILE", str(tmp_path / "config" / "profile.toml"))
    monkeypatch.delenv("CORECOACH_ROUTINES", raising=False)
    monkeypatch.setenv("CORECOACH_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("CORECOACH_JOURNAL", str(tmp_path / "data" / "journal.sqlite3"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))  # belt and braces
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")


@pytest.fixture
def runner() -> CliRunner:
    """A CliRunner that keeps stdout and stderr apart."""
    return CliRunner()


@pytest.fixture
def write(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Write a text file under tmp_path and return its path."""

    def _write(text: str, name: str = "profile.toml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return _write
