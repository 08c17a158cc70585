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


def test_help_and_a_command_import_only_what_they_need() -> None:
    code = (
        "import sys\n"
        "from corecoach.cli import main\n"
        "sys.argv = ['corecoach', *sys.argv[1:]]\n"
        "try:\n    main()\n"
        "except SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('corecoach.cli.')), "
        "file=sys.stderr)\n"
    )

    def loaded(*args: str) -> str:
        run = subprocess.run([sys.executable, "-c", code, *args], capture_output=True,
                             text=True, check=False)
        return run.stderr.strip().splitlines()[-1]

    on_help = loaded("--help")
    assert "plan_cmds" not in on_help and "journal_cmds" not in on_help
    on_paths = loaded("paths")
    assert "corecoach.cli.paths_cmd" in on_paths
    assert "plan_cmds" not in on_paths and "init_cmd" not in on_paths


def test_an_unknown_command_is_one_line(runner: CliRunner) -> None:
    result = runner.invoke(app, ["plna"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "plna" in result.stderr


def test_a_plan_without_a_journal_loads_none_of_the_journal(tmp_path: Path) -> None:
    # Start-up: a runner's plan with no journal file neither opens SQLite nor loads the
    # entries, the adaptation or the calendar writer (issue 15).
    from corecoach.resources import example_path

    code = (
        "import sys\n"
        "from corecoach.cli import main\n"
        "sys.argv = ['corecoach', *sys.argv[1:]]\n"
        "try:\n    main()\n"
        "except SystemExit:\n    pass\n"
        "print(sorted(sys.modules), file=sys.stderr)\n"
    )
    env = {**os.environ, "CORECOACH_JOURNAL": str(tmp_path / "none.sqlite3"),
           "CORECOACH_CACHE_DIR": str(tmp_path / "cache")}
    profile = tmp_path / "me.toml"
    profile.write_text(example_path("road-runner").read_text(encoding="utf-8"),
                       encoding="utf-8")
    run = subprocess.run([sys.executable, "-c", code, "plan", str(profile), "-f", "json"],
                         capture_output=True, text=True, check=False, env=env)
    assert run.returncode == 0, run.stderr
    assert '"road_minutes"' in run.stdout  # a runner: the road return was planned
    loaded = set(ast.literal_eval(run.stderr.strip().splitlines()[-1]))
    for module in ("sqlite3", "corecoach.journal.entry", "corecoach.journal.store",
                   "corecoach.adapt", "corecoach.render.ics", "statistics"):
        assert module not in loaded, module
