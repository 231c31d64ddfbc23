"""Re-importing updates by natural key; the same data twice changes nothing; lineage."""
import hashlib
import json
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from metrics.ingest import import_paths
from tests.ingest.ingest_helpers import copy_base, dump, fingerprint, read_base, rows_of, write_csv


@pytest.fixture
def db(base_copy):
    return base_copy     # (tests/ingest/conftest.py)


def _data_tables(fp: dict) -> dict:
    return {t: v for t, v in fp.items() if t != "import_batches"}


def test_same_files_twice_change_no_data_table_but_are_recorded(db, tmp_path):
    before = fingerprint(db)
    folder = copy_base(tmp_path / "again")
    report = import_paths([folder], db, user="beto", origin="dashboard")
    assert (report.added, report.updated) == (0, 0)
    assert all(v == (0, 0) for v in report.tables.values())
    after = fingerprint(db)
    assert _data_tables(after) == _data_tables(before)
    batches = rows_of(db, "SELECT batch_id, user_name, origin, rows_added, rows_updated, files "
                          "FROM import_batches ORDER BY batch_id")
    assert [(b, u, o, a, up) for b, u, o, a, up, _ in batches] == [
        (1, "ana", "test", 22, 0), (2, "beto", "dashboard", 0, 0)]
    files = {f["file"]: f for f in json.loads(batches[1][5])}
    orders = files["orders.csv"]
    assert orders["sha256"] == hashlib.sha256((folder / "orders.csv").read_bytes()).hexdigest()
    assert (orders["table"], orders["rows"], orders["added"], orders["updated"]) == ("orders", 3, 0, 0)


def test_changed_rows_are_updated_and_only_they_get_the_new_batch(db, tmp_path):
    folder = tmp_path / "change"
    folder.mkdir()
    header, rows = read_base("orders")
    rows[1][header.index("qty_ordered")] = "450"                              # O2 changes
    rows.append(["O4", "C1", "010.000.0104.00", "U1", "2025-04-01", "2025-04-10", "10", "false"])
    write_csv(folder / "orders.csv", header, rows)
    report = import_paths([folder], db)
    assert report.tables == {"orders": (1, 1)}
    assert rows_of(db, "SELECT order_id, qty_ordered, batch_id FROM orders ORDER BY 1") == [
        ("O1", 1000.0, 1), ("O2", 450.0, 2), ("O3", 200.0, 1), ("O4", 10.0, 2)]
    # line facts follow: O2 got 350 accepted of 450 now, O4 is new
    assert rows_of(db, "SELECT order_id, qty_ordered, qty_accepted FROM line_facts "
                       "WHERE order_id IN ('O2', 'O4') ORDER BY 1") == [("O2", 450.0, 350.0), ("O4", 10.0, 0.0)]


def test_a_delivery_moved_to_another_order_refreshes_both_orders(db, tmp_path):
    folder = tmp_path / "move"
    folder.mkdir()
    header, rows = read_base("deliveries")
    rows[0][header.index("order_id")] = "O2"                                  # D1: O1 -> O2
    write_csv(folder / "deliveries.csv", header, rows)
    import_paths([folder], db)
    assert rows_of(db, "SELECT order_id, n_deliveries, qty_delivered FROM line_facts "
                       "WHERE order_id IN ('O1', 'O2') ORDER BY 1") == [("O1", 0, 0.0), ("O2", 2, 1400.0)]


def test_an_emptied_optional_value_takes_the_default(db, tmp_path):
    folder = tmp_path / "default"
    folder.mkdir()
    header, rows = read_base("contracts")
    rows[1][header.index("penalty_rate_per_day")] = ""
    write_csv(folder / "contracts.csv", header, rows)
    report = import_paths([folder], db)
    assert report.tables["contracts"] == (0, 1)
    assert rows_of(db, "SELECT penalty_rate_per_day FROM contracts WHERE contract_id = 'C2'") == [(0.01,)]


# ---------------------------------------------------------------- property

_dates = st.dates(min_value=__import__("datetime").date(2024, 1, 1),
                  max_value=__import__("datetime").date(2025, 12, 31))
_line = st.tuples(st.sampled_from(["U1", "U2"]), _dates, st.integers(0, 40),
                  st.integers(1, 5000), st.booleans(), st.integers(0, 6000), st.booleans())


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(_line, min_size=1, max_size=12))
def test_importing_twice_equals_importing_once(base_db, tmp_path_factory, lines):
    work = tmp_path_factory.mktemp("prop")
    folder = work / "batch"
    folder.mkdir()
    orders, deliveries = [], []
    for n, (unit, ordered, lead, qty, dmy, delivered, cancelled) in enumerate(lines):
        due = ordered + __import__("datetime").timedelta(days=lead)
        shown = ordered.strftime("%d/%m/%Y") if dmy else ordered.isoformat()
        orders.append([f"P{n}", "C1", "010.000.0104.00", unit, shown, due.isoformat(), f"{qty:,}",
                       "sí" if cancelled else "no"])
        if delivered:
            deliveries.append([f"E{n}", f"P{n}", due.isoformat(), str(delivered), "0", "", "", ""])
    header_o, _ = read_base("orders")
    header_d, _ = read_base("deliveries")
    write_csv(folder / "orders.csv", header_o, orders)
    write_csv(folder / "deliveries.csv", header_d, deliveries)
    db = work / "abasto.duckdb"
    shutil.copy(base_db, db)
    first = import_paths([folder], db)
    assert first.tables["orders"] == (len(orders), 0)
    once, once_rows = fingerprint(db), dump(db)
    second = import_paths([folder], db)
    assert (second.added, second.updated) == (0, 0)
    assert _data_tables(fingerprint(db)) == _data_tables(once)
    assert dump(db) == once_rows
