"""The closed vocabularies of the profile and the routine library.

Each ``Literal`` type is the single source of truth; the matching tuple lists its values
for messages, prompts and documentation.
"""

from __future__ import annotations

from typing import Literal, get_args

Day = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
Experience = Literal["beginner", "intermediate", "advanced"]
Equipment = Literal[
    "mat", "dowel", "band", "dumbbell", "kettlebell", "barbell", "rack", "bench",
    "foam-roller", "strap",
]
Sport = Literal[
    "running", "cycling", "karate", "swimming", "walking", "gym", "yoga", "team-sport", "golf",
    "rowing", "grappling", "racket", "climbing", "hiking", "skiing", "other",
]
Surface = Literal["road", "trail", "treadmill", "track", "mixed"]
Symptom = Literal[
    "none", "stiff-mornings", "tight-after-activity", "seizes-during-running", "ongoing-pain",
    "flare",
]
RedFlag = Literal[
    "saddle-numbness", "bladder-bowel-change", "both-legs", "progressive-weakness",
    "weight-loss", "fever", "night-pain", "trauma", "cancer-history", "steroid-use",
]
Work = Literal["desk", "standing", "lifting", "driving"]
Category = Literal["core", "flexibility", "hinge", "mobility", "breathing", "activity"]
#: What follows the last program week (the profile's ``after``).
After = Literal["next-block", "maintain"]

#: A profile's ``id``: 4-64 of a-z, 0-9 and -. The one definition: the Profile model and
#: the journal commands (which check it without building the model) both use it.
PROFILE_ID_PATTERN = r"^[a-z0-9-]{4,64}$"

DAYS: tuple[Day, ...] = get_args(Day)
EXPERIENCES: tuple[Experience, ...] = get_args(Experience)
EQUIPMENT: tuple[Equipment, ...] = get_args(Equipment)
SPORTS: tuple[Sport, ...] = get_args(Sport)
SURFACES: tuple[Surface, ...] = get_args(Surface)
SYMPTOMS: tuple[Symptom, ...] = get_args(Symptom)
RED_FLAGS: tuple[RedFlag, ...] = get_args(RedFlag)
CATEGORIES: tuple[Category, ...] = get_args(Category)
AFTER_CHOICES: tuple[After, ...] = get_args(After)
WORKS: tuple[Work, ...] = get_args(Work)

#: Red flags that call for same-day emergency care (possible cauda equina syndrome).
URGENT_RED_FLAGS: frozenset[RedFlag] = frozenset(
    {"saddle-numbness", "bladder-bowel-change", "both-legs", "progressive-weakness"}
)

DAY_NAMES: dict[Day, str] = {
    "mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday",
    "fri": "Friday", "sat": "Saturday", "sun": "Sunday",
}
