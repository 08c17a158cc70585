"""Start-up and batch speed, measured side by side in one run (median of several runs each).

Prints ratios; not a timed test. Targets (issue 11), against the fair stack that any
typer + rich + pydantic program pays (a bare ``import pydantic`` defers BaseModel):
  corecoach plan PROFILE --format json   <= 1.4 x  python -c "import typer, rich.console;
                                                    from pydantic import BaseModel"
  corecoach --help                       <= 0.7 x  the same
  200 profiles in one invocation         <= 4   x  one profile
The library cache is warm (as on every run after the first).

    python benchmarks/startup.py [runs]
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corecoach.resources import example_path

PY = sys.executable
FAIR_STACK = "import typer, rich.console; from pydantic import BaseModel"
BIN = str(Path(PY).with_name("corecoach"))


# As an installed corecoach runs: bytecode compiled once (pip does it at install time), even
# where PYTHONDONTWRITEBYTECODE is set for this shell.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {"NO_COLOR": "1"}


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one run.

    CPU time is the steadier figure on a shared, loaded machine: waiting for a core does
    not count. Both are printed.
    """
    t = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             env=ENV)
    _, _, usage = os.wait4(child.pid, 0)
    return time.perf_counter() - t, usage.ru_utime + usage.ru_stime


# For context: the cheapest typer command with two options. typer 0.29 builds a pydantic
# TypeAdapter per parameter when a command runs, a cost no corecoach code can avoid.
HELLO = """
import typer
app = typer.Typer(rich_markup_mode=None, pretty_exceptions_enable=False)
@app.command()
def hello(name: str, times: int = 1) -> None:
    print(name * times)
@app.command()
def other() -> None:
    pass
app()
"""


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    import corecoach

    subprocess.run([PY, "-m", "compileall", "-q", str(Path(corecoach.__file__).parent)],
                   check=True, env=ENV)
    profile = str(example_path("road-runner"))
    with tempfile.TemporaryDirectory() as tmp:
        clients = []
        for n in range(200):
            path = Path(tmp) / f"client{n:03}.toml"
            shutil.copyfile(profile, path)
            clients.append(str(path))
        out = str(Path(tmp) / "out")
        hello = Path(tmp) / "hello.py"
        hello.write_text(HELLO, encoding="utf-8")
        cases = {
            "stack import": [PY, "-c", FAIR_STACK],
            "typer hello": [PY, str(hello), "hi", "--times", "1"],
            "--help": [BIN, "--help"],
            "plan json": [BIN, "plan", profile, "--format", "json"],
            "plan x200": [BIN, "plan", *clients, "--format", "json", "-o", out],
        }
        samples: dict[str, list[float]] = {k: [] for k in cases}
        cpu: dict[str, list[float]] = {k: [] for k in cases}
        for _ in range(runs):  # interleaved, so drifts in machine load hit every case alike
            for name, cmd in cases.items():
                wall_s, cpu_s = timed(cmd)
                samples[name].append(wall_s)
                cpu[name].append(cpu_s)
    med = {k: statistics.median(v) * 1000 for k, v in samples.items()}
    cmed = {k: statistics.median(v) * 1000 for k, v in cpu.items()}
    base, cbase = med["stack import"], cmed["stack import"]
    print(f"{'':<13} {'wall':>9} {'cpu':>9}   (median of {runs} runs)")
    for name in med:
        print(f"{name:<13} {med[name]:6.1f} ms {cmed[name]:6.1f} ms")
    print("ratios to the fair stack import, wall | cpu:")
    for name, target in (("typer hello", "context: typer's floor"), ("plan json", "target <= 1.4"),
                         ("--help", "target <= 0.7")):
        print(f"  {name:<11} {med[name] / base:.2f} | {cmed[name] / cbase:.2f}   ({target})")
    print(f"  200 plans / one plan  {med['plan x200'] / med['plan json']:.2f} | "
          f"{cmed['plan x200'] / cmed['plan json']:.2f}   (target <= 4)")
    # The batch ratio moves with the machine's speed at start-up against its speed at
    # planning; the cost of each further plan is the steadier figure to compare.
    per_plan = (cmed["plan x200"] - cmed["plan json"]) / 199
    allowed = 3 * cmed["plan json"] / 199
    print(f"  each further plan in a batch: {per_plan:.2f} ms of cpu (4x one plan allows "
          f"{allowed:.2f} ms)")


if __name__ == "__main__":
    main()
