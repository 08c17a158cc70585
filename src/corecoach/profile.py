"""The activity profile: model, TOML load and atomic save, JSON Schema."""

# No `from __future__ import annotations`: pydantic would evaluate every string annotation
# again at every start (about 1 ms a module of models).

import datetime as dt
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from corecoach.validation import no_controls
from corecoach.vocab import (
    DAYS,
    PROFILE_ID_PATTERN,
    After,
    Day,
    Equipment,
    Experience,
    RedFlag,
    Sport,
    Surface,
    Symptom,
    Work,
)

PROFILE_VERSION = 1
#: The last Monday a program may start on: 16 weeks later is still a valid date.
LATEST_START = dt.date(9000, 1, 1)


def _shown(value: Any) -> str:
    """A value as it reads in TOML: true, "text", 2026-11-30T00:00:00."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, dt.datetime):
        return value.isoformat()
    return str(value)


def _unique(values: tuple[Any, ...]) -> tuple[Any, ...]:
    seen = [v for i, v in enumerate(values) if v in values[:i]]
    if seen:
        raise ValueError(f"lists {seen[0]!r} twice")
    return values


def _day_order(days: tuple[Day, ...]) -> tuple[Day, ...]:
    return tuple(sorted(days, key=DAYS.index))


Days = Annotated[tuple[Day, ...], AfterValidator(_unique), AfterValidator(_day_order)]

#: At most this many function goals (the PSFS asks for three to five; three keep it short).
MAX_GOALS = 3
#: One function goal: an activity in the person's words, e.g. "run 10 km on the road".
Goal = Annotated[StrictStr, StringConstraints(strip_whitespace=True, min_length=3,
                                              max_length=80), AfterValidator(no_controls)]
#: What follows the last program week.


#: What ``screening.cleared_for`` may name: a PAR-Q+ question, the pelvic-health check, or
#: the assessment a second episode of leg symptoms asks for (``leg_symptoms``).
Clearable = Literal[
    "heart_condition", "chest_pain", "dizziness", "chronic_condition", "medication",
    "bone_joint_problem", "supervised_only", "pelvic_health", "leg_symptoms",
]
CLEARABLE: tuple[str, ...] = get_args(Clearable)


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Activity(_Section):
    """A sport the person does every week, on fixed days."""

    sport: Sport = Field(description="The sport.")
    days: Days = Field(min_length=1, description="Days of the week it happens on.")
    minutes: StrictInt = Field(ge=5, le=600, description="Usual minutes of one session.")
    surface: Surface | None = Field(
        default=None, description="Running only: the usual surface (default road)."
    )
    name: Annotated[StrictStr, AfterValidator(no_controls)] | None = Field(
        default=None, min_length=2, max_length=40,
        description="Your own word for it, shown in the plan (padel, BJJ, ...); "
        "best given with sport = \"other\".")

    @field_validator("surface")
    @classmethod
    def _surface_only_for_running(
        cls, surface: Surface | None, info: ValidationInfo
    ) -> Surface | None:
        sport = info.data.get("sport")
        if surface is not None and sport is not None and sport != "running":
            raise ValueError(f"applies to running only; remove it (sport is {sport})")
        return surface

    @property
    def label(self) -> str:
        """What the plan calls it: the person's own name for it, else the sport."""
        return self.name or self.sport

    @property
    def run_surface(self) -> Surface | None:
        """The running surface, road when a run gives none; None for other sports."""
        if self.sport != "running":
            return None
        return self.surface or "road"


class Back(_Section):
    """How the back has been lately."""

    symptom: Symptom = Field(default="none", description="What the back does.")
    pain: StrictInt = Field(default=0, ge=0, le=10, description="Worst pain last week, 0-10.")
    tight_after_minutes: StrictInt | None = Field(
        default=None, ge=1, le=600,
        description="Optional: minutes into a road run before the back usually tightens "
        "(the road return starts below it until the journal's runs say more).")


