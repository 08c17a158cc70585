"""Where corecoach reads and writes: the one home for user folders and their variables.

Every location has an environment variable that overrides it, else the platform's user
folder from ``platformdirs`` (which honours ``XDG_*`` on Linux and treats an empty one as
unset):

| what | variable | default on Linux |
|---|---|---|
| profile | ``CORECOACH_PROFILE`` | ``$XDG_CONFIG_HOME/corecoach/profile.toml`` |
| journal | ``CORECOACH_JOURNAL`` | ``$XDG_DATA_HOME/corecoach/journal.sqlite3`` |
| cache | ``CORECOACH_CACHE_DIR`` (empty: no cache) | ``$XDG_CACHE_HOME/corecoach`` |
| routines | ``CORECOACH_ROUTINES`` (``:``-separated) | none beyond the shipped ones |
| cache key | (follows the data folder) | ``$XDG_DATA_HOME/corecoach/cache.key`` |

Paths only: nothing here creates a folder or reads a file.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from platformdirs import PlatformDirs

APP = "corecoach"
PROFILE_ENV = "CORECOACH_PROFILE"
JOURNAL_ENV = "CORECOACH_JOURNAL"
CACHE_ENV = "CORECOACH_CACHE_DIR"
ROUTINES_ENV = "CORECOACH_ROUTINES"


def _env_path(name: str) -> Path | None:
    value = os.environ.get(name)
    return Path(value).expanduser() if value else None


def _dirs() -> PlatformDirs:
    from platformdirs import PlatformDirs  # only when a default is needed

    return PlatformDirs(APP, appauthor=False)


def default_profile_path() -> Path:
    """$CORECOACH_PROFILE, else ``profile.toml`` in the user's config folder."""
    return _env_path(PROFILE_ENV) or Path(_dirs().user_config_dir) / "profile.toml"


def default_journal_path() -> Path:
    """$CORECOACH_JOURNAL, else ``journal.sqlite3`` in the user's data folder."""
    return _env_path(JOURNAL_ENV) or Path(_dirs().user_data_dir) / "journal.sqlite3"


def cache_dir() -> Path | None:
    """Where validated libraries are cached: $CORECOACH_CACHE_DIR ("" turns caching off),
    else the user's cache folder."""
    env = os.environ.get(CACHE_ENV)
    if env is not None:
        return Path(env).expanduser() if env else None
    return Path(_dirs().user_cache_dir)


def cache_key_path() -> Path:
    """The per-user secret that signs the cache files: in the user's data folder, outside
    the cache folder (whoever can write the cache cannot read or replace it)."""
    return Path(_dirs().user_data_dir) / "cache.key"


def routine_dirs(extra: list[Path] | None = None) -> list[Path]:
    """Extra routine folders: $CORECOACH_ROUTINES (``os.pathsep``-separated), then
    ``extra`` (the --routines options)."""
    dirs = [Path(p) for p in os.environ.get(ROUTINES_ENV, "").split(os.pathsep) if p]
    return dirs + list(extra or [])
