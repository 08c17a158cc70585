"""Library speed: load + validate the shipped library, a 20x generated one, and rule evaluation.

Prints figures; not a timed test. Targets (issue 3): shipped library <= 50 ms; 20x library
<= 20x that (linear); all rules for one profile <= 1 ms.

    python benchmarks/library.py
"""

from __future__ import annotations

import re
import tempfile
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

from corecoach.facts import derive_facts
from corecoach.library.catalog import evaluate_rules, fired_rule_ids
from corecoach.library.loader import (
    _cached,
    _condition,
    build_catalog,
    load_catalog,
)
from corecoach.profile import load_profile
from corecoach.resources import example_path, routines_dir


def best_ms(fn: Callable[[], object], runs: int = 7) -> float:
    """Best of ``runs``: the least disturbed run on a noisy shared machine.

    Each run starts cold: the loader's cache of compiled conditions is emptied first.
    """
    times = []
    for _ in range(runs):
        _condition.cache_clear()
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return min(times)


def generate(folder: Path, copies: int) -> None:
    """Write ``copies`` copies of the shipped library with every id renamed, as text.

    Renaming in the text keeps the files exactly as people write them, so the figure
    compares like with like (re-serialising would change the TOML layout and its cost).
    """
    # The journal's [[adapt]] and [[road]] rules read journal and road facts, not profile
    # facts, and are not part of what grows with a coach's library: the copies are of
    # exercises, chains and rules.
    files = sorted(p for p in routines_dir().rglob("*.toml")
                   if p.parent.name not in ("adapt", "road"))
    ids: set[str] = set()
    for path in files:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for table in ("exercise", "chain"):
            ids.update(entry["id"] for entry in data.get(table, []))
    # Exercise and chain ids are referenced in quotes anywhere; rule ids only on `id =` lines
    # (a rule id such as "flare" can also be a fact name inside a condition).
    refs = re.compile(r'(["\'])(' + "|".join(map(re.escape, ids)) + r")\1")
    rule_ids = re.compile(r'^(id = ")([^"]+)(")', re.MULTILINE)
    # ... and in a narrowing rule's `keep` list, on one line.
    keeps = re.compile(r"^(keep = \[)(.*)(\])", re.MULTILINE)
    # Make every copy's conditions distinct too, so none is compiled once for all copies.
    whens = re.compile(r"""(when = )(["'])(.*?)\2""")
    for path in files:
        text = path.read_text(encoding="utf-8")
        for n in range(copies):
            renamed = refs.sub(lambda m, n=n: f"{m[1]}{m[2]}-x{n}{m[1]}", text)
            renamed = rule_ids.sub(
                lambda m, n=n: m[0] if m[2].endswith(f"-x{n}") else f"{m[1]}{m[2]}-x{n}{m[3]}",
                renamed)
            renamed = keeps.sub(
                lambda m, n=n: m[1] + re.sub(r'"([^"]+)"', f'"\\1-x{n}"', m[2]) + m[3],
                renamed)
            renamed = whens.sub(
                lambda m, n=n: f"{m[1]}{m[2]}({m[3]}) and stress >= -{n + 1}{m[2]}", renamed)
            (folder / f"{path.parent.name}-{path.stem}-{n}.toml").write_text(
                renamed, encoding="utf-8")


def main() -> None:
    shipped = [routines_dir()]
    base = best_ms(lambda: build_catalog(shipped))
    catalog = build_catalog(shipped)
    print(f"shipped library: {len(catalog.exercises)} exercises, {len(catalog.chains)} chains, "
          f"{len(catalog.rules)} rules: load + validate {base:.1f} ms (target <= 50 ms)")
    with tempfile.TemporaryDirectory() as cache_dir:
        load_catalog(cache_dir=Path(cache_dir))  # writes the JSON cache

        def from_cache() -> None:
            _cached.cache_clear()
            load_catalog(cache_dir=Path(cache_dir))

        cached = best_ms(from_cache)
    print(f"shipped library from the JSON cache (content key, validated again): {cached:.1f} ms "
          "(target <= 50 ms)")
    # Linearity: the same generator at 1x and 20x, so both sides are written alike.
    with tempfile.TemporaryDirectory() as one, tempfile.TemporaryDirectory() as twenty:
        generate(Path(one), 1)
        generate(Path(twenty), 20)
        small = best_ms(lambda: build_catalog([Path(one)]))
        big = best_ms(lambda: build_catalog([Path(twenty)]), runs=5)
        size = len(build_catalog([Path(twenty)]).exercises)
    print(f"generated library, 1x: {small:.1f} ms; 20x ({size} exercises): {big:.1f} ms "
          f"= {big / small:.1f}x (target <= 20x)")
    facts = derive_facts(load_profile(example_path("road-runner")))
    runs = 2000
    t = time.perf_counter()
    for _ in range(runs):
        fired_rule_ids(catalog, facts)
    fast = (time.perf_counter() - t) * 1000 / runs
    t = time.perf_counter()
    for _ in range(200):
        evaluate_rules(catalog, facts)
    traced = (time.perf_counter() - t) * 1000 / 200
    print(f"all {len(catalog.rules)} rules for one profile: {fast * 1000:.0f} us "
          f"(with a full trace: {traced:.2f} ms) (target <= 1 ms)")


if __name__ == "__main__":
    main()
