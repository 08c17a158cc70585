"""Definition models: exercises, progression chains and rules, as written in routines/*.toml."""

# No `from __future__ import annotations`: pydantic would evaluate every string annotation
# again at every start (about 1 ms a module of models).

from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StringConstraints,
    model_validator,
)

from corecoach.validation import no_controls
from corecoach.vocab import Category, Sport

KEBAB = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Id = Annotated[str, StringConstraints(pattern=KEBAB, min_length=2, max_length=60)]
#: One equipment requirement: an id, or alternatives joined by "|" ("kettlebell|dumbbell").
Requirement = Annotated[str, StringConstraints(pattern=r"^[a-z-]+(\|[a-z-]+)*$")]
#: A name shown on one line: no newlines or terminal escapes.
Name = Annotated[str, StringConstraints(min_length=2, max_length=80), AfterValidator(no_controls)]

Unit = Literal["hold", "reps", "stretch", "time"]
Timing = Literal["any", "before-activity", "after-activity"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Dose(_Strict):
    """One rung of a dose ladder: sets of reps (or one entry per set), and seconds per rep."""

    sets: StrictInt = Field(ge=1, le=10)
    reps: StrictInt | tuple[StrictInt, ...] | None = None
    seconds: StrictInt | None = Field(default=None, ge=1, le=1800)

    @model_validator(mode="after")
    def _reps_fit_sets(self) -> "Dose":
        if isinstance(self.reps, tuple):
            if len(self.reps) != self.sets:
                raise ValueError(f"reps lists one entry per set: {len(self.reps)} entries "
                                 f"for sets = {self.sets}")
            if any(r < 1 or r > 100 for r in self.reps):
                raise ValueError("every entry of reps must be 1-100")
        elif isinstance(self.reps, int) and not 1 <= self.reps <= 100:
            raise ValueError("reps must be 1-100")
        return self

    def total_reps(self) -> int:
        """Reps over all sets (1 per set for stretches and timed blocks)."""
        if self.reps is None:
            return self.sets
        if isinstance(self.reps, int):
            return self.reps * self.sets
        return sum(self.reps)


class Caution(_Strict):
    """A caution shown with the exercise; with ``when`` it also excludes the exercise."""

    text: str = Field(min_length=3)
    when: str | None = None


class Load(_Strict):
    """External load for barbell or bell work: where it starts and its smallest step."""

    start_kg: float = Field(gt=0, le=300)
    step_kg: float = Field(gt=0, le=20)


class Exercise(_Strict):
    """One exercise of the library."""

    id: Id
    name: Name
    category: Category
    level: StrictInt = Field(ge=1, le=5)
    equipment: tuple[Requirement, ...] = ()
    unit: Unit
    per_side: StrictBool = False
    ladder: tuple[Dose, ...] = Field(min_length=1, max_length=12)
    cues: tuple[str, ...] = Field(min_length=2, max_length=4)
    cautions: tuple[Caution, ...] = ()
    targets: tuple[str, ...] = ()
    tags: tuple[Id, ...] = ()
    timing: Timing = "any"
    rest_seconds: StrictInt = Field(default=30, ge=0, le=300)
    load: Load | None = None
    source: str = ""

    @property
    def loaded(self) -> bool:
        """Loaded hinges and other loaded work: spaced 48 h apart, kept out of flares."""
        return "loaded" in self.tags


class Chain(_Strict):
    """A progression: exercise ids from easiest to hardest."""

    id: Id
    name: Name
    steps: tuple[Id, ...] = Field(min_length=1)


class Rule(_Strict):
    """When ``when`` holds for a profile, the rule adds its effects to the plan."""

    id: Id
    when: str = Field(min_length=1, max_length=500)
    because: str = Field(min_length=10, max_length=400)
    weight: StrictInt = Field(default=5, ge=1, le=10)
    include: tuple[Id, ...] = ()
    # A lambda, not the builtin dict: see plan._empty (start-up speed).
    per_week: dict[Id, StrictInt] = Field(default_factory=lambda: {})
    exclude: tuple[Id, ...] = ()
    exclude_tags: tuple[Id, ...] = ()
    max_level: StrictInt | None = Field(default=None, ge=1, le=5)
    notes: tuple[str, ...] = ()
    #: What the person must read first (a check to get before some of the work).
    alerts: tuple[str, ...] = ()
    #: Static stretches are held at least this long (ACSM: 30-60 s for older adults).
    stretch_seconds: StrictInt | None = Field(default=None, ge=10, le=120)
    #: The sport this rule's warm-ups go before and its stretches after ("before karate").
    sport: Sport | None = None
    #: Its included chains go together, as one block on the same days (the McGill Big 3).
    together: StrictBool = False
    #: A narrowing rule (e.g. the maintenance dose): when it fires, the plan's work comes
    #: only from it, the other narrowing rules that fire and the rules named here; every
    #: other rule that fires keeps its exclusions, level cap and alerts but adds no work.
    keep: tuple[Id, ...] | None = None

    @model_validator(mode="after")
    def _frequencies_in_range(self) -> "Rule":
        for key, n in self.per_week.items():
            if not 1 <= n <= 7:
                raise ValueError(f"per_week.{key} must be 1-7, not {n}")
        return self


AdaptDecision = Literal["hold", "flare", "step-back", "back", "repeat", "progress"]
#: How far each decision moves a chain by default, in rungs of its dose ladders.
DEFAULT_RUNGS: dict[str, int] = {"hold": 0, "flare": 0, "step-back": -4, "back": -1,
                                 "repeat": 0, "progress": 1}


class AdaptRule(_Strict):
    """A journal rule: when ``when`` holds for the last session, decide what comes next.

    Rules are tried by ``rank`` (lowest first; ties by id) and the first that matches wins.
    ``rungs`` is how far the decision moves each chain (default by decision: progress +1,
    back -1, step-back -4, the rest 0); ``hold`` withholds the plan, ``flare`` switches the
    profile's flare rules on. ``because`` may name facts in braces: ``{morning_pain}``.
    """

    id: Id
    rank: int = Field(ge=1, le=10000)
    when: str = Field(min_length=1, max_length=500)
    decision: AdaptDecision
    # Shown on the terminal by `today` and `plan`: no control characters (tab is fine).
    because: Annotated[str, Field(min_length=10, max_length=400), AfterValidator(no_controls)]
    rungs: int | None = Field(default=None, ge=-20, le=1)
    alert: Annotated[str, Field(min_length=10, max_length=400),
                     AfterValidator(no_controls)] | None = None
    #: True: this rule never moves breathing and mobility chains (gentle, daily-ok work is
    #: not stepped back for a bad morning); the next rule that matches decides for them.
    spares_gentle: StrictBool = False
    #: True: on loaded work a move back lowers the load: the chain steps back to the
    #: nearest position with a lighter load (one load step, or the lighter step below),
    #: not only one rung at the same load.
    steps_load: StrictBool = False
    source: str = ""

    @property
    def move(self) -> int:
        """Rungs this decision moves a chain."""
        return DEFAULT_RUNGS[self.decision] if self.rungs is None else self.rungs


class AdaptLimit(_Strict):
    """A number the journal rules use (the acceptable zone, the tolerance on a morning...):
    ``id`` is one of ``corecoach.library.limits.LIMITS``."""

    id: Id
    value: float = Field(ge=0, le=100)
    means: str = Field(default="", max_length=400)
    source: str = ""


#: What one road run does to the road-return stage (docs/road-return.md): ``count`` adds a
#: clean run at this stage, ``progress`` moves to the next stage (more road minutes),
#: ``hold`` keeps the stage and starts the count again, ``step-back`` goes one stage back.
RoadDecision = Literal["progress", "count", "hold", "step-back"]


class RoadRule(_Strict):
    """A road-return rule: when ``when`` holds for one road run (the road facts of
    docs/road-return.md), decide what the stage does.

    Rules are tried by ``rank`` (lowest first; ties by id) and the first that matches wins.
    ``because`` may name road facts in braces (``{tight_at}``, ``{date}``); ``tip`` is the
    advice that comes with this change (camber, step rate).
    """

    id: Id
    rank: int = Field(ge=1, le=10000)
    when: str = Field(min_length=1, max_length=500)
    decision: RoadDecision
    # Shown on the terminal in the plan's notes: no control characters (tab is fine).
    because: Annotated[str, Field(min_length=10, max_length=400), AfterValidator(no_controls)]
    tip: Annotated[str, Field(min_length=10, max_length=400),
                   AfterValidator(no_controls)] | None = None
    source: str = ""
