"""validate._check_columns: the per-value checks run over the rows the typed build flagged
(typed_<table>._suspect); the problems are those of every check, and stay the same when the
typed table's order differs from the staging table's (rows are paired by _sid)."""
import duckdb
import pytest

from metrics import store
from metrics.ingest import contract, problems, staging, validate
from metrics.ingest.files import stage_paths
from tests.ingest.ingest_helpers import read_base, write_csv


def _bad_orders(folder):
    header, rows = read_base("orders")
    rows = [list(r) for r in rows] + [list(rows[0])]
    rows[3][0] = "O4"
    col = {name: i for i, name in enumerate(header)}
    rows[0][col["qty_ordered"]] = "1,5"              # decimal comma
    rows[1][col["order_date"]] = "03/25/2026"        # MM/DD
    rows[2][col["order_id"]] = ""                     # required
    rows[3][col["cancelled"]] = "quizás"              # not a bool
    rows[3][col["due_date"]] = "2026-02-30"           # no such day
    return write_csv(folder / "orders.csv", header, rows)


def _problems_of(con, scramble: bool):
    con.execute("DELETE FROM problems")
    con.execute("DELETE FROM problem_counts")
    tbl = contract.table("orders")
    validate.build_typed(con, tbl)
    if scramble:          # the typed rows in another order than the staged ones
        con.execute("CREATE OR REPLACE TEMP TABLE typed_orders AS "
                    "SELECT * FROM typed_orders ORDER BY _sid DESC")
    validate._check_columns(con, tbl)
    found = con.execute('SELECT severity, file, "row", "column", value, problem, code FROM problems '
                        "ORDER BY ALL").fetchall()
    return found, con.execute("SELECT * FROM problem_counts ORDER BY ALL").fetchall()


@pytest.fixture
def staged(tmp_path):
    con = duckdb.connect()
    store.migrate(con)
    problems.create(con)
    staging.create(con)
    validate.prepare(con)
    stage_paths(con, [_bad_orders(tmp_path)])
    return con


def test_every_check_reports_its_rows(staged):
    found, _ = _problems_of(staged, scramble=False)
    by_code = {(row, column, code): (value, problem) for _, _, row, column, value, problem, code in found}
    assert by_code == {
        (2, "qty_ordered", "bad_number"): (
            "1,5", "not a number: use a point for decimals (1234.50), commas only between thousands"),
        (3, "order_date", "bad_date"): (
            "03/25/2026", "not a date: looks like MM/DD/YYYY; dates must be DD/MM/YYYY or YYYY-MM-DD"),
        (4, "order_id", "required_empty"): (None, "required value is empty"),
        (5, "cancelled", "bad_bool"): (
            "quizás", "not a yes/no value (use true/false, yes/no, sí/no or 1/0)"),
        (5, "due_date", "bad_date"): ("2026-02-30", "not a date: no such day"),
    }
    assert not staged.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = '_suspect'"
                              ).fetchall()[0][0]
    # the typed build flagged exactly the four rows with a problem, and kept no text column
    assert staged.execute("SELECT list(_row ORDER BY _row) FROM typed_orders WHERE _suspect"
                          ).fetchall()[0][0] == [2, 3, 4, 5]
    names = [r[0] for r in staged.execute("DESCRIBE typed_orders").fetchall()]
    assert not [n for n in names if n.startswith("__text_")]


def test_rows_are_paired_by_sid_when_the_order_differs(staged):
    assert _problems_of(staged, scramble=True) == _problems_of(staged, scramble=False)
