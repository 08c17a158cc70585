"""The on-disk library cache: data only, keyed by content, and any bad entry is a miss."""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path

import pytest

from corecoach.cachefiles import seal, unseal
from corecoach.facts import derive_facts
from corecoach.library import cache
from corecoach.library.catalog import fired_rule_ids
from corecoach.library.loader import _cached, build_catalog, load_catalog
from corecoach.profile import load_profile
from corecoach.resources import example_path, routines_dir


def _key() -> str:
    key = cache.cache_key([routines_dir()])
    assert key is not None
    return key


def _opened(path: Path) -> object:
    """The JSON inside a cache file this user's corecoach sealed."""
    data = unseal(cache.PURPOSE, path.read_bytes())
    assert data is not None
    return json.loads(data)


def _forge(path: Path, text: str) -> None:
    """Write ``text`` sealed with this user's own key: what only a forger who also holds
    the key could do, so what the cache still checks for shape and cross-references."""
    sealed = seal(cache.PURPOSE, text.encode())
    assert sealed is not None
    path.write_bytes(sealed)


def test_a_cached_library_equals_a_fresh_one(tmp_path: Path) -> None:
    _cached.cache_clear()
    first = load_catalog(cache_dir=tmp_path)
    stored = list(tmp_path.glob("library-*.json"))
    assert len(stored) == 1
    assert isinstance(_opened(stored[0]), dict)  # plain JSON data behind the seal
    _cached.cache_clear()
    again = load_catalog(cache_dir=tmp_path)
    fresh = build_catalog([routines_dir()])
    assert again.exercises == fresh.exercises and again.chains == fresh.chains
    assert again.sources == fresh.sources
    assert [r.rule for r in again.rules] == [r.rule for r in fresh.rules]
    facts = derive_facts(load_profile(example_path("road-runner")))
    assert fired_rule_ids(again, facts) == fired_rule_ids(fresh, facts)
    assert again.caution_conditions.keys() == fresh.caution_conditions.keys()
    assert first.exercises == again.exercises


