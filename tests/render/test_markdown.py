"""The Markdown week: GFM task items that tick on GitHub, in cmark-gfm and in note apps."""

from __future__ import annotations

import re
from dataclasses import replace

from markdown_it import MarkdownIt
from tests.dated import START, dated_example

from corecoach.coach import plan_for
from corecoach.library.loader import load_catalog
from corecoach.plan import Plan, format_dose
from corecoach.render.common import timing_text
from corecoach.render.markdown import render_markdown

TASK = re.compile(r"^- \[ \] \*\*(?P<name>.+?)\*\*: (?P<rest>.+?)\\?$")


def plan_of(name: str) -> Plan:
    outcome = plan_for(dated_example(name), load_catalog(), START, week=1)
    assert outcome.plan is not None
    return outcome.plan


def test_every_exercise_is_a_task_item() -> None:
    plan = plan_of("road-runner")
    text = render_markdown(plan)
    tasks = [line for line in text.splitlines() if line.startswith("- [ ] ")]
    items = [item for day in plan.days for item in day.items]
    assert len(tasks) == len(items)
    for line, item in zip(tasks, items, strict=True):
        found = TASK.match(line)
        assert found, line
        assert found["name"] == item.name
        assert format_dose(item) in found["rest"]
        if item.timing:
            assert f"({timing_text(item.timing)})" in found["rest"]
    assert "| exercise |" not in text, "no table: a table cell cannot hold a tick box"


def test_task_items_parse_as_list_items_with_the_cue_inside() -> None:
    plan = plan_of("desk-worker")
    tokens = MarkdownIt("commonmark").parse(render_markdown(plan))
    items = [t for t in tokens if t.type == "list_item_open"]
    inline = [t.content for t in tokens if t.type == "inline" and t.content.startswith("[ ] ")]
    n_items = sum(len(day.items) for day in plan.days)
    assert len(inline) == n_items
    assert len(items) >= n_items
    first = next(item for day in plan.days for item in day.items)
    assert first.cue.split()[0] in inline[0]


def test_markup_in_names_is_escaped() -> None:
    plan = plan_of("lifter")
    day = next(d for d in plan.days if d.items)
    odd = replace(day.items[0], name="Pull *hard* [x]_y_")
    days = [replace(d, items=[odd, *d.items[1:]]) if d is day else d
            for d in plan.days]
    text = render_markdown(replace(plan, days=days))
    assert "- [ ] **Pull \\*hard\\* \\[x\\]\\_y\\_**: " in text
