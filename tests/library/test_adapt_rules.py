"""`[[adapt]]` tables: loaded, checked against the journal facts, overridable, cached."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from corecoach.cli import app
from corecoach.errors import DefinitionError
from corecoach.library.loader import build_catalog, load_catalog
from corecoach.resources import routines_dir

RULE = """
[[adapt]]
id = "{id}"
rank = {rank}
when = "{when}"
decision = "{decision}"
because = "{because}"
"""


def write(tmp_path: Path, **fields: object) -> Path:
    values = {"id": "my-rule", "rank": 1, "when": "pain_during >= 4",
              "decision": "back", "because": "pain was {pain_during}/10 on {day}"} | fields
    (tmp_path / "adapt.toml").write_text(RULE.format(**values), encoding="utf-8")
    return tmp_path


def problems(folder: Path) -> list[str]:
    with pytest.raises(DefinitionError) as info:
        build_catalog([routines_dir(), folder])
    return info.value.lines()


def test_a_user_rule_joins_in_rank_order(tmp_path: Path) -> None:
    catalog = build_catalog([routines_dir(), write(tmp_path)])
    assert catalog.adapt[0].rule.id == "my-rule"
    assert catalog.adapt[0].rule.move == -1


def test_an_id_overrides_the_shipped_rule(tmp_path: Path) -> None:
    folder = write(tmp_path, id="two-clean-sessions", rank=130, when="clean_streak >= 3",
                   decision="progress", because="three clean sessions in a row")
    catalog = build_catalog([routines_dir(), folder])
    rule = next(a for a in catalog.adapt if a.rule.id == "two-clean-sessions")
    assert rule.condition.text == "clean_streak >= 3"
    assert len(catalog.adapt) == len(load_catalog().adapt)


@pytest.mark.parametrize(("fields", "expected"), [
    ({"when": "pain_durin > 5"}, "adapt[my-rule].when: unknown fact 'pain_durin' (did you mean 'pain_during'?)"),
    ({"when": "desk_hours > 5"}, "adapt[my-rule].when: unknown fact 'desk_hours'"),
    ({"because": "pain was {pain_durng} today"}, "adapt[my-rule].because: unknown placeholder {pain_durng} (did you mean {pain_during}?)"),
    ({"decision": "panic"}, "adapt[my-rule].decision"),
    ({"when": "status > 3"}, "adapt[my-rule].when: cannot compare string with number"),
])
def test_mistakes_name_the_file_and_key(tmp_path: Path, fields: dict[str, object],
                                        expected: str) -> None:
    lines = problems(write(tmp_path, **fields))
    assert any(expected in line and "adapt.toml" in line for line in lines), lines


def test_check_validates_adapt_tables(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["check", str(write(tmp_path, when="gap > 3"))])
    assert result.exit_code == 2
    assert "unknown fact 'gap'" in result.stderr
    ok = runner.invoke(app, ["check"])
    assert ok.exit_code == 0 and f"{len(load_catalog().adapt)} journal rules" in ok.stdout


def test_the_disk_cache_keeps_the_adapt_rules(tmp_path: Path) -> None:
    from corecoach.library.loader import _cached

    _cached.cache_clear()
    first = load_catalog(cache_dir=tmp_path)
    _cached.cache_clear()
    again = load_catalog(cache_dir=tmp_path)
    assert [a.rule for a in again.adapt] == [a.rule for a in first.adapt]
    assert again.adapt[0].condition.evaluate({"leg_symptoms": True, "leg_recurrent": True})


def test_limits_are_checked_and_overridable(tmp_path: Path) -> None:
    (tmp_path / "limits.toml").write_text(
        '[[limit]]\nid = "acceptable-pain"\nvalue = 3\n', encoding="utf-8")
    assert build_catalog([routines_dir(), tmp_path]).limits["acceptable-pain"] == 3
    (tmp_path / "limits.toml").write_text(
        '[[limit]]\nid = "acceptable-pian"\nvalue = 3\n\n'
        '[[limit]]\nid = "tolerance"\nvalue = 9\n', encoding="utf-8")
    lines = problems(tmp_path)
    assert any("'acceptable-pian' is not a journal limit (did you mean 'acceptable-pain'?)"
               in line for line in lines), lines
    assert any("limit[tolerance].value: 9 is out of range (allowed: 0-3)" in line
               for line in lines), lines
