"""The questionnaire kit as a library: answer parsers, ranges and aliases, questions."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corecoach.answers import (
    DAY_ALIASES,
    Hint,
    Question,
    parse_choice,
    parse_int,
    parse_multi_choice,
    parse_yes_no,
)
from corecoach.vocab import DAYS, EQUIPMENT, RED_FLAGS, SPORTS, SYMPTOMS

# --- parsers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "value"), [("y", True), ("YES", True), (" n ", False),
                                             ("No", False)])
def test_yes_no(text: str, value: bool) -> None:
    assert parse_yes_no(text) is value


def test_yes_no_rejects_anything_else() -> None:
    hint = parse_yes_no("maybe")
    assert isinstance(hint, Hint)
    assert "y or n" in hint.text


@pytest.mark.parametrize(("text", "value"), [("8", 8), (" 18 ", 18), ("0", 0), ("25 min", 25),
                                             ("+3", 3)])
def test_int_in_range(text: str, value: int) -> None:
    assert parse_int(text, 0, 30, unit="min") == value


@pytest.mark.parametrize(("text", "words"), [
    ("19", "19 is out of range: answer a whole number from 0 to 18"),
    ("-1", "out of range"),
    ("eight", "not a whole number"),
    ("8.5", "not a whole number"),
    ("9" * 5000, "not a whole number"),
])
def test_int_hints(text: str, words: str) -> None:
    hint = parse_int(text, 0, 18)
    assert isinstance(hint, Hint)
    assert words in hint.text


def test_multi_choice_numbers_and_names_mixed() -> None:
    assert parse_multi_choice("1,3,band", EQUIPMENT) == ("mat", "band")
    assert parse_multi_choice("mat band dowel", EQUIPMENT) == ("mat", "dowel", "band")
    assert parse_multi_choice("foam roller, 10", EQUIPMENT) == ("foam-roller", "strap")
    assert parse_multi_choice("none", EQUIPMENT) == ()
    assert parse_multi_choice("all", EQUIPMENT, allow_all=True) == EQUIPMENT


@pytest.mark.parametrize(("text", "value"), [
    ("tue thu sun", ("tue", "thu", "sun")),
    ("Sun, Tue; THU", ("tue", "thu", "sun")),
    ("tuesday, thurs", ("tue", "thu")),
    ("mon-fri", ("mon", "tue", "wed", "thu", "fri")),
    ("mon - wed, sat", ("mon", "tue", "wed", "sat")),
    ("sa su", ("sat", "sun")),
    ("tue, tue", ("tue",)),
])
def test_days(text: str, value: tuple[str, ...]) -> None:
    assert parse_multi_choice(text, DAYS, aliases=DAY_ALIASES, numbered=False,
                              allow_none=False) == value


@pytest.mark.parametrize(("text", "words"), [
    ("tue, thx", "'thx' is not a day (did you mean thu?); allowed: mon, tue, wed, thu, fri, "
                 "sat, sun"),
    ("t", "'t' could be tue or thu"),
    ("none", "at least one"),
    ("3", "use the names"),
    (",,", "Answer with days"),
])
def test_day_hints(text: str, words: str) -> None:
    hint = parse_multi_choice(text, DAYS, noun="day", aliases=DAY_ALIASES, numbered=False,
                              allow_none=False)
    assert isinstance(hint, Hint)
    assert words in hint.text


def test_multi_choice_number_out_of_list() -> None:
    hint = parse_multi_choice("0, 11", EQUIPMENT)
    assert isinstance(hint, Hint)
    assert "numbers go from 1 to 10" in hint.text


def test_sports_keep_order_and_repeats() -> None:
    assert parse_multi_choice("3, running, 1", SPORTS, repeats=True) == (
        "karate", "running", "running")
    hint = parse_multi_choice("1," * 21, SPORTS, noun="sport", repeats=True, max_count=20)
    assert isinstance(hint, Hint)
    assert "at most 20" in hint.text


@pytest.mark.parametrize(("text", "value"), [
    ("4", "seizes-during-running"), ("seizes", "seizes-during-running"),
    ("Stiff mornings", "stiff-mornings"), ("none", "none"),
])
def test_choice(text: str, value: str) -> None:
    assert parse_choice(text, SYMPTOMS) == value


def test_choice_suggests() -> None:
    hint = parse_choice("flair", SYMPTOMS, noun="symptom")
    assert isinstance(hint, Hint)
    assert "did you mean flare?" in hint.text


# Any text at all: a value of the right kind or a hint, never an exception.
@given(st.text(max_size=60))
@settings(max_examples=150, deadline=None)
def test_parsers_never_raise(text: str) -> None:
    assert isinstance(parse_yes_no(text), bool | Hint)
    number = parse_int(text, 0, 18)
    assert isinstance(number, Hint) or 0 <= number <= 18
    for options, kw in ((DAYS, {"aliases": DAY_ALIASES, "numbered": False}),
                        (EQUIPMENT, {"allow_all": True}), (SPORTS, {"repeats": True}),
                        (RED_FLAGS, {})):
        many = parse_multi_choice(text, options, **kw)
        assert isinstance(many, Hint) or set(many) <= set(options)
    one = parse_choice(text, SYMPTOMS)
    assert isinstance(one, Hint) or one in SYMPTOMS


@given(st.text(alphabet="mtwfsaeuhinodry0123456789-, ;/", max_size=30))
@settings(max_examples=150, deadline=None)
def test_parsers_never_raise_on_near_misses(text: str) -> None:
    for options in (DAYS, EQUIPMENT, SPORTS):
        result = parse_multi_choice(text, options, aliases=DAY_ALIASES)
        assert isinstance(result, Hint | tuple)


@given(st.lists(st.sampled_from(DAYS), unique=True, min_size=1),
       st.sampled_from([", ", " ", ",", ";"]))
def test_days_round_trip(days: list[str], sep: str) -> None:
    assert parse_multi_choice(sep.join(days), DAYS, aliases=DAY_ALIASES, numbered=False) == (
        tuple(d for d in DAYS if d in days))


@given(st.lists(st.integers(1, len(EQUIPMENT)), unique=True, min_size=1))
def test_equipment_numbers_round_trip(numbers: list[int]) -> None:
    chosen = parse_multi_choice(",".join(map(str, numbers)), EQUIPMENT)
    assert chosen == tuple(EQUIPMENT[n - 1] for n in sorted(numbers))


# --- questions -------------------------------------------------------------------------------


def test_question_prompt_and_default() -> None:
    q = Question("desk_hours", "Hours?", lambda t: parse_int(t, 0, 18), 8, "8", "0-18")
    assert q.prompt() == "Hours? (0-18) [8]: "
    assert q.answer("") == 8
    assert q.answer("  ") == 8
    assert q.answer("3") == 3
    assert isinstance(q.answer("30"), Hint)
