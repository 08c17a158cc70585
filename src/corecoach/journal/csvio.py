"""The journal as CSV (the documented columns) and JSON, both ways, losslessly.

Export, then import into an empty journal, then export again gives the same bytes: every
stored field is a column, empty cells are "no value", and rows keep the order logged. A
cell holding a comma, a quote, a CR or an LF is quoted (the csv module leaves a lone CR bare
when rows end in LF, and a reader then splits the row). A text cell a spreadsheet would run
as a formula (starting with ``=``, ``+``, ``-``, ``@``, tab or CR) is written with a ``'`` in
front, and import takes it off again, so the round trip stays exact. Input reaches the
parsers through :mod:`corecoach.journal.reading`, the one gate for import files and stdin.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from corecoach.datelimits import parse_day
from corecoach.errors import InputError, Problem
from corecoach.journal.entry import COLUMNS, CSV_HEADERS, SCALES, Entry, entry_problems

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


#: A text cell a spreadsheet would evaluate, after any quotes already guarding it.
_FORMULA = re.compile(r"'*[=+\-@\t\r]")
_NEEDS_QUOTES = re.compile(r'[,"\r\n]')


def guard_formula(text: str) -> str:
    """``text`` with a ``'`` in front when a spreadsheet would read it as a formula (or when
    it is already such a guard), so that :func:`unguard_formula` gives it back exactly."""
    return "'" + text if _FORMULA.match(text) else text


def unguard_formula(text: str) -> str:
    """The inverse of :func:`guard_formula`."""
    return text[1:] if text.startswith("'") and _FORMULA.match(text, 1) else text


def _csv_cell(text: str) -> str:
    return '"' + text.replace('"', '""') + '"' if _NEEDS_QUOTES.search(text) else text


def csv_line(cells: Sequence[str]) -> str:
    """One CSV row ending in LF; cells with a comma, quote, CR or LF are quoted."""
    return ",".join(_csv_cell(c) for c in cells) + "\n"


_TEXT = frozenset({"profile", "kind", "status", "sport", "surface", "note", "goal"})


def _one_line(text: str) -> str:
    return text.replace("\r", "\\r").replace("\n", "\\n")


def to_csv(entries: Iterable[Entry], *, one_line: bool = False) -> str:
    """A header row and one row per entry, in the documented columns (formulas guarded).

    A note's line breaks are data: quoted, they come back byte for byte. ``one_line`` (for
    a terminal, where a person reads it) shows them as ``\\r`` and ``\\n`` instead, so each
    entry is one line and a note cannot draw rows of its own."""
    lines = [csv_line(COLUMNS)]
    for e in entries:
        cells = [guard_formula(cell) if name in _TEXT else cell
                 for name in COLUMNS for cell in (_cell(e, name),)]
        lines.append(csv_line([_one_line(c) for c in cells] if one_line else cells))
    return "".join(lines)


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
        return parse_day(text)
    if name == "leg_symptoms":
        if text not in ("0", "1"):
            raise ValueError(f"{text!r} is not 0 or 1")
        return text == "1"
    if name in _INTS:
        if not text.isascii() or not text.isdigit():  # int() also takes " 5", "1_0", "٣"
            raise ValueError(text)
        return int(text)
    return unguard_formula(text)


def _entry(values: dict[str, object], default_profile: str | None) -> Entry:
    profile = values.get("profile") or default_profile or ""
    return Entry(**{**values, "profile": profile})  # type: ignore[arg-type]


def parse_csv(text: str, source: str, default_profile: str | None,
              today: dt.date) -> list[Entry]:
    """Entries from CSV text; every bad cell is one problem naming its row and column."""
    from corecoach.journal.reading import csv_rows

    rows = csv_rows(text, source)
    header = next(rows, None)
    # A CSV of an older corecoach has the first columns only; the rest are empty.
    if header is None or tuple(header[1]) not in CSV_HEADERS:
        raise InputError.single(source, "header", "is not the journal's CSV header "
                                f"(expected: {','.join(COLUMNS)})")
    columns = tuple(header[1])
    problems: list[Problem] = []
    entries: list[Entry] = []
    for n, row in rows:
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
        raise InputError(problems)
    return entries


def parse_json(text: str, source: str, default_profile: str | None,
               today: dt.date) -> list[Entry]:
    """Entries from the JSON that ``to_json`` writes."""
    from corecoach.journal.reading import json_document

    data = json_document(text, source)
    rows = data.get("entries") if isinstance(data, dict) else None
    if not isinstance(rows, list):
        raise InputError.single(source, "entries", "is missing (expected the JSON of "
                                "`corecoach journal export --format json`)")
    if data.get("format") != JSON_FORMAT:
        raise InputError.single(source, "format", f"{data.get('format')!r} is not a format "
                                f"this corecoach reads (expected {JSON_FORMAT})")
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
                values[name] = parse_day(value) if name == "date" and \
                    isinstance(value, str) else value
            except ValueError:
                problems.append(Problem(source, f"{where}: date",
                                        f"{value!r} is not {_expected('date')}"))
        if len(values) == len(COLUMNS):
            _add(values, default_profile, today, source, where, entries, problems)
    if problems:
        raise InputError(problems)
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


EXPORT_EXTENSIONS = {".csv": "csv", ".json": "json"}


def export_format(output: Path | None, fmt: str | None, journal: Path) -> str:
    """The format of `journal export`, and a refusal of an -o that would lose a file.

    Refused, nothing written: the journal itself (or its ``-wal``/``-shm``, or any SQLite
    file), a ``.toml`` (a profile or definitions), an extension that is not ``.csv`` or
    ``.json`` without --format, and an extension that says the other format.
    """
    import os

    if output is None or str(output) == "-":
        return fmt or "csv"
    source = str(output)
    target = os.path.realpath(output)
    base = os.path.realpath(journal)
    if target in (base, base + "-wal", base + "-shm", base + "-journal"):
        raise InputError.single(source, "", "is the journal itself; writing the export there "
                                "would replace it (choose another -o)")
    try:
        with open(target, "rb") as handle:  # a FIFO is refused later, by the write
            head = handle.read(16) if os.path.isfile(target) else b""
    except OSError:
        head = b""
    if head == b"SQLite format 3\x00":
        raise InputError.single(source, "", "is an SQLite file (a journal or its backup); "
                                "writing the export there would replace it (choose another -o)")
    suffix = output.suffix.lower()
    if suffix == ".toml":
        raise InputError.single(source, "", "is a .toml file (a profile or definitions); the "
                                "export is .csv or .json (choose another -o)")
    known = EXPORT_EXTENSIONS.get(suffix)
    if fmt is None:
        if known is None:
            raise InputError.single(source, "", f"{suffix or 'no extension'} is not an "
                                    "export's extension (allowed: .csv, .json); or give "
                                    "--format")
        return known
    if known is not None and known != fmt:
        raise InputError.single(source, "", f"the extension says {known}, but --format says "
                                f"{fmt}; make them agree")
    return fmt
