"""Line-facts full rebuild benchmark (see /work/helpers/BENCH_API.md; run by `python -m bench`).

Each case copies the demo database (not timed), opens the copy with store.writer under the
import's DuckDB cap (metrics.ingest.DEFAULT_MEMORY) and times one step:
- rewrite_sorted           : `CREATE TABLE AS SELECT * FROM line_facts ORDER BY supplier_id,
                             due_date`: the floor for writing every line's facts in order
- line_facts_scan_per_part : the full rebuild as it was before the scratch join
                             (metrics/facts.py, each part of PART_LINES lines scans all
                             deliveries and joins them by order_id) — baseline rewrite_sorted
- line_facts_full          : facts.refresh's line-facts step (metrics.ingest.profile "line
                             facts"): the parts' deliveries joined to their orders once into a
                             scratch database, then part by part (from facts.SCRATCH_MIN_PARTS
                             parts of facts.PART_LINES lines, i.e. 3.5M+ lines; below, it is the
                             same as line_facts_scan_per_part) — baseline
                             line_facts_scan_per_part

Each rebuild case also has a `_cpu` row: the CPU seconds of the same step (the process's,
all DuckDB threads; metrics.ingest.profile), steadier than wall time on a shared machine; its
baseline is the other rebuild's `_cpu` row.

Memory is each child's peak RSS (the whole process: copy-aside writer, DuckDB under the cap).
Above 2,000,000 lines (BIG) each case runs once (a rebuild takes a minute at 10M).
"""
from __future__ import annotations

import sys

from bench.common import demo_db, measure, measure_keys, scratch_dir

NAME = "facts"
BIG = 2_000_000

_OPEN = """
import contextlib, os, shutil, sys
from bench.clock import record, timed
from metrics import facts, store
from metrics.ingest import DEFAULT_MEMORY, profile
src, work = sys.argv[1], sys.argv[2]
shutil.copyfile(src, work)
"""

_SORTED = _OPEN + """
with store.writer(work) as con:
    con.execute(f"SET memory_limit = '{DEFAULT_MEMORY}'")
    with timed("line_facts"):
        con.execute("CREATE TABLE bench_facts_copy AS SELECT * FROM line_facts "
                    "ORDER BY supplier_id, due_date")
os.remove(work)
"""

_REBUILD = _OPEN + """
if sys.argv[3] == "scan_per_part":      # no scratch join: every part scans the deliveries table
    facts._scratch = lambda con, parts, total: contextlib.nullcontext("table")
profile.enable()
with store.writer(work) as con:
    con.execute(f"SET memory_limit = '{DEFAULT_MEMORY}'")
    facts.refresh(con)
for name, wall, cpu, peak in profile.steps():
    if name == "line facts":
        record("line_facts", wall)
        record("line_facts_cpu", cpu)
        print(f"  line facts ({sys.argv[3]}): {wall:.1f} s wall, {cpu:.1f} s CPU, "
              f"peak {peak:.0f} MB", file=sys.stderr, flush=True)
os.remove(work)
"""


def run(sizes: list[int], repeat: int) -> list[dict]:
    rows = []
    py = sys.executable
    for lines in sizes:
        db = demo_db(lines)
        reps = 1 if lines > BIG else repeat
        with scratch_dir() as folder:
            work = f"{folder}/facts.duckdb"
            rows.append(measure("rewrite_sorted", [py, "-c", _SORTED, db, work], lines=lines,
                                repeat=reps, key="line_facts"))
            for case, baseline in (("line_facts_scan_per_part", "rewrite_sorted"),
                                   ("line_facts_full", "line_facts_scan_per_part")):
                rows += measure_keys([(case, "line_facts", baseline),
                                      (f"{case}_cpu", "line_facts_cpu",
                                       None if baseline == "rewrite_sorted" else f"{baseline}_cpu")],
                                     [py, "-c", _REBUILD, db, work, case.removeprefix("line_facts_")],
                                     lines=lines, repeat=reps)
    return rows
