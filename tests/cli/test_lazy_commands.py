"""The root loads command modules lazily: --help from a table, a command's module on use."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corecoach.cli import COMMANDS, app, load_command


@pytest.mark.parametrize("name", list(COMMANDS))
def test_the_table_says_what_each_command_says(name: str) -> None:
    command = load_command(name)
    first_paragraph = " ".join((command.help or "").split("\n\n")[0].split())
    assert COMMANDS[name][1] == first_paragraph
    assert command.name == name


def test_help_lists_every_command_in_order(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.stdout.split("Commands:")[1].splitlines()
              if line.startswith("  ") and not line.startswith("   ")]
    assert listed == list(COMMANDS)


def _modules_after(*args: str, env: dict[str, str] | None = None
                   ) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """Run ``corecoach ARGS`` in a fresh interpreter: the run, and every module it loaded."""
    code = (
        "import sys\n"
        "from corecoach.cli import main\n"
        "sys.argv = ['corecoach', *sys.argv[1:]]\n"
        "try:\n    main()\n"
        "except SystemExit:\n    pass\n"
        "print(sorted(sys.modules), file=sys.stderr)\n"
    )
    run = subprocess.run([sys.executable, "-c", code, *args], capture_output=True,
                         text=True, check=False, env=env)
    return run, set(ast.literal_eval(run.stderr.strip().splitlines()[-1]))


def test_help_and_a_command_import_only_what_they_need() -> None:
    _, on_help = _modules_after("--help")
    assert "corecoach.cli.plan_cmds" not in on_help
    assert "corecoach.cli.journal_cmds" not in on_help
    _, on_paths = _modules_after("paths")
    assert "corecoach.cli.paths_cmd" in on_paths
    assert "corecoach.cli.plan_cmds" not in on_paths
    assert "corecoach.cli.init_cmd" not in on_paths


def test_an_unknown_command_is_one_line(runner: CliRunner) -> None:
    result = runner.invoke(app, ["plna"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "plna" in result.stderr


def test_a_plan_without_a_journal_loads_none_of_the_journal(tmp_path: Path) -> None:
    # Start-up: a runner's JSON plan with no journal file neither opens SQLite nor loads
    # the entries, the adaptation, the calendar writer or the terminal helpers (issue 15).
    from corecoach.resources import example_path

    env = {**os.environ, "CORECOACH_JOURNAL": str(tmp_path / "none.sqlite3"),
           "CORECOACH_CACHE_DIR": str(tmp_path / "cache")}
    profile = tmp_path / "me.toml"
    profile.write_text(example_path("road-runner").read_text(encoding="utf-8"),
                       encoding="utf-8")
    run, loaded = _modules_after("plan", str(profile), "-f", "json", "--today", "2026-11-30",
                                 env=env)
    assert run.returncode == 0, run.stderr
    assert '"road_minutes"' in run.stdout  # a runner: the road return was planned
    for module in ("sqlite3", "corecoach.journal.entry", "corecoach.journal.store",
                   "corecoach.adapt", "corecoach.render.ics", "corecoach.render.terminal",
                   "statistics",
                   # --today is read as text: strptime's module and locale tables cost
                   # about 2.5 ms on its first call.
                   "_strptime"):
        assert module not in loaded, module


def test_a_run_leaves_garbage_collection_out_of_its_start_and_its_exit() -> None:
    # Start-up and exit (benchmarks/startup.py): no collection passes while the command
    # runs, and every object frozen before the interpreter's last full collection at exit.
    code = (
        "import gc, sys\n"
        "from corecoach.cli import main\n"
        "sys.argv = ['corecoach', 'paths']\n"
        "try:\n    main()\n"
        "except SystemExit:\n    pass\n"
        "print(gc.isenabled(), gc.get_freeze_count() > 10_000, file=sys.stderr)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=False)
    assert run.returncode == 0, run.stderr
    assert run.stderr.strip().splitlines()[-1] == "False True"
