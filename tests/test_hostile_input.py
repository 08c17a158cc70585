"""Hostile and broken input: one line and exit 2, never a traceback or a hang (issue 11)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corecoach.cli import app
from corecoach.errors import InputError
from corecoach.profile import parse_profile

EXERCISE = '''[[exercise]]
id = "my-plank"
name = "{name}"
category = "core"
level = 1
unit = "hold"
ladder = [{{ sets = {sets}, reps = 1, seconds = 10 }}]
cues = ["{cue}", "Breathe."]
'''
RULE = '''[[rule]]
id = "always-my-plank"
when = "true"
because = "{because}"
include = ["my-plank"]
'''


def _one_error_line(result) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == 2, (result.stdout, result.stderr, result.exception)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    return str(lines[0])


def _errors(result) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == 2, (result.stdout, result.stderr, result.exception)
    assert "Traceback" not in result.stderr
    return str(result.stderr)


def _definitions(tmp_path: Path, *, name: str = "My plank", sets: str = "2",
                 cue: str = "Hold still.", because: str = "Always a plank for me.") -> Path:
    folder = tmp_path / "r"
    folder.mkdir(exist_ok=True)
    (folder / "a.toml").write_text(EXERCISE.format(name=name, sets=sets, cue=cue)
                                   + RULE.format(because=because))
    return folder


@pytest.mark.parametrize("body", [
    "x = " + "[" * 5000 + "]" * 5000,
    "x = " + "{a=" * 5000 + "1" + "}" * 5000,
])
def test_deep_nesting_is_one_line(runner: CliRunner, write, tmp_path: Path, body: str) -> None:  # type: ignore[no-untyped-def]
    path = write("version = 1\n" + body + "\n")
    assert "nested too deeply" in _one_error_line(runner.invoke(app, ["validate", str(path)]))
    folder = tmp_path / "r"
    folder.mkdir()
    (folder / "deep.toml").write_text(body + "\n")
    assert "nested too deeply" in _one_error_line(runner.invoke(app, ["check", str(folder)]))


@pytest.mark.parametrize("body", ["version = 1" + "0" * 4300, "version = 1\nstress = 9" * 1
                                  + "9" * 5000])
def test_a_huge_integer_is_one_line(runner: CliRunner, write, body: str) -> None:  # type: ignore[no-untyped-def]
    path = write(body + "\n")
    assert "number too large" in _one_error_line(runner.invoke(app, ["validate", str(path)]))


@pytest.mark.parametrize("start", ["9999-12-20", "9999-12-27"])
def test_a_start_too_far_ahead_is_refused_by_validate_and_plan(
        runner: CliRunner, write, start: str) -> None:  # type: ignore[no-untyped-def]
    path = write(f"version = 1\nweeks = 4\nstart = {start}\n")
    for command in ("validate", "plan", "explain"):
        assert "too far ahead" in _one_error_line(runner.invoke(app, [command, str(path)]))


@pytest.mark.parametrize("name", ["a\\nb", "a\\r\\nb", "\\u001b]0;owned\\u0007\\u001b[31mRED",
                                  "bell\\u0007", "c1\\u009b31m"])
def test_control_characters_in_a_name_are_refused(runner: CliRunner, write, name: str) -> None:  # type: ignore[no-untyped-def]
    path = write(f'version = 1\nname = "{name}"\nstart = 2026-11-30\n')
    line = _one_error_line(runner.invoke(app, ["validate", str(path)]))
    assert "name: holds the control character" in line
    assert "\x1b" not in line and "\x07" not in line
    _one_error_line(runner.invoke(app, ["plan", str(path), "-f", "ics"]))


def test_a_tab_in_a_name_is_fine(runner: CliRunner, write) -> None:  # type: ignore[no-untyped-def]
    path = write('version = 1\nname = "Sam\\tLee"\n')
    assert runner.invoke(app, ["validate", str(path)]).exit_code == 0


def test_control_characters_from_definitions_are_escaped_in_every_output(
        runner: CliRunner, tmp_path: Path, write) -> None:  # type: ignore[no-untyped-def]
    folder = _definitions(tmp_path, cue="\\u001b]0;owned\\u0007 brace",
                          because="ESC \\u001b[31m in a reason")
    profile = write("version = 1\n")
    for fmt in ("text", "markdown", "html"):
        result = runner.invoke(app, ["plan", str(profile), "--routines", str(folder),
                                     "-f", fmt, "--today", "2026-11-26"])
        assert result.exit_code == 0, result.stderr
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout
        assert "\\x1b" in result.stdout
    shown = runner.invoke(app, ["show", "my-plank", "--routines", str(folder)])
    assert "\x1b" not in shown.stdout and "\\x1b]0;owned\\x07 brace" in shown.stdout
    explained = runner.invoke(app, ["explain", str(profile), "--routines", str(folder)])
    assert "\x1b" not in explained.stdout


def test_control_characters_in_a_definition_name_are_refused(
        runner: CliRunner, tmp_path: Path) -> None:
    folder = _definitions(tmp_path, name="Evil\\u001b[31m plank")
    errors = _errors(runner.invoke(app, ["check", str(folder)]))
    assert "exercise[my-plank].name: holds the control character" in errors


def test_markdown_escapes_html_from_names_and_definitions(
        runner: CliRunner, tmp_path: Path, write) -> None:  # type: ignore[no-untyped-def]
    folder = _definitions(tmp_path, name="<img src=x onerror=alert(1)>",
                          cue="<b>bold</b> & more")
    profile = write('version = 1\nname = "<script>alert(1)</script>"\n')
    result = runner.invoke(app, ["plan", str(profile), "--routines", str(folder), "-f",
                                 "markdown", "--today", "2026-11-26"])
    assert result.exit_code == 0
    # No raw tag anywhere: entities in headings and paragraphs, backslashes in list items.
    text = result.stdout.replace("\\<", "").replace("\\>", "")
    assert "<" not in text and ">" not in text
    assert "# &lt;script&gt;alert(1)&lt;/script&gt;" in result.stdout
    assert "\\<b\\>bold\\</b\\> & more" in result.stdout


def test_a_long_file_name_is_one_line(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / ("a" * 300 + ".toml")
    for command in ("validate", "plan", "explain"):
        line = _one_error_line(runner.invoke(app, [command, str(path)]))
        assert "file name is too long" in line


def test_an_unsearchable_folder_is_one_line(
        runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # As root, permissions do not stop stat(); make it fail the way it does for a user.
    blocked = tmp_path / "nd" / "p.toml"
    real_stat = Path.stat

    def stat(self: Path, **kwargs: bool) -> os.stat_result:
        if self == blocked or tmp_path / "r" / "sub" in self.parents:
            raise PermissionError(13, "Permission denied", str(self))
        return real_stat(self, **kwargs)

    monkeypatch.setattr(Path, "stat", stat)
    line = _one_error_line(runner.invoke(app, ["validate", str(blocked)]))
    assert line.endswith("cannot be read (Permission denied)")
    folder = _definitions(tmp_path)
    (folder / "sub").mkdir()
    (folder / "sub" / "b.toml").write_text("")
    line = _one_error_line(runner.invoke(app, ["check", str(folder)]))
    assert "cannot be read (Permission denied)" in line


def test_a_symlink_loop_and_a_dangling_link_say_so(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "loop1.toml").symlink_to("loop2.toml")
    (tmp_path / "loop2.toml").symlink_to("loop1.toml")
    (tmp_path / "dangling.toml").symlink_to("gone.toml")
    line = _one_error_line(runner.invoke(app, ["validate", str(tmp_path / "loop1.toml")]))
    assert "symlink loop" in line
    line = _one_error_line(runner.invoke(app, ["validate", str(tmp_path / "dangling.toml")]))
    assert "symlink to a missing file (gone.toml)" in line


def test_an_empty_definition_file_gets_a_definition_message(
        runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "r1"
    folder.mkdir()
    (folder / "a.toml").write_text("")
    line = _one_error_line(runner.invoke(app, ["check", str(folder)]))
    assert "[[exercise]]" in line and "profile" not in line


def test_an_override_that_breaks_a_shipped_chain_is_named(
        runner: CliRunner, tmp_path: Path) -> None:
    from corecoach.resources import routines_dir

    shipped = (routines_dir() / "exercises" / "core.toml").read_text()
    start = shipped.index("[[exercise]]\nid = \"abdominal-brace\"")
    end = shipped.index("[[exercise]]", start + 1)
    folder = tmp_path / "r"
    folder.mkdir()
    override = shipped[start:end].replace("level = 1", "level = 5")
    (folder / "a.toml").write_text(override)
    result = runner.invoke(app, ["check", str(folder)])
    assert result.exit_code == 2
    assert f"abdominal-brace was replaced by {folder / 'a.toml'}" in result.stderr


@pytest.mark.parametrize(("body", "words"), [
    ("version = -9223372036854775809", "version: -9223372036854775809 is not allowed (allowed: 1)"),
    ("version = true", "version: true is not allowed (allowed: 1)"),
    ("version = 1.0", "version: 1.0 is not allowed (allowed: 1)"),
    ('version = 1\nstart = "2026-11-30"', "start: must be a date such as 2026-11-30 (no quotes)"),
    ("version = 1\nstart = 2026-11-30T00:00:00", "start: must be a date"),
])
def test_strict_profile_values(runner: CliRunner, write, body: str, words: str) -> None:  # type: ignore[no-untyped-def]
    path = write(body + "\n")
    assert words in _one_error_line(runner.invoke(app, ["validate", str(path)]))


@pytest.mark.parametrize("sets", ["2.0", "true"])
def test_strict_definition_numbers(runner: CliRunner, tmp_path: Path, sets: str) -> None:
    folder = _definitions(tmp_path, sets=sets)
    assert "sets: must be a whole number" in _errors(runner.invoke(app, ["check", str(folder)]))


def test_three_hundred_thousand_unknown_keys_are_counted() -> None:
    # (How long it takes is a benchmark's business, not a test's.)
    data = {"version": 1, "screening": {f"k{i}": 1 for i in range(300_000)}}
    with pytest.raises(InputError) as caught:
        parse_profile(data, "big.toml")
    lines = caught.value.lines()
    assert len(lines) == 21
    assert lines[0].startswith("big.toml: screening.k0: unknown key")
    assert lines[-1] == "big.toml: ... and 299,980 more problems"


def test_a_profile_over_the_size_cap_is_refused(runner: CliRunner, write) -> None:  # type: ignore[no-untyped-def]
    path = write("version = 1\n" + "# padding\n" * 120_000)
    assert "larger than 1 MB" in _one_error_line(runner.invoke(app, ["validate", str(path)]))


def test_many_definition_problems_are_counted(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "r"
    folder.mkdir()
    (folder / "a.toml").write_text("".join(f"[[chain]]\nid = \"c{i:03}\"\nname = \"Chain\"\n"
                                           f"steps = [\"nope\"]\n" for i in range(200)))
    result = runner.invoke(app, ["check", str(folder)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 50 and lines[-1] == "error: ... and 151 more problems"


def _cli(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    # A subprocess with a timeout: a hang fails the test instead of stopping the suite.
    return subprocess.run([sys.executable, "-m", "corecoach", *args], capture_output=True,
                          text=True, timeout=30, check=False, **kwargs)  # type: ignore[call-overload]


def test_a_fifo_profile_or_definition_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)
    for args in (["validate", str(fifo)], ["plan", str(fifo)]):
        done = _cli(args)
        assert done.returncode == 2 and "is not a regular file" in done.stderr
    folder = tmp_path / "r"
    folder.mkdir()
    os.mkfifo(folder / "b.toml")
    done = _cli(["check", str(folder)])
    assert done.returncode == 2 and "is not a regular file" in done.stderr


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_dev_zero_is_refused_at_once() -> None:
    done = _cli(["validate", "/dev/zero"])
    assert done.returncode == 2 and "is not a regular file" in done.stderr


def test_a_key_that_looks_like_a_pydantic_location_is_named(runner: CliRunner, write) -> None:  # type: ignore[no-untyped-def]
    # Found by the CLI fuzz test: a key "[" was dropped from the error location (IndexError).
    path = write('version = 1\n"[" = 0\n"a[b]" = 1\n[back]\n"x[1]" = 2\n')
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert ": [: unknown key" in result.stderr and ": a[b]: unknown key" in result.stderr
    assert ": back.x[1]: unknown key" in result.stderr


def test_long_names_everywhere_are_one_line(
        runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    long = tmp_path / ("a" * 300 + ".toml")
    monkeypatch.setenv("CORECOACH_PROFILE", str(long))
    for args in (["plan"], ["explain"], ["init"], ["plan", "--example", "road-runner", "-o",
                                                    str(tmp_path / ("b" * 300 + ".md"))]):
        result = runner.invoke(app, args, input="")
        assert result.exit_code == 2, (args, result.output, result.exception)
        assert "Traceback" not in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
