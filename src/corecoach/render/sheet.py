"""The week as a printable sheet: its rows, and an estimate of what fits one page.

A row is one exercise of the week with its dose and, per day, its item. The estimate
(:class:`Fit`, :func:`layout`) wraps text with Arial's average widths and adds up heights
in millimetres, for landscape A4 and Letter; corecoach.render.html lays the page out by it,
and the tests measure the printed page against it.
"""

from __future__ import annotations

import math
import unicodedata
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from corecoach.plan import Plan, PlanDay, PlanItem, format_dose
from corecoach.render.common import adapted_lines, date_range, left_out_line, session_cell
from corecoach.vocab import DAY_NAMES
from corecoach.words import count

#: Body text sizes tried, largest first; the first that fits the whole plan wins, and the
#: smallest (never below 8 pt) takes as many reasons and notes as fit.
SIZES_PT = (10.0, 9.0, 8.0)

# Layout estimate, in millimetres at 8 pt (sizes scale with the type). The page must fit
# landscape Letter (the narrower sheet) and landscape A4 (the shorter one) within 6 mm
# margins. Widths are those of Arial and its metric twins (Liberation Sans, Helvetica):
# 8 pt text averages 1.23 mm a character; the estimate assumes a little more.
PAGES_MM = ((279.4 - 12, 215.9 - 12), (297.0 - 12, 210.0 - 12))
CHAR_MM = 1.32
LINE_MM = 8 * 1.15 * 25.4 / 72  # a line of 8 pt text at line-height 1.15
NAME_SCALE = 1.125  # names and headings are set 1.125 times larger than body text
CELL_PAD_MM = 2.4  # left and right padding of a table cell, with its borders
ROW_PAD_MM = 1.0  # top and bottom padding of a table row, with its border
HEADER_RULE_MM = 3.2  # the rule under the page's header and the space below it
DISCLAIMER_SHARE = 0.42  # of the page's width, at the header's right
DOSE_SHARE, DAY_SHARE = 0.10, 0.078  # of the table's width; the exercises get the rest
DAY_NAME_EM = 5.6  # "Wednesday", the widest day name, in bold Arial
FOOTER_COLUMNS, FOOTER_GAP_MM = 3, 5.0
#: A full-width (CJK) character is about 1 em wide, 2.2 times the average Arial character
#: that CHAR_MM stands for.
WIDE_CHARS = 2.2
#: Reasons given with their "because" before any note takes the room.
MAIN_REASONS = 3
#: Room kept free at the foot of the sheet, in mm, for the estimate's errors.
MARGIN_MM = 4.0
DELOAD = "Deload week: lighter on purpose"


# -- the rows ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One exercise of the week and, per day, its item when it is scheduled that day."""

    item: PlanItem  # the first occurrence: name, category, cue
    dose: str  # the dose on most of its days
    cells: list[PlanItem | None]


def row_order(plan: Plan) -> list[str]:
    """Exercise ids in an order that keeps each day's own order as far as possible.

    Reading down any column then gives that day's session in sequence (warm-up first,
    stretches after the sport last). Ties, and conflicts between days, go to the exercise
    that sits earlier in its days on average.
    """
    first: dict[str, tuple[int, int]] = {}
    places: dict[str, list[float]] = {}
    before: dict[str, set[str]] = {}
    for d, day in enumerate(plan.days):
        ids = [item.exercise for item in day.items]
        for p, ex in enumerate(ids):
            first.setdefault(ex, (d, p))
            places.setdefault(ex, []).append(p / len(ids))
            before.setdefault(ex, set())
        for a, b in pairwise(ids):
            if a != b:
                before[b].add(a)

    def key(ex: str) -> tuple[float, tuple[int, int], str]:
        return (sum(places[ex]) / len(places[ex]), first[ex], ex)

    order: list[str] = []
    left = set(first)
    while left:
        ready = [ex for ex in left if not before[ex] & left]
        chosen = min(ready or left, key=key)
        order.append(chosen)
        left.remove(chosen)
    return order


