"""A profile that says "flare" next to a journal that says otherwise (coaching review 2, G24).

A profile in flare mode (``back.symptom = "flare"`` or ``back.pain`` at the flare level)
gets the flat flare plan whatever the journal says, since the profile is the person's own
word on their back. Two things follow, both pure:

- :func:`flat_reason`: the journal's decision for a chain never reads "progress" while the
  flare rules keep every dose flat; it says why the dose stays, and what the journal said;
- :func:`review_alert`: after two weeks of check-ins the alert reads the journal: mornings
  below the flare level ask the person to update the profile; mornings still at the flare
  level ask for a reassessment (the calendar's "flared up for N weeks of this plan", counted
  in the journal's own weeks).

No clock, no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from corecoach.journal.entry import Entry

#: Check-ins over at least this many days before the journal's alert speaks.
REVIEW_DAYS = 14
#: And at least this many check-ins in that stretch.
REVIEW_CHECKINS = 4

FLAT = ("your profile says your back is flared up (back.symptom or back.pain), so the "
        "flare plan keeps every dose at its easy level until you update the profile")


def flat_reason(decision: str) -> tuple[str, str]:
    """The decision and reason shown for a chain while the profile's flare keeps the plan
    flat: "flare", with the journal's own ``decision`` after it (its reason would speak
    of rungs the flat plan does not climb)."""
    said = "" if decision == "flare" else f" (your journal alone would say: {decision})"
    return "flare", FLAT + said


def review_alert(check_ins: Sequence[Entry], today: dt.date, flare_pain: int) -> str | None:
    """What the journal says about a profile in flare mode: settled mornings (every
    check-in of the last stretch below ``flare_pain``) ask for a profile update; mornings
    still at the flare level for two weeks or more ask for a reassessment. None before two
    weeks of check-ins."""
    shown = [c for c in check_ins if c.pain is not None and c.date <= today]
    if len(shown) < REVIEW_CHECKINS or (today - shown[0].date).days < REVIEW_DAYS:
        return None
    flared = [c for c in shown if (c.pain or 0) >= flare_pain]
    settled = [c for c in shown if not flared or c.date > flared[-1].date]
    if settled and len(settled) >= REVIEW_CHECKINS \
            and (today - settled[0].date).days >= REVIEW_DAYS:
        weeks = (today - settled[0].date).days // 7
        worst = max(c.pain or 0 for c in settled)
        return (f"Your mornings have been {worst}/10 or less for {weeks} weeks "
                f"({len(settled)} check-ins), but your profile still says your back is "
                "flared up: if it has settled, update back.symptom and back.pain "
                "(corecoach init) for a plan that moves on.")
    if flared:
        weeks = max(1, (today - shown[0].date).days // 7)
        return (f"Your journal shows your back flared up over {weeks} weeks (mornings up to "
                f"{max(c.pain or 0 for c in shown)}/10): reassess - if it is not settling, "
                "see a doctor or physiotherapist; when it has settled, run `corecoach init` "
                "again for a plan that moves on.")
    return None
