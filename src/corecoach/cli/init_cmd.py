"""init: the questionnaire that writes a profile, then shows week 1 of the plan.

The questions, their parsing and the profile they build live in
:mod:`corecoach.questionnaire`; this module only asks, prints and saves.

End of input and Ctrl-C are told apart by how the answer line is read: :func:`read_line`
raises ``EOFError`` when input runs out (exit 2) while Ctrl-C raises ``KeyboardInterrupt``
(exit 130, via ``reporting()``). Nothing is written before the final "Save?" yes.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from corecoach.cli.common import library, reporting
from corecoach.cli.prompting import ask, bold, drive, interactive, say
from corecoach.paths import default_profile_path

if TYPE_CHECKING:

    from corecoach.profile import Profile


def _backup_path(path: Path) -> Path:
    """``PATH.bak``, or ``PATH.bak2``... when that is taken: never over an older copy."""
    candidate = path.with_name(path.name + ".bak")
    n = 2
    while os.path.lexists(candidate):
        candidate, n = path.with_name(f"{path.name}.bak{n}"), n + 1
    return candidate


def _existing(path: Path) -> tuple[Profile | None, str | None, Path | None]:
    """What is at ``path``: a valid profile and its text (its answers become the defaults),
    or, for any other file, where a copy of it will be kept before it is replaced."""
    from corecoach.errors import InputError
    from corecoach.profile import load_profile

    if not os.path.lexists(path):
        return None, None, None
    try:
        profile = load_profile(path)
        text = path.read_text(encoding="utf-8")
    except (InputError, OSError, UnicodeError) as exc:
        reason = exc.lines()[0] if isinstance(exc, InputError) else f"{path}: {exc}"
        backup = _backup_path(path)
        typer.echo(f"note: {reason}; starting from the built-in defaults. If you save, the "
                   f"old file is first copied to {backup}", err=True)
        return None, None, backup
    typer.echo(f"Your answers in {path} are the defaults.")
    return profile, text, None


def _save(path: Path, profile: Profile, old: Profile | None, old_text: str | None,
          backup: Path | None) -> None:
    """Write the profile, losing nothing.

    A file that was not a valid profile is first copied to ``backup``; a new file (or one
    written from the template) starts from the editor-ready template; a hand-written profile
    is updated in place, keeping its comments and key order.
    """
    import shutil

    from corecoach.errors import InputError
    from corecoach.tomlio import write_atomic

    if backup is not None:
        try:
            shutil.copy2(path, backup, follow_symlinks=True)
        except OSError as exc:
            raise InputError.single(str(path), "", f"cannot keep a copy of the old file at "
                                    f"{backup} ({exc.strerror or exc}); nothing was "
                                    "written") from None
        typer.echo(f"Kept a copy of the old file at {backup}")
    try:
        if old is not None and old_text is not None and not _is_template(path):
            from corecoach.tomledit import update_profile_text

            write_atomic(path, update_profile_text(old_text, old, profile), record=True)
        else:
            _save_new(profile, path)
    except OSError as exc:
        raise InputError.single(str(path), "", f"cannot be written ({exc.strerror}); choose "
                                "another PATH") from None


def _summary(profile: Profile) -> str:
    from io import StringIO

    from rich.console import Console
    from rich.table import Table

    from corecoach.questionnaire import summary_rows

    color = interactive() and not os.environ.get("NO_COLOR")
    console = Console(file=StringIO(), width=80, color_system="standard" if color else None,
                      force_terminal=color, no_color=not color, highlight=False, emoji=False)
    table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 3, 0, 0))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for topic, answer in summary_rows(profile):
        table.add_row(topic, answer)
    console.print(table)
    text: str = console.file.getvalue()  # type: ignore[attr-defined]
    return "".join(f"  {line}".rstrip() + "\n" for line in text.splitlines())


def _week_one(profile: Profile) -> tuple[str, bool]:
    """The week-1 plan as text, and whether it was withheld."""
    from corecoach.planner import build_plan
    from corecoach.render import render_plans, render_withheld

    outcome = build_plan(profile, library(None), 1)
    color = interactive()
    if outcome.plan is None:
        assert outcome.withheld is not None
        return render_withheld(outcome.withheld, "text", color=color), True
    return render_plans([outcome.plan], "text", color=color), False


def _questionnaire(path: Path) -> int:
    from corecoach.errors import CorecoachError, ExitCode, InputError
    from corecoach.questionnaire import Stop, confirm_question, interview
    from corecoach.render import render_withheld

    if os.path.isdir(path):
        raise InputError.single(str(path), "", "is a folder; give a file name such as "
                                f"{path / 'profile.toml'}")
    try:
        os.lstat(path)
    except FileNotFoundError:
        pass
    except OSError as exc:  # a name too long, a folder that cannot be searched
        from corecoach.tomlio import path_problem

        raise InputError.single(str(path), "", path_problem(path, exc)) from None
    say(bold("corecoach init") + ": a few questions for your profile. Enter keeps the "
         "answer in [brackets]; Ctrl-C stops without saving.")
    old, old_text, backup = _existing(path)
    try:
        outcome = drive(interview(old))
        if isinstance(outcome, Stop):
            typer.echo()
            typer.echo(render_withheld(outcome.withheld, "text", color=interactive()),
                       nl=False)
            typer.echo("Nothing was written.")
            return int(ExitCode.WITHHELD)
        profile = outcome
        typer.echo()
        typer.echo(bold("Your answers"))
        typer.echo(_summary(profile))
        save = ask(confirm_question(str(path), replacing=os.path.lexists(path),
                                    backup=str(backup) if backup else None))
    except EOFError:
        typer.echo()
        raise InputError.single("", "", "input ended before the last question; nothing was "
                                "written") from None
    if not save:
        typer.echo("Nothing was written.")
        return int(ExitCode.OK)

    from corecoach.journal.keys import insert_id, new_profile_id

    # The id keys the journal: keep the one the profile had, else give it one, on the line
    # after `version = 1` as the first `log` would put it.
    new_id = (old.id if old is not None else None) or new_profile_id()
    if old is not None and old.id is None and old_text is not None:
        with_id = insert_id(old_text, new_id)
        if with_id is not None:
            old, old_text = old.model_copy(update={"id": new_id}), with_id
    profile = profile.model_copy(update={"id": new_id})
    _save(path, profile, old, old_text, backup)
    # From here on the profile is saved: say so, whatever happens to the plan display.
    try:
        text, withheld = _week_one(profile)
    except CorecoachError as exc:
        from corecoach.cli.common import error_lines

        for line in error_lines(exc):
            typer.echo(f"error: {line}", err=True)
        typer.echo(f"Saved your profile to {path}; the plan could not be shown.", err=True)
        return int(exc.exit_code)
    except KeyboardInterrupt:
        typer.echo(f"\ninterrupted; your profile was saved to {path}", err=True)
        return int(ExitCode.INTERRUPTED)
    typer.echo()
    typer.echo(text, nl=False)
    typer.echo()
    typer.echo(f"Saved your profile to {path}")
    where = "" if path == default_profile_path() else f" {path}"
    typer.echo(f"Next: `corecoach plan{where} --week 2` shows week 2; `corecoach init{where}` "
               "again changes your answers.")
    return int(ExitCode.WITHHELD) if withheld else int(ExitCode.OK)


def init(
    path: Annotated[
        Optional[Path],  # noqa: UP045 - typer needs Optional here on 3.11
        typer.Argument(metavar="PATH",
                       help="Where to write the profile; default: $CORECOACH_PROFILE, else "
                       "profile.toml in your config folder.", show_default=False),
    ] = None,
) -> None:
    """Answer a few questions, save your profile, and see week 1 of your plan.

    Health and back-safety questions come first. Every question shows a default in
    [brackets] and Enter keeps it; run it again to change your answers. Nothing is written
    until you say yes to "Save?". Answers can also be piped in, one per line.

    Exit 0 when saved (or when you decline to save); 2 when input ends early; 3 when a back
    warning sign stops the questions or the plan is withheld until you are cleared; 130 on
    Ctrl-C.

    Example:

      corecoach init

      corecoach init me.toml

      yes '' | corecoach init defaults.toml    # accept every default
    """
    with reporting():
        code = _questionnaire(path or default_profile_path())
    raise typer.Exit(code)


def _is_template(path: Path) -> bool:
    """Was ``path`` written from the new-profile template (so rewriting it loses nothing)?"""
    from corecoach.profile_template import is_template_text

    try:
        return is_template_text(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return False


def _save_new(profile: Profile, path: Path) -> None:
    """A new profile starts editor-ready: a #:schema line, comments, the schema beside it."""
    from corecoach.profile_template import new_profile_text, write_schema_beside
    from corecoach.tomlio import write_atomic

    write_atomic(path, new_profile_text(profile), record=True)
    write_schema_beside(path)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command()(init)
