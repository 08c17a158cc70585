"""Function goals: the Patient-Specific Functional Scale (PSFS) over the journal.

A profile lists up to three ``goals``, activities the back makes hard, in the person's
words. `corecoach rate` records each one's ability, 0 (unable to do it) to 10 (able to do
it as before the problem), as a journal entry of kind ``rating`` (Stratford et al. 1995).
A change of :data:`MEANINGFUL_CHANGE` points or more is marked as meaningful: the minimal
important difference of the PSFS is about 1.3-2.7 points (Abbott and Schmitt, JOSPT 2014).

Pure: goals, scores and the history come in as values, today's date as an argument.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from corecoach.journal.entry import Entry, checked

if TYPE_CHECKING:
    from corecoach.journal.history import History

__all__ = [
    "MEANINGFUL_CHANGE",
    "RATE_EVERY_DAYS",
    "GoalTrend",
    "goal_trends",
    "rating_entries",
    "rating_reminder",
    "scores_from_options",
]

#: A change of this many points or more is meaningful (PSFS MID 1.3-2.7 points).
MEANINGFUL_CHANGE = 2
#: `today` reminds to rate when the last rating is this many days old (or there is none).
RATE_EVERY_DAYS = 14
#: What the ends of the scale mean, for prompts, help and docs.
SCALE_WORDS = "0 = unable to do it, 10 = able to do it as before the problem"


def _no_goals() -> Exception:
    from corecoach.errors import InputError

    return InputError.single("goals", "", "the profile lists no goals; add up to three, "
                             'e.g. goals = ["run 10 km on the road"], or run corecoach init')


def scores_from_options(goals: Sequence[str], given: Sequence[str]) -> dict[int, int]:
    """``--goal N=SCORE`` options as {goal number (1-based): score}; an unknown goal, a
    score outside 0-10 or a goal given twice is one InputError naming the option."""
    from corecoach.errors import InputError

    if not goals:
        raise _no_goals()
    allowed = f"1-{len(goals)}" if len(goals) > 1 else "1"
    out: dict[int, int] = {}
    for text in given:
        number, sep, score = text.partition("=")
        number, score = number.strip(), score.strip()
        if not sep or not number or not score:
            raise InputError.single("--goal", "", f"{text!r} is not N=SCORE (e.g. --goal "
                                    "1=6: goal 1, ability 6 out of 10)")
        if not number.isascii() or not number.isdigit() or not 1 <= int(number) <= len(goals):
            raise InputError.single("--goal", "", f"{number!r} is not a goal of the profile "
                                    f"(allowed: {allowed}: " + "; ".join(
                                        f"{n} = {g}" for n, g in enumerate(goals, 1)) + ")")
        if not score.isascii() or not score.isdigit() or not 0 <= int(score) <= 10:
            raise InputError.single("--goal", "", f"goal {int(number)}: {score!r} is out of "
                                    f"range (allowed: 0-10, {SCALE_WORDS})")
        if int(number) in out:
            raise InputError.single("--goal", "", f"goal {int(number)} is given twice; give "
                                    "each goal once")
        out[int(number)] = int(score)
    if not out:
        raise InputError.single("--goal", "", "give N=SCORE for at least one goal (or run "
                                "it in a terminal to be asked)")
    return out


def rating_entries(profile: str, goals: Sequence[str], scores: dict[int, int], day: dt.date,
                   today: dt.date, note: str | None = None) -> list[Entry]:
    """One ``rating`` entry per goal scored, in goal order (each checked)."""
    if not goals:
        raise _no_goals()
    return [checked(Entry(profile, day, "rating", goal=goals[n - 1], score=score, note=note),
                    today) for n, score in sorted(scores.items())]


@dataclass(frozen=True)
class GoalTrend:
    """One goal's ratings over time, and the change from the first to the last."""

    goal: str
    ratings: tuple[tuple[dt.date, int], ...]  # oldest first; a day's last rating counts

    @property
    def first(self) -> int | None:
        """The first score (the baseline)."""
        return self.ratings[0][1] if self.ratings else None

    @property
    def last(self) -> int | None:
        """The latest score."""
        return self.ratings[-1][1] if self.ratings else None

    @property
    def change(self) -> int | None:
        """Latest minus first (positive: more able); None with fewer than two ratings."""
        if len(self.ratings) < 2:
            return None
        return self.ratings[-1][1] - self.ratings[0][1]

    @property
    def meaningful(self) -> bool:
        """A change of :data:`MEANINGFUL_CHANGE` points or more, either way."""
        return self.change is not None and abs(self.change) >= MEANINGFUL_CHANGE

    def words(self) -> str:
        """``run 10 km: 3 -> 6/10 (+3, meaningful)`` for text and markdown."""
        if not self.ratings:
            return f"{self.goal}: not rated yet"
        if self.change is None:
            return f"{self.goal}: {self.last}/10 (one rating, on {self.ratings[0][0]})"
        sign = "+" if self.change > 0 else ""
        mark = ", a meaningful change" if self.meaningful else ", within the noise"
        return (f"{self.goal}: {self.first} -> {self.last}/10 ({sign}{self.change}{mark}; "
                f"{len(self.ratings)} ratings since {self.ratings[0][0]})")


def goal_trends(history: History, goals: Sequence[str]) -> list[GoalTrend]:
    """Each profile goal's ratings (in profile order), then goals rated before but no
    longer in the profile, in the order first rated."""
    by_goal: dict[str, dict[dt.date, int]] = {g: {} for g in goals}
    for e in history.entries:
        if e.kind == "rating" and e.goal is not None and e.score is not None:
            by_goal.setdefault(e.goal, {})[e.date] = e.score
    return [GoalTrend(goal, tuple(sorted(days.items()))) for goal, days in by_goal.items()]


def last_rated(history: History, today: dt.date) -> dt.date | None:
    """The day of the latest rating in ``history`` on or before ``today``, if any."""
    days = [e.date for e in history.entries if e.kind == "rating" and e.date <= today]
    return max(days) if days else None


def rating_reminder(history: History | None, goals: Sequence[str],
                    today: dt.date) -> str | None:
    """The reminder `today` shows when the profile has goals and the last rating is two
    weeks old or more (or there is none yet, once the journal has entries); else None."""
    if not goals or history is None or not history.entries:
        return None
    last = last_rated(history, today)
    if last is not None and (today - last).days < RATE_EVERY_DAYS:
        return None
    when = "not yet" if last is None else f"last on {last}"
    return (f"Rate your function goals ({when}): corecoach rate - each one 0-10, "
            "so the plan can show whether you are getting more able.")
