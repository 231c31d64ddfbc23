"""The supplier rollup (metrics/rollups/supplier_days.py) gives exactly what line_facts gives:
every KPI column of the scorecard, computability and the score's side tables, for every
grouping and scope it serves; the scopes it cannot serve fall back to the lines; it stays
equal to a full rebuild after an incremental import, and a migrated database gets it filled."""
import shutil
from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest

from metrics import facts, performance, scope, scorecard, store
from metrics.rollups import supplier_days
from metrics.settings import load_settings

from .metrics_fixtures import fixture, load_parsed, memory_store

TABLES = ["rollup_supplier_days", "rollup_supplier_months", "rollup_supplier_hist_days",
          "rollup_supplier_hist_months", "rollup_supplier_keys", "rollup_supplier_inst_months",
          "rollup_supplier_inst_days", "rollup_supplier_inst_hist_months", "rollup_supplier_inst_hist_days",
          "rollup_supplier_inst_from"]
EXACT = ["lines", "open_overdue_lines", "delivered_lines",
         "completed_lines", "lead_time_lines", "priced_lines", "unit_priced_lines", "otif_lines",
         "on_time_rate", "otif_rate", "days_late_mean", "non_compliant_rate"]


def _line_path(monkeypatch):
    monkeypatch.setattr(supplier_days, "serves", lambda *a, **k: False)


def _both(con, monkeypatch, fn):
    """(rollup result, line result) of fn(), asserting the rollup was used."""
    used = []
    real = supplier_days.serves

    def spy(*a, **k):
        used.append(real(*a, **k))
        return used[-1]
    with monkeypatch.context() as m:
        m.setattr(supplier_days, "serves", spy)
        fast = fn()
    assert used and all(used), "the rollup was not used"
    with monkeypatch.context() as m:
        _line_path(m)
        slow = fn()
    return fast, slow


# DuckDB's quantile_cont interpolates lo + (hi − lo)·d in a way no plain double formula
# reproduces bit for bit in every case (measured: ~10% of groups differ in the last bit from
# every arrangement tried); the rollup's agree with it to one unit in the last place.
ULP = ["days_late_p90", "lead_time_median"]


def _assert_same(fast: pd.DataFrame, slow: pd.DataFrame):
    assert list(fast.columns) == list(slow.columns)
    assert len(fast) == len(slow)
    for c in fast.columns:
        a, b = fast[c], slow[c]
        if c in ULP:
            x, y = a.to_numpy(float), b.to_numpy(float)
            assert (np.isnan(x) == np.isnan(y)).all(), c
            ok = ~np.isnan(x)
            assert (np.abs(x[ok] - y[ok]) <= np.spacing(np.maximum(np.abs(x[ok]), np.abs(y[ok])))).all(), c
        elif c in EXACT:     # counts, and quantiles/means computed the same way: bit for bit
            pd.testing.assert_series_equal(a, b, check_exact=True, obj=c)
        else:
            pd.testing.assert_series_equal(a, b, check_exact=False, rtol=1e-12, atol=1e-9, obj=c)


def _scopes(as_of: date):
    year = as_of - timedelta(days=364)
    return [
        dict(date_from=year, date_to=as_of, as_of=as_of),                       # not month-aligned
        dict(date_from=date(as_of.year - 1, 3, 1), date_to=date(as_of.year, 2, 28)),   # whole months
        dict(date_from=date(as_of.year, 5, 17), date_to=date(as_of.year, 5, 29)),  # inside one month
        dict(date_from=year),
        dict(date_to=as_of - timedelta(days=40)),
        dict(),
    ]


@pytest.fixture(scope="module")
def demo(demo_db):
    with store.connect_read(demo_db) as con:
        yield con


@pytest.mark.parametrize("group_by", [(), ("supplier",), ("item_group",), ("month",),
                                      ("supplier", "month"), ("supplier", "item_group")])
def test_rollup_equals_lines_for_every_grouping_and_window(demo, monkeypatch, group_by):
    as_of = facts.latest_delivery(demo)
    for kw in _scopes(as_of):
        sc = scope.Scope.make(**kw)
        fast, slow = _both(demo, monkeypatch, lambda: scorecard.scorecard(demo, sc, group_by))
        assert len(fast) > 0
        _assert_same(fast, slow)
        assert fast.attrs["not_computable"] == slow.attrs["not_computable"]


