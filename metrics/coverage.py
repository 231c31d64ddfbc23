"""What the database holds: import lineage and data coverage (the dashboard's Data page).

- `history(con)`: one row per import batch (when, who, origin, files, rows added/updated).
- `batch_files(con, batch_id=None)`: the files of each batch with their sha256 and counts.
- `tables(con)`: rows and date range per data table.
- `fields(con, table=None)`: share of non-null values per column of each data table.
All small frames; the counting runs in DuckDB. They describe the whole database, so the
`scope` argument (the library's usual `(con, scope, ...)` shape, which lets the dashboard
cache them like any view) is accepted and ignored.
"""
from __future__ import annotations

import pandas as pd

from metrics import sqlfiles
from metrics.exceptions import InvalidFilter
from metrics.store import DATA_TABLES


def history(con, scope=None) -> pd.DataFrame:
    """Import batches, newest first: batch_id, started_at, finished_at, user_name, origin,
    n_files, rows_added, rows_updated, warnings."""
    return con.execute(sqlfiles.load("coverage/history.sql")).df()


def batch_files(con, scope=None, batch_id: int | None = None) -> pd.DataFrame:
    """Files per batch: batch_id, file, table_name, format, rows, added, updated, sha256."""
    return con.execute(sqlfiles.load("coverage/batch_files.sql"),
                       {"batch_id": None if batch_id is None else int(batch_id)}).df()


def tables(con, scope=None) -> pd.DataFrame:
    """table_name, n_rows, date_column, first_date, last_date in DATA_TABLES order."""
    frame = con.execute(sqlfiles.load("coverage/tables.sql")).df()
    order = {name: i for i, name in enumerate(DATA_TABLES)}
    return frame.sort_values("table_name", key=lambda s: s.map(order)).reset_index(drop=True)


def fields(con, scope=None, table: str | None = None) -> pd.DataFrame:
    """table_name, column_name, n_rows, filled, share (filled / n_rows; NaN for an empty table)."""
    names = DATA_TABLES if table is None else (table,)
    unknown = [n for n in names if n not in DATA_TABLES]
    if unknown:
        raise InvalidFilter(f"unknown table {unknown[0]!r} (one of {', '.join(DATA_TABLES)})")
    template = sqlfiles.load("coverage/fields.sql")
    parts = []
    for name in names:   # identifiers only from the fixed allow-list above
        part = con.execute(template.replace("__TABLE__", f'"{name}"')).df()
        part.insert(0, "table_name", name)
        parts.append(part)
    frame = pd.concat(parts, ignore_index=True)
    frame["n_rows"] = frame["n_rows"].astype("int64")
    frame["filled"] = frame["filled"].astype("int64")
    frame["share"] = frame["filled"].where(frame["n_rows"] > 0).astype("float64") / frame["n_rows"]
    return frame[["table_name", "column_name", "n_rows", "filled", "share"]]
