"""Update a hand-written profile in place: comments, key order and layout are kept.

Only the values that changed are rewritten (with the comment at the end of their line); a
key the file never had is added only when its value differs from the default it stood for;
a value that became empty (no start date, no name) is removed. tomlkit does the
style-preserving parse and write; it is imported only here, when ``init`` saves.
"""

from __future__ import annotations

from typing import Any

from corecoach.profile import Profile, toml_ready


def _present(value: Any) -> Any:
    """``value`` without its None values, recursively: TOML has no null, and an unset
    optional key (no tight_after_minutes in a new [back] table) is simply absent."""
    if isinstance(value, dict):
        return {k: _present(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_present(v) for v in value]
    return value


def _item(value: Any) -> Any:
    import tomlkit

    value = _present(value)
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        tables = tomlkit.aot()
        for entry in value:
            table = tomlkit.table()
            table.update(entry)
            tables.append(table)
        return tables
    if isinstance(value, dict):
        table = tomlkit.table()
        table.update(value)
        return table
    return tomlkit.item(value)


def _update(table: Any, old: dict[str, Any], new: dict[str, Any]) -> None:
    for key, value in new.items():
        if key in old and old[key] == value:
            continue  # unchanged: leave the text (and its comments) alone
        if isinstance(value, dict) and key in table and isinstance(table[key], dict):
            _update(table[key], old.get(key) or {}, value)
            continue
        if value is None:
            if key in table:
                del table[key]
            continue
        item = _item(toml_ready(value))
        existing = table.get(key) if key in table else None
        trivia = getattr(existing, "trivia", None)
        if trivia is not None and trivia.comment and hasattr(item, "trivia"):
            item.trivia.comment_ws = trivia.comment_ws
            item.trivia.comment = trivia.comment
        table[key] = item


def update_profile_text(text: str, old: Profile, new: Profile) -> str:
    """``text`` (the file that gave ``old``) changed to say ``new``, keeping its style."""
    import tomlkit

    document = tomlkit.parse(text)
    _update(document, old.model_dump(mode="python"), new.model_dump(mode="python"))
    return tomlkit.dumps(document)
