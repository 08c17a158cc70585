"""The week as one printable HTML page: a tick-box grid to pin on the fridge.

One self-contained file (inline CSS; no scripts, web fonts or anything from the network)
that prints on one landscape A4 or Letter page. Rows are the week's exercises, each with
its dose and first cue; columns are the seven days, headed by the person's own training;
a box in a cell means "do it that day". Reasons and notes share the room left under the
grid: whatever does not fit is named or counted and pointed to `corecoach explain`, never
dropped silently. Small plans get larger type, so the sheet stays readable from a distance.
A plan too big for one sheet even at 8 pt folds: first the cues go, from the last row up
(the terminal plan and `corecoach show` have them), then the last rows, which are named
under the grid. The page is
laid out with the same estimate (:class:`Fit`, :func:`layout`) that tests measure it by.
"""

from __future__ import annotations

import math
import unicodedata
from collections import Counter
from dataclasses import dataclass
from html import escape
from itertools import pairwise

from corecoach.plan import Plan, PlanDay, PlanItem, format_dose
from corecoach.render.common import (
    adapted_lines,
    date_range,
    day_title,
    left_out_line,
    plan_title,
    session_cell,
)
from corecoach.safety import Withheld
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

CSS = """\
@page { size: landscape; margin: 6mm; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; color: #000; background: #fff; font-size: 8pt; line-height: 1.15;
  font-family: Arial, "Liberation Sans", Arimo, Helvetica, "Nimbus Sans", sans-serif; }
main { max-width: 285mm; margin: 0 auto; padding: 6mm 4mm; }
header.top { display: flex; justify-content: space-between; align-items: flex-end; gap: 6mm;
  border-bottom: 1.5pt solid #000; padding-bottom: 0.8mm; margin-bottom: 1.6mm; }
.who { display: flex; flex-wrap: wrap; align-items: baseline; column-gap: 5mm; }
h1 { font-size: 2em; line-height: 1.1; margin: 0; }
.when { margin: 0; font-size: 1.375em; }
.deload { margin: 0; border: 1.2pt solid #000; border-radius: 2pt; padding: 0 1.4mm;
  font-weight: bold; font-size: 1.125em; align-self: center; }
p.disclaimer { margin: 0; flex: 0 1 42%; text-align: right; font-style: italic; }
p.alert { margin: 0 0 1.2mm; border: 1.2pt solid #000; padding: 0.4mm 1.4mm; }
table.week { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.week th, table.week td { border: 0.6pt solid #777; padding: 0.3mm 1.1mm;
  vertical-align: top; text-align: left; }
table.week thead th, table.week thead td, table.week tfoot th, table.week tfoot td {
  background: #e9e9e9; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
table.week thead tr:last-child > *, table.week th.corner { border-bottom: 1.5pt solid #000; }
table.week tfoot th, table.week tfoot td { border-top: 1.5pt solid #000; }
th.corner { vertical-align: bottom; }
th.corner .hint { display: block; font-weight: normal; font-style: italic;
  margin-bottom: 1.2mm; }
th.day .name { display: block; font-size: 1.125em; }
th.day .date { display: block; font-weight: normal; }
td.own { font-style: italic; }
td.own .s { display: block; }
td.total { font-weight: bold; }
td.total.rest { font-weight: normal; font-style: italic; }
tfoot th { font-weight: normal; text-align: right; }
td.pain { white-space: nowrap; }
td.pain .blank { display: inline-block; width: 2.2em; border-bottom: 0.8pt solid #000; }
tbody tr { break-inside: avoid; page-break-inside: avoid; }
tbody tr:nth-child(even) td { background: #f4f4f4;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
td.ex .name { font-weight: bold; font-size: 1.125em; }
td.ex .caution { font-style: italic; }
td.ex .cat { display: inline-block; line-height: 1; font-style: italic;
  border: 0.5pt solid #555; border-radius: 2pt; padding: 0 0.7mm; margin: 0 0.8mm; }
td.dose { font-weight: bold; }
p.folded { margin: 0.8mm 0 0; font-style: italic; }
td.day { white-space: nowrap; }
td.day.rest, tbody tr:nth-child(even) td.day.rest,
table.week thead th.day.rest, table.week tfoot td.rest {
  background: repeating-linear-gradient(135deg, #fff 0 1.6mm, #dcdcdc 1.6mm 2.1mm);
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.box { display: inline-block; width: 1.17em; height: 1.17em; border: 1pt solid #000;
  border-radius: 0.6pt; background: #fff; vertical-align: -0.2em; }
.tm, .other { white-space: normal; }
.other { font-weight: bold; }
section.more { columns: 3; column-gap: 5mm; column-rule: 0.5pt solid #999;
  margin-top: 2mm; }
section.more h2 { font-size: 1.125em; margin: 0 0 0.5mm; text-transform: uppercase;
  letter-spacing: 0.06em; break-after: avoid; }
section.more ul { list-style: none; margin: 0 0 1.4mm; padding: 0; }
section.more li { break-inside: avoid; page-break-inside: avoid; margin: 0 0 0.4mm;
  padding-left: 0.9em; text-indent: -0.9em; }
section.more li::before { content: "\\2013\\00a0"; }
section.more li.rule { padding-left: 0; text-indent: 0; }
section.more li.rule::before { content: none; }
section.more .more-hint { font-style: italic; margin: 0 0 1.4mm; break-inside: avoid; }
code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 1em;
  font-style: normal; }
@media print {
  main { max-width: none; padding: 0; }
  thead { display: table-header-group; }
}
@media screen and (max-width: 700px) {
  main { padding: 3mm; }
  section.more { columns: 1; }
  header.top { flex-direction: column; align-items: flex-start; gap: 1.5mm; }
  p.disclaimer { text-align: left; }
}
/* A phone: the grid keeps the width its seven day columns need (7.08em holds a bold
   "Wednesday" at 1.125em and the cell padding, so no day name runs into the next) and
   scrolls sideways inside its own frame, with the exercise column pinned at the left. */
@media screen and (max-width: 820px) {
  div.grid { overflow-x: auto; -webkit-overflow-scrolling: touch; }
  table.week { width: 70em; }
  main table.week col.exercise { width: 14.6em; }
  main table.week col.dose { width: 5.8em; }
  main table.week col.d { width: 7.08em; }
  table.week td.ex, table.week th.corner:first-child { position: sticky; left: 0;
    z-index: 1; background: #fff; box-shadow: 1px 0 0 #777; }
  table.week thead th.corner:first-child { background: #e9e9e9; }
  tbody tr:nth-child(even) td.ex { background: #f4f4f4; }
}
"""


