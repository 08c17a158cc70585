"""The replayed journal state kept between runs: a hit replays nothing, any change misses."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from corecoach.cli import app
from corecoach.closing import CloseNumbers
from corecoach.coach import JournalState
from corecoach.journal import replay_cache
from corecoach.progression import ChainProgress, Progress
from corecoach.roadreturn import RoadDay, RoadState

STATE = JournalState(Progress(3, {"bird-dogs": ChainProgress(2, "progress", "two clean")},
                              flare=False, hold=None),
                     ("an alert",), ("repeat", "a bad morning"), dt.date(2026, 12, 2))


ROAD = RoadState(stage=2, road_minutes=20, run_minutes=50, onset_minute=25,
                 onset_from="journal", clean_runs=1, back_on_road=False, because="Because.",
                 next="25 min after one more road run", tip=None, runs=())
#: A state of an ended program with everything a day takes of the journal.
FULL = STATE._replace(program_week=9, planned_per_week=4,
                      block=(dt.date(2026, 11, 2), dt.date(2026, 11, 16)),
                      road=RoadDay(ROAD, "Your journal has 3 road runs..."),
                      close=CloseNumbers(0.75, 4.5, 2.0, 3), rate="Rate your goals.")


def test_state_round_trips_through_json() -> None:
    for state in (STATE, FULL, FULL._replace(road=RoadDay(None), close=CloseNumbers(
            None, None, None, None), rate=None)):
        data = json.loads(json.dumps(state.to_data()))
        assert JournalState.from_data(data) == state


@settings(max_examples=60)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=5),
                    lambda inner: st.lists(inner, max_size=3)
                    | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=12))
def test_anything_else_is_no_state(data: object) -> None:
    assert JournalState.from_data(data) is None


def test_wrong_types_are_no_state() -> None:
    good = FULL.to_data()
    for path, bad in ((("progress", "week"), "3"), (("progress", "hold"), 1),
                      (("progress", "flare"), 1), (("check_in_due",), "tomorrow"),
                      (("alerts",), [1]), (("planned_per_week",), "4"),
                      (("planned_per_week",), -1), (("block",), ["2026-11-03"]),
                      (("block",), ["2026-11-16", "2026-11-02"]), (("block",), "2026-11-02"),
                      (("block",), [20261102]), (("road", "diary"), 3),
                      (("road", "state", "stage"), "2"), (("road", "state", "onset_from"), "x"),
                      (("road", "state", "back_on_road"), 0), (("road", "state", "tip"), 1),
                      (("road", "state", "runs"), []), (("road", "state"), [2]),
                      (("close",), [0.5, 1, 2]), (("close",), ["0.5", None, None, None]),
                      (("close",), [None, None, None, 2.5]), (("rate",), 1)):
        data = json.loads(json.dumps(good))
        target = data
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = bad
        assert JournalState.from_data(data) is None, path


def test_read_write_and_keys(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    replay_cache.write(folder, "me", "k1", STATE.to_data())
    assert JournalState.from_data(replay_cache.read(folder, "me", "k1").state) == STATE
    assert replay_cache.read(folder, "me", "k2").state is None
    assert replay_cache.read(folder, "someone-else", "k1").state is None
    assert oct(folder.stat().st_mode & 0o777) == "0o700"


def test_a_link_is_never_followed(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    replay_cache.write(folder, "me", "k1", STATE.to_data())
    (stored,) = folder.iterdir()
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text("precious")
    stored.unlink()
    stored.symlink_to(elsewhere)
    assert replay_cache.read(folder, "me", "k1") == replay_cache.Kept(None, None)
    replay_cache.write(folder, "me", "k1", STATE.to_data())
    assert elsewhere.read_text() == "precious"


def test_the_stamp_changes_with_every_write(tmp_path: Path) -> None:
    journal = tmp_path / "j.sqlite3"
    assert replay_cache.journal_stamp(journal) == "-|-"
    journal.write_bytes(b"x")
    first = replay_cache.journal_stamp(journal)
    wal = journal.with_name("j.sqlite3-wal")
    wal.write_bytes(b"")  # a reader may create an empty log: nothing changed
    assert replay_cache.journal_stamp(journal) == first
    wal.write_bytes(b"yy")
    assert replay_cache.journal_stamp(journal) != first
    os.mkfifo(tmp_path / "fifo")
    assert replay_cache.journal_stamp(tmp_path / "fifo") is None


PROFILE = 'version = 1\nid = "kept-1234"\nstart = 2026-11-30\navailable_days = ["mon", "wed"]\n'


def _plan(runner: CliRunner, path: Path, today: str) -> str:
    result = runner.invoke(app, ["plan", str(path), "-f", "json", "--today", today])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_a_second_run_replays_nothing_and_a_new_entry_replays_again(
        runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import corecoach.adapt

    path = tmp_path / "me.toml"
    path.write_text(PROFILE)
    for args in (["log", "--done", "--pain-during", "1", "--date", "2026-11-30"],
                 ["check-in", "--pain", "1", "--date", "2026-12-01"]):
        assert runner.invoke(app, [args[0], str(path), *args[1:], "--today",
                                   "2026-12-02"]).exit_code == 0
    first = _plan(runner, path, "2026-12-02")
    real = corecoach.adapt.adapt
    calls: list[int] = []

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(corecoach.adapt, "adapt", counted)
    assert _plan(runner, path, "2026-12-02") == first and calls == []
    today = runner.invoke(app, ["today", str(path), "-f", "json", "--today", "2026-12-02"])
    assert today.exit_code == 0 and calls == []
    _plan(runner, path, "2026-12-03")  # another day: replayed
    assert len(calls) == 1
    assert runner.invoke(app, ["log", str(path), "--done", "--pain-during", "6", "--date",
                               "2026-12-02", "--today", "2026-12-02"]).exit_code == 0
    after = _plan(runner, path, "2026-12-02")
    assert len(calls) == 2 and after != first
    path.write_text(PROFILE.replace('["mon", "wed"]', '["mon", "wed", "fri"]'))
    _plan(runner, path, "2026-12-02")
    assert len(calls) == 3  # the profile changed


def test_no_cache_folder_means_a_replay_every_time(runner: CliRunner, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORECOACH_CACHE_DIR", "")
    path = tmp_path / "me.toml"
    path.write_text(PROFILE)
    assert runner.invoke(app, ["log", str(path), "--done", "--today",
                               "2026-12-01"]).exit_code == 0
    assert _plan(runner, path, "2026-12-02") == _plan(runner, path, "2026-12-02")
    assert not (tmp_path / "cache").exists()


def test_past_days_round_trip_and_only_the_days_the_cap_may_ask_are_kept() -> None:
    from corecoach.coach import PastProgress, past_progress_data, past_progress_from

    thursday = dt.date(2026, 11, 26)
    capped = STATE.progress._replace(max_minutes=88.0, floor={"bird-dogs": 2})
    past = PastProgress(
        {dt.date(2026, 11, 22): ("d1", capped), dt.date(2026, 10, 18): ("d2", None),
         dt.date(2026, 10, 11): ("d3", STATE.progress)},  # seven weeks back: dropped
        {"k1": 95, "k2": None}, per_week=4)
    data = json.loads(json.dumps(past_progress_data(past, thursday)))
    assert sorted(data["days"]) == ["2026-10-18", "2026-11-22"]
    assert past_progress_from(data) == PastProgress(
        {dt.date(2026, 11, 22): ("d1", capped), dt.date(2026, 10, 18): ("d2", None)},
        {"k1": 95, "k2": None}, per_week=4)
    data["days"]["2026-11-15"] = ["d4", {"week": "3"}]  # a day in another shape is left out
    data["days"]["not a day"] = ["d5", None]
    data["minutes"] |= {"k3": -1, "k4": "95", "k5": True}  # so are minutes in another shape
    data["per_week"] = True
    kept = past_progress_from(data)
    assert set(kept.days) == {dt.date(2026, 11, 22), dt.date(2026, 10, 18)}
    assert kept.minutes == {"k1": 95, "k2": None} and kept.per_week is None
    assert past_progress_from(["2026-11-22"]) == PastProgress()
    assert past_progress_from({"days": [], "minutes": 3}) == PastProgress()


def test_a_checkpoint_round_trips_and_one_in_another_shape_is_left_out() -> None:
    from corecoach.adapt import Checkpoint, ReplayState
    from corecoach.coach import PastProgress, past_progress_data, past_progress_from
    from corecoach.facts import JOURNAL_FACTS

    values = tuple(True if n % 3 == 0 else "done" if n % 3 == 1 else n
                   for n in range(len(JOURNAL_FACTS)))
    checkpoint = Checkpoint(dt.date(2026, 11, 22), {
        "||": ReplayState(12, 3, 1, 5, 0, False, 739_000, (11, 739_001, 2, values, 1, False)),
        "0,2,4|gentle|": ReplayState(0, 0, 0, 0, 0, True, 0, None)})
    past = PastProgress(checkpoint=("d1", checkpoint))
    data = json.loads(json.dumps(past_progress_data(past, dt.date(2026, 11, 26))))
    assert past_progress_from(data) == past
    for damaged in ({"tracks": {"||": [12, 3]}}, {"digest": 7},
                    {"tracks": {"||": [12, 3, 1, 5, 0, 0, 739_000, None]}},  # a flare as 0
                    {"tracks": {"||": [12, 3, 1, 5, 0, False, 739_000,
                                       [11, 739_001, 2, [1, 2], 1, False]]}}):
        wrong = json.loads(json.dumps(data))
        wrong["checkpoint"] |= damaged
        assert past_progress_from(wrong) == PastProgress()


def test_a_progress_key_tells_every_value_apart() -> None:
    from corecoach.coach import progress_key

    p = STATE.progress._replace(max_minutes=88.0, floor={"bird-dogs": 2}, chains={
        "bird-dogs": ChainProgress(2, "progress", "two clean"),
        "curl-ups": ChainProgress(1, "repeat", "a bad morning")})
    assert progress_key(p) == progress_key(p._replace(chains=dict(reversed(p.chains.items()))))
    others = [p._replace(week=p.week + 1), p._replace(max_minutes=88.5),
              p._replace(floor={"bird-dogs": 3}), p._replace(flare=not p.flare),
              p._replace(hold="a hold"), p._replace(chains={}),
              p._replace(chains={**p.chains, "curl-ups": ChainProgress(1, "repeat", "x")})]
    assert len({progress_key(o) for o in [p, *others]}) == 1 + len(others)


def test_past_days_are_read_only_for_their_own_context(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    replay_cache.write(folder, "me", "k1", STATE.to_data(), "ctx", {"2026-11-22": ["d", None]})
    assert replay_cache.read(folder, "me", "k2", "ctx") == replay_cache.Kept(
        None, {"2026-11-22": ["d", None]})
    assert replay_cache.read(folder, "me", "k1", "other").past is None
    assert replay_cache.read(folder, "me", "k1").past is None
