"""The physio's summary prints on one portrait A4 or Letter page, even at its largest.

Printed with headless Chromium, as tests/render/test_print.py prints the week; skipped
where Chromium is not installed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from tests.render.test_print import CHROMIUM, on_paper, one_page_text

from corecoach.goals import GoalTrend
from corecoach.journal.history import SurfaceSummary, WeekSummary
from corecoach.plan import RoadReturn
from corecoach.render.summary import sections, summary_html
from corecoach.summary import MAX_DECISIONS, MAX_WEEKS, ChainState, Decision, Summary

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
DAY = dt.date(2026, 11, 30)
REASON = ("your back was 4/10 the morning after Friday, above your usual 2/10, after "
          "running 50 min on road: put down to the run, not to this session - the same rung "
          "(corecoach history --by surface compares your runs)")


def largest() -> Summary:
    """Every list at the most the page ever shows, with long words."""
    return Summary(
        today=DAY, since=None, name="Alexandra Montgomery-Featherstonehaugh",
        facts=(("Back", "seizes-during-running, worst pain last week 6/10, tightens about 20 "
                "min into a road run"), ("Age", "52"), ("Work", "lifting"),
               ("Sports", "running tue, thu, sun 50 min (road); karate mon, wed 90 min; "
                "cycling sat 60 min; swimming fri 45 min"),
               ("Daily life", "sits 10 h a day, stress 8/10"),
               ("Sessions", "up to 45 min, intermediate, equipment: mat, band, dowel, "
                "kettlebell, strap")),
        screening=(("PAR-Q+", "yes: bone joint problem, medication; cleared for exercise"),
                   ("Back warning signs", "none"), ("Pelvic floor", "no symptoms")),
        alerts=("Your back has been worse than usual for two weeks: reassess with a doctor or "
                "physiotherapist if it does not settle.", "Leg symptoms were logged twice "
                "in six weeks: get them assessed before you carry on."),
        withheld=None, week=11, weeks=16, start=DAY - dt.timedelta(weeks=10),
        chains=tuple(ChainState(f"chain-number-{n}", "Side bridge, knees, long name",
                                "6-4-2 x 10 s @ 12 kg", 3, "step-back", REASON)
                     for n in range(18)),
        weekly=tuple(WeekSummary(DAY - dt.timedelta(weeks=n), 3, 1, 1, 5, 6.0, 4.5)
                     for n in range(MAX_WEEKS, 0, -1)),
        usual_pain=6, usual_morning=3.5,
        goals=tuple(GoalTrend(f"goal {n}: " + "x" * 70, ((DAY, 2), (DAY, 7), (DAY, 8)))
                    for n in range(3)),
        surfaces=tuple(SurfaceSummary(s, 12, 11, 3.5, 9, 48.5, 21.0, 2.0)
                       for s in ("road", "trail", "track", "treadmill", "not given")),
        road_return=RoadReturn(stage=3, road_minutes=25, onset_minute=22, because=REASON,
                               next="30 min after two road runs without tightening"),
        decisions=tuple(Decision(DAY - dt.timedelta(days=n), DAY, 3, "step-back",
                                 "morning-worse-than-usual", REASON)
                        for n in range(MAX_DECISIONS)),
        entries=1234,
    )


@pytest.mark.parametrize("paper", ["letter", "A4"])
def test_the_largest_summary_prints_on_one_page(paper: str, tmp_path: Path) -> None:
    page = on_paper(summary_html(largest()), paper)
    text = one_page_text(page, tmp_path, f"the largest summary on {paper}", layout=False)
    for part in sections(largest()):
        assert part.title.split(" (")[0] in text
    assert "not a diagnosis" in text  # the footer is on the page
