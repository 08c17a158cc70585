"""The session journal: one SQLite file of sessions, sport sessions and morning check-ins.

``entry`` holds the Entry value and its checks, ``store`` the SQLite file (schema,
migrations, reads and writes), ``history`` the immutable History value the core reads,
``csvio`` the lossless CSV and JSON forms, ``keys`` how a profile is tied to its entries.
"""

from __future__ import annotations
