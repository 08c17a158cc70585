"""Load routine definitions from TOML folders, validate them together, and build a Catalog."""

from __future__ import annotations

import functools
import gc
from collections.abc import Collection, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from corecoach.errors import ConditionError, DefinitionError, InputError, Problem
from corecoach.facts import (
    EXTRA_PLACEHOLDERS,
    FACT_SCHEMA,
    JOURNAL_FACT_SCHEMA,
    ROAD_FACT_SCHEMA,
    ROAD_PLACEHOLDERS,
)
from corecoach.library.catalog import Catalog, CompiledAdapt, CompiledRoad, CompiledRule
from corecoach.library.models import (
    AdaptLimit,
    AdaptRule,
    Caution,
    Chain,
    Dose,
    Exercise,
    Load,
    RoadRule,
    Rule,
)
from corecoach.rules.condition import Condition, FactSchema, LazyCondition, compile_condition
from corecoach.suggest import suggest
from corecoach.tomlio import DEFINITIONS_EMPTY, MAX_DEFINITION_BYTES, read_toml
from corecoach.validation import problems_from
from corecoach.vocab import EQUIPMENT

TABLES: dict[str, type[BaseModel]] = {"exercise": Exercise, "chain": Chain, "rule": Rule,
                                      "adapt": AdaptRule, "limit": AdaptLimit, "road": RoadRule}


class _Raw:
    """Definitions read from one folder, before merging."""

    def __init__(self) -> None:
        self.items: dict[str, list[tuple[BaseModel, str, str]]] = {k: [] for k in TABLES}


def _key(kind: str, index: int, ident: object) -> str:
    return f"{kind}[{ident}]" if isinstance(ident, str) and ident else f"{kind}[{index + 1}]"


def _read_folder(folder: Path, problems: list[Problem]) -> _Raw:
    raw = _Raw()
    try:
        if not folder.exists():
            problems.append(Problem(str(folder), "", "no such folder; check --routines"))
            return raw
        if not folder.is_dir():
            problems.append(Problem(str(folder), "", "is not a folder of TOML files"))
            return raw
        files = sorted(folder.rglob("*.toml"))
    except OSError as exc:
        problems.append(Problem(str(folder), "", f"cannot be read ({exc.strerror or exc})"))
        return raw
    if not files:
        problems.append(Problem(str(folder), "", "holds no *.toml files"))
    for path in files:
        try:
            data = read_toml(path, limit=MAX_DEFINITION_BYTES, empty=DEFINITIONS_EMPTY)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        _read_tables(data, str(path), raw, problems)
    return raw


def _read_tables(data: dict[str, Any], source: str, raw: _Raw, problems: list[Problem]) -> None:
    for table, entries in data.items():
        model = TABLES.get(table)
        if model is None:
            hint = suggest(table, TABLES)
            tail = f"did you mean [[{hint}]]?" if hint else "allowed: " + ", ".join(
                f"[[{t}]]" for t in TABLES)
            problems.append(Problem(source, table, f"unknown table ({tail})"))
            continue
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            problems.append(Problem(source, table, f"must be written as [[{table}]] tables"))
            continue
        for index, entry in enumerate(entries):
            key = _key(table, index, entry.get("id"))
            try:
                item = model.model_validate(entry)
            except ValidationError as exc:
                problems.extend(problems_from(exc, model, source, key))
                continue
            raw.items[table].append((item, source, key))


def _check_unique(raw: _Raw, problems: list[Problem]) -> None:
    seen: dict[str, str] = {}
    for table in ("exercise", "chain", "rule", "adapt", "limit", "road"):
        for item, source, key in raw.items[table]:
            ident = str(getattr(item, "id"))  # noqa: B009 - every table model has an id
            space = table if table in ("rule", "adapt", "limit", "road") else "step"
            tag = f"{space}:{ident}"
            if tag in seen:
                problems.append(
                    Problem(source, key, f"id {ident!r} is already used in {seen[tag]}"))
            else:
                seen[tag] = source


