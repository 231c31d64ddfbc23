"""The supplier rollup by institution (migration 009, metrics/rollups/supplier_days.py):
under an institution filter or grouped by institution, the scorecard, computability and the
score's side tables read the rollup (asserted) and give exactly what the lines give; the
windows it cannot cut exactly fall back to the lines; the day tables of the latest months
follow the latest delivery's month through incremental refreshes."""
from datetime import date, timedelta

import pytest

from metrics import facts, scope, scorecard, store
from metrics.rollups import supplier_days

from .test_rollup_supplier_days import TABLES, _assert_same, _assert_side_tables_same, \
    _assert_snapshots_equal, _both, _hand_store, _snapshot, refresh_incrementally


@pytest.fixture(scope="module")
def demo(demo_db):
    with store.connect_read(demo_db) as con:
        yield con


def _institutions(con, n=2):
    return [r[0] for r in con.execute("SELECT institution_id FROM line_facts GROUP BY 1 "
                                      "ORDER BY count(*) DESC, 1 LIMIT $n", {"n": n}).fetchall()]


def _windows(as_of: date):
    """Windows an institution scope is served in: every date, whole months, a mid-month
    date_from inside the month of the latest delivery, an as_of after it."""
    month = as_of.replace(day=1)
    return [dict(), dict(date_from=date(as_of.year - 1, 3, 1)),
            dict(date_from=date(as_of.year - 1, 1, 1), date_to=month - timedelta(days=1)),
            dict(date_from=month + timedelta(days=min(9, as_of.day - 1))),
            dict(as_of=as_of + timedelta(days=40))]


@pytest.mark.parametrize("group_by", [(), ("supplier",), ("month",), ("item_group",), ("institution",),
                                      ("supplier", "institution"), ("institution", "month")])
def test_institution_scopes_equal_the_lines(demo, monkeypatch, group_by):
    as_of = facts.latest_delivery(demo)
    big, small = _institutions(demo)
    top = demo.execute("SELECT supplier_id FROM line_facts WHERE institution_id = $i GROUP BY 1 "
                       "ORDER BY count(*) DESC, 1 LIMIT 1", {"i": big}).fetchone()[0]
    group = demo.execute("SELECT min(item_group) FROM line_facts").fetchone()[0]
    filters = [dict(institution=[big]), dict(institution=[big, small]), dict(institution=[small], supplier=[top]),
               dict(institution=[big], item_group=[group])]
    if "institution" in group_by:
        filters.append(dict())
    for f in filters:
        for w in _windows(as_of):
            sc = scope.Scope.make(**f, **w)
            fast, slow = _both(demo, monkeypatch, lambda: scorecard.scorecard(demo, sc, group_by))
            assert fast["lines"].sum() > 0, (f, w)
            _assert_same(fast, slow)
            assert fast.attrs["not_computable"] == slow.attrs["not_computable"]


def test_institution_filter_computability_and_score_side_tables(demo, monkeypatch):
    big = _institutions(demo, 1)[0]
    sc = scope.Scope.make(institution=big)
    fast, slow = _both(demo, monkeypatch, lambda: scorecard.computability(demo, sc))
    assert fast == slow
    _assert_side_tables_same(demo, monkeypatch, scorecard.resolve(demo, sc))


