"""A disk cache of validated libraries, so a plan does not re-parse every TOML file.

The cache holds data only: JSON of the validated definitions (nothing in the cache folder
can run code). The key is a digest of every definition file's *content* (and the corecoach
and Python versions, and the definition models' fields), so an edit that keeps the size and
modification time (``cp -p``, ``rsync -t``, ``tar``) still misses. Anything unreadable,
foreign or wrong-shaped is a silent miss, and the library is loaded afresh. The cache
deletes only files named exactly as it names its own.

A snapshot decides the exercises and doses, so it is trusted only when it is this user's
own: every file is sealed with an HMAC under a per-user key kept outside the cache folder
(``corecoach.cachefiles.seal``), and an unsealed or mis-sealed file is a miss. A sealed
snapshot was validated before it was written, so its values are not validated again (that
would build every definition model's validator at every start); its shape and its
cross-references are checked as fresh definitions' are, and anything off is a miss. The
folder must also be private: owned by this user and closed to others (0700; a folder of ours
that is not is made so). A folder owned by someone else, or one that cannot be made
private, is not used at all. Cache files are opened without following links, and written to
a fresh temp file renamed over the name, which replaces a link planted there instead of
writing through it.
"""

from __future__ import annotations

import hashlib
import re
import stat
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from corecoach import __version__
from corecoach.cachefiles import read_sealed, write_sealed

FORMAT = 4
#: What the seal binds a snapshot to (a journal state is never read as a library).
PURPOSE = "library"
#: The names this cache writes (and the pickles of corecoach 0.1.0), and no others.
OWN_FILE = re.compile(r"library-[0-9a-f]{32}\.(json|pickle)")
_ADDRESS = re.compile(r" at 0x[0-9a-f]+")
#: A cache file larger than this is not one of ours.
MAX_CACHE_BYTES = 64_000_000


def cache_file(cache_dir: Path, key: str) -> Path:
    """Where the library with ``key`` is stored."""
    return cache_dir / f"library-{key}.json"


def _shape() -> str:
    """Every definition model's fields and their types, and the facts conditions may read:
    a snapshot is restored without validating it again (see
    ``corecoach.library.loader._rebuilt``), and its conditions compile without their checks
    (``corecoach.rules.condition.LazyCondition``), so only into the very models and facts
    that wrote it."""
    from corecoach.facts import FACT_SCHEMA, JOURNAL_FACT_SCHEMA, ROAD_FACT_SCHEMA
    from corecoach.library import models

    shape = " ".join(
        f"{m.__name__}({','.join(f'{k}:{f.annotation}' for k, f in m.model_fields.items())})"
        for m in (models.Exercise, models.Dose, models.Caution, models.Load, models.Chain,
                  models.Rule, models.AdaptRule, models.AdaptLimit, models.RoadRule))
    facts = " ".join(f"{name}:{kind}" for schema in (FACT_SCHEMA, JOURNAL_FACT_SCHEMA,
                                                        ROAD_FACT_SCHEMA)
                     for name, kind in sorted(schema.items()))
    # A validator function's repr names its address.
    return _ADDRESS.sub("", f"{shape} facts({facts})")


def cache_key(folders: Sequence[Path]) -> str | None:
    """A digest of every definition file's path and content; None when one cannot be read.

    A folder or file that cannot be read (or is not a regular file) gives None: no cache,
    and loading reports the problem with its own message.
    """
    from corecoach.tomlio import MAX_DEFINITION_BYTES

    h = hashlib.sha256(f"{FORMAT} {__version__} {sys.version} {_shape()}".encode())
    try:
        for folder in folders:
            if not folder.is_dir():
                return None
            h.update(str(folder.resolve()).encode())
            for path in sorted(folder.rglob("*.toml")):
                info = path.stat()
                if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_DEFINITION_BYTES:
                    return None  # never open a FIFO or a device to hash it
                data = path.read_bytes()
                h.update(f"\0{path}\0{len(data)}\0".encode())
                h.update(data)
    except OSError:
        return None
    return h.hexdigest()[:32]


def read(cache_dir: Path, key: str) -> dict[str, Any] | None:
    """The stored snapshot for ``key``, or None (missing, unreadable, foreign or another build).

    The caller validates the contents; this only checks that it is a JSON object made for
    this key.
    """
    snapshot = read_sealed(cache_dir, cache_file(cache_dir, key), PURPOSE, MAX_CACHE_BYTES)
    if (not isinstance(snapshot, dict) or snapshot.get("format") != FORMAT
            or snapshot.get("key") != key):
        return None
    return snapshot


def write(cache_dir: Path, key: str, snapshot: dict[str, Any]) -> None:
    """Store a snapshot atomically; a cache that cannot be written is silently skipped.

    Once it is written, older entries of this cache are removed (one entry: the libraries
    in use now); any other file in the folder is left alone.
    """
    target = cache_file(cache_dir, key)
    if not write_sealed(cache_dir, target, PURPOSE, {"format": FORMAT, "key": key, **snapshot}):
        return
    try:
        for old in cache_dir.iterdir():
            if old != target and OWN_FILE.fullmatch(old.name) and old.is_file():
                old.unlink(missing_ok=True)
    except OSError:
        return
