"""Keeping a profile file: what `init` finds at a path before it asks, and a save that
loses nothing.

A valid profile's answers become the questionnaire's defaults, and saving updates its text
in place (comments and key order kept). Any other file at the path is copied aside first
(``PATH.bak``, never over an older copy). A new file, or one written from the template,
starts editor-ready from the template. The id keys the journal: a profile keeps its own,
else gets one, written where the first `log` would put it.

`validate` checks profile files here too: each file's own problems, and ids that two files
share (:func:`check_profiles`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from corecoach.errors import InputError

if TYPE_CHECKING:
    from corecoach.profile import Profile


class Found(NamedTuple):
    """What is at a profile path before it is written."""

    #: A valid profile there: its answers become the defaults.
    profile: Profile | None = None
    #: Its text, updated in place when the new answers are saved.
    text: str | None = None
    #: Another file there: where a copy of it is kept before it is replaced.
    backup: Path | None = None
    #: Why that file is not a profile (one line), for the note that says so.
    problem: str | None = None


def backup_path(path: Path) -> Path:
    """``PATH.bak``, or ``PATH.bak2``... when that is taken: never over an older copy."""
    candidate = path.with_name(path.name + ".bak")
    n = 2
    while os.path.lexists(candidate):
        candidate, n = path.with_name(f"{path.name}.bak{n}"), n + 1
    return candidate


def find_profile(path: Path) -> Found:
    """What is at ``path``: nothing, a valid profile and its text, or another file and the
    backup path it will be copied to before it is replaced."""
    from corecoach.profile import load_profile

    if not os.path.lexists(path):
        return Found()
    try:
        profile = load_profile(path)
        text = path.read_text(encoding="utf-8")
    except (InputError, OSError, UnicodeError) as exc:
        problem = exc.lines()[0] if isinstance(exc, InputError) else f"{path}: {exc}"
        return Found(backup=backup_path(path), problem=problem)
    return Found(profile, text)


def with_id(profile: Profile, found: Found, new_id: str) -> tuple[Profile, Found]:
    """``profile`` with the id that keys its journal: the one the file had, else ``new_id``,
    which an existing hand-written file also gains (on the line after ``version = 1``, as
    the first `log` would add it) so that updating its text keeps it."""
    from corecoach.journal.keys import insert_id

    old = found.profile
    chosen = (old.id if old is not None else None) or new_id
    if old is not None and old.id is None and found.text is not None:
        text = insert_id(found.text, chosen)
        if text is not None:
            found = found._replace(profile=old.model_copy(update={"id": chosen}), text=text)
    return profile.model_copy(update={"id": chosen}), found


def save_profile_file(path: Path, profile: Profile, found: Found) -> Path | None:
    """Write ``profile`` to ``path``, losing nothing; returns where a copy of the file that
    was there is kept (None when nothing needed keeping).

    A file that was not a valid profile is first copied to ``found.backup``; a new file (or
    one written from the template) starts from the editor-ready template, with the JSON
    Schema beside it; a hand-written profile is updated in place. A copy or a write that
    fails is one InputError, and nothing is lost.
    """
    import shutil

    from corecoach.tomlio import write_atomic

    if found.backup is not None:
        try:
            shutil.copy2(path, found.backup, follow_symlinks=True)
        except OSError as exc:
            raise InputError.single(str(path), "", f"cannot keep a copy of the old file at "
                                    f"{found.backup} ({exc.strerror or exc}); nothing was "
                                    "written") from None
    try:
        if found.profile is not None and found.text is not None and not is_template(path):
            from corecoach.tomledit import update_profile_text

            write_atomic(path, update_profile_text(found.text, found.profile, profile),
                         record=True)
        else:
            save_new(profile, path)
    except OSError as exc:
        kept = f"; the old file is kept at {found.backup}" if found.backup else ""
        raise InputError.single(str(path), "", f"cannot be written ({exc.strerror}); choose "
                                f"another PATH{kept}") from None
    return found.backup


def is_template(path: Path) -> bool:
    """Was ``path`` written from the new-profile template (so rewriting it loses nothing)?"""
    from corecoach.profile_template import is_template_text

    try:
        return is_template_text(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return False


def save_new(profile: Profile, path: Path) -> None:
    """A new profile starts editor-ready: a #:schema line, comments, the schema beside it."""
    from corecoach.profile_template import new_profile_text, write_schema_beside
    from corecoach.tomlio import write_atomic

    write_atomic(path, new_profile_text(profile), record=True)
    write_schema_beside(path)


# -- checking profile files (`validate`) ---------------------------------------------------


class FileCheck(NamedTuple):
    """One profile file as `validate` found it."""

    #: The file as messages name it (``<stdin>`` for ``-``).
    source: str
    #: Everything wrong with it, one line each (None: valid).
    error: InputError | None = None

    @property
    def valid(self) -> bool:
        """Whether the file is a valid profile."""
        return self.error is None


def check_profiles(paths: Sequence[Path], read: Callable[[Path], Profile]) -> list[FileCheck]:
    """Check each profile file; ``read`` loads one (a path, or ``-`` for stdin).

    Beyond each file's own problems, an id is a problem when an earlier file has it, or when
    the journal saw another file, still with that id, log under it: the id keys the journal,
    so the two profiles' entries would mix.
    """
    from corecoach.outputs import is_stdin, source_name

    checks: list[FileCheck] = []
    ids: dict[str, str] = {}
    for path in paths:
        source = source_name(path)
        try:
            profile = read(path)
            if profile.id is not None and profile.id in ids:
                raise InputError.single(source, "id", f"{profile.id!r} is also the id of "
                                        f"{ids[profile.id]} (ids key the journal; give one a "
                                        "new id)")
            if profile.id is not None:
                ids[profile.id] = source
                if not is_stdin(path):
                    _shared_in_journal(profile.id, path)
        except InputError as exc:
            checks.append(FileCheck(source, exc))
        else:
            checks.append(FileCheck(source))
    return checks


def _shared_in_journal(profile_id: str, path: Path) -> None:
    """An InputError when the journal saw another file, still with this id, log under it:
    a copied profile whose entries mix with the original's."""
    from corecoach.journal import may_exist
    from corecoach.paths import default_journal_path

    journal = default_journal_path()
    if not may_exist(journal):
        return
    from corecoach.journal.store import other_file_for_id

    other = other_file_for_id(journal, profile_id, str(path.resolve()))
    if other is not None:
        raise InputError.single(str(path), "id", f"{profile_id!r} is also the id of {other}, "
                                "which logs under it in the journal: their entries mix (give "
                                "the copy an id of its own: corecoach log COPY --new-id ...)")


def validation_report(checks: Sequence[FileCheck]) -> dict[str, object]:
    """`validate --format json`: ``{"format", "valid", "files": [{"file", "valid",
    "problems": [{"key", "message"}]}]}`` (``corecoach schema validate``)."""
    from corecoach.output_schemas import OUTPUT_FORMAT

    files = [{"file": c.source, "valid": c.valid,
              "problems": [{"key": p.key, "message": p.message}
                           for p in (c.error.problems if c.error else ())]} for c in checks]
    return {"format": OUTPUT_FORMAT, "valid": all(c.valid for c in checks), "files": files}
