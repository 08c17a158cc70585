"""Did-you-mean suggestions for ids, keys and names (no heavy imports: used on start-up paths)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def suggest(word: str, options: Iterable[str]) -> str | None:
    """The closest option to ``word``, if any is close."""
    matches = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return matches[0] if matches else None