@dataclass(frozen=True)
class _Row:
    """One exercise of the week and, per day, its item when it is scheduled that day."""

    item: PlanItem  # the first occurrence: name, category, cue
    dose: str  # the dose on most of its days
    cells: list[PlanItem | None]


def _row_order(plan: Plan) -> list[str]:
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


def _rows(plan: Plan) -> list[_Row]:
    by_day: list[dict[str, PlanItem]] = []
    for day in plan.days:
        seen: dict[str, PlanItem] = {}
        for item in day.items:
            seen.setdefault(item.exercise, item)
        by_day.append(seen)
    rows: list[_Row] = []
    for ex in _row_order(plan):
        cells = [items.get(ex) for items in by_day]
        present = [c for c in cells if c is not None]
        doses = Counter(format_dose(c) for c in present)
        top = max(doses.values())
        dose = next(format_dose(c) for c in present if doses[format_dose(c)] == top)
        rows.append(_Row(item=present[0], dose=dose, cells=cells))
    return rows


def _when(item: PlanItem, day: PlanDay) -> str:
    """``before`` when the column's only sport is the one named, else the full timing."""
    if not item.timing:
        return ""
    word, _, sport = item.timing.partition(" ")
    if {s.sport for s in day.sessions} == {sport}:
        return word
    return item.timing


def _has_own(plan: Plan) -> bool:
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


def row_cautions(rows: list[_Row]) -> list[str]:
    """Each row's stop rule, said once on the sheet: a rule an earlier row already shows
    (\"Stop if pain ... spreads into the leg\") is not repeated."""
    seen: set[str] = set()
    out: list[str] = []
    for row in rows:
        text = row.item.caution
        out.append("" if text in seen else text)
        seen.add(text)
    return out


def folded_line(plan: Plan, hidden: list[_Row]) -> str:
    """The line under the grid that names the rows that did not fit on the sheet."""
    if not hidden:
        return ""
    names = "; ".join(f"{row.item.name} ({row.dose}, "
                      + ", ".join(DAY_NAMES[d.day][:3] for c, d in zip(row.cells, plan.days,
                                                                        strict=True) if c)
                      + ")" for row in hidden)
    return (f"Not on this sheet: {count(len(hidden), 'more exercise')}: {names}. "
            "corecoach plan shows the whole week.")


