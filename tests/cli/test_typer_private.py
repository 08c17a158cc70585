"""typer's vendored click names corecoach reaches for live in one module; this says when a
typer upgrade moves them."""

from __future__ import annotations

import typer

from corecoach.cli import typer_private


def test_the_usage_errors_are_what_the_cli_catches() -> None:
    """The root catches ClickException for every usage error: each one must be one."""
    for error in (typer_private.BadParameter, typer_private.MissingParameter,
                  typer_private.NoArgsIsHelpError, typer_private.UsageError):
        assert issubclass(error, typer_private.ClickException), error


def test_the_short_help_helper_cuts_at_a_word() -> None:
    text = "Record the morning check: back pain (0-10), stiffness, and leg symptoms if any."
    short = typer_private.make_default_short_help(text, 40)
    assert short.endswith("...") and len(short) <= 40 and text.startswith(short[:-3])


def test_pinned_to_the_typer_series_it_was_written_for() -> None:
    """typer._click is private: a new major typer may move it. Read its changelog and this
    module, then widen the pin."""
    assert typer.__version__.split(".")[0] == "0", typer.__version__


def test_no_other_module_reaches_into_typer_private_click() -> None:
    from pathlib import Path

    src = Path(typer_private.__file__).resolve().parents[1]
    users = [p.relative_to(src).as_posix() for p in src.rglob("*.py")
             if "typer._click" in p.read_text(encoding="utf-8")]
    assert users == ["cli/typer_private.py"]
