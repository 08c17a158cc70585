"""History summaries: weeks, surfaces, sparklines (Unicode and ASCII)."""

from __future__ import annotations

import datetime as dt

from corecoach.journal.entry import Entry
from corecoach.journal.history import (
    ASCII_SPARKS,
    SPARKS,
    History,
    by_surface,
    sparkline,
    weekly,
)
from corecoach.render.history import history_text
from corecoach.render.terminal import Terminal

MON = dt.date(2026, 11, 2)


def day(n: int) -> dt.date:
    return MON + dt.timedelta(days=n)


def history() -> History:
    entries = [
        Entry("p", day(0), "session", status="done", pain_during=2, leg_symptoms=False),
        Entry("p", day(1), "check-in", pain=3, leg_symptoms=False),
        Entry("p", day(1), "activity", sport="running", minutes=40, surface="road",
              tight_at=25),
        Entry("p", day(2), "check-in", pain=6, leg_symptoms=False),
        Entry("p", day(3), "activity", sport="running", minutes=40, surface="treadmill"),
        Entry("p", day(4), "check-in", pain=1, leg_symptoms=False),
        Entry("p", day(9), "session", status="skipped", leg_symptoms=False),
    ]
    return History("p", tuple(entries))


def test_sparkline_levels_and_gaps() -> None:
    assert sparkline([0, 5, 10, None], 10) == SPARKS[0] + SPARKS[4] + SPARKS[7] + " "
    assert sparkline([0, 10], 10, ASCII_SPARKS) == ASCII_SPARKS[0] + ASCII_SPARKS[7]
    assert sparkline([12, -1], 10) == SPARKS[7] + SPARKS[0]  # clipped to the scale


def test_weeks_include_the_empty_ones_up_to_today() -> None:
    weeks = weekly(history(), planned_per_week=3, today=day(20))
    assert [w.monday for w in weeks] == [MON, day(7), day(14)]
    assert (weeks[0].done, weeks[0].adherence, weeks[0].morning_pain) == (1, 1 / 3, 3.3)
    assert (weeks[1].skipped, weeks[1].adherence) == (1, 0.0)
    assert weeks[2].pain_during is None


def test_by_surface_counts_runs_and_the_mornings_after() -> None:
    road, treadmill = by_surface(history())
    assert (road.surface, road.runs, road.mornings, road.morning_pain, road.tightened) == \
        ("road", 1, 1, 6.0, 1)
    assert (treadmill.surface, treadmill.morning_pain, treadmill.tightened) == \
        ("treadmill", 1.0, 0)


def test_the_text_falls_back_to_ascii_on_an_8_bit_terminal() -> None:
    weeks = weekly(history(), 3, day(20))
    unicode = history_text(history(), weeks, None, "Sam", Terminal(width=100))
    assert any(ch in unicode for ch in SPARKS)
    latin = history_text(history(), weeks, None, "Sam", Terminal(width=100,
                                                                   encoding="latin-1"))
    latin.encode("latin-1")
    assert not any(ch in latin for ch in SPARKS)


def test_a_partial_session_is_not_full_adherence() -> None:
    from corecoach.journal.history import WeekSummary

    week = WeekSummary(monday=dt.date(2026, 11, 30), done=1, partial=6, skipped=0,
                       planned=7, pain_during=None, morning_pain=None)
    assert week.adherence == (1 + 6 * 0.5) / 7


def test_a_digest_covers_every_entry_up_to_its_day_and_no_later_one() -> None:
    base = history()
    days = [day(1), day(3), day(20)]
    found = base.digests_through(days)
    assert list(found) == days and len(set(found.values())) == 3
    # The same values in other objects (another read of the journal): the same digests.
    copied = History("p", tuple(Entry(*["".join(list(v)) if isinstance(v, str) else v for v in e])
                                for e in base.entries))
    assert copied.digests_through(days) == found
    assert copied.digests_through([day(20)]) == base.digests_through([day(20)])
    # An entry changed on day 2 changes the digests of day 3 on, never day 1's.
    edited = list(base.entries)
    edited[3] = edited[3]._replace(pain=7)
    changed = History("p", tuple(edited)).digests_through(days)
    assert changed[day(1)] == found[day(1)]
    assert changed[day(3)] != found[day(3)] and changed[day(20)] != found[day(20)]
    # Even a changed seq (an entry removed and logged again) is a change.
    renumbered = History("p", (*base.entries[:-1], base.entries[-1]._replace(seq=99)))
    assert renumbered.digests_through(days)[day(3)] == found[day(3)]
    assert renumbered.digests_through(days)[day(20)] != found[day(20)]
    # An entry after the last day asked about changes nothing; asked in any order, the same.
    later = History("p", (*base.entries, Entry("p", day(30), "check-in", pain=2)))
    assert later.digests_through(list(reversed(days))) == found
    # Nor does it matter which other days are asked about with a day (a new week asks about
    # the Sundays of the weeks before, and one more).
    for other in ([day(2)], [day(0), day(2)], [day(20)], [day(2), day(19)]):
        assert base.digests_through([day(3), *other])[day(3)] == found[day(3)]


def test_a_digest_holds_for_a_history_made_out_of_order() -> None:
    base = history()
    shuffled = History("p", (*base.entries[4:], *base.entries[:4]))
    assert shuffled.digests_through([day(3)]) == base.digests_through([day(3)])
