"""The validated library (Catalog) and its compiled rules, which evaluate themselves.

A compiled rule knows its condition and answers `fires(facts)` and `explain(facts)`, as
rule-engine's ``Rule`` does; rules/ stays the condition language alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from corecoach.errors import InputError
from corecoach.library.models import AdaptRule, Caution, Chain, Exercise, RoadRule, Rule
from corecoach.rules.condition import ClauseTrace, Condition
from corecoach.suggest import suggest


class RuleOutcome(NamedTuple):
    """One rule's outcome for one profile, clause by clause (``explain`` shows it)."""

    id: str
    when: str
    because: str
    fired: bool
    clauses: tuple[ClauseTrace, ...]
    source: str

    def failed_clause(self) -> ClauseTrace | None:
        """For a rule that did not fire: the first clause that was false."""
        return next((c for c in self.clauses if not c.value), None)


class Trace(NamedTuple):
    """Every rule, fired or not, with its clauses: what `explain` renders."""

    rules: tuple[RuleOutcome, ...]

    def fired(self) -> tuple[RuleOutcome, ...]:
        """The rules whose condition held."""
        return tuple(r for r in self.rules if r.fired)


class CompiledRule(NamedTuple):
    """A rule with its condition parsed and type-checked.

    (A NamedTuple, not a dataclass: a dataclass costs about 0.3 ms to define,
    and this module loads on every plan.)
    """

    rule: Rule
    condition: Condition
    source: str

    def fires(self, facts: Mapping[str, object]) -> bool:
        """Whether the rule's condition holds for ``facts``."""
        return bool(self.condition.evaluate(facts))

    def explain(self, facts: Mapping[str, object]) -> RuleOutcome:
        """The rule's outcome for ``facts``, clause by clause, with the facts each read."""
        rule = self.rule
        return RuleOutcome(rule.id, rule.when, rule.because, self.fires(facts),
                           tuple(self.condition.explain(facts)), self.source)


class CompiledAdapt(NamedTuple):
    """A journal rule with its condition checked against the journal facts."""

    rule: AdaptRule
    condition: Condition
    source: str


class CompiledRoad(NamedTuple):
    """A road-return rule with its condition checked against the road facts."""

    rule: RoadRule
    condition: Condition
    source: str


@dataclass(frozen=True, eq=False, repr=False)  # compared by its parts, never printed whole
class Catalog:
    """The validated library: exercises, chains and rules, each with the file it came from."""

    exercises: dict[str, Exercise]
    chains: dict[str, Chain]
    rules: tuple[CompiledRule, ...]
    sources: dict[str, str]
    caution_conditions: dict[str, tuple[tuple[Caution, Condition], ...]] = field(
        default_factory=dict
    )
    #: Journal rules in the order they are tried (rank, then id); first match wins.
    adapt: tuple[CompiledAdapt, ...] = ()
    #: A digest of every definition file's content when the library came through the disk
    #: cache ("" otherwise): what state kept for this library is keyed on.
    digest: str = ""
    #: The journal's numbers by ``[[limit]]`` id (corecoach.library.limits).
    limits: dict[str, float] = field(default_factory=dict)
    #: Road-return rules in the order they are tried (rank, then id); first match wins.
    road: tuple[CompiledRoad, ...] = ()

    def chains_with(self, exercise_id: str) -> list[Chain]:
        """Chains that contain the exercise, in id order."""
        return [c for _, c in sorted(self.chains.items()) if exercise_id in c.steps]

    def neighbours(self, exercise_id: str) -> tuple[list[str], list[str]]:
        """Easier and harder neighbours of an exercise over every chain it is in."""
        easier: list[str] = []
        harder: list[str] = []
        for chain in self.chains_with(exercise_id):
            i = chain.steps.index(exercise_id)
            if i > 0 and chain.steps[i - 1] not in easier:
                easier.append(chain.steps[i - 1])
            if i + 1 < len(chain.steps) and chain.steps[i + 1] not in harder:
                harder.append(chain.steps[i + 1])
        return easier, harder

    def exercise(self, exercise_id: str) -> Exercise:
        """One exercise by id; an unknown id is an InputError with a suggestion."""
        try:
            return self.exercises[exercise_id]
        except KeyError:
            hint = suggest(exercise_id, self.exercises)
            tail = f"did you mean {hint!r}?" if hint else "see `corecoach exercises`"
            raise InputError.single(
                "exercise", "", f"no exercise with id {exercise_id!r} ({tail})"
            ) from None



def fired_rule_ids(catalog: Catalog, facts: Mapping[str, object]) -> list[str]:
    """Ids of the rules that fire, without building a trace (the fast path)."""
    return [r.rule.id for r in catalog.rules if r.fires(facts)]


def evaluate_rules(catalog: Catalog, facts: Mapping[str, object]) -> Trace:
    """Evaluate every rule; each result keeps its clauses, their values and the facts read."""
    return Trace(rules=tuple(compiled.explain(facts) for compiled in catalog.rules))
