"""The journal as CSV (the documented columns) and JSON, both ways, losslessly.

Export, then import into an empty journal, then export again gives the same bytes: every
stored field is a column, empty cells are "no value", and rows keep the order logged.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

from corecoach.errors import InputError, Problem
from corecoach.journal.entry import COLUMNS, FIRST_COLUMNS, SCALES, Entry, entry_problems

_INTS = (*SCALES, "minutes", "tight_at", "reps_left")
JSON_FORMAT = 1


def _cell(entry: Entry, name: str) -> str:
    value = getattr(entry, name)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def to_csv(entries: Iterable[Entry]) -> str:
    """A header row and one row per entry, in the documented columns."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for e in entries:
        writer.writerow([_cell(e, name) for name in COLUMNS])
    return out.getvalue()


def _json_value(entry: Entry, name: str) -> Any:
    value = getattr(entry, name)
    return value.isoformat() if isinstance(value, dt.date) else value


def entry_dict(entry: Entry) -> dict[str, Any]:
    """One entry as JSON-ready values, in the CSV's columns."""
    return {name: _json_value(entry, name) for name in COLUMNS}


def to_json(entries: Iterable[Entry]) -> str:
    """``{"format": 1, "entries": [...]}`` with typed values (numbers, booleans, null)."""
    data = {"format": JSON_FORMAT, "entries": [entry_dict(e) for e in entries]}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _parse_value(name: str, text: str) -> object:
    if text == "":
        return None
    if name == "date":
        return dt.date.fromisoformat(text)
    if name == "leg_symptoms":
        if text not in ("0", "1"):
            raise ValueError(f"{text!r} is not 0 or 1")
        return text == "1"
    if name in _INTS:
        return int(text)
    return text


def _entry(values: dict[str, object], default_profile: str | None) -> Entry:
    profile = values.get("profile") or default_profile or ""
    return Entry(**{**values, "profile": profile})  # type: ignore[arg-type]


def parse_csv(text: str, source: str, default_profile: str | None,
              today: dt.date) -> list[Entry]:
    """Entries from CSV text; every bad cell is one problem naming its row and column."""
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    # A CSV of an older corecoach has the first columns only; the rest are empty.
    if header is None or tuple(header) not in (COLUMNS, FIRST_COLUMNS):
        raise InputError.single(source, "header", "is not the journal's CSV header "
                                f"(expected: {','.join(COLUMNS)})")
    columns = tuple(header)
    problems: list[Problem] = []
    entries: list[Entry] = []
    for n, row in enumerate(reader, start=2):
        where = f"row {n}"
        if len(row) != len(columns):
            problems.append(Problem(source, where, f"has {len(row)} cells (expected "
                                    f"{len(columns)})"))
            continue
        values: dict[str, object] = dict.fromkeys(COLUMNS[len(columns):])
        for name, cell in zip(columns, row, strict=True):
            try:
                values[name] = _parse_value(name, cell)
            except ValueError:
                problems.append(Problem(source, f"{where}: {name}", f"{cell!r} is not "
                                        + _expected(name)))
        if len(values) == len(COLUMNS):
            _add(values, default_profile, today, source, where, entries, problems)
    if problems:
        raise InputError(problems[:20])
    return entries


def parse_json(text: str, source: str, default_profile: str | None,
               today: dt.date) -> list[Entry]:
    """Entries from the JSON that ``to_json`` writes."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError.single(source, "", f"is not JSON ({exc.msg} at line {exc.lineno})") \
            from None
    rows = data.get("entries") if isinstance(data, dict) else None
    if not isinstance(rows, list):
        raise InputError.single(source, "entries", "is missing (expected the JSON of "
                                "`corecoach journal export --format json`)")
    problems: list[Problem] = []
    entries: list[Entry] = []
    for n, row in enumerate(rows, start=1):
        where = f"entries[{n}]"
        if not isinstance(row, dict) or set(row) - set(COLUMNS):
            problems.append(Problem(source, where, "must be an object with the CSV's "
                                    "columns as keys"))
            continue
        values: dict[str, object] = {}
        for name in COLUMNS:
            value = row.get(name)
            ok = value is None or (
                name == "date" and isinstance(value, str)) or (
                name == "leg_symptoms" and isinstance(value, bool)) or (
                name in _INTS and isinstance(value, int) and not isinstance(value, bool)) or (
                name not in (*_INTS, "leg_symptoms", "date") and isinstance(value, str))
            if not ok:
                problems.append(Problem(source, f"{where}: {name}",
                                        f"{value!r} is not {_expected(name)}"))
                continue
            try:
                values[name] = dt.date.fromisoformat(value) if name == "date" and \
                    isinstance(value, str) else value
            except ValueError:
                problems.append(Problem(source, f"{where}: date",
                                        f"{value!r} is not {_expected('date')}"))
        if len(values) == len(COLUMNS):
            _add(values, default_profile, today, source, where, entries, problems)
    if problems:
        raise InputError(problems[:20])
    return entries


def _expected(name: str) -> str:
    if name == "date":
        return "a date (YYYY-MM-DD)"
    if name == "leg_symptoms":
        return "0 or 1 (true or false in JSON)"
    if name in _INTS:
        return "a whole number"
    return "text"


def _add(values: dict[str, object], default_profile: str | None, today: dt.date, source: str,
         where: str, entries: list[Entry], problems: list[Problem]) -> None:
    if values.get("date") is None:
        problems.append(Problem(source, f"{where}: date", "is required"))
        return
    if values.get("kind") is None:
        problems.append(Problem(source, f"{where}: kind", "is required"))
        return
    entry = _entry(values, default_profile)
    found = entry_problems(entry, today)
    for name, message in found:
        if name == "profile":
            message = "is empty; give --profile PROFILE for rows without one"
        problems.append(Problem(source, f"{where}: {name}", message))
    if not found:
        entries.append(entry)


def parse_entries(text: str, source: str, default_profile: str | None,
                  today: dt.date) -> Sequence[Entry]:
    """CSV or JSON (by its first character), checked row by row."""
    if text.lstrip().startswith("{"):
        return parse_json(text, source, default_profile, today)
    return parse_csv(text, source, default_profile, today)
