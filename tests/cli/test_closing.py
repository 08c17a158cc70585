"""A program that closes: the closing summary after the last week, and `corecoach after`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from typer.testing import CliRunner

from corecoach.cli import app

PROFILE = ('version = 1\n# keep me\nid = "short-close"\nweeks = 4\nstart = 2026-11-30\n'
           'available_days = ["mon", "wed"]\n\n[back]\npain = 4\n')


def cc(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_after_the_last_week_the_plan_closes_and_offers_the_choice(runner: CliRunner,
                                                                   tmp_path: Path) -> None:
    path = tmp_path / "short.toml"
    path.write_text(PROFILE)
    monday = dt.date(2026, 11, 30)
    for week in range(4):
        for offset in (0, 2):
            day = monday + dt.timedelta(weeks=week, days=offset)
            morning = day + dt.timedelta(days=1)
            assert cc(runner, "log", str(path), "--done", "--pain-during", "1", "--date",
                      str(day), "--today", str(morning))[0] == 0
            assert cc(runner, "check-in", str(path), "--pain", str(3 - week // 2), "--date",
                      str(morning), "--today", str(morning))[0] == 0
    code, out, err = cc(runner, "plan", str(path), "-f", "json", "--today", "2026-12-28")
    assert code == 0, err
    closing = [a for a in json.loads(out)["alerts"] if "program ended" in a]
    assert len(closing) == 1
    text = closing[0]
    assert "100% of the planned sessions" in text
    assert "from 3/10 in the first two weeks to 2/10 in the last two" in text
    assert "update back.pain (now 4)" in text and "corecoach after next-block" in text
    today = cc(runner, "today", str(path), "--today", "2026-12-28")[1]
    assert "program ended" in today

    code, out, _ = cc(runner, "after", "maintain", str(path))
    assert code == 0 and "maintain" in out
    written = path.read_text()
    assert "# keep me" in written and 'after = "maintain"' in written
    code, out, _ = cc(runner, "plan", str(path), "-f", "json", "--today", "2026-12-28")
    plan = json.loads(out)
    # The choice is made: no closing alert; the plan is the maintenance dose and says so.
    assert not any("ended" in a for a in plan["alerts"])
    assert any("(after = maintain)" in n for n in plan["notes"])
    kept = {i["chain"] or i["exercise"] for d in plan["days"] for i in d["items"]}
    assert kept <= {"curl-ups", "side-bridges", "bird-dogs", "hinges", "cyclic-sigh",
                    "diaphragm-breathing"}
    assert plan["days"][0]["date"] == "2026-12-28"
    code, out, _ = cc(runner, "plan", str(path), "--today", "2026-12-28")
    assert code == 0 and "maintenance dose" in out and "program ended" in out
    code, out, _ = cc(runner, "today", str(path), "--today", "2026-12-28")
    assert code == 0 and "program ended" not in out

    assert cc(runner, "after", "next-block", str(path))[0] == 0
    code, out, _ = cc(runner, "plan", str(path), "-f", "json", "--today", "2026-12-28")
    plan = json.loads(out)
    assert not any("(after = maintain)" in n for n in plan["notes"])


def test_a_bad_choice_is_one_line(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "short.toml"
    path.write_text(PROFILE)
    code, _, err = cc(runner, "after", "sometimes", str(path))
    assert code == 2 and len(err.strip().splitlines()) == 1 and "next-block" in err
    assert path.read_text() == PROFILE
