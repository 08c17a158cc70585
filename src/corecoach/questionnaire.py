"""The questionnaires: `init`'s interview and the Profile it builds, `log`'s session
questions and `rate`'s ratings, built from the kit in corecoach.answers.

Pure: nothing here prints, prompts or reads the clock. :func:`interview` is a generator
that yields what to show (a :class:`~corecoach.answers.Section`, a
:class:`~corecoach.answers.Note` or a :class:`~corecoach.answers.Question`) and is sent
back each question's parsed answer; it returns the finished :class:`Profile`, or a
:class:`Stop` when a back red flag ends the questionnaire. The CLI only drives it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Generator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

from corecoach.answers import (
    MAX_ANSWER,
    NONE_WORDS,
    Hint,
    Note,
    Question,
    Section,
    Step,
    asked,
    choice,
    clean,
    days,
    list_text,
    number,
    numbered_lines,
    parse_choice,
    parse_int,
    parse_multi_choice,
    parse_yes_no,
    shown,
    yes_no,
)
from corecoach.days import monday as monday_of
from corecoach.journal.entry import LogOptions
from corecoach.profile import PARQ_QUESTIONS, Activity, Profile, Screening
from corecoach.safety import RED_FLAG_WORDS, Withheld, screen
from corecoach.vocab import (
    DAYS,
    EQUIPMENT,
    EXPERIENCES,
    RED_FLAGS,
    SPORTS,
    SURFACES,
    SYMPTOMS,
    WORKS,
    Day,
    Work,
)

#: Plain words for each back symptom, shown next to its name.
SYMPTOM_WORDS: dict[str, str] = {
    "none": "no back trouble",
    "stiff-mornings": "stiff in the mornings, eases once you move",
    "tight-after-activity": "tight or achy after sport or a long day",
    "seizes-during-running": "tightens or seizes up during runs",
    "ongoing-pain": "pain on most days for weeks or longer",
    "flare": "a bad flare-up right now",
}

#: Plain words for the equipment names.
EQUIPMENT_WORDS: dict[str, str] = {
    "mat": "exercise mat (a rug will do)",
    "dowel": "dowel or broomstick",
    "band": "resistance band",
    "dumbbell": "dumbbell(s)",
    "kettlebell": "kettlebell",
    "barbell": "barbell and plates",
    "rack": "squat rack",
    "bench": "flat bench",
    "foam-roller": "foam roller",
    "strap": "yoga strap (a towel will do)",
}

#: New activities start from these until the person answers.
NEW_ACTIVITY_DAYS: tuple[Day, ...] = ("sat",)
NEW_ACTIVITY_MINUTES = 45
MAX_ACTIVITIES = 20
PARQ_NOTE = (
    "Because of that yes, corecoach will withhold your plan until a doctor or qualified "
    "exercise professional clears you. Finish the questions anyway: your profile is saved, "
    "and once you are cleared run `corecoach init` again (or set cleared = true under "
    "[screening], or name the answers they cleared in cleared_for)."
)


# --- what the interview yields -------------------------------------------------------------


@dataclass(frozen=True)
class Stop:
    """The questionnaire ended early for safety (a back red flag): no profile is written."""

    withheld: Withheld


Interview: TypeAlias = Generator[Step, Any, Profile | Stop]


def parse_age(text: str) -> int | Hint | None:
    """An age of 13-100, or none (``none``, ``-``): the question is optional."""
    if clean(text) in NONE_WORDS:
        return None
    return parse_int(text, 13, 100)


def parse_work(text: str) -> Work | Hint | None:
    """What work mostly is (desk, standing, lifting, driving), or none."""
    if clean(text) in NONE_WORDS:
        return None
    return parse_choice(text, WORKS, noun="kind of work", numbered=False)


def parse_name(text: str) -> str | Hint | None:
    """A label for the plans, on one line; ``-`` for none."""
    name = " ".join(text.split())
    if name == "-":
        return None
    if len(name) > 80:
        return Hint(f"That name is {len(name)} characters long; at most 80.")
    if any(ord(c) < 32 or 127 <= ord(c) < 160 for c in name):
        return Hint("A name cannot hold control characters; type plain text.")
    return name


def parse_start(text: str) -> dt.date | Hint | None:
    """An optional Monday as YYYY-MM-DD; ``none`` for no start date."""
    word = clean(text)
    if not word or word in NONE_WORDS:
        return None
    try:
        day = dt.date.fromisoformat(word)
    except ValueError:
        return Hint(f"{shown(text)} is not a date: write YYYY-MM-DD (a Monday, e.g. "
                    "2026-11-30), or none.")
    if day.weekday() != 0:
        monday = monday_of(day)
        return Hint(f"{day} is a {day.strftime('%A')}; week 1 starts on a Monday: the "
                    f"Monday before is {monday}.")
    return day


# --- the interview -------------------------------------------------------------------------


def _title(sport: str, n: int, total: int) -> str:
    name = sport.replace("-", " ").capitalize()
    return f"{name} ({n} of {total})" if total > 1 else name


def interview(base: Profile | None = None) -> Interview:
    """Ask everything, safety first; return the Profile, or a Stop for a back red flag.

    ``base`` supplies every default (a profile being edited); without it the built-in
    defaults apply.
    """
    base = base or Profile(version=1)
    screening = base.screening

    yield Section("Health check", "Seven yes/no questions from the PAR-Q+ health form.")
    parq: dict[str, bool] = {}
    for n, (name, words) in enumerate(PARQ_QUESTIONS.items(), 1):
        parq[name] = yield from asked(yes_no(f"screening.{name}", f"{n}/7 {words}",
                                            getattr(screening, name)))
    cleared = screening.cleared
    yes = tuple(name for name, said in parq.items() if said)
    cleared_for: tuple[str, ...] = ()
    if yes:
        cleared = yield from asked(yes_no(
            "screening.cleared",
            "Has a doctor or qualified exercise professional cleared you for exercise?",
            screening.cleared))
        if not cleared and len(yes) > 1:
            # Clearance one answer at a time (issue 18, item 6): a clinician may clear the
            # bone or joint problem and not yet the heart.
            known: tuple[str, ...] = tuple(q for q in yes if q in screening.cleared_for)

            def answers(text: str) -> tuple[str, ...] | Hint:
                return parse_multi_choice(text, yes, noun="answer")

            cleared_for = yield from asked(Question(
                "screening.cleared_for", "Has a professional cleared any of these answers?",
                answers, known,
                list_text(known), "numbers or names, e.g. 1,3; none",
                numbered_lines(yes, None)))
        if not cleared and any(q != "bone_joint_problem" and q not in cleared_for
                               for q in yes):
            yield Note(PARQ_NOTE)

    yield Section("Back warning signs")
    any_flag = yield from asked(Question(
        "screening.red_flags", "Do any of these apply to you?", parse_yes_no,
        bool(screening.red_flags), "Y/n" if screening.red_flags else "y/N",
        listing=tuple(f"  {n:>2}) {RED_FLAG_WORDS[f]}" for n, f in enumerate(RED_FLAGS, 1)),
    ))
    flags: tuple[str, ...] = ()
    if any_flag:
        # After a yes, Enter must not quietly mean "none": ask until they say which.
        flags = yield from asked(Question(
            "screening.red_flags", "Which ones?",
            lambda t: parse_multi_choice(t, RED_FLAGS, noun="warning sign"),
            tuple(screening.red_flags), list_text(screening.red_flags),
            "numbers from the list, e.g. 1,3; none if none apply",
            required=not screening.red_flags))
    if flags:
        stopped = screen(Profile(version=1, screening=Screening.model_validate(
            {"red_flags": flags})))
        assert stopped is not None  # any red flag withholds the plan
        return Stop(stopped)

    yield Section("Your sports", "The sports you do every week, on fixed days.")
    sports = yield from asked(Question(
        "activities", "Which sports do you do?",
        lambda t: parse_multi_choice(t, SPORTS, noun="sport", repeats=True,
                                     max_count=MAX_ACTIVITIES),
        tuple(a.sport for a in base.activities),
        list_text([a.sport for a in base.activities]),
        "numbers or names, e.g. 1,3; none", numbered_lines(SPORTS, None),
    ))
    unused = list(base.activities)
    activities: list[dict[str, Any]] = []
    for n, sport in enumerate(sports, 1):
        prior = next((a for a in unused if a.sport == sport), None)
        if prior is not None:
            unused.remove(prior)
        title = _title(sport, sports[:n].count(sport), sports.count(sport))
        key = f"activities[{n}]"
        activity: dict[str, Any] = {"sport": sport}
        activity["days"] = yield from asked(days(
            f"{key}.days", f"{title}: on which days?",
            prior.days if prior else NEW_ACTIVITY_DAYS))
        activity["minutes"] = yield from asked(number(
            f"{key}.minutes", f"{title}: minutes per session?", 5, 600,
            prior.minutes if prior else NEW_ACTIVITY_MINUTES, unit="min"))
        if sport == "other":
            activity["name"] = yield from asked(Question(
                f"{key}.name", f"{title}: what do you call it (shown in your plan)?",
                _parse_activity_name, prior.name if prior else None,
                (prior.name if prior else None) or "none", "2-40 characters; - for none"))
        if sport == "running":
            surface = prior.surface if prior else "road"
            activity["surface"] = yield from asked(choice(
                f"{key}.surface", f"{title}: usual surface?", SURFACES, surface, "surface",
                default_text=surface or "road"))
        activities.append(activity)

    yield Section("Daily life and your back")
    desk_hours = yield from asked(number(
        "desk_hours", "Hours you sit on a typical day (desk, car, sofa)?", 0, 18,
        base.desk_hours, unit="h"))
    stress = yield from asked(number(
        "stress", "Stress over the last two weeks?", 0, 10, base.stress,
        scale="0 = none, 10 = worst"))
    symptom = yield from asked(choice(
        "back.symptom", "What does your back do?", SYMPTOMS, base.back.symptom, "symptom",
        listed=SYMPTOM_WORDS))
    pain = yield from asked(number(
        "back.pain", "Worst back pain in the last week?", 0, 10, base.back.pain,
        scale="0 = none, 10 = worst imaginable"))
    age = yield from asked(Question(
        "age", "Your age (optional)?", parse_age, base.age,
        str(base.age) if base.age else "none", "13-100, or none"))
    work = yield from asked(Question(
        "work", "What is your work mostly (optional)?", parse_work, base.work,
        base.work or "none", ", ".join(WORKS) + ", or none"))
    pregnant, postpartum_weeks, pelvic_floor, pelvic_cleared = yield from _pregnancy(base)
    if pelvic_cleared:
        cleared_for = (*cleared_for, "pelvic_health")
    if "leg_symptoms" in base.screening.cleared_for:
        # The assessment of recurrent leg symptoms is recorded, not asked again.
        cleared_for = (*cleared_for, "leg_symptoms")

    yield Section("Your corecoach sessions")
    equipment = yield from asked(Question(
        "equipment", "What equipment do you have?",
        lambda t: parse_multi_choice(t, EQUIPMENT, noun="equipment name", allow_all=True),
        tuple(base.equipment), list_text(base.equipment),
        "numbers or names, e.g. 1,3; none", numbered_lines(EQUIPMENT, EQUIPMENT_WORDS),
    ))
    experience = yield from asked(choice(
        "experience", "Strength-training experience?", EXPERIENCES, base.experience,
        "level"))
    session_minutes = yield from asked(number(
        "session_minutes", "Longest corecoach session you want, in minutes?", 5, 90,
        base.session_minutes, unit="min"))
    available = yield from asked(days(
        "available_days", "Days corecoach may use?", base.available_days, everything=True))
    weeks = yield from asked(number(
        "weeks", "Program length in weeks?", 4, 16, base.weeks, unit="weeks"))
    start = yield from asked(Question(
        "start", "Start date (the Monday of week 1)?", parse_start, base.start,
        str(base.start) if base.start else "none", "YYYY-MM-DD, or none"))
    label = yield from asked(Question(
        "name", "Name on your plans (optional)?", parse_name, base.name,
        base.name or "none", "up to 80 characters; - for none"))
    tight_after, goals = yield from _goals(base, symptom, [a["sport"] for a in activities])

    return build_profile({
        "version": 1,
        "name": label,
        "experience": experience,
        "desk_hours": desk_hours,
        "stress": stress,
        "session_minutes": session_minutes,
        "available_days": available,
        "equipment": equipment,
        "weeks": weeks,
        "start": start,
        "age": age,
        "work": work,
        "pregnant": pregnant,
        "postpartum_weeks": postpartum_weeks,
        "activities": activities,
        "back": {"symptom": symptom, "pain": pain, "tight_after_minutes": tight_after},
        "goals": goals,
        # Not asked: `corecoach after` writes it; a re-run keeps the choice.
        "after": base.after,
        "screening": {**parq, "cleared": cleared, "cleared_for": cleared_for,
                      "red_flags": flags, "pelvic_floor": pelvic_floor},
    })


def parse_goal(text: str) -> str | Hint | None:
    """A function goal in the person's words (3-80 characters), or none (``-``, ``none``)."""
    goal = " ".join(text.split())
    if clean(goal) in NONE_WORDS:
        return None
    if not 3 <= len(goal) <= 80:
        return Hint(f"Give 3-80 characters (that was {len(goal)}), or - for none.")
    if any(ord(c) < 32 or 127 <= ord(c) < 160 for c in goal):
        return Hint("A goal cannot hold control characters; type plain text.")
    return goal


