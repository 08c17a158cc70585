"""A plan as an output (corecoach.plan_output), as pure calls: the format, the calendar's
options, an undated calendar's Monday, and several profiles planned into a folder."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from corecoach.errors import ExitCode, InputError
from corecoach.library.loader import load_catalog
from corecoach.plan_output import (
    CalendarOptions,
    PlannedFile,
    batch_exit_code,
    calendar_options,
    check_batch_folder,
    dated_for_calendar,
    only_for_calendar,
    plan_files,
    plan_format,
    plan_outcome,
    render_outcome,
)
from corecoach.profile import Profile, load_profile, parse_profile

CATALOG = load_catalog()
TODAY = dt.date(2026, 12, 2)  # a Wednesday
WITHHELD = 'version = 1\nstart = 2026-11-30\n[screening]\nred_flags = ["both-legs"]\n'


def read(path: Path) -> tuple[Profile, str]:
    return load_profile(path), str(path.resolve())


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# -- the format and the calendar's options ---------------------------------------------------


def test_the_format_asked_for_wins_over_the_extension() -> None:
    assert plan_format("json", Path("plan.md")) == "json"


@pytest.mark.parametrize(("output", "fmt"), [
    (None, "text"), (Path("-"), "text"), (Path("week.md"), "markdown"),
    (Path("WEEK.HTM"), "html"), (Path("cal.ics"), "ics"), (Path("p.json"), "json"),
])
def test_the_format_follows_the_output(output: Path | None, fmt: str) -> None:
    assert plan_format(None, output) == fmt


def test_a_folder_means_text_and_an_unknown_extension_lists_the_known_ones(
        tmp_path: Path) -> None:
    assert plan_format(None, tmp_path) == "text"
    with pytest.raises(InputError, match=r"\.pdf is not a plan format's extension \(allowed: "
                       r"\.txt, .*\.ics\); or give --format"):
        plan_format(None, Path("plan.pdf"))
    with pytest.raises(InputError, match="no extension is not"):
        plan_format(None, Path("plan"))


def test_calendar_options_default_and_parse() -> None:
    assert calendar_options() == CalendarOptions("18:30", None, False)
    assert calendar_options("07:15", "1h", "all") == CalendarOptions(
        "07:15", dt.timedelta(hours=1), True)
    assert calendar_options(alarm="15m").alarm == dt.timedelta(minutes=15)


@pytest.mark.parametrize(("time", "alarm", "option"), [("25:00", None, "--time"),
                                                        (None, "soon", "--alarm")])
def test_a_bad_calendar_option_names_itself(time: str | None, alarm: str | None,
                                            option: str) -> None:
    with pytest.raises(InputError) as caught:
        calendar_options(time, alarm)
    assert caught.value.lines()[0].startswith(option)


def test_calendar_only_options_are_refused_with_another_format() -> None:
    only_for_calendar("ics", weeks="all", time="07:00", alarm="15m")
    only_for_calendar("json", weeks=None, time=None, alarm=None)
    with pytest.raises(InputError) as caught:
        only_for_calendar("markdown", weeks=None, time="07:00")
    assert caught.value.lines() == ["--time: applies to --format ics only (the format here "
                                    "is markdown)"]


def test_an_undated_calendar_starts_on_the_coming_monday_and_says_so() -> None:
    undated = parse_profile({"version": 1}, "me.toml")
    dated, note = dated_for_calendar(undated, TODAY, "me.toml")
    assert dated.start == dt.date(2026, 12, 7) and undated.start is None
    assert note == ("note: me.toml: no start date; the calendar starts on Monday 2026-12-07 "
                    "(set start = YYYY-MM-DD in the profile to choose)")
    own = parse_profile({"version": 1, "start": dt.date(2027, 1, 4)}, "me.toml")
    assert dated_for_calendar(own, TODAY, "me.toml") == (own, None)
    assert dated_for_calendar(undated, dt.date(2026, 12, 7), "x")[0].start == \
        dt.date(2026, 12, 7)  # a Monday is its own coming Monday


def test_a_calendar_of_every_week_holds_every_week() -> None:
    profile = parse_profile({"version": 1, "start": dt.date(2026, 11, 30), "weeks": 4},
                            "me.toml")
    outcome, warning = plan_outcome(profile, CATALOG, TODAY, None, None)
    assert warning is None and outcome.plan is not None
    one = render_outcome(profile, "me", CATALOG, outcome, "ics")
    every = render_outcome(profile, "me", CATALOG, outcome, "ics",
                           CalendarOptions(all_weeks=True, alarm=dt.timedelta(minutes=5)))
    days = [line for line in one.splitlines() if line.startswith("DTSTART")]
    assert len([line for line in every.splitlines() if line.startswith("DTSTART")]) \
        > 3 * len(days) > 0
    assert "BEGIN:VALARM" in every and "BEGIN:VALARM" not in one
    assert days[0] == "DTSTART:20261130T183000"  # the week of TODAY, at the default time


def test_a_withheld_outcome_renders_why() -> None:
    profile = parse_profile({"version": 1, "screening": {"red_flags": ["both-legs"]}}, "x")
    outcome, _ = plan_outcome(profile, CATALOG, TODAY, None, None)
    assert outcome.withheld is not None
    assert "get care first" in render_outcome(profile, "x", CATALOG, outcome, "text").lower()


def test_a_journal_that_cannot_be_read_is_a_warning(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    broken = write(tmp_path, "journal.sqlite3", "not a database, but long enough " * 40)
    monkeypatch.setenv("CORECOACH_JOURNAL", str(broken))
    path = write(tmp_path, "me.toml", 'version = 1\nid = "me-1"\n')
    outcome, warning = plan_outcome(load_profile(path), CATALOG, TODAY, None, path)
    assert outcome.plan is not None
    assert warning is not None and warning.endswith("; planning by the calendar")
    # stdin and the bundled examples have no journal: nothing to warn about
    assert plan_outcome(load_profile(path), CATALOG, TODAY, None, Path("-"))[1] is None


# -- several profiles into a folder ----------------------------------------------------------


@pytest.mark.parametrize("output", [None, Path("-")])
def test_a_batch_needs_a_folder(output: Path | None) -> None:
    with pytest.raises(InputError, match="several profiles need -o FOLDER"):
        check_batch_folder(output)


def test_a_batch_refuses_a_file_or_a_file_name(tmp_path: Path) -> None:
    existing = write(tmp_path, "plans.txt", "")
    with pytest.raises(InputError, match="is a file; give a folder"):
        check_batch_folder(existing)
    with pytest.raises(InputError, match="looks like a file name"):
        check_batch_folder(tmp_path / "plans.md")
    assert check_batch_folder(tmp_path / "plans") == tmp_path / "plans"
    assert check_batch_folder(tmp_path) == tmp_path


def test_a_batch_names_files_after_profiles_and_never_twice(tmp_path: Path) -> None:
    a = write(tmp_path, "a/client.toml", "version = 1\n")
    b = write(tmp_path, "b/client.toml", "version = 1\n")
    c = write(tmp_path, "c/other.toml", "version = 1\n")
    folder = tmp_path / "plans"
    results = list(plan_files([a, b, c], CATALOG, folder, "json", read, TODAY))
    assert [(r.status, r.target) for r in results] == [
        ("written", folder / "client.json"), ("written", folder / "client-2.json"),
        ("written", folder / "other.json")]
    assert [r.made_folder for r in results] == [True, False, False]
    assert all(r.lines == () for r in results)
    assert json.loads((folder / "other.json").read_text(encoding="utf-8"))["week"] == 1
    assert batch_exit_code(results) == ExitCode.OK


def test_one_bad_profile_fails_alone_and_names_its_file(tmp_path: Path) -> None:
    good = write(tmp_path, "good.toml", "version = 1\n")
    bad = write(tmp_path, "bad.toml", "version = 1\nsession_minutes = -5\n")
    results = list(plan_files([bad, good], CATALOG, tmp_path / "out", "markdown", read,
                              TODAY))
    assert [r.status for r in results] == ["failed", "written"]
    assert results[0].target is None
    assert results[0].lines and all(line.startswith(f"error: {bad}") for line in
                                     results[0].lines)
    assert "session_minutes" in results[0].lines[0]
    assert batch_exit_code(results) == ExitCode.BAD_INPUT
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["good.md"]


def test_a_shared_id_is_a_warning_and_both_are_planned(tmp_path: Path) -> None:
    first = write(tmp_path, "one.toml", 'version = 1\nid = "same-1"\n')
    copy = write(tmp_path, "two.toml", 'version = 1\nid = "same-1"\n')
    results = list(plan_files([first, copy], CATALOG, tmp_path / "out", "text", read, TODAY))
    assert [r.status for r in results] == ["written", "written"]
    assert results[1].lines == (f"warning: {copy}: id: 'same-1' is also the id of {first}; "
                                "their journal entries mix (give one a new id)",)


def test_a_withheld_plan_is_a_page_but_never_a_calendar(tmp_path: Path) -> None:
    held = write(tmp_path, "held.toml", WITHHELD)
    page = list(plan_files([held], CATALOG, tmp_path / "pages", "html", read, TODAY))
    assert page[0].status == "withheld" and page[0].target == tmp_path / "pages" / "held.html"
    assert page[0].lines[0].startswith(f"withheld: {held}: ")
    cal = list(plan_files([held], CATALOG, tmp_path / "cals", "ics", read, TODAY))
    assert cal[0].status == "withheld" and cal[0].target is None
    assert not (tmp_path / "cals").exists()
    assert batch_exit_code(page) == ExitCode.WITHHELD


def test_a_batch_calendar_dates_an_undated_profile(tmp_path: Path) -> None:
    undated = write(tmp_path, "undated.toml", "version = 1\n")
    results = list(plan_files([undated], CATALOG, tmp_path / "cals", "ics", read, TODAY,
                              calendar=CalendarOptions(time="07:00")))
    assert results[0].lines == (f"note: {undated}: no start date; the calendar starts on "
                                "Monday 2026-12-07 (set start = YYYY-MM-DD in the profile to "
                                "choose)",)
    text = (tmp_path / "cals" / "undated.ics").read_text(encoding="utf-8")
    assert "DTSTART:20261207T070000" in text.splitlines()


def test_a_bug_in_one_profile_is_reported_and_the_rest_are_planned(tmp_path: Path) -> None:
    first = write(tmp_path, "aa.toml", "version = 1\n")
    boom = write(tmp_path, "boom.toml", "version = 1\n")

    def reading(path: Path) -> tuple[Profile, str]:
        if path == boom:
            raise OverflowError("date value out of range")
        return read(path)

    results = list(plan_files([boom, first], CATALOG, tmp_path / "out", "text", reading,
                              TODAY))
    assert [r.status for r in results] == ["crashed", "written"]
    assert results[0].lines == (f"error: {boom}: internal error (OverflowError: date value "
                                "out of range); please report it",)
    assert batch_exit_code(results) == ExitCode.FAILURE


def test_the_batch_exit_code_is_the_worst_outcome() -> None:
    def of(*statuses: str) -> list[PlannedFile]:
        return [PlannedFile("x", s, None) for s in statuses]  # type: ignore[arg-type]

    assert batch_exit_code([]) == ExitCode.OK
    assert batch_exit_code(of("written", "withheld")) == ExitCode.WITHHELD
    assert batch_exit_code(of("withheld", "failed", "written")) == ExitCode.BAD_INPUT
    assert batch_exit_code(of("failed", "crashed", "withheld")) == ExitCode.FAILURE