class Screening(_Section):
    """PAR-Q+ style general health questions and back red flags."""

    heart_condition: StrictBool = False
    chest_pain: StrictBool = False
    dizziness: StrictBool = False
    chronic_condition: StrictBool = False
    medication: StrictBool = False
    bone_joint_problem: StrictBool = False
    supervised_only: StrictBool = False
    cleared: StrictBool = Field(
        default=False,
        description="A doctor or exercise professional has cleared you for exercise: every "
        "PAR-Q+ yes answer counts as cleared (cleared_for names them one by one instead).",
    )
    cleared_for: Annotated[tuple[Clearable, ...], AfterValidator(_unique)] = Field(
        default=(),
        description="Clearance one answer at a time: the PAR-Q+ questions a doctor or "
        "exercise professional has cleared you for (e.g. [\"bone_joint_problem\"]), and "
        "pelvic_health once a pelvic-health check after a pregnancy has cleared you for "
        "running, jumping and lifting, and leg_symptoms once a doctor or physiotherapist "
        "has assessed a second episode of leg symptoms and cleared you to carry on.")
    red_flags: Annotated[tuple[RedFlag, ...], AfterValidator(_unique)] = ()
    pelvic_floor: StrictBool | None = Field(
        default=None,
        description="Since a pregnancy: leaking urine, heaviness or dragging in the pelvis, or "
        "a bulge or gap along the middle of the tummy (true = yes). A pelvic-health check "
        "comes before running, jumping or lifting.")

    def parq_yes(self) -> tuple[str, ...]:
        """The names of the PAR-Q+ questions answered yes."""
        return tuple(name for name in PARQ_QUESTIONS if getattr(self, name))

    def is_cleared(self, name: str) -> bool:
        """Has a professional cleared this answer? ``cleared = true`` clears every PAR-Q+
        answer (as it always did); ``cleared_for`` clears the answers it names, and is the
        only way to clear ``pelvic_health``."""
        return name in self.cleared_for or (self.cleared and name in PARQ_QUESTIONS)

    def legs_assessed(self) -> bool:
        """Has a clinician assessed recurrent leg symptoms? ``leg_symptoms`` in
        ``cleared_for`` says so; ``cleared = true`` still counts (as it always did)."""
        return self.cleared or "leg_symptoms" in self.cleared_for

    def uncleared(self) -> tuple[str, ...]:
        """The PAR-Q+ questions answered yes that no professional has cleared yet."""
        return tuple(name for name in self.parq_yes() if not self.is_cleared(name))


#: PAR-Q+ general questions, in the form's order, in plain words.
PARQ_QUESTIONS: dict[str, str] = {
    "heart_condition": "Has a doctor ever said you have a heart condition or high blood pressure?",
    "chest_pain": "Do you feel pain in your chest at rest, in daily activities, or when active?",
    "dizziness": "In the last 12 months, have you lost balance because of dizziness, or "
    "lost consciousness? (No if it came from over-breathing or hard exercise.)",
    "chronic_condition": "Has a doctor diagnosed another chronic medical condition?",
    "medication": "Do you take prescribed medication for a chronic condition?",
    "bone_joint_problem": "Do you have (or had in the last 12 months) a bone, joint or muscle "
    "problem that more activity could make worse?",
    "supervised_only": "Has a doctor ever said you should only exercise under medical "
    "supervision?",
}


