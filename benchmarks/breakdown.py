"""Where `plan --format json` spends its start-up beyond typer's own floor: a map for the
next speed step, not a target.

Each child process first pays what any typer + rich + pydantic command pays (the fair stack
and typer's adapter module), starts as `corecoach.cli.main` does (`_fast_start`), then
imports corecoach's modules one group at a time, then runs the command; every step prints
its median CPU milliseconds over the runs (typer's per-parameter adapters fall in the run).
The total is larger than `startup.py`'s ratios suggest: there the stack and typer's floor
are measured in processes of their own, and what they share with corecoach counts once.

    python benchmarks/breakdown.py [runs] [plan arguments...]

Default arguments: the bundled road-runner profile, ``--format json``, no journal.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from corecoach.resources import example_path

#: (label, modules imported in that step), in the order `plan` loads them.
GROUPS: list[tuple[str, list[str]]] = [
    ("cli root and plan command", ["corecoach.cli", "corecoach.cli.plan_cmds",
                                   "corecoach.cli.console", "corecoach.cli.inputs"]),
    ("profile model", ["corecoach.profile"]),
    ("library models", ["corecoach.library.models"]),
    ("condition language, facts", ["corecoach.rules.condition", "corecoach.facts"]),
    ("catalog, loader, cache", ["corecoach.library.catalog", "corecoach.library.loader",
                                "corecoach.library.cache", "corecoach.cachefiles"]),
    ("paths (platformdirs)", ["corecoach.paths", "platformdirs"]),
    ("plan model", ["corecoach.plan"]),
    ("planner", ["corecoach.planner"]),
    ("coach, road return", ["corecoach.coach", "corecoach.roadreturn"]),
    ("journal lookup", ["corecoach.journal_inputs", "corecoach.journal.history",
                        "corecoach.journal.keys"]),
    ("plan output, JSON renderer", ["corecoach.plan_output", "corecoach.render",
                                    "corecoach.render.jsonout", "corecoach.outputs"]),
]

CHILD = r"""
import json, sys, time
clock = time.process_time
import typer, rich.console
from pydantic import BaseModel
import typer._adapters
import corecoach.cli
corecoach.cli._fast_start()  # as main() does first: no cyclic GC, no pydantic plugin scan
groups = json.loads(sys.argv[1])
out = []
for label, modules in groups:
    t = clock()
    for name in modules:
        __import__(name)
    out.append((label, clock() - t))
import contextlib, io
import corecoach.cli.inputs, corecoach.cli.plan_cmds as plan_cmds
import corecoach.plan_output as plan_output
spent = {}
def timed(owner, name, label):
    inner = getattr(owner, name)
    def wrapper(*args, **kwargs):
        t = clock()
        try:
            return inner(*args, **kwargs)
        finally:
            spent[label] = spent.get(label, 0.0) + clock() - t
    setattr(owner, name, wrapper)
timed(corecoach.cli.inputs, "load_profile_arg", "run: read and validate the profile")
timed(plan_cmds, "library", "run: the library (cache key, restore)")
timed(plan_output, "plan_outcome", "run: journal lookup and plan_for")
timed(plan_output, "render_outcome", "run: render")
sys.argv = ["corecoach", *sys.argv[2:]]
t = clock()
with contextlib.redirect_stdout(io.StringIO()):
    try:
        corecoach.cli.main()
    except SystemExit:
        pass
total = clock() - t
out.append(("run: typer parses the options, the rest", total - sum(spent.values())))
out.extend(spent.items())
print(json.dumps(out), file=sys.stderr)
"""


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    args = sys.argv[2:] or [str(example_path("road-runner")), "--format", "json"]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory() as tmp:
        env.setdefault("CORECOACH_JOURNAL", str(Path(tmp) / "none.sqlite3"))
        env["NO_COLOR"] = "1"
        samples: dict[str, list[float]] = {}
        for _ in range(runs + 1):  # the first run warms the library cache and bytecode
            child = subprocess.run([sys.executable, "-c", CHILD, json.dumps(GROUPS), "plan",
                                    *args], capture_output=True, text=True, env=env,
                                   check=False)
            steps = json.loads(child.stderr.strip().splitlines()[-1])
            for label, seconds in steps:
                samples.setdefault(label, []).append(seconds * 1000)
    rows = {label: statistics.median(v[1:]) for label, v in samples.items()}
    width = max(len(label) for label in rows)
    print(f"corecoach plan {' '.join(args)}: CPU ms beyond typer's floor "
          f"(median of {runs} runs)")
    for label, ms in rows.items():
        print(f"  {label:<{width}}  {ms:5.1f}")
    print(f"  {'total':<{width}}  {sum(rows.values()):5.1f}")


if __name__ == "__main__":
    main()
