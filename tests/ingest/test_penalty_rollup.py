"""The penalty rollup (metrics/rollups/penalty_months.py) follows the imports: built with the
base set, rebuilt by a batch that writes penalties or contracts (new, changed, moved to
another contract), left as it is by a batch that writes neither, and never read once the
tables changed behind it. Its numbers are checked by hand here, and against the penalties
table for every scope and grouping in tests/metrics/test_rollup_penalty_months.py."""
from datetime import date

import duckdb
import pytest

from metrics import scope, scorecard, store
from metrics.rollups import penalty_months
from tests.ingest.ingest_helpers import import_edited


def _rows(db, table: str) -> list[tuple]:
    with store.connect_read(db) as con:
        return con.execute(f"SELECT * EXCLUDE (n), n FROM {table} ORDER BY ALL").fetchall()


def _applied(db, **kw) -> dict:
    with store.connect_read(db) as con:
        assert penalty_months.serves(con)
        frame = scorecard.penalties_applied(con, scorecard.resolve(con, scope.Scope.make(**kw)), ("supplier",))
    return dict(zip(frame["supplier_id"], frame["penalties_applied"]))


def test_the_base_import_builds_it(base_copy):
    # PN1: contract C1 (IMSS, supplier P, open tender), 250.75 applied 2025-04-15
    assert _rows(base_copy, "rollup_penalty_days") == [
        ("C1", "P", "IMSS", "open_tender", date(2025, 4, 15), 250.75, 1)]
    assert _rows(base_copy, "rollup_penalty_months") == [
        ("C1", "P", "IMSS", "open_tender", date(2025, 4, 1), 250.75, 1)]
    assert _applied(base_copy, date_from="2025-04-15", date_to="2025-04-15") == {"P": 250.75}
    assert _applied(base_copy, date_from="2025-04-16") == {}


def test_a_batch_of_penalties_rebuilds_it(base_copy, tmp_path, monkeypatch):
    def edit(header, rows):
        at = {c: header.index(c) for c in header}
        rows[0][at["amount"]] = "300.5"                      # PN1 changes amount …
        rows[0][at["contract_id"]] = "C2"                    # … and contract (ISSSTE, L)
        rows[0][at["order_id"]] = ""                         # (its order O2 is on C1)
        new = list(rows[0])
        new[at["penalty_id"]], new[at["contract_id"]] = "PN2", "C1"
        new[at["amount"]], new[at["applied_date"]] = "100", "2025-05-31"
        third = list(new)
        third[at["penalty_id"]], third[at["amount"]], third[at["applied_date"]] = "PN3", "50.25", "2025-05-02"
        return rows + [new, third]
    rebuilt = []
    real = penalty_months._rebuild
    monkeypatch.setattr(penalty_months, "_rebuild", lambda con, cur: (rebuilt.append(cur), real(con, cur)))
    import_edited(base_copy, tmp_path / "batch", "penalties", edit)
    assert len(rebuilt) == 1
    assert _rows(base_copy, "rollup_penalty_days") == [
        ("C1", "P", "IMSS", "open_tender", date(2025, 5, 2), 50.25, 1),
        ("C1", "P", "IMSS", "open_tender", date(2025, 5, 31), 100.0, 1),
        ("C2", "L", "ISSSTE", "direct_award", date(2025, 4, 15), 300.5, 1)]
    assert _rows(base_copy, "rollup_penalty_months") == [
        ("C1", "P", "IMSS", "open_tender", date(2025, 5, 1), 150.25, 2),
        ("C2", "L", "ISSSTE", "direct_award", date(2025, 4, 1), 300.5, 1)]
    # whole May from the month table, 2025-04-15 from the day table
    assert _applied(base_copy, date_from="2025-04-10", date_to="2025-05-31") == {"P": 150.25, "L": 300.5}
    # days of May only: 2025-05-02 is in, 2025-05-31 is not
    assert _applied(base_copy, date_from="2025-05-01", date_to="2025-05-30") == {"P": 50.25}


def test_a_batch_without_penalties_or_contracts_leaves_it(base_copy, tmp_path, monkeypatch):
    def edit(header, rows):
        rows[0][header.index("qty_delivered")] = "7"
    report = import_edited(base_copy, tmp_path / "batch", "deliveries", edit)
    assert report.updated == 1
    assert _applied(base_copy, date_from="2025-04-15", date_to="2025-04-15") == {"P": 250.75}
    # an incremental refresh (an import touching few lines: too few in this small set to
    # take that path) rebuilds nothing when neither table changed; a full one rebuilds
    rebuilt = []
    monkeypatch.setattr(penalty_months, "_rebuild", lambda con, cur: rebuilt.append(cur))
    with store.writer(base_copy) as con:
        penalty_months.refresh(con, incremental=True)
        assert rebuilt == []
        penalty_months.refresh(con)
        assert len(rebuilt) == 1


def test_a_contract_moved_to_another_supplier_rebuilds_it(base_copy, tmp_path):
    def edit(header, rows):
        next(r for r in rows if r[0] == "C1")[header.index("supplier_id")] = "L"
    import_edited(base_copy, tmp_path / "batch", "contracts", edit)
    assert _applied(base_copy, date_from="2025-04-01") == {"L": 250.75}


def test_penalties_written_behind_its_back_are_read_from_the_table(base_copy):
    with store.writer(base_copy) as con:        # not through an import: no refresh
        con.execute("INSERT INTO penalties (penalty_id, contract_id, order_id, kind, amount, applied_date) "
                    "VALUES ('PX', 'C1', NULL, 'deduction', 9.5, DATE '2025-04-20')")
    with store.connect_read(base_copy) as con:
        assert not penalty_months.serves(con)
        frame = scorecard.penalties_applied(con, scorecard.resolve(con, scope.Scope.make(date_from="2025-04-01")),
                                            ("supplier",))
    assert dict(zip(frame["supplier_id"], frame["penalties_applied"])) == {"P": pytest.approx(260.25)}


def test_a_database_of_schema_11_gets_it_filled(base_copy):
    con = duckdb.connect(str(base_copy))
    con.execute("DROP TABLE rollup_penalty_months; DROP TABLE rollup_penalty_days; "
                "DROP TABLE rollup_penalty_state; DELETE FROM schema_version WHERE version >= 12")
    con.close()
    with store.writer(base_copy) as con:            # opening migrates
        assert store.schema_version(con) == store.SCHEMA_VERSION >= 12
    assert _rows(base_copy, "rollup_penalty_months") == [
        ("C1", "P", "IMSS", "open_tender", date(2025, 4, 1), 250.75, 1)]
    assert _applied(base_copy, date_from="2025-04-01") == {"P": 250.75}
