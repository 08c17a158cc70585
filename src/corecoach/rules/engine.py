"""Evaluate the library's rules against a profile's facts, recording why each fired or not."""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict

from corecoach.library.loader import Catalog


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

    def failed_clause(self) -> ClauseResult | None:
        """For a rule that did not fire: the first clause that was false."""
        return next((c for c in self.clauses if not c.value), None)


class Trace(BaseModel):
    """Every rule, fired or not, with its clauses: what `explain` renders."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    rules: tuple[RuleResult, ...]

    def fired(self) -> tuple[RuleResult, ...]:
        """The rules whose condition held."""
        return tuple(r for r in self.rules if r.fired)


def fired_rule_ids(catalog: Catalog, facts: Mapping[str, object]) -> list[str]:
    """Ids of the rules that fire, without building a trace (the fast path)."""
    return [r.rule.id for r in catalog.rules if r.condition.evaluate(facts)]


def evaluate_rules(catalog: Catalog, facts: Mapping[str, object]) -> Trace:
    """Evaluate every rule; each result keeps its clauses, their values and the facts read."""
    results = []
    for compiled in catalog.rules:
        fired = compiled.condition.evaluate(facts)
        clauses = tuple(
            ClauseResult(text=c.text, value=c.value, facts=dict(c.facts))
            for c in compiled.condition.explain(facts)
        )
        rule = compiled.rule
        results.append(RuleResult(id=rule.id, when=rule.when, because=rule.because,
                                  fired=fired, clauses=clauses, source=compiled.source))
    return Trace(rules=tuple(results))
