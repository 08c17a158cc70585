"""The week as one printable HTML page: a tick-box grid to pin on the fridge.

One self-contained file (inline CSS, no scripts, fonts or anything from the network) that
prints on one landscape A4 or Letter page. Rows are the week's exercises, each with its
dose and first cue; columns are the seven days, each headed by the person's own training;
a box in a cell means "do it that day". Reasons and notes share what room is left: the
ones that do not fit are counted and pointed to `corecoach explain`, never dropped silently.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from html import escape

from corecoach.plan import Plan, PlanDay, PlanItem
from corecoach.render.common import date_range, day_title, format_dose, plan_title, session_text

# Layout budget, in millimetres. The page must fit landscape Letter (the narrower sheet)
# and landscape A4 (the shorter one), within 6 mm margins; Arial and its metric twins
# (Liberation Sans, Helvetica) set the widths.
PAGES_MM = ((279.4 - 12, 215.9 - 12), (297.0 - 12, 210.0 - 12))
LINE_MM = 8 * 1.15 * 25.4 / 72  # one line of 8 pt text at line-height 1.15
NAME_LINE_MM = 9 * 1.15 * 25.4 / 72  # the first line of a row holds a 9 pt name
CHAR_MM = 1.32  # average advance of a character of 8 pt Arial is 1.23 mm; a margin over it
CELL_PAD_MM = 2.4  # left and right padding of a table cell, with its borders
ROW_PAD_MM = 1.0  # top and bottom padding of a table row, with its border
HEADER_MM = 3.2  # below the page's header lines: its rule and the space under it
DISCLAIMER_SHARE = 0.42  # of the page's width, at the header's right
EXERCISE_SHARE, DOSE_SHARE = 0.36, 0.10  # of the table's width; the days share the rest
FOOTER_COLUMNS, FOOTER_GAP_MM = 3, 5.0
#: Reasons always given with their "because" before any note takes the room.
MAIN_REASONS = 3

CSS = """\
@page { size: landscape; margin: 6mm; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; color: #000; background: #fff; font-size: 8pt; line-height: 1.15;
  font-family: Arial, "Liberation Sans", Helvetica, "Nimbus Sans", sans-serif; }