class Profile(_Section):
    """One person's activity profile (profile file format version 1)."""

    version: Literal[1] = Field(description="Profile format version; always 1.")
    id: Annotated[str, StringConstraints(pattern=PROFILE_ID_PATTERN)] | None = Field(
        default=None,
        description="Optional stable key (4-64 of a-z, 0-9, -): keys the journal and "
        "calendar UIDs, so renaming or moving the file keeps its history.",
    )
    name: Annotated[StrictStr, AfterValidator(no_controls)] | None = Field(
        default=None, max_length=80, description="Optional label.")
    experience: Experience = Field(
        default="beginner", description="Strength-training experience."
    )
    desk_hours: StrictInt = Field(
        default=0, ge=0, le=18, description="Hours seated on a typical day."
    )
    stress: StrictInt = Field(
        default=0, ge=0, le=10, description="Self-rated stress, last two weeks."
    )
    session_minutes: StrictInt = Field(
        default=20, ge=5, le=90, description="Longest corecoach session wanted, in minutes."
    )
    available_days: Days = Field(
        default=DAYS, min_length=1, description="Days corecoach may use."
    )
    equipment: Annotated[tuple[Equipment, ...], AfterValidator(_unique)] = Field(
        default=("mat",), description="Equipment at hand."
    )
    weeks: StrictInt = Field(default=8, ge=4, le=16, description="Program length in weeks.")
    start: dt.date | None = Field(default=None, description="Optional Monday of week 1.")
    age: StrictInt | None = Field(
        default=None, ge=13, le=100,
        description="Optional age in years: under 20 a new back pain gets a check first and "
        "no loaded barbell work; 65 and over, balance work and longer stretch holds.")
    work: Work | None = Field(
        default=None, description="Optional: what your work mostly is (desk, standing, "
        "lifting, driving).")
    pregnant: StrictBool | None = Field(
        default=None, description="Optional: true when you are pregnant.")
    postpartum_weeks: StrictInt | None = Field(
        default=None, ge=0, le=520, description="Optional: weeks since giving birth.")
    activities: tuple[Activity, ...] = Field(default=(), max_length=20)
    back: Back = Back()
    screening: Screening = Screening()
    goals: Annotated[tuple[Goal, ...], AfterValidator(_unique)] = Field(
        default=(), max_length=MAX_GOALS,
        description="Up to three activities the back makes hard, in your words (rated 0-10 "
        "with `corecoach rate`: the Patient-Specific Functional Scale).")
    after: After | None = Field(
        default=None,
        description="What follows the program's last week: next-block (a new block that "
        "starts where the chains ended) or maintain (a smaller dose that keeps them); "
        "`corecoach after` writes it.")

    @field_validator("version", mode="before")
    @classmethod
    def _version_is_one(cls, version: Any) -> Any:
        # Literal[1] takes true and 1.0 (both == 1) and gives pydantic's own words for
        # an integer too large; only the integer 1 is a version.
        # Text is left to the usual message ("without quotes").
        if isinstance(version, bool | int | float) and (
                type(version) is not int or version != PROFILE_VERSION):
            raise ValueError(f"{_shown(version)} is not allowed (allowed: {PROFILE_VERSION})")
        return version

    @field_validator("start", mode="before")
    @classmethod
    def _start_is_a_date(cls, start: Any) -> Any:
        # TOML has dates; a quoted "2026-11-30" or a date-time is not one.
        if start is not None and (type(start) is not dt.date):
            raise ValueError(f"must be a date such as 2026-11-30 (no quotes), not "
                             f"{_shown(start)}")
        return start

    @field_validator("start")
    @classmethod
    def _start_is_monday(cls, start: dt.date | None) -> dt.date | None:
        if start is not None and start.weekday() != 0:
            from corecoach.days import monday as monday_of

            monday = monday_of(start)
            raise ValueError(
                f"{start} is a {start.strftime('%A')}; start must be a Monday "
                f"(the Monday before is {monday})"
            )
        if start is not None and start >= LATEST_START:
            raise ValueError(f"{start} is too far ahead (allowed: a Monday before "
                             f"{LATEST_START})")
        return start

    @property
    def label(self) -> str:
        """The name, or a neutral word when the profile has none."""
        return self.name or "you"


