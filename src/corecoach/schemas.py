"""The JSON Schemas corecoach publishes (`corecoach schema NAME`), one registry for all.

Each entry names a function ``module:function`` that returns the schema; it is imported
only when that schema is asked for, so this module stays light. Other parts of corecoach
(the journal's `today` and `history` JSON) add theirs with :func:`register_schema`
or a line in :data:`SCHEMAS`.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import Any

DRAFT = "https://json-schema.org/draft/2020-12/schema"


@dataclass(frozen=True)
class SchemaEntry:
    """One published schema: what it describes and where its builder lives."""

    describes: str
    builder: str  # "module:function", imported on demand

    def build(self) -> dict[str, Any]:
        """The schema as a JSON-ready dict."""
        module, _, function = self.builder.partition(":")
        result: dict[str, Any] = getattr(import_module(module), function)()
        return result


SCHEMAS: dict[str, SchemaEntry] = {
    "profile": SchemaEntry("the profile file (TOML)", "corecoach.profile:profile_json_schema"),
    "plan": SchemaEntry("`corecoach plan --format json`", "corecoach.plan_schema:plan_json_schema"),
    "today": SchemaEntry("`corecoach today --format json`",
                         "corecoach.journal.schemas:today_json_schema"),
    "history": SchemaEntry("`corecoach history --format json`",
                           "corecoach.journal.schemas:history_json_schema"),
    "summary": SchemaEntry("`corecoach summary --format json`",
                           "corecoach.output_schemas:summary_json_schema"),
    "explain": SchemaEntry("`corecoach explain --format json`",
                           "corecoach.output_schemas:explain_json_schema"),
    "validate": SchemaEntry("`corecoach validate --format json`",
                            "corecoach.output_schemas:validate_json_schema"),
    "paths": SchemaEntry("`corecoach paths --format json`",
                         "corecoach.output_schemas:paths_json_schema"),
    "exercises": SchemaEntry("`corecoach exercises --format json`",
                             "corecoach.output_schemas:exercises_json_schema"),
}


def register_schema(name: str, describes: str, builder: str) -> None:
    """Publish another schema under ``name`` (``builder`` is ``module:function``)."""
    SCHEMAS[name] = SchemaEntry(describes, builder)
