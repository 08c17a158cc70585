"""Journal facts: what an ``[[adapt]]`` rule's ``when`` may read (docs/journal.md lists them).

Each decision judges the last corecoach session before a point in time (the next session, or
today) with what the journal knew by then. Unknown numbers are -1: a missing pain score is
never read as "no pain".
"""

from __future__ import annotations

from corecoach.facts import Fact
from corecoach.rules.condition import FactType

JOURNAL_FACTS: tuple[Fact, ...] = (
    Fact("sessions", "number", "corecoach sessions logged so far (0 before the first)"),
    Fact("status", "string", "the last session: done, partial or skipped"),
    Fact("pain_during", "number", "back pain during the last session, 0-10 (-1: not "
                "logged)"),
    Fact("pain_after", "number", "back pain right after it, 0-10 (-1: not logged)"),
    Fact("effort", "number", "effort of the last session, 0-10 (-1: not logged)"),
    Fact("pain_before", "number", "the last check-in's pain on or before the session "
                "day (the profile's back.pain before any check-in)"),
    Fact("checked_in", "boolean", "a check-in was logged the morning after the last "
                "session"),
    Fact("morning_pain", "number", "that morning's back pain, 0-10 (-1: no check-in)"),
    Fact("settled", "boolean", "that morning was no worse than pain_before (one point "
                "of rating noise allowed)"),
    Fact("unsettled", "boolean", "that morning was worse than pain_before by more than "
                "one point"),
    Fact("unsettled_last3", "number", "unsettled mornings after the last three sessions "
                "done in full or in part"),
    Fact("morning_rising_weeks", "number", "weeks in a row (0-2) that the mean morning "
                "pain rose over the week before"),
    Fact("clean_streak", "number", "clean sessions in a row since the last move on "
                "(done, pain during at most 2, settled next morning)"),
    Fact("gap_days", "number", "days from the last session to the decision"),
    Fact("latest_pain", "number", "the most recent check-in's pain (-1: none yet)"),
    Fact("leg_symptoms", "boolean", "leg symptoms were logged (session or check-in) and "
                "no later check-in records none"),
)

JOURNAL_FACT_SCHEMA: dict[str, FactType] = {f.name: f.type for f in JOURNAL_FACTS}

#: Placeholders a rule's ``because`` may use, besides every fact: the last session's
#: weekday and date, the morning after it, and the day leg symptoms were logged.
EXTRA_PLACEHOLDERS: dict[str, str] = {
    "day": "weekday of the last session, e.g. Thursday",
    "date": "date of the last session, e.g. 2026-11-26",
    "leg_date": "the day leg symptoms were logged",
}
