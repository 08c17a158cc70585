"""The printable HTML week: golden files, self-containment, escaping, nothing dropped."""

from __future__ import annotations

import re
from dataclasses import replace
from html import unescape
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.dated import START, dated_example
from tests.goldens import assert_golden
from tests.render.largest import PROFILES, largest_plan
from tests.strategies import profiles
from typer.testing import CliRunner

from corecoach.cli import app
from corecoach.coach import plan_for
from corecoach.library.loader import load_catalog
from corecoach.plan import Plan, RuleRef, format_dose
from corecoach.planner import build_plan
from corecoach.profile import Profile, load_profile
from corecoach.render import sheet
from corecoach.render.html import render_html, stylesheet
from corecoach.resources import example_path
from corecoach.vocab import DAY_NAMES

CATALOG = load_catalog()
EXAMPLES = ["road-runner", "desk-worker", "lifter"]


def plan_of(name: str, week: int = 1) -> Plan:
    outcome = plan_for(dated_example(name), CATALOG, START, week=week)
    assert outcome.plan is not None
    return outcome.plan


def visible(page: str) -> str:
    """The page's text without tags, entities decoded enough for plain words."""
    text = re.sub(r"<style>.*?</style>", " ", page, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", "", text))


@pytest.mark.parametrize("name", EXAMPLES)
def test_golden_html(name: str) -> None:
    # The goldens hold the stylesheet as one marker line: it is render/page.css itself
    # (embedded whole, once), so a CSS edit does not rewrite every golden.
    page = render_html(plan_of(name))
    css = stylesheet()
    assert page.count(css) == 1 and page.index(css) < page.index("</style>")
    assert_golden(f"{name}-week1.html", page.replace(css, "/* render/page.css */\n"))


@pytest.mark.parametrize("name", EXAMPLES)
def test_self_contained_and_printable(name: str) -> None:
    page = render_html(plan_of(name))
    assert page.startswith("<!DOCTYPE html>")
    lowered = page.lower()
    for banned in ("<script", "http://", "https://", "@import", "url(", "@font-face",
                   "<link", "<img", "<iframe", "<object", "<embed"):
        assert banned not in lowered, banned
    assert not re.search(r"<[^>]+\son\w+=", lowered), "no event handlers"
    assert "@page { size: landscape;" in page
    assert "@media print" in page
    assert "print-color-adjust: exact" in page


def test_type_is_never_below_8pt() -> None:
    for name in EXAMPLES:
        page = render_html(plan_of(name))
        sizes = re.findall(r"font-size:\s*([0-9.]+)(pt|em|px|%)", page)
        assert sizes
        for value, unit in sizes:
            if unit == "pt":
                assert float(value) >= 8, value
            else:
                assert unit == "em" and float(value) >= 1, (value, unit)
        assert "small-caps" not in page


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_day_item_dose_and_cue_is_on_the_page(name: str) -> None:
    plan = plan_of(name)
    text = visible(render_html(plan))
    for day in plan.days:
        assert DAY_NAMES[day.day] in text
        for item in day.items:
            assert item.name in text
            assert format_dose(item) in text
            assert item.cue in text
    # one tick box per scheduled item
    page = render_html(plan)
    assert page.count('class="box"') == sum(len(d.items) for d in plan.days)


def test_header_names_the_week_and_dates() -> None:
    text = visible(render_html(plan_of("road-runner")))
    assert "Road runner" in text
    assert "Week 1 of 8" in text
    assert "30 Nov - 6 Dec 2026" in text
    assert "Deload" not in text
    deload = visible(render_html(plan_of("road-runner", 4)))
    assert "Week 4 of 8" in deload and "Deload week" in deload


@pytest.mark.parametrize("name", EXAMPLES)
@pytest.mark.parametrize("week", [1, 4])
def test_no_reason_or_note_is_dropped_silently(name: str, week: int) -> None:
    plan = plan_of(name, week)
    page = render_html(plan)
    text = visible(page)
    for rule in plan.rules:
        assert rule.id in text  # with its because, or in the "Also:" list
    shown = [unescape(n) for n in re.findall(r"<li>(.*?)</li>", page)]
    assert shown == plan.notes[:len(shown)], "notes are cut to a prefix, in order"
    hidden = len(plan.notes) - len(shown)
    if hidden:
        assert re.search(rf"\b{hidden} (more )?notes? in\s+corecoach explain", text)
    else:
        assert "notes in" not in text
    left_out = [unescape(n) for n in re.findall(r'<li class="left-out">(.*?)</li>', page)]
    assert len(left_out) == len(plan.left_out), "what is left out is always shown"
    shown_rules = re.findall(r'<li class="rule"><strong>(.*?)</strong>', page)
    assert shown_rules == [r.id for r in plan.rules[:len(shown_rules)]]
    if len(shown_rules) < len(plan.rules):
        assert "corecoach explain says why" in text


@pytest.mark.parametrize("name", ["road-runner", "desk-worker", "lifter"])
def test_main_reasons_come_with_their_because(name: str) -> None:
    """The first reason always comes with its because; the grid comes first, so on a full
    sheet (the road runner's 16 rows) the other main reasons may be named only, with the
    pointer to `corecoach explain`."""
    plan = plan_of(name)
    text = visible(render_html(plan))
    assert plan.rules[0].because in text
    for rule in plan.rules[:sheet.MAIN_REASONS]:
        assert rule.because in text or (rule.id in text and "says why" in text)


def test_rest_days_look_like_rest_days() -> None:
    plan = plan_of("lifter")
    rest = [d for d in plan.days if not d.items]
    assert rest, "the lifter example has days without corecoach work"
    page = render_html(plan)
    assert page.count('class="day rest"') >= len(rest) * (1 + len(sheet.rows_of(plan)))
    assert "rest day" in page or "none today" in page


def test_rows_follow_each_days_order_when_the_days_agree() -> None:
    plan = plan_of("road-runner")
    rank = {ex: i for i, ex in enumerate(sorted({it.exercise for d in plan.days
                                                 for it in d.items}, reverse=True))}
    days = [replace(d, items=sorted(d.items, key=lambda it: rank[it.exercise]))
            for d in plan.days]
    order = [row.item.exercise for row in sheet.rows_of(replace(plan, days=days))]
    for day in days:
        ids = [item.exercise for item in day.items]
        assert [ex for ex in order if ex in ids] == ids, day.day


@pytest.mark.parametrize("name", EXAMPLES)
def test_warm_ups_head_every_column(name: str) -> None:
    plan = plan_of(name)
    order = [row.item.exercise for row in sheet.rows_of(plan)]
    assert sorted(order) == sorted({it.exercise for d in plan.days for it in d.items})
    for day in plan.days:
        column = [ex for ex in order if ex in {it.exercise for it in day.items}]
        before = [it.exercise for it in day.items if (it.timing or "").startswith("before")]
        assert column[:len(before)] == before, (name, day.day)


def test_hostile_text_is_escaped() -> None:
    plan = plan_of("road-runner")
    evil = '<script>alert("x")</script>'
    day = plan.days[0]
    item = replace(day.items[0], name=f"Bad {evil}", cue="a < b & c > d")
    days = [replace(day, items=[item, *day.items[1:]]), *plan.days[1:]]
    hostile = replace(
        plan, name=f"{evil} & co",
        days=days,
        rules=[RuleRef(id="x<y", because='"quoted" & <b>bold</b>'), *plan.rules],
        notes=["<img src=x onerror=alert(1)>", *plan.notes],
    )
    page = render_html(hostile)
    assert "<script" not in page.lower()
    assert "<img" not in page.lower() and "<b>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co" in page
    assert "a &lt; b &amp; c &gt; d" in page
    assert "<strong>x&lt;y</strong>" in page


def test_plan_without_dates_still_renders() -> None:
    plan = plan_of("desk-worker")
    undated = replace(
        plan, start=None, days=[replace(d, date=None) for d in plan.days])
    text = visible(render_html(undated))
    assert "Week 1 of 8" in text
    assert all(DAY_NAMES[d.day] in text for d in plan.days)
    assert " Nov" not in text and " Dec" not in text


def test_small_plans_get_larger_type() -> None:
    runner = plan_of("road-runner")
    assert sheet.layout(runner, sheet.rows_of(runner)).pt == 8.0
    # Two short days a week: few rows, so the type grows.
    small = Profile(version=1, session_minutes=5, available_days=("mon", "thu"))
    plan = build_plan(small, CATALOG, 1).plan
    assert plan is not None
    assert sheet.layout(plan, sheet.rows_of(plan)).pt > 8.0


def test_output_is_deterministic() -> None:
    assert render_html(plan_of("road-runner")) == render_html(plan_of("road-runner"))


def assert_one_sheet_and_counted(plan: Plan) -> None:
    """The page fits both sheets by the estimate it is laid out with; what is folded away
    is named (rows) or counted (reasons, notes) on the page."""
    rows = sheet.rows_of(plan)
    fit = sheet.layout(plan, rows)
    assert sheet.fits_every_sheet(plan, rows, fit), fit
    page = render_html(plan)
    assert page.endswith("</html>\n")
    text = visible(page)
    hidden = rows[fit.rows:]
    boxes = sum(1 for row in rows[:fit.rows] for cell in row.cells if cell is not None)
    assert page.count('class="box"') == boxes
    assert boxes + sum(1 for row in hidden for cell in row.cells if cell) == sum(
        len({i.exercise for i in d.items}) for d in plan.days), "every item: a box or named"
    if hidden:
        what = "exercise" if len(hidden) == 1 else "exercises"
        assert f"Not on this sheet: {len(hidden)} more {what}:" in text
        for row in hidden:
            assert row.item.name in text.split("Not on this sheet:")[1]
    else:
        assert "Not on this sheet" not in text
    assert page.count('class="cue"') == sum(1 for row in rows[:fit.cues] if row.item.cue)
    for rule in plan.rules:
        assert rule.id in text
    hidden_notes = len(plan.notes) - fit.notes
    if hidden_notes:
        assert re.search(rf"\b{hidden_notes} (more )?notes? in\s+corecoach explain", text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles(safe=True), st.integers(1, 16))
def test_any_safe_profile_fits_one_sheet(profile: Profile, week: int) -> None:
    outcome = build_plan(profile, CATALOG, min(week, profile.weeks))
    if outcome.plan is None:
        return
    assert_one_sheet_and_counted(outcome.plan)


@pytest.mark.parametrize("name", sorted(PROFILES))
@pytest.mark.parametrize("week", [1, 4, 6, 16])
def test_the_largest_plans_fold_onto_one_sheet(name: str, week: int) -> None:
    """E3: an advanced athlete with many sports, all the kit and 90 minutes."""
    plan = largest_plan(name, week)
    rows = sheet.rows_of(plan)
    before = sheet.Page(*sheet.PAGES_MM[1], 8.0)
    if name == "every-sport":  # the case that makes sure folding itself is exercised
        assert before.grid(plan, rows) > before.height, "too big for a sheet unless folded"
    assert_one_sheet_and_counted(plan)


def example_plan(name: str) -> Plan:
    """Week 1 of a bundled example as it ships: no start, so no dates."""
    outcome = plan_for(load_profile(example_path(name)), CATALOG, START, week=1)
    assert outcome.plan is not None
    return outcome.plan


def test_dash_o_html_writes_html(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "week.html"
    result = runner.invoke(app, ["plan", "--example", "road-runner", "-o", str(out),
                                 "--today", "2026-11-26"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert f"wrote {out}" in result.stderr
    assert out.read_text(encoding="utf-8") == render_html(example_plan("road-runner"))
    assert not list(tmp_path.glob(".week.html*")), "no temp file left behind"


def test_format_html_to_stdout(runner: CliRunner) -> None:
    result = runner.invoke(app, ["plan", "--example", "lifter", "--format", "html",
                                 "--today", "2026-11-26"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == render_html(example_plan("lifter"))


def test_full_width_characters_count_as_wide() -> None:
    assert sheet.text_width("Sam") == 3
    assert sheet.text_width("李小龍") == 3 * sheet.WIDE_CHARS
    assert sheet.text_width("\uff53\uff41\uff4d") == 3 * sheet.WIDE_CHARS  # full-width sam
    assert sheet.text_width("Zoe\u0308") == 3  # a combining mark takes no room


def test_a_chinese_name_is_estimated_as_wide_as_it_prints() -> None:
    plan = plan_of("road-runner")
    page = sheet.Page(*sheet.PAGES_MM[0], 8.0)
    latin = page.header(replace(plan, name="S" * 20))
    chinese = page.header(replace(plan, name="李" * 20))
    assert chinese > latin, "20 CJK characters need more room than 20 Latin ones"
    one_word = [("李" * 60, 1.0)]
    assert page.lines(one_word, 40.0) > 1, "a long CJK run wraps, as browsers wrap it"


def test_the_grid_scrolls_on_a_phone_and_not_in_print() -> None:
    page = render_html(plan_of("road-runner"))
    assert '<div class="grid">\n<table class="week">' in page
    phone = page.split("@media screen and (max-width: 820px) {", 1)[1].split("\n}\n", 1)[0]
    assert "overflow-x: auto" in phone and "width: 70em" in phone
