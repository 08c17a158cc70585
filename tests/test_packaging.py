"""The wheel carries the routine library, the example profiles and the page stylesheet."""

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
    assert "corecoach/render/page.css" in names, "the printable page's stylesheet"


def test_editable_checkout_finds_the_routines_folder() -> None:
    from corecoach.resources import routines_dir

    assert (routines_dir() / "exercises").is_dir() or list(routines_dir().rglob("*.toml"))


def test_licence_and_metadata_in_wheel_and_sdist(tmp_path: Path) -> None:
    """LICENSE (MIT, as the metadata says) ships in the sdist and the wheel, with the man page."""
    import tarfile

    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(tmp_path), str(ROOT)],
        check=True, capture_output=True,
    )
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License\n")
    (wheel,) = tmp_path.glob("corecoach-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        meta = archive.read(next(n for n in names if n.endswith(".dist-info/METADATA")))
        text = meta.decode("utf-8")
        (licensed,) = [n for n in names if n.endswith(".dist-info/licenses/LICENSE")]
        assert archive.read(licensed).decode("utf-8") == licence
    assert "License-Expression: MIT" in text and "License-File: LICENSE" in text
    assert "Classifier: Environment :: Console" in text
    assert "Classifier: Programming Language :: Python :: 3.11" in text
    assert any(n.endswith(".data/data/share/man/man1/corecoach.1") for n in names)
    (sdist,) = tmp_path.glob("corecoach-*.tar.gz")
    with tarfile.open(sdist) as archive:
        members = {m.split("/", 1)[1] for m in archive.getnames() if "/" in m}
    assert {"LICENSE", "docs/cli.md", "docs/corecoach.1", "docs/plan-json.md"} <= members
