"""Import benchmark (see /work/helpers/BENCH_API.md; run by `python -m bench`).

For each size, the demo database's canonical tables are exported to CSV files (DuckDB
COPY, with the headers of docs/import-format.md; not timed), then, each a subprocess on the
same files:
- duckdb_read_csv : DuckDB's bare `read_csv` of every file into a table of a new database
                    (auto-detected types, no checks): the floor for reading the same bytes
- abasto_import   : `abasto import <folder> --db <new file>` (read, validate every rule of the
                    contract in SQL, upsert, lineage, line facts) — baseline duckdb_read_csv
- abasto_reimport : the same folder again into the database abasto_import filled (every row
                    compared, nothing changes) — baseline abasto_import
- abasto_check    : `abasto import --check` of the folder against that database (validate
                    only) — baseline abasto_import

Above 2,000,000 lines (BIG) only duckdb_read_csv and abasto_import run, once each.

Each case's time is the operation alone (bench.clock: the read_csv loop and checkpoint, or
the `import` command's call, after the libraries are imported); process_s has the rest.
"""
from __future__ import annotations

import sys
from pathlib import Path

from bench.common import DATA, demo_db, measure

NAME = "import"
BIG = 2_000_000     # above this, one run of read_csv and of the first import only (minutes each)

# One line per canonical table: its stored columns under their canonical names.
_EXPORT = """
import sys, duckdb
from metrics.ingest import contract
src, out = sys.argv[1], sys.argv[2]
con = duckdb.connect(src, read_only=True)
con.execute("SET enable_progress_bar = false")
for tbl in contract.TABLES:
    cols = ", ".join(f'"{c.store_name}" AS "{c.name}"' for c in tbl.columns)
    con.execute(f"COPY (SELECT {cols} FROM {tbl.name}) TO '{out}/{tbl.name}.csv' (HEADER)")
"""

_FRESH_IMPORT = """
import os, sys
from bench.clock import timed
from metrics.cli import main
import metrics.ingest
folder, db = sys.argv[1], sys.argv[2]
for leftover in (db, db + ".wal"):
    if os.path.exists(leftover):
        os.remove(leftover)
with timed():
    status = main(["import", folder, "--db", db, "--quiet"])
sys.exit(status)
"""

_AGAIN = """
import sys
from bench.clock import timed
from metrics.cli import main
import metrics.ingest
with timed():
    status = main(["import", *sys.argv[3:], sys.argv[1], "--db", sys.argv[2], "--quiet"])
sys.exit(status)
"""

_READ_CSV = """
import glob, os, sys, duckdb
folder, db = sys.argv[1], sys.argv[2]
if os.path.exists(db):
    os.remove(db)
from bench.clock import timed
with timed():
    con = duckdb.connect(db)
    for n, path in enumerate(sorted(glob.glob(os.path.join(folder, "*.csv")))):
        con.execute(f"CREATE TABLE t{n} AS SELECT * FROM read_csv($p)", {"p": path})
    con.execute("CHECKPOINT")
    con.close()
"""


def export(lines: int) -> Path:
    """bench/data/import_<lines>/: the demo database's tables as canonical CSV files."""
    folder = DATA / f"import_{lines}"
    if not (folder / "orders.csv").exists():
        import subprocess
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-c", _EXPORT, str(demo_db(lines)), str(folder)], check=True)
    return folder


def run(sizes: list[int], repeat: int) -> list[dict]:
    rows = []
    for lines in sizes:
        folder = export(lines)
        db = DATA / f"import_{lines}.duckdb"
        bare = DATA / f"import_{lines}_bare.duckdb"
        py = sys.executable
        reps = 1 if lines > BIG else repeat
        rows.append(measure("duckdb_read_csv", [py, "-c", _READ_CSV, folder, bare], lines=lines,
                            repeat=reps))
        rows.append(measure("abasto_import", [py, "-c", _FRESH_IMPORT, folder, db], lines=lines,
                            repeat=reps, baseline="duckdb_read_csv"))
        if lines <= BIG:
            rows.append(measure("abasto_reimport", [py, "-c", _AGAIN, folder, db], lines=lines,
                                repeat=repeat, baseline="abasto_import"))
            rows.append(measure("abasto_check", [py, "-c", _AGAIN, folder, db, "--check"], lines=lines,
                                repeat=repeat, baseline="abasto_import"))
        for path in (db, bare):
            for leftover in (path, Path(f"{path}.wal"), Path(f"{path}.lock")):
                leftover.unlink(missing_ok=True)
    return rows
