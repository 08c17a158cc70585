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
from corecoach.cli.console import say as message
from corecoach.cli.prompting import ask, bold, drive, echo, say
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
        message(f"note: {reason}; starting from the built-in defaults. If you save, the old "
                f"file is first copied to {backup}", err=True)
        return None, None, backup
    say(f"Your answers in {path} are the defaults.")
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
        say(f"Kept a copy of the old file at {backup}")
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
    """The answers as two columns, drawn for the terminal (a topic above its answer when
    the terminal is too narrow for both side by side)."""
    from corecoach.cli.console import detect_terminal
    from corecoach.questionnaire import summary_rows
    from corecoach.render.terminal import summary_text

    return summary_text(summary_rows(profile), detect_terminal(), indent=2)


def _week_one(profile: Profile) -> tuple[str, bool]:
    """The week-1 plan as text for this terminal, and whether it was withheld."""
    from corecoach.cli.console import detect_terminal
    from corecoach.planner import build_plan
    from corecoach.render import render_plans, render_withheld

    outcome = build_plan(profile, library(None), 1)
    terminal = detect_terminal()
    if outcome.plan is None:
        assert outcome.withheld is not None
        return render_withheld(outcome.withheld, "text", terminal=terminal), True
    return render_plans([outcome.plan], "text", terminal=terminal), False


def _questionnaire(path: Path) -> int:
    from corecoach.cli.console import detect_terminal, emit
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
            echo()
            emit(render_withheld(outcome.withheld, "text", terminal=detect_terminal()))
            echo("Nothing was written.")
            return int(ExitCode.WITHHELD)
        profile = outcome
        echo()
        echo(bold("Your answers"))
        emit(_summary(profile))
        echo()
        save = ask(confirm_question(str(path), replacing=os.path.lexists(path),
                                    backup=str(backup) if backup else None))
    except EOFError:
        echo()
        raise InputError.single("", "", "input ended before the last question; nothing was "
                                "written") from None
    if not save:
        echo("Nothing was written.")
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
    # From here on the profile is saved: say so first, whatever happens to the plan display.
    echo()
    say(f"Saved your profile to {path}")
    try:
        text, withheld = _week_one(profile)
    except CorecoachError as exc:
        from corecoach.cli.common import error_lines
        from corecoach.cli.console import emit_error

        for line in error_lines(exc):
            emit_error(line)
        message(f"Saved your profile to {path}; the plan could not be shown.", err=True)
        return int(exc.exit_code)
    except KeyboardInterrupt:
        message(f"\ninterrupted; your profile was saved to {path}", err=True)
        return int(ExitCode.INTERRUPTED)
    echo()
    emit(text)
    echo()
    where = "" if path == default_profile_path() else f" {path}"
    say(f"Next: `corecoach plan{where} --week 2` shows week 2; `corecoach init{where}` again "
        "changes your answers.")
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
