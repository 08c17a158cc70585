"""A concrete trade when a full session holds work back (issue 18, item 1).

When the day's time stops a chain from moving on, the plan does not only say "a longer
session would help": it names one lower-priority item on that day whose minutes would make
room, so the person can choose ("drop the hamstring stretch on Monday to let the good
morning move on").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from corecoach.plan import dose_words
from corecoach.planner.slots import Placed, Slot, is_good_morning
from corecoach.vocab import DAY_NAMES, Day

#: Work the person can drop for a day at the least cost to the program: stretches first.
_DROP_ORDER = {"flexibility": 0, "mobility": 1, "breathing": 2, "activity": 3, "core": 4,
               "hinge": 5}

Resolve = Callable[[Slot, int, Day, bool], Placed | None]


def _who(slot: Slot, current: Placed) -> str:
    return "the good morning" if is_good_morning(slot) else current.ex.name


def trade_note(held: Iterable[Slot], slots: Iterable[Slot],
               layout: Mapping[Slot, Mapping[Day, Placed]],
               advances: Mapping[tuple[Slot, Day], int],
               resolve: Resolve, budget: float) -> str | None:
    """One sentence offering a trade for the most important held slot, or None when no
    single lower-priority item on its day frees enough time."""
    totals: dict[Day, float] = {}
    for placed in layout.values():
        for day, p in placed.items():
            totals[day] = totals.get(day, 0.0) + p.minutes
    others = list(slots)
    for slot in sorted(held, key=lambda s: (not is_good_morning(s), s.rank)):
        for day, current in sorted(layout[slot].items(), key=lambda kv: kv[0]):
            nxt = resolve(slot, advances[slot, day] + 1, day, False)
            if nxt is None or (nxt.ex is current.ex and nxt.dose == current.dose):
                continue
            short = totals[day] + nxt.minutes - current.minutes - budget
            if short <= 1e-9:
                continue
            drops = [s for s in others if s is not slot and s.rank > slot.rank
                     and day in layout[s] and layout[s][day].minutes + 1e-9 >= short]
            if not drops:
                continue
            drop = min(drops, key=lambda s: (_DROP_ORDER[layout[s][day].ex.category],
                                             layout[s][day].minutes, s.need.id))
            gone = layout[drop][day]
            dose = dose_words(nxt.dose.sets, nxt.dose.reps, nxt.dose.seconds,
                              nxt.ex.per_side, nxt.load)
            return (f"A trade: drop {gone.ex.name} on {DAY_NAMES[day]} (it frees "
                    f"{gone.minutes:g} min) and {_who(slot, current)} moves on to "
                    f"{nxt.ex.name} {dose}.")
    return None
