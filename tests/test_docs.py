"""The docs stay in step with the code."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import typer.main

from corecoach.cli import app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_is_in_the_readme() -> None:
    group = typer.main.get_command(app)
    for name in group.commands:  # type: ignore[attr-defined]
        assert f"corecoach {name}" in README, f"README does not mention `corecoach {name}`"


def test_quick_start_has_exactly_two_commands_and_ci_runs_the_second() -> None:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = [b.split("```", 1)[0].strip() for b in section.split("```sh\n")[1:]]
    assert len(blocks) == 2 and all("\n" not in b for b in blocks), blocks
    run, test = blocks
    assert "corecoach plan --example road-runner" in run
    assert test in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_docs_link_targets_exist() -> None:
    for rel in ("docs/routines.md", "docs/progression.md", "docs/facts.md"):
        assert rel in README and (ROOT / rel).exists()


def test_python_dash_m_runs_the_cli() -> None:
    out = subprocess.run([sys.executable, "-m", "corecoach", "--version"], check=True,
                         capture_output=True, text=True).stdout
    assert out.startswith("corecoach ")


def test_the_readme_rule_example_loads(tmp_path: Path) -> None:
    from corecoach.library.loader import build_catalog
    from corecoach.resources import routines_dir

    section = README.split("### Add your own rule", 1)[1]
    example = section.split("```toml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "swimmers.toml").write_text(example, encoding="utf-8")
    catalog = build_catalog([routines_dir(), tmp_path])
    assert "swimmer-stiff-mornings" in {r.rule.id for r in catalog.rules}


def test_progression_doc_states_the_planners_numbers() -> None:
    """docs/progression.md matches the code: each constant it names, as it names it."""
    from corecoach import planner
    from corecoach.progression import DELOAD_EVERY

    text = " ".join((ROOT / "docs" / "progression.md").read_text(encoding="utf-8").split())
    expected = [
        f"at most **{round((planner.WEEKLY_GROWTH - 1) * 100)} %**",
        f"at most {round(planner.STRETCH_SHARE * 100)} % of the week",
        f"capped at {planner.BREATHING_CAP_SECONDS // 60} minutes",
        f"at most {planner.FLARE_MINUTES} minutes a day",
        f"{planner.LONG_RUN_MINUTES} minutes or more",
        f"at most {round(planner.WALK_SHARE * 100)} % of a session",
        "at most three days a week" if planner.SPREAD_MAX_DAYS == 3 else "?",
        f"sized at the doses of week {planner.PLANNING_WEEK}",
        "sport on five or more days" if planner.EASY_DAY_SPORT_DAYS == 5 else "?",
        f"Every fourth week ({', '.join(str(DELOAD_EVERY * k) for k in (1, 2, 3))}",
        f"beginner {planner.ENTRY_LEVEL['beginner']}, intermediate "
        f"{planner.ENTRY_LEVEL['intermediate']}, advanced {planner.ENTRY_LEVEL['advanced']}",
    ]
    for phrase in expected:
        assert phrase in text, phrase


def test_generated_reference_is_in_step_with_help() -> None:
    """docs/cli.md, the man page and docs/plan-json.md are what `--help` and the code say.

    After changing a command's help run `python tools/cli_reference.py`.
    """
    import importlib.util

    spec = importlib.util.spec_from_file_location("cli_reference",
                                                  ROOT / "tools" / "cli_reference.py")
    assert spec is not None and spec.loader is not None
    reference = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(reference)
    for path, text in reference.generated().items():
        assert path.exists(), f"{path.name} is missing: run python tools/cli_reference.py"
        assert path.read_text(encoding="utf-8") == text, (
            f"{path.relative_to(ROOT)} is out of step: run python tools/cli_reference.py")


def test_cli_reference_covers_every_command_and_option() -> None:
    from corecoach.cli import COMMANDS, load_command

    reference = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for name in COMMANDS:
        command = load_command(name)
        assert f"## corecoach {name}\n" in reference
        for param in command.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--"):
                    assert opt in reference, f"{name} {opt} is not in docs/cli.md"


def test_man_page_is_valid_roff() -> None:
    import shutil

    page = ROOT / "docs" / "corecoach.1"
    text = page.read_text(encoding="utf-8")
    assert text.startswith(".TH CORECOACH 1 ")
    for section in ("NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "ENVIRONMENT",
                    "EXIT STATUS"):
        assert f".SH {section}\n" in text
    man = shutil.which("man")
    if man is None:
        return
    shown = subprocess.run([man, "-l", str(page)], capture_output=True, text=True,
                           env={"MANWIDTH": "100", "PATH": "/usr/bin:/bin"}, check=False)
    if shown.returncode == 0:
        assert "corecoach plan" in shown.stdout and "CORECOACH_JOURNAL" in shown.stdout


def test_readme_points_to_every_generated_doc_and_the_xdg_folders() -> None:
    for rel in ("docs/cli.md", "docs/plan-json.md", "docs/corecoach.1"):
        assert rel in README
    for words in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "CORECOACH_JOURNAL",
                  "corecoach paths", "--install-completion"):
        assert words in README
    assert '"...": "..."' not in README, "the plan JSON is documented key by key"


def test_plan_json_doc_describes_every_key() -> None:
    from corecoach.plan_schema import undocumented_keys

    assert undocumented_keys() == [], "describe these keys in corecoach/plan_schema.py KEYS"
    doc = (ROOT / "docs" / "plan-json.md").read_text(encoding="utf-8")
    from pydantic import TypeAdapter

    from corecoach.plan import Plan

    schema = TypeAdapter(Plan).json_schema(mode="serialization")
    for node in [schema, *schema["$defs"].values()]:
        for key in node["properties"]:
            assert f"| `{key}` |" in doc


def test_the_quick_start_never_expires() -> None:
    """The examples carry no fixed start: years from now `plan --example` still shows week 1."""
    from typer.testing import CliRunner

    from corecoach.resources import example_names, example_path

    runner = CliRunner()
    for name in example_names():
        assert "\nstart = " not in example_path(name).read_text(encoding="utf-8")
        for today in ("2026-11-26", "2031-07-15"):
            result = runner.invoke(app, ["plan", "--example", name, "-f", "json",
                                         "--today", today])
            assert result.exit_code == 0 and result.stderr == ""
            assert '"week": 1,' in result.stdout
    assert "2026-11-30 y" not in README, "the piped init example sets no start either"


def test_readme_plan_json_example_has_the_real_keys() -> None:
    import json

    from typer.testing import CliRunner

    block = README.split("### Plan as JSON", 1)[1].split("```json\n", 1)[1].split("```", 1)[0]
    example = json.loads(block)
    real = json.loads(CliRunner().invoke(app, ["plan", "--example", "road-runner", "-f",
                                               "json"]).stdout)
    assert list(example) == list(real)
    assert list(example["days"][0]) == list(real["days"][0])
    item = real["days"][0]["items"][0]
    assert list(example["days"][0]["items"][0]) == list(item)

def test_journal_docs_list_every_fact_and_shipped_adapt_rule() -> None:
    from corecoach.facts import JOURNAL_FACTS
    from corecoach.library.loader import load_catalog

    doc = (ROOT / "docs" / "journal.md").read_text(encoding="utf-8")
    for fact in JOURNAL_FACTS:
        assert f"| `{fact.name}` | {fact.type} | {fact.description} |" in doc, fact.name
    for rule in load_catalog().adapt:
        assert f"| {rule.rule.rank} | `{rule.rule.id}` |" in doc, rule.rule.id
    assert "docs/journal.md" in README
    assert "Silbernagel" in doc and "tendinopathy" in doc


def test_the_python_api_examples_run() -> None:
    """README's "Use it from Python" and coach.py's docstring are doctests that pass."""
    import doctest

    import corecoach.coach

    section = README.split("## Use it from Python", 1)[1].split("\n## ", 1)[0]
    block = section.split("```python\n", 1)[1].split("```", 1)[0]
    test = doctest.DocTestParser().get_doctest(block, {}, "README", "README.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.summarize(verbose=False).failed == 0
    assert test.examples, "the README block holds examples"
    assert doctest.testmod(corecoach.coach).failed == 0


def test_journal_docs_list_every_limit_with_its_default() -> None:
    from corecoach.library.limits import LIMITS
    from corecoach.library.loader import load_catalog

    doc = (ROOT / "docs" / "journal.md").read_text(encoding="utf-8")
    shipped = load_catalog().limits
    for key, spec in LIMITS.items():
        assert f"| `{key}` | {spec.default:g} | {spec.low:g}-{spec.high:g} |" in doc, key
        assert shipped[key] == spec.default, f"routines/adapt ships {key} = {shipped[key]}"
