"""init: the questionnaire that writes a profile, then shows week 1 of the plan.

The questions, their parsing and the profile they build live in
:mod:`corecoach.questionnaire`, and what is kept of the file already at PATH in
:mod:`corecoach.profile_files`; this module only asks and prints.

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
from corecoach.profile_files import find_profile, save_profile_file, with_id

if TYPE_CHECKING:
    from corecoach.profile import Profile


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
    found = find_profile(path)
    if found.problem is not None:
        message(f"note: {found.problem}; starting from the built-in defaults. If you save, "
                f"the old file is first copied to {found.backup}", err=True)
    elif found.profile is not None:
        say(f"Your answers in {path} are the defaults.")
    try:
        outcome = drive(interview(found.profile))
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
                                    backup=str(found.backup) if found.backup else None))
    except EOFError:
        echo()
        raise InputError.single("", "", "input ended before the last question; nothing was "
                                "written") from None
    if not save:
        echo("Nothing was written.")
        return int(ExitCode.OK)

    from corecoach.journal.keys import new_profile_id

    profile, found = with_id(profile, found, new_profile_id())
    kept = save_profile_file(path, profile, found)
    if kept is not None:
        say(f"Kept a copy of the old file at {kept}")
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


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command()(init)
