"""Dose shorthand and titles shared by every renderer."""

from __future__ import annotations

import pytest

from corecoach.plan import PlanItem, format_dose, format_seconds


def item(**dose: object) -> PlanItem:
    base: dict[str, object] = {"exercise": "x", "name": "X", "category": "core", "level": 1,
                               "sets": 1, "reps": None, "seconds": None, "per_side": False,
                               "minutes": 1.0}
    return PlanItem(**(base | dose))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("dose", "text"),
    [
        ({"sets": 3, "reps": [6, 4, 2], "seconds": 10, "per_side": True}, "6-4-2 x 10 s /side"),
        ({"sets": 3, "reps": 12}, "3 x 12"),
        ({"sets": 1, "reps": 5}, "5 reps"),
        ({"sets": 2, "reps": 6, "seconds": 5, "per_side": True}, "2 x 6, 5 s hold /side"),
        ({"sets": 2, "seconds": 30, "per_side": True}, "2 x 30 s /side"),
        ({"sets": 1, "seconds": 300}, "5 min"),
        ({"sets": 1, "seconds": 90}, "90 s"),
        ({"sets": 3, "reps": 8, "load_kg": 27.5}, "3 x 8 @ 27.5 kg"),
    ],
)
def test_format_dose(dose: dict[str, object], text: str) -> None:
    assert format_dose(item(**dose)) == text


def test_format_seconds() -> None:
    assert [format_seconds(s) for s in (45, 60, 120, 125)] == ["45 s", "60 s", "2 min", "125 s"]
