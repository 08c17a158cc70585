"""The session journal: one SQLite file of sessions, sport sessions and morning check-ins.

``entry`` holds the Entry value and its checks, ``store`` the SQLite file (schema,
migrations, reads and writes), ``history`` the immutable History value the core reads,
``csvio`` the lossless CSV and JSON forms, ``keys`` how a profile is tied to its entries.
"""

#: Said once in a plan made without journal entries.
LOGGING_HINT = ("log your sessions (corecoach log) and morning check-ins (corecoach check-in) "
                "and the plan adapts to how your back responds")
