"""Time a full `metrics.rollups.refresh` on a copy of a database, statement by statement,
with the process's peak RSS: the working tree's code ("new") or the code of a git commit
("old", the rollup modules and SQL as they were there), each in its own process so that the
peak RSS is that variant's alone. Not a test (nothing asserts time); run by hand:

    .venv/bin/python -m tests.rollups_speed.bench_rollups_refresh /tmp/rollups_3m.duckdb \
        --variants old new --old 9c293c5 --memory 1200MB
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


def run_one(db: str, variant: str, commit: str, memory: str) -> dict:
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
            t, cpu = time.perf_counter(), time.process_time()
            rollups.refresh(_Timed(con, log), incremental=False)
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
    p.add_argument("--variants", nargs="+", default=["old", "new"])
    p.add_argument("--old", default="9c293c5")
    p.add_argument("--memory", default="1200MB")
    p.add_argument("--one", help=argparse.SUPPRESS)
    a = p.parse_args(argv)
    if a.one:
        print(json.dumps(run_one(a.db, a.one, a.old, a.memory)))
        return
    for variant in a.variants:
        done = subprocess.run([sys.executable, "-m", "tests.rollups_speed.bench_rollups_refresh", a.db,
                               "--one", variant, "--old", a.old, "--memory", a.memory],
                              check=True, capture_output=True, text=True)
        r = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"== {variant}: {r['seconds']:.1f} s wall, {r['cpu']:.1f} s CPU, peak RSS {r['peak_rss_mb']:.0f} MB "
              f"(before refresh {r['rss_before_mb']:.0f} MB)")
        for s, cpu, sql in r["statements"]:
            if s >= 0.05 or cpu >= 0.05:
                print(f"   {s:6.2f} {cpu:6.2f}  {sql}")
        print("   rows:", r["rows"])


if __name__ == "__main__":
    main()
