"""Property: whatever bytes or TOML a profile or a definition file holds, the CLI answers
with exit 0, 2 or 3 and never a traceback (issue 11)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import tomli_w
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from tests.strategies import profiles
from typer.testing import CliRunner

from corecoach.cli import app
from corecoach.profile import Profile, toml_ready

PROFILE_KEYS = [*Profile.model_fields, "sport", "days", "minutes", "symptom", "pain",
                "red_flags", "cleared"]
DEFINITION_KEYS = ["id", "name", "category", "level", "unit", "ladder", "cues", "sets",
                   "reps", "seconds", "steps", "when", "because", "include", "per_week",
                   "cautions", "text", "equipment", "load", "start_kg", "step_kg"]

texts = st.text(max_size=20) | st.sampled_from(
    ["\x1b]0;owned\x07", "a\nb", "<script>", "true", "1 +", "stress >= 5", "mon", "running",
     "core", "hold", "abdominal-brace", "flare", "__import__('os')"])
scalars = (
    st.integers(-(10**30), 10**30) | st.integers(-3, 20) | st.booleans()
    | st.floats(allow_nan=True, allow_infinity=True) | texts
    | st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31))
    | st.datetimes(dt.datetime(1, 1, 1), dt.datetime(9999, 12, 31))
)


def tables(keys: list[str]) -> st.SearchStrategy[Any]:
    def extend(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
        return st.lists(children, max_size=4) | st.dictionaries(
            st.sampled_from(keys) | st.text(min_size=1, max_size=8), children, max_size=5)

    return st.recursive(scalars, extend, max_leaves=25)


def profile_data() -> st.SearchStrategy[dict[str, Any]]:
    mutated = st.tuples(profiles(), st.sampled_from(PROFILE_KEYS), tables(PROFILE_KEYS)).map(
        lambda t: {**toml_ready(t[0].model_dump(exclude_none=True)), t[1]: t[2]})
    free = st.dictionaries(st.sampled_from(PROFILE_KEYS) | st.text(min_size=1, max_size=8),
                           tables(PROFILE_KEYS), max_size=8).map(lambda d: {"version": 1, **d})
    return mutated | free


def definition_data() -> st.SearchStrategy[dict[str, Any]]:
    entry = st.dictionaries(st.sampled_from(DEFINITION_KEYS), tables(DEFINITION_KEYS),
                            max_size=10)
    return st.dictionaries(st.sampled_from(["exercise", "chain", "rule", "other"]),
                           st.lists(entry, max_size=3) | tables(DEFINITION_KEYS), max_size=3)


def _as_toml(data: dict[str, Any]) -> bytes:
    try:
        return tomli_w.dumps(data).encode()
    except (TypeError, ValueError):  # a value TOML cannot hold (NaN keys...): send text
        return repr(data).encode()


contents = st.binary(max_size=300) | profile_data().map(_as_toml)
definitions = st.binary(max_size=300) | definition_data().map(_as_toml)


def _check(result) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code in (0, 2, 3), (result.exit_code, result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        repr(result.exception)
    assert "Traceback" not in result.output


FUZZ = settings(max_examples=int(os.environ.get("CORECOACH_FUZZ_EXAMPLES", "60")), deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# Inputs that crashed or hung 0.1.0 (reliability review), always tried first.
KNOWN_PROFILES = [
    b"version = 1\nx = " + b"[" * 5000 + b"]" * 5000,
    b"version = 1" + b"0" * 4300,
    b"version = 1\nweeks = 4\nstart = 9999-12-20\n",
    b'version = 1\nname = "a\\nb"\nstart = 2026-11-30\n',
    b'0=0\n"["=0',
]


@FUZZ
@given(content=contents, fmt=st.sampled_from(["text", "markdown", "json", "html", "ics"]))
@example(content=KNOWN_PROFILES[0], fmt="text")
@example(content=KNOWN_PROFILES[1], fmt="text")
@example(content=KNOWN_PROFILES[2], fmt="json")
@example(content=KNOWN_PROFILES[3], fmt="ics")
@example(content=KNOWN_PROFILES[4], fmt="text")
def test_any_profile_bytes_get_0_2_or_3(content: bytes, fmt: str) -> None:
    runner = CliRunner()
    folder = Path(tempfile.mkdtemp())
    try:
        path = folder / "p.toml"
        path.write_bytes(content)
        _check(runner.invoke(app, ["validate", str(path)]))
        _check(runner.invoke(app, ["plan", str(path), "-f", fmt, "--today", "2026-11-26"]))
        _check(runner.invoke(app, ["explain", str(path), "--today", "2026-11-26"]))
    finally:
        shutil.rmtree(folder)


@FUZZ
@given(content=definitions)
@example(content=b"x = " + b"{a=" * 3000 + b"1" + b"}" * 3000)
@example(content=b'[[exercise]]\nid = "abdominal-brace"\nname = "Brace"\ncategory = "core"\n'
         b'level = 5\nunit = "hold"\nladder = [{ sets = 2, reps = 1, seconds = 5 }]\n'
         b'cues = ["a\\u001b[31m", "b"]\n')
def test_any_definition_bytes_get_0_or_2(content: bytes) -> None:
    runner = CliRunner()
    folder = Path(tempfile.mkdtemp())
    try:
        (folder / "r").mkdir()
        (folder / "r" / "a.toml").write_bytes(content)
        _check(runner.invoke(app, ["check", str(folder / "r")]))
        _check(runner.invoke(app, ["plan", "--example", "road-runner", "--routines",
                                   str(folder / "r"), "--today", "2026-11-26"]))
    finally:
        shutil.rmtree(folder)
