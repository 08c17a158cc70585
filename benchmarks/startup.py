"""Start-up and batch speed, measured side by side in one run (median of several runs each).

Prints ratios; not a timed test. Targets (issue 4):
  corecoach plan PROFILE --format json   <= 1.6 x  python -c "import typer, pydantic, rich.console"
  corecoach --help                       <= 0.8 x  the same
  200 profiles in one invocation         <= 4   x  one profile

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
BIN = str(Path(PY).with_name("corecoach"))


# As an installed corecoach runs: bytecode compiled once (pip does it at install time), even
# where PYTHONDONTWRITEBYTECODE is set for this shell.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {"NO_COLOR": "1"}


def timed(cmd: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env=ENV)
    return time.perf_counter() - t


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
            "stack import": [PY, "-c", "import typer, pydantic, rich.console"],
            "typer hello": [PY, str(hello), "hi", "--times", "1"],
            "--help": [BIN, "--help"],
            "plan json": [BIN, "plan", profile, "--format", "json"],
            "plan x200": [BIN, "plan", *clients, "--format", "json", "-o", out],
        }
        samples: dict[str, list[float]] = {k: [] for k in cases}
        for _ in range(runs):  # interleaved, so drifts in machine load hit every case alike
            for name, cmd in cases.items():
                samples[name].append(timed(cmd))
    med = {k: statistics.median(v) * 1000 for k, v in samples.items()}
    base = med["stack import"]
    for name, ms in med.items():
        print(f"{name:<13} {ms:7.1f} ms")
    print(f"typer hello / stack import = {med['typer hello'] / base:.2f} (context: typer's floor)")
    print(f"plan json / stack import = {med['plan json'] / base:.2f} (target <= 1.6)")
    print(f"--help    / stack import = {med['--help'] / base:.2f} (target <= 0.8)")
    print(f"200 plans / one plan     = {med['plan x200'] / med['plan json']:.2f} (target <= 4)")


if __name__ == "__main__":
    main()
