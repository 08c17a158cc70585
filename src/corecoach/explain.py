"""Explanations: which rules fired and what they contributed; why an exercise is (not) planned."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from corecoach.library.catalog import Catalog, RuleOutcome
from corecoach.output_schemas import OUTPUT_FORMAT
from corecoach.plan import Decision
from corecoach.planner import PlanOutcome
from corecoach.vocab import DAY_NAMES


class ClauseResult(BaseModel):
    """One top-level clause of a rule's condition, its value, and the facts it read."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    text: str
    value: bool
    facts: dict[str, object]


class RuleResult(BaseModel):
    """One rule's outcome for one profile."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    id: str
    when: str
    because: str
    fired: bool
    clauses: tuple[ClauseResult, ...]
    source: str

    @classmethod
    def of(cls, outcome: RuleOutcome) -> RuleResult:
        """The JSON shape of the library's rule outcome."""
        return cls(id=outcome.id, when=outcome.when, because=outcome.because,
                   fired=outcome.fired, source=outcome.source,
                   clauses=tuple(ClauseResult(text=c.text, value=c.value, facts=dict(c.facts))
                                 for c in outcome.clauses))

    def failed_clause(self) -> ClauseResult | None:
        """For a rule that did not fire: the first clause that was false."""
        return next((c for c in self.clauses if not c.value), None)


class RuleExplanation(BaseModel):
    """One rule: its outcome, its clauses, and what it put into the plan."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    result: RuleResult
    contributed: list[str]


class Explanation(BaseModel):
    """What `explain` prints: a headline, rule explanations and plain lines."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    format: int = Field(default=OUTPUT_FORMAT, description="Version of this JSON shape.")
    title: str
    withheld: str | None = None
    rules: list[RuleExplanation] = []
    unfired: list[RuleExplanation] = []
    lines: list[str] = []


def _contributions(outcome: PlanOutcome, catalog: Catalog, rule_id: str) -> list[str]:
    rule = next(r.rule for r in catalog.rules if r.rule.id == rule_id)
    out: list[str] = []
    by_need: dict[str, list[Decision]] = {}
    for d in outcome.decisions:
        by_need.setdefault(d.need, []).append(d)
    for ref in rule.include:
        scheduled = [d for d in by_need.get(ref, []) if d.status in ("scheduled", "trimmed")]
        if scheduled and scheduled[0].days:
            d = scheduled[0]
            days = ", ".join(d.days)
            extra = f"; {d.detail}" if d.detail else ""
            out.append(f"{ref}: {d.exercise} on {days}{extra}")
        elif scheduled:
            out.append(f"{ref}: no room this week ({scheduled[0].detail or 'time limit'})")
        else:
            unavailable = [d for d in by_need.get(ref, []) if d.status == "unavailable"]
            excluded = [d for d in by_need.get(ref, []) if d.status == "excluded"]
            why = excluded[-1].detail if excluded else "not available"
            if unavailable or excluded:
                out.append(f"{ref}: left out ({why})")
    if rule.exclude:
        out.append("excludes " + ", ".join(rule.exclude))
    if rule.exclude_tags:
        out.append("excludes exercises tagged " + ", ".join(rule.exclude_tags))
    if rule.max_level is not None:
        out.append(f"caps every exercise at level {rule.max_level}")
    out.extend(f"note: {n}" for n in rule.notes)
    return out


def explain_rules(outcome: PlanOutcome, catalog: Catalog, *, show_all: bool) -> Explanation:
    """Every fired rule with its clauses and contributions; with show_all, the others too."""
    if outcome.withheld is not None:
        return Explanation(title="No plan: withheld for safety",
                           withheld=f"{outcome.withheld.reason} {outcome.withheld.advice}")
    trace = outcome.trace
    assert trace is not None and outcome.plan is not None
    plan = outcome.plan
    # The plan's order: most important rules first.
    order = {ref.id: n for n, ref in enumerate(plan.rules)}
    fired = [RuleExplanation(result=RuleResult.of(r),
                             contributed=_contributions(outcome, catalog, r.id))
             for r in sorted(trace.fired(), key=lambda r: order.get(r.id, 0))]
    unfired = [RuleExplanation(result=RuleResult.of(r), contributed=[])
               for r in trace.rules if not r.fired] if show_all else []
    total = len(trace.rules)
    title = f"Week {plan.week} of {plan.weeks}: {len(fired)} of {total} rules fired"
    return Explanation(title=title, rules=fired, unfired=unfired)


def explain_exercise(outcome: PlanOutcome, catalog: Catalog, exercise_id: str) -> Explanation:
    """Why is this exercise in the plan, or why not?"""
    ex = catalog.exercises[exercise_id]
    title = f"{ex.name} ({ex.id})"
    if outcome.withheld is not None:
        return Explanation(title=title, withheld=outcome.withheld.reason)
    trace = outcome.trace
    assert outcome.plan is not None and trace is not None
    lines: list[str] = []
    planned = [(d.day, it) for d in outcome.plan.days for it in d.items if it.exercise == ex.id]
    chains = [c.id for c in catalog.chains_with(ex.id)]
    rules_by_id = {r.id: r for r in trace.rules}
    if planned:
        item = planned[0][1]
        days = ", ".join(DAY_NAMES[day] for day, _ in planned)
        lines.append(f"In your plan on {days}, week {outcome.plan.week}.")
        if item.chain:
            lines.append(f"Step {item.step} of the chain {item.chain!r}, at rung {item.rung} "
                         f"of {item.rungs} of its dose ladder.")
        for rid in item.rules:
            lines.append(f"Asked for by rule {rid}: {rules_by_id[rid].because}")
        return Explanation(title=title, lines=lines)
    mine = [d for d in outcome.decisions if d.exercise == ex.id]
    wanted_by = [d for d in outcome.decisions if d.need in (ex.id, *chains)]
    for d in mine:
        if d.status == "excluded":
            lines.append(f"Not in your plan: {d.detail}.")
        elif d.status == "trimmed":
            lines.append(f"Wanted, but no day had room: {d.detail or 'time limit'}.")
    if not mine and wanted_by:
        current = next((d.exercise for d in wanted_by if d.status == "scheduled"), None)
        if current:
            lines.append(f"Its chain is in your plan at another step this week: {current}.")
    if not lines:
        asking = [r for r in catalog.rules
                  if ex.id in r.rule.include or any(c in r.rule.include for c in chains)]
        if not asking:
            lines.append("No rule asks for it; add it with a rule in your own --routines folder.")
        for r in asking:
            res = rules_by_id[r.rule.id]
            failed = res.failed_clause()
            why = f" ({failed.text} is false)" if failed else ""
            lines.append(f"Rule {r.rule.id} would add it, but did not fire{why}.")
    return Explanation(title=title, lines=lines)
