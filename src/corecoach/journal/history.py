"""History: one profile's journal entries as an immutable value, and summaries of it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from corecoach.days import monday

if TYPE_CHECKING:  # a plan with no journal makes an empty History without loading entries
    from corecoach.journal.entry import Entry


class History(NamedTuple):
    """One profile's entries, in date order (entries of one day in the order logged)."""

    profile: str
    entries: tuple[Entry, ...]

    @property
    def sessions(self) -> tuple[Entry, ...]:
        """corecoach sessions."""
        return tuple(e for e in self.entries if e.kind == "session")

    @property
    def check_ins(self) -> tuple[Entry, ...]:
        """Morning check-ins."""
        return tuple(e for e in self.entries if e.kind == "check-in")

    @property
    def activities(self) -> tuple[Entry, ...]:
        """The person's own sport sessions (the trigger diary)."""
        return tuple(e for e in self.entries if e.kind == "activity")

    def since(self, first: dt.date | None) -> History:
        """Entries on or after ``first`` (all of them for None)."""
        if first is None:
            return self
        return History(self.profile, tuple(e for e in self.entries if e.date >= first))

    def digests_through(self, days: Sequence[dt.date]) -> dict[dt.date, str]:
        """For each of ``days``, a digest of every entry dated on or before it (every value,
        ``seq`` included): equal digests, the same entries. One pass over the entries.

        What the journal decided on a past day depends only on these entries, so a digest
        tells whether a decision kept from an earlier run still holds (``coach``'s weekly
        cap), however the journal was written since (a `log`, an import, datasette).
        """
        import bisect
        import hashlib
        import marshal
        from itertools import repeat

        entries = self.entries
        dates = [e.date for e in entries]
        if dates != sorted(dates):  # a History made by hand: the prefixes must be by date
            entries = tuple(sorted(entries, key=lambda e: e.date))
            dates.sort()
        digest = hashlib.blake2b(digest_size=16)
        found: dict[dt.date, str] = {}
        done = 0
        for day in sorted(set(days)):
            end = bisect.bisect_right(dates, day)
            # Each entry as a plain tuple of str, int, bool and None (the date as its
            # ordinal), in marshal's version 2: it marks neither shared objects nor interned
            # strings (version 3 and later do), so equal entries give equal bytes in every
            # process. One entry at a time, so a day's digest never depends on which other
            # days were asked about. About three times faster than pickling the named tuples.
            rows = [(e[0], e[1].toordinal(), *e[2:]) for e in entries[done:end]]
            digest.update(b"".join(map(marshal.dumps, rows, repeat(2))))
            done = end
            found[day] = digest.copy().hexdigest()
        return found


#: A partial session counts this much towards adherence.
PARTIAL_WEIGHT = 0.5


class WeekSummary(NamedTuple):
    """One calendar week of the journal."""

    monday: dt.date
    done: int
    partial: int
    skipped: int
    planned: int
    pain_during: float | None
    morning_pain: float | None
    in_progress: bool = False  # the week holding today: its days are not all lived yet

    @property
    def adherence(self) -> float | None:
        """Sessions done over those planned, a partial one counting half (None without a
        plan): a partial session is not full adherence."""
        if not self.planned:
            return None
        return min(1.0, (self.done + PARTIAL_WEIGHT * self.partial) / self.planned)


def _mean(values: Sequence[int]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def weekly(history: History, planned_per_week: int, today: dt.date) -> list[WeekSummary]:
    """Every week from the first entry's to today's, oldest first (empty weeks included)."""
    if not history.entries:
        return []
    first = monday(history.entries[0].date)
    weeks: dict[dt.date, list[Entry]] = {}
    day = first
    while day <= monday(today):
        weeks[day] = []
        day += dt.timedelta(days=7)
    for e in history.entries:
        weeks.setdefault(monday(e.date), []).append(e)
    out = []
    for start, entries in sorted(weeks.items()):
        sessions = [e for e in entries if e.kind == "session"]
        out.append(WeekSummary(
            monday=start,
            done=sum(e.status == "done" for e in sessions),
            partial=sum(e.status == "partial" for e in sessions),
            skipped=sum(e.status == "skipped" for e in sessions),
            planned=planned_per_week,
            pain_during=_mean([e.pain_during for e in sessions if e.pain_during is not None]),
            morning_pain=_mean([e.pain for e in entries
                                if e.kind == "check-in" and e.pain is not None]),
            in_progress=start == monday(today),
        ))
    return out


NO_SURFACE = "not given"


class SurfaceSummary(NamedTuple):
    """Runs on one surface and the mornings after them."""

    surface: str
    runs: int
    mornings: int  # runs with a check-in the next morning
    morning_pain: float | None
    tightened: int  # runs where the back tightened (a minute was logged)
    mean_minutes: float | None = None  # mean length of the runs
    onset_minute: float | None = None  # median minute the back tightened, of those that did
    usual_pain: float | None = None  # median morning check-in over the same entries


def by_surface(history: History) -> list[SurfaceSummary]:
    """Next-morning pain after runs, per surface (a comparison, not a cause)."""
    import statistics

    mornings = {e.date: e.pain for e in history.check_ins if e.pain is not None}
    pains = [e.pain for e in history.check_ins if e.pain is not None]
    usual = float(statistics.median(pains)) if pains else None
    groups: dict[str, list[Entry]] = {}
    for e in history.activities:
        if e.sport == "running":
            # A run logged without a surface stays apart: guessing would blur the comparison.
            groups.setdefault(e.surface or NO_SURFACE, []).append(e)
    out = []
    for surface, runs in sorted(groups.items()):
        after = [p for r in runs if (p := mornings.get(r.date + dt.timedelta(days=1)))
                 is not None]
        onsets = [r.tight_at for r in runs if r.tight_at is not None]
        out.append(SurfaceSummary(
            surface=surface, runs=len(runs), mornings=len(after), morning_pain=_mean(after),
            tightened=len(onsets), mean_minutes=_mean([r.minutes or 0 for r in runs]),
            onset_minute=float(statistics.median(onsets)) if onsets else None,
            usual_pain=usual))
    return out


SPARKS = "▁▂▃▄▅▆▇█"
#: Eight levels for a terminal that cannot show the block characters.
ASCII_SPARKS = "_.,:-=+#"


def sparkline(values: Sequence[float | None], top: float, bars: str = SPARKS) -> str:
    """Eight-level bars scaled to ``top``; a space where a value is missing."""
    out = []
    for v in values:
        if v is None:
            out.append(" ")
        else:
            level = round(max(0.0, min(v, top)) / top * (len(bars) - 1)) if top else 0
            out.append(bars[level])
    return "".join(out)
