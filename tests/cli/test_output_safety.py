"""`-o` never loses a file: symlinks, FIFOs, modes, read-only targets, inputs, extensions;
signals and stdout failures end cleanly (issue 11)."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corecoach import tomlio
from corecoach.cli import _install_signal_handlers, app

PLAN = ["plan", "--example", "road-runner", "--today", "2026-11-26"]


@pytest.fixture(autouse=True)
def _fresh_written_list() -> None:
    tomlio.WRITTEN.clear()


def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_a_symlink_is_followed_and_its_target_written(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "target.md"
    target.write_text("TARGET")
    link = tmp_path / "link.md"
    link.symlink_to(target.name)
    result = runner.invoke(app, [*PLAN, "-o", str(link)])
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink()
    assert target.read_text().startswith("# Road runner")


def test_a_fifo_is_written_directly(runner: CliRunner, tmp_path: Path) -> None:
    fifo = tmp_path / "f.md"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = runner.invoke(app, [*PLAN, "-o", str(fifo)])
    reader.join(timeout=10)
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert received and received[0].startswith(b"# Road runner")


@pytest.mark.skipif(os.geteuid() == 0, reason="as root, old builds replaced /dev/null itself")
def test_dev_null_is_written_not_replaced(runner: CliRunner) -> None:
    result = runner.invoke(app, [*PLAN, "-o", "/dev/null", "-f", "markdown"])
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_replaced_file_keeps_its_mode_and_a_new_one_gets_the_umask(
        runner: CliRunner, tmp_path: Path) -> None:
    old = tmp_path / "old.md"
    old.write_text("old")
    old.chmod(0o644)
    assert runner.invoke(app, [*PLAN, "-o", str(old)]).exit_code == 0
    assert stat.S_IMODE(old.stat().st_mode) == 0o644
    mask = os.umask(0o027)
    try:
        new = tmp_path / "new.md"
        assert runner.invoke(app, [*PLAN, "-o", str(new)]).exit_code == 0
        assert stat.S_IMODE(new.stat().st_mode) == 0o640
    finally:
        os.umask(mask)


def test_a_read_only_target_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    ro = tmp_path / "ro.md"
    ro.write_text("PRECIOUS")
    ro.chmod(0o444)
    result = runner.invoke(app, [*PLAN, "-o", str(ro)])
    assert result.exit_code == 2
    assert "read-only" in result.stderr and len(result.stderr.splitlines()) == 1
    assert ro.read_text() == "PRECIOUS"


def test_the_profile_itself_is_never_the_output(
        runner: CliRunner, tmp_path: Path, write) -> None:  # type: ignore[no-untyped-def]
    me = write("version = 1\nname = \"Sam\"\n", "me.toml")
    for extra in ([], ["--format", "text"]):
        result = runner.invoke(app, ["plan", str(me), "-o", str(me), *extra])
        assert result.exit_code == 2, result.stdout
        assert me.read_text() == "version = 1\nname = \"Sam\"\n"
    result = runner.invoke(app, ["plan", str(me), "-o", str(tmp_path / "." / "me.toml"),
                                 "--format", "markdown"])
    assert result.exit_code == 2 and "is an input file" in result.stderr


def test_an_unknown_extension_needs_a_format(runner: CliRunner, tmp_path: Path) -> None:
    pdf = tmp_path / "plan.pdf"
    result = runner.invoke(app, [*PLAN, "-o", str(pdf)])
    assert result.exit_code == 2 and ".pdf" in result.stderr and "--format" in result.stderr
    assert not pdf.exists()
    result = runner.invoke(app, [*PLAN, "-o", str(pdf), "--format", "text"])
    assert result.exit_code == 0 and pdf.read_text().startswith("Road runner")


def test_dash_means_stdout(runner: CliRunner, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, [*PLAN, "-o", "-", "-f", "json"])
    assert result.exit_code == 0
    assert result.stdout.startswith("{")
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("where", ["folder", "root"])
def test_a_folder_is_not_a_file_name(runner: CliRunner, tmp_path: Path, where: str) -> None:
    target = str(tmp_path) if where == "folder" else "/"
    result = runner.invoke(app, [*PLAN, "-o", target, "-f", "text"])
    assert result.exit_code == 2
    assert "is a folder; give a file name" in result.stderr


def test_a_missing_parent_folder_is_created_and_said(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "typo" / "dir" / "plan.md"
    result = runner.invoke(app, [*PLAN, "-o", str(target)])
    assert result.exit_code == 0
    assert f"created the folder {target.parent}" in result.stderr


def test_batch_reports_wrote_on_stderr_and_refuses_a_file_name(
        runner: CliRunner, tmp_path: Path, write) -> None:  # type: ignore[no-untyped-def]
    a = write("version = 1\n", "a.toml")
    b = write("version = 1\n", "b.toml")
    result = runner.invoke(app, ["plan", str(a), str(b), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr.count("wrote ") == 2
    result = runner.invoke(app, ["plan", str(a), str(b), "-o", str(tmp_path / "plans.md")])
    assert result.exit_code == 2 and not (tmp_path / "plans.md").exists()


def test_a_crash_in_one_profile_does_not_end_the_batch(
        runner: CliRunner, tmp_path: Path, write, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from corecoach import plan_output

    real = plan_output.plan_outcome

    def crashing(profile, *args):  # type: ignore[no-untyped-def]
        if profile.name == "boom":
            raise OverflowError("date value out of range")
        return real(profile, *args)

    monkeypatch.setattr(plan_output, "plan_outcome", crashing)
    first = write("version = 1\n", "aa.toml")
    bad = write('version = 1\nname = "boom"\n', "far.toml")
    last = write("version = 1\n", "zz.toml")
    out = tmp_path / "out"
    result = runner.invoke(app, ["plan", str(first), str(bad), str(last), "-o", str(out)])
    assert result.exit_code == 1
    assert "far.toml: internal error (OverflowError" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["aa.txt", "zz.txt"]
    assert "2 written, 1 failed (of 3 profiles)" in result.stderr


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT])
def test_a_signal_during_a_write_removes_the_temp_file(
        runner: CliRunner, tmp_path: Path, monkeypatch, signum: int) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "plan.md"
    target.write_text("OLD")
    real_fchmod = os.fchmod

    def slow_write(fd: int, mode: int) -> None:  # the temp file is open and half done
        real_fchmod(fd, mode)
        if os.readlink(f"/proc/self/fd/{fd}").startswith(str(tmp_path / ".plan.md.")):
            os.kill(os.getpid(), signum)

    previous = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT,
                                                 signal.SIGPIPE)}
    _install_signal_handlers()
    try:
        monkeypatch.setattr(os, "fchmod", slow_write)
        result = runner.invoke(app, [*PLAN, "-o", str(target)])
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    assert result.exit_code == 128 + signum
    assert "interrupted; nothing was written" in result.stderr
    assert target.read_text() == "OLD"
    assert _leftovers(tmp_path) == []


def test_an_interrupt_right_after_the_rename_says_the_file_was_written(
        runner: CliRunner, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "plan.md"
    real_replace = os.replace

    def replace_then_interrupt(src: str, dst: str) -> None:
        real_replace(src, dst)
        if Path(dst) == target:  # not the library cache's own write
            raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", replace_then_interrupt)
    result = runner.invoke(app, [*PLAN, "-o", str(target)])
    assert result.exit_code == 130
    assert "nothing was written" not in result.stderr
    assert f"interrupted after writing {target}" in result.stderr
    assert target.read_text().startswith("# Road runner")


def _run(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "corecoach", *args], check=False,
                          capture_output="stdout" not in kwargs, timeout=60,
                          **kwargs)  # type: ignore[call-overload]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["--help"], ["--version"], ["schema"], ["examples"],
                                  ["plan", "--example", "road-runner"], ["exercises"]])
def test_a_full_disk_on_stdout_is_one_line(args: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        done = _run(args, stdout=full, stderr=subprocess.PIPE)
    assert done.returncode == 2
    assert done.stderr.decode() == "error: cannot write the output (No space left on device)\n"


def test_a_closed_pipe_ends_quietly() -> None:
    # The reader is gone before the first write (as with `| head -c 0`): EPIPE at once.
    proc = subprocess.Popen([sys.executable, "-m", "corecoach", "schema"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(timeout=60) in (0, -signal.SIGPIPE)  # 0.1.0 exited 1
    assert err == b""


def test_an_empty_output_name_asks_for_a_file_name(runner: CliRunner) -> None:
    result = runner.invoke(app, [*PLAN, "-o", ""])
    assert result.exit_code == 2
    assert "is a folder; give a file name" in result.stderr


@pytest.mark.skipif(not os.path.exists("/dev/stdout"), reason="needs /dev/stdout")
@pytest.mark.parametrize("kind", ["file", "pipe"])
def test_dev_stdout_writes_to_stdout(tmp_path: Path, kind: str) -> None:
    args = [sys.executable, "-m", "corecoach", *PLAN, "-f", "markdown", "-o", "/dev/stdout"]
    if kind == "pipe":
        done = subprocess.run(args, capture_output=True, timeout=60, check=False)
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith(b"# Road runner")
        return
    out = tmp_path / "out.md"
    with out.open("wb") as handle:
        inode = os.fstat(handle.fileno()).st_ino
        done = subprocess.run(args, stdout=handle, stderr=subprocess.PIPE, timeout=60,
                              check=False)
    assert done.returncode == 0, done.stderr
    assert out.stat().st_ino == inode  # written in place, not replaced
    assert out.read_bytes().startswith(b"# Road runner")