def test_rollup_equals_lines_under_supplier_and_item_group_filters(demo, monkeypatch):
    as_of = facts.latest_delivery(demo)
    top = demo.execute("SELECT supplier_id FROM line_facts GROUP BY 1 ORDER BY count(*) DESC LIMIT 2").fetchall()
    groups = [r[0] for r in demo.execute("SELECT DISTINCT item_group FROM line_facts ORDER BY 1 LIMIT 2").fetchall()]
    year = as_of - timedelta(days=364)
    for kw in (dict(supplier=[top[0][0]]), dict(supplier=[t[0] for t in top]), dict(item_group=groups[:1]),
               dict(supplier=[top[0][0]], item_group=groups)):
        sc = scope.Scope.make(date_from=year, date_to=as_of, **kw)
        for group_by in (("supplier",), ("item_group",), ("month",), ()):
            fast, slow = _both(demo, monkeypatch, lambda: scorecard.scorecard(demo, sc, group_by))
            _assert_same(fast, slow)
        fast, slow = _both(demo, monkeypatch, lambda: scorecard.computability(demo, sc))
        assert fast == slow


def refresh_incrementally(con, monkeypatch, order_id: str):
    """facts.refresh of one order, asserting the supplier rollup took its incremental path;
    returns the real supplier_days.refresh (for a full rebuild to compare with)."""
    calls = []
    real = supplier_days.refresh
    monkeypatch.setattr(supplier_days, "refresh", lambda c, incremental=False: (
        calls.append(incremental), real(c, incremental))[-1])
    facts.refresh(con, orders=[order_id], grace_days=0)
    assert calls == [True]
    return real


def _assert_side_tables_same(demo, monkeypatch, resolved):
    """performance.supplier_detail (main group, monthly OTIF of the trend window) from the
    rollup == from the lines."""
    settings = load_settings()
    fast, slow = _both(demo, monkeypatch, lambda: performance.supplier_detail(demo, resolved, settings))
    assert len(fast) > 0 and fast.filter(like="otif_pct_").notna().any().any()
    pd.testing.assert_frame_equal(fast.sort_values("supplier_id").reset_index(drop=True),
                                  slow.sort_values("supplier_id").reset_index(drop=True), check_exact=True)


def test_score_side_tables_from_the_rollup(demo, monkeypatch):
    as_of = facts.latest_delivery(demo)
    _assert_side_tables_same(demo, monkeypatch, scorecard.resolve(
        demo, scope.Scope.make(date_from=as_of - timedelta(days=300))))


def test_scopes_the_rollup_cannot_serve_fall_back(demo):
    as_of = facts.latest_delivery(demo)
    inst = demo.execute("SELECT min(institution_id) FROM line_facts").fetchone()[0]
    cases = [
        (scope.Scope.make(as_of=as_of - timedelta(days=30)), ("supplier",)),   # facts on the fly
        (scope.Scope.make(grace_days=3), ("supplier",)),                        # another grace
        (scope.Scope.make(institution=inst, date_from=as_of - timedelta(days=364)),
         ("supplier",)),                  # institution, partial month before the latest delivery's
        (scope.Scope.make(state="X"), ("supplier",)),                           # filter not in the rollup
        (scope.Scope(), ("supplier", "state")),                                 # grouping not in it
    ]
    for sc, group_by in cases:
        resolved = scorecard.resolve(demo, sc)
        assert not supplier_days.serves(demo, resolved, group_by)
    assert supplier_days.serves(demo, scorecard.resolve(demo, scope.Scope()), ("supplier", "month"))
    # and what they give is still the line path's (e.g. the institution filter)
    frame = scorecard.scorecard(demo, cases[2][0])
    assert frame["lines"].sum() == demo.execute(
        "SELECT count(*) FROM line_facts WHERE NOT cancelled AND institution_id = $i AND due_date <= $a "
        "AND due_date >= $f", {"i": inst, "a": as_of, "f": as_of - timedelta(days=364)}).fetchone()[0]


# --- hand-computed --------------------------------------------------------------------------

def _hand_store():
    """Supplier S: 10 lines due 2025-01-20 .. 2025-03-01 delivered k days late (k = 0..9);
    one cancelled line (ignored); supplier T: two lines never delivered, one due on as_of
    (evaluable, not yet overdue)."""
    rows = []
    for k in range(10):
        due = date(2025, 1, 20) + timedelta(days=5 * k)
        rows.append({"order": f"S{k}", "supplier": "S", "due_date": due.isoformat(), "qty": "10",
                     "order_date": (due - timedelta(days=10)).isoformat(),
                     "deliveries": f"{(due + timedelta(days=k)).isoformat()}:10"})
    rows.append({"order": "SX", "supplier": "S", "due_date": "2025-02-02", "qty": "10", "cancelled": "1",
                 "deliveries": "2025-04-01:10"})
    rows.append({"order": "T1", "supplier": "T", "due_date": "2025-02-10", "qty": "5", "deliveries": ""})
    rows.append({"order": "T2", "supplier": "T", "due_date": "2025-04-01", "qty": "3", "deliveries": ""})
    con = memory_store()
    load_parsed(con, fixture(rows))
    facts.refresh(con, grace_days=0)
    return con


