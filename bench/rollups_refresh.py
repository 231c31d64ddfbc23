"""Time a full (or, with --incremental, a small incremental) `metrics.rollups.refresh` on a copy of a database, statement by statement,
with the process's peak RSS: the working tree's code ("new") or the code of a git commit
("old", the rollup modules and SQL as they were there), each in its own process so that the
peak RSS is that variant's alone. Not a test (nothing asserts time); run by hand:

    .venv/bin/python -m bench.rollups_refresh /tmp/rollups_3m.duckdb \
        --variants old new --old 9c293c5 --memory 1200MB --repeat 3 --statements
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time


class _Timed:
    """A connection whose execute() records (seconds, first words of the SQL)."""

    def __init__(self, con, log):
        self._con, self._log = con, log

    def execute(self, sql, params=None):
        t, cpu = time.perf_counter(), time.process_time()
        out = self._con.execute(sql, params)
        self._log.append((time.perf_counter() - t, time.process_time() - cpu, " ".join(sql.split())[:100]))
        return out

    def __getattr__(self, name):
        return getattr(self._con, name)


def _use_commit(commit: str) -> None:
    """Make metrics.rollups run the rollup code and SQL of `commit`."""
    import importlib
    import types

    from metrics import sqlfiles

    def show(path):
        return subprocess.run(["git", "show", f"{commit}:{path}"], check=True, capture_output=True,
                              text=True).stdout
    real = sqlfiles.load
    sqlfiles.load = lambda name: show(f"metrics/sql/{name}") if name.startswith("rollups/") else real(name)
    for name in ("supplier_days", "item_months"):
        module = importlib.import_module(f"metrics.rollups.{name}")
        code = show(f"metrics/rollups/{name}.py")
        fresh = types.ModuleType(module.__name__)
        fresh.__file__ = module.__file__
        exec(compile(code, f"{commit}:{name}.py", "exec"), fresh.__dict__)
        module.refresh = fresh.refresh


class _Discard(Exception):
    pass


def run_one(db: str, variant: str, commit: str, memory: str, incremental: bool = False) -> dict:
    from metrics import rollups, store
    if variant == "old":
        _use_commit(commit)
    log: list = []
    out = {}
    try:
        with store.writer(db) as con:
            con.execute(f"SET memory_limit = '{memory}'")
            con.execute("SET preserve_insertion_order = true")      # as facts.refresh sets it
            out["rss_before_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            if incremental:   # as after a small import: the keys of a few orders' lines
                con.execute("CREATE TEMP TABLE touched_keys AS SELECT DISTINCT supplier_id, item_code "
                            "FROM line_facts USING SAMPLE 20 ROWS (reservoir, 7)")
            t, cpu = time.perf_counter(), time.process_time()
            rollups.refresh(_Timed(con, log), incremental=incremental)
            out["seconds"], out["cpu"] = time.perf_counter() - t, time.process_time() - cpu
            out["rows"] = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for (t,) in con.execute(
                "SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'rollup_%' ORDER BY 1").fetchall()}
            raise _Discard
    except _Discard:
        pass
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out["statements"] = log
    return out


def main(argv=None) -> None:
    p = argparse.ArgumentParser()
    p.add_argument("db")
    p.add_argument("--variants", nargs="+", default=["old", "new"],
                   help="old (the --old commit), new (the working tree)")
    p.add_argument("--old", default="9c293c5")
    p.add_argument("--memory", default="1200MB")
    p.add_argument("--repeat", type=int, default=1)
    p.add_argument("--incremental", action="store_true", help="an incremental refresh of 20 lines' keys")
    p.add_argument("--statements", action="store_true", help="each statement's wall and CPU seconds")
    p.add_argument("--one", help=argparse.SUPPRESS)
    a = p.parse_args(argv)
    if a.one:
        print(json.dumps(run_one(a.db, a.one, a.old, a.memory, a.incremental)))
        return
    runs: dict[str, list[dict]] = {v: [] for v in a.variants}
    for _ in range(a.repeat):               # alternated, so that a busy spell hits every variant
        for variant in a.variants:
            done = subprocess.run([sys.executable, "-m", "bench.rollups_refresh", a.db,
                                   "--one", variant, "--old", a.old, "--memory", a.memory]
                                  + (["--incremental"] if a.incremental else []),
                                  check=True, capture_output=True, text=True)
            runs[variant].append(json.loads(done.stdout.strip().splitlines()[-1]))
    for variant, rs in runs.items():
        walls, cpus = sorted(r["seconds"] for r in rs), sorted(r["cpu"] for r in rs)
        print(f"== {variant} ({a.memory}): wall min {walls[0]:.1f} s, median {walls[len(rs) // 2]:.1f} s; "
              f"CPU min {cpus[0]:.1f} s, median {cpus[len(rs) // 2]:.1f} s; "
              f"peak RSS max {max(r['peak_rss_mb'] for r in rs):.0f} MB")
        best = min(rs, key=lambda r: r["cpu"])
        if a.statements:
            for s, cpu, sql in best["statements"]:
                if s >= 0.05 or cpu >= 0.05:
                    print(f"   {s:6.2f} {cpu:6.2f}  {sql}")
            print("   rows:", best["rows"])

if __name__ == "__main__":
    main()
