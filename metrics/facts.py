"""Per-order-line delivery facts (table line_facts), kept exact at every import.

`refresh(con)` rebuilds them all, sorted by (supplier_id, due_date) so that one supplier's
queries read few row groups; `refresh(con, batch_id=...)` recomputes only the lines an
import touched (and everything when it touched a large share). `source(con, as_of, grace)`
says where a KPI query should read facts from: the stored table when it is exact for that
as_of and grace, else the same SQL computed on the fly.
"""
from __future__ import annotations

import re
import shutil
import tempfile
from contextlib import contextmanager, nullcontext
from datetime import date, datetime
from pathlib import Path

import duckdb

from metrics import rollups, sqlfiles
from metrics.ingest.profile import step
from metrics.ingest.validate import execute_script

MATERIALISED_AS_OF = date(9999, 12, 31)
# Above this share of lines touched, or appended unsorted since the last full rebuild (a
# monthly batch's lines, facts_meta.unsorted_lines), everything is rebuilt sorted: cheaper
# than recomputing so many lines, and it restores the order one supplier's queries prune by
# (after one monthly batch at 10M, 3 % of the lines appended: a supplier's lines and ledger
# 0.048 -> 0.065 s).
FULL_REBUILD_SHARE = 0.2

# The orders an incremental refresh recomputes: facts/touched.sql (touched_orders), and what
# the lines before them add to their contracts' running penalty totals (touched_prior).
_NO_PRIOR = "(SELECT NULL::VARCHAR AS contract_id, 0::DOUBLE AS prior WHERE false)"


# A full rebuild runs supplier by supplier in parts of about this many order lines, each
# sorted and appended in supplier order: the table comes out in the same (supplier_id,
# due_date) order as one big sort, but each part's joins, groupings and sort fit in memory
# instead of spilling gigabytes to disk at 10 million lines (facts/parts.sql). The parts'
# deliveries are read and joined to their orders once, into a scratch database
# (facts/part_deliveries.sql), so that no part scans all deliveries again.
PART_LINES = 500_000
_PART_FILTER = ("o.contract_id IN (SELECT contract_id FROM contracts WHERE supplier_id IN "
                "(SELECT supplier_id FROM _facts_parts WHERE part = $part))")
JOIN_LINES = 3_000_000   # the scratch copy's join: its hash table and sort fit in the cap
# The scratch copy costs about as much CPU as five or six parts' scans of the deliveries (a
# join, a sort, a compressed write: 2.7 s against 0.3-0.5 s a part at 3M lines), and saves one
# scan a part: below this many parts, each part scans the deliveries table instead.
SCRATCH_MIN_PARTS = 8
SCRATCH = "abasto_facts_scratch"       # the scratch database's alias while a rebuild runs
_DELIVERIES = {
    "table": "deliveries d JOIN o ON o.order_id = d.order_id",
    "scratch": f"{SCRATCH}.deliveries d JOIN o ON o.o_rid = d.o_rid AND d.part = $part",
}


def _sql(only_touched: bool | str, con=None, deliveries: str = "table") -> str:
    """line_facts.sql on one line without its comments, so that it can be put in place of
    {facts} anywhere in another query (even where a caller's comment mentions {facts}).
    only_touched: True (the orders in touched_orders), False (all), or "part" ($part of
    _facts_parts). deliveries: "table" (the deliveries table) or "scratch" ($part's
    deliveries from the scratch copy of a full rebuild, _rebuild)."""
    flt = {True: "o.order_id IN (SELECT order_id FROM touched_orders)", False: "TRUE",
           "part": _PART_FILTER}[only_touched]
    text = re.sub(r"--[^\n]*", "", sqlfiles.load("line_facts.sql"))   # it has no '--' in strings
    key = "o.rowid" if con is not None and is_table(con, "orders") else "row_number() OVER ()"
    prior = "touched_prior" if only_touched is True else _NO_PRIOR
    return (" ".join(text.split()).replace("__ORDER_FILTER__", flt).replace("__ORDER_KEY__", key)
            .replace("__DELIVERIES__", _DELIVERIES[deliveries]).replace("__PRIOR__", prior))