def _check_dose(ex: Exercise, source: str, key: str, problems: list[Problem]) -> None:
    previous = 0
    for i, dose in enumerate(ex.ladder):
        where = f"{key}.ladder[{i + 1}]"
        if ex.unit in ("hold", "reps") and dose.reps is None:
            problems.append(Problem(source, where, f"unit {ex.unit!r} needs reps"))
        if ex.unit == "hold" and dose.seconds is None:
            problems.append(Problem(source, where, "unit 'hold' needs seconds per hold"))
        if ex.unit in ("stretch", "time"):
            if dose.reps is not None:
                problems.append(Problem(source, where, f"unit {ex.unit!r} takes no reps; "
                                        "use sets and seconds"))
            if dose.seconds is None:
                problems.append(Problem(source, where, f"unit {ex.unit!r} needs seconds"))
        work = dose.total_reps() * (dose.seconds or 1)
        if work < previous:
            problems.append(Problem(source, where, "a ladder rung must not be less work than "
                                    "the one before (order rungs easiest first)"))
        previous = work


def _check_equipment(ex: Exercise, source: str, key: str, problems: list[Problem]) -> None:
    for i, requirement in enumerate(ex.equipment):
        for option in requirement.split("|"):
            if option not in EQUIPMENT:
                hint = suggest(option, EQUIPMENT)
                extra = f"; did you mean {hint!r}?" if hint else ""
                problems.append(Problem(
                    source, f"{key}.equipment[{i + 1}]",
                    f"{option!r} is not equipment (allowed: {', '.join(EQUIPMENT)}{extra})"))


_SCHEMAS: dict[str, FactSchema] = {"facts": FACT_SCHEMA, "journal": JOURNAL_FACT_SCHEMA,
                                    "road": ROAD_FACT_SCHEMA}


@functools.lru_cache(maxsize=4096)
def _condition(text: str, schema: str, lazy: bool) -> Condition:
    """``text`` compiled against one of :data:`_SCHEMAS`; ``lazy``: compiled on first use
    (for a library restored from the cache, whose conditions all compiled when it was
    written). Many cautions share a condition ("flare"): each distinct text is made once."""
    if lazy:
        return LazyCondition(text, _SCHEMAS[schema])
    return compile_condition(text, _SCHEMAS[schema])


def _compile(text: str, source: str, key: str, problems: list[Problem], schema: str = "facts",
             lazy: bool = False) -> Condition | None:
    try:
        return _condition(text, schema, lazy)
    except ConditionError as exc:
        problems.append(Problem(source, key, exc.describe()))
        return None


def _placeholder_problems(text: str, known: Collection[str], source: str, key: str,
                          docs: str) -> list[Problem]:
    """What is wrong with the ``{name}`` fields of a rule's text (``because``, ``alert``,
    ``tip``): only plain ``{name}`` fields of ``known`` are allowed; a format spec or a
    conversion could crash a plan (``{x:d}``) or ask for a gigabyte (``{day:>200000000}``),
    and an empty field is positional."""
    import string

    try:
        parts = [p for p in string.Formatter().parse(text) if p[1] is not None]
    except ValueError as exc:
        return [Problem(source, key, f"{exc} (write {{{{ for a brace)")]
    odd = next((p for p in parts if p[2] or p[3] is not None or not p[1]), None)
    if odd is not None:
        shown = f"{odd[1]}{'!' + odd[3] if odd[3] else ''}{':' + odd[2] if odd[2] else ''}"
        return [Problem(source, key, f"only plain {{name}} fields are allowed, not "
                        f"{{{shown}}} (write {{{{ for a brace)")]
    bad = [p[1] for p in parts if p[1] and p[1] not in known]
    if bad:
        hint = suggest(bad[0], known)
        tail = f"did you mean {{{hint}}}?" if hint else f"see {docs}"
        return [Problem(source, key, f"unknown placeholder {{{bad[0]}}} ({tail})")]
    return []


def _override(ids: Iterable[str], replaced: dict[str, str]) -> str:
    """`` (abdominal-brace was replaced by r/a.toml)`` for the ids a later folder overrode."""
    named = [f"{i} was replaced by {replaced[i]}" for i in ids if i in replaced]
    return f" ({'; '.join(named)})" if named else ""


def _ref_problem(ref: str, known: Iterable[str], source: str, key: str) -> Problem:
    hint = suggest(ref, known)
    tail = f" (did you mean {hint!r}?)" if hint else ""
    return Problem(source, key, f"{ref!r} is not an exercise or chain id{tail}")


