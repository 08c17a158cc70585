"""The golden-file helper: a missing golden fails unless an update is asked for."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import goldens


def test_a_missing_golden_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(goldens, "GOLDEN", tmp_path)
    monkeypatch.delenv("CORECOACH_UPDATE_GOLDEN", raising=False)
    with pytest.raises(AssertionError, match="missing"):
        goldens.assert_golden("new.txt", "text")
    assert not (tmp_path / "new.txt").exists()


def test_an_update_writes_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(goldens, "GOLDEN", tmp_path)
    monkeypatch.setenv("CORECOACH_UPDATE_GOLDEN", "1")
    goldens.assert_golden("new.txt", "text")
    monkeypatch.delenv("CORECOACH_UPDATE_GOLDEN")
    goldens.assert_golden("new.txt", "text")
    with pytest.raises(AssertionError, match="differs"):
        goldens.assert_golden("new.txt", "other")