def _shares(pt: float) -> tuple[float, float, float]:
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


def _words(text: str, scale: float = 1.0) -> Words:
    """Words of ``text``, each with how much wider than body text it is set."""
    return [(word, scale) for word in text.split()]


@dataclass(frozen=True)
class _Page:
    """One paper size at one type size: wraps text and adds up heights, in mm."""

    width: float
    height: float
    pt: float

    @property
    def char(self) -> float:
        return CHAR_MM * self.pt / 8

    @property
    def line(self) -> float:
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
        name = _words(plan.name or "Your week", 2.2)  # bold, twice the size
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
        disclaimer = self.lines(_words(plan.disclaimer), right) * self.line
        alerts = sum(self.lines(_words("Read first: " + a, 1.05), self.width) * self.line + 1.2
                     for a in plan.alerts)
        return HEADER_RULE_MM + max(title, disclaimer) + alerts

    def grid(self, plan: Plan, rows: list[_Row], fit: Fit | None = None) -> float:
        """Height of the page's header and the table (the rows ``fit`` shows, and the line
        naming the others)."""
        cues = len(rows) if fit is None else fit.cues
        shown = rows if fit is None else rows[:fit.rows]
        cautions = row_cautions(rows)
        height = self.header(plan)
        ex_share, dose_share, day_share = _shares(self.pt)
        day_mm = self.width * day_share - CELL_PAD_MM
        height += self.line * (NAME_SCALE + 1) + ROW_PAD_MM  # day names and dates
        if _has_own(plan):
            own = max(sum(self.lines(_words(session_cell(s)), day_mm) for s in day.sessions)
                      for day in plan.days)
            height += max(own, 1) * self.line + ROW_PAD_MM
        height += self.line + ROW_PAD_MM + 0.6  # the minutes under the table
        height += self.line * 1.2 + ROW_PAD_MM  # the row to note back pain
        ex_mm = self.width * ex_share - CELL_PAD_MM
        dose_mm = self.width * dose_share - CELL_PAD_MM
        for n, row in enumerate(shown):
            item = row.item
            tag = ("m" * (len(item.category) + 2), 1.0)
            cue = _words(item.cue) if n < cues else []
            if fit is None or fit.caution_shown(n):
                cue += _words(cautions[n])
            lines = [
                self.lines([*_words(item.name, 1.25), tag, *cue], ex_mm),
                self.lines(_words(row.dose, 1.1), dose_mm),
            ]
            for cell, day in zip(row.cells, plan.days, strict=True):
                if cell is not None:
                    other = format_dose(cell) if format_dose(cell) != row.dose else ""
                    words = [("mm", 1.0), *_words(_when(cell, day)), *_words(other, 1.1)]
                    lines.append(self.lines(words, day_mm))
            height += self.line * (NAME_SCALE + max(lines) - 1) + ROW_PAD_MM
        if not shown:
            height += self.line + ROW_PAD_MM
        fold = folded_line(plan, rows[len(shown):])
        if fold:
            height += self.lines(_words(fold), self.width) * self.line + 0.8
        return height

    def footer(self, plan: Plan, n_rules: int, n_notes: int) -> list[float]:
        """Heights of the footer's blocks that may not split between columns."""
        col = (self.width - (FOOTER_COLUMNS - 1) * FOOTER_GAP_MM) / FOOTER_COLUMNS
        indent = 0.9 * self.char
        heading = self.line * NAME_SCALE + 0.6
        out: list[float] = []
        if plan.adapted:
            items = [self.lines(_words(line), col - indent) * self.line + 0.4
                     for line in adapted_lines(plan)]
            items[-1] += 1.4
            out += [heading + items[0], *items[1:]]
        if plan.left_out:  # always shown: what is missing is never hidden
            items = [self.lines(_words(left_out_line(lo)), col - indent) * self.line + 0.4
                     for lo in plan.left_out]
            items[-1] += 1.4
            out += [heading + items[0], *items[1:]]
        if plan.rules:
            items = [self.lines([*_words(r.id + ":", 1.1), *_words(r.because)], col)
                     * self.line + 0.4 for r in plan.rules[:n_rules]]
            rest = " ".join(r.id + "," for r in plan.rules[n_rules:])
            if rest:
                hint = _words(f"Also: {rest} corecoach explain says why.", 1.05)
                items.append(self.lines(hint, col) * self.line)
            items[-1] += 1.4
            out += [heading + items[0], *items[1:]]
        if plan.notes:
            items = [self.lines(_words(note), col - indent) * self.line + 0.4
                     for note in plan.notes[:n_notes]]
            if n_notes < len(plan.notes):
                items.append(self.line)
            items[-1] += 1.4
            out += [heading + items[0], *items[1:]]
        return out

    def fits(self, plan: Plan, rows: list[_Row], fit: Fit) -> bool:
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