def build_catalog(folders: Sequence[Path]) -> Catalog:
    """Read folders in order (later ones override earlier ones by id) and validate all."""
    # Loading makes many small, long-lived objects and no cycles; pausing the cyclic GC
    # keeps the cost linear in the size of the library (measured: benchmarks/library.py).
    paused = gc.isenabled()
    gc.disable()
    try:
        return _build_catalog(folders)
    finally:
        if paused:
            gc.enable()


Entries = dict[str, tuple[Any, str, str]]


def _build_catalog(folders: Sequence[Path]) -> Catalog:
    problems: list[Problem] = []
    exercises: Entries = {}
    chains: Entries = {}
    rules: Entries = {}
    adapts: Entries = {}
    limits: Entries = {}
    roads: Entries = {}
    replaced: dict[str, str] = {}
    for folder in folders:
        raw = _read_folder(folder, problems)
        _check_unique(raw, problems)
        for table, entries in (("exercise", exercises), ("chain", chains), ("rule", rules),
                               ("adapt", adapts), ("limit", limits), ("road", roads)):
            for item, source, key in raw.items[table]:
                ident = str(getattr(item, "id"))  # noqa: B009 - every table model has an id
                if ident in entries and entries[ident][1] != source:
                    replaced[ident] = source
                entries[ident] = (item, source, key)
    return _assemble(exercises, chains, rules, problems, replaced, adapts, limits, roads)


def _assemble(exercises: Entries, chains: Entries, rules: Entries, problems: list[Problem],
              replaced: dict[str, str], adapts: Entries | None = None,
              limits: Entries | None = None, roads: Entries | None = None,
              lazy: bool = False) -> Catalog:
    """Check the merged definitions against each other and build the Catalog.

    ``replaced`` maps ids overridden by a later folder to the file that replaced them, so a
    problem caused by an override names it. ``lazy`` (a library restored from the cache):
    conditions are compiled when first read.
    """
    caution_conditions: dict[str, tuple[tuple[Caution, Condition], ...]] = {}
    for ex, source, key in exercises.values():
        _check_dose(ex, source, key, problems)
        _check_equipment(ex, source, key, problems)
        compiled = []
        for i, caution in enumerate(ex.cautions):
            if caution.when is not None:
                cond = _compile(caution.when, source, f"{key}.cautions[{i + 1}].when", problems,
                                lazy=lazy)
                if cond is not None:
                    compiled.append((caution, cond))
        caution_conditions[ex.id] = tuple(compiled)

    for chain, source, key in chains.values():
        if chain.id in exercises:
            problems.append(Problem(source, f"{key}.id",
                                    f"{chain.id!r} is also an exercise id; chain ids must differ"))
        last_level, last_step = 0, ""
        for i, step in enumerate(chain.steps):
            where = f"{key}.steps[{i + 1}]"
            if step in chain.steps[:i]:
                problems.append(Problem(source, where, f"{step!r} appears twice (a cycle)"))
            found = exercises.get(step)
            if found is None:
                hint = suggest(step, exercises)
                tail = f" (did you mean {hint!r}?)" if hint else ""
                problems.append(Problem(source, where, f"{step!r} is not an exercise id{tail}"))
                continue
            if found[0].level < last_level:
                problems.append(Problem(source, where, f"{step!r} is level {found[0].level}, "
                                        f"easier than the step before (level {last_level}); "
                                        "order steps easiest first"
                                        + _override((last_step, step), replaced)))
            if found[0].level >= last_level:
                last_level, last_step = found[0].level, step

    known = set(exercises) | set(chains)
    compiled_rules: list[CompiledRule] = []
    for rule, source, key in rules.values():
        refs = [("include", r) for r in rule.include] + [("exclude", r) for r in rule.exclude]
        refs += [("per_week", r) for r in rule.per_week]
        for field_name, ref in refs:
            if ref not in known:
                problems.append(_ref_problem(ref, known, source, f"{key}.{field_name}"))
        for ref in rule.per_week:
            if ref not in rule.include:
                problems.append(Problem(source, f"{key}.per_week.{ref}",
                                        f"{ref!r} is not in this rule's include list"))
        for ref in rule.keep or ():
            if ref not in rules:
                hint = suggest(ref, rules)
                tail = f" (did you mean {hint!r}?)" if hint else ""
                problems.append(Problem(source, f"{key}.keep", f"{ref!r} is not a rule "
                                        f"id{tail}"))
        cond = _compile(rule.when, source, f"{key}.when", problems, lazy=lazy)
        if cond is not None:
            compiled_rules.append(CompiledRule(rule, cond, source))

    compiled_adapts = _compile_adapts((adapts or {}).values(), problems, lazy)
    limit_values = _check_limits((limits or {}).values(), problems)
    compiled_roads = _compile_roads((roads or {}).values(), problems, lazy)
    if problems:
        raise DefinitionError(problems)
    sources = {k: v[1] for k, v in exercises.items()} | {k: v[1] for k, v in chains.items()}
    return Catalog(
        exercises={k: v[0] for k, v in sorted(exercises.items())},
        chains={k: v[0] for k, v in sorted(chains.items())},
        rules=tuple(sorted(compiled_rules, key=lambda r: r.rule.id)),
        sources=sources,
        caution_conditions=caution_conditions,
        adapt=compiled_adapts,
        limits=limit_values,
        road=compiled_roads,
    )