def parse_minutes_or_none(text: str) -> int | Hint | None:
    """Minutes into a run (1-600), or none."""
    if clean(text) in NONE_WORDS:
        return None
    return parse_int(text, 1, 600, "min")


def _goals(base: Profile, symptom: str, sports: Sequence[str]
           ) -> Generator[Step, Any, tuple[int | None, tuple[str, ...]]]:
    """The minute a road run usually tightens the back (runners and backs that seize on
    runs only), and up to three function goals (the Patient-Specific Functional Scale)."""
    from corecoach.profile import MAX_GOALS

    tight = base.back.tight_after_minutes
    if "running" in sports or symptom == "seizes-during-running":
        tight = yield from asked(Question(
            "back.tight_after_minutes",
            "On a road run, after how many minutes does your back usually tighten "
            "(optional)?", parse_minutes_or_none, tight, str(tight) if tight else "none",
            "1-600 minutes, or none"))
    yield Section("Your goals", "Up to three activities your back makes hard, in your own "
                  "words (e.g. run 10 km on the road, sit through a 2-hour meeting). "
                  "corecoach rate scores them 0-10 every few weeks.")
    goals: list[str] = []
    for n in range(1, MAX_GOALS + 1):
        prior = base.goals[n - 1] if n <= len(base.goals) else None
        goal = yield from asked(Question(
            f"goals[{n}]", f"Goal {n} of up to {MAX_GOALS}?", parse_goal, prior,
            prior or "none", "3-80 characters; - for none"))
        if goal is None:
            break
        if goal not in goals:
            goals.append(goal)
    return tight, tuple(goals)