def fits_every_sheet(plan: Plan, rows: list[_Row], fit: Fit) -> bool:
    """Does ``fit`` hold on landscape Letter and landscape A4, by the layout's estimate?"""
    return all(_Page(w, h, fit.pt).fits(plan, rows, fit) for w, h in PAGES_MM)


def layout(plan: Plan, rows: list[_Row]) -> Fit:
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


# -- HTML -------------------------------------------------------------------------------


def _e(text: str) -> str:
    return escape(text, quote=True)


def _header(plan: Plan) -> list[str]:
    when = f"<strong>Week {plan.week} of {plan.weeks}</strong>"
    if date_range(plan):
        when += f" &middot; {_e(date_range(plan))}"
    deload = f'<p class="deload">{DELOAD}</p>' if plan.deload else ""
    alerts = [f'<p class="alert" role="alert"><strong>Read first:</strong> {_e(a)}</p>'
              for a in plan.alerts]
    return [
        '<header class="top">',
        f'<div class="who"><h1>{_e(plan.name or "Your week")}</h1>'
        f'<p class="when">{when}</p>{deload}</div>',
        f'<p class="disclaimer">{_e(plan.disclaimer)}</p>',
        "</header>",
        *alerts,
    ]


def _day_head(day: PlanDay) -> str:
    name, _, date = day_title(day).partition(" ")
    date_html = f' <span class="date">{_e(date)}</span>' if date else ""
    cls = "day" if day.items else "day rest"
    return (f'<th scope="col" class="{cls}"><span class="name">{_e(name)}</span>'
            f"{date_html}</th>")


def _own(day: PlanDay) -> str:
    own = " ".join(f'<span class="s">{_e(session_cell(s))}</span>' for s in day.sessions)
    return f'<td class="own">{own or "&ndash;"}</td>'


def _total(day: PlanDay) -> str:
    if not day.items:
        rest = "rest day" if not day.sessions else "none today"
        return f'<td class="total rest">{rest}</td>'
    return f'<td class="total">~{day.minutes} min</td>'


def _cell(row: _Row, item: PlanItem | None, day: PlanDay) -> str:
    if not day.items:
        return '<td class="day rest"></td>'
    if item is None:
        return '<td class="day"></td>'
    parts = ['<span class="box" role="img" aria-label="to do"></span>']
    dose = format_dose(item)
    if dose != row.dose:
        parts.append(f' <span class="other">{_e(dose)}</span>')
    when = _when(item, day)
    if when:
        parts.append(f' <span class="tm">{_e(when)}</span>')
    return f'<td class="day">{"".join(parts)}</td>'


def _grid(plan: Plan, rows: list[_Row], fit: Fit) -> list[str]:
    own = _has_own(plan)
    span = ' rowspan="2"' if own else ""
    limit = f", up to {plan.session_minutes} min a day" if plan.session_minutes else ""
    out = [
        '<div class="grid">',
        '<table class="week">',
        '<colgroup><col class="exercise"><col class="dose">'
        + '<col class="d">' * len(plan.days) + "</colgroup>",
        "<thead><tr>",
        f'<th scope="col" class="corner"{span}><span class="hint">corecoach{limit}: '
        "tick a box when it is done.</span> Exercise and how to do it</th>",
        f'<th scope="col" class="corner"{span}>Dose</th>',
        *(_day_head(day) for day in plan.days),
        "</tr>",
    ]
    if own:
        out += ["<tr>", *(_own(day) for day in plan.days), "</tr>"]
    out += ["</thead>", "<tbody>"]
    cautions = row_cautions(rows)
    for n, row in enumerate(rows[:fit.rows]):
        item = row.item
        cue = f' <span class="cue">{_e(item.cue)}</span>' if item.cue and n < fit.cues else ""
        if cautions[n] and fit.caution_shown(n):  # the stop rule (issue 18, item 7)
            cue += f' <span class="caution">{_e(cautions[n])}</span>'
        out.append(
            "<tr>"
            f'<td class="ex"><span class="name">{_e(item.name)}</span>'
            f'<span class="cat">{_e(item.category)}</span>{cue}</td>'
            f'<td class="dose">{_e(row.dose)}</td>'
            + "".join(_cell(row, c, d) for c, d in zip(row.cells, plan.days, strict=True))
            + "</tr>"
        )
    if not rows:
        out.append(f'<tr><td colspan="{2 + len(plan.days)}">No corecoach exercises this '
                   "week.</td></tr>")
    out += [
        "</tbody>",
        '<tfoot><tr><th scope="row" colspan="2">corecoach time, about</th>',
        *(_total(day) for day in plan.days),
        "</tr>",
        # A paper log: the day's back pain, to type in later with corecoach check-in.
        '<tr><th scope="row" colspan="2">Back pain today, 0-10</th>',
        *('<td class="pain"><span class="blank"></span>/10</td>' for _ in plan.days),
        "</tr></tfoot>",
        "</table>",
        "</div>",
    ]
    fold = folded_line(plan, rows[fit.rows:])
    if fold:
        out.append(f'<p class="folded">{_e(fold)}</p>')
    return out


