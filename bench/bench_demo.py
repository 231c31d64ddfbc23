"""Demo generation speed: `abasto demo --lines N` against DuckDB writing N bare random rows
(`CREATE TABLE AS SELECT … FROM range(N)`, same width as an order line) to a database file —
the floor any generator of N lines must pay. The demo also writes deliveries, contracts,
tenders, prescriptions and line facts, so a ratio of a few (×) is the expected price."""
from __future__ import annotations

import sys

from bench.common import DEMO_SEED, measure, scratch_dir

NAME = "demo"
BIG = 2_000_000     # above this, one run per case: a build takes minutes

BARE = """
import duckdb, sys
con = duckdb.connect(sys.argv[1])
con.execute('''CREATE OR REPLACE TABLE t AS SELECT 'OS' || lpad(range::VARCHAR, 9, '0') AS order_id,
    hash(range) % 100000 AS contract, hash(range, 1) % 3600 AS item, hash(range, 2) % 1500 AS unit,
    DATE '2023-11-01' + (hash(range, 3) % 1000)::INTEGER AS order_date,
    DATE '2023-11-01' + (hash(range, 4) % 1030)::INTEGER AS due_date,
    random() * 1000 AS qty, random() < 0.015 AS cancelled FROM range($n)''', {'n': int(sys.argv[2])})
con.execute('CHECKPOINT')
"""


def run(sizes: list[int], repeat: int) -> list[dict]:
    rows = []
    for n in sizes:
        reps = 1 if n > BIG else repeat
        with scratch_dir() as tmp:
            rows.append(measure("duckdb_bare_rows", [sys.executable, "-c", BARE, f"{tmp}/bare.duckdb", n],
                                lines=n, repeat=reps))
            rows.append(measure("abasto_demo", [sys.executable, "-m", "metrics.cli", "demo", "--db",
                                                f"{tmp}/demo.duckdb", "--lines", n, "--seed", DEMO_SEED,
                                                "--quiet"],
                                lines=n, repeat=reps, baseline="duckdb_bare_rows"))
    return rows
