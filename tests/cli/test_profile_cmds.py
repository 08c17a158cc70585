"""validate, schema, examples, --version, --help through CliRunner."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corecoach import __version__
from corecoach.cli import app
from corecoach.resources import example_names, example_path


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"corecoach {__version__}"


def test_validate_ok(runner: CliRunner, write) -> None:  # type: ignore[no-untyped-def]
    path = write("version = 1\nstress = 4\n")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"ok: {path}"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("version = 1\nstress = 12\n", "stress"),
        ("version = 1\ndesk_hour = 8\n", "desk_hour"),
        ("version = 1\n[[activities]]\nsport = \"runing\"\ndays = [\"tue\"]\nminutes = 40\n",
         "activities[1].sport"),
        ("version = 1\navailable_days = [\"mon\", \"tues\"]\n", "available_days[2]"),
        ("version = 9\n", "version"),
        ("version = 1\n[back]\nsymptom = \"flair\"\n", "back.symptom"),
    ],
)
def test_validate_names_file_and_key_exit_2(
    runner: CliRunner, write, text: str, key: str  # type: ignore[no-untyped-def]
) -> None:
    path = write(text)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"error: {path}: {key}: ")
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"version = 1\nstress = [\n", "TOML syntax error"),
        (bytes(range(256)), "binary"),
        (b"", "is empty"),
    ],
)
def test_validate_broken_files(
    runner: CliRunner, tmp_path: Path, content: bytes, words: str
) -> None:
    path = tmp_path / "p.toml"
    path.write_bytes(content)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert words in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_validate_checks_every_file(runner: CliRunner, tmp_path: Path, write) -> None:  # type: ignore[no-untyped-def]
    good = write("version = 1\n", "good.toml")
    bad = write("version = 1\nstress = 99\n", "bad.toml")
    result = runner.invoke(app, ["validate", str(bad), str(tmp_path / "missing.toml"), str(good),
                                 str(tmp_path)])
    assert result.exit_code == 2
    assert f"ok: {good}" in result.stdout
    err = result.stderr
    assert "stress: 99 is out of range" in err
    assert "missing.toml: no such file" in err
    assert "is a folder" in err


def test_validate_bundled_examples(runner: CliRunner) -> None:
    paths = [str(example_path(n)) for n in example_names()]
    result = runner.invoke(app, ["validate", *paths])
    assert result.exit_code == 0, result.stderr


def test_schema_is_json(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["title"] == "corecoach profile"
    assert "activities" in schema["properties"]


def test_examples_lists_the_bundled_profiles(runner: CliRunner) -> None:
    result = runner.invoke(app, ["examples"])
    assert result.exit_code == 0
    names = [line.split()[0] for line in result.stdout.splitlines()]
    assert {"road-runner", "desk-worker", "lifter"} <= set(names)


def test_every_command_has_help_with_an_example(runner: CliRunner) -> None:
    import typer.main

    group = typer.main.get_command(app)
    for name in group.commands:  # type: ignore[attr-defined]
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Example" in result.stdout, f"`corecoach {name} --help` has no example"


def test_help_does_not_import_heavy_modules() -> None:
    code = (
        "import sys; sys.argv=['corecoach','--help']\n"
        "from corecoach.cli import app\n"
        "try:\n    app()\nexcept SystemExit:\n    pass\n"
        "heavy=[m for m in ('pydantic','rich','corecoach.profile','corecoach.planner')"
        " if m in sys.modules]\n"
        "print('HEAVY', heavy)"
    )
    out = _python(code)
    assert out.returncode == 0, out.stderr
    assert "HEAVY []" in out.stdout, out.stdout


def _python(code: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter, as a new `corecoach` process would start."""
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, check=False)


def test_a_plan_does_not_scan_package_metadata_for_pydantic_plugins(tmp_path: Path) -> None:
    """The plugin loader stand-in keeps importlib.metadata (and email) out of a plan run."""
    code = (
        "import sys\n"
        "from corecoach.cli import main\n"
        "sys.argv=['corecoach','plan','--example','road-runner','--format','json']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write('LOADED %s' % ('importlib.metadata' in sys.modules))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    env["CORECOACH_CACHE_DIR"] = str(tmp_path)
    out = _python(code, env)
    assert out.returncode == 0, out.stderr
    assert '"format": 1' in out.stdout
    assert "LOADED False" in out.stderr


def test_the_plugin_loader_stand_in_gives_way_to_the_real_one() -> None:
    code = (
        "import sys\n"
        "from corecoach.cli import _stand_in_for_plugin_loader\n"
        "_stand_in_for_plugin_loader()\n"
        "from pydantic import BaseModel\n"
        "class M(BaseModel):\n    x: int\n"
        "assert M(x=1).x == 1\n"
        "import pydantic.plugin._loader as loader\n"
        "print(loader.PYDANTIC_ENTRY_POINT_GROUP, type(sys.modules['pydantic.plugin._loader']))\n"
    )
    out = _python(code)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("pydantic <class 'module'>"), out.stdout