def _more(plan: Plan, n_rules: int, n_notes: int) -> list[str]:
    out = ['<section class="more">']
    if plan.adapted:
        out += ["<h2>Adapted</h2>", "<ul>"]
        out += [f"<li>{_e(line)}</li>" for line in adapted_lines(plan)]
        out.append("</ul>")
    if plan.left_out:
        out.append("<h2>Left out this week</h2>")
        out.append("<ul>")
        out += [f'<li class="left-out">{_e(left_out_line(lo))}</li>' for lo in plan.left_out]
        out.append("</ul>")
    if plan.rules:
        out.append("<h2>Why this plan</h2>")
        if n_rules:
            out.append("<ul>")
            out += [f'<li class="rule"><strong>{_e(r.id)}</strong>: {_e(r.because)}</li>'
                    for r in plan.rules[:n_rules]]
            out.append("</ul>")
        rest = plan.rules[n_rules:]
        if rest:
            ids = ", ".join(_e(r.id) for r in rest)
            out.append(f'<p class="more-hint">{"Also" if n_rules else "Rules"}: {ids}. '
                       "<code>corecoach explain</code> says why.</p>")
    if plan.notes:
        out.append("<h2>Notes</h2>")
        if n_notes:
            out.append("<ul>")
            out += [f"<li>{_e(note)}</li>" for note in plan.notes[:n_notes]]
            out.append("</ul>")
        hidden = len(plan.notes) - n_notes
        if hidden:
            more = count(hidden, "more note" if n_notes else "note")
            out.append(f'<p class="more-hint">{more} in <code>corecoach explain</code>.</p>')
    out.append("</section>")
    return out


def _sizes(pt: float) -> str:
    """The CSS that depends on the type size chosen."""
    ex, dose, day = (f"{share * 100:.1f}%" for share in _shares(pt))
    return (f"body {{ font-size: {pt:g}pt; }}\n"
            f"table.week col.exercise {{ width: {ex}; }}\n"
            f"table.week col.dose {{ width: {dose}; }}\n"
            f"table.week col.d {{ width: {day}; }}\n")


def render_html(plan: Plan) -> str:
    """The week as one self-contained HTML page that prints on one landscape sheet."""
    rows = _rows(plan)
    fit = layout(plan, rows)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="corecoach {_e(plan.corecoach)}">',
        f"<title>{_e(plan_title(plan))}</title>",
        f"<style>\n{CSS}{_sizes(fit.pt)}</style>",
        "</head>",
        "<body>",
        "<main>",
        *_header(plan),
        *_grid(plan, rows, fit),
        *_more(plan, fit.rules, fit.notes),
        "</main>",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(out)


def render_withheld_html(withheld: Withheld) -> str:
    """A small page that says why there is no plan and what to do instead."""
    title = "Stop: get care first" if withheld.urgent else "Plan withheld for your safety"
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>corecoach: {_e(title)}</title>\n"
        "<style>body{font-family:Arial,Helvetica,sans-serif;max-width:40em;margin:2em auto;"
        "line-height:1.4}h1{font-size:1.5em}.advice{font-weight:bold;border:2px solid #000;"
        "padding:.75em}</style>\n</head>\n<body>\n"
        f"<h1>{_e(title)}</h1>\n<p>{_e(withheld.reason)}</p>\n"
        f"<p class=\"advice\">{_e(withheld.advice)}</p>\n</body>\n</html>\n"
    )
