"""Helpers of the importer tests: the base fixture set and its conversions."""
from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from metrics import store
from metrics.ingest import contract

BASE = Path(__file__).resolve().parents[1] / "fixtures" / "ingest" / "base"
TABLES = [t.name for t in contract.TABLES]


def copy_base(dst: Path, only=None) -> Path:
    dst.mkdir(parents=True, exist_ok=True)
    for table in only or TABLES:
        shutil.copy(BASE / f"{table}.csv", dst / f"{table}.csv")
    return dst


def read_base(table: str) -> tuple[list[str], list[list[str]]]:
    with open(BASE / f"{table}.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def write_csv(path: Path, header, rows, *, encoding="utf-8", delimiter=",") -> Path:
    with open(path, "w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def import_edited(db, folder: Path, table: str, edit):
    """Import into `db` a batch of one file, folder/<table>.csv: the base set's table after
    edit(header, rows), which changes the rows in place or returns the rows to write."""
    from metrics.ingest import import_paths
    folder.mkdir(parents=True, exist_ok=True)
    header, rows = read_base(table)
    rows = edit(header, rows) or rows
    write_csv(folder / f"{table}.csv", header, rows)
    return import_paths([folder], db)


def _typed(table: str, column: str, value: str):
    """A base CSV value as the native value a spreadsheet or Parquet file would hold."""
    if value == "":
        return None
    col = contract.table(table).column(column)
    if col.type in (contract.NUMBER, contract.INT):
        return float(value)
    if col.type == contract.DATE:
        return dt.date.fromisoformat(value)
    if col.type == contract.BOOL:
        return value == "true"
    return value


def write_xlsx(path: Path, table: str, header, rows, *, sheet: str = "Hoja1", typed=True,
               before_sheet: str | None = None) -> Path:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    if before_sheet:
        book.add_worksheet(before_sheet).write(0, 0, "notas")
    ws = book.add_worksheet(sheet)
    date_format = book.add_format({"num_format": "dd/mm/yyyy"})
    ws.write_row(0, 0, header)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            native = _typed(table, header[c], value) if typed else (value or None)
            if native is None:
                continue
            if isinstance(native, dt.date):
                ws.write_datetime(r, c, dt.datetime.combine(native, dt.time()), date_format)
            elif isinstance(native, bool):
                ws.write_boolean(r, c, native)
            elif isinstance(native, float):
                ws.write_number(r, c, native)
            else:
                ws.write_string(r, c, native)
    book.close()
    return path


def write_parquet(path: Path, table: str, header, rows) -> Path:
    columns = {}
    for c, name in enumerate(header):
        values = [_typed(table, name, row[c]) for row in rows]
        kind = contract.table(table).column(name).type
        arrow_type = {contract.NUMBER: pa.float64(), contract.INT: pa.int64(),
                      contract.DATE: pa.date32(), contract.BOOL: pa.bool_()}.get(kind, pa.string())
        if kind == contract.INT:
            values = [None if v is None else int(v) for v in values]
        columns[name] = pa.array(values, type=arrow_type)
    pq.write_table(pa.table(columns), path)
    return path


def dump(db) -> dict[str, list[tuple]]:
    """Every data table's rows (without batch_id), sorted: for comparing databases."""
    out = {}
    with store.connect_read(db) as con:
        for table in store.DATA_TABLES:
            cols = [r[0] for r in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = $t "
                "AND column_name <> 'batch_id' ORDER BY ordinal_position", {"t": table}).fetchall()]
            quoted = ", ".join(f'"{c}"' for c in cols)
            out[table] = con.execute(f"SELECT {quoted} FROM {table} ORDER BY ALL").fetchall()
    return out


def fingerprint(db) -> dict:
    with store.connect_read(db) as con:
        return store.fingerprint(con)


def rows_of(db, sql: str, params=None) -> list[tuple]:
    with store.connect_read(db) as con:
        return con.execute(sql, params or {}).fetchall()


def assert_same_line_facts_in_order(con, whole: Path) -> None:
    """`con`'s line_facts equal those of the database file `whole` (one rebuild of
    everything) row by row and column by column (doubles to their last bits: a per-order sum
    may add in another order), and are stored in (supplier_id, due_date) order."""
    con.execute(f"ATTACH '{whole}' AS w (READ_ONLY)")
    try:
        total = con.execute("SELECT count(*) FROM w.line_facts").fetchone()[0]
        assert con.execute("SELECT count(*) FROM line_facts").fetchone()[0] == total
        assert con.execute("SELECT count(*) FROM line_facts a JOIN w.line_facts b USING (order_id)"
                           ).fetchone()[0] == total
        types = dict(con.execute("SELECT column_name, data_type FROM duckdb_columns() WHERE "
                                 "table_name = 'line_facts' AND database_name = 'w'").fetchall())
        assert len(types) >= 40
        for col, kind in types.items():
            if kind == "DOUBLE":
                differs = (f'NOT (a."{col}" IS NOT DISTINCT FROM b."{col}" '
                           f'OR abs(a."{col}" - b."{col}") <= 1e-9 * greatest(1, abs(b."{col}")))')
            else:
                differs = f'a."{col}" IS DISTINCT FROM b."{col}"'
            bad = con.execute(f"SELECT count(*) FROM line_facts a JOIN w.line_facts b "
                              f"USING (order_id) WHERE {differs}").fetchone()[0]
            assert bad == 0, col
        # stored in supplier, due date order (what one supplier's queries rely on)
        unordered = con.execute(
            "SELECT count(*) FROM (SELECT supplier_id, due_date, lag(supplier_id) OVER w AS ps, "
            "lag(due_date) OVER w AS pd FROM line_facts WINDOW w AS (ORDER BY rowid)) "
            "WHERE ps > supplier_id OR (ps = supplier_id AND pd > due_date)").fetchone()[0]
        assert unordered == 0
    finally:
        con.execute("DETACH w")