def rows_of(plan: Plan) -> list[Row]:
    """The sheet's rows in :func:`row_order`, each at the dose of most of its days."""
    by_day: list[dict[str, PlanItem]] = []
    for day in plan.days:
        seen: dict[str, PlanItem] = {}
        for item in day.items:
            seen.setdefault(item.exercise, item)
        by_day.append(seen)
    rows: list[Row] = []
    for ex in row_order(plan):
        cells = [items.get(ex) for items in by_day]
        present = [c for c in cells if c is not None]
        doses = Counter(format_dose(c) for c in present)
        top = max(doses.values())
        dose = next(format_dose(c) for c in present if doses[format_dose(c)] == top)
        rows.append(Row(item=present[0], dose=dose, cells=cells))
    return rows


def when_on(item: PlanItem, day: PlanDay) -> str:
    """``before`` when the column's only sport is the one named, else the full timing."""
    if not item.timing:
        return ""
    word, _, sport = item.timing.partition(" ")
    if {s.sport for s in day.sessions} == {sport}:
        return word
    return item.timing


def has_own_training(plan: Plan) -> bool:
    """Does any day hold the person's own training (a row of its own under the days)?"""
    return any(day.sessions for day in plan.days)


# -- estimating what fits ---------------------------------------------------------------


@dataclass(frozen=True)
class Fit:
    """How the page is laid out: type size, and how much of each part shows.

    The first ``rows`` grid rows are shown (the rest are named under the grid), the first
    ``cues`` of them with their cue; then ``rules`` reasons with their because and
    ``notes`` notes. What is not shown is counted.
    """

    pt: float
    cues: int
    rows: int
    rules: int
    notes: int
    #: The first ``cautions`` rows (of those with a cue) show their stop rule; None: all.
    cautions: int | None = None

    def caution_shown(self, n: int) -> bool:
        """Does row ``n`` show its stop rule? Stop rules fold before cues."""
        return n < self.cues and (self.cautions is None or n < self.cautions)


def row_cautions(rows: list[Row]) -> list[str]:
    """Each row's stop rule, said once on the sheet: a rule an earlier row already shows
    (\"Stop if pain ... spreads into the leg\") is not repeated."""
    seen: set[str] = set()
    out: list[str] = []
    for row in rows:
        text = row.item.caution
        out.append("" if text in seen else text)
        seen.add(text)
    return out


def folded_line(plan: Plan, hidden: list[Row]) -> str:
    """The line under the grid that names the rows that did not fit on the sheet."""
    if not hidden:
        return ""
    names = "; ".join(f"{row.item.name} ({row.dose}, "
                      + ", ".join(DAY_NAMES[d.day][:3] for c, d in zip(row.cells, plan.days,
                                                                        strict=True) if c)
                      + ")" for row in hidden)
    return (f"Not on this sheet: {count(len(hidden), 'more exercise')}: {names}. "
            "corecoach plan shows the whole week.")


def column_shares(pt: float) -> tuple[float, float, float]:
    """Widths of the exercise, dose and each day column, as shares of the table.

    A day column is at least as wide as "Wednesday" on the narrowest page.
    """
    name_mm = DAY_NAME_EM * NAME_SCALE * pt * 25.4 / 72 + CELL_PAD_MM + 0.6
    day = max(DAY_SHARE, name_mm / min(w for w, _ in PAGES_MM))
    return 1 - DOSE_SHARE - 7 * day, DOSE_SHARE, day


Words = list[tuple[str, float]]


def text_width(text: str) -> float:
    """``text``'s width in average characters: full-width (CJK) characters count as wide.

    Uses the Unicode East Asian Width property (W and F are wide); combining marks take no
    room of their own.
    """
    width = 0.0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += WIDE_CHARS if unicodedata.east_asian_width(char) in "WF" else 1.0
    return width


def words_of(text: str, scale: float = 1.0) -> Words:
    """Words of ``text``, each with how much wider than body text it is set."""
    return [(word, scale) for word in text.split()]