def is_table(con, name: str) -> bool:
    """Whether `name` is a stored table (it has row ids) rather than a view."""
    return con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = $n AND schema_name = 'main' "
                       "AND database_name = current_database() AND NOT temporary", {"n": name}).fetchone()[0] > 0


def _grace(con, grace_days: int | None) -> int:
    if grace_days is not None:
        return int(grace_days)
    from metrics.settings import load_settings
    return load_settings().grace_days


def refresh(con, batch_id: int | None = None, grace_days: int | None = None,
            orders=None) -> int:
    """Recompute line facts; return the number of lines recomputed.

    With batch_id, only orders touched by that batch (plus any order ids the importer put in
    the temp table moved_orders, e.g. the previous order of a delivery that was re-pointed,
    or of a delivery or order that was deleted). `orders` adds order ids the same way (for
    callers that delete rows: deleted rows carry no batch_id to find them by).
    """
    grace = _grace(con, grace_days)
    # line facts and the rollups are written in a chosen order (their ORDER BY) that the
    # readers' row-group pruning relies on; a caller may have turned that off (the demo does)
    kept = con.execute("SELECT current_setting('preserve_insertion_order')").fetchone()[0]
    con.execute("SET preserve_insertion_order = true")
    with step("line facts"):
        done, incremental = _rewrite(con, batch_id, grace, orders)
    with step("rollups"):
        rollups.refresh(con, incremental=incremental)
    # (after a failure the writer discards this connection's work: nothing to restore)
    con.execute(f"SET preserve_insertion_order = {'true' if kept else 'false'}")
    con.execute("DROP TABLE IF EXISTS touched_keys")
    con.execute("DROP TABLE IF EXISTS touched_orders")
    con.execute("DROP TABLE IF EXISTS touched_prior")
    con.execute("DROP TABLE IF EXISTS moved_orders")
    return done


def _rewrite(con, batch_id, grace: int, orders) -> tuple[int, bool]:
    """Rewrite line facts (all, or the touched orders'); -> (lines recomputed, incremental)."""
    params = {"as_of": MATERIALISED_AS_OF, "grace": grace}
    total = con.execute("SELECT count(*) FROM orders").fetchone()[0]
    meta = con.execute("SELECT grace_days, unsorted_lines FROM facts_meta").fetchone()
    incremental = (batch_id is not None or orders is not None) and meta is not None and meta[0] == grace
    if incremental:
        con.execute("CREATE TEMP TABLE IF NOT EXISTS moved_orders (order_id VARCHAR)")
        if orders is not None:
            con.execute("INSERT INTO moved_orders SELECT unnest($ids::VARCHAR[])",
                        {"ids": [str(o) for o in orders]})
        execute_script(con, sqlfiles.load("facts/touched.sql"), {"b": batch_id if batch_id is not None else -1})
        touched = con.execute("SELECT count(*) FROM touched_orders").fetchone()[0]
        incremental = (meta[1] or 0) + touched <= FULL_REBUILD_SHARE * total
    if incremental:
        # the keys of the rows replaced, old and new, and their earliest due date, for the
        # rollups (metrics.rollups)
        keys = ("SELECT supplier_id, item_code, min(due_date) AS due_from FROM line_facts "
                "WHERE order_id IN (SELECT order_id FROM touched_orders) GROUP BY ALL")
        con.execute(f"CREATE OR REPLACE TEMP TABLE touched_keys AS {keys}")
        con.execute("DELETE FROM line_facts WHERE order_id IN (SELECT order_id FROM touched_orders)")
        con.execute(f"INSERT INTO line_facts BY NAME {_sql(True, con)}", params)
        con.execute(f"CREATE OR REPLACE TEMP TABLE touched_keys AS SELECT supplier_id, item_code, "
                    f"min(due_from) AS due_from FROM (FROM touched_keys UNION ALL {keys}) GROUP BY ALL")
        done = touched
        unsorted = (meta[1] or 0) + touched
    else:
        con.execute("DELETE FROM line_facts")
        _rebuild(con, total, params)
        done, unsorted = total, 0
    con.execute("DELETE FROM facts_meta")
    con.execute("INSERT INTO facts_meta SELECT $g, (SELECT max(delivered_date) FROM deliveries), "
                "$now, (SELECT count(*) FROM line_facts), $unsorted",
                {"g": grace, "now": datetime.now(), "unsorted": unsorted})
    return done, incremental


