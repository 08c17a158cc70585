"""Re-exported calendars in a real client: khal keeps one event per day (E1, E2).

Skipped where khal is not installed (``apt-get install khal``).
"""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from corecoach.cli import app

pytestmark = pytest.mark.skipif(shutil.which("khal") is None, reason="khal is not installed")


class Khal:
    """A khal with its own config and one calendar folder under ``root``."""

    def __init__(self, root: Path) -> None:
        self.folder = root / "calendar"
        self.folder.mkdir()
        self.config = root / "khal.conf"
        self.config.write_text(
            f"[calendars]\n[[corecoach]]\npath = {self.folder}\n[locale]\n"
            "timeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
            "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n",
            encoding="utf-8")

    def import_(self, path: Path) -> None:
        subprocess.run(["khal", "-c", str(self.config), "import", "--batch", str(path)],
                       check=True, capture_output=True, timeout=120)

    def events_per_day(self) -> Counter[str]:
        """How many events khal holds on each date (one .ics file per event in its folder)."""
        days: Counter[str] = Counter()
        for file in self.folder.glob("*.ics"):
            for event in Calendar.from_ical(file.read_bytes()).walk("VEVENT"):
                days[str(event.decoded("DTSTART").date())] += 1
        return days


def _plan(runner: CliRunner, profile: Path, out: Path, today: str) -> Path:
    result = runner.invoke(app, ["plan", str(profile), "-o", str(out), "--today", today])
    assert result.exit_code == 0, result.stderr
    return out


def _log(runner: CliRunner, profile: Path, *args: str) -> None:
    result = runner.invoke(app, [*args[:1], str(profile), *args[1:]])
    assert result.exit_code == 0, result.stderr


def test_e2_first_log_adding_an_id_doubles_nothing(runner: CliRunner, tmp_path: Path) -> None:
    khal = Khal(tmp_path)
    profile = tmp_path / "me.toml"
    profile.write_text('version = 1\nstart = 2026-12-07\nname = "Sam"\n', encoding="utf-8")
    khal.import_(_plan(runner, profile, tmp_path / "r1.ics", "2026-12-07"))
    _log(runner, profile, "log", "--done", "--today", "2026-12-07")
    assert "id = " in profile.read_text(encoding="utf-8")
    khal.import_(_plan(runner, profile, tmp_path / "r3.ics", "2026-12-07"))
    per_day = khal.events_per_day()
    assert per_day and set(per_day.values()) == {1}, per_day


def test_e1_the_journal_moving_the_week_doubles_nothing(runner: CliRunner,
                                                        tmp_path: Path) -> None:
    khal = Khal(tmp_path)
    profile = tmp_path / "me.toml"
    profile.write_text('version = 1\nid = "sam1"\nstart = 2026-12-07\nname = "Sam"\n',
                       encoding="utf-8")
    for day in range(7, 15):
        _log(runner, profile, "log", "--done", "--date", f"2026-12-{day:02}",
             "--today", f"2026-12-{day:02}")
    first = _plan(runner, profile, tmp_path / "a.ics", "2026-12-21")
    for day in range(15, 23):
        _log(runner, profile, "log", "--done", "--date", f"2026-12-{day:02}",
             "--today", f"2026-12-{day:02}")
    second = _plan(runner, profile, tmp_path / "b.ics", "2026-12-23")
    weeks = {path.name: path.read_text(encoding="utf-8").count("week 2 of")
             for path in (first, second)}
    assert weeks["a.ics"] and not weeks["b.ics"], "the journal moved the week, as in E1"
    khal.import_(first)
    khal.import_(second)
    per_day = khal.events_per_day()
    assert per_day and set(per_day.values()) == {1}, per_day
