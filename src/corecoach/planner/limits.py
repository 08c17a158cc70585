"""The planner's numbers and wordings, each traced to the brief (docs/progression.md).

A test keeps docs/progression.md in step with these numbers.
"""

from __future__ import annotations

ENTRY_LEVEL = {"beginner": 2, "intermediate": 3, "advanced": 4}
CATEGORY_PER_WEEK = {"core": 3, "hinge": 2, "flexibility": 3, "mobility": 3, "breathing": 3,
                     "activity": 4}
#: Order within a session: moving first, breathing closes it.
CATEGORY_ORDER = {"mobility": 0, "hinge": 1, "core": 2, "flexibility": 3, "activity": 4,
                  "breathing": 5}


STRENGTH = {"core", "hinge"}
#: A deload lightens fatigue; breathing and easy walking are not a fatigue load.
KEPT_IN_DELOAD = {"breathing", "activity"}
#: A flare or pain >= 7: nothing above this level, nothing loaded (enforced here, whatever
#: the rules say, so a user's routine folder cannot switch it off).
LIGHT_MAX_LEVEL = 2
LIGHT_REASON = "flare or pain >= 7"
LONG_RUN_MINUTES = 60
#: Sports that get no dynamic warm-up from corecoach.
NO_WARM_UP = {"walking", "yoga", "swimming"}
SETUP_SECONDS = 20
SECONDS_PER_REP = 3
HOLD_TRANSITION_SECONDS = 2
#: Brief 5.2: about 5 min a day of breathing; longer blocks crowd out the rest.
BREATHING_CAP_SECONDS = 600
#: Brief 1.1, 3.3: strength work beats stretching for backs, so stretching is capped.
STRETCH_SHARE = 0.30
#: Weekly minutes rise at most this much over the last non-deload week.
WEEKLY_GROWTH = 1.20
#: Harder core and hinge steps that are not daily-ok: at most this many days, never two in a row.
SPREAD_MAX_DAYS = 3
#: The template is sized for the doses of this week, so that doses have room to grow.
PLANNING_WEEK = 3
#: With sport on this many days or more, one day is kept easy (no strength work).
EASY_DAY_SPORT_DAYS = 5
#: The good-morning chain: its step (or a patterning stand-in) is in every week.
HINGE_CHAIN = "hinges"
#: The hinge's days in the first pass: brief 4.1 asks for 2-3 days a week to learn it.
HINGE_DAYS = 2
#: ACSM (brief 3.1): flexibility work for all adults on 2-3 days a week; the rule that asks
#: for it gets its first days before the rounds.
FLEXIBILITY_RULE = "flexibility-for-all"
FLEXIBILITY_DAYS = 2
#: A flare plan keeps each day to at most this many minutes.
FLARE_MINUTES = 15
#: A scheduled walk takes at most this share of a session.
WALK_SHARE = 0.4

STAY_ACTIVE = (
    "Your back is flared up: stay active - short, easy walks spread through the day beat bed "
    "rest - and keep every exercise pain-free."
)
REASSESS = (
    "Your back has been flared up for {weeks} weeks of this plan: reassess. When it has "
    "settled, run `corecoach init` again for a plan that moves on; if it is not settling, "
    "see a doctor or physiotherapist."
)
BONE_JOINT = (
    "You answered yes to the bone, joint or muscle question, so loaded work stays out of "
    "this plan. When a doctor or physiotherapist has cleared you for it, add it to "
    "cleared_for under [screening] (cleared_for = [\"bone_joint_problem\"]) and the loaded "
    "steps open up."
)
ONE_DAY = (
    "corecoach can use only one day a week: strength work needs 2-3 days a week to build, "
    "so add a day to available_days if you can (even 5 minutes counts)."
)