def rating_questions(goals: Sequence[str]) -> Generator[Step, Any, dict[int, int]]:
    """The questions `rate` asks on a terminal when given no --goal: each goal's ability
    today, 0-10 (Enter: not rated); returns {goal number: score}."""
    yield Note("How able are you today to do each of your goals? 0 = unable to do it, "
               "10 = able to do it as before the problem.")
    scores: dict[int, int] = {}
    for n, goal in enumerate(goals, 1):
        score = yield from asked(measurement(f"goals[{n}]", f"{n}/{len(goals)} {goal}",
                                            "0 = unable, 10 = as before"))
        if score is not None:
            scores[n] = score
    return scores


def _parse_activity_name(text: str) -> str | Hint | None:
    name = parse_name(text)
    if isinstance(name, str) and not 2 <= len(name) <= 40:
        return Hint("Give 2-40 characters, or - for none.")
    return name


def _pregnancy(base: Profile) -> Generator[Step, Any, tuple[bool | None, int | None,
                                                             bool | None, bool]]:
    """Pregnant now or given birth in the last year, then the pelvic-floor question
    (PAR-Q+ follow-up for pregnancy; a pelvic-health check before impact or loading), and
    after a birth whether that check has cleared them (``pelvic_health`` in cleared_for)."""
    before = bool(base.pregnant) or base.postpartum_weeks is not None
    either = yield from asked(yes_no(
        "pregnancy", "Are you pregnant, or have you given birth in the last 12 months?",
        before))
    if not either:
        return None, None, None, False
    pregnant = yield from asked(yes_no("pregnant", "Are you pregnant now?",
                                      bool(base.pregnant)))
    weeks: int | None = None
    if not pregnant or base.postpartum_weeks is not None:
        weeks = yield from asked(number(
            "postpartum_weeks", "How many weeks since you gave birth?", 0, 520,
            base.postpartum_weeks or 0, unit="weeks"))
    pelvic = yield from asked(yes_no(
        "screening.pelvic_floor",
        "Pelvic floor: do you leak urine when you cough, laugh or jump, feel heaviness or "
        "dragging in the pelvis, or see a bulge or gap along the middle of your tummy?",
        bool(base.screening.pelvic_floor)))
    checked = False
    if weeks is not None:
        checked = yield from asked(yes_no(
            "screening.pelvic_health",
            "Has a pelvic-health check (a women's health physiotherapist or your doctor) "
            "cleared you for running, jumping and lifting since the birth?",
            base.screening.is_cleared("pelvic_health")))
    return (True if pregnant else None), weeks, pelvic, checked