class _Payload:
    """A pickle that would create a file when unpickled."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (Path.touch, (self.marker,))


@pytest.mark.parametrize("suffix", ["json", "pickle"])
def test_a_planted_pickle_never_runs(tmp_path: Path, suffix: str) -> None:
    marker = tmp_path / "PWNED"
    (tmp_path / f"library-{_key()}.{suffix}").write_bytes(pickle.dumps(_Payload(marker)))
    pickle.loads(pickle.dumps(_Payload(tmp_path / "control")))  # the payload does work
    assert (tmp_path / "control").exists()
    _cached.cache_clear()
    assert load_catalog(cache_dir=tmp_path).exercises
    assert not marker.exists()


@pytest.mark.parametrize("payload", [[1, 2, 3], {"exercises": {}}, None])
def test_an_old_pickle_entry_is_never_read(tmp_path: Path, payload: object) -> None:
    # corecoach 0.1.0 unpickled library-KEY.pickle and crashed on these shapes.
    (tmp_path / f"library-{_key()}.pickle").write_bytes(pickle.dumps(payload))
    _cached.cache_clear()
    assert load_catalog(cache_dir=tmp_path).exercises == build_catalog([routines_dir()]).exercises


def _snapshot() -> dict[str, object]:
    _cached.cache_clear()
    scratch = Path(os.environ["CORECOACH_CACHE_DIR"]) / "scratch"
    load_catalog(cache_dir=scratch)
    data = _opened(next(scratch.glob("library-*.json")))
    assert isinstance(data, dict)
    return data


def _wrong_shapes() -> list[object]:
    return [
        [1, 2, 3], None, "text", {"exercises": {}},
        {"format": cache.FORMAT, "key": "KEY"},
        {"format": cache.FORMAT, "key": "KEY", "exercise": [[1, 2, 3]], "chain": [], "rule": []},
        {"format": cache.FORMAT, "key": "KEY", "exercise": [[{"id": "x"}, "f"]], "chain": [], "rule": []},
        {"format": cache.FORMAT, "key": "KEY", "exercise": {}, "chain": 5, "rule": None},
    ]


@pytest.mark.parametrize("payload", _wrong_shapes())
def test_a_wrong_shaped_cache_is_a_silent_miss(tmp_path: Path, payload: object) -> None:
    key = _key()
    text = json.dumps(payload).replace('"KEY"', f'"{key}"')
    _forge(tmp_path / f"library-{key}.json", text)
    _cached.cache_clear()
    catalog = load_catalog(cache_dir=tmp_path)
    assert catalog.exercises == build_catalog([routines_dir()]).exercises


def test_a_cached_rule_is_checked_like_a_fresh_one(tmp_path: Path) -> None:
    snapshot = _snapshot()
    rules = snapshot["rule"]
    assert isinstance(rules, list)
    rules[0][0]["when"] = '__import__("os").system("true")'
    rules[1][0]["include"] = ["no-such-exercise"]
    _forge(tmp_path / f"library-{_key()}.json", json.dumps(snapshot))
    _cached.cache_clear()
    catalog = load_catalog(cache_dir=tmp_path)
    fresh = build_catalog([routines_dir()])
    assert [r.rule for r in catalog.rules] == [r.rule for r in fresh.rules]


def test_corrupt_entries_are_a_miss(tmp_path: Path) -> None:
    key = _key()
    for junk in (b"", b"not json", b"\xff\xfe", b"[" * 100_000):
        (tmp_path / f"library-{key}.json").write_bytes(junk)
        assert cache.read(tmp_path, key) is None
        _forge(tmp_path / f"library-{key}.json", junk.decode("latin-1"))
        assert cache.read(tmp_path, key) is None
    _cached.cache_clear()
    assert load_catalog(cache_dir=tmp_path).exercises


def test_the_cache_deletes_only_its_own_files(tmp_path: Path) -> None:
    theirs = ["library-my-own-data.pickle", "library-notes.json", "library-.json",
              "library-" + "a" * 32 + ".json.bak", "library-" + "A" * 32 + ".json"]
    for name in theirs:
        (tmp_path / name).write_text("precious")
    old_ours = ["library-" + "0" * 32 + ".json", "library-" + "1" * 32 + ".pickle"]
    for name in old_ours:
        (tmp_path / name).write_text("{}")
    _cached.cache_clear()
    load_catalog(cache_dir=tmp_path)
    for name in theirs:
        assert (tmp_path / name).read_text() == "precious"
    for name in old_ours:
        assert not (tmp_path / name).exists()


def test_an_edit_that_keeps_size_and_mtime_misses_the_cache(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    rule = mine / "r.toml"
    rule.write_text('[[rule]]\nid = "my-rule"\nwhen = "true"\nbecause = "NOTE-AAAA version."\n')
    os.utime(rule, ns=(1, 1))
    key = cache.cache_key([routines_dir(), mine])
    rule.write_text('[[rule]]\nid = "my-rule"\nwhen = "true"\nbecause = "NOTE-BBBB version."\n')
    os.utime(rule, ns=(1, 1))  # as cp -p, rsync -t or tar leave it
    assert cache.cache_key([routines_dir(), mine]) != key


def test_a_fifo_among_definitions_gives_no_key(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "b.toml")
    assert cache.cache_key([tmp_path]) is None  # returns at once: the FIFO is never opened


def test_an_unwritable_cache_is_skipped(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("x")
    cache.write(blocked / "sub", "k", {"a": 1})  # a file where the folder should be
    assert blocked.read_text() == "x"


def test_a_restored_library_compiles_its_conditions_when_read(tmp_path: Path) -> None:
    """A library from the cache was checked when it was written: its conditions compile on
    first use (a plan pays only for what it reads), and say the same as fresh ones."""
    from corecoach.facts import derive_facts
    from corecoach.library.catalog import fired_rule_ids
    from corecoach.library.loader import _condition
    from corecoach.profile import load_profile
    from corecoach.resources import example_path
    from corecoach.rules.condition import LazyCondition

    fresh = build_catalog([routines_dir()])
    _cached.cache_clear()
    load_catalog(cache_dir=tmp_path)  # writes the cache
    _cached.cache_clear()
    _condition.cache_clear()
    restored = load_catalog(cache_dir=tmp_path)
    assert all(isinstance(r.condition, LazyCondition) for r in restored.rules)
    assert all(isinstance(a.condition, LazyCondition) for a in restored.adapt)
    facts = derive_facts(load_profile(example_path("road-runner")))
    assert fired_rule_ids(restored, facts) == fired_rule_ids(fresh, facts)
    assert [a.condition.names for a in restored.adapt] == [a.condition.names
                                                           for a in fresh.adapt]


def test_the_key_names_the_models_but_no_memory_address() -> None:
    # The key names the definition models' fields and types; a validator's repr carries
    # its address, which differs per process and would make every start a miss.
    shape = cache._shape()
    assert "Exercise(" in shape and "ladder:" in shape
    assert " at 0x" not in shape


def test_the_key_names_the_facts_conditions_read(monkeypatch: pytest.MonkeyPatch) -> None:
    # A restored library's conditions compile without the allow-list walk (they passed it
    # when the cache was written): only against the very facts they were checked against.
    from corecoach import facts

    before = cache._shape()
    assert "flare:" in before and "morning_pain:" in before
    monkeypatch.setitem(facts.FACT_SCHEMA, "new_fact", "number")
    assert cache._shape() != before


def test_a_checked_condition_compiles_to_the_same_one() -> None:
    """``checked=True`` (a condition from the sealed cache) skips only the checks: every
    condition of the shipped library reads the same facts, clause by clause, and gives the
    same answer for each example profile."""
    from corecoach.library.loader import _SCHEMAS
    from corecoach.rules.condition import compile_condition

    library = build_catalog([routines_dir()])
    texts = ([(r.rule.when, "facts") for r in library.rules]
             + [(a.rule.when, "journal") for a in library.adapt]
             + [(r.rule.when, "road") for r in library.road]
             + [(c.when, "facts") for e in library.exercises.values() for c in e.cautions
                if c.when])
    profiles = [derive_facts(load_profile(example_path(n)))
                for n in ("road-runner", "desk-worker", "lifter")]
    for text, schema in texts:
        full = compile_condition(text, _SCHEMAS[schema])
        fast = compile_condition(text, _SCHEMAS[schema], checked=True)
        assert fast.names == full.names
        if schema == "facts":  # clause by clause: text, value and the facts read
            assert [fast.explain(f) for f in profiles] == [full.explain(f) for f in profiles]


def test_a_snapshot_row_with_a_key_the_model_lacks_is_a_miss(tmp_path: Path) -> None:
    snapshot = _snapshot()
    exercises = snapshot["exercise"]
    assert isinstance(exercises, list)
    exercises[0][0]["cues"] = ["TAMPERED: planted cue one", "TAMPERED: planted cue two"]
    exercises[0][0]["cues_extra"] = ["planted"]
    _forge(tmp_path / f"library-{_key()}.json", json.dumps(snapshot))
    _cached.cache_clear()
    assert load_catalog(cache_dir=tmp_path).exercises == build_catalog([routines_dir()]).exercises


def test_a_restored_library_holds_tuples_as_fresh_definitions_do(tmp_path: Path) -> None:
    _cached.cache_clear()
    load_catalog(cache_dir=tmp_path)
    _cached.cache_clear()
    restored = load_catalog(cache_dir=tmp_path)
    for ex in restored.exercises.values():
        assert isinstance(ex.ladder, tuple) and isinstance(ex.cues, tuple)
        assert all(isinstance(d.reps, int | tuple | type(None)) for d in ex.ladder)


def test_a_restored_definition_is_a_whole_model(tmp_path: Path) -> None:
    # Rebuilt without model_construct: it must still be what validation makes, down to
    # the fields set, and dump as a fresh one does (`show --format json` dumps them).
    _cached.cache_clear()
    load_catalog(cache_dir=tmp_path)
    _cached.cache_clear()
    restored = load_catalog(cache_dir=tmp_path)
    fresh = build_catalog([routines_dir()])
    for key, ex in restored.exercises.items():
        assert ex.model_fields_set == set(type(ex).model_fields)
        assert ex.model_dump() == fresh.exercises[key].model_dump()
        assert repr(ex) == repr(fresh.exercises[key])
    assert [repr(r.rule) for r in restored.rules] == [repr(r.rule) for r in fresh.rules]
