"""Loading a validated batch: upsert by natural key, add unknown items, record the batch.

Runs inside `store.writer`, after validate.run found no error. Only new rows and rows whose
values differ are written, so a re-import of the same data changes no data table.
"""
from __future__ import annotations

import json
from datetime import datetime

from metrics import sqlfiles
from metrics.ingest import contract
from metrics.ingest.profile import step
from metrics.ingest.validate import execute_script, group_params


def next_batch_id(con) -> int:
    return int(con.execute("SELECT coalesce(max(batch_id), 0) + 1 FROM import_batches").fetchall()[0][0])


def _upsert(con, tbl: contract.Table, batch_id: int) -> None:
    keys = [tbl.column(k).store_name for k in tbl.key]
    data = [c.store_name for c in tbl.columns if c.name not in tbl.key]
    differs = " OR ".join([f'n."{c}" IS DISTINCT FROM s."{c}"' for c in data]
                          + ["n.extra IS DISTINCT FROM s.extra::VARCHAR"])
    empty = not con.execute(f"SELECT count(*) FROM {tbl.name}").fetchall()[0][0]
    sql = sqlfiles.load("ingest/insert_new.sql" if empty else "ingest/upsert.sql").format(
        table=tbl.name, key0=f'"{keys[0]}"',
        join=" AND ".join(f's."{k}" = n."{k}"' for k in keys),
        differs=differs,
        columns=", ".join(f'"{c}"' for c in keys + data),
        updates=", ".join(f'"{c}" = n."{c}"' for c in data))
    if tbl.name == "deliveries" and not empty:
        # a delivery moved to another order changes that order's facts too (facts.refresh)
        con.execute("CREATE TEMP TABLE IF NOT EXISTS moved_orders (order_id VARCHAR)")
        con.execute("INSERT INTO moved_orders SELECT s.order_id FROM typed_deliveries n "
                    "JOIN deliveries s USING (delivery_id) WHERE s.order_id <> n.order_id")
    execute_script(con, sql, {"batch": batch_id})


def load(con, batch_id: int) -> dict[str, dict[str, tuple[int, int]]]:
    """Write the typed batch; return {table: {file: (added, updated)}}."""
    result: dict[str, dict[str, tuple[int, int]]] = {}
    added_items = con.execute("SELECT count(*) FROM new_items").fetchall()[0][0]
    if added_items:
        con.execute("INSERT INTO items (item_code, description, item_group, min_shelf_life_months, "
                    "batch_id) SELECT item_code, NULL, abasto_group_of(item_code, $group_prefixes, $group_names), "
                    "$shelf, $batch FROM new_items",
                    {"batch": batch_id, **group_params(),
                     "shelf": contract.table("items").column("min_shelf_life_months").default})
        for file, n in con.execute("SELECT file, count(*) FROM new_items GROUP BY file").fetchall():
            result.setdefault("items", {})[file] = (n, 0)
    for tbl in contract.TABLES:
        if not con.execute(f"SELECT count(*) FROM typed_{tbl.name}").fetchall()[0][0]:
            con.execute(f"DROP TABLE typed_{tbl.name}")
            continue
        with step(f"write {tbl.name}"):
            _upsert(con, tbl, batch_id)
        per_file = con.execute(f"SELECT _file, sum(n) FILTER (WHERE _new), "
                               f"sum(n) FILTER (WHERE NOT _new) FROM chg_{tbl.name} GROUP BY _file"
                               ).fetchall()
        mine = result.setdefault(tbl.name, {})
        for file, added, updated in per_file:
            old = mine.get(file, (0, 0))
            mine[file] = (old[0] + int(added or 0), old[1] + int(updated or 0))
        # the typed copy is not needed any more: free its memory for the next table and the facts
        con.execute(f"DROP TABLE chg_{tbl.name}")
        con.execute(f"DROP TABLE typed_{tbl.name}")
    return result


def record_batch(con, batch_id: int, started: datetime, user: str | None, origin: str,
                 files: list[dict], tables: dict[str, tuple[int, int]], warnings: int) -> None:
    added = sum(a for a, _ in tables.values())
    updated = sum(u for _, u in tables.values())
    summary = {t: {"added": a, "updated": u} for t, (a, u) in tables.items()}
    con.execute("INSERT INTO import_batches VALUES ($b, $s, $f, $u, $o, $files, $a, $up, $w, $sum)",
                {"b": batch_id, "s": started, "f": datetime.now(), "u": user, "o": origin,
                 "files": json.dumps(files, ensure_ascii=False), "a": added, "up": updated,
                 "w": warnings, "sum": json.dumps(summary)})