def _check_limits(limits: Iterable[tuple[AdaptLimit, str, str]],
                  problems: list[Problem]) -> dict[str, float]:
    """Each ``[[limit]]`` must be a known id with a value in its range."""
    from corecoach.library.limits import LIMITS

    out: dict[str, float] = {}
    for limit, source, key in limits:
        spec = LIMITS.get(limit.id)
        if spec is None:
            hint = suggest(limit.id, LIMITS)
            tail = f"did you mean {hint!r}?" if hint else "see docs/journal.md"
            problems.append(Problem(source, f"{key}.id", f"{limit.id!r} is not a journal "
                                    f"limit ({tail})"))
        elif not spec.low <= limit.value <= spec.high:
            problems.append(Problem(source, f"{key}.value", f"{limit.value:g} is out of "
                                    f"range (allowed: {spec.low:g}-{spec.high:g})"))
        elif limit.id != "weekly-rise" and limit.value != int(limit.value):
            problems.append(Problem(source, f"{key}.value", f"{limit.value:g} must be a "
                                    "whole number"))
        else:
            out[limit.id] = limit.value
    return dict(sorted(out.items()))


def _compiled_rules(entries: Iterable[tuple[Any, str, str]], problems: list[Problem],
                    lazy: bool, schema: str, known: Collection[str], texts: tuple[str, ...],
                    docs: str) -> list[tuple[Any, Condition, str]]:
    """Each rule of a journal or road table whose ``texts`` name only ``known`` fields and
    whose ``when`` compiles against ``schema``, with its condition and file."""
    out = []
    for rule, source, key in entries:
        found = [problem for name in texts if (text := getattr(rule, name))
                 for problem in _placeholder_problems(text, known, source, f"{key}.{name}",
                                                      docs)]
        problems.extend(found)
        cond = _compile(rule.when, source, f"{key}.when", problems, schema, lazy)
        if cond is not None and not found:
            out.append((rule, cond, source))
    return sorted(out, key=lambda r: (r[0].rank, r[0].id))


def _compile_adapts(
    adapts: Iterable[tuple[AdaptRule, str, str]], problems: list[Problem], lazy: bool = False
) -> tuple[CompiledAdapt, ...]:
    """Check each journal rule's condition and placeholders; order them by rank and id."""
    known = set(JOURNAL_FACT_SCHEMA) | set(EXTRA_PLACEHOLDERS)
    return tuple(CompiledAdapt(*r) for r in _compiled_rules(
        adapts, problems, lazy, "journal", known, ("because", "alert"), "docs/journal.md"))


def _compile_roads(
    roads: Iterable[tuple[RoadRule, str, str]], problems: list[Problem], lazy: bool = False
) -> tuple[CompiledRoad, ...]:
    """Check each road-return rule's condition and placeholders; order them by rank, id."""
    known = set(ROAD_FACT_SCHEMA) | set(ROAD_PLACEHOLDERS)
    return tuple(CompiledRoad(*r) for r in _compiled_rules(
        roads, problems, lazy, "road", known, ("because", "tip"), "docs/road-return.md"))


def _snapshot(catalog: Catalog) -> dict[str, Any]:
    """The catalog as plain JSON data: each definition with the file it came from."""
    def rows(items: Iterable[tuple[BaseModel, str]]) -> list[list[Any]]:
        return [[item.model_dump(mode="json"), source] for item, source in items]

    return {
        "exercise": rows((e, catalog.sources[i]) for i, e in catalog.exercises.items()),
        "chain": rows((c, catalog.sources[i]) for i, c in catalog.chains.items()),
        "rule": rows((r.rule, r.source) for r in catalog.rules),
        "adapt": rows((a.rule, a.source) for a in catalog.adapt),
        "limit": rows((AdaptLimit(id=k, value=v), "") for k, v in catalog.limits.items()),
        "road": rows((r.rule, r.source) for r in catalog.road),
    }


