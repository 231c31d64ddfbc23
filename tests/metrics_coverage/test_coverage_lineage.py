"""metrics.coverage: import lineage and data coverage, checked against hand-counted rows."""
import json
from datetime import date, datetime

import pytest

from metrics import coverage, store
from metrics.exceptions import InvalidFilter

FILES_1 = [{"file": "proveedores.csv", "sha256": "a" * 64, "table": "suppliers", "rows": 3,
            "added": 3, "updated": 0, "format": "csv"}]
FILES_2 = [{"file": "ordenes.xlsx", "sha256": "b" * 64, "table": "orders", "rows": 2,
            "added": 1, "updated": 1, "format": "xlsx"},
           {"file": "contratos.csv", "sha256": "c" * 64, "table": "contracts", "rows": 1,
            "added": 1, "updated": 0, "format": "csv"}]


@pytest.fixture
def con(db):
    with store.writer(db) as w:
        w.execute("INSERT INTO suppliers (supplier_id, name, rfc) VALUES "
                  "('S1', 'Uno', 'AAA010101AAA'), ('S2', 'Dos', NULL), ('S3', 'Tres', NULL)")
        w.execute("INSERT INTO contracts (contract_id, institution_id, supplier_id, procedure_type,"
                  " signed_date, start_date, end_date, amount, status) VALUES "
                  "('C1', 'IMSS', 'S1', 'open_tender', '2025-01-10', '2025-01-10', '2025-12-31', 100, 'active')")
        w.execute("INSERT INTO orders (order_id, contract_id, item_code, unit_id, order_date, due_date,"
                  " qty_ordered) VALUES ('O1', 'C1', 'X', 'U', '2025-02-01', '2025-03-05', 10),"
                  " ('O2', 'C1', 'X', 'U', '2025-02-01', '2025-06-30', 5)")
        w.execute("INSERT INTO prescriptions VALUES ('U', 'X', '2025-04', 10, 9, NULL, 2)")
        for batch, files, added, updated, when in ((1, FILES_1, 3, 0, datetime(2025, 7, 1, 9)),
                                                   (2, FILES_2, 2, 1, datetime(2025, 7, 2, 9))):
            w.execute("INSERT INTO import_batches VALUES ($b, $t, $t, 'ana', 'dashboard', $f, $a, $u, 0, NULL)",
                      {"b": batch, "t": when, "f": json.dumps(files), "a": added, "u": updated})
    c = store.connect_read(db)
    yield c
    c.close()


def test_history_newest_first_with_file_counts(con):
    h = coverage.history(con)
    assert list(h["batch_id"]) == [2, 1]
    assert list(h["n_files"]) == [2, 1]
    assert list(h["rows_added"]) == [2, 3] and list(h["rows_updated"]) == [1, 0]
    assert h["user_name"].tolist() == ["ana", "ana"]


def test_batch_files_carry_sha256_and_counts(con):
    files = coverage.batch_files(con)
    assert len(files) == 3
    one = coverage.batch_files(con, batch_id=2)
    assert sorted(one["file"]) == ["contratos.csv", "ordenes.xlsx"]
    row = one.set_index("file").loc["ordenes.xlsx"]
    assert row["sha256"] == "b" * 64 and row["table_name"] == "orders"
    assert (row["added"], row["updated"], row["rows"]) == (1, 1, 2)
    assert coverage.batch_files(con, batch_id=99).empty


def test_tables_rows_and_date_ranges(con):
    t = coverage.tables(con).set_index("table_name")
    assert list(t.index[:3]) == ["suppliers", "institutions", "units"]
    assert t.loc["suppliers", "n_rows"] == 3
    assert t.loc["orders", "n_rows"] == 2
    assert t.loc["orders", "first_date"].date() == date(2025, 3, 5)
    assert t.loc["orders", "last_date"].date() == date(2025, 6, 30)
    assert t.loc["prescriptions", "first_date"].date() == date(2025, 4, 1)
    assert t.loc["deliveries", "n_rows"] == 0


def test_fields_share_of_non_null(con):
    f = coverage.fields(con).set_index(["table_name", "column_name"])
    assert f.loc[("suppliers", "rfc"), "filled"] == 1
    assert f.loc[("suppliers", "rfc"), "share"] == pytest.approx(1 / 3)
    assert f.loc[("suppliers", "name"), "share"] == 1.0
    assert ("suppliers", "extra") not in f.index and ("suppliers", "batch_id") not in f.index
    assert f.loc[("deliveries", "delivery_id"), "n_rows"] == 0
    assert f.loc[("deliveries", "delivery_id"), "share"] != f.loc[("deliveries", "delivery_id"), "share"]  # NaN


def test_fields_rejects_unknown_table(con):
    with pytest.raises(InvalidFilter):
        coverage.fields(con, table="orders; DROP TABLE orders")
    assert list(coverage.fields(con, table="orders")["table_name"].unique()) == ["orders"]
