"""What `plan`, `today` and `explain` plan with: the profile's journal History, and the
journal's replayed state for the day, kept between runs.

The journal file and the cache folder come from ``corecoach.paths``. A profile with no
file of its own (stdin, a bundled example) has no journal. A journal that cannot be used is
a warning, never an error: the plan falls back to the calendar. The replayed state is kept
in the replay cache (``corecoach.journal.replay_cache``) under a key of the journal file,
its stamp, the profile, the day and the library; the stamp is taken before the journal is
read, so a write in between makes the next run miss instead of keeping a stale state.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from corecoach.errors import InputError
from corecoach.outputs import is_stdin
from corecoach.paths import cache_dir, default_journal_path

if TYPE_CHECKING:
    from corecoach.coach import JournalState
    from corecoach.journal.history import History
    from corecoach.library.catalog import Catalog
    from corecoach.profile import Profile


class PlanningInputs(NamedTuple):
    """The History to plan with (None without a journal of its own, or when the kept state
    holds all the plan needs), the journal's state for the day (None when there is nothing
    to replay), and why the journal could not be used (None when it could)."""

    history: History | None
    state: JournalState | None = None
    warning: str | None = None


def journal_history(profile: Profile, path: Path) -> History:
    """The entries of the profile at ``path`` (none when there is no journal yet); a
    journal that cannot be read is an InputError."""
    from corecoach.journal.keys import profile_key

    return _entries(profile_key(profile, path), default_journal_path())


def _entries(key: str, where: Path) -> History:
    from corecoach.journal import may_exist
    from corecoach.journal.history import History

    if not may_exist(where):  # no journal yet: nothing of it (sqlite3 included) is imported
        return History(key, ())
    from corecoach.journal.store import read_profile_entries

    return History(key, read_profile_entries(where, key))


def planning_history(profile: Profile, path: Path | None) -> PlanningInputs:
    """The History of the profile at ``path`` (None, or ``-`` for stdin: no file of its
    own), with a warning instead of an error when the journal cannot be read."""
    if path is None or is_stdin(path):
        return PlanningInputs(None)
    from corecoach.journal.keys import profile_key

    return _read(profile_key(profile, path), default_journal_path())


def _read(key: str, where: Path) -> PlanningInputs:
    try:
        return PlanningInputs(_entries(key, where))
    except InputError as exc:
        return PlanningInputs(None, warning=f"{exc.lines()[0]}; planning by the calendar")


def planning_inputs(profile: Profile, path: Path | None, today: dt.date,
                    catalog: Catalog) -> PlanningInputs:
    """The History and the journal's state for ``today``. A state kept from an earlier run
    is used when nothing it depends on has changed; it holds all a plan and `today` take of
    the journal, so the journal is then not read at all (its History is None), except for a
    maintenance plan (``after = "maintain"``), which replays the program's last day."""
    if path is None or is_stdin(path):
        return PlanningInputs(None)
    from corecoach.journal import may_exist
    from corecoach.journal.keys import profile_key

    key, where = profile_key(profile, path), default_journal_path()
    if not may_exist(where):  # no journal yet: nothing of it (sqlite3 included) is imported
        from corecoach.journal.history import History

        return PlanningInputs(History(key, ()))
    folder = cache_dir()
    if folder is None or not catalog.digest:
        return _read(key, where)
    from corecoach.journal import replay_cache

    try:
        journal = where.resolve()
    except (OSError, RuntimeError):  # a symlink loop: the read says so, as a warning
        return _read(key, where)
    stamp = replay_cache.journal_stamp(where)  # before reading: a later write must miss
    slot = replay_cache.slot(journal, key)
    data = profile.model_dump_json()
    wanted = replay_cache.state_key(str(journal), stamp or "", key, today.isoformat(),
                                    catalog.digest, data)
    # The past days hold for this journal file, profile and library, whatever the stamp.
    context = replay_cache.state_key("past", str(journal), key, catalog.digest, data)
    kept = replay_cache.read(folder, slot, wanted, context) if stamp is not None \
        else replay_cache.Kept()
    from corecoach import coach

    state = coach.JournalState.from_data(kept.state)
    if state is not None and profile.after != "maintain":
        return PlanningInputs(None, state)
    found = _read(key, where)
    history = found.history
    if history is None or not history.entries:
        return found
    if state is not None:
        return PlanningInputs(history, state)
    past = coach.past_progress_from(kept.past)
    state = coach.journal_state(profile, catalog, today, history, past=past)
    if stamp is not None and stamp == replay_cache.journal_stamp(where):
        replay_cache.write(folder, slot, wanted, state.to_data(), context,
                           coach.past_progress_data(past, today))
    return PlanningInputs(history, state)
