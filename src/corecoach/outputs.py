"""Where a command's input comes from and its output goes: ``-`` for stdin or stdout, and
writing a generated file (a plan, a calendar, an export, a summary) to ``-o PATH``.

Never over one of the inputs, a folder or a read-only file; atomically (a temp file beside
the target, then a rename: see ``corecoach.tomlio.write_atomic``); a missing folder is
made. Every refusal is one InputError naming the path and the fix.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from contextlib import suppress
from pathlib import Path

from corecoach.errors import InputError

#: ``-o -``: the output goes to stdout.
STDOUT = "-"
#: A profile argument ``-``: the profile is read from stdin (named ``<stdin>`` in messages).
STDIN = "-"
STDIN_SOURCE = "<stdin>"


def is_stdin(path: Path | str | None) -> bool:
    """Does this profile argument mean "read stdin"?"""
    return path is not None and str(path) == STDIN


def source_name(path: Path) -> str:
    """A profile argument as messages name it: the path, or ``<stdin>`` for ``-``."""
    return STDIN_SOURCE if is_stdin(path) else str(path)


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
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise InputError.single(source, "", path_problem(path, exc)) from None
    ids = inputs if isinstance(inputs, frozenset) else file_ids(inputs)
    if (info.st_dev, info.st_ino) in ids:
        raise InputError.single(source, "", "is an input file; writing the plan "
                                "there would replace it (choose another -o)")
    if stat.S_ISDIR(info.st_mode):
        raise InputError.single(source, "", "is a folder; give a file name (a folder is "
                                "for several profiles)")
    if stat.S_ISREG(info.st_mode) and not info.st_mode & 0o222:
        raise InputError.single(source, "", "is read-only; make it writable "
                                "(chmod u+w) or choose another -o")


def write_generated(path: Path, text: str,
                    inputs: Sequence[Path] | frozenset[tuple[int, int]] = ()) -> bool:
    """Write an output file atomically; a path that cannot be written is one InputError.

    Returns whether its folder had to be made (the caller says so). No fsync: a plan can
    always be made again (the rename alone keeps it whole).
    """
    from corecoach.tomlio import write_atomic

    check_target(path, inputs)
    created = not os.path.exists(path.parent)
    try:
        write_atomic(path, text, durable=False, record=True)
    except OSError as exc:
        raise InputError.single(str(path), "", f"cannot be written ({exc.strerror or exc}); "
                                "choose another path with -o") from None
    return created