main { max-width: 283mm; margin: 0 auto; padding: 6mm 4mm; }
header.top { display: flex; justify-content: space-between; align-items: flex-end; gap: 6mm;
  border-bottom: 1.5pt solid #000; padding-bottom: 0.8mm; margin-bottom: 1.6mm; }
.who { display: flex; flex-wrap: wrap; align-items: baseline; column-gap: 5mm; }
h1 { font-size: 16pt; line-height: 1.1; margin: 0; }
.when { margin: 0; font-size: 11pt; }
p.disclaimer { margin: 0; flex: 0 1 42%; text-align: right; font-style: italic; }
th.corner .hint { display: block; font-weight: normal; font-style: italic;
  margin-bottom: 1.2mm; }
.deload { display: inline-block; border: 1.2pt solid #000; border-radius: 2pt;
  padding: 0 1.4mm; margin-left: 1.5mm; font-weight: bold; font-size: 9pt;
  text-transform: uppercase; letter-spacing: 0.05em; }
table.week { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.week col.exercise { width: 36%; }
table.week col.dose { width: 10%; }
table.week th, table.week td { border: 0.6pt solid #777; padding: 0.3mm 1.1mm;
  vertical-align: top; text-align: left; }
table.week thead th, table.week thead td, table.week tfoot th, table.week tfoot td {
  background: #e9e9e9; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
table.week thead tr:last-child td, table.week th.corner { border-bottom: 1.5pt solid #000; }
table.week tfoot th, table.week tfoot td { border-top: 1.5pt solid #000; }
th.corner { vertical-align: bottom; font-size: 8pt; }
th.day .name { display: block; font-size: 9pt; }
th.day .date { display: block; font-weight: normal; }
td.own { font-style: italic; }
td.own .s { display: block; }
td.total { font-weight: bold; }
td.total.rest { font-weight: normal; font-style: italic; }
tfoot th { font-weight: normal; text-align: right; }
tbody tr { break-inside: avoid; page-break-inside: avoid; }
tbody tr:nth-child(even) td { background: #f4f4f4;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
td.ex .name { font-weight: bold; font-size: 9pt; }
td.ex .cat { font-size: 8pt; font-variant: small-caps; letter-spacing: 0.04em;
  border: 0.5pt solid #555; border-radius: 2pt; padding: 0 0.7mm; margin: 0 0.8mm;
  line-height: 1; }
td.dose { font-weight: bold; }
td.day { white-space: nowrap; }
td.day.rest, tbody tr:nth-child(even) td.day.rest,
table.week thead th.day.rest, table.week tfoot td.rest {
  background: repeating-linear-gradient(135deg, #fff 0 1.6mm, #dcdcdc 1.6mm 2.1mm);
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.box { display: inline-block; width: 3.3mm; height: 3.3mm; border: 1pt solid #000;
  border-radius: 0.6pt; background: #fff; vertical-align: -0.6mm; }
.tm, .other { white-space: normal; }
.other { font-weight: bold; }
section.more { columns: 3; column-gap: 5mm; column-rule: 0.5pt solid #999;
  margin-top: 2mm; }
section.more h2 { font-size: 9pt; margin: 0 0 0.5mm; text-transform: uppercase;
  letter-spacing: 0.06em; break-after: avoid; }
section.more ul { list-style: none; margin: 0 0 1.4mm; padding: 0; }
section.more li { break-inside: avoid; page-break-inside: avoid; margin: 0 0 0.4mm;
  padding-left: 2.4mm; text-indent: -2.4mm; }
section.more li::before { content: "\\2013\\00a0"; }
section.more li.rule::before { content: none; }
section.more li.rule { padding-left: 0; text-indent: 0; }
section.more .more-hint { font-style: italic; margin: 0 0 1.4mm; break-inside: avoid; }
code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 8pt;
  font-style: normal; }
@media print {
  main { max-width: none; padding: 0; }
  thead { display: table-header-group; }
}
@media screen and (max-width: 700px) {
  main { padding: 3mm; }
  section.more { columns: 1; }
}
"""


@dataclass(frozen=True)
class _Row:
    """One exercise of the week and, per day, the item when it is scheduled that day."""

    item: PlanItem  # the first occurrence: name, category, cue
    dose: str  # the dose on most of its days
    cells: list[PlanItem | None]


def _row_order(plan: Plan) -> list[str]:
    """Exercise ids in an order that respects each day's own order as far as possible.

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
        for a, b in zip(ids, ids[1:], strict=False):
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
    sports = {s.sport for s in day.sessions}
    if sports == {sport}:
        return word
    return item.timing


# -- estimating the room left for reasons and notes -------------------------------------


Words = list[tuple[str, float]]


def _words(text: str, scale: float = 1.0) -> Words:
    """Words of ``text``, each with how much wider than 8 pt body text it is set."""
    return [(word, scale) for word in text.split()]


def _wrapped(words: Words, width_mm: float) -> int:
    """Lines that ``words`` take, wrapped greedily in a box ``width_mm`` wide."""
    lines, used = 1, 0.0
    for word, scale in words:
        width = len(word) * CHAR_MM * scale
        if used and used + CHAR_MM + width > width_mm:
            lines, used = lines + 1, width
        else:
            used += (CHAR_MM if used else 0.0) + width
    return lines


def _grid_height(plan: Plan, rows: list[_Row], page_width: float) -> float:
    """Estimated height of the page header and the table, in mm, on a page this wide."""
    right = page_width * DISCLAIMER_SHARE
    title = _wrapped(_words(plan.name or "Your week", 2.2), page_width - right - 75)
    disclaimer = _wrapped(_words(plan.disclaimer), right) * LINE_MM
    height = HEADER_MM + max(6.2 * title, disclaimer)
    day_mm = page_width * (1 - EXERCISE_SHARE - DOSE_SHARE) / 7 - CELL_PAD_MM
    own = max(sum(_wrapped(_words(session_text(s)), day_mm) for s in day.sessions) or 1
              for day in plan.days)
    height += NAME_LINE_MM + LINE_MM + ROW_PAD_MM + own * LINE_MM + ROW_PAD_MM  # thead
    height += LINE_MM + ROW_PAD_MM + 0.6  # tfoot
    ex_mm = page_width * EXERCISE_SHARE - CELL_PAD_MM
    dose_mm = page_width * DOSE_SHARE - CELL_PAD_MM
    for row in rows:
        item = row.item
        tag = ("m" * (len(item.category) + 2), 1.0)
        ex = _wrapped([*_words(item.name, 1.25), tag, *_words(item.cue)], ex_mm)
        dose = _wrapped(_words(row.dose, 1.1), dose_mm)
        cells = [
            _wrapped([("mm", 1.0), *_words(_when(c, d)),
                      *_words(format_dose(c) if format_dose(c) != row.dose else "", 1.1)],
                     day_mm)
            for c, d in zip(row.cells, plan.days, strict=True) if c is not None
        ]
        lines = max(ex, dose, *cells)
        height += NAME_LINE_MM + (lines - 1) * LINE_MM + ROW_PAD_MM
    if not rows:
        height += LINE_MM + ROW_PAD_MM
    return height


def _fits(blocks: list[float], height: float) -> bool:
    """Do blocks that may not split fit, in order, into the footer's columns?"""
    column, used = 1, 0.0
    for block in blocks:
        if used and used + block > height:
            column, used = column + 1, 0.0
        if block > height:
            return False
        used += block
    return column <= FOOTER_COLUMNS


def _fit(plan: Plan, rows: list[_Row]) -> tuple[int, int]:
    """How many reasons (with their because) and notes fit on every page size we promise."""
    fits = [_fit_page(plan, rows, width, height) for width, height in PAGES_MM]
    return min(f[0] for f in fits), min(f[1] for f in fits)


def _fit_page(plan: Plan, rows: list[_Row], page_width: float,
              page_height: float) -> tuple[int, int]:
    """How many reasons (with their because) and notes fit under the grid, in order.

    The first few reasons come first, then the notes, then the other reasons; each list
    is cut to a prefix, and the rest is named or counted by a hint that points to
    `corecoach explain`.
    """
    col_mm = (page_width - (FOOTER_COLUMNS - 1) * FOOTER_GAP_MM) / FOOTER_COLUMNS
    room = page_height - _grid_height(plan, rows, page_width) - 2.0
    heading = NAME_LINE_MM + 0.6

    def lines(words: Words, width: float) -> float:
        return _wrapped(words, width) * LINE_MM

    def blocks(n_rules: int, n_notes: int) -> list[float]:
        out: list[float] = []
        if plan.rules:
            shown = [lines([*_words(r.id + ":", 1.1), *_words(r.because)], col_mm) + 0.4
                     for r in plan.rules[:n_rules]]
            rest = " ".join(r.id + "," for r in plan.rules[n_rules:])
            hint = [lines(_words(f"Also: {rest} corecoach explain says why."), col_mm) + 1.4
                    ] if rest else []
            items = [*shown, *hint] or [0.0]
            items[-1] += 1.4 if shown and not hint else 0.0
            out += [heading + items[0], *items[1:]]
        if plan.notes:
            shown = [lines(_words(n), col_mm - 2.4) + 0.4 for n in plan.notes[:n_notes]]
            more = len(plan.notes) > n_notes
            items = [*shown, *([LINE_MM + 1.4] if more else [])]
            out += [heading + items[0], *items[1:]]
        return out

    queue = [("rule", i) for i in range(min(MAIN_REASONS, len(plan.rules)))]
    queue += [("note", i) for i in range(len(plan.notes))]
    queue += [("rule", i) for i in range(MAIN_REASONS, len(plan.rules))]
    n_rules = n_notes = 0
    for kind, _ in queue:
        trial = (n_rules + 1, n_notes) if kind == "rule" else (n_rules, n_notes + 1)
        if not _fits(blocks(*trial), room):
            break
        n_rules, n_notes = trial
    return n_rules, n_notes


# -- HTML -------------------------------------------------------------------------------


def _e(text: str) -> str:
    return escape(text, quote=True)


def _header(plan: Plan) -> list[str]:
    who = plan.name or "Your week"
    dates = date_range(plan)
    when = f"<strong>Week {plan.week} of {plan.weeks}</strong>"
    if dates:
        when += f" &middot; {_e(dates)}"
    if plan.deload:
        when += ' <span class="deload">Deload week: lighter on purpose</span>'
    return [
        '<header class="top">',
        f'<div class="who"><h1>{_e(who)}</h1><p class="when">{when}</p></div>',
        f'<p class="disclaimer">{_e(plan.disclaimer)}</p>',

        "</header>",
    ]


def _day_head(day: PlanDay) -> str:
    name, _, date = day_title(day).partition(" ")
    date_html = f'<span class="date">{_e(date)}</span>' if date else ""
    cls = "day" if day.items else "day rest"
    return (f'<th scope="col" class="{cls}"><span class="name">{_e(name)}</span>'
            f"{date_html}</th>")


def _own(day: PlanDay) -> str:
    own = "".join(f'<span class="s">{_e(session_text(s))}</span>' for s in day.sessions)
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


def _grid(plan: Plan, rows: list[_Row]) -> list[str]:
    limit = f", up to {plan.session_minutes} min a day" if plan.session_minutes else ""
    out = [
        '<table class="week">',
        '<colgroup><col class="exercise"><col class="dose">'
        + '<col class="d">' * len(plan.days) + "</colgroup>",
        "<thead><tr>",
        f'<th scope="col" class="corner" rowspan="2"><span class="hint">corecoach{limit}'
        ": tick a box when it is done.</span>Exercise and how to do it</th>",
        '<th scope="col" class="corner" rowspan="2">Dose</th>',
        *(_day_head(day) for day in plan.days),
        "</tr><tr>",
        *(_own(day) for day in plan.days),
        "</tr></thead>",
        "<tbody>",
    ]
    for row in rows:
        item = row.item
        cue = f' <span class="cue">{_e(item.cue)}</span>' if item.cue else ""
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
        "</tr></tfoot>",
        "</table>",
    ]
    return out


def _more(plan: Plan, n_rules: int, n_notes: int) -> list[str]:
    out = ['<section class="more">']
    if plan.rules:
        out.append("<h2>Why this plan</h2>")
        out.append("<ul>")
        out += [f'<li class="rule"><strong>{_e(r.id)}</strong>: {_e(r.because)}</li>'
                for r in plan.rules[:n_rules]]
        out.append("</ul>")
        rest = plan.rules[n_rules:]
        if rest:
            ids = ", ".join(_e(r.id) for r in rest)
            also = "Also" if n_rules else "Rules"
            out.append(f'<p class="more-hint">{also}: {ids}. '
                       "<code>corecoach explain</code> says why.</p>")
    if plan.notes:
        out.append("<h2>Notes</h2>")
        if n_notes:
            out.append("<ul>")
            out += [f"<li>{_e(note)}</li>" for note in plan.notes[:n_notes]]
            out.append("</ul>")
        hidden = len(plan.notes) - n_notes
        if hidden:
            what = "note" if hidden == 1 else "notes"
            more = "more " if n_notes else ""
            out.append(f'<p class="more-hint">{hidden} {more}{what} in '
                       "<code>corecoach explain</code>.</p>")
    out.append("</section>")
    return out


def render_html(plan: Plan) -> str:
    """The week as one self-contained HTML page that prints on one landscape sheet."""
    rows = _rows(plan)
    n_rules, n_notes = _fit(plan, rows)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="corecoach {_e(plan.corecoach)}">',
        f"<title>{_e(plan_title(plan))}</title>",
        f"<style>\n{CSS}</style>",
        "</head>",
        "<body>",
        "<main>",
        *_header(plan),
        *_grid(plan, rows),
        *_more(plan, n_rules, n_notes),
        "</main>",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(out)