@dataclass(frozen=True)
class Page:
    """One paper size at one type size: wraps text and adds up heights, in mm."""

    width: float
    height: float
    pt: float

    @property
    def char(self) -> float:
        """The average character's width, in mm."""
        return CHAR_MM * self.pt / 8

    @property
    def line(self) -> float:
        """A line's height, in mm."""
        return LINE_MM * self.pt / 8

    def lines(self, words: Words, width: float) -> int:
        """Lines that ``words`` take, wrapped greedily in a box ``width`` mm wide."""
        count, used = 1, 0.0
        for word, scale in words:
            size = text_width(word) * self.char * scale
            if used and used + self.char + size > width:
                count, used = count + 1, size
            else:
                used += (self.char if used else 0.0) + size
            if used > width:
                # A word wider than the box (a CJK name has no spaces) breaks across lines.
                extra = math.ceil(used / width) - 1
                count, used = count + extra, used - extra * width
        return count

    def header(self, plan: Plan) -> float:
        """Height of the page's header: name, week and dates, deload badge, disclaimer."""
        right = self.width * DISCLAIMER_SHARE
        left = self.width - right - 6.0
        name = words_of(plan.name or "Your week", 2.2)  # bold, twice the size
        name_mm = (sum(text_width(w) for w, _ in name) + len(name)) * self.char * 2.2
        # (width, height) of each flex item, which wrap onto new lines as needed
        items = [(min(name_mm, left), self.lines(name, left) * self.line * 2.0)]
        when = f"Week {plan.week} of {plan.weeks} - {date_range(plan)}"
        items.append((text_width(when) * self.char * 1.45, self.line * 1.4))
        if plan.deload:
            items.append((len(DELOAD) * self.char * 1.3 + 4.0, self.line * 1.3))
        title, line_mm, line_h = 0.0, 0.0, 0.0
        for width, tall in items:
            if line_mm and line_mm + 5.0 + width > left:
                title, line_mm, line_h = title + line_h, 0.0, 0.0
            line_mm += (5.0 if line_mm else 0.0) + width
            line_h = max(line_h, tall)
        title += line_h
        disclaimer = self.lines(words_of(plan.disclaimer), right) * self.line
        alerts = sum(self.lines(words_of("Read first: " + a, 1.05), self.width) * self.line + 1.2
                     for a in plan.alerts)
        return HEADER_RULE_MM + max(title, disclaimer) + alerts

    def grid(self, plan: Plan, rows: list[Row], fit: Fit | None = None) -> float:
        """Height of the page's header and the table (the rows ``fit`` shows, and the line
        naming the others)."""
        cues = len(rows) if fit is None else fit.cues
        shown = rows if fit is None else rows[:fit.rows]
        cautions = row_cautions(rows)
        height = self.header(plan)
        ex_share, dose_share, day_share = column_shares(self.pt)
        day_mm = self.width * day_share - CELL_PAD_MM
        height += self.line * (NAME_SCALE + 1) + ROW_PAD_MM  # day names and dates
        if has_own_training(plan):
            own = max(sum(self.lines(words_of(session_cell(s)), day_mm) for s in day.sessions)
                      for day in plan.days)
            height += max(own, 1) * self.line + ROW_PAD_MM
        height += self.line + ROW_PAD_MM + 0.6  # the minutes under the table
        height += self.line * 1.2 + ROW_PAD_MM  # the row to note back pain
        ex_mm = self.width * ex_share - CELL_PAD_MM
        dose_mm = self.width * dose_share - CELL_PAD_MM
        for n, row in enumerate(shown):
            item = row.item
            tag = ("m" * (len(item.category) + 2), 1.0)
            cue = words_of(item.cue) if n < cues else []
            if fit is None or fit.caution_shown(n):
                cue += words_of(cautions[n])
            lines = [
                self.lines([*words_of(item.name, 1.25), tag, *cue], ex_mm),
                self.lines(words_of(row.dose, 1.1), dose_mm),
            ]
            for cell, day in zip(row.cells, plan.days, strict=True):
                if cell is not None:
                    other = format_dose(cell) if format_dose(cell) != row.dose else ""
                    words = [("mm", 1.0), *words_of(when_on(cell, day)), *words_of(other, 1.1)]
                    lines.append(self.lines(words, day_mm))
            height += self.line * (NAME_SCALE + max(lines) - 1) + ROW_PAD_MM
        if not shown:
            height += self.line + ROW_PAD_MM
        fold = folded_line(plan, rows[len(shown):])
        if fold:
            height += self.lines(words_of(fold), self.width) * self.line + 0.8
        return height

    def footer(self, plan: Plan, n_rules: int, n_notes: int) -> list[float]:
        """Heights of the footer's blocks that may not split between columns."""
        col = (self.width - (FOOTER_COLUMNS - 1) * FOOTER_GAP_MM) / FOOTER_COLUMNS
        indent = 0.9 * self.char
        heading = self.line * NAME_SCALE + 0.6
        out: list[float] = []
        if plan.adapted:
            items = [self.lines(words_of(line), col - indent) * self.line + 0.4
                     for line in adapted_lines(plan)]
            items[-1] += 1.4
            out += [heading + items[0], *items[1:]]
        if plan.left_out:  # always shown: what is missing is never hidden
            items = [self.lines(words_of(left_out_line(lo)), col - indent) * self.line + 0.4
                     for lo in plan.left_out]
            items[-1] += 1.4
            out += [heading + items[0], *items[1:]]
        if plan.rules:
            items = [self.lines([*words_of(r.id + ":", 1.1), *words_of(r.because)], col)
                     * self.line + 0.4 for r in plan.rules[:n_rules]]
            rest = " ".join(r.id + "," for r in plan.rules[n_rules:])
            if rest:
                hint = words_of(f"Also: {rest} corecoach explain says why.", 1.05)
                items.append(self.lines(hint, col) * self.line)
            items[-1] += 1.4
            out += [heading + items[0], *items[1:]]
        if plan.notes:
            items = [self.lines(words_of(note), col - indent) * self.line + 0.4
                     for note in plan.notes[:n_notes]]
            if n_notes < len(plan.notes):
                items.append(self.line)
            items[-1] += 1.4
            out += [heading + items[0], *items[1:]]
        return out

    def fits(self, plan: Plan, rows: list[Row], fit: Fit) -> bool:
        """Does the page hold the grid and the reasons and notes that ``fit`` shows?"""
        n_rules, n_notes = fit.rules, fit.notes
        room = self.height - self.grid(plan, rows, fit) - 2.0 - MARGIN_MM
        column, used = 1, 0.0
        for block in self.footer(plan, n_rules, n_notes):
            if used and used + block > room:
                column, used = column + 1, 0.0
            if block > room:
                return False
            used += block
        return room >= 0 and column <= FOOTER_COLUMNS


