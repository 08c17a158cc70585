"""Updating a hand-written profile in place (corecoach.tomledit)."""

from __future__ import annotations

import tomllib

from corecoach.profile import Activity, Back, parse_profile
from corecoach.tomledit import update_profile_text

MINIMAL = 'version = 1\nname = "Ana"  # my name\n'


def test_a_new_table_leaves_out_the_keys_that_are_unset() -> None:
    # `init` on a file with no [back] table, answering a back symptom: the new table's
    # unset keys (tight_after_minutes) are left out, not written as a null TOML lacks.
    old = parse_profile({"version": 1, "name": "Ana"}, "me.toml")
    new = old.model_copy(update={"back": Back(symptom="stiff-mornings", pain=2)})
    text = update_profile_text(MINIMAL, old, new)
    assert "# my name" in text and "tight_after_minutes" not in text
    assert parse_profile(tomllib.loads(text), "me.toml") == new


def test_new_activities_leave_out_their_unset_keys() -> None:
    old = parse_profile({"version": 1, "name": "Ana"}, "me.toml")
    new = old.model_copy(update={"activities": (
        Activity(sport="karate", days=("tue",), minutes=60),)})
    text = update_profile_text(MINIMAL, old, new)
    assert "surface" not in text and "[[activities]]" in text
    assert parse_profile(tomllib.loads(text), "me.toml") == new