def _rebuild(con, total: int, params: dict) -> None:
    """Every line's facts, sorted by (supplier_id, due_date); in parts when large."""
    if total <= PART_LINES:
        con.execute(f"INSERT INTO line_facts BY NAME SELECT * FROM ({_sql(False, con)}) "
                    f"ORDER BY supplier_id, due_date", params)
        return
    con.execute(sqlfiles.load("facts/parts.sql"), {"size": PART_LINES})
    parts = [p for (p,) in con.execute("SELECT DISTINCT part FROM _facts_parts ORDER BY part"
                                         ).fetchall()]
    # the scratch copy keys deliveries by orders.rowid: only when orders is a stored table
    # (a view, e.g. over Parquet history, has no row ids: each part then scans deliveries)
    scratch = len(parts) >= SCRATCH_MIN_PARTS and is_table(con, "orders")
    with _scratch(con, parts, total) if scratch else nullcontext("table") as deliveries:
        query = (f"INSERT INTO line_facts BY NAME SELECT * FROM ({_sql('part', con, deliveries)}) "
                 f"ORDER BY supplier_id, due_date")
        for part in parts:
            con.execute(query, {**params, "part": part})
    con.execute("DROP TABLE _facts_parts")


@contextmanager
def _scratch(con, parts: list[int], total: int):
    """The deliveries of every part, joined to their orders once (facts/part_deliveries.sql,
    JOIN_LINES order lines at a time), in a database file of its own in a private temporary
    folder: written compressed, read back a part at a time, and deleted afterwards whatever
    happens."""
    folder = Path(tempfile.mkdtemp(prefix="abasto-facts-"))
    try:
        # mkdtemp's path: no quotes in it; ATTACH takes no parameter for the path
        con.execute(f"ATTACH '{folder / 'scratch.duckdb'}' AS {SCRATCH}")
        done = False
        try:
            select = sqlfiles.load("facts/part_deliveries.sql")
            joins = -(-total // JOIN_LINES)                     # ceil: of ~JOIN_LINES lines
            per = -(-len(parts) // joins)                       # parts a join, spread evenly
            for at in range(0, len(parts), per):
                into = (f"CREATE TABLE {SCRATCH}.deliveries AS" if at == 0
                        else f"INSERT INTO {SCRATCH}.deliveries")
                group = parts[at:at + per]
                con.execute(f"{into} {select}", {"first": group[0], "last": group[-1]})
            yield "scratch"
            done = True
        finally:
            try:
                con.execute(f"DETACH DATABASE IF EXISTS {SCRATCH}")
            except duckdb.Error:
                if done:            # after a failure, the failure is what the caller sees
                    raise
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def latest_delivery(con) -> date | None:
    """The default as_of: the latest delivered_date present (METRICS.md)."""
    row = con.execute("SELECT max_delivered FROM facts_meta").fetchone()
    if row is None:
        row = con.execute("SELECT max(delivered_date) FROM deliveries").fetchone()
    return row[0]


def source(con, as_of: date, grace_days: int) -> tuple[str, dict]:
    """(FROM-clause text, parameters) giving line facts exact for this as_of and grace.

    The stored table is exact when as_of is on or after every stored delivery and the grace
    matches the one it was built with; otherwise line_facts.sql runs as a subquery.
    """
    meta = con.execute("SELECT grace_days, max_delivered FROM facts_meta").fetchone()
    if meta is not None and meta[0] == grace_days and (meta[1] is None or as_of >= meta[1]):
        return "line_facts", {}
    return f"({_sql(False, con)})", {"as_of": as_of, "grace": grace_days}
