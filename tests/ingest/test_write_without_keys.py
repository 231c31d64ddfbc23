"""Migration 11 and the upsert without PRIMARY KEY: orders, deliveries and penalties are
rebuilt without their key index (every row, column, type, NOT NULL and default kept), and the
importer still writes each natural key once: unchanged rows untouched, changed rows updated
in place with the new batch, new rows added, a repeated key rejected."""

import duckdb
import pytest

from metrics import sqlfiles, store
from metrics.exceptions import ImportRejected
from metrics.ingest import import_paths
from tests.ingest.ingest_helpers import copy_base, fingerprint, read_base, rows_of, write_csv

REBUILT = {"orders": "order_id", "deliveries": "delivery_id", "penalties": "penalty_id"}
KEYED = ("suppliers", "institutions", "units", "items", "contracts", "contract_items",
         "tender_items", "prescriptions", "import_batches")


def _primary_keys(con) -> set[str]:
    return {r[0] for r in con.execute(
        "SELECT table_name FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY' "
        "AND database_name = current_database()").fetchall()}


def _columns(con, table: str) -> list[tuple]:
    return con.execute(
        "SELECT column_name, ordinal_position, data_type, is_nullable, column_default "
        "FROM information_schema.columns WHERE table_name = $t AND table_catalog = current_database() "
        "ORDER BY ordinal_position", {"t": table}).fetchall()


def _stored_order(con, table: str) -> list[tuple]:
    """Every row in the order a scan returns them (insertion order is kept by the copy)."""
    return con.execute(f"SELECT * FROM {table}").fetchall()


def _version_10_database(path) -> None:
    """A database as Abasto wrote it before migration 11: migrations up to 10, with rows in
    the three rebuilt tables covering NULLs, defaults, JSON extras and odd text."""
    con = duckdb.connect(str(path))
    for number, name in sqlfiles.migrations():
        if number <= 10:
            con.execute(sqlfiles.load(f"migrations/{name}"))
            con.execute("INSERT INTO schema_version VALUES ($n, now())", {"n": number})
    con.execute("INSERT INTO suppliers (supplier_id, name, batch_id) VALUES ('P', 'Perfecto', 1)")
    # rows written in a scrambled key order, so that the kept order is not just the key's
    con.execute("""
        INSERT INTO orders (order_id, contract_id, item_code, unit_id, order_date, due_date,
                            qty_ordered, extra, batch_id)
        SELECT 'O' || (i * 7919 % 500), 'C' || (i % 13), '010.000.' || lpad((i % 41)::VARCHAR, 4, '0'),
               'U' || (i % 5), DATE '2025-01-01' + (i % 300)::INTEGER,
               DATE '2025-01-20' + (i % 300)::INTEGER, i * 1.25,
               CASE WHEN i % 3 = 0 THEN json_object('nota', 'año ' || i, 'n', i) END,
               1 + i % 3
        FROM range(500) t(i)""")
    con.execute("UPDATE orders SET cancelled = true WHERE contract_id = 'C3'")
    con.execute("""
        INSERT INTO deliveries (delivery_id, order_id, delivered_date, qty_delivered,
                                rejection_reason, expiry_date, extra, batch_id)
        SELECT 'D' || (i * 104729 % 700), 'O' || (i % 500), DATE '2025-02-01' + (i % 200)::INTEGER,
               (i % 97) + 0.5, CASE WHEN i % 11 = 0 THEN 'Empaque dañado, "roto"' END,
               CASE WHEN i % 2 = 0 THEN DATE '2027-01-01' + i::INTEGER END,
               CASE WHEN i % 5 = 0 THEN '{"lote": "L-1"}'::JSON END, 2
        FROM range(700) t(i)""")
    con.execute("UPDATE deliveries SET qty_rejected = 1, delay_cause = 'buyer' WHERE delivery_id LIKE 'D1%'")
    con.execute("""
        INSERT INTO penalties (penalty_id, contract_id, order_id, kind, amount, applied_date, batch_id)
        SELECT 'PN' || (i * 31 % 60), 'C' || (i % 13), CASE WHEN i % 4 <> 0 THEN 'O' || i END,
               'late_delivery', i * 10.75, DATE '2025-04-01' + i::INTEGER, 3
        FROM range(60) t(i)""")
    con.close()