#: The fields of an exercise that hold other definitions (JSON objects in a snapshot).
_NESTED: dict[str, type[BaseModel]] = {"ladder": Dose, "cautions": Caution, "load": Load}


@functools.cache
def _field_names(model: type[BaseModel]) -> frozenset[str]:
    return frozenset(model.model_fields)


def _rebuilt(model: type[BaseModel], data: object) -> BaseModel:
    """One definition from a sealed snapshot, built without validating it again.

    The snapshot is this user's own (sealed with their key: see corecoach.library.cache)
    and was written from definitions already validated by this very model (the cache key
    names every model's fields), so validating it again would only repeat, at every start,
    the validator building that costs more than the rest of a plan. What is checked is the
    shape: an object with exactly the model's keys, as ``model_dump`` wrote it (anything
    else is a miss). JSON lists become the tuples the models hold.
    """
    if not isinstance(data, dict) or data.keys() != _field_names(model):
        raise ValueError(f"not a {model.__name__}")
    values: dict[str, Any] = {}
    for name, value in data.items():
        nested = _NESTED.get(name) if model is Exercise else None
        if nested is not None and isinstance(value, dict):
            value = _rebuilt(nested, value)
        elif isinstance(value, list):
            value = tuple(value if nested is None else (_rebuilt(nested, v) for v in value))
        values[name] = value
    # What model_construct does, without its per-field look-ups of aliases and defaults
    # (four times slower over the library's ~470 definitions): a row holds every field.
    item = model.__new__(model)
    object.__setattr__(item, "__dict__", values)
    object.__setattr__(item, "__pydantic_fields_set__", set(values))
    object.__setattr__(item, "__pydantic_extra__", None)
    object.__setattr__(item, "__pydantic_private__", None)
    return item


def _restore(snapshot: dict[str, Any]) -> Catalog | None:
    """The catalog from a sealed snapshot (see :func:`_rebuilt`), checked against itself as
    fresh definitions are; None when anything is off."""
    entries: dict[str, Entries] = {}
    try:
        for table, model in TABLES.items():
            found: Entries = {}
            for data, source in snapshot[table]:
                item = _rebuilt(model, data)
                ident = str(getattr(item, "id"))  # noqa: B009 - every table model has an id
                if ident in found or not isinstance(source, str):
                    return None
                found[ident] = (item, source, f"{table}[{ident}]")
            entries[table] = found
        return _assemble(entries["exercise"], entries["chain"], entries["rule"], [], {},
                         entries["adapt"], entries["limit"], entries["road"], lazy=True)
    except (TypeError, ValueError, KeyError, AttributeError, InputError, ConditionError,
            RecursionError):
        # A wrong shape is a TypeError, KeyError, AttributeError or ValueError (unpacking,
        # _rebuilt); failed cross-checks are InputErrors.
        return None


@functools.lru_cache(maxsize=8)
def _cached(folders: tuple[Path, ...], cache_dir: Path | None) -> Catalog:
    if cache_dir is None:
        return build_catalog(folders)
    from corecoach.library import cache

    key = cache.cache_key(folders)
    if key is not None:
        snapshot = cache.read(cache_dir, key)
        restored = _restore(snapshot) if snapshot is not None else None
        if restored is not None:
            return replace(restored, digest=key)
    catalog = build_catalog(folders)
    if key is not None:
        cache.write(cache_dir, key, _snapshot(catalog))
        catalog = replace(catalog, digest=key)
    return catalog


def load_catalog(
    extra: Sequence[Path] = (), *, shipped: bool = True, cache_dir: Path | None = None
) -> Catalog:
    """The shipped library plus ``extra`` folders, loaded once per process.

    With ``cache_dir``, a validated library is kept on disk between runs (see
    ``corecoach.library.cache``); any change to a definition file loads it afresh.
    """
    from corecoach.resources import routines_dir

    folders = ((routines_dir(),) if shipped else ()) + tuple(Path(p) for p in extra)
    return _cached(folders, cache_dir)


