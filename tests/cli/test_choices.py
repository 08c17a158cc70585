"""Options with choices, one error style, and shell completion (fast, dynamic)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import get_args

import pytest
import typer.main
from typer.testing import CliRunner

from corecoach.cli import app
from corecoach.cli.options import PlanFormat, exercise_ids
from corecoach.render import FORMATS
from corecoach.resources import routines_dir

COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
PYTHON_TYPES = re.compile(r"<(str|int|float|bool|path|file|directory|datetime|uuid|"
                          r"list\[[^>]*\]|int range|float range|%[^>]*)>|<=x<=")


def help_of(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, [*args, "--help"])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_shows_no_python_types(runner: CliRunner, command: str) -> None:
    text = help_of(runner, *([command] if command else []))
    assert not PYTHON_TYPES.search(text), PYTHON_TYPES.search(text)


@pytest.mark.parametrize(("command", "shown"), [
    ("plan", "--format <text|markdown|json|html|ics>"),
    ("plan", "--weeks <all>"),
    ("explain", "--format <text|json>"),
    ("validate", "--format <text|json>"),
    ("exercises", "--category <core|flexibility|hinge|mobility|breathing|activity>"),
    ("exercises", "--format <text|json>"),
    ("paths", "--format <text|json>"),
])
def test_help_lists_the_choices(runner: CliRunner, command: str, shown: str) -> None:
    assert shown in " ".join(help_of(runner, command).split())


def test_equipment_help_lists_the_equipment(runner: CliRunner) -> None:
    text = " ".join(help_of(runner, "exercises").split())
    assert "mat, dowel, band, dumbbell, kettlebell, barbell, rack, bench, foam- roller, strap" \
        in text or "foam-roller" in text


def test_plan_format_choices_match_the_renderers() -> None:
    assert get_args(PlanFormat) == FORMATS


@pytest.mark.parametrize(("args", "line"), [
    (["plan", "--example", "lifter", "-f", "jsno"],
     "error: --format: 'jsno' is not allowed (allowed: text, markdown, json, html, ics; "
     "did you mean 'json'?)"),
    (["exercises", "--category", "hings"],
     "error: --category: 'hings' is not allowed (allowed: core, flexibility, hinge, mobility, "
     "breathing, activity; did you mean 'hinge'?)"),
    (["exercises", "--equipment", "mat,dumbell"],
     "error: --equipment: 'dumbell' is not allowed (allowed: mat, dowel, band, dumbbell, "
     "kettlebell, barbell, rack, bench, foam-roller, strap, none; did you mean 'dumbbell'?)"),
    (["plan", "--example", "lifter", "--weks", "all"],
     "error: --weks: no such option (did you mean --week or --weeks?)"),
    (["plna"], "error: plna: no such command (did you mean 'plan'?)"),
    (["plan", "--example", "lifter", "--week", "two"], "error: --week: must be a whole number"),
    (["plan", "--example", "lifter", "--week", "17"],
     "error: --week: week 17 is outside the program (allowed: 1-12)"),
    (["plan", "--example", "lifter", "--today", "2026-13-01"],
     "error: --today: '2026-13-01' is not a date (use YYYY-MM-DD, e.g. 2026-11-30)"),
    (["plan", "--example", "lifter", "-o"], "error: -o: needs a value"),
    (["plan", "--example", "road-runer"],
     "error: --example: no example named 'road-runer' (did you mean 'road-runner'?)"),
    (["validate"], "error: FILE: is required"),
    (["show"], "error: EXERCISE: is required"),
    (["schema", "profil"],
     "error: NAME: 'profil' is not allowed (allowed: profile, plan, today, history, summary, "
     "explain, validate, paths, exercises; did you mean 'profile'?)"),
])
def test_one_error_style_for_typer_and_corecoach(runner: CliRunner, args: list[str],
                                                 line: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr == line + "\n", "one line, in the same form whoever found it"
    assert result.stdout == ""


def _completions(words: str, env: dict[str, str] | None = None) -> list[str]:
    cword = len(words.split()) - (0 if words.endswith(" ") else 1)
    done = subprocess.run(
        [sys.executable, "-m", "corecoach"], capture_output=True, text=True, check=False,
        env={**os.environ, **(env or {}), "_CORECOACH_COMPLETE": "complete_bash",
             "COMP_WORDS": words, "COMP_CWORD": str(cword)}, timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


@pytest.mark.parametrize(("words", "expected"), [
    ("corecoach pl", ["plan"]),
    ("corecoach plan --example ro", ["road-runner"]),
    ("corecoach plan --format ", ["text", "markdown", "json", "html", "ics"]),
    ("corecoach exercises --category h", ["hinge"]),
    ("corecoach exercises -e mat,ba", ["mat,band", "mat,barbell"]),
    ("corecoach schema p", ["profile", "plan", "paths"]),
])
def test_completion_offers_choices_and_names(words: str, expected: list[str]) -> None:
    assert _completions(words) == expected


def test_completion_offers_exercise_ids() -> None:
    shown = _completions("corecoach show good-morning-b")
    assert "good-morning-band" in shown and "good-morning-bodyweight" in shown
    assert all(i.startswith("good-morning-b") for i in shown)
    assert "bird-dog" in _completions("corecoach explain --exercise bird-")


def test_completion_sees_routines_from_the_environment(tmp_path: Path) -> None:
    (tmp_path / "mine.toml").write_text('[[exercise]]\nid = "zz-my-own"\nname = "x"\n',
                                        encoding="utf-8")
    assert _completions("corecoach show zz-", {"CORECOACH_ROUTINES": str(tmp_path)}) == [
        "zz-my-own"]


def test_exercise_id_scan_matches_the_library() -> None:
    from corecoach.library.loader import load_catalog

    assert exercise_ids([routines_dir()]) == sorted(load_catalog().exercises)


@pytest.mark.parametrize("words", ["corecoach show good", "corecoach plan --example r",
                                   "corecoach plan --format "])
def test_completion_and_help_import_nothing_heavy(words: str) -> None:
    """Completion re-runs the program on every TAB: no library, no rich, no calendar code.

    (typer 0.29 itself imports pydantic to parse the words typed so far, so only --help is
    held to "no pydantic".)
    """
    for extra in ({"_CORECOACH_COMPLETE": "complete_bash", "COMP_WORDS": words,
                   "COMP_CWORD": str(len(words.split()))}, {}):
        args = [sys.executable, "-X", "importtime", "-m", "corecoach"]
        if not extra:
            args.append("--help")
        done = subprocess.run(args, capture_output=True, text=True, check=False,
                              env={**os.environ, **extra}, timeout=60)
        loaded = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}
        banned = {"rich", "icalendar"} | ({"pydantic"} if not extra else set())
        heavy = {m for m in loaded if m.split(".")[0] in banned
                 or m.startswith(("corecoach.library", "corecoach.profile", "corecoach.plan"))}
        assert not heavy, sorted(heavy)


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_install_completion_works_in_bash(tmp_path: Path) -> None:
    """`completion bash --install` names its shell: it works with no shell among the
    program's parents (CI, cron, an IDE), where typer's --install-completion cannot guess."""
    env = {**os.environ, "HOME": str(tmp_path)}
    installed = subprocess.run([sys.executable, "-m", "corecoach", "completion", "bash",
                                "--install"], capture_output=True, text=True, env=env,
                               check=False, timeout=60, start_new_session=True)
    assert installed.returncode == 0, installed.stderr
    assert (tmp_path / ".bashrc").read_text(encoding="utf-8").strip()
    # The program on PATH is what bash's completion function runs.
    bindir = tmp_path / "bin"
    bindir.mkdir()
    launcher = bindir / "corecoach"
    launcher.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m corecoach "$@"\n')
    launcher.chmod(0o755)
    script = ('source "$HOME/.bashrc"; COMP_WORDS=(corecoach plan --example ro); COMP_CWORD=3; '
              '_corecoach_completion corecoach; printf "%s\\n" "${COMPREPLY[@]}"')
    done = subprocess.run(["bash", "--norc", "-c", script], capture_output=True, text=True,
                          env={**env, "PATH": f"{bindir}:{env['PATH']}"}, check=False,
                          timeout=60)
    assert done.stdout.split() == ["road-runner"], done.stderr


def test_completion_never_guesses_the_shell(runner: CliRunner, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import shellingham

    def no_shell() -> tuple[str, str]:
        raise shellingham.ShellDetectionFailure()

    monkeypatch.setattr(shellingham, "detect_shell", no_shell)
    monkeypatch.setenv("HOME", str(tmp_path))
    printed = runner.invoke(app, ["completion", "zsh"])
    assert printed.exit_code == 0 and "_CORECOACH_COMPLETE=complete_zsh" in printed.stdout
    installed = runner.invoke(app, ["completion", "fish", "--install"])
    assert installed.exit_code == 0, installed.stderr
    assert (tmp_path / ".config" / "fish" / "completions" / "corecoach.fish").is_file()
    wrong = runner.invoke(app, ["completion", "tcsh"])
    assert wrong.exit_code == 2 and wrong.stderr.startswith("error: SHELL: ")
