"""The on-disk library cache: hits give the same catalog, any edit misses."""

from __future__ import annotations

import os
from pathlib import Path

from corecoach.facts import derive_facts
from corecoach.library import cache
from corecoach.library.loader import _cached, build_catalog, load_catalog
from corecoach.profile import load_profile
from corecoach.resources import example_path, routines_dir
from corecoach.rules.engine import fired_rule_ids


def test_a_cached_library_equals_a_fresh_one(tmp_path: Path) -> None:
    _cached.cache_clear()
    first = load_catalog(cache_dir=tmp_path)
    assert list(tmp_path.glob("library-*.pickle"))
    _cached.cache_clear()
    again = load_catalog(cache_dir=tmp_path)
    fresh = build_catalog([routines_dir()])
    assert again.exercises == fresh.exercises and again.chains == fresh.chains
    assert [r.rule for r in again.rules] == [r.rule for r in fresh.rules]
    facts = derive_facts(load_profile(example_path("road-runner")))
    assert fired_rule_ids(again, facts) == fired_rule_ids(fresh, facts)
    assert again.caution_conditions.keys() == fresh.caution_conditions.keys()
    assert first.exercises == again.exercises


def test_editing_a_definition_misses_the_cache(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    rule = mine / "r.toml"
    rule.write_text('[[rule]]\nid = "my-rule"\nwhen = "true"\nbecause = "First version here."\n')
    key = cache.cache_key([routines_dir(), mine])
    rule.write_text('[[rule]]\nid = "my-rule"\nwhen = "true"\nbecause = "Second version, longer."\n')
    os.utime(rule, ns=(1, 1))
    assert cache.cache_key([routines_dir(), mine]) != key


def test_a_corrupt_cache_entry_is_a_miss(tmp_path: Path) -> None:
    key = cache.cache_key([routines_dir()])
    assert key is not None
    (tmp_path / f"library-{key}.pickle").write_bytes(b"not a pickle")
    assert cache.read(tmp_path, key) is None
    _cached.cache_clear()
    assert load_catalog(cache_dir=tmp_path).exercises


def test_an_unwritable_cache_is_skipped(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("x")
    cache.write(blocked / "sub", "k", {"a": 1})  # a file where the folder should be
    assert blocked.read_text() == "x"
