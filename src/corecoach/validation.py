"""Turn pydantic validation errors into one precise line per problem."""

from __future__ import annotations

import re
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel, ValidationError

from corecoach.errors import Problem
from corecoach.suggest import suggest

#: C0 and C1 control characters, and DEL; tab is allowed.
CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def no_controls(text: str) -> str:
    """Refuse control characters (newlines, escapes) in a one-line text; tab is fine.

    For pydantic ``AfterValidator``: the ValueError becomes the problem's message.
    """
    found = CONTROL.search(text)
    if found:
        raise ValueError(f"holds the control character {found.group()!r} at position "
                         f"{found.start() + 1}; use plain text on one line")
    return text


#: A part of pydantic's error location that names a validator, not a key the user wrote.
_INTERNAL = (r"(function-(after|before|wrap|plain)|literal|tagged-union|union|nullable|tuple|"
             r"list|set|frozenset|dict|default|model|chain|lax-or-strict|json-or-python|"
             r"constrained-\w+)\[.*\]")  # compiled on first use: only errors need it


def format_key(loc: tuple[int | str, ...]) -> str:
    """``("activities", 0, "sport")`` -> ``activities[1].sport`` (tables count from 1)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _literals(annotation: Any) -> tuple[str, ...]:
    """Every string literal reachable inside an annotation (Literal, tuples, unions)."""
    if get_origin(annotation) is Literal:
        return tuple(str(a) for a in get_args(annotation))
    found: list[str] = []
    for arg in get_args(annotation):
        found.extend(_literals(arg))
    return tuple(found)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        model = _model_in(arg)
        if model is not None:
            return model
    return None


def _walk(model: type[BaseModel], loc: tuple[int | str, ...]) -> tuple[type[BaseModel], Any]:
    """The model that holds the last key of ``loc``, and that key's annotation."""
    annotation: Any = None
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        if field is None:
            return model, None
        annotation = field.annotation
        inner = _model_in(annotation)
        if inner is not None and part != loc[-1]:
            model = inner
    return model, annotation


def _type_word(value: Any) -> str:
    import datetime as dt

    return {
        bool: "true/false", int: "the number", float: "the decimal", str: "the text",
        list: "a list", dict: "a table", dt.datetime: "the date-time", dt.date: "the date",
        dt.time: "the time",
    }.get(type(value), type(value).__name__)


