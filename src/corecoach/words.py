"""Small helpers for the words corecoach prints."""

from __future__ import annotations


def count(n: int, word: str, plural: str | None = None) -> str:
    """``n`` and ``word`` in the number it needs: ``1 exercise``, ``3 exercises``,
    ``0 entries`` (``plural`` when adding an s is not the plural)."""
    return f"{n} {word}" if n == 1 else f"{n} {plural or word + 's'}"
