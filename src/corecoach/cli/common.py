"""Shared plumbing of the CLI: error reporting, exit codes, profile locations, output."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from corecoach.errors import ConditionError, CorecoachError, ExitCode, InputError, Interrupted

if TYPE_CHECKING:
    from corecoach.library.loader import Catalog

PROFILE_ENV = "CORECOACH_PROFILE"
ROUTINES_ENV = "CORECOACH_ROUTINES"


def error_lines(exc: CorecoachError) -> list[str]:
    """The one-line messages of a known error."""
    if isinstance(exc, InputError):
        return exc.lines()
    if isinstance(exc, ConditionError):
        return [exc.describe()]
    return [str(exc)]


def interrupted_message() -> str:
    """What an interrupt left behind: nothing, or the files already written."""
    from corecoach.tomlio import WRITTEN

    store = sys.modules.get("corecoach.journal.store")  # loaded only when the journal was used
    stored: list[str] = list(getattr(store, "STORED", ()))
    if stored:
        return f"interrupted after {'; '.join(stored)}"
    if not WRITTEN:
        return "interrupted; nothing was written"
    if len(WRITTEN) <= 3:
        return f"interrupted after writing {', '.join(map(str, WRITTEN))}"
    return f"interrupted after writing {len(WRITTEN)} files (the last: {WRITTEN[-1]})"


@contextmanager
def reporting() -> Iterator[None]:
    """The one place that maps corecoach errors to messages and exit codes.

    Known errors print ``error: ...`` lines on stderr and exit with their code; an interrupt
    (Ctrl-C, SIGTERM, SIGHUP) says what was written and exits 130 (128 + the signal);
    anything else is a bug and keeps its traceback.
    """
    from corecoach.tomlio import WRITTEN

    WRITTEN.clear()  # one command per process; tests run many
    store = sys.modules.get("corecoach.journal.store")
    if store is not None:
        store.STORED.clear()
    try:
        yield
    except CorecoachError as exc:
        for line in error_lines(exc):
            typer.echo(f"error: {line}", err=True)
        raise typer.Exit(int(exc.exit_code)) from None
    except (KeyboardInterrupt, typer.Abort) as exc:
        typer.echo(f"\n{interrupted_message()}", err=True)
        code = exc.exit_code if isinstance(exc, Interrupted) else int(ExitCode.INTERRUPTED)
        raise typer.Exit(code) from None


def default_profile_path() -> Path:
    """$CORECOACH_PROFILE, else ``profile.toml`` in the user's config dir."""
    env = os.environ.get(PROFILE_ENV)
    if env:
        return Path(env).expanduser()
    return Path(typer.get_app_dir("corecoach")) / "profile.toml"


def resolve_profile(path: Path | None) -> Path:
    """The profile to use: the one given, else the default; missing -> a one-line error."""
    chosen = path or default_profile_path()
    if path is None and not os.path.lexists(chosen):
        raise InputError.single(
            str(chosen), "",
            "no profile yet; run `corecoach init` to write one, or pass a PROFILE file",
        )
    return chosen


CACHE_ENV = "CORECOACH_CACHE_DIR"


def cache_dir() -> Path | None:
    """Where validated libraries are cached: $CORECOACH_CACHE_DIR ("" turns caching off),
    else the platform's user cache folder."""
    env = os.environ.get(CACHE_ENV)
    if env is not None:
        return Path(env).expanduser() if env else None
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "corecoach"


def routine_dirs(option: list[Path] | None) -> list[Path]:
    """Extra routine folders: $CORECOACH_ROUTINES (``:``-separated) then --routines."""
    dirs = [Path(p) for p in os.environ.get(ROUTINES_ENV, "").split(os.pathsep) if p]
    return dirs + list(option or [])


def library(routines: list[Path] | None) -> Catalog:
    """The shipped library plus $CORECOACH_ROUTINES and --routines, through the disk cache."""
    from corecoach.library.loader import load_catalog

    return load_catalog(routine_dirs(routines), cache_dir=cache_dir())


STDOUT = "-"


def is_stdout(output: Path | None) -> bool:
    """No -o, or ``-o -``: the output goes to stdout."""
    return output is None or str(output) == STDOUT


def file_ids(paths: Sequence[Path]) -> frozenset[tuple[int, int]]:
    """The (device, inode) of each existing file: the identity -o is compared with."""
    ids = set()
    for given in paths:
        with suppress(OSError):
            info = os.stat(given)
            ids.add((info.st_dev, info.st_ino))
    return frozenset(ids)


def check_target(path: Path, inputs: Sequence[Path] | frozenset[tuple[int, int]] = ()) -> None:
    """Refuse an output path that would lose a file or cannot be a file: one InputError.

    Refused: one of the input files (paths, or their :func:`file_ids`), a folder, a
    read-only file (by its mode, so root is refused too), a path whose parent is a file.
    """
    from corecoach.tomlio import path_problem

    source = str(path)
    ids = inputs if isinstance(inputs, frozenset) else file_ids(inputs)
    with suppress(OSError):
        found = os.stat(path)
        if (found.st_dev, found.st_ino) in ids:
            raise InputError.single(source, "", "is an input file; writing the plan "
                                    "there would replace it (choose another -o)")
    try:
        info: os.stat_result | None = path.stat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise InputError.single(source, "", path_problem(path, exc)) from None
    if info is None:
        return
    if stat.S_ISDIR(info.st_mode):
        raise InputError.single(source, "", "is a folder; give a file name (a folder is "
                                "for several profiles)")
    if stat.S_ISREG(info.st_mode) and not info.st_mode & 0o222:
        raise InputError.single(source, "", "is read-only; make it writable "
                                "(chmod u+w) or choose another -o")


def write_generated(path: Path, text: str,
                    inputs: Sequence[Path] | frozenset[tuple[int, int]] = ()) -> None:
    """Write an output file atomically; a path that cannot be written is one InputError.

    A missing parent folder is created, and said so. No fsync: a plan can always be made
    again (the rename alone keeps it whole).
    """
    from corecoach.tomlio import write_atomic

    check_target(path, inputs)
    parent = path.parent
    created = not os.path.exists(parent)
    try:
        write_atomic(path, text, durable=False, record=True)
    except OSError as exc:
        raise InputError.single(str(path), "", f"cannot be written ({exc.strerror or exc}); "
                                "choose another path with -o") from None
    if created:
        typer.echo(f"note: created the folder {parent}", err=True)


def write_output(text: str, output: Path | None, inputs: Sequence[Path] = ()) -> None:
    """Print ``text`` (no -o, or ``-o -``), or write it atomically to ``output``."""
    if is_stdout(output):
        typer.echo(text, nl=not text.endswith("\n"))
        return
    assert output is not None
    write_generated(output, text, inputs)
    typer.echo(f"wrote {output}", err=True)
