"""Text staging tables: every file of a batch lands here before anything is checked.

Stable API (format adapters in metrics/sources/ use it):

- `create(con)`: one temp table per canonical table,
  `stg_<table>(_file VARCHAR, _row BIGINT, <every canonical column VARCHAR>, _extra VARCHAR)`.
  Values are the source's text, unparsed: validation (metrics/sql/ingest/) parses them.
- `append(con, table, frame, file)`: append a pandas DataFrame or Arrow table whose columns
  are canonical column names of `table` (any subset; contract.py), `_row` (the row number to
  report problems at: spreadsheet row, or 1-based record number for JSON) and optionally
  `_extra` (a JSON object text). Any other column is kept, by its name, in `_extra`.
  Non-text values are cast to text (dates as YYYY-MM-DD, numbers as DuckDB prints them).
  `file` is the file name shown in problems and recorded in the batch.

The canonical readers (readers.py) use `insert`, which does the same from any SQL source.
"""
from __future__ import annotations

from metrics.ingest import contract


def create(con) -> None:
    for tbl in contract.TABLES:
        cols = ", ".join(f'"{c}" VARCHAR' for c in tbl.names)
        con.execute(f"CREATE TEMP TABLE IF NOT EXISTS stg_{tbl.name} "
                    f"(_file VARCHAR, _row BIGINT, {cols}, _extra VARCHAR)")
    con.execute("CREATE TEMP TABLE IF NOT EXISTS absent_columns "
                "(file VARCHAR, tbl VARCHAR, col VARCHAR)")
    # Excel error cells (#N/A ...), staged empty and already reported as such
    con.execute('CREATE TEMP TABLE IF NOT EXISTS cell_errors (file VARCHAR, "row" BIGINT, col VARCHAR)')


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in names:
        n = seen.get(name, 0) + 1
        seen[name] = n
        out.append(name if n == 1 else f"{name} ({n})")
    return out


def _trimmed(index: int) -> str:
    """Source column c<index> as text, trimmed (DuckDB's trim: spaces, NBSP and the other
    Unicode space separators), NULL when empty. Most cells are ASCII with nothing to trim:
    those are passed through untouched, which skips trim's copy of every string (the
    staging insert of a 10M-line file ran at half speed with a plain nullif(trim(...)))."""
    v = f"CAST(c{index} AS VARCHAR)"
    return (f"CASE WHEN {v} LIKE ' %' OR {v} LIKE '% ' OR strlen({v}) <> length({v}) "
            f"THEN nullif(trim({v}), '') WHEN {v} <> '' THEN {v} END")


def insert(con, table: str, file: str, source: str, mapping: dict[int, str],
           extras: dict[int, str], row_expr: str, where: str = "TRUE",
           params: dict | None = None, extra_expr: str | None = None) -> int:
    """Append rows of `source` (FROM text whose columns are c0, c1, ...) to stg_<table>.

    mapping: source column index -> canonical column; extras: index -> original header
    (kept in _extra, names passed as parameters); row_expr: SQL for the row number;
    extra_expr: SQL giving _extra text instead. Rows whose cells are all empty are skipped.
    Returns the number of rows appended.
    """
    tbl = contract.table(table)
    params = dict(params or {})
    params["_file"] = file
    targets, exprs = ["_file", "_row"], ["$_file", f"({row_expr})::BIGINT"]
    for index, canonical in mapping.items():
        if canonical not in tbl.names:
            raise KeyError(f"{table}.{canonical}")
        targets.append(f'"{canonical}"')
        exprs.append(_trimmed(index))
    named = None
    if extras:
        entries = []
        for n, (index, header) in enumerate(zip(extras, _unique(list(extras.values())))):
            params[f"_x{n}"] = header
            entries.append(f"{{'k': $_x{n}, 'v': {_trimmed(index)}}}")
        named = (f"nullif(to_json(map_from_entries(list_filter([{', '.join(entries)}], "
                 f"lambda e: e.v IS NOT NULL)))::VARCHAR, '{{}}')")
    if extra_expr is not None and named is not None:
        targets.append("_extra")
        exprs.append(f"nullif(json_merge_patch(coalesce({extra_expr}, '{{}}'), "
                     f"coalesce({named}, '{{}}'))::VARCHAR, '{{}}')")
    elif extra_expr is not None or named is not None:
        targets.append("_extra")
        exprs.append(extra_expr if extra_expr is not None else named)
    used = [*mapping, *extras]
    cells = [_trimmed(i) for i in used]
    # A row is kept when any cell is non-empty; a first cell starting with a printable
    # ASCII character settles that without trimming the others.
    not_blank = (f"(ascii(CAST(c{used[0]} AS VARCHAR)) BETWEEN 33 AND 126 "
                 f"OR coalesce({', '.join(cells)}) IS NOT NULL)") if cells else "TRUE"
    before = con.execute(f"SELECT count(*) FROM stg_{table}").fetchall()[0][0]
    con.execute(f"INSERT INTO stg_{table} ({', '.join(targets)}) "
                f"SELECT {', '.join(exprs)} FROM {source} WHERE ({where}) AND {not_blank}", params)
    return con.execute(f"SELECT count(*) FROM stg_{table}").fetchall()[0][0] - before


def append(con, table: str, frame, file: str) -> int:
    """Append a frame of canonical columns + `_row` (+ `_extra`) to stg_<table>; return rows.

    See the module docstring. Raises KeyError for an unknown table and ValueError when the
    frame has no `_row` column.
    """
    create(con)
    tbl = contract.table(table)
    names = [str(c) for c in (frame.column_names if hasattr(frame, "column_names") else frame.columns)]
    if "_row" not in names:
        raise ValueError("staging.append needs a _row column (the row number to report)")
    mapping, extras = {}, {}
    for i, name in enumerate(names):
        if name in ("_row", "_extra"):
            continue
        if name in tbl.names:
            mapping[i] = name
        else:
            extras[i] = name
    aliases = ", ".join(f"c{i}" for i in range(len(names)))
    view = "_append_src"
    con.register(view, frame)
    try:
        source = f"(SELECT * FROM {view}) AS t({aliases})"
        row = f"c{names.index('_row')}"
        extra = None
        if "_extra" in names:
            extra = f"nullif(trim(CAST(c{names.index('_extra')} AS VARCHAR)), '')"
        return insert(con, table, file, source, mapping, extras, row, extra_expr=extra)
    finally:
        con.unregister(view)