#: What each back red flag means, for the schema's hover text.
RED_FLAG_TEXTS: dict[str, str] = {
    "saddle-numbness": "numbness around the groin, buttocks or inner thighs",
    "bladder-bowel-change": "new trouble passing or holding urine or stools",
    "both-legs": "pain, numbness or weakness in both legs",
    "progressive-weakness": "a leg or foot getting weaker",
    "weight-loss": "weight loss you cannot explain",
    "fever": "fever or feeling unwell with the back pain",
    "night-pain": "pain at night that rest does not ease",
    "trauma": "the pain began with a fall or accident",
    "cancer-history": "a past cancer",
    "steroid-use": "long-term steroid medication",
}

_SECTION_TEXTS = {
    "activities": "Your own sports, one [[activities]] table each (at most 20).",
    "back": "How your back has been lately.",
    "screening": "PAR-Q+ health questions and back red flags; a yes withholds the plan "
    "until a professional has cleared you.",
}


def profile_json_schema() -> dict[str, Any]:
    """JSON Schema of the profile file, for editors (``#:schema``) and scripts.

    As strict as the loader: lists take each value once, ``surface`` is for running only,
    numbers are integers; every key has a description, so an editor's hover explains it.
    """
    schema = Profile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "corecoach profile"
    defs = schema["$defs"]
    for key, text in _SECTION_TEXTS.items():
        schema["properties"][key]["description"] = text
    screening = defs["Screening"]["properties"]
    for key, question in PARQ_QUESTIONS.items():
        screening[key]["description"] = f"PAR-Q+: {question} (true = yes)"
    screening["red_flags"]["description"] = "Back warning signs that apply now: " + "; ".join(
        f"{flag}: {text}" for flag, text in RED_FLAG_TEXTS.items()
    ) + ". Any of them stops the plan with advice to get care."
    for holder, key in (
        (schema["properties"], "available_days"), (schema["properties"], "equipment"),
        (defs["Activity"]["properties"], "days"), (screening, "red_flags"),
        (screening, "cleared_for"),
    ):
        holder[key]["uniqueItems"] = True
    # surface: running only, as the loader says.
    defs["Activity"]["if"] = {"properties": {"sport": {"not": {"const": "running"}}}}
    defs["Activity"]["then"] = {"not": {"required": ["surface"]}}
    for node in (schema, *defs.values()):
        for prop in node.get("properties", {}).values():
            prop.pop("title", None)
    return schema


def profile_to_toml(profile: Profile) -> str:
    """The profile as TOML text, defaults included, ``None`` values left out."""
    import tomli_w

    data = profile.model_dump(mode="python", exclude_none=True)
    # TOML has no null; tomli-w wants lists, not tuples.
    return tomli_w.dumps(toml_ready(data))


def toml_ready(value: Any) -> Any:
    """Tuples as lists (TOML arrays), recursively; tomli-w and tomlkit want lists."""
    if isinstance(value, dict):
        return {k: toml_ready(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [toml_ready(v) for v in value]
    return value


def parse_profile(data: dict[str, Any], source: str) -> Profile:
    """Validate parsed TOML data as a Profile; errors become a ProfileError naming ``source``."""
    from corecoach.errors import ProfileError
    from corecoach.validation import problems_from

    version = data.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > PROFILE_VERSION:
        raise ProfileError.single(
            source, "version",
            f"profile format {version} is newer than this corecoach understands "
            f"(allowed: {PROFILE_VERSION}); upgrade corecoach or write version = 1",
        )
    try:
        return Profile.model_validate(data)
    except ValidationError as exc:
        raise ProfileError(problems_from(exc, Profile, source)) from None


def load_profile(path: Path) -> Profile:
    """Read and validate a profile file."""
    from corecoach.tomlio import read_toml

    return parse_profile(read_toml(path), str(path))


def save_profile(profile: Profile, path: Path) -> None:
    """Write the profile as TOML, atomically (no half-written file, ever)."""
    from corecoach.tomlio import write_atomic

    write_atomic(path, profile_to_toml(profile))
