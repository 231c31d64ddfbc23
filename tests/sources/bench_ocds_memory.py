"""Peak memory of reading a large OCDS JSON Lines file (run by hand, not by pytest).

    .venv/bin/python -m tests.sources.bench_ocds_memory --mb 20,200 [--import]

For each size, generates the file (tests/sources/ocds_gen.py: 2 releases per process, far
apart, so the on-disk grouping by ocid is exercised), then runs in a child process:
- `map`: reader + ocdsmerge + mapper into a sink that discards rows (the adapter's own cost);
- `import` (with --import): the whole `metrics.ingest.import_paths` into an empty database
  (DuckDB staging/validation capped by ABASTO_IMPORT_MEMORY, default 1GB).
Prints wall seconds, peak RSS of the child (os.wait4 ru_maxrss) and rows per second.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.sources import ocds_gen

MAP = """
import sys
from metrics.sources.ocds import map_file
from tests.sources.ocds_gen import DiscardingSink
sink = DiscardingSink()
map_file(sys.argv[1], sink)
sink.close()
print(sink.counts["orders"], sink.counts["contracts"])
"""
IMPORT = """
import sys
from metrics.ingest import import_paths
r = import_paths([sys.argv[1]], sys.argv[2])
print(r.tables["orders"][0], r.tables["contracts"][0])
"""


def child(code: str, *args: str) -> tuple[float, float, str]:
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[2])
    _, status, usage = os.wait4(proc.pid, 0)
    out, err = proc.stdout.read(), proc.stderr.read()
    if status:
        raise SystemExit(f"child failed: {err[-2000:]}")
    return time.perf_counter() - start, usage.ru_maxrss / 1024, out.strip()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", default="20,200")
    parser.add_argument("--import", dest="full", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="abasto-bench-ocds-") as tmp:
        for mb in [float(x) for x in args.mb.split(",")]:
            path, processes = ocds_gen.write_mb(Path(tmp) / f"bench_{mb:g}mb.jsonl", mb)
            size = path.stat().st_size / 1e6
            cases = [("map", MAP, [str(path)])]
            if args.full:
                cases.append(("import", IMPORT, [str(path), str(Path(tmp) / f"db_{mb:g}.duckdb")]))
            for name, code, argv in cases:
                secs, peak, out = child(code, *argv)
                lines = int(out.splitlines()[-1].split()[0])
                print(f"{name:6s} {size:8.1f} MB  {processes:>9,} processes  {lines:>10,} lines  "
                      f"{secs:8.1f} s  peak RSS {peak:8.1f} MB  {lines / secs:10,.0f} lines/s", flush=True)


if __name__ == "__main__":
    main()
