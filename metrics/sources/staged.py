"""The sink that hands mapped rows to the importer: staging tables + the problems table.

Rows are appended in batches of FLUSH_ROWS per table through
`metrics.ingest.staging.append`; notes go to the problems table in batches too
(`metrics.ingest.problems.add_query`, its true counts kept by `add_count`). A file
that cannot be read (SourceFormatError) becomes one error problem naming the file, record
and field, so the batch is rejected and nothing is written.
"""
from __future__ import annotations

import pyarrow as pa

from metrics.sources.common import COLUMNS, FLUSH_ROWS, KEYED, RowSink


class StagingSink(RowSink):
    def __init__(self, con, file: str):
        from metrics.ingest import problems
        # `abasto import --problems FILE.csv` keeps every problem row: every note, too
        super().__init__(file, keep_all=problems.keeps_all(con))
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

    def _emit(self, severity, record, column, value, problem) -> None:
        super()._emit(severity, record, column, value, problem)
        if len(self.notes) >= FLUSH_ROWS:       # every note kept: hand them on in batches
            self._flush_notes()

    def _unlisted(self, severity, kind, column, problem, unlisted: int, total: int) -> None:
        """Counted with the listed ones' kind (file, column, code): the counts on screen are
        the true totals, and no summary row stands in the problem list as a problem."""
        from metrics.ingest import problems
        problems.add_count(self.con, severity, self.file, column, problem, unlisted)

    def _flush_notes(self) -> None:
        from metrics.ingest import problems
        if not self.notes:
            return
        problems.create(self.con)
        notes = pa.table({
            "severity": pa.array([n["severity"] for n in self.notes], pa.string()),
            "file": pa.array([n["file"] for n in self.notes], pa.string()),
            "row": pa.array([n["row"] for n in self.notes], pa.int64()),
            "column": pa.array([n["column"] for n in self.notes], pa.string()),
            "value": pa.array([n["value"] for n in self.notes], pa.string()),
            "problem": pa.array([n["problem"] for n in self.notes], pa.string()),
            "code": pa.array([problems.code_of(n["problem"]) for n in self.notes], pa.string())})
        self.con.register("_src_notes", notes)
        try:
            problems.add_query(self.con, 'SELECT severity, file, "row", "column", value, problem, '
                                         'code FROM _src_notes')
        finally:
            self.con.unregister("_src_notes")
        self.notes = []

    def close(self) -> None:
        super().close()
        self._flush_notes()


def _not_staged(table: str) -> str:
    """WHERE text leaving out reference rows an earlier file of the batch already staged.

    Suppliers, institutions and units are derived from each contract; two source files of
    one batch naming the same supplier would otherwise be a duplicate key. The first stays.
    The key column comes from the fixed KEYED map, never from data."""
    key = KEYED.get(table)
    if key is None:
        return ""
    return f' WHERE "{key}" NOT IN (SELECT "{key}" FROM stg_{table} WHERE "{key}" IS NOT NULL)'