def test_hand_computed_quantiles_and_counts():
    con = _hand_store()
    sc = scope.Scope.make(as_of="2025-04-01", grace_days=0)
    frame = scorecard.scorecard(con, sc).set_index("supplier_id")
    s = frame.loc["S"]
    # days late 0..9: p90 at position 9·0.9 = 8.1 -> 8 + 0.1·(9 − 8); lead time = 10 + k days:
    # median at 4.5 -> 14.5
    assert s["lines"] == 10 and s["days_late_p90"] == pytest.approx(8.1, abs=1e-12)
    assert s["lead_time_median"] == 14.5
    assert s["on_time_rate"] == 0.1 and s["days_late_mean"] == 4.5
    t = frame.loc["T"]
    assert t["lines"] == 2 and np.isnan(t["days_late_p90"]) and t["open_overdue_lines"] == 1
    assert t["backlog_qty"] == 5
    # a window from 2025-01-25 to 2025-02-20 (partial months only): k = 1..6
    sc = scope.Scope.make(as_of="2025-04-01", grace_days=0, date_from="2025-01-25", date_to="2025-02-20")
    s = scorecard.scorecard(con, sc).set_index("supplier_id").loc["S"]
    assert s["lines"] == 6 and s["days_late_p90"] == pytest.approx(5.5, abs=1e-12)   # 1..6 at 4.5
    assert s["lead_time_median"] == 13.5
    # the rollup holds the cancelled line nowhere, and S's histogram has ten days-late values
    assert con.execute("SELECT sum(lines) FROM rollup_supplier_days").fetchone()[0] == 12
    assert con.execute("SELECT sum(n) FROM rollup_supplier_hist_months WHERE supplier_id = 'S' "
                       "AND measure = 1").fetchone()[0] == 10


def test_window_params_split_whole_months_and_edge_days():
    resolved = scope.Resolved(scope.Scope.make(date_from="2025-01-15", date_to="2025-06-10"),
                              date(2025, 5, 20), 0, "line_facts")
    p = supplier_days.window_params(resolved)
    assert (p["m_lo"], p["m_hi"]) == (date(2025, 2, 1), date(2025, 4, 1))   # May holds as_of
    assert (p["d1_lo"], p["d1_hi"]) == (date(2025, 1, 15), date(2025, 1, 31))
    assert (p["d2_lo"], p["d2_hi"]) == (date(2025, 5, 1), date(2025, 5, 20))
    resolved = scope.Resolved(scope.Scope.make(date_to="2025-03-31"), date(2025, 5, 20), 0, "line_facts")
    p = supplier_days.window_params(resolved)
    assert (p["m_lo"], p["m_hi"]) == (date(1, 1, 1), date(2025, 3, 1)) and p["d1_lo"] > p["d1_hi"]
    assert p["d2_lo"] > p["d2_hi"]


# --- maintenance ----------------------------------------------------------------------------

def _snapshot(con) -> dict:
    out = {}
    for t in TABLES:
        frame = con.execute(f"SELECT * FROM {t}").df()
        keys = [c for c in ("supplier_id", "item_group", "institution_id", "due_date", "due_month", "measure",
                            "value", "recent_from")
                if c in frame.columns]
        out[t] = frame.sort_values(keys, na_position="first").reset_index(drop=True)
    return out


def _assert_snapshots_equal(a: dict, b: dict):
    for t in TABLES:
        pd.testing.assert_frame_equal(a[t], b[t], check_exact=False, rtol=1e-12, obj=t)


