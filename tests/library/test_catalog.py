"""Rule evaluation with a trace."""

from __future__ import annotations

from pathlib import Path

from corecoach.facts import FACTS, derive_facts, facts_markdown
from corecoach.library.catalog import evaluate_rules, fired_rule_ids
from corecoach.library.loader import load_catalog
from corecoach.profile import load_profile, parse_profile
from corecoach.resources import example_path


def test_road_runner_trace_matches_his_story() -> None:
    catalog = load_catalog()
    facts = derive_facts(load_profile(example_path("road-runner")))
    trace = evaluate_rules(catalog, facts)
    fired = {r.id for r in trace.fired()}
    assert {"core-foundation", "road-running-back", "vary-running-surface", "running",
            "cycling", "karate", "desk-sitting", "tension-flexibility",
            "learn-the-hinge"} <= fired
    assert "flare" not in fired
    road = next(r for r in trace.rules if r.id == "road-running-back")
    assert [c.value for c in road.clauses] == [True] * len(road.clauses)
    assert any("sports" in c.facts for c in road.clauses)
    assert not any("runs_on_road" in c.facts for c in road.clauses), "any surface counts"
    flare = next(r for r in trace.rules if r.id == "flare")
    failed = flare.failed_clause()
    assert failed is not None and failed.value is False
    assert set(fired) == set(fired_rule_ids(catalog, facts))


def test_every_fact_is_derived_with_its_declared_type() -> None:
    facts = derive_facts(parse_profile({"version": 1}, "p"))
    python_types = {"number": int, "string": str, "boolean": bool, "strings": list,
                    "numbers": list}
    assert set(facts) == {f.name for f in FACTS}
    for f in FACTS:
        assert isinstance(facts[f.name], python_types[f.type]), f.name


def test_facts_doc_is_generated_from_code() -> None:
    doc = Path(__file__).resolve().parents[2] / "docs" / "facts.md"
    assert doc.read_text(encoding="utf-8") == facts_markdown(), (
        "docs/facts.md is stale: run python -m corecoach.facts > docs/facts.md")
