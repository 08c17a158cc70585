"""Batch plans: a progress bar on a terminal, plain lines when piped, quiet with --quiet (E13)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from corecoach.cli import app, progress
from corecoach.cli.progress import BatchReport


@pytest.fixture
def batch(write) -> list[Path]:  # type: ignore[no-untyped-def]
    """Four good profiles and one bad one, in that order."""
    files = [write(f'version = 1\nid = "client-{n}"\n', f"c{n}.toml") for n in range(4)]
    return [*files[:2], write("version = 1\nstres = 3\n", "bad.toml"), *files[2:]]


def run(runner: CliRunner, files: list[Path], out: Path, *extra: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["plan", *map(str, files), "-o", str(out), "-f", "html", *extra])


def test_piped_each_file_is_a_line_and_the_summary_counts(
        runner: CliRunner, batch: list[Path], tmp_path: Path) -> None:
    result = run(runner, batch, tmp_path / "out")
    assert result.exit_code == 2
    assert result.stderr.count("wrote ") == 4
    assert "bad.toml: stres: unknown key" in result.stderr
    assert result.stderr.rstrip().endswith("4 written, 1 failed (of 5 profiles)")
    assert "━" not in result.stderr, "no bar when stderr is not a terminal"


def test_quiet_keeps_only_errors_and_the_summary_when_something_failed(
        runner: CliRunner, batch: list[Path], tmp_path: Path) -> None:
    result = run(runner, batch, tmp_path / "out", "--quiet")
    assert result.exit_code == 2
    assert "wrote " not in result.stderr
    assert "bad.toml: stres: unknown key" in result.stderr
    assert "4 written, 1 failed" in result.stderr
    good = [p for p in batch if p.name != "bad.toml"]
    clean = run(runner, good, tmp_path / "clean", "-q")
    assert clean.exit_code == 0
    assert clean.stderr == "note: created the folder " + str(tmp_path / "clean") + "\n"
    assert len(list((tmp_path / "clean").iterdir())) == 4


def test_on_a_terminal_a_bar_counts_and_errors_stay_visible(
        runner: CliRunner, batch: list[Path], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "stderr_is_terminal", lambda: True)
    monkeypatch.setenv("FORCE_COLOR", "1")  # rich draws for the captured stream as a terminal
    result = run(runner, batch, tmp_path / "out")
    assert result.exit_code == 2
    assert "wrote " not in result.stderr, "the bar replaces the per-file lines"
    assert "━" in result.stderr and "/5" in result.stderr, "a bar with the count"
    assert "bad.toml: stres: unknown key" in result.stderr
    assert "note: created the folder" in result.stderr, "stray notes print above the bar"
    assert result.stderr.rstrip().endswith("4 written, 1 failed (of 5 profiles)")
    assert len(list((tmp_path / "out").iterdir())) == 4


@pytest.mark.parametrize(("report", "said"), [
    (BatchReport(total=1, written=1), "1 written, 0 failed (of 1 profile)"),
    (BatchReport(total=3, written=2, failed=1, withheld=1),
     "2 written, 1 failed (of 3 profiles); 1 withheld for safety"),
])
def test_the_summary_line(report: BatchReport, said: str) -> None:
    assert report.summary() == said


class _Stream:
    def __init__(self, tty: bool) -> None:
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass


def test_a_pipe_never_gets_a_bar_even_with_force_color(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")  # rich alone would call the pipe a terminal
    monkeypatch.setattr("sys.stderr", _Stream(tty=False))
    assert progress.stderr_is_terminal() is False


@pytest.mark.parametrize(("term", "bar"), [("xterm-256color", True), ("dumb", False)])
def test_a_tty_is_judged_by_rich(monkeypatch: pytest.MonkeyPatch, term: str,
                                 bar: bool) -> None:
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", term)
    monkeypatch.setattr("sys.stderr", _Stream(tty=True))
    assert progress.stderr_is_terminal() is bar


def test_a_closed_stderr_is_no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    class Closed(_Stream):
        def isatty(self) -> bool:
            raise ValueError("I/O operation on closed file")

    monkeypatch.setattr("sys.stderr", Closed(tty=True))
    assert progress.stderr_is_terminal() is False