def build_profile(answers: Mapping[str, Any]) -> Profile:
    """The Profile from the answers (profile-file keys; ``None`` values left out)."""
    data = {k: v for k, v in answers.items() if v is not None}
    data["activities"] = [
        Activity.model_validate({k: v for k, v in a.items() if v is not None})
        for a in answers.get("activities", ())
    ]
    return Profile.model_validate(data)


def confirm_question(target: str, replacing: bool, backup: str | None = None) -> Question[bool]:
    """The last question: write the profile? (Saying where a replaced file's copy goes.)"""
    where = target
    if backup:
        where = f"{target} (the old file is copied to {backup} first)"
    elif replacing:
        where = f"{target} (updating the file there; its comments are kept)"
    return yes_no("save", f"Save to {where}?", True)


def summary_rows(profile: Profile) -> list[tuple[str, str]]:
    """The answers in plain words, one (topic, answer) row each, for the confirmation."""
    s = profile.screening
    yes = s.parq_yes()
    if not yes:
        health = "no to all seven"
    else:
        waiting = s.uncleared()
        health = (f"yes to {len(yes)} ({', '.join(y.replace('_', ' ') for y in yes)}); "
                  + ("cleared" if not waiting else
                     "not cleared yet: no loaded work" if waiting == ("bone_joint_problem",)
                     else "not cleared yet: plan withheld"))
    rows = [("Health check", health), ("Back warning signs", "none")]
    if profile.name:
        rows.insert(0, ("Name", profile.name))
    for a in profile.activities:
        surface = f", {a.run_surface}" if a.run_surface else ""
        rows.append((a.sport.replace("-", " ").capitalize(),
                     f"{', '.join(a.days)}; {a.minutes} min{surface}"))
    if not profile.activities:
        rows.append(("Sports", "none"))
    back = profile.back
    rows += [
        ("Sitting", f"{profile.desk_hours} h a day"),
        ("Stress", f"{profile.stress}/10"),
        ("Back", f"{back.symptom} ({SYMPTOM_WORDS[back.symptom]}); pain {back.pain}/10"),
        ("Equipment", list_text(profile.equipment)),
        ("Experience", profile.experience),
        ("Sessions", f"up to {profile.session_minutes} min, on "
                     + ("any day" if profile.available_days == DAYS
                        else ", ".join(profile.available_days))),
        ("Program", f"{profile.weeks} weeks"
                    + (f" from Monday {profile.start}" if profile.start else "")),
    ]
    return rows