def test_the_institution_tables_are_read_and_hold_each_line_once(demo):
    big = _institutions(demo, 1)[0]
    resolved = scorecard.resolve(demo, scope.Scope.make(institution=big))
    assert supplier_days.serves(demo, resolved, ("supplier",))
    assert supplier_days.tables(resolved)["months"] == "rollup_supplier_inst_months"
    assert supplier_days.tables(scorecard.resolve(demo, scope.Scope()))["months"] == "rollup_supplier_months"
    lines = demo.execute("SELECT count(*) FROM line_facts WHERE NOT cancelled").fetchone()[0]
    assert demo.execute("SELECT sum(lines) FROM rollup_supplier_inst_months").fetchone()[0] == lines
    recent = demo.execute("SELECT recent_from FROM rollup_supplier_inst_from").fetchone()[0]
    assert recent == facts.latest_delivery(demo).replace(day=1)
    assert demo.execute("SELECT sum(lines) FROM rollup_supplier_inst_days").fetchone()[0] == demo.execute(
        "SELECT count(*) FROM line_facts WHERE NOT cancelled AND due_month >= $r", {"r": recent}).fetchone()[0]
    # histograms: one count per completed line (days late) in each table
    completed = demo.execute("SELECT count(days_late) FROM line_facts WHERE NOT cancelled").fetchone()[0]
    assert demo.execute("SELECT sum(n) FROM rollup_supplier_inst_hist_months WHERE measure = 1").fetchone()[0] \
        == completed


def test_institution_windows_cut_before_the_latest_months_read_the_lines(demo, monkeypatch):
    as_of = facts.latest_delivery(demo)
    big = _institutions(demo, 1)[0]
    earlier = as_of.replace(day=1) - timedelta(days=50)       # mid-month, two months back
    for kw in (dict(date_from=earlier), dict(date_to=earlier), dict(date_from=earlier, date_to=earlier)):
        sc = scope.Scope.make(institution=big, **kw)
        assert not supplier_days.serves(demo, scorecard.resolve(demo, sc), ("supplier",))
    # the same windows without the institution are served (from the all-month day tables)
    assert supplier_days.serves(demo, scorecard.resolve(demo, scope.Scope.make(date_from=earlier)), ("supplier",))
    frame = scorecard.scorecard(demo, scope.Scope.make(institution=big, date_from=earlier))
    assert frame["lines"].sum() == demo.execute(
        "SELECT count(*) FROM line_facts WHERE NOT cancelled AND institution_id = $i "
        "AND due_date BETWEEN $f AND $a", {"i": big, "f": earlier, "a": as_of}).fetchone()[0]


def test_latest_delivery_month_moving_rebuilds_the_day_tables(monkeypatch):
    con = _hand_store()
    # the latest delivery is the cancelled SX's, 2025-04-01: of the lines due from April on,
    # only T2 (due 2025-04-01) is in the day tables
    assert con.execute("SELECT recent_from FROM rollup_supplier_inst_from").fetchone()[0] == date(2025, 4, 1)
    assert con.execute("SELECT sum(lines) FROM rollup_supplier_inst_days").fetchone()[0] == 1
    monkeypatch.setattr(facts, "FULL_REBUILD_SHARE", 1.0)     # always the incremental path
    con.execute("INSERT INTO deliveries (delivery_id, order_id, delivered_date, qty_delivered, qty_rejected, "
                "delay_cause) VALUES ('T2-D1', 'T2', DATE '2025-05-03', 3, 0, 'supplier')")
    real = refresh_incrementally(con, monkeypatch, "T2")
    assert con.execute("SELECT recent_from FROM rollup_supplier_inst_from").fetchone()[0] == date(2025, 5, 1)
    assert con.execute("SELECT count(*) FROM rollup_supplier_inst_days").fetchone()[0] == 0
    incremental = _snapshot(con)
    real(con, False)
    _assert_snapshots_equal(incremental, _snapshot(con))
    sc = scope.Scope.make(institution="IMSS", grace_days=0)
    fast, slow = _both(con, monkeypatch, lambda: scorecard.scorecard(con, sc, ("supplier",)))
    _assert_same(fast, slow)
    t = fast.set_index("supplier_id").loc["T"]
    assert t["lines"] == 2 and t["lead_time_median"] == 0 + 10 + 30 + 2  # T2: ordered 03-22, in 05-03


def test_institution_tables_are_in_the_snapshot():
    assert {"rollup_supplier_inst_months", "rollup_supplier_inst_days", "rollup_supplier_inst_from"} <= set(TABLES)
