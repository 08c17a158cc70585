"""The session journal: one SQLite file of sessions, sport sessions and morning check-ins.

``entry`` holds the Entry value and its checks, ``store`` the SQLite file (schema,
migrations, reads and writes), ``history`` the immutable History value the core reads,
``csvio`` the lossless CSV and JSON forms, ``keys`` how a profile is tied to its entries.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

JOURNAL_ENV = "CORECOACH_JOURNAL"


def default_journal_path() -> Path:
    """$CORECOACH_JOURNAL, else journal.sqlite3 in the user's data folder
    ($XDG_DATA_HOME/corecoach on Linux, ~/.local/share when it is unset).

    The one definition: `corecoach paths` and the journal commands both use it.
    """
    env = os.environ.get(JOURNAL_ENV)
    if env:
        return Path(env).expanduser()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "corecoach" / "journal.sqlite3"


def may_exist(path: Path) -> bool:
    """Whether there may be a journal at ``path``: False only when nothing is there at all.

    Cheap (no sqlite3), for `plan` and `today`. A path that cannot be looked at (a folder
    without permission, a symlink loop) or a dangling symlink is "maybe", so that reading
    it says why instead of planning as if there were no journal.
    """
    try:
        os.stat(path)
    except FileNotFoundError:
        return os.path.islink(path)
    except OSError:
        return True
    return True


#: Said once in a plan made without journal entries.
LOGGING_HINT = ("log your sessions (corecoach log) and morning check-ins (corecoach check-in) "
                "and the plan adapts to how your back responds")
