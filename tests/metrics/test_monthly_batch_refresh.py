"""A monthly batch into a stored history (new lines due after the stored ones, deliveries of
open lines, a changed delivery) refreshes incrementally: line facts only from each touched
contract's earliest touched line on, the rollups only from the earliest touched month on,
and every table then equals a full rebuild."""
import shutil
from datetime import timedelta

import pandas as pd
from metrics import facts, store
from metrics.ingest import import_paths


def _tables(con) -> dict[str, pd.DataFrame]:
    names = ["line_facts"] + [t for (t,) in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'rollup_%' ORDER BY 1").fetchall()]
    out = {}
    for name in names:
        frame = con.execute(f"SELECT * FROM {name}").df()
        keys = [c for c in frame.columns if not pd.api.types.is_float_dtype(frame[c])]
        out[name] = frame.sort_values(keys, na_position="first").reset_index(drop=True)
    return out


def test_a_monthly_batch_equals_a_full_rebuild_and_recomputes_little(demo_db, tmp_path, monkeypatch):
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_db, path)
    with store.connect_read(path) as con:
        total = con.execute("SELECT count(*) FROM line_facts").fetchone()[0]
        last_due = con.execute("SELECT max(due_date) FROM orders").fetchone()[0]
        # next month's orders: the latest 300 lines again, 45 days later, with their deliveries
        orders = con.execute(
            "SELECT 'NX' || order_id AS order_id, contract_id, item_code, unit_id, "
            "order_date + 45 AS order_date, due_date + 45 AS due_date, qty_ordered, cancelled "
            "FROM orders ORDER BY due_date DESC, order_id LIMIT 300").df()
        deliveries = con.execute(
            "SELECT 'NX' || delivery_id AS delivery_id, 'NX' || order_id AS order_id, "
            "delivered_date + 45 AS delivered_date, qty_delivered, qty_rejected, rejection_reason, "
            "expiry_date, delay_cause FROM deliveries WHERE order_id IN "
            "(SELECT order_id FROM orders ORDER BY due_date DESC, order_id LIMIT 300) "
            # ... and a stored delivery of a line due a few months back, now half rejected
            "UNION ALL SELECT delivery_id, order_id, delivered_date, qty_delivered, "
            "qty_delivered / 2 AS qty_rejected, rejection_reason, expiry_date, delay_cause "
            "FROM deliveries WHERE order_id = (SELECT order_id FROM orders "
            "WHERE due_date < $back ORDER BY due_date DESC, order_id LIMIT 1)",
            {"back": last_due - timedelta(days=90)}).df()
    folder = tmp_path / "batch"
    folder.mkdir()
    orders.to_csv(folder / "orders.csv", index=False, date_format="%Y-%m-%d")
    deliveries.to_csv(folder / "deliveries.csv", index=False, date_format="%Y-%m-%d")

    recomputed = []
    real = facts._rewrite
    monkeypatch.setattr(facts, "_rewrite", lambda *a: recomputed.append(real(*a)) or recomputed[-1])
    import_paths([folder], path)
    (lines, incremental), = recomputed
    assert incremental and 300 <= lines < 0.1 * total      # not every line of the touched contracts
    with store.connect_read(path) as con:
        after = _tables(con)
        assert con.execute("SELECT count(*) FROM line_facts WHERE order_id LIKE 'NX%'").fetchone()[0] == 300
    with store.writer(path) as con:
        facts.refresh(con)                                     # everything, from scratch
    with store.connect_read(path) as con:
        full = _tables(con)
    assert after.keys() == full.keys()
    for name in full:
        pd.testing.assert_frame_equal(after[name], full[name], check_exact=False, rtol=1e-9, obj=name)
