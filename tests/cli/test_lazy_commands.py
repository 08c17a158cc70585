"""The root loads command modules lazily: --help from a table, a command's module on use."""

from __future__ import annotations

import subprocess
import sys

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
