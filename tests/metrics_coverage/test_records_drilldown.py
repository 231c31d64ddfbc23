"""metrics.records: the rows behind the contract page, on a hand-built database."""
from datetime import date

import pytest

from metrics import facts, records, store
from metrics.scope import Scope

SQL = """
INSERT INTO suppliers (supplier_id, name) VALUES ('L', 'Tarde SA'), ('P', 'Puntual SA');
INSERT INTO institutions (institution_id, name) VALUES ('IMSS', 'IMSS');
INSERT INTO units (unit_id, institution_id, name, state) VALUES ('U1', 'IMSS', 'HGZ 1', 'Jalisco');
INSERT INTO items (item_code, description) VALUES ('X', 'Paracetamol');
INSERT INTO contracts (contract_id, institution_id, supplier_id, procedure_type, signed_date,
                       start_date, end_date, amount, status) VALUES
  ('C-L', 'IMSS', 'L', 'open_tender', '2025-01-01', '2025-01-01', '2025-12-31', 1000, 'active'),
  ('C-P', 'IMSS', 'P', 'direct_award', '2025-01-01', '2025-01-01', '2025-12-31', 500, 'completed');
INSERT INTO contract_items (contract_id, item_code, unit_price) VALUES ('C-L', 'X', 2), ('C-P', 'X', 3);
INSERT INTO orders (order_id, contract_id, item_code, unit_id, order_date, due_date, qty_ordered) VALUES
  ('L1', 'C-L', 'X', 'U1', '2025-01-01', '2025-02-10', 10),
  ('L2', 'C-L', 'X', 'U1', '2025-01-01', '2025-03-10', 10),
  ('P1', 'C-P', 'X', 'U1', '2025-01-01', '2025-02-10', 10);
INSERT INTO deliveries (delivery_id, order_id, delivered_date, qty_delivered, qty_rejected, delay_cause) VALUES
  ('d1', 'L1', '2025-02-20', 6, 1, 'supplier'),
  ('d2', 'L1', '2025-02-25', 5, 0, 'buyer'),
  ('d3', 'L2', '2025-04-01', 10, 0, 'supplier'),
  ('d4', 'P1', '2025-02-09', 10, 0, 'supplier');
INSERT INTO penalties (penalty_id, contract_id, order_id, kind, amount, applied_date) VALUES
  ('pen1', 'C-L', 'L1', 'late_delivery', 12, '2025-03-01'),
  ('pen2', 'C-L', NULL, 'other', 5, '2025-06-01');
"""


@pytest.fixture
def con(db):
    with store.writer(db) as w:
        w.execute(SQL)
        facts.refresh(w)
    c = store.connect_read(db)
    yield c
    c.close()


def test_contract_terms_only_for_contracts_in_scope(con):
    got = records.contracts(con, Scope.make(supplier="L"))
    assert got["contract_id"].tolist() == ["C-L"]
    row = got.iloc[0]
    assert row["supplier_name"] == "Tarde SA" and row["amount"] == 1000
    assert row["guarantee_pct"] == pytest.approx(0.10)
    assert len(records.contracts(con, Scope())) == 2


def test_penalties_follow_filters_and_window(con):
    assert records.penalties(con, Scope.make(contract="C-L"))["penalty_id"].tolist() == ["pen2", "pen1"]
    assert records.penalties(con, Scope.make(contract="C-P")).empty
    assert records.penalties(con, Scope.make(contract="C-L", date_to="2025-04-30"))["penalty_id"].tolist() == ["pen1"]


def test_deliveries_as_of_and_lateness(con):
    got = records.deliveries(con, Scope.make(contract="C-L")).set_index("delivery_id")
    assert list(got.index) == ["d3", "d2", "d1"]          # newest first
    assert got.loc["d1", "qty_accepted"] == 5
    assert got.loc["d1", "days_after_due"] == 10 and bool(got.loc["d1", "late_supplier"])
    assert not bool(got.loc["d2", "late_supplier"])       # the buyer's delay is excused
    early = records.deliveries(con, Scope.make(contract="C-L", as_of="2025-03-15"))
    assert set(early["delivery_id"]) == {"d1", "d2"}      # d3 came after as_of; L2 counts, undelivered
    assert records.deliveries(con, Scope(), limit=1)["delivery_id"].tolist() == ["d3"]
    assert records.deliveries(con, Scope.make(as_of=date(2025, 2, 9)))["delivery_id"].tolist() == []
