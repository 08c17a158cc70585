"""A disk cache of validated libraries, so a plan does not re-parse and re-validate TOML.

The key covers every definition file (path, size, modification time), the corecoach and
Python versions; any change misses the cache and the library is loaded and validated again.
Only libraries that validated cleanly are stored. Conditions are recompiled from their text
on load (closures cannot be pickled; compiling is cheap).
"""

from __future__ import annotations

import hashlib
import pickle
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from corecoach import __version__

FORMAT = 1


def cache_key(folders: Sequence[Path]) -> str | None:
    """A digest of every definition file's identity; None when a folder is not a folder."""
    h = hashlib.sha256(f"{FORMAT} {__version__} {sys.version}".encode())
    for folder in folders:
        if not folder.is_dir():
            return None
        h.update(str(folder.resolve()).encode())
        for path in sorted(folder.rglob("*.toml")):
            st = path.stat()
            h.update(f"\0{path}\0{st.st_size}\0{st.st_mtime_ns}".encode())
    return h.hexdigest()[:32]


def read(cache_dir: Path, key: str) -> Any | None:
    """The stored snapshot for ``key``, or None (missing, unreadable or from another build)."""
    try:
        with (cache_dir / f"library-{key}.pickle").open("rb") as handle:
            return pickle.load(handle)
    except Exception:
        return None


def write(cache_dir: Path, key: str, snapshot: Any) -> None:
    """Store a snapshot atomically; a cache that cannot be written is silently skipped."""
    from corecoach.tomlio import write_bytes_atomic

    try:
        for old in cache_dir.glob("library-*.pickle"):
            old.unlink(missing_ok=True)  # keep one entry: the libraries in use now
        write_bytes_atomic(cache_dir / f"library-{key}.pickle",
                           pickle.dumps(snapshot, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        return
