"""typer's vendored click names corecoach reaches for live in one module; this says when a
typer upgrade moves them."""

from __future__ import annotations

import typer

from corecoach.cli import typer_private


def test_every_private_name_is_there() -> None:
    for name in typer_private.__all__:
        assert getattr(typer_private, name) is not None, name


def test_the_short_help_helper_cuts_at_a_word() -> None:
    text = "Record the morning check: back pain (0-10), stiffness, and leg symptoms if any."
    short = typer_private.make_default_short_help(text, 40)
    assert short.endswith("...") and len(short) <= 40 and text.startswith(short[:-3])


def test_pinned_to_the_typer_series_it_was_written_for() -> None:
    """typer._click is private: read typer's changelog and this module before widening."""
    major, minor = (int(p) for p in typer.__version__.split(".")[:2])
    assert (major, minor) >= (0, 26), "typer vendors click as typer._click since 0.26"


def test_no_other_module_reaches_into_typer_private_click() -> None:
    from pathlib import Path

    src = Path(typer_private.__file__).resolve().parents[1]
    users = [p.relative_to(src).as_posix() for p in src.rglob("*.py")
             if "typer._click" in p.read_text(encoding="utf-8")]
    assert users == ["cli/typer_private.py"]