# --- `log`: one corecoach session ------------------------------------------------------------

#: What Enter means on a measurement in `log`: nothing recorded (never a 0).
NOT_RECORDED = "Enter: not recorded"


def measurement(key: str, text: str, scale: str) -> Question[int | None]:
    """An optional 0-10 score: Enter records nothing (it is never read as 0)."""
    return Question(key, text, lambda t: parse_int(t, 0, 10), None, NOT_RECORDED,
                    f"0-10, {scale}")


def parse_note(text: str) -> str | Hint | None:
    """A short note on one line (at most 500 characters); Enter for none."""
    note = " ".join(text.split())
    if len(note) > MAX_ANSWER:
        return Hint(f"That note is {len(note)} characters long; at most {MAX_ANSWER}.")
    if any(ord(c) < 32 or 127 <= ord(c) < 160 for c in note):
        return Hint("A note cannot hold control characters; type plain text.")
    return note or None


def session_questions() -> Generator[Step, Any, LogOptions]:
    """The questions `log` asks on a terminal when given no flags, driven like `init`'s
    interview; returns what the flags would have said."""
    from corecoach.journal.entry import STATUSES

    status = yield from asked(choice("status", "How did the session go?", STATUSES, "done",
                                     "status"))
    scores: dict[str, int | None] = {}
    if status != "skipped":
        for key, text, scale in (
                ("pain_during", "Back pain during it", "0 = none, 10 = worst"),
                ("pain_after", "Back pain right after it", "0 = none, 10 = worst"),
                ("effort", "How hard was the hardest set", "0 = rest, 10 = all-out"),
                ("reps_left", "Reps you could still have done on the last loaded set",
                 "Enter if nothing was loaded")):
            scores[key] = yield from asked(measurement(key, text, scale))
    legs = yield from asked(yes_no("leg_symptoms", "Any pain, tingling or numbness going "
                                  "down a leg?", False))
    note = yield from asked(Question("note", "A note", parse_note, None, "none"))

    def shown(value: int | None) -> str | None:
        return None if value is None else str(value)

    return LogOptions(statuses=(status,), pain_during=shown(scores.get("pain_during")),
                      pain_after=shown(scores.get("pain_after")),
                      effort=shown(scores.get("effort")), leg_symptoms=legs, note=note,
                      reps_left=shown(scores.get("reps_left")))


def leg_question() -> Generator[Step, Any, bool]:
    """The question `check-in` asks on a terminal when leg symptoms were not answered."""
    legs = yield from asked(yes_no("leg_symptoms", "Any pain, tingling or numbness going "
                                  "down a leg this morning?", False))
    return legs
