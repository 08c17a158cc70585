"""The session journal: one SQLite file of sessions, sport sessions and morning check-ins.

``entry`` holds the Entry value and its checks, ``store`` the SQLite file (schema,
migrations, reads and writes), ``history`` the immutable History value the core reads,
``csvio`` the lossless CSV and JSON forms, ``keys`` how a profile is tied to its entries.
"""

from __future__ import annotations

import os
from pathlib import Path


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
