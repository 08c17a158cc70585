"""Speed of the journal commands, measured side by side in one run (median of several runs).

Prints ratios; not a timed test. Targets (issue 15):
  corecoach today                      <= 1.4  x  the fair stack
  corecoach log --done ...             <= 1.4  x  the fair stack
  today with a five-year journal       <= 1.1  x  today with a one-week journal
  plan with a five-year journal        <= 1.1  x  plan with a one-week journal
The fair stack: python -c "import typer, rich.console; from pydantic import BaseModel".
The five-year journal holds one session and one check-in every other day.

Most cases run on one day again and again, so the replayed state kept from the first run is
found. A person runs `today` once or twice a day, and the first run of each day finds no
state for that day: the "new day" cases run each sample on the next day (the past weeks the
weekly cap looks at are kept, each with a digest of its entries), and their ratio is the
one a person with a long journal meets every morning.

    python benchmarks/journal.py [runs]
"""

from __future__ import annotations

import datetime as dt
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corecoach.journal.entry import Entry
from corecoach.journal.store import append, writing
from corecoach.resources import example_path

PY = sys.executable
BIN = str(Path(PY).with_name("corecoach"))
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {"NO_COLOR": "1"}
TODAY = dt.date(2026, 11, 26)
#: Stands for the day of the sample in a "new day" case (the warm-up runs on TODAY).
NEW_DAY = "{new day}"


