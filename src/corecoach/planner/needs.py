"""Needs: what the fired rules ask for, and the steps of each chain open to the person."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from corecoach.library.catalog import Catalog
from corecoach.library.models import Exercise, Rule
from corecoach.plan import Decision, LeftOut
from corecoach.planner.doses import estimate_minutes
from corecoach.planner.limits import CATEGORY_PER_WEEK, ENTRY_LEVEL
from corecoach.planner.slots import Blocked, Need, Slot
from corecoach.profile import Profile
from corecoach.safety import bone_joint_only


def _excluded_by(rule_ids: Sequence[str]) -> str:
    return f"excluded by rule {', '.join(rule_ids)}"


@dataclass(eq=False, repr=False)  # never compared or printed (see planner.slots.Need)
class Wants:
    """What the fired rules ask for, together."""

    needs: dict[str, Need] = field(default_factory=dict)
    excluded: dict[str, list[str]] = field(default_factory=dict)  # id -> rule ids
    excluded_tags: dict[str, list[str]] = field(default_factory=dict)  # tag -> rule ids
    cap: int = 5
    cap_rules: list[str] = field(default_factory=list)
    blocks: list[list[str]] = field(default_factory=list)  # needs kept on the same days

    def cap_at(self, level: int, by: str) -> None:
        """Cap levels at ``level`` (the lowest cap wins; equal caps name every rule)."""
        if level < self.cap:
            self.cap, self.cap_rules = level, []
        if level == self.cap:
            self.cap_rules.append(by)


def gather_wants(catalog: Catalog, fired: Sequence[Rule]) -> Wants:
    wants = Wants()
    for rule in fired:
        for ref in rule.include:
            per_week = rule.per_week[ref] if ref in rule.per_week else \
                _default_per_week(catalog, ref)
            need = wants.needs.get(ref)
            if need is None:
                need = wants.needs[ref] = Need(ref, per_week, rule.weight)
            else:
                need.per_week = max(need.per_week, per_week)
                need.weight = max(need.weight, rule.weight)
            need.rules.append(rule.id)
            if rule.sport:
                need.sports.add(rule.sport)
        if rule.together and len(rule.include) > 1:
            wants.blocks.append(list(rule.include))
        for ref in rule.exclude:
            wants.excluded.setdefault(ref, []).append(rule.id)
        for tag in rule.exclude_tags:
            wants.excluded_tags.setdefault(tag, []).append(rule.id)
        if rule.max_level is not None:
            wants.cap_at(rule.max_level, rule.id)
    return wants


def _default_per_week(catalog: Catalog, ref: str) -> int:
    if ref in catalog.exercises:
        return CATEGORY_PER_WEEK[catalog.exercises[ref].category]
    first = catalog.exercises[catalog.chains[ref].steps[0]]
    return CATEGORY_PER_WEEK[first.category]


def _owned(profile: Profile) -> set[str]:
    # A mat is a comfort, not a requirement: floor work never disappears for want of one.
    return {*profile.equipment, "mat"}


def _missing_equipment(ex: Exercise, owned: set[str]) -> str | None:
    for requirement in ex.equipment:
        options = requirement.split("|")
        if not any(o in owned for o in options):
            return " or ".join(options)
    return None


def _blocked_because(
    ex: Exercise, catalog: Catalog, profile: Profile, facts: Mapping[str, object],
    wants: Wants, owned: set[str],
) -> Blocked | None:
    """Why this person may not do this exercise (``owned``: :func:`_owned`), or None when
    they may."""
    if ex.id in wants.excluded:
        return Blocked(_excluded_by(wants.excluded[ex.id]))
    for tag in ex.tags:
        if tag in wants.excluded_tags:
            return Blocked(f"tagged {tag!r}, {_excluded_by(wants.excluded_tags[tag])}")
    if ex.level > wants.cap:
        by = f" (rule {', '.join(wants.cap_rules)})" if wants.cap_rules else ""
        return Blocked(f"level {ex.level} is above the cap of {wants.cap}{by}")
    missing = _missing_equipment(ex, owned)
    if missing:
        return Blocked(f"needs equipment you have not listed: {missing}",
                       f"opens when you add it to your equipment ({missing})")
    if ex.loaded and not facts["quiet_back"]:
        return Blocked("loaded work waits until back symptoms have settled (symptom none, "
                       "pain 2/10 or less)",
                       "waits until your back symptoms have settled (symptom none, pain 2/10 "
                       "or less): update your profile then")
    if ex.loaded and bone_joint_only(profile):
        return Blocked("loaded work waits for clearance of your bone, joint or muscle problem",
                       "opens once you are cleared (cleared_for = [\"bone_joint_problem\"] "
                       "under [screening])")
    if (profile.experience == "beginner" and any("barbell" in r for r in ex.equipment)
            and not owned & {"band", "kettlebell", "dumbbell"}):
        return Blocked("a beginner's first load is a band or a light kettlebell (8-12 kg); "
                       "the bar comes after those",
                       "comes after a band or a light kettlebell (8-12 kg): add one to your "
                       "equipment")
    for caution, cond in catalog.caution_conditions.get(ex.id, ()):
        if cond.evaluate(facts):
            return Blocked(f"caution applies to you: {caution.text}")
    return None


def make_slot(
    need: Need, profile: Profile, catalog: Catalog, facts: Mapping[str, object],
    wants: Wants, decisions: list[Decision], left_out: list[LeftOut],
) -> Slot | None:
    """The steps of one wanted chain or exercise open to this person, and its entry step.

    Records a Decision for every step left out, and a LeftOut when none is open.
    """
    chain = catalog.chains.get(need.id)
    step_ids = list(chain.steps) if chain else [need.id]
    if need.id in wants.excluded:
        why = _excluded_by(wants.excluded[need.id])
        decisions.append(Decision(need=need.id, exercise=None, status="excluded",
                                  rules=list(need.rules), detail=why))
        left_out.append(LeftOut(id=need.id, rules=list(need.rules), because=why))
        return None
    allowed: list[Exercise] = []
    reasons: dict[str, Blocked] = {}
    owned = _owned(profile)
    for sid in step_ids:
        ex = catalog.exercises[sid]
        blocked = _blocked_because(ex, catalog, profile, facts, wants, owned)
        if blocked is None:
            allowed.append(ex)
        else:
            reasons[sid] = blocked
            decisions.append(Decision(need=need.id, exercise=sid, status="excluded",
                                      rules=list(need.rules), detail=blocked.why))
    if not allowed:
        decisions.append(Decision(need=need.id, exercise=None, status="unavailable",
                                  rules=list(need.rules),
                                  detail="no step is open to you (see the excluded steps)"))
        left_out.append(LeftOut(id=need.id, rules=list(need.rules),
                                because=reasons[step_ids[0]].why))
        return None
    last_open = step_ids.index(allowed[-1].id)
    blocked_above = [(catalog.exercises[s], reasons[s]) for s in step_ids[last_open + 1:]]
    budget = profile.session_minutes
    # Enter at the hardest open step within the person's experience whose first dose takes
    # at most a third of a session (docs/progression.md), so one item never crowds out the
    # rest of a short day; beginners learn the hinge pattern first.
    level = ENTRY_LEVEL[profile.experience]
    fits = [i for i, ex in enumerate(allowed)
            if ex.level <= level and estimate_minutes(ex, ex.ladder[0]) <= budget / 3]
    entry = fits[-1] if fits else 0
    if profile.experience == "beginner":
        # Beginners enter every chain at its learning step (the heel slide, the glute
        # bridge, belly breathing: coaching review, F16); the hinge at its last patterning
        # step (the dowel hinge with a dowel, else the wall hinge), so the good morning
        # itself comes within the first program.
        entry = 0
        if allowed[0].category == "hinge":
            entry = max((i for i, ex in enumerate(allowed) if ex.level == 1), default=0)
    return Slot(need, chain.id if chain else None, allowed, entry,
                 {s: i for i, s in enumerate(step_ids)},
                 allow_load=bool(facts["quiet_back"]), blocked_above=blocked_above)
