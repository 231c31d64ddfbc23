"""bench/parquet_history.py: history kept as hive-partitioned Parquet is read by the same
metrics, unchanged, through a database whose large tables are views over the files."""
from datetime import timedelta

import pandas as pd
import pytest

from bench import parquet_history
from metrics import facts, ledger, scorecard, store
from metrics.scope import Scope


@pytest.fixture(scope="module")
def history(demo_db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("parquet")
    written = parquet_history.export(demo_db, folder / "files")
    out = parquet_history.attach(demo_db, folder / "files", folder / "history.duckdb")
    return written, folder / "files", out


def _scopes(con):
    as_of = facts.latest_delivery(con)
    top = con.execute("SELECT supplier_id FROM line_facts GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1").fetchone()[0]
    return [Scope(),
            Scope.make(date_from=as_of - timedelta(days=364), date_to=as_of),
            Scope.make(supplier=top),
            # an as_of before the latest delivery: facts computed on the fly from orders and
            # deliveries, which are Parquet views too
            Scope.make(as_of=as_of - timedelta(days=90))]


def test_export_writes_one_partition_per_year_and_month(history, demo_db):
    written, files, _ = history
    con = store.connect_read(demo_db)
    months = con.execute("SELECT count(DISTINCT due_month) FROM line_facts").fetchone()[0]
    assert written["line_facts"] == con.execute("SELECT count(*) FROM line_facts").fetchone()[0]
    assert len(list((files / "line_facts").glob("year=*/month=*"))) == months
    assert all(p.name.startswith("year=") for p in (files / "line_facts").iterdir())


def test_the_history_database_holds_views_over_the_files(history):
    _, files, out = history
    con = store.connect_read(out)
    kinds = dict(con.execute("SELECT table_name, table_type FROM information_schema.tables "
                             "WHERE table_schema = 'main'").fetchall())
    assert kinds["line_facts"] == "VIEW" and kinds["orders"] == "VIEW" and kinds["deliveries"] == "VIEW"
    assert kinds["contracts"] == "BASE TABLE" and kinds["suppliers"] == "BASE TABLE"
    # the view has the stored columns in the stored order (partition keys dropped)
    assert "year" not in [r[0] for r in con.execute("DESCRIBE line_facts").fetchall()]


def test_scorecard_and_ledger_over_parquet_equal_those_over_the_tables(history, demo_db):
    _, _, out = history
    table_con, parquet_con = store.connect_read(demo_db), store.connect_read(out)
    checked = 0
    for scope in _scopes(table_con):
        for group_by in (("supplier",), ("month",), ("institution", "item_group")):
            want = scorecard.scorecard(table_con, scope, group_by=group_by)
            got = scorecard.scorecard(parquet_con, scope, group_by=group_by)
            assert len(want) > 0
            pd.testing.assert_frame_equal(got, want, check_exact=False, rtol=1e-9)
            checked += 1
        # the ledger's order among equal sort keys follows the scan: compare by contract
        by_contract = lambda f: f.sort_values("contract_id", kind="stable").reset_index(drop=True)
        pd.testing.assert_frame_equal(by_contract(ledger.ledger(parquet_con, scope)),
                                      by_contract(ledger.ledger(table_con, scope)),
                                      check_exact=False, rtol=1e-9)
    assert checked == 12


def test_replicate_multiplies_the_lines_with_dates_moved_back(tmp_path, demo_db):
    parquet_history.export(demo_db, tmp_path, tables=("line_facts",))
    con = store.connect_read(demo_db)
    n, first = con.execute("SELECT count(*), min(due_month) FROM line_facts").fetchone()
    assert parquet_history.replicate(tmp_path, copies=3, years_apart=4) == 3 * n
    import duckdb
    glob = str(tmp_path / "line_facts" / "**" / "*.parquet")
    got = duckdb.connect().execute(
        "SELECT count(DISTINCT order_id), min(due_month) FROM read_parquet($g, hive_partitioning = true)",
        {"g": glob}).fetchone()
    assert got[0] == 3 * n
    assert got[1] == (pd.Timestamp(first) - pd.DateOffset(years=8)).date()


def test_a_replicated_set_is_read_by_the_scorecard_with_empty_orders(tmp_path, demo_db):
    parquet_history.export(demo_db, tmp_path / "files", tables=("line_facts",))
    parquet_history.replicate(tmp_path / "files", copies=2, years_apart=5)
    out = parquet_history.attach(demo_db, tmp_path / "files", tmp_path / "h.duckdb", empty=("orders", "deliveries"))
    con = store.connect_read(out)
    assert con.execute("SELECT count(*) FROM orders").fetchone()[0] == 0
    src = store.connect_read(demo_db)
    table = scorecard.scorecard(src, Scope())
    doubled = scorecard.scorecard(con, Scope())
    # the original's evaluable lines, plus the copy's: five years earlier, lines due after
    # as_of in the original may be due before it in the copy
    as_of = facts.latest_delivery(src)
    copy = src.execute("SELECT count(*) FROM line_facts WHERE NOT cancelled "
                       "AND (due_date - INTERVAL 5 YEAR)::DATE <= $a", {"a": as_of}).fetchone()[0]
    assert doubled["lines"].sum() == table["lines"].sum() + copy
    lines = parquet_history.time_scorecard(out)
    assert "peak memory" in lines[-1] and len(lines) == 6
