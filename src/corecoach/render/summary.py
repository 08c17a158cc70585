"""`corecoach summary`: the one-page summary for a physio visit as text, markdown, HTML
(one portrait A4 or Letter page) and JSON (schema: `corecoach schema summary`).

Every format is drawn from the same sections (:func:`sections`), so they never disagree.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html import escape
from typing import TYPE_CHECKING, Any

from corecoach.output_schemas import OUTPUT_FORMAT
from corecoach.plan import json_data
from corecoach.safety import DISCLAIMER

if TYPE_CHECKING:
    from corecoach.summary import Summary

#: Summary JSON shape version.
NO_CAUSE = "Side by side, not cause and effect."


@dataclass(frozen=True)
class Part:
    """One section: a title, lines of text, and an optional table (header, rows)."""

    title: str
    lines: list[str] = field(default_factory=list)
    header: tuple[str, ...] = ()
    rows: list[tuple[str, ...]] = field(default_factory=list)


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"


def title_of(s: Summary) -> str:
    """``corecoach summary - Sam - 2026-11-30``."""
    return f"corecoach summary - {s.name} - {s.today}"


def sections(s: Summary) -> list[Part]:
    """The page's sections, in order."""
    parts: list[Part] = []
    person = Part("The person", header=("", ""),
                  rows=[*s.facts, *s.screening])
    if s.withheld:
        person.lines.append(f"Plan withheld: {s.withheld}")
    person.lines.extend([f"! {a}" for a in s.alerts])
    parts.append(person)

    when = f"week {s.week} of {s.weeks}" if s.week else f"{s.weeks} weeks"
    program = Part(f"The program ({when}" + (f", from {s.start}" if s.start else "") + ")",
                   header=("Chain", "This week", "Dose", "Journal's last decision"),
                   rows=[(c.chain, c.exercise + (f" (step {c.step})" if c.step else ""),
                          c.dose, c.decision or "-") for c in s.chains])
    if not s.chains:
        program.lines.append("No exercises this week.")
    parts.append(program)

    since = f" since {s.since}" if s.since else ""
    weeks = Part(f"Adherence and pain, week by week{since}",
                 header=("Week of", "Done", "Partial", "Skipped", "Adherence", "Pain during",
                         "Morning pain"),
                 rows=[(w.monday.isoformat() + (" *" if w.in_progress else ""), str(w.done),
                        str(w.partial), str(w.skipped),
                        "-" if w.adherence is None else f"{w.adherence:.0%}",
                        _num(w.pain_during), _num(w.morning_pain)) for w in s.weekly])
    usual = (f"Usual level: back.pain {s.usual_pain}/10 in the profile; median morning "
             f"check-in {_num(s.usual_morning)}/10.")
    weeks.lines.append(usual if s.weekly else "No journal entries yet" + since + ".")
    if any(w.in_progress for w in s.weekly):
        weeks.lines.append("* this week, still in progress")
    parts.append(weeks)

    goals = Part("Function goals (PSFS, 0 = unable, 10 = as before; 2+ points is a "
                 "meaningful change)")
    goals.lines.extend([t.words() for t in s.goals] or ["No goals in the profile."])
    parts.append(goals)

    runs = Part("Runs by surface", header=("Surface", "Runs", "Mean min", "Tightened",
                                           "Onset min", "Next-morning pain"),
                rows=[(r.surface, str(r.runs), _num(r.mean_minutes), str(r.tightened),
                       _num(r.onset_minute), _num(r.morning_pain)) for r in s.surfaces])
    if s.surfaces:
        runs.lines.append(f"{NO_CAUSE} Usual morning {_num(s.usual_morning)}/10.")
    else:
        runs.lines.append("No runs logged.")
    if s.road_return is not None:
        r = s.road_return
        runs.lines.append(("Back on the road: " if r.back_on_road else
                           f"Road return, stage {r.stage}: {r.road_minutes} min on the "
                           "road, then off it. ") + r.because.rstrip(".") + "."
                          + (f" Next: {r.next.rstrip('.')}." if r.next else ""))
    parts.append(runs)

    decisions = Part("The journal's decisions, last four weeks",
                     header=("When", "Decision", "Because"),
                     rows=[(str(d.first) if d.first == d.last else
                            f"{d.first} to {d.last} ({d.times} times)",
                            d.decision, d.because)
                           for d in s.decisions])
    if not s.decisions:
        decisions.lines.append("None in the last four weeks.")
    parts.append(decisions)
    return parts


def _footer(s: Summary) -> str:
    return f"{s.entries} journal entries shown. {DISCLAIMER}"


# -- text and markdown ------------------------------------------------------------------------


def summary_text(s: Summary) -> str:
    """Plain text: headings, ``topic: answer`` lines and aligned columns."""
    out = [title_of(s), ""]
    for part in sections(s):
        out.append(part.title)
        if part.rows and part.header == ("", ""):
            out += [f"  {a}: {b}" for a, b in part.rows]
        elif part.rows:
            table = [part.header, *part.rows]
            widths = [max(len(r[i]) for r in table) for i in range(len(part.header) - 1)]
            out += ["  " + "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=False))
                    + "  " + r[-1] for r in table]
        out += [f"  {line}" for line in part.lines]
        out.append("")
    out.append(_footer(s))
    return "\n".join(line.rstrip() for line in out) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")


