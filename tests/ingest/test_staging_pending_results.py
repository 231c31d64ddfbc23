import duckdb
import pandas as pd

from metrics.ingest import staging
from metrics.sources.common import COLUMNS
from metrics.sources.staged import StagingSink


def test_insert_leaves_no_unfinished_result():
    # DuckDB 2.0 refuses register/unregister while a result is unread: insert must read all.
    con = duckdb.connect()
    staging.create(con)
    con.execute("CREATE TEMP TABLE src AS SELECT 'S1' AS c0, 2 AS c1")
    assert staging.insert(con, "suppliers", "p.csv", "src", {0: "supplier_id"}, {}, "c1") == 1
    con.register("_after", pd.DataFrame({"x": [1]}))
    con.unregister("_after")


def test_append_twice_and_sink_flush_after_an_unread_result():
    con = duckdb.connect()
    frame = pd.DataFrame({"_row": [2, 3], "supplier_id": ["S1", "S2"], "nota": ["x", None]})
    assert staging.append(con, "suppliers", frame, "proveedores.csv") == 2
    sink = StagingSink(con, "contratos.json")
    blank = dict.fromkeys([*COLUMNS["suppliers"], "_extra"])
    sink.rows["suppliers"] = [{**blank, "_row": 1, "supplier_id": "S1"},
                              {**blank, "_row": 2, "supplier_id": "S3"}]
    con.execute("SELECT count(*) FROM range(10)").fetchone()     # an adapter's unread result
    sink.flush("suppliers")
    rows = con.execute("SELECT _file, _row, supplier_id FROM stg_suppliers ORDER BY _file, _row"
                       ).fetchall()
    # S1 was already staged by the first file: the sink keeps the first and adds only S3
    assert rows == [("contratos.json", 2, "S3"), ("proveedores.csv", 2, "S1"), ("proveedores.csv", 3, "S2")]
    con.register("_after", frame)
    con.unregister("_after")
