"""Penalties applied from the penalty rollup (metrics/rollups/penalty_months.py) equal those
summed from the penalties table, for every contract-level grouping and filter and for
windows cut anywhere in a month; and the window split behind it (rollups.split_window)."""
from datetime import date, timedelta

import pandas as pd
import pytest

from metrics import facts, rollups, scope, scorecard, store
from metrics.rollups import penalty_months


@pytest.fixture(scope="module")
def demo(demo_db):
    with store.connect_read(demo_db) as con:
        yield con


def _both(con, monkeypatch, resolved, groups):
    used = []
    real = penalty_months.serves
    with monkeypatch.context() as m:
        m.setattr(penalty_months, "serves", lambda c: used.append(real(c)) or used[-1])
        fast = scorecard.penalties_applied(con, resolved, groups)
    assert used == [True], "the rollup was not used"
    with monkeypatch.context() as m:
        m.setattr(penalty_months, "serves", lambda c: False)
        slow = scorecard.penalties_applied(con, resolved, groups)
    ids = [scorecard.GROUPINGS[g].out for g in groups]
    if ids:
        fast, slow = (f.sort_values(ids).reset_index(drop=True) for f in (fast, slow))
    return fast, slow


@pytest.mark.parametrize("groups", [(), ("supplier",), ("month",), ("institution", "month"),
                                    ("procedure_type",), ("contract",)])
def test_rollup_equals_the_penalties_table(demo, monkeypatch, groups):
    as_of = facts.latest_delivery(demo)
    top = demo.execute("SELECT c.supplier_id, c.institution_id, c.procedure_type, c.contract_id FROM penalties p "
                       "JOIN contracts c USING (contract_id) GROUP BY ALL ORDER BY count(*) DESC LIMIT 1").fetchone()
    windows = [dict(), dict(date_from=as_of - timedelta(days=364), date_to=as_of),
               dict(date_from=as_of - timedelta(days=40)), dict(date_to=as_of - timedelta(days=200)),
               dict(date_from=as_of - timedelta(days=75), date_to=as_of - timedelta(days=70)),
               # an earlier as_of cuts the window: later penalties do not exist yet
               dict(as_of=as_of - timedelta(days=95)),
               dict(date_from=as_of - timedelta(days=364), date_to=as_of, as_of=as_of - timedelta(days=50))]
    filters = [dict(), dict(supplier=[top[0]]), dict(institution=[top[1]]), dict(procedure_type=[top[2]]),
               dict(contract=[top[3]])]
    seen = 0
    for window in windows:
        for flt in filters:
            resolved = scorecard.resolve(demo, scope.Scope.make(**window, **flt))
            fast, slow = _both(demo, monkeypatch, resolved, groups)
            assert list(fast["penalties_n"]) == list(slow["penalties_n"])
            pd.testing.assert_frame_equal(fast, slow, check_exact=False, rtol=1e-12)
            seen += int(fast["penalties_n"].sum())
    assert seen > 0


def test_line_level_filters_still_read_the_penalties(demo, monkeypatch):
    state = demo.execute("SELECT state FROM units WHERE state IS NOT NULL LIMIT 1").fetchone()[0]
    resolved = scorecard.resolve(demo, scope.Scope.make(state=[state]))
    monkeypatch.setattr(penalty_months, "serves", lambda c: pytest.fail("asked for a line-level scope"))
    assert len(scorecard.penalties_applied(demo, resolved, ("supplier",))) > 0


D = date


@pytest.mark.parametrize("lo, hi, whole_by, months, first_days, last_days", [
    # whole months inside, edge days on both sides
    (D(2025, 1, 15), D(2025, 6, 10), D(2025, 6, 10), (D(2025, 2, 1), D(2025, 5, 1)),
     (D(2025, 1, 15), D(2025, 1, 31)), (D(2025, 6, 1), D(2025, 6, 10))),
    # month-aligned: no edge days
    (D(2025, 2, 1), D(2025, 3, 31), D(2025, 3, 31), (D(2025, 2, 1), D(2025, 3, 1)), None, None),
    # whole months end by whole_by (the supplier rollup: the day before as_of)
    (D(2025, 2, 1), D(2025, 3, 31), D(2025, 3, 30), (D(2025, 2, 1), D(2025, 2, 1)), None,
     (D(2025, 3, 1), D(2025, 3, 31))),
    # inside one month: every day from the day table
    (D(2025, 3, 5), D(2025, 3, 20), D(2025, 3, 20), None, (D(2025, 3, 5), D(2025, 3, 20)), None),
    # open ends (the penalty rollup's no --from / --to): every month there is
    (rollups.FIRST, date.max, date.max, (D(1, 1, 1), D(9999, 12, 1)), None, None),
    (D(2025, 3, 5), date.max, date.max, (D(2025, 4, 1), D(9999, 12, 1)), (D(2025, 3, 5), D(2025, 3, 31)), None),
    (D(9999, 12, 5), date.max, date.max, None, (D(9999, 12, 5), date.max), None),
    # an empty window
    (D(2025, 3, 5), D(2025, 3, 4), D(2025, 3, 4), None, None, None),
])
def test_split_window(lo, hi, whole_by, months, first_days, last_days):
    p = rollups.split_window(lo, hi, whole_by)
    for key, want in (("m", months), ("d1", first_days), ("d2", last_days)):
        got = (p[f"{key}_lo"], p[f"{key}_hi"])
        if want is None:
            assert got[0] > got[1], key            # an empty BETWEEN range
        else:
            assert got == want, key
