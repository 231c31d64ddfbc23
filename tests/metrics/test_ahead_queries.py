"""metrics/ahead.py: calls started ahead on their own cursors give what the same calls give
in order on the caller's connection, errors reach the caller, and the scorecard is the same
frame either way (by supplier, by other groupings, pinned to a temp table)."""
from datetime import timedelta

import pandas as pd
import pytest

from metrics import ahead, facts, scope, scorecard, store


def _query(con, value):
    return con.execute("SELECT $v * 2 AS twice, count(*) AS n FROM line_facts", {"v": value}).fetchone()


def test_started_calls_equal_calls_in_order(demo_db):
    with store.connect_read(demo_db) as con:
        expected = [_query(con, v) for v in range(6)]
        with ahead.Ahead(con) as pool:
            started = [pool.start(_query, v) for v in range(6)]
            got = [s.result() for s in started]
        assert got == expected
        with ahead.Ahead(con, enabled=False) as pool:
            later = [pool.start(_query, v) for v in range(6)]
            assert [s.result() for s in later] == expected


def test_disabled_calls_run_on_the_callers_connection(demo_db):
    """A temp table is seen only by its connection: disabled, the call runs on it."""
    with store.connect_read(demo_db) as con:
        con.execute("CREATE TEMP TABLE mine AS SELECT 41 AS x")
        with ahead.Ahead(con, enabled=False) as pool:
            assert pool.start(lambda c: c.execute("SELECT x + 1 FROM mine").fetchone()[0]).result() == 42
        with ahead.Ahead(con) as pool:
            with pytest.raises(Exception, match="mine"):
                pool.start(lambda c: c.execute("SELECT x FROM mine").fetchone()).result()


def test_an_error_reaches_the_caller_and_cursors_close(demo_db):
    with store.connect_read(demo_db) as con:
        with ahead.Ahead(con) as pool:
            failing = pool.start(lambda c: c.execute("SELECT no_such_column FROM line_facts").fetchall())
            with pytest.raises(Exception, match="no_such_column"):
                failing.result()
            cursors = list(pool._cursors)
        assert cursors
        for cursor in cursors:
            with pytest.raises(Exception):
                cursor.execute("SELECT 1")
        assert con.execute("SELECT 1").fetchone() == (1,)     # the caller's connection lives on


def _scorecards(con, monkeypatch, scope_, group_by):
    fast = scorecard.scorecard(con, scope_, group_by=group_by)
    with monkeypatch.context() as m:
        real = ahead.Ahead.__init__
        m.setattr(ahead.Ahead, "__init__", lambda self, c, enabled=True: real(self, c, False))
        slow = scorecard.scorecard(con, scope_, group_by=group_by)
    return fast, slow


@pytest.mark.parametrize("group_by", [("supplier",), ("institution",), ("supplier", "month"), ()])
def test_scorecard_is_the_same_with_and_without_ahead(demo_db, monkeypatch, group_by):
    with store.connect_read(demo_db) as con:
        as_of = facts.latest_delivery(con)
        window = scope.Scope.make(date_from=as_of - timedelta(days=364), date_to=as_of, as_of=as_of)
        fast, slow = _scorecards(con, monkeypatch, window, group_by)
        assert len(fast) > 0
        pd.testing.assert_frame_equal(fast, slow)
        if group_by == ("supplier",):
            assert fast["score"].notna().any() and fast["shortage_contribution"].notna().any()


def test_scorecard_pinned_to_an_earlier_as_of_runs_in_order(demo_db, monkeypatch):
    """An as_of before the latest delivery pins the lines to a temp table (scorecard.pinned),
    which only the caller's connection sees: every query runs there, in order."""
    with store.connect_read(demo_db) as con:
        as_of = facts.latest_delivery(con) - timedelta(days=40)
        earlier = scope.Scope.make(date_from=as_of - timedelta(days=364), date_to=as_of, as_of=as_of)
        started = []
        real = ahead.Ahead.__init__

        def spy(self, c, enabled=True):
            started.append(enabled)
            real(self, c, enabled)
        monkeypatch.setattr(ahead.Ahead, "__init__", spy)
        frame = scorecard.scorecard(con, earlier)
        assert started == [False] and len(frame) > 0 and frame["score"].notna().any()


BRIEF_OUT = ["days_late_p90", "lead_time_median", "peer_percentile", "trend", "trend_slope", "trend_p",
             "peer_group", "trend_n_months", "trend_tau", "shortage_contribution", "short_item_months",
             "shortage_qty"]


@pytest.mark.parametrize("earlier", [0, 40])
@pytest.mark.parametrize("group_by", [("supplier",), ("institution",)])
def test_a_brief_scorecard_is_the_full_one_without_its_slowest_columns(demo_db, earlier, group_by):
    """brief=True (the pages' previous period) leaves out exactly the quantile KPIs, the peer
    and trend columns and the shortage contribution; every other column equals the full
    scorecard's (from the rollup, and pinned to an earlier as_of)."""
    with store.connect_read(demo_db) as con:
        as_of = facts.latest_delivery(con) - timedelta(days=earlier)
        window = scope.Scope.make(date_from=as_of - timedelta(days=364), date_to=as_of, as_of=as_of)
        full = scorecard.scorecard(con, window, group_by)
        brief = scorecard.scorecard(con, window, group_by, brief=True)
    out = [c for c in BRIEF_OUT if c in full]
    assert full[out].notna().any().all() and len(out) == (12 if group_by == ("supplier",) else 2)
    assert list(brief.columns) == [c for c in full.columns if c not in out]
    pd.testing.assert_frame_equal(brief, full.drop(columns=out))
    assert brief.attrs["not_computable"] == full.attrs["not_computable"]
