"""The journal's replayed state, kept between runs so `today` does not grow with the journal.

Replaying five years of entries through the adapt rules is the cost of `plan` and `today`
that grows fastest with the journal (reading the entries is one indexed query). The result
(``coach.JournalState`` as JSON data) is kept in the user's cache folder, one small file per
profile, under a key made of everything it depends on: the journal file's identity, size
and modification time (the file and its write-ahead log: any write, by corecoach or by
datasette, changes them), the profile's key and contents, the routine library, the day and
the corecoach version. Anything else, or anything odd in the file, is a miss and the
journal is replayed.

The first run of a day always misses (the day is part of the key). So that it does not
replay five years of entries once for each past week the weekly cap looks at, the file also
keeps what the journal said on those past days, each with a digest of its entries
(``History.digests_through``): a past day is replayed again only when an entry on or before
it changed, and the minutes of the plans made for those weeks (by a digest of the progress
they were planned with), so they are not planned again.

Data only: nothing in the cache can run code, and the reader checks every value's type.
A state decides whether the plan is held (leg symptoms), so it is trusted only when it is
this user's own: the file is sealed with an HMAC under a per-user key kept outside the cache
folder (``corecoach.cachefiles.seal``); a forged state, one without a hold included, is a
miss and the journal is replayed.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path
from typing import Any, NamedTuple

from corecoach import __version__

FORMAT = 7
PURPOSE = "journal-state"
MAX_BYTES = 1_000_000


def journal_stamp(journal: Path) -> str | None:
    """What changes whenever the journal's contents may have: device, inode, size and
    modification time of the file and of its write-ahead log. None when it cannot be read
    (also when only its mode says so: chmod changes none of the rest), so nothing kept is
    used for it and the read says why."""
    parts = []
    for path in (journal, journal.with_name(journal.name + "-wal")):
        try:
            info = os.stat(path)
        except FileNotFoundError:
            parts.append("-")
            continue
        except OSError:
            return None
        if not stat.S_ISREG(info.st_mode) or not os.access(path, os.R_OK):
            return None
        if path is not journal and info.st_size == 0:
            # An empty log holds nothing (a reader may create one): the same as none.
            parts.append("-")
            continue
        parts.append(f"{info.st_dev}:{info.st_ino}:{info.st_size}:{info.st_mtime_ns}")
    return "|".join(parts)


def state_key(*parts: str) -> str:
    """One digest of every part (and the corecoach version and this format)."""
    h = hashlib.sha256(f"{FORMAT}\0{__version__}".encode())
    for part in parts:
        h.update(b"\0" + part.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def slot(journal: Path, profile_key: str) -> str:
    """Which file keeps a profile's state: one per journal and profile, so two journals
    (``CORECOACH_JOURNAL`` switched) never evict each other's state."""
    return f"{journal}\0{profile_key}"


def _file(cache_dir: Path, profile_key: str) -> Path:
    name = hashlib.sha256(profile_key.encode("utf-8", "surrogatepass")).hexdigest()[:24]
    return cache_dir / f"journal-state-{name}.json"


class Kept(NamedTuple):
    """What a profile's cache file holds for a run."""

    #: The state stored for the key asked for (None: another key, or none).
    state: Any = None
    #: What the journal said on past days (``coach.past_progress_data``), when it was kept
    #: for the same journal file, profile and library (None otherwise). Each day carries the
    #: digest of its entries, so it holds whatever the journal's later entries are.
    past: Any = None


def read(cache_dir: Path, profile_key: str, key: str, context: str = "") -> Kept:
    """The state stored for ``key``, and the past days kept under ``context`` (each None
    when missing, another key, unreadable or not ours)."""
    from corecoach.cachefiles import read_sealed

    stored = read_sealed(cache_dir, _file(cache_dir, profile_key), PURPOSE, MAX_BYTES)
    if not isinstance(stored, dict):
        return Kept()
    past = stored.get("past")
    return Kept(stored.get("state") if stored.get("key") == key else None,
                past.get("days") if isinstance(past, dict) and context
                and past.get("context") == context else None)


def write(cache_dir: Path, profile_key: str, key: str, state: Any, context: str = "",
          past: Any = None) -> None:
    """Keep ``state`` for ``key``, and ``past`` days under ``context`` (replacing this
    profile's older ones); a cache that cannot be written is skipped without a word."""
    from corecoach.cachefiles import write_sealed

    data = {"key": key, "state": state}
    if context and past:
        data["past"] = {"context": context, "days": past}
    write_sealed(cache_dir, _file(cache_dir, profile_key), PURPOSE, data)
