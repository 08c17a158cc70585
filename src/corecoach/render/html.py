"""The week as one printable HTML page: a tick-box grid to pin on the fridge.

One self-contained file (inline CSS from render/page.css; no scripts, web fonts or
anything from the network) that prints on one landscape A4 or Letter page. Rows are the
week's exercises, each with its dose and first cue; columns are the seven days, headed by
the person's own training; a box in a cell means "do it that day". Reasons and notes share
the room left under the grid: whatever does not fit is named or counted and pointed to
`corecoach explain`, never dropped silently. Small plans get larger type, so the sheet
stays readable from a distance. A plan too big for one sheet even at 8 pt folds: first the
cues go, from the last row up (the terminal plan and `corecoach show` have them), then the
last rows, which are named under the grid. The page is laid out with the same estimate
(corecoach.render.sheet: :class:`~corecoach.render.sheet.Fit`,
:func:`~corecoach.render.sheet.layout`) that tests measure it by.
"""

from __future__ import annotations

from functools import cache
from html import escape
from importlib import resources

from corecoach.plan import Plan, PlanDay, PlanItem, format_dose
from corecoach.render.common import (
    adapted_lines,
    date_range,
    day_title,
    left_out_line,
    plan_title,
    session_cell,
)
from corecoach.render.sheet import (
    DELOAD,
    Fit,
    Row,
    column_shares,
    folded_line,
    has_own_training,
    layout,
    row_cautions,
    rows_of,
    when_on,
)
from corecoach.safety import Withheld
from corecoach.words import count


@cache
def stylesheet() -> str:
    """The page's CSS (render/page.css, read once); the type size is added per page."""
    return resources.files("corecoach.render").joinpath("page.css").read_text(encoding="utf-8")


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


def _cell(row: Row, item: PlanItem | None, day: PlanDay) -> str:
    if not day.items:
        return '<td class="day rest"></td>'
    if item is None:
        return '<td class="day"></td>'
    parts = ['<span class="box" role="img" aria-label="to do"></span>']
    dose = format_dose(item)
    if dose != row.dose:
        parts.append(f' <span class="other">{_e(dose)}</span>')
    when = when_on(item, day)
    if when:
        parts.append(f' <span class="tm">{_e(when)}</span>')
    return f'<td class="day">{"".join(parts)}</td>'


def _grid(plan: Plan, rows: list[Row], fit: Fit) -> list[str]:
    own = has_own_training(plan)
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
    ex, dose, day = (f"{share * 100:.1f}%" for share in column_shares(pt))
    return (f"body {{ font-size: {pt:g}pt; }}\n"
            f"table.week col.exercise {{ width: {ex}; }}\n"
            f"table.week col.dose {{ width: {dose}; }}\n"
            f"table.week col.d {{ width: {day}; }}\n")


def render_html(plan: Plan) -> str:
    """The week as one self-contained HTML page that prints on one landscape sheet."""
    rows = rows_of(plan)
    fit = layout(plan, rows)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="corecoach {_e(plan.corecoach)}">',
        f"<title>{_e(plan_title(plan))}</title>",
        f"<style>\n{stylesheet()}{_sizes(fit.pt)}</style>",
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
