"""The text a new profile starts with: a ``#:schema`` line and a short comment per key.

Editors with TOML schema support (Even Better TOML / taplo) read the first line and check
and complete the file as it is typed; the comments say what each key means and allows,
as in the README's example. Only a NEW file gets this text: changing an existing profile
keeps the person's own comments (that is the writer's job, not this module's).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from corecoach.profile import Profile

SCHEMA_FILE = "corecoach-profile.schema.json"
COMMENT_COLUMN = 33

_TOP = (
    ("version", "profile format; always 1"),
    ("id", "keys your journal and calendar; keep it"),
    ("name", "optional label"),
    ("experience", "beginner | intermediate | advanced (strength training)"),
    ("desk_hours", "hours seated on a typical day, 0-18"),
    ("stress", "0-10, self-rated, last two weeks"),
    ("session_minutes", "longest corecoach session wanted, 5-90"),
    ("available_days", "days corecoach may use"),
    ("equipment", "mat, dowel, band, dumbbell, kettlebell, barbell, rack, bench, "
     "foam-roller, strap"),
    ("weeks", "program length, 4-16"),
    ("start", "Monday of week 1 (leave it out to start this week)"),
    ("age", "13-100 (Tier B wording under 20; balance work from 65)"),
    ("work", "desk | standing | lifting | driving"),
    ("pregnant", "true when you are pregnant"),
    ("postpartum_weeks", "weeks since giving birth"),
    ("goals", "up to three activities your back makes hard (corecoach rate scores them 0-10)"),
    ("after", "after the last week: next-block | maintain"),
)
_ACTIVITY = (
    ("sport", "running, cycling, karate, swimming, walking, gym, yoga, team-sport, golf, "
     "rowing, grappling, racket, climbing, hiking, skiing, other"),
    ("name", "your own word for it (padel, BJJ); best with sport = \"other\""),
    ("days", "the days it happens on"),
    ("minutes", "usual minutes of one session, 5-600"),
    ("surface", "running only: road | trail | treadmill | track | mixed"),
)
_BACK = (
    ("symptom", "none | stiff-mornings | tight-after-activity | seizes-during-running | "
     "ongoing-pain | flare"),
    ("pain", "0-10, worst in the last week"),
    ("tight_after_minutes", "minutes into a road run before the back usually tightens"),
)
_SCREENING_NOTE = "PAR-Q+ health questions (true = yes); your editor shows each question"


def toml_value(value: Any) -> str:
    """One TOML value on one line: strings quoted, lists inline, dates bare."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    # A JSON string is a valid TOML basic string (same escapes), kept readable.
    return json.dumps(str(value), ensure_ascii=False)


LINE_WIDTH = 92


def _with_comment(text: str, comment: str) -> str:
    """``text`` and a trailing comment at COMMENT_COLUMN, wrapped onto comment-only lines."""
    import textwrap

    if not comment:
        return text
    start = text.ljust(COMMENT_COLUMN - 1) + " " if len(text) < COMMENT_COLUMN - 1 \
        else text + "  "
    first, *rest = textwrap.wrap(comment, LINE_WIDTH - max(len(start), COMMENT_COLUMN) - 2,
                                 break_on_hyphens=False)
    lines = [f"{start}# {first}"]
    lines += [" " * (COMMENT_COLUMN - 1) + f" # {more}" for more in rest]
    return "\n".join(lines)


def _line(key: str, value: Any, comment: str) -> str:
    return _with_comment(f"{key} = {toml_value(value)}", comment)


def new_profile_text(profile: Profile, schema: str = f"./{SCHEMA_FILE}") -> str:
    """The TOML of ``profile`` as a new file: schema line, comments, every key explained."""
    data = profile.model_dump(mode="python", exclude_none=True)
    out = [f"#:schema {schema}",
           "# corecoach profile: edit it in any text editor; `corecoach validate` checks it."]
    out += [_line(key, data[key], note) for key, note in _TOP if key in data]
    for n, activity in enumerate(data.get("activities", ())):
        out += ["", _with_comment("[[activities]]", "" if n else "one table per sport")]
        out += [_line(key, activity[key], note if n == 0 else "")
                for key, note in _ACTIVITY if key in activity]
    out += ["", "[back]"]
    out += [_line(key, data["back"][key], note) for key, note in _BACK if key in data["back"]]
    screening = data["screening"]
    out += ["", _with_comment("[screening]", _SCREENING_NOTE)]
    for key, value in screening.items():
        if key == "cleared":
            note = "a doctor or exercise professional has cleared you"
        elif key == "cleared_for":
            note = "answers cleared one by one; pelvic_health after a pelvic-health check"
        elif key == "red_flags":
            note = "back warning signs; any of them stops the plan"
        elif key == "pelvic_floor":
            note = "leaking, heaviness or a tummy gap since a pregnancy"
        else:
            note = ""
        out.append(_line(key, value, note))
    return "\n".join(out) + "\n"


def is_template_text(text: str) -> bool:
    """Is ``text`` exactly what :func:`new_profile_text` writes for the profile it holds?

    Then writing the template again for a changed profile loses no comment of the person's.
    """
    import tomllib

    from corecoach.errors import CorecoachError
    from corecoach.profile import parse_profile

    first = text.split("\n", 1)[0]
    if not first.startswith("#:schema "):
        return False
    try:
        profile = parse_profile(tomllib.loads(text), "")
    except (tomllib.TOMLDecodeError, CorecoachError):  # not ours: keep it as it is
        return False
    return new_profile_text(profile, first.removeprefix("#:schema ")) == text


def write_schema_beside(profile_path: Path) -> Path:
    """Write the profile's JSON Schema next to ``profile_path`` (for its ``#:schema`` line)."""
    from corecoach.profile import profile_json_schema
    from corecoach.tomlio import replace_file

    target = profile_path.parent / SCHEMA_FILE
    # Replaced, never written through: a link planted at the name must not aim our write.
    text = json.dumps(profile_json_schema(), indent=2, ensure_ascii=False) + "\n"
    replace_file(target, text.encode("utf-8"))
    return target
