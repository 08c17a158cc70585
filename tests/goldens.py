"""Golden-file comparison; set CORECOACH_UPDATE_GOLDEN=1 to rewrite the files."""

from __future__ import annotations

import os
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"


def assert_golden(name: str, actual: str) -> None:
    """Compare ``actual`` with tests/golden/NAME byte for byte."""
    path = GOLDEN / name
    if os.environ.get("CORECOACH_UPDATE_GOLDEN") == "1":
        path.write_bytes(actual.encode("utf-8"))
    # A missing golden fails: a deleted file must not pass by writing itself anew.
    assert path.exists(), (f"tests/golden/{name} is missing; if this output is new, run with "
                           "CORECOACH_UPDATE_GOLDEN=1 and review the file")
    expected = path.read_bytes().decode("utf-8")
    assert actual == expected, (
        f"{name} differs from its golden file; if the change is intended, rerun with "
        "CORECOACH_UPDATE_GOLDEN=1 and review the diff"
    )
