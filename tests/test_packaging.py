"""The wheel carries the routine library and the example profiles."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_contains_routines_and_examples(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path),
         str(ROOT)],
        check=True, capture_output=True,
    )
    (wheel,) = tmp_path.glob("corecoach-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    shipped = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "routines").rglob("*.toml"))
    assert shipped, "the checkout has no routines/*.toml"
    for rel in shipped:
        assert f"corecoach/{rel}" in names
    for example in ("road-runner", "desk-worker", "lifter"):
        assert f"corecoach/examples/{example}.toml" in names


def test_editable_checkout_finds_the_routines_folder() -> None:
    from corecoach.resources import routines_dir

    assert (routines_dir() / "exercises").is_dir() or list(routines_dir().rglob("*.toml"))
