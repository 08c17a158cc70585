"""Filtering the catalog for `corecoach exercises`."""

from __future__ import annotations

from corecoach.errors import InputError
from corecoach.library.catalog import Catalog
from corecoach.library.models import Exercise
from corecoach.suggest import suggest
from corecoach.vocab import CATEGORIES, EQUIPMENT


def _choice(value: str, allowed: tuple[str, ...], option: str) -> str:
    if value in allowed:
        return value
    hint = suggest(value, allowed)
    extra = f"; did you mean {hint!r}?" if hint else ""
    raise InputError.single(option, "", f"{value!r} is not allowed "
                            f"(allowed: {', '.join(allowed)}{extra})")


def filter_exercises(
    catalog: Catalog, category: str | None, equipment: str | None, fmt: str = "text"
) -> list[Exercise]:
    """Exercises of a category that the given equipment allows, sorted by category and level."""
    _choice(fmt, ("text", "json"), "--format")
    if category is not None:
        _choice(category, CATEGORIES, "--category")
    owned: set[str] | None = None
    if equipment is not None:
        names = [e.strip() for e in equipment.split(",") if e.strip()]
        owned = {_choice(n, (*EQUIPMENT, "none"), "--equipment") for n in names} - {"none"}
    found = []
    for ex in catalog.exercises.values():
        if category is not None and ex.category != category:
            continue
        if owned is not None and not all(
            any(o in owned for o in req.split("|")) for req in ex.equipment
        ):
            continue
        found.append(ex)
    return sorted(found, key=lambda e: (CATEGORIES.index(e.category), e.level, e.id))
