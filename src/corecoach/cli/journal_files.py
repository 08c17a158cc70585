"""The profile file and the journal key of the commands that read or write the journal
(`log`, `check-in`, `rate`, `today`, `history`, `summary`), and their dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from corecoach.cli.common import resolve_profile
from corecoach.cli.console import say
from corecoach.cli.options import parse_date
from corecoach.paths import default_journal_path

if TYPE_CHECKING:
    from collections.abc import Sequence

    from corecoach.journal.entry import Entry
    from corecoach.profile import Profile


def entry_day(text: str | None, today: dt.date) -> dt.date:
    """The day of `--date` (default today)."""
    return today if text is None else parse_date("--date", text)


# -- the journal file and the profile's key -----------------------------------------------


def writer_key(profile_id: str | None, path: Path) -> str:
    """The key to log under; a profile without an id gets one written into its file."""
    from corecoach.journal.keys import claim_key

    claim = claim_key(default_journal_path(), profile_id, path)
    if claim.problem is not None:
        say(f"warning: could not add an id to {path} ({claim.problem}); its entries are "
            "keyed by its path, so moving or renaming the file loses the link (add a line "
            "id = \"...\" to keep it)", err=True)
    elif claim.added:
        say(f'note: added id = "{claim.key}" to {path}; it ties the profile to its journal '
            "entries, wherever the file moves", err=True)
    return claim.key


def renew_profile_id(path: Path) -> str:
    """``log --new-id``: a fresh id written into the profile, or one line and exit 2."""
    from corecoach.errors import InputError
    from corecoach.journal.keys import renew_id

    try:
        fresh, old = renew_id(path)
    except OSError as exc:
        raise InputError.single(str(path), "id", f"cannot give the profile a new id "
                                f"({exc.strerror or exc}); nothing was logged") from None
    was = f' (was "{old}"; entries logged under it stay with it)' if old else ""
    say(f'note: gave {path} a new id = "{fresh}"{was}', err=True)
    return fresh


def writer_profile(profile_path: Path | None) -> tuple[str | None, Path]:
    """The profile's id (None when it has none yet) and its file, for the commands that
    write (see ``corecoach.journal.keys.file_profile_id``)."""
    from corecoach.errors import InputError
    from corecoach.journal.keys import file_profile_id

    path = resolve_profile(profile_path)
    if str(path) == "-":
        raise InputError.single("-", "", "the journal needs a profile file, not stdin")
    return file_profile_id(path), path


def journal_profile(profile_path: Path | None) -> tuple[Profile, Path]:
    """The profile (validated) and its file, for the commands that read the journal."""
    from corecoach.errors import InputError
    from corecoach.profile import load_profile

    path = resolve_profile(profile_path)
    if str(path) == "-":
        raise InputError.single("-", "", "the journal needs a profile file, not stdin")
    return load_profile(path), path


def store_entries(entries: Entry | Sequence[Entry], path: Path) -> None:
    """Append entries logged from the profile at ``path`` (one connection: the entries and
    which file logs under their key), warning when another file shares that id."""
    from corecoach.journal.entry import Entry
    from corecoach.journal.store import add, shared_id_text

    other = add(default_journal_path(), entries, dt.datetime.now(dt.UTC), profile_file=path)
    if other is not None:
        first = entries if isinstance(entries, Entry) else entries[0]
        say(shared_id_text(first.profile, str(path.resolve()), other), err=True)
