"""Shared plumbing of the CLI: error reporting, exit codes, profile locations, output."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from corecoach.errors import ConditionError, CorecoachError, ExitCode, InputError, Interrupted
from corecoach.paths import cache_dir, default_profile_path, routine_dirs

if TYPE_CHECKING:
    import datetime as dt

    from corecoach.coach import JournalState
    from corecoach.journal.history import History
    from corecoach.journal_inputs import PlanningInputs
    from corecoach.library.catalog import Catalog
    from corecoach.profile import Profile

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


def resolve_profile(path: Path | None) -> Path:
    """The profile to use: the one given, else the default; missing -> a one-line error."""
    chosen = path or default_profile_path()
    if path is None and not os.path.lexists(chosen):
        raise InputError.single(
            str(chosen), "",
            "no profile yet; run `corecoach init` to write one, or pass a PROFILE file",
        )
    return chosen


def library(routines: list[Path] | None) -> Catalog:
    """The shipped library plus $CORECOACH_ROUTINES and --routines, through the disk cache."""
    from corecoach.library.loader import load_catalog

    return load_catalog(routine_dirs(routines), cache_dir=cache_dir())


def _warned(found: PlanningInputs) -> PlanningInputs:
    if found.warning is not None:
        typer.echo(f"warning: {found.warning}", err=True)
    return found


def read_history(profile: Profile, path: Path | None) -> History | None:
    """The History that `plan`, `today` and `explain` plan with: None for a profile with no
    file of its own (stdin, a bundled example); a journal that cannot be used is a warning
    (the plan falls back to the calendar), never an error."""
    from corecoach.journal_inputs import planning_history

    return _warned(planning_history(profile, path)).history


def journal_inputs(profile: Profile, path: Path | None, today: dt.date, catalog: Catalog
                   ) -> tuple[History | None, JournalState | None]:
    """What `plan` and `today` plan with: the History and the journal's state for today,
    kept between runs (corecoach.journal_inputs). Problems as for :func:`read_history`."""
    from corecoach.journal_inputs import planning_inputs

    found = _warned(planning_inputs(profile, path, today, catalog))
    return found.history, found.state


def write_generated(path: Path, text: str,
                    inputs: Sequence[Path] | frozenset[tuple[int, int]] = ()) -> None:
    """Write an output file (see corecoach.outputs.write_generated), saying so when its
    folder had to be made."""
    from corecoach.outputs import write_generated as write

    if write(path, text, inputs):
        typer.echo(f"note: created the folder {path.parent}", err=True)


def write_output(text: str, output: Path | None, inputs: Sequence[Path] = ()) -> None:
    """Print ``text`` (no -o, or ``-o -``), or write it atomically to ``output``."""
    from corecoach.outputs import is_stdout

    if is_stdout(output):
        typer.echo(text, nl=not text.endswith("\n"))
        return
    assert output is not None
    write_generated(output, text, inputs)
    typer.echo(f"wrote {output}", err=True)
