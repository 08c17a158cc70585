"""Words the seed thread used, said where the person reads them (issue 18, item 2).

The advice our first user got was to learn the good morning "starting really light": every
week with hinge work names the good morning, and a patterning step says how far it is from
it.
"""

from __future__ import annotations

from collections.abc import Iterable

from corecoach.planner.slots import Placed, Slot, is_good_morning


def hinge_note(slots: Iterable[Slot], placed: dict[Slot, list[Placed]]) -> str | None:
    """"Wall hinge is step 1 toward the good morning ..." for the week's hinge patterning
    step, or None when the week has none (its hinge already is a good morning)."""
    for slot in slots:
        if not is_good_morning(slot) or not placed.get(slot):
            continue
        steps = sorted({p.ex.id: p.ex for p in placed[slot]}.values(),
                       key=lambda ex: slot.chain_index.get(ex.id, 0))
        if any(ex.id.startswith("good-morning") for ex in steps):
            return None
        ex = steps[-1]
        index = slot.chain_index.get(ex.id, 0) + 1
        ahead = [s for s in slot.steps if s.id.startswith("good-morning")
                 and slot.chain_index.get(s.id, 0) + 1 > index]
        if "hinge-pattern" in ex.tags:
            # Without a good morning ahead (a flare), the flare rule's own note says it.
            if not ahead:
                return None
            step = slot.chain_index.get(ahead[0].id, 0) + 1
            return (f"{ex.name} is step {index} toward the good morning, which comes at "
                    f"step {step} once the pattern is easy and symptom-free.")
        bell = any("kettlebell" in r for r in ex.equipment)
        return (f"{ex.name} is step {index} of the hip hinge and good morning progression, "
                "the same hip hinge as the good morning with the load held low"
                + (" (a light bell: 8-12 kg to start)." if bell else "."))
    return None
