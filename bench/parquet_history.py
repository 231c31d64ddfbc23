"""History as partitioned Parquet, read by the same metrics through DuckDB (docs/performance.md).

    python -m bench.parquet_history export  <abasto.duckdb> <folder>            [--tables ...]
    python -m bench.parquet_history attach  <abasto.duckdb> <folder> <history.duckdb>
    python -m bench.parquet_history replicate <folder> --copies N [--years-apart 3]
    python -m bench.parquet_history scorecard <history.duckdb>

- export: the large tables (line_facts, orders, deliveries) written as Parquet files
  partitioned by year and month (hive layout: <folder>/<table>/year=2025/month=3/*.parquet),
  of the date each is read by (due month, due date, delivery date), sorted by supplier and
  due date inside a partition like the stored line_facts.
- attach: a small database that the metrics open as they open any Abasto database: every
  other table copied as it is (contracts, suppliers, penalties, …: thousands to a few
  hundred thousand rows), and each exported table a VIEW of the same name over
  read_parquet('<folder>/<table>/**/*.parquet', hive_partitioning = true). No metrics code
  changes: `metrics.scorecard.scorecard(store.connect_read(history), scope)` reads Parquet.
  The database is for reading (an import into it would fail on the views): keep importing
  into the live file and export its history again.
- replicate: grow a line_facts export N-fold with dates shifted back by whole years (and
  ids suffixed), to measure the metrics over 100 million lines from a 10-million-line demo.

Table and column names written into SQL come from the fixed PARTITIONS below and from the
database's own catalog; paths travel as $parameters where DuckDB accepts them and are
quoted otherwise (COPY … TO and CREATE VIEW take no parameters).
"""
from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

import duckdb

# table -> the date its partitions are cut by
PARTITIONS = {"line_facts": "due_month", "orders": "due_date", "deliveries": "delivered_date"}
SORT = {"line_facts": "supplier_id, due_date", "orders": "due_date", "deliveries": "delivered_date"}


def _quote(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _tables(con) -> list[str]:
    return [r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
        "AND table_catalog = current_database() AND table_type = 'BASE TABLE' ORDER BY 1").fetchall()]


def export(db: Path, folder: Path, tables=tuple(PARTITIONS)) -> dict[str, int]:
    """Write each table of `tables` (keys of PARTITIONS) as hive-partitioned Parquet under
    folder/<table>/ (replacing what was there); return rows written per table."""
    folder.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(db), read_only=True)
    con.execute("SET enable_progress_bar = false")
    written = {}
    try:
        for table in tables:
            if table not in PARTITIONS:
                raise SystemExit(f"cannot export {table}: choose from {', '.join(PARTITIONS)}")
            target = folder / table
            shutil.rmtree(target, ignore_errors=True)
            col = PARTITIONS[table]
            con.execute(
                f"COPY (SELECT *, year({col}) AS year, month({col}) AS month FROM {table} "
                f"ORDER BY year, month, {SORT[table]}) TO {_quote(target)} "
                f"(FORMAT parquet, PARTITION_BY (year, month), COMPRESSION zstd)")
            written[table] = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        con.close()
    return written


def view_sql(table: str, folder: Path) -> str:
    """The VIEW that stands for `table`: its Parquet partitions without the partition keys
    (the stored columns, in the stored order)."""
    glob = _quote(folder / table / "**" / "*.parquet")
    return (f"CREATE OR REPLACE VIEW {table} AS SELECT * EXCLUDE (year, month) "
            f"FROM read_parquet({glob}, hive_partitioning = true)")


def attach(db: Path, folder: Path, out: Path, empty=()) -> Path:
    """A database at `out` with db's small tables copied and the exported ones as views;
    tables named in `empty` are created with their columns but no rows (e.g. orders and
    deliveries when only line_facts was exported: the stored facts are then all there is)."""
    folder = folder.resolve()
    exported = [t for t in PARTITIONS if (folder / t).is_dir()]
    if not exported:
        raise SystemExit(f"{folder} holds no exported table ({', '.join(PARTITIONS)}); run export first")
    for leftover in (out, Path(f"{out}.wal")):
        leftover.unlink(missing_ok=True)
    con = duckdb.connect(str(out))
    try:
        con.execute("ATTACH $p AS src (READ_ONLY)", {"p": str(db)})
        source = [r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_catalog = 'src' "
            "AND table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY 1").fetchall()]
        for table in source:
            if table not in exported:
                # rollups (metrics.rollups) summarise the stored line facts: over Parquet
                # views the metrics read the lines, and copies would not match replicas
                limit = " LIMIT 0" if table in empty or table.startswith("rollup_") else ""
                con.execute(f"CREATE TABLE main.{table} AS SELECT * FROM src.main.{table}{limit}")
        con.execute("DETACH src")
        for table in exported:
            con.execute(view_sql(table, folder))
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return out