def fits_every_sheet(plan: Plan, rows: list[Row], fit: Fit) -> bool:
    """Does ``fit`` hold on landscape Letter and landscape A4, by the layout's estimate?"""
    return all(Page(w, h, fit.pt).fits(plan, rows, fit) for w, h in PAGES_MM)


def layout(plan: Plan, rows: list[Row]) -> Fit:
    """How to lay out the page so that it fits one sheet.

    The largest type that fits everything on every promised paper size wins. Otherwise, at
    the smallest size, the cues go from the last row up until the grid fits, then rows
    from the end (named under the grid); then the page takes the first few reasons, then
    the notes, then the other reasons, each cut to a prefix as room runs out.
    """
    n = len(rows)
    for pt in SIZES_PT[:-1]:
        everything = Fit(pt, n, n, len(plan.rules), len(plan.notes))
        if fits_every_sheet(plan, rows, everything):
            return everything
    pt = SIZES_PT[-1]
    # Stop rules fold first (from the last row up, until the main reasons fit too), then
    # cues, then rows.
    main = min(MAIN_REASONS, len(plan.rules))
    cautions = n
    while cautions and not fits_every_sheet(plan, rows, Fit(pt, n, n, main, 0, cautions)):
        cautions -= 1
    fit = Fit(pt, n, n, 0, 0, cautions)
    while fit.cues and not fits_every_sheet(plan, rows, fit):
        fit = Fit(pt, fit.cues - 1, n, 0, 0, 0)
    while fit.rows and not fits_every_sheet(plan, rows, fit):
        fit = Fit(pt, 0, fit.rows - 1, 0, 0, 0)
    order = [1] * min(MAIN_REASONS, len(plan.rules)) + [0] * len(plan.notes)
    order += [1] * (len(plan.rules) - min(MAIN_REASONS, len(plan.rules)))
    for is_rule in order:
        trial = Fit(pt, fit.cues, fit.rows, fit.rules + is_rule, fit.notes + 1 - is_rule,
                    fit.cautions)
        if not fits_every_sheet(plan, rows, trial):
            break
        fit = trial
    return fit
