"""Line facts against hand-computed values (one late supplier L, one perfect supplier P)."""
from datetime import date

import pytest

from metrics import facts, scope, store

SETUP = """
INSERT INTO suppliers (supplier_id, name) VALUES ('L', 'Siempre tarde'), ('P', 'Perfecto');
INSERT INTO institutions (institution_id, name) VALUES ('IMSS', 'IMSS');
INSERT INTO units (unit_id, institution_id, name, state) VALUES ('U1', 'IMSS', 'HGZ 1', 'Jalisco');
INSERT INTO items (item_code, description, item_group) VALUES ('010.000.0104.00', 'Paracetamol', 'medicine');
INSERT INTO contracts (contract_id, institution_id, supplier_id, procedure_type, signed_date,
                       start_date, end_date, amount, status) VALUES
  ('C1', 'IMSS', 'L', 'open_tender', '2025-01-01', '2025-01-01', '2025-12-31', 10000, 'active'),
  ('C2', 'IMSS', 'P', 'open_tender', '2025-01-01', '2025-01-01', '2025-12-31', 10000, 'active');
INSERT INTO contract_items (contract_id, item_code, unit_price) VALUES
  ('C1', '010.000.0104.00', 10), ('C2', '010.000.0104.00', 12);
INSERT INTO orders (order_id, contract_id, item_code, unit_id, order_date, due_date, qty_ordered) VALUES
  ('O1', 'C1', '010.000.0104.00', 'U1', '2025-01-01', '2025-01-10', 100),
  ('O2', 'C2', '010.000.0104.00', 'U1', '2025-01-01', '2025-01-10', 100),
  ('O3', 'C1', '010.000.0104.00', 'U1', '2025-01-01', '2025-01-10', 50);
-- O1: 60 five days late, then 60 with 10 rejected ten days late (over-delivers by 10)
-- O3: delivered late but the buyer caused it: excused, counts as on the due date
INSERT INTO deliveries (delivery_id, order_id, delivered_date, qty_delivered, qty_rejected, delay_cause) VALUES
  ('D1', 'O1', '2025-01-15', 60, 0, 'supplier'),
  ('D2', 'O1', '2025-01-20', 60, 10, 'supplier'),
  ('D3', 'O2', '2025-01-09', 100, 0, 'supplier'),
  ('D4', 'O3', '2025-01-25', 50, 0, 'buyer');
"""

COLS = ("qty_accepted, is_on_time, is_otif, completion_date, days_late, late_qty, late_penalty,"
        " short_qty, ref_price, has_excused, lead_time_days")


@pytest.fixture
def loaded(db):
    with store.writer(db) as con:
        con.execute(SETUP)
        facts.refresh(con)
    return db


def _facts(con, source="line_facts", params=None):
    rows = con.execute(f"SELECT order_id, {COLS} FROM {source} f ORDER BY order_id", params or {}).fetchall()
    return {r[0]: r[1:] for r in rows}


def test_hand_computed_facts(loaded):
    with store.connect_read(loaded) as con:
        got = _facts(con)
    # O1: penalty 0.01·5·10·60 + 0.01·10·10·40 (only the 40 still owed) = 30 + 40 = 70
    assert got["O1"] == (110, False, False, date(2025, 1, 20), 10, 100, pytest.approx(70.0), 0, 11.0, False, 19)
    assert got["O2"] == (100, True, True, date(2025, 1, 9), 0, 0, 0, 0, 11.0, False, 8)
    # O3: excused -> on time, OTIF, no penalty, but the real completion date is kept
    assert got["O3"] == (50, True, True, date(2025, 1, 25), 0, 0, 0, 0, 11.0, True, 24)


def test_as_of_before_latest_delivery_computes_facts_on_the_fly(loaded):
    with store.connect_read(loaded) as con:
        resolved = scope.resolve(con, scope.Scope.make(as_of="16/01/2025"))
        assert resolved.source != "line_facts"
        rows = scope.run(con, resolved, "SELECT order_id, qty_accepted, short_qty FROM {facts} f "
                                        "WHERE {where} ORDER BY 1").fetchall()
    assert rows == [("O1", 60, 40), ("O2", 100, 0), ("O3", 0, 50)]


def test_incremental_refresh_equals_full_rebuild(loaded):
    with store.writer(loaded) as con:
        # re-point D4 to O1 and add a delivery to O3, as a re-import in batch 7 would
        con.execute("CREATE TEMP TABLE moved_orders AS SELECT 'O3' AS order_id")
        con.execute("UPDATE deliveries SET order_id = 'O1', batch_id = 7 WHERE delivery_id = 'D4'")
        con.execute("INSERT INTO deliveries (delivery_id, order_id, delivered_date, qty_delivered, batch_id)"
                    " VALUES ('D5', 'O3', '2025-01-12', 20, 7)")
        facts.FULL_REBUILD_SHARE, saved = 1.0, facts.FULL_REBUILD_SHARE
        try:
            facts.refresh(con, batch_id=7)
        finally:
            facts.FULL_REBUILD_SHARE = saved
        incremental = _facts(con)
        facts.refresh(con)
        assert _facts(con) == incremental
    assert incremental["O3"][0] == 20
