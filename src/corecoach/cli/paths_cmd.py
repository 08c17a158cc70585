"""paths: where corecoach reads and writes, as it would for this shell."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from corecoach.cli.options import ListFormat
from corecoach.paths import (
    ROUTINES_ENV,
    cache_dir,
    default_journal_path,
    default_profile_path,
    routine_dirs,
)

__all__ = ["paths", "register"]


def _state(path: Path | None) -> str:
    if path is None:
        return "off"
    return "exists" if path.exists() else "not yet created"


def paths(
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = "text",
) -> None:
    """Print the profile, journal, cache and routine folders in use.

    Environment variables change them: CORECOACH_PROFILE, CORECOACH_JOURNAL,
    CORECOACH_CACHE_DIR (empty: no cache), CORECOACH_ROUTINES, and the XDG_* folders.

    Example:  corecoach paths
    """
    import json

    from corecoach.cli.console import detect_terminal, emit
    from corecoach.render.terminal import summary_text
    from corecoach.resources import routines_dir

    profile = default_profile_path()
    journal = default_journal_path()
    cache = cache_dir()
    shipped = routines_dir()
    extra = routine_dirs(None)
    if fmt == "json":
        from corecoach.output_schemas import OUTPUT_FORMAT

        data = {
            "format": OUTPUT_FORMAT,
            "profile": str(profile), "journal": str(journal),
            "cache": str(cache) if cache is not None else None,
            "routines": [str(shipped), *(str(p) for p in extra)],
        }
        emit(json.dumps(data, indent=2, ensure_ascii=False) + "\n", document=True)
        return
    rows = [
        ("profile", str(profile), _state(profile)),
        ("journal", str(journal), _state(journal)),
        ("cache", str(cache) if cache is not None else "-", _state(cache)),
        ("routines", str(shipped), "shipped"),
        *(("", str(p), ROUTINES_ENV) for p in extra),
    ]
    # A path is never broken: it stays whole to copy, on a line of its own when narrow.
    emit(summary_text([(name, f"{where}  ({note})") for name, where, note in rows],
                      detect_terminal(), gap=2, keep_words=True))


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command()(paths)
