"""PAR-Q+ style screening and back red flags: decide whether a plan may be given at all."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from corecoach.profile import PARQ_QUESTIONS, Profile
from corecoach.vocab import URGENT_RED_FLAGS, RedFlag
from corecoach.words import count

RED_FLAG_WORDS: dict[RedFlag, str] = {
    "saddle-numbness": "numbness in the saddle area (groin, buttocks, inner thighs)",
    "bladder-bowel-change": "a new change in bladder or bowel control or feeling",
    "both-legs": "pain, numbness or weakness in both legs",
    "progressive-weakness": "leg weakness that is getting worse",
    "weight-loss": "unexplained weight loss",
    "fever": "fever, chills or feeling unwell with the back pain",
    "night-pain": "severe pain at night or at rest that does not ease",
    "trauma": "back pain after a fall, accident or heavy strain",
    "cancer-history": "a history of cancer",
    "steroid-use": "long-term steroid use",
}

URGENT_ADVICE = (
    "Get emergency care now: go to an emergency department or call your local emergency "
    "number today. These symptoms can mean pressure on the nerves at the base of the spine, "
    "which needs same-day assessment. Do not exercise until a doctor has seen you."
)
CLINICIAN_ADVICE = (
    "See a doctor or physiotherapist before you start exercising, and show them this list. "
    "Meanwhile, staying active with easy walking is fine. When they have assessed you and "
    "the flag no longer applies, remove it from red_flags and run corecoach again."
)
LEG_SYMPTOM_ADVICE = (
    "See a doctor or physiotherapist about the leg symptoms before you carry on with the "
    "plan. Meanwhile, staying active with easy walking is fine, and stop anything that sends "
    "pain into a leg. The plan resumes after a check-in that records no leg symptoms."
)
CHEST_PAIN_ADVICE = (
    "Chest pain needs a prompt medical review: see a doctor today or tomorrow, before any "
    "exercise programme. If the pain is severe, comes at rest, or comes with breathlessness, "
    "sweating or pain spreading to the arm, jaw or back, call your local emergency number now."
)
PARQ_ADVICE = (
    "Talk to your doctor or a qualified exercise professional before starting. When they "
    "have cleared you, set cleared = true under [screening] (or name the answers they "
    "cleared in cleared_for) and run corecoach again."
)
DISCLAIMER = (
    "General exercise guidance, not a diagnosis or treatment; stop any exercise that sends "
    "pain into a leg or clearly worsens your pain."
)


class Withheld(BaseModel):
    """No plan: the reason, what to do instead, and whether it is urgent."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    withheld: bool = True
    reason: str
    advice: str
    urgent: bool = False


def screen(profile: Profile) -> Withheld | None:
    """Red flags stop everything; a PAR-Q+ yes without clearance withholds the plan."""
    flags = profile.screening.red_flags
    if flags:
        urgent = [f for f in flags if f in URGENT_RED_FLAGS]
        listed = "; ".join(RED_FLAG_WORDS[f] for f in (urgent or flags))
        if urgent:
            return Withheld(reason=f"Urgent back red flag: {listed}.", advice=URGENT_ADVICE,
                            urgent=True)
        return Withheld(reason=f"Back red flag: {listed}.", advice=CLINICIAN_ADVICE)
    yes = tuple(q for q in profile.screening.uncleared() if q != "bone_joint_problem")
    if yes:
        if "chest_pain" in yes:
            question = PARQ_QUESTIONS["chest_pain"]
            return Withheld(reason=f"You answered yes to the question '{question}'",
                            advice=CHEST_PAIN_ADVICE)
        questions = " ".join(f"'{PARQ_QUESTIONS[q]}'" for q in yes)
        return Withheld(
            reason=f"You answered yes to {count(len(yes), 'health question')}: {questions}",
            advice=PARQ_ADVICE,
        )
    return None


def bone_joint_only(profile: Profile) -> bool:
    """A PAR-Q+ yes to the bone/joint question, not cleared: a plan without loaded work.

    Most people with back pain honestly answer yes here; the brief asks for clearance before
    loaded work, not before any work.
    """
    return "bone_joint_problem" in profile.screening.uncleared()


def hold_for(reason: str) -> Withheld:
    """The plan held by the journal (leg symptoms logged): see a clinician, not urgent."""
    return Withheld(reason=reason, advice=LEG_SYMPTOM_ADVICE)