# For context: typer's own floor for a command with log's options and no work at all (typer
# 0.29 builds a pydantic TypeAdapter per parameter of the command that runs).
FLOOR = """
from typing import Annotated, Optional
import typer
app = typer.Typer(rich_markup_mode=None, pretty_exceptions_enable=False)
S = Optional[str]
@app.command()
def log(profile: Annotated[Optional[str], typer.Argument()] = None, done: bool = False,
        partial: bool = False, skipped: bool = False, pain_during: S = None,
        pain_after: S = None, effort: S = None, leg_symptoms: bool = False, note: S = None,
        activity: S = None, minutes: S = None, surface: S = None, tight_at: S = None,
        date: S = None, today: S = None) -> None:
    pass
@app.command()
def other() -> None:
    pass
app()
"""


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU (user + system) seconds of one run. CPU time holds up better on a
    busy machine; both are printed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env=env)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def five_years(profile: str) -> list[Entry]:
    out = []
    day = TODAY - dt.timedelta(days=5 * 365)
    n = 0
    while day < TODAY:
        out.append(Entry(profile=profile, date=day, kind="session", status="done",
                         pain_during=n % 4, pain_after=n % 3, effort=5, leg_symptoms=False))
        out.append(Entry(profile=profile, date=day + dt.timedelta(days=1), kind="check-in",
                         pain=(n * 7) % 5, leg_symptoms=False))
        day += dt.timedelta(days=2)
        n += 1
    return out


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    import corecoach

    subprocess.run([PY, "-m", "compileall", "-q", str(Path(corecoach.__file__).parent)],
                   check=True, env=ENV)
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "me.toml"
        text = example_path("road-runner").read_text(encoding="utf-8")
        profile.write_text(text.replace("version = 1", 'version = 1\nid = "bench-me"', 1),
                           encoding="utf-8")
        empty = Path(tmp) / "empty.sqlite3"
        week = Path(tmp) / "week.sqlite3"
        full = Path(tmp) / "full.sqlite3"
        now = dt.datetime(2026, 11, 26, tzinfo=dt.UTC)
        with writing(empty) as conn:
            append(conn, [Entry(profile="someone-else", date=TODAY, kind="check-in", pain=1,
                                leg_symptoms=False)], now)
        with writing(full) as conn:
            append(conn, five_years("bench-me"), now)
        with writing(week) as conn:
            append(conn, [e for e in five_years("bench-me")
                          if e.date > TODAY - dt.timedelta(days=7)], now)
        floor = Path(tmp) / "floor.py"
        floor.write_text(FLOOR, encoding="utf-8")
        logs = Path(tmp) / "logs.sqlite3"
        shutil.copyfile(full, logs)
        # Copies for the new-day cases: a journal file keeps one day's state, and these must
        # not push out the state the same-day cases find.
        full_days, week_days = Path(tmp) / "full-days.sqlite3", Path(tmp) / "week-days.sqlite3"
        shutil.copyfile(full, full_days)
        shutil.copyfile(week, week_days)
        day = ["--today", TODAY.isoformat()]
        # A cache folder of its own: the states of these journals would otherwise stay in
        # yours after the run (the warm-up runs below fill it, as a second run finds it).
        cache = {"CORECOACH_CACHE_DIR": str(Path(tmp) / "cache")}
        env_empty, env_week, env_full, env_log, env_full_days, env_week_days = (
            ENV | cache | {"CORECOACH_JOURNAL": str(p)}
            for p in (empty, week, full, logs, full_days, week_days))
        new_day = ["--today", NEW_DAY]
        cases = {
            "fair stack": ([PY, "-c", "import typer, rich.console; from pydantic import "
                            "BaseModel"], ENV),
            "typer floor (log)": ([PY, str(floor), "log", "me", "--done"], ENV),
            "today, 1-week journal": ([BIN, "today", str(profile), *day], env_week),
            "today": ([BIN, "today", str(profile), *day], env_full),
            "log": ([BIN, "log", str(profile), "--done", "--pain-during", "2", *day], env_log),
            "plan, empty journal": ([BIN, "plan", str(profile), "-f", "json", *day],
                                    env_empty),
            "plan, 1-week journal": ([BIN, "plan", str(profile), "-f", "json", *day],
                                     env_week),
            "plan, 5-year journal": ([BIN, "plan", str(profile), "-f", "json", *day],
                                     env_full),
            "today, new day, 1-week": ([BIN, "today", str(profile), *new_day], env_week_days),
            "today, new day, 5-year": ([BIN, "today", str(profile), *new_day], env_full_days),
        }
        # Warm the library cache and the replayed journal state, as any second run finds
        # them.
        def on(cmd: list[str], day: dt.date) -> list[str]:
            return [day.isoformat() if part == NEW_DAY else part for part in cmd]

        for cmd, env in cases.values():
            timed(on(cmd, TODAY), env)
            timed(on(cmd, TODAY), env)
        samples: dict[str, list[tuple[float, float]]] = {k: [] for k in cases}
        for n in range(runs):  # interleaved, so drifts in machine load hit every case alike
            for name, (cmd, env) in cases.items():
                samples[name].append(timed(on(cmd, TODAY + dt.timedelta(days=n + 1)), env))
    wall = {k: statistics.median(w for w, _ in v) * 1000 for k, v in samples.items()}
    cpu = {k: statistics.median(c for _, c in v) * 1000 for k, v in samples.items()}
    print(f"{'':<24} {'wall':>9} {'cpu':>9}")
    for name in cases:
        print(f"{name:<24} {wall[name]:6.1f} ms {cpu[name]:6.1f} ms")
    for label, med in (("wall", wall), ("cpu", cpu)):
        base = med["fair stack"]
        print(f"[{label}] typer floor for log's options / fair stack = "
              f"{med['typer floor (log)'] / base:.2f} (context)")
        print(f"[{label}] today / fair stack               = {med['today'] / base:.2f} "
              "(target <= 1.4)")
        print(f"[{label}] log   / fair stack               = {med['log'] / base:.2f} "
              "(target <= 1.4)")
        print(f"[{label}] today 5-year / today 1-week      = "
              f"{med['today'] / med['today, 1-week journal']:.2f} (target <= 1.1)")
        print(f"[{label}] plan 5-year / plan 1-week        = "
              f"{med['plan, 5-year journal'] / med['plan, 1-week journal']:.2f} "
              "(target <= 1.1)")
        print(f"[{label}] today on a new day, 5-year / 1-week = "
              f"{med['today, new day, 5-year'] / med['today, new day, 1-week']:.2f} "
              "(target <= 1.1; the first run of each day)")


if __name__ == "__main__":
    main()
