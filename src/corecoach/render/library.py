"""Library views: the exercise list, one exercise, and check's counts."""

from __future__ import annotations

import json
from collections import Counter

from corecoach.library.catalog import Catalog
from corecoach.library.models import Dose, Exercise
from corecoach.render.common import escape_controls
from corecoach.render.terminal import Terminal, fit_encoding, wrap_text
from corecoach.vocab import CATEGORIES
from corecoach.words import count


def dose_text(ex: Exercise, dose: Dose) -> str:
    """One rung in shorthand: ``3 sets 6-4-2 x 10 s``."""
    if dose.reps is None:
        core = f"{dose.sets} x {dose.seconds} s" if dose.sets > 1 else f"{dose.seconds} s"
    else:
        reps = ("-".join(map(str, dose.reps)) if isinstance(dose.reps, tuple)
                else f"{dose.sets} x {dose.reps}")
        core = reps + (f" x {dose.seconds} s" if dose.seconds else "")
    return core + (" each side" if ex.per_side else "")


def render_exercise_list(found: list[Exercise], fmt: str,
                         terminal: Terminal | None = None) -> str:
    """A table (text) or ``{"format": 1, "exercises": [...]}`` (json).

    With a ``terminal`` the names wrap under their own column (or, when even that column
    has too little room, lines are left long rather than cut).
    """
    if fmt == "json":
        rows = [{"id": e.id, "name": e.name, "category": e.category, "level": e.level,
                 "equipment": list(e.equipment), "unit": e.unit, "per_side": e.per_side,
                 "tags": list(e.tags)} for e in found]
        from corecoach.output_schemas import OUTPUT_FORMAT

        data = {"format": OUTPUT_FORMAT, "exercises": rows}
        return json.dumps(data, indent=2) + "\n"
    width = max((len(e.id) for e in found), default=2)
    kit = {e.id: ",".join(e.equipment) or "-" for e in found}
    kit_width = max([len("equipment"), *(len(k) for k in kit.values())])
    name_at = width + 2 + 11 + 1 + 3 + 2 + kit_width + 2
    room = (terminal.width - name_at) if terminal is not None else 0
    if terminal is not None and room < 12:
        # Too narrow for the table: each exercise on its own lines.
        lines = []
        for e in found:
            lines.append(f"{e.id} ({e.category}, level {e.level}, equipment: {kit[e.id]})")
            lines.append(f"  {e.name}")
        lines.append(count(len(found), "exercise"))
        return wrap_text(escape_controls("\n".join(lines) + "\n", keep="\t\n"), terminal)
    lines = [f"{'id':<{width}}  {'category':<11} lvl  {'equipment':<{kit_width}}  name"]
    for e in found:
        start = (f"{e.id:<{width}}  {e.category:<11} {e.level:>3}  "
                 f"{kit[e.id]:<{kit_width}}  ")
        if terminal is not None and len(e.name) > room:
            import textwrap

            parts = textwrap.wrap(e.name, room)
            lines.append(start + parts[0])
            lines += [" " * name_at + part for part in parts[1:]]
        else:
            lines.append(start + e.name)
    lines.append(count(len(found), "exercise"))
    text = escape_controls("\n".join(lines) + "\n", keep="\t\n")
    return fit_encoding(text, terminal.encoding) if terminal is not None else text


def render_exercise(ex: Exercise, catalog: Catalog, terminal: Terminal | None = None) -> str:
    """Everything about one exercise, for `corecoach show`, wrapped to ``terminal``."""
    easier, harder = catalog.neighbours(ex.id)
    out = [f"{ex.name} ({ex.id})",
           f"{ex.category}, level {ex.level}; equipment: {', '.join(ex.equipment) or 'none'}"]
    if ex.targets:
        out.append(f"targets: {', '.join(ex.targets)}")
    out += ["", "How:"] + [f"  - {c}" for c in ex.cues]
    out += ["", "Dose ladder (entry first):"]
    out += [f"  {i}. {dose_text(ex, d)}" for i, d in enumerate(ex.ladder, 1)]
    if ex.load is not None:
        out.append(f"  load: from {ex.load.start_kg:g} kg, adding {ex.load.step_kg:g} kg "
                   "(never more than 10 %) once the top rung is clean twice")
    chains = [c.id for c in catalog.chains_with(ex.id)]
    if chains:
        out += ["", f"Chain: {', '.join(chains)}"]
    out.append(f"  easier: {', '.join(easier) or '-'}")
    out.append(f"  harder: {', '.join(harder) or '-'}")
    if ex.cautions:
        out += ["", "Cautions:"] + [f"  - {c.text}" for c in ex.cautions]
    out += ["", "Stop if pain travels into a leg, if you feel tingling or numbness, or if pain "
            "clearly increases."]
    if ex.source:
        out.append(f"Source: {ex.source}")
    # Each line is built from one-line values; an escape in a cue or caution stays visible.
    text = "\n".join(escape_controls(line) for line in out) + "\n"
    return wrap_text(text, terminal) if terminal is not None else text


def render_counts(catalog: Catalog) -> str:
    """`corecoach check` on a clean library: counts per category, chains and rules."""
    counts = Counter(e.category for e in catalog.exercises.values())
    per = ", ".join(f"{c} {counts.get(c, 0)}" for c in CATEGORIES)
    return (f"ok: {count(len(catalog.exercises), 'exercise')} ({per}), "
            f"{count(len(catalog.chains), 'chain')}, {count(len(catalog.rules), 'rule')}, "
            f"{count(len(catalog.adapt), 'journal rule')}\n")
