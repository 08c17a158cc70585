"""The largest plans a valid profile asks for, for the one-page tests (E3)."""

from __future__ import annotations

import tomllib

from corecoach.library.loader import load_catalog
from corecoach.plan import Plan
from corecoach.planner import build_plan
from corecoach.profile import parse_profile
from corecoach.vocab import EQUIPMENT, SPORTS

_BASE = f"""version = 1
name = "Big athlete"
experience = "advanced"
stress = 9
desk_hours = 12
session_minutes = 90
equipment = {list(EQUIPMENT)!r}
start = 2026-11-30
weeks = 16
"""


def _activity(sport: str, days: list[str], minutes: int, surface: str = "") -> str:
    extra = f'surface = "{surface}"\n' if surface else ""
    return (f'\n[[activities]]\nsport = "{sport}"\ndays = {days!r}\nminutes = {minutes}\n'
            f"{extra}")


#: E3's profile: advanced, stress 9, desk 12, all the kit, 90 minutes, three sports.
THREE_SPORTS = (_BASE + _activity("running", ["mon", "wed", "fri"], 50, "road")
                + _activity("cycling", ["tue", "sat"], 90)
                + _activity("karate", ["thu", "sun"], 60))
#: Every sport there is, three days a week each.
EVERY_SPORT = _BASE + "".join(
    _activity(sport, ["mon", "wed", "sat"], 60) for sport in SPORTS)

PROFILES = {"three-sports": THREE_SPORTS, "every-sport": EVERY_SPORT}


def largest_plan(name: str, week: int) -> Plan:
    """Week ``week`` of one of :data:`PROFILES`."""
    profile = parse_profile(tomllib.loads(PROFILES[name]), name)
    outcome = build_plan(profile, load_catalog(), week)
    assert outcome.plan is not None
    return outcome.plan


def biggest_week(name: str) -> Plan:
    """The week of the program with the most rows on the page."""
    from corecoach.render.sheet import rows_of as _rows

    plans = [largest_plan(name, week) for week in range(1, 17)]
    return max(plans, key=lambda plan: (len(_rows(plan)), -plan.week))
