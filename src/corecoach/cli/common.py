"""Shared plumbing of the CLI: error reporting, exit codes, profile locations, output."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from corecoach.errors import ConditionError, CorecoachError, ExitCode, InputError

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


@contextmanager
def reporting() -> Iterator[None]:
    """The one place that maps corecoach errors to messages and exit codes.

    Known errors print ``error: ...`` lines on stderr and exit with their code; an interrupt
    exits 130; anything else is a bug and keeps its traceback.
    """
    try:
        yield
    except CorecoachError as exc:
        for line in error_lines(exc):
            typer.echo(f"error: {line}", err=True)
        raise typer.Exit(int(exc.exit_code)) from None
    except (KeyboardInterrupt, typer.Abort):
        typer.echo("\ninterrupted; nothing was written", err=True)
        raise typer.Exit(int(ExitCode.INTERRUPTED)) from None


def default_profile_path() -> Path:
    """$CORECOACH_PROFILE, else ``profile.toml`` in the user's config dir."""
    env = os.environ.get(PROFILE_ENV)
    if env:
        return Path(env).expanduser()
    return Path(typer.get_app_dir("corecoach")) / "profile.toml"


def resolve_profile(path: Path | None) -> Path:
    """The profile to use: the one given, else the default; missing -> a one-line error."""
    chosen = path or default_profile_path()
    if path is None and not chosen.exists():
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


def write_generated(path: Path, text: str) -> None:
    """Write an output file atomically; a path that cannot be written is one InputError.

    No fsync: a plan can always be made again (the rename alone keeps it whole).
    """
    from corecoach.tomlio import write_atomic

    try:
        write_atomic(path, text, durable=False)
    except OSError as exc:
        raise InputError.single(str(path), "", f"cannot be written ({exc.strerror or exc}); "
                                "choose another path with -o") from None


def write_output(text: str, output: Path | None) -> None:
    """Print ``text``, or write it atomically to ``output``."""
    if output is None:
        typer.echo(text, nl=not text.endswith("\n"))
        return
    write_generated(output, text)
    typer.echo(f"wrote {output}", err=True)