def replicate(folder: Path, copies: int, years_apart: int = 3) -> int:
    """Add copies 1..N-1 of folder/line_facts (copy 0, the original, stays) with every date
    moved back k·years_apart years and order/contract ids suffixed '~k': N times the lines,
    the same shape, distinct months. Returns the lines in the set afterwards."""
    src = folder / "line_facts"
    glob = _quote(src / "**" / "*.parquet")
    # the files there now (the original), so that copy k never reads copies 1..k-1
    originals = "[" + ", ".join(_quote(f) for f in sorted(src.glob("**/*.parquet"))) + "]"
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    try:
        cols = [r[0] for r in con.execute(
            f"DESCRIBE SELECT * EXCLUDE (year, month) FROM read_parquet({glob}, hive_partitioning = true)"
        ).fetchall()]
        dates = {r[0] for r in con.execute(
            f"SELECT column_name FROM (DESCRIBE SELECT * FROM read_parquet({glob}, hive_partitioning = true)) "
            f"WHERE column_type = 'DATE'").fetchall()}
        for k in range(1, copies):
            shift = f"INTERVAL {int(k * years_apart)} YEAR"
            exprs = []
            for c in cols:
                if c in dates:
                    exprs.append(f"({c} - {shift})::DATE AS {c}")
                elif c in ("order_id", "contract_id"):
                    exprs.append(f"{c} || '~{int(k)}' AS {c}")
                else:
                    exprs.append(c)
            body = ", ".join(exprs)
            con.execute(
                f"COPY (SELECT *, year(due_month) AS year, month(due_month) AS month FROM ("
                f"SELECT {body} FROM read_parquet({originals}, hive_partitioning = true)) "
                f"ORDER BY year, month, supplier_id, due_date) TO {_quote(src)} "
                f"(FORMAT parquet, PARTITION_BY (year, month), COMPRESSION zstd, "
                f"FILENAME_PATTERN 'copy{int(k)}_{{i}}', OVERWRITE_OR_IGNORE)")
        return con.execute(f"SELECT count(*) FROM read_parquet({glob}, hive_partitioning = true)").fetchone()[0]
    finally:
        con.close()


def time_scorecard(db: Path) -> list[str]:
    """The all-supplier scorecard over the latest year and over everything, each twice (the
    first in a fresh process reads the files; the second finds DuckDB's caches warm)."""
    import datetime
    import resource

    from metrics import facts, scorecard, store
    from metrics.scope import Scope
    con = store.connect_read(db)
    lines = con.execute("SELECT count(*) FROM line_facts").fetchone()[0]
    as_of = facts.latest_delivery(con)
    out = [f"{db}: {lines:,} lines, as_of {as_of}"]
    for label, scope in (("latest year", Scope.make(date_from=as_of - datetime.timedelta(days=364),
                                                    date_to=as_of, as_of=as_of)),
                         ("every year", Scope.make(as_of=as_of))):
        for run in ("first", "again"):
            started = time.perf_counter()
            frame = scorecard.scorecard(con, scope)
            out.append(f"  scorecard, {label}, {run}: {time.perf_counter() - started:.2f} s, "
                       f"{len(frame):,} suppliers, {int(frame['lines'].sum()):,} lines")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out.append(f"  peak memory of this process: {peak:,.0f} MB")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.parquet_history", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("export", help="write the large tables as partitioned Parquet")
    p.add_argument("db", type=Path)
    p.add_argument("folder", type=Path)
    p.add_argument("--tables", default=",".join(PARTITIONS))
    p = sub.add_parser("attach", help="a database whose large tables are views over the Parquet")
    p.add_argument("db", type=Path)
    p.add_argument("folder", type=Path)
    p.add_argument("out", type=Path)
    p.add_argument("--empty", default="", help="tables to create without rows, e.g. orders,deliveries")
    p = sub.add_parser("scorecard", help="time the all-supplier scorecard on a database (cold, then warm)")
    p.add_argument("db", type=Path)
    p = sub.add_parser("replicate", help="grow an exported line_facts N-fold (shifted dates)")
    p.add_argument("folder", type=Path)
    p.add_argument("--copies", type=int, required=True)
    p.add_argument("--years-apart", type=int, default=3)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    if args.command == "export":
        rows = export(args.db, args.folder, [t.strip() for t in args.tables.split(",") if t.strip()])
        print(", ".join(f"{t}: {n:,} rows" for t, n in rows.items()))
    elif args.command == "attach":
        print(attach(args.db, args.folder, args.out, [t.strip() for t in args.empty.split(",") if t.strip()]))
    elif args.command == "scorecard":
        for line in time_scorecard(args.db):
            print(line)
    else:
        print(f"{replicate(args.folder, args.copies, args.years_apart):,} lines")
    print(f"{time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
