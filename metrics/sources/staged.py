"""The sink that hands mapped rows to the importer: staging tables + the problems table.

Rows are appended in batches of FLUSH_ROWS per table through
`metrics.ingest.staging.append`; notes go through `metrics.ingest.problems.add`. A file
that cannot be read (SourceFormatError) becomes one error problem naming the file, record
and field, so the batch is rejected and nothing is written.
"""
from __future__ import annotations

import pyarrow as pa

from metrics.sources.common import COLUMNS, KEYED, RowSink


class StagingSink(RowSink):
    def __init__(self, con, file: str):
        super().__init__(file)
        self.con = con

    def flush(self, table: str | None = None) -> None:
        from metrics.ingest import staging
        for name in ([table] if table else list(self.rows)):
            rows = self.rows.get(name)
            if not rows:
                continue
            cols = [*COLUMNS[name], "_extra"]
            arrays = {c: pa.array([r[c] for r in rows], pa.string()) for c in cols}
            arrays["_row"] = pa.array([r["_row"] for r in rows], pa.int64())
            names = [*cols, "_row"]
            aliases = ", ".join(f"c{i}" for i in range(len(names)))
            mapping = {i: c for i, c in enumerate(cols) if c != "_extra"}
            staging.create(self.con)     # (also ends any result the adapter left unread)
            self.con.register("_src_rows", pa.table(arrays))
            try:
                source = (f"(SELECT {', '.join(names)} FROM _src_rows{_not_staged(name)}) "
                          f"AS t({aliases})")
                staging.insert(self.con, name, self.file, source, mapping, {},
                               f"c{len(names) - 1}", extra_expr=f"c{cols.index('_extra')}")
            finally:
                    self.con.unregister("_src_rows")
            self.rows[name] = []

    def duck(self):
        return self.con

    def add_query(self, table: str, sql: str) -> None:
        """Append the rows of `sql` (canonical columns + _row + _extra) straight in SQL."""
        from metrics.ingest import staging
        staging.create(self.con)
        sql = f"SELECT * FROM ({sql}) AS q{_not_staged(table)}"
        probe = self.con.execute(f"SELECT * FROM ({sql}) LIMIT 0")
        names = [d[0] for d in probe.description]
        probe.fetchall()
        aliases = ", ".join(f"c{i}" for i in range(len(names)))
        mapping = {i: n for i, n in enumerate(names) if n not in ("_row", "_extra")}
        extra = f"c{names.index('_extra')}" if "_extra" in names else None
        added = staging.insert(self.con, table, self.file, f"({sql}) AS t({aliases})", mapping, {},
                               f"c{names.index('_row')}", extra_expr=extra)
        self.counts[table] += added

    def close(self) -> None:
        super().close()
        from metrics.ingest import problems
        for n in self.notes:
            problems.add(self.con, n["severity"], n["file"], n["row"], n["column"], n["value"],
                         n["problem"])
        self.notes = []


def _not_staged(table: str) -> str:
    """WHERE text leaving out reference rows an earlier file of the batch already staged.

    Suppliers, institutions and units are derived from each contract; two source files of
    one batch naming the same supplier would otherwise be a duplicate key. The first stays.
    The key column comes from the fixed KEYED map, never from data."""
    key = KEYED.get(table)
    if key is None:
        return ""
    return f' WHERE "{key}" NOT IN (SELECT "{key}" FROM stg_{table} WHERE "{key}" IS NOT NULL)'
