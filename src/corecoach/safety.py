"""PAR-Q+ style screening and back red flags: decide whether a plan may be given at all."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from corecoach.profile import PARQ_QUESTIONS, Profile
from corecoach.vocab import URGENT_RED_FLAGS, RedFlag

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
    "corecoach will make a plan once they have assessed you."
)
PARQ_ADVICE = (
    "Talk to your doctor or a qualified exercise professional before starting. When they "
    "have cleared you, set cleared = true under [screening] and run corecoach again."
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
    yes = profile.screening.parq_yes()
    if yes and not profile.screening.cleared:
        questions = " ".join(f"'{PARQ_QUESTIONS[q]}'" for q in yes)
        return Withheld(
            reason=f"You answered yes to {len(yes)} health question(s): {questions}",
            advice=PARQ_ADVICE,
        )
    return None
