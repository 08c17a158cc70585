"""The bundled examples carry no start date; tests that need dates give them one."""

from __future__ import annotations

import datetime as dt

from corecoach.profile import Profile, load_profile
from corecoach.resources import example_path

START = dt.date(2026, 11, 30)


def dated_example(name: str, start: dt.date = START) -> Profile:
    """A bundled example profile with ``start`` set (a Monday)."""
    return load_profile(example_path(name)).model_copy(update={"start": start})


def dated_example_text(name: str, start: dt.date = START) -> str:
    """A bundled example's TOML with ``start = ...`` added after its version line."""
    text = example_path(name).read_text(encoding="utf-8")
    return text.replace("version = 1\n", f"version = 1\nstart = {start}\n", 1)