def test_migration_11_drops_only_the_keys_of_the_line_tables_and_keeps_every_row(tmp_path):
    path = tmp_path / "v10.duckdb"
    _version_10_database(path)
    con = duckdb.connect(str(path), read_only=True)
    assert set(REBUILT) <= _primary_keys(con)               # built the old way: keyed
    before_fp = store.fingerprint(con)
    before_cols = {t: _columns(con, t) for t in REBUILT}
    before_rows = {t: _stored_order(con, t) for t in REBUILT}
    con.close()
    assert all(before_rows.values()) and before_fp["orders"][0] == 500

    with store.writer(path) as con:
        assert store.schema_version(con) == store.SCHEMA_VERSION >= 11

    con = duckdb.connect(str(path), read_only=True)
    keyed = _primary_keys(con)
    assert not keyed & set(REBUILT)
    assert set(KEYED) <= keyed                              # the small tables keep theirs
    assert {t: _columns(con, t) for t in REBUILT} == before_cols
    assert {t: _stored_order(con, t) for t in REBUILT} == before_rows
    after_fp = store.fingerprint(con)
    # every table equal (schema_version gained its row; later migrations refill rollups),
    # none left behind; the only ones added are those of later migrations (12: the penalty
    # rollup)
    def kept(fp):
        return {t: v for t, v in fp.items() if t != "schema_version" and not t.startswith("rollup_")}
    assert kept(after_fp) == kept(before_fp) and set(before_fp) <= set(after_fp)
    assert set(after_fp) - set(before_fp) == {"rollup_penalty_months", "rollup_penalty_days",
                                              "rollup_penalty_state"}
    # defaults and NOT NULL still apply to what is inserted later
    con.close()
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO deliveries (delivery_id, order_id, delivered_date, qty_delivered) "
                "VALUES ('DX', 'O1', DATE '2025-05-05', 3)")
    assert con.execute("SELECT qty_rejected, delay_cause FROM deliveries WHERE delivery_id = 'DX'"
                       ).fetchone() == (0.0, "supplier")
    with pytest.raises(duckdb.ConstraintException):
        con.execute("INSERT INTO orders (order_id) VALUES (NULL)")
    con.close()


def test_a_new_database_has_no_key_on_the_line_tables(db):
    with store.connect_read(db) as con:
        keyed = _primary_keys(con)
        assert not keyed & set(REBUILT)
        assert set(KEYED) <= keyed
        nullable = dict(con.execute(
            "SELECT table_name, is_nullable FROM information_schema.columns "
            "WHERE (table_name, column_name) IN (('orders', 'order_id'), ('deliveries', 'delivery_id'), "
            "('penalties', 'penalty_id'))").fetchall())
    assert nullable == {"orders": "NO", "deliveries": "NO", "penalties": "NO"}


def _one_row_per_key(db) -> None:
    for table, key in REBUILT.items():
        rows, keys = rows_of(db, f"SELECT count(*), count(DISTINCT {key}) FROM {table}")[0]
        assert rows == keys, table


def test_reimporting_the_same_files_writes_nothing(base_copy, tmp_path):
    before = fingerprint(base_copy)
    report = import_paths([copy_base(tmp_path / "again")], base_copy)
    assert (report.added, report.updated) == (0, 0)
    after = fingerprint(base_copy)
    assert {t: v for t, v in after.items() if t != "import_batches"} == \
           {t: v for t, v in before.items() if t != "import_batches"}
    _one_row_per_key(base_copy)


