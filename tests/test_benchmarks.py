"""The benchmarks still run: their generators make libraries the loader accepts.

Benchmarks print figures and are not timed here; this only keeps them working (the 20x
library generator once broke on an escaped quote in a journal rule and nobody noticed).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from corecoach.library.loader import build_catalog, load_catalog

ROOT = Path(__file__).resolve().parent.parent


def test_the_generated_library_loads(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("bench_library",
                                                  ROOT / "benchmarks" / "library.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.generate(tmp_path, 2)
    catalog = build_catalog([tmp_path])
    shipped = load_catalog()
    assert len(catalog.exercises) == 2 * len(shipped.exercises)
    assert len(catalog.rules) == 2 * len(shipped.rules)