def show_value(value: Any) -> str:
    """A value as the user wrote it in TOML, never as a Python repr (``datetime(...)``)."""
    import datetime as dt

    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "[" + ", ".join(show_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{...}"
    return repr(value)


def _describe(error: Any, root: type[BaseModel]) -> tuple[str, str]:
    loc: tuple[int | str, ...] = tuple(error["loc"])
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx", {})
    # pydantic puts the literal's position or tagged-union names in loc; drop non-field parts
    # such as "function-after[...]" so the key stays what the user wrote.
    user_loc = tuple(p for p in loc if isinstance(p, int) or not re.fullmatch(_INTERNAL, p))
    loc = user_loc or loc
    key = format_key(loc)
    if kind == "extra_forbidden":
        holder: type[BaseModel] = root
        if len(loc) > 1:
            parent, annotation = _walk(root, loc[:-1])
            holder = _model_in(annotation) or parent
        names = list(holder.model_fields)
        hint = suggest(str(loc[-1]), names)
        tail = f"did you mean {hint!r}?" if hint else "allowed: " + ", ".join(names)
        return key, f"unknown key ({tail})"
    _, annotation = _walk(root, loc)
    allowed = _literals(annotation) if annotation is not None else ()
    if kind in {"literal_error", "enum"} and allowed:
        listed = ", ".join(allowed)
        expected = ctx.get("expected", "")
        if isinstance(value, str) and value in allowed and f"'{value}'" not in expected:
            # version = "1": the value is right but quoted; a number has no quotes.
            return key, f"must be a number without quotes ({key} = {value}), not the text " \
                        f"{value!r}"
        hint = suggest(str(value), allowed) if isinstance(value, str) else None
        extra = f"; did you mean {hint!r}?" if hint else ""
        return key, f"{show_value(value)} is not allowed (allowed: {listed}{extra})"
    if kind == "missing":
        if key == "version":
            return key, "is required (put version = 1 at the top of the file)"
        return key, "is required"
    if kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        field_range = _range(root, loc)
        return key, f"{show_value(value)} is out of range (allowed: {field_range})"
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return key, f"must be a whole number, not {_type_word(value)} {show_value(value)}"
    if kind in {"bool_type", "bool_parsing"}:
        return key, f"must be true or false, not {_type_word(value)} {show_value(value)}"
    if kind in {"string_type"}:
        return key, f"must be text in quotes, not {_type_word(value)} {show_value(value)}"
    if kind in {"tuple_type", "list_type"}:
        return key, f"must be a list such as [\"a\", \"b\"], not {_type_word(value)}"
    if kind in {"model_type", "dict_type"}:
        return key, f"must be a table, not {_type_word(value)}"
    if kind.startswith("date_"):
        return key, f"must be a date such as 2026-11-30 (no quotes), not " \
                    f"{_type_word(value)} {show_value(value)}"
    if kind == "string_too_short":
        return key, f"is too short (at least {ctx.get('min_length')} characters)"
    if kind == "string_too_long":
        return key, f"is too long (at most {ctx.get('max_length')} characters)"
    if kind == "too_short":
        return key, "must not be empty"
    if kind == "too_long":
        return key, f"is too long (at most {ctx.get('max_length')})"
    if kind == "string_pattern_mismatch":
        return key, f"{value!r} is not a valid id (use lower-case words joined by '-')"
    message = str(error.get("msg", "is invalid"))
    message = message.removeprefix("Value error, ")
    return key, message


def _range(root: type[BaseModel], loc: tuple[int | str, ...]) -> str:
    model = root
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        inner = _model_in(field.annotation) if field else None
        if inner is not None:
            model = inner
    field = model.model_fields.get(str(loc[-1])) if loc else None
    low = high = None
    if field is not None:
        for meta in field.metadata:
            low = getattr(meta, "ge", low)
            high = getattr(meta, "le", high)
    if low is not None and high is not None:
        return f"{low}-{high}"
    return "see the docs"


#: At most this many problems are described per file; the rest are counted.
MAX_PROBLEMS = 20


def problems_from(
    exc: ValidationError, root: type[BaseModel], source: str, prefix: str = ""
) -> list[Problem]:
    """One Problem per pydantic error, each naming the source and the key path.

    Past :data:`MAX_PROBLEMS`, one last line counts the rest: a file with a million unknown
    keys gets twenty lines, not a million (and not minutes of "did you mean").
    """
    problems: list[Problem] = []
    count = exc.error_count()
    errors = exc.errors(include_url=False) if count <= MAX_PROBLEMS else _first_errors(exc)
    # Locations of every error, to drop a list's "must not be empty" when its items were
    # rejected; skipped for huge counts (only the first few are shown anyway).
    inner = [tuple(e["loc"]) for e in errors] if count <= 10_000 else []
    examined = 0
    for error in errors:
        if len(problems) >= MAX_PROBLEMS:
            break
        examined += 1
        loc = tuple(error["loc"])
        if error["type"] == "too_short" and any(
            len(other) > len(loc) and other[:len(loc)] == loc for other in inner
        ):
            continue  # "must not be empty" only because its items were rejected
        key, message = _describe(error, root)
        full_key = f"{prefix}.{key}" if prefix and key else (prefix or key)
        problems.append(Problem(source, full_key, message))
    if count > examined:
        more = count - examined
        problems.append(Problem(source, prefix, f"... and {more:,} more "
                                f"{'problem' if more == 1 else 'problems'}"))
    return problems


def _first_errors(exc: ValidationError) -> list[Any]:
    # errors() builds every dict; for huge counts that alone takes seconds, so build them
    # without inputs and context, then describe the first few.
    return exc.errors(include_url=False, include_input=False, include_context=False)