def test_changed_rows_are_updated_in_place_and_new_rows_added_in_unkeyed_tables(base_copy, tmp_path):
    folder = tmp_path / "change"
    folder.mkdir()
    header, rows = read_base("deliveries")
    rows[1][header.index("qty_delivered")] = "420"                  # D2 changes
    rows[1][header.index("rejection_reason")] = ""                  # … and loses its reason
    new = list(rows[0])
    new[header.index("delivery_id")] = "D9"
    new[header.index("order_id")] = "O3"
    rows.append(new)                                                 # D9 is new
    write_csv(folder / "deliveries.csv", header, rows)
    pheader, prows = read_base("penalties")
    prows[0][pheader.index("amount")] = "300.5"                      # PN1 changes
    write_csv(folder / "penalties.csv", pheader + ["nota_interna"], [r + ["F-7"] for r in prows])
    sheader, srows = read_base("suppliers")
    srows[0][sheader.index("state")] = "Colima"                      # a keyed table too
    write_csv(folder / "suppliers.csv", sheader, srows)
    unchanged = rows_of(base_copy, "SELECT * FROM deliveries WHERE delivery_id NOT IN ('D2', 'D9') "
                                 "ORDER BY delivery_id")

    report = import_paths([folder], base_copy)

    assert report.tables == {"deliveries": (1, 1), "penalties": (0, 1), "suppliers": (0, 1)}
    assert (report.added, report.updated) == (1, 3)
    batch = rows_of(base_copy, "SELECT max(batch_id) FROM import_batches")[0][0]
    assert batch == 2
    assert rows_of(base_copy, "SELECT delivery_id, order_id, qty_delivered, rejection_reason, batch_id "
                            "FROM deliveries WHERE delivery_id IN ('D2', 'D9') ORDER BY 1") == [
        ("D2", "O2", 420.0, None, 2), ("D9", "O3", 1000.0, None, 2)]
    assert rows_of(base_copy, "SELECT * FROM deliveries WHERE delivery_id NOT IN ('D2', 'D9') "
                            "ORDER BY delivery_id") == unchanged      # batch 1 kept
    assert rows_of(base_copy, "SELECT penalty_id, amount, extra->>'nota_interna', batch_id FROM penalties") == [
        ("PN1", 300.5, "F-7", 2)]
    assert rows_of(base_copy, "SELECT state, batch_id FROM suppliers WHERE supplier_id = $s",
                   {"s": srows[0][0]}) == [("Colima", 2)]
    _one_row_per_key(base_copy)
    # the line facts follow the stored rows: O2 now got 420 - 50 accepted, O3 its first delivery
    assert rows_of(base_copy, "SELECT order_id, n_deliveries, qty_delivered FROM line_facts "
                            "WHERE order_id IN ('O2', 'O3') ORDER BY 1") == [
        ("O2", 1, 420.0), ("O3", 1, 1000.0)]

    # the same changed files again: nothing more to write
    before = fingerprint(base_copy)
    again = import_paths([folder], base_copy)
    assert (again.added, again.updated) == (0, 0)
    assert fingerprint(base_copy)["deliveries"] == before["deliveries"]
    assert fingerprint(base_copy)["penalties"] == before["penalties"]


def test_a_key_repeated_in_a_batch_is_still_rejected_and_writes_nothing(base_copy, tmp_path):
    folder = tmp_path / "repeat"
    folder.mkdir()
    header, rows = read_base("deliveries")
    twin = list(rows[0])
    twin[header.index("qty_delivered")] = "1"
    write_csv(folder / "deliveries.csv", header, rows + [twin])      # D1 twice, stored once
    before = fingerprint(base_copy)
    with pytest.raises(ImportRejected) as rejected:
        import_paths([folder], base_copy)
    found = rejected.value.problems
    assert [(r.file, r.row, r.column, r.value) for r in found.itertuples()] == [
        ("deliveries.csv", 4, "delivery_id", "D1")]
    assert found.problem[0].startswith("duplicate key")
    assert fingerprint(base_copy) == before
    _one_row_per_key(base_copy)
