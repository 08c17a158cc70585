"""Loading and validating routine definitions."""

from __future__ import annotations

from pathlib import Path

import pytest

from corecoach.errors import DefinitionError
from corecoach.library.loader import build_catalog, load_catalog
from corecoach.resources import routines_dir


def test_shipped_library_is_clean_and_complete() -> None:
    catalog = load_catalog()
    assert len(catalog.exercises) >= 50
    assert {e.category for e in catalog.exercises.values()} == {
        "core", "flexibility", "hinge", "mobility", "breathing", "activity"}
    assert len(catalog.rules) >= 12
    hinge = catalog.chains["hinges"].steps
    assert hinge[:4] == ("wall-hinge", "dowel-hinge", "good-morning-bodyweight",
                         "good-morning-band")
    assert all(s.startswith("good-morning") for s in hinge if "good" in s)
    for big3 in ("curl-up", "side-bridge", "bird-dog", "dead-bug"):
        assert big3 in catalog.exercises


def test_every_exercise_has_cues_and_a_source() -> None:
    for ex in load_catalog().exercises.values():
        assert 2 <= len(ex.cues) <= 4, ex.id
        assert ex.source.startswith("brief"), ex.id


def problems_for(tmp_path: Path, text: str) -> list[str]:
    (tmp_path / "mine.toml").write_text(text, encoding="utf-8")
    with pytest.raises(DefinitionError) as info:
        build_catalog([routines_dir(), tmp_path])
    return info.value.lines()


EX = """
[[exercise]]
id = "my-hold"
name = "My hold"
category = "core"
level = 2
equipment = ["mat"]
unit = "hold"
ladder = [{ sets = 3, reps = [3, 2, 1], seconds = 10 }]
cues = ["Brace.", "Breathe."]
"""


def test_user_folder_overrides_by_id(tmp_path: Path) -> None:
    (tmp_path / "mine.toml").write_text(EX.replace('"my-hold"', '"curl-up"'), encoding="utf-8")
    catalog = build_catalog([routines_dir(), tmp_path])
    assert catalog.exercises["curl-up"].name == "My hold"
    assert catalog.sources["curl-up"].endswith("mine.toml")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (EX.replace('category = "core"', 'category = "cardio"'),
         "exercise[my-hold].category: 'cardio' is not allowed (allowed: core, flexibility"),
        (EX.replace("level = 2", "level = 9"), "exercise[my-hold].level: 9 is out of range"),
        (EX.replace('"mat"', '"matt"'), "exercise[my-hold].equipment[1]: 'matt' is not equipment"),
        (EX.replace(", seconds = 10 }", " }"), "exercise[my-hold].ladder[1]: unit 'hold' needs seconds"),
        (EX.replace("reps = [3, 2, 1]", "reps = [3, 2]"), "reps lists one entry per set"),
        (EX.replace('cues = ["Brace.", "Breathe."]', 'cues = ["Brace."]'), "exercise[my-hold].cues"),
        (EX + 'colour = "red"\n', "exercise[my-hold].colour: unknown key"),
        (EX + EX, "exercise[my-hold]: id 'my-hold' is already used"),
        ("[[exercize]]\nid = 'x'\n", "exercize: unknown table (did you mean [[exercise]]?)"),
        ('[[chain]]\nid = "mine"\nname = "Mine"\nsteps = ["bird-dog", "curl-upp"]\n',
         "chain[mine].steps[2]: 'curl-upp' is not an exercise id (did you mean 'curl-up'?)"),
        ('[[chain]]\nid = "mine"\nname = "Mine"\nsteps = ["plank", "plank-incline"]\n',
         "easier than the step before"),
        ('[[chain]]\nid = "mine"\nname = "Mine"\nsteps = ["plank", "plank"]\n',
         "appears twice (a cycle)"),
        ('[[rule]]\nid = "my-rule"\nwhen = "desk_hour >= 6"\nbecause = "Because of reasons."\n',
         "rule[my-rule].when: unknown fact 'desk_hour' (did you mean 'desk_hours'?)"),
        ('[[rule]]\nid = "my-rule"\nwhen = \'stress >= "high"\'\nbecause = "Because of reasons."\n',
         "cannot compare number with string"),
        ('[[rule]]\nid = "my-rule"\nwhen = "stress >="\nbecause = "Because of reasons."\n',
         "syntax error"),
        ('[[rule]]\nid = "my-rule"\nwhen = "__import__(\'os\').system(\'touch /tmp/pwned\')"\n'
         'because = "Because of reasons."\n', "rule[my-rule].when"),
        ('[[rule]]\nid = "my-rule"\nwhen = "true"\nbecause = "Because of reasons."\ninclude = ["bird-dgo"]\n',
         "rule[my-rule].include: 'bird-dgo' is not an exercise or chain id (did you mean 'bird-dog'?)"),
        ('[[rule]]\nid = "my-rule"\nwhen = "true"\nbecause = "Because of reasons."\nper_week = { "bird-dog" = 3 }\n',
         "rule[my-rule].per_week.bird-dog: 'bird-dog' is not in this rule's include list"),
        ("x = [", "TOML syntax error"),
    ],
)
def test_definition_errors_name_file_table_and_key(
    tmp_path: Path, text: str, expected: str
) -> None:
    lines = problems_for(tmp_path, text)
    assert any(expected in line for line in lines), lines
    assert all(str(tmp_path / "mine.toml") in line for line in lines)


def test_a_rule_that_tries_to_run_code_runs_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    problems_for(tmp_path, f'[[rule]]\nid = "my-rule"\nwhen = "__import__(\'os\').system(\'touch {marker}\')"\n'
                 'because = "Because of reasons."\n')
    assert not marker.exists()


def test_condition_errors_carry_a_caret(tmp_path: Path) -> None:
    lines = problems_for(tmp_path, '[[rule]]\nid = "my-rule"\nwhen = "stress >= 7 and and"\n'
                         'because = "Because of reasons."\n')
    assert any("^" in line for line in lines)


def test_all_problems_are_reported_together(tmp_path: Path) -> None:
    bad = EX.replace("level = 2", "level = 9") + EX.replace('"my-hold"', '"other"').replace(
        '"mat"', '"matt"')
    assert len(problems_for(tmp_path, bad)) == 2


def test_missing_and_empty_folders(tmp_path: Path) -> None:
    with pytest.raises(DefinitionError, match="no such folder"):
        build_catalog([tmp_path / "nope"])
    with pytest.raises(DefinitionError, match="holds no"):
        build_catalog([tmp_path])


def test_neighbours_follow_the_chains() -> None:
    catalog = load_catalog()
    easier, harder = catalog.neighbours("good-morning-bodyweight")
    assert easier == ["dowel-hinge"] and harder == ["good-morning-band"]