def test_incremental_import_equals_full_rebuild(demo_db, tmp_path, monkeypatch):
    from metrics.ingest import import_paths
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_db, path)
    with store.connect_read(path) as con:
        before = _snapshot(con)
        changed = con.execute(
            "SELECT d.* FROM deliveries d JOIN line_facts f USING (order_id) "
            "WHERE f.supplier_id = (SELECT min(supplier_id) FROM line_facts) ORDER BY d.delivery_id LIMIT 3").df()
    assert len(changed) == 3
    changed["delivered_date"] = pd.to_datetime(changed["delivered_date"]) + pd.Timedelta(days=30)
    changed["qty_rejected"] = changed["qty_delivered"]
    folder = tmp_path / "batch"
    folder.mkdir()
    changed.drop(columns=[c for c in ("batch_id",) if c in changed]).to_csv(
        folder / "deliveries.csv", index=False, date_format="%Y-%m-%d")
    calls = []
    real = supplier_days.refresh
    monkeypatch.setattr(supplier_days, "refresh", lambda con, incremental=False: (
        calls.append(incremental), real(con, incremental))[-1])
    import_paths([folder], path)
    assert calls == [True]
    with store.connect_read(path) as con:
        incremental = _snapshot(con)
    with store.writer(path) as con:
        real(con, False)
    with store.connect_read(path) as con:
        full = _snapshot(con)
    _assert_snapshots_equal(incremental, full)
    # and the import did change the supplier's rows (the test would pass on a no-op otherwise)
    assert not before["rollup_supplier_days"]["qty_rejected"].equals(full["rollup_supplier_days"]["qty_rejected"])


@pytest.mark.parametrize("older", [4, 6, 8])
def test_migrated_older_database_gets_the_rollup_filled(older):
    con = _hand_store()
    filled = _snapshot(con)
    assert len(filled["rollup_supplier_days"]) > 0
    for t in TABLES if older < 7 else [t for t in TABLES if "_inst_" in t]:   # the tables newer than older
        con.execute(f"DROP TABLE {t}")
    con.execute("DELETE FROM schema_version WHERE version > $v", {"v": older})
    applied = store.migrate(con)
    assert 9 in applied and (older >= 7 or 7 in applied)
    _assert_snapshots_equal(_snapshot(con), filled)


def test_incremental_refresh_with_a_new_supplier(monkeypatch):
    con = _hand_store()
    monkeypatch.setattr(facts, "FULL_REBUILD_SHARE", 1.0)     # always the incremental path
    con.execute("INSERT INTO suppliers (supplier_id, name) VALUES ('U', 'Proveedor U')")
    con.execute("INSERT INTO contracts (contract_id, institution_id, supplier_id, procedure_type, is_emergency, "
                "signed_date, start_date, end_date, amount, status, penalty_rate_per_day, deduction_rate, "
                "guarantee_pct) SELECT 'C_U', institution_id, 'U', procedure_type, is_emergency, signed_date, "
                "start_date, end_date, amount, status, penalty_rate_per_day, deduction_rate, guarantee_pct "
                "FROM contracts WHERE contract_id = 'C_S'")
    con.execute("INSERT INTO contract_items (contract_id, item_code, unit_price) "
                "SELECT 'C_U', item_code, unit_price FROM contract_items WHERE contract_id = 'C_S'")
    con.execute("INSERT INTO orders (order_id, contract_id, item_code, unit_id, order_date, due_date, qty_ordered, "
                "cancelled) VALUES ('U1', 'C_U', 'A', 'U1', DATE '2025-02-01', DATE '2025-02-15', 8, false)")
    con.execute("INSERT INTO deliveries (delivery_id, order_id, delivered_date, qty_delivered, qty_rejected, "
                "delay_cause) VALUES ('U1-D1', 'U1', DATE '2025-02-18', 8, 0, 'supplier')")
    real = refresh_incrementally(con, monkeypatch, "U1")
    incremental = _snapshot(con)
    assert "U" in set(incremental["rollup_supplier_keys"]["supplier_id"])
    real(con, False)
    _assert_snapshots_equal(incremental, _snapshot(con))
    u = scorecard.scorecard(con, scope.Scope.make(as_of="2025-04-01", grace_days=0)).set_index("supplier_id").loc["U"]
    assert u["lines"] == 1 and u["days_late_p90"] == 3 and u["lead_time_median"] == 17


@pytest.mark.parametrize("group_by", [(), ("supplier",), ("month",), ("item_group",)])
def test_scopes_without_completed_lines_or_without_lines(monkeypatch, group_by):
    con = _hand_store()
    for kw in (dict(supplier="T"), dict(supplier="NOBODY"), dict(date_from="2030-01-01")):
        sc = scope.Scope.make(as_of="2025-04-01", grace_days=0, **kw)
        fast, slow = _both(con, monkeypatch, lambda: scorecard.scorecard(con, sc, group_by))
        _assert_same(fast, slow)
        assert fast["days_late_p90"].isna().all()