def summary_markdown(s: Summary) -> str:
    """Markdown: a heading per section, pipe tables."""
    out = [f"# {_md(title_of(s))}", ""]
    for part in sections(s):
        out += [f"## {_md(part.title)}", ""]
        if part.rows and part.header == ("", ""):
            out += [f"- **{_md(a)}**: {_md(b)}" for a, b in part.rows]
            out.append("")
        elif part.rows:
            out.append("| " + " | ".join(_md(h) for h in part.header) + " |")
            out.append("|" + "---|" * len(part.header))
            out += ["| " + " | ".join(_md(c) for c in r) + " |" for r in part.rows]
            out.append("")
        if part.lines:
            out += [_md(line) for line in part.lines]
            out.append("")
    out.append(f"_{_md(_footer(s))}_")
    return "\n".join(out) + "\n"


# -- HTML -------------------------------------------------------------------------------------

#: Portrait A4 and Letter with 7 mm margins: the narrower Letter width and the shorter A4
#: height bound the page.
CSS = """
@page { size: portrait; margin: 7mm; }
* { box-sizing: border-box; }
body { font-family: Arial, "Liberation Sans", Helvetica, sans-serif; font-size: 7.5pt;
       line-height: 1.1; margin: 0; color: #000; }
h1 { font-size: 12pt; margin: 0 0 2mm 0; border-bottom: 0.4mm solid #000; }
h2 { font-size: 8.5pt; margin: 1.8mm 0 0.6mm 0; }
table { border-collapse: collapse; width: 100%; }
td, th { border: 0.2mm solid #999; padding: 0.1mm 1mm; text-align: left;
         vertical-align: top; }
table.tight td, table.tight th { white-space: nowrap; }
table.tight td:last-child, table.tight th:last-child { white-space: normal; width: 100%; }
th { background: #eee; }
table.facts td.topic { width: 12%; font-weight: bold; }
p { margin: 0.6mm 0; }
p.alert { font-weight: bold; }
footer { margin-top: 2mm; font-size: 7pt; color: #333; }
"""


def summary_html(s: Summary) -> str:
    """One self-contained page (inline CSS, nothing from the network) for print."""
    e = escape
    body = [f"<h1>{e(title_of(s))}</h1>"]
    for part in sections(s):
        body.append(f"<section><h2>{e(part.title)}</h2>")
        if part.rows and part.header == ("", ""):  # two topics a row: half the height
            pairs = [part.rows[i:i + 2] for i in range(0, len(part.rows), 2)]
            body.append('<table class="facts">' + "".join(
                "<tr>" + "".join(f'<td class="topic">{e(a)}</td><td>{e(b)}</td>'
                                 for a, b in pair)
                + ("<td></td><td></td>" if len(pair) == 1 else "") + "</tr>"
                for pair in pairs) + "</table>")
        elif part.rows:
            # Short columns keep to one line; the last (reasons) takes the rest.
            tight = ' class="tight"' if part.header[-1] == "Because" else ""
            body.append(f"<table{tight}><tr>" + "".join(f"<th>{e(h)}</th>"
                                                        for h in part.header)
                        + "</tr>" + "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in r)
                                            + "</tr>" for r in part.rows) + "</table>")
        for line in part.lines:
            cls = ' class="alert"' if line.startswith("! ") else ""
            body.append(f"<p{cls}>{e(line)}</p>")
        body.append("</section>")
    body.append(f"<footer>{e(_footer(s))}</footer>")
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{e(title_of(s))}</title><style>{CSS}</style></head><body>\n"
            + "\n".join(body) + "\n</body></html>\n")


# -- JSON -------------------------------------------------------------------------------------


def summary_data(s: Summary) -> dict[str, Any]:
    """The summary as JSON-ready values (see ``corecoach schema summary``)."""
    from corecoach.journal.schemas import goal_trend_dict, surface_dict, week_dict

    return {
        "format": OUTPUT_FORMAT,
        "today": s.today.isoformat(),
        "since": s.since.isoformat() if s.since else None,
        "name": s.name,
        "person": [{"topic": a, "answer": b} for a, b in s.facts],
        "screening": [{"topic": a, "answer": b} for a, b in s.screening],
        "alerts": list(s.alerts),
        "withheld": s.withheld,
        "program": {"week": s.week, "weeks": s.weeks,
                    "start": s.start.isoformat() if s.start else None,
                    "chains": [{"chain": c.chain, "exercise": c.exercise, "dose": c.dose,
                                "step": c.step, "decision": c.decision,
                                "because": c.because} for c in s.chains]},
        "weeks": [week_dict(w) for w in s.weekly],
        "usual_pain": s.usual_pain,
        "usual_morning": s.usual_morning,
        "goals": [goal_trend_dict(t) for t in s.goals],
        "by_surface": [{k: v for k, v in surface_dict(r).items() if k != "usual_pain"}
                       for r in s.surfaces],
        "road_return": json_data(s.road_return),
        "decisions": [{"first": d.first.isoformat(), "last": d.last.isoformat(),
                       "times": d.times, "decision": d.decision, "rule": d.rule,
                       "because": d.because} for d in s.decisions],
        "entries": s.entries,
        "disclaimer": DISCLAIMER,
    }


def summary_json(s: Summary) -> str:
    """:func:`summary_data` as indented JSON."""
    return json.dumps(summary_data(s), indent=2, ensure_ascii=False) + "\n"
