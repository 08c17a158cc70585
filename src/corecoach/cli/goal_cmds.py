"""`corecoach rate`: the function goals' 0-10 ability (Patient-Specific Functional Scale)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from corecoach.cli.options import DateOpt, NoteOpt, ProfileArg, TodayOpt


def rate(
    profile_path: ProfileArg = None,
    goal: Annotated[Optional[list[str]], typer.Option(  # noqa: UP045
        "--goal", "-g", metavar="N=SCORE",
        help="Goal N of the profile's goals (1-3) and your ability at it today, 0 (unable) "
        "to 10 (as before the problem); repeat for each goal.")] = None,
    date: DateOpt = None,
    note: NoteOpt = None,
    today: TodayOpt = None,
) -> None:
    """Rate your function goals 0-10 (the Patient-Specific Functional Scale).

    Each of the profile's goals (up to three activities your back makes hard) gets a score:
    0 = unable to do it, 10 = able to do it as before the problem. With no --goal on a
    terminal it asks. `history` shows the trend beside pain; a change of 2 points or more
    is meaningful. Rate every two weeks or so: `today` reminds you.

    Examples:

      corecoach rate

      corecoach rate --goal 1=4 --goal 2=7

      corecoach rate me.toml --goal 1=6 --date 2026-12-14
    """
    from corecoach.cli.common import reporting
    from corecoach.cli.console import say
    from corecoach.cli.journal_files import (
        entry_day,
        journal_profile,
        store_entries,
        writer_key,
    )
    from corecoach.cli.options import today_of
    from corecoach.cli.prompting import drive, interactive
    from corecoach.errors import InputError
    from corecoach.goals import rating_entries, scores_from_options

    with reporting():
        now = today_of(today)
        day = entry_day(date, now)
        profile, path = journal_profile(profile_path)
        goals = profile.goals
        if not goal and goals and interactive():
            from corecoach.questionnaire import rating_questions

            try:
                scores = drive(rating_questions(goals))
            except EOFError:
                raise InputError.single("", "", "input ended before the last question; "
                                        "nothing was written") from None
            if not scores:
                say("nothing rated: nothing was written")
                return
        else:
            scores = scores_from_options(goals, goal or [])
        rating_entries("?", goals, scores, day, now, note)  # every mistake before a write
        entries = rating_entries(writer_key(profile.id, path), goals, scores, day, now, note)
        store_entries(entries, path)
        for entry in entries:
            say(f"logged {entry.describe()}")


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
    app.command()(rate)
