"""What every bench module shares: demo databases to measure on, a subprocess timer that
records wall time and the child's peak memory (os.wait4), ratios against a baseline case,
and the report (a table on screen, JSON under bench/results/).

A bench module `bench/bench_<name>.py` exposes NAME and `run(sizes, repeat) -> list[dict]`,
and builds its rows with `measure(...)`. Every case runs in its own subprocess, so memory
is per case.
"""
from __future__ import annotations

import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from bench import clock

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / "data"
RESULTS = ROOT / "bench" / "results"
DEMO_SEED = 1


class BenchError(RuntimeError):
    """A measured command failed; the message carries the end of its stderr."""


def demo_db(lines: int) -> Path:
    """bench/data/demo_<lines>.duckdb, built once with `abasto demo --lines N --seed 1`
    (delete bench/data/ to rebuild, e.g. after the demo generator changed)."""
    path = DATA / f"demo_{lines}.duckdb"
    if not path.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        print(f"building {path.relative_to(ROOT)} ({lines:,} lines) …", file=sys.stderr, flush=True)
        started = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "metrics.cli", "demo", "--db", str(path),
                               "--lines", str(lines), "--seed", str(DEMO_SEED), "--quiet"],
                              cwd=ROOT, capture_output=True, text=True)
        if proc.returncode != 0:
            raise BenchError(f"abasto demo --lines {lines} failed:\n{proc.stderr[-2000:]}")
        print(f"  built in {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    return path


def scratch_dir() -> tempfile.TemporaryDirectory:
    """A temporary folder on the same disk as bench/data (for databases a case writes)."""
    DATA.mkdir(parents=True, exist_ok=True)
    return tempfile.TemporaryDirectory(dir=DATA, prefix="scratch-")


# A minimal launcher (python -S: no site, ~10 MB) that spawns the measured command, waits
# for it with os.wait4 and reports its wall time and peak RSS. Measuring from the harness
# itself would not do: a forked child counts the parent's pages until it execs, so a large
# parent (pytest, a harness that loaded data) would set every child's floor.
_LAUNCHER = """
import os, sys, time
out, argv = sys.argv[1], sys.argv[2:]
started = time.perf_counter()
pid = os.posix_spawn(argv[0], argv, os.environ)
_, status, usage = os.wait4(pid, 0)
elapsed = time.perf_counter() - started
with open(out, "w") as handle:
    handle.write(f"{elapsed} {usage.ru_maxrss}")
sys.exit(os.waitstatus_to_exitcode(status))
"""


def _run_once(argv: list[str], env: dict) -> tuple[float, float, dict]:
    """(process wall seconds, peak RSS in MB, the child's own timings {name: [seconds]}) of
    one run of argv; raises BenchError if it fails."""
    program = argv[0] if os.sep in argv[0] else (shutil.which(argv[0], path=env.get("PATH")) or argv[0])
    with tempfile.TemporaryFile() as err, tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "usage")
        times_file = os.path.join(tmp, "times.json")
        proc = subprocess.run([sys.executable, "-S", "-c", _LAUNCHER, out, program, *argv[1:]],
                              cwd=ROOT, env={**env, clock.ENV: times_file},
                              stdout=subprocess.DEVNULL, stderr=err)
        if proc.returncode != 0 or not os.path.exists(out):
            err.seek(0)
            tail = err.read().decode("utf-8", "replace")[-2000:]
            raise BenchError(f"{' '.join(map(str, argv))[:300]} exited with {proc.returncode}:\n{tail}")
        elapsed, maxrss = open(out).read().split()
        times = json.loads(open(times_file).read()) if os.path.exists(times_file) else {}
    return float(elapsed), int(maxrss) / 1024, times        # ru_maxrss is in KiB on Linux


def _runs(argv, repeat: int, env: dict | None) -> list[tuple[float, float, dict]]:
    merged = {**os.environ, **(env or {})}
    return [_run_once([str(a) for a in argv], merged) for _ in range(max(1, int(repeat)))]


def _row(bench: str, case: str, lines: int, runs: list, key: str, baseline: str | None) -> dict:
    """A row from the runs of one command: the case's time is the child's own timing under
    `key` (the median of its values within a run, then the median over runs); a child that
    timed nothing is timed by its process wall time."""
    walls = [round(r[0], 4) for r in runs]
    own = [statistics.median(r[2][key]) for r in runs if r[2].get(key)]
    timed = "op" if len(own) == len(runs) else "process"
    times = [round(t, 4) for t in own] if timed == "op" else walls
    return {"bench": bench, "case": case, "lines": int(lines), "median_s": statistics.median(times),
            "runs_s": times, "process_s": statistics.median(walls), "timed": timed,
            "peak_mb": max(round(r[1], 1) for r in runs), "baseline": baseline}


def measure(case: str, argv: list[str], *, lines: int, repeat: int, baseline: str | None = None,
            env: dict | None = None, bench: str | None = None, key: str = "op") -> dict:
    """Run argv `repeat` times, each in a fresh subprocess; a row with the median of the
    time the child measured itself (bench.clock, under `key`; the process wall time when it
    measured nothing), the median process wall time (`process_s`) and the child's peak RSS.
    `bench` defaults to the calling module's NAME."""
    if bench is None:
        bench = sys._getframe(1).f_globals.get("NAME", "?")
    return _row(bench, case, lines, _runs(argv, repeat, env), key, baseline)


def measure_keys(cases: list[tuple[str, str, str | None]], argv: list[str], *, lines: int, repeat: int,
                 env: dict | None = None, bench: str | None = None) -> list[dict]:
    """One command that times several things (e.g. a page's first run and its filter
    changes): one row per (case, timing key, baseline), sharing process time and memory."""
    if bench is None:
        bench = sys._getframe(1).f_globals.get("NAME", "?")
    runs = _runs(argv, repeat, env)
    return [_row(bench, case, lines, runs, key, baseline) for case, key, baseline in cases]


def measure_interleaved(cases: list[tuple[str, list, str | None]], *, lines: int, repeat: int,
                        env: dict | None = None, bench: str | None = None, key: str = "op") -> list[dict]:
    """Like `measure` for several (case, argv, baseline), run in rounds (a, b, c, a, b, c, …)
    instead of case after case: when the machine's speed drifts during a run (a shared
    host), each case and its baseline see the same drift, so their ratio stays fair."""
    if bench is None:
        bench = sys._getframe(1).f_globals.get("NAME", "?")
    merged = {**os.environ, **(env or {})}
    runs: dict[str, list] = {case: [] for case, _, _ in cases}
    for _ in range(max(1, int(repeat))):
        for case, argv, _ in cases:
            runs[case].append(_run_once([str(a) for a in argv], merged))
    return [_row(bench, case, lines, runs[case], key, baseline) for case, _, baseline in cases]


def ratios(rows: list[dict]) -> list[dict]:
    """Fill `ratio` (median_s / the baseline row's) and `mem_ratio` (peak_mb / its), the
    baseline being the row of the same bench and lines whose case is named by `baseline`."""
    index = {(r["bench"], r["lines"], r["case"]): r for r in rows}
    for row in rows:
        base = index.get((row["bench"], row["lines"], row.get("baseline")))
        if base is None or row.get("baseline") is None:
            row["ratio"] = row["mem_ratio"] = None
            continue
        row["ratio"] = row["median_s"] / base["median_s"] if base["median_s"] else None
        row["mem_ratio"] = row["peak_mb"] / base["peak_mb"] if base["peak_mb"] else None
    return rows


def _fmt(value, spec: str) -> str:
    return "—" if value is None else format(value, spec)


def table(rows: list[dict]) -> str:
    head = ("bench", "case", "lines", "median s", "ratio", "peak MB", "mem ratio", "process s", "runs s")
    body = [(r["bench"], r["case"], f"{r['lines']:,}",
             _fmt(r["median_s"], ".3f") + ("" if r.get("timed", "op") == "op" else "*"),
             _fmt(r.get("ratio"), ".2f"), _fmt(r["peak_mb"], ",.0f"), _fmt(r.get("mem_ratio"), ".2f"),
             _fmt(r.get("process_s"), ".2f"), " ".join(f"{s:.3f}" for s in r["runs_s"])) for r in rows]
    widths = [max(len(str(x)) for x in col) for col in zip(head, *body)]
    lines = ["  ".join(str(x).ljust(w) if i < 2 else str(x).rjust(w) for i, (x, w) in enumerate(zip(line, widths)))
             for line in (head, *body)]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def growth(rows: list[dict]) -> list[dict]:
    """Per (bench, case) measured at more than one size: how time and memory grew from the
    smallest to the largest size, and the exponent k of time ∝ lines^k (1 = linear)."""
    by_case: dict[tuple, dict[int, dict]] = {}
    for r in rows:
        by_case.setdefault((r["bench"], r["case"]), {})[r["lines"]] = r
    out = []
    for (bench, case), sizes in by_case.items():
        if len(sizes) < 2:
            continue
        lo, hi = sizes[min(sizes)], sizes[max(sizes)]
        factor = hi["lines"] / lo["lines"]
        time_x = hi["median_s"] / lo["median_s"] if lo["median_s"] else None
        mem_x = hi["peak_mb"] / lo["peak_mb"] if lo["peak_mb"] else None
        k = math.log(time_x) / math.log(factor) if time_x and factor > 1 else None
        shape = (None if k is None else "better than linear" if k < 0.9
                 else "linear" if k <= 1.1 else "worse than linear")
        out.append({"bench": bench, "case": case, "from_lines": lo["lines"], "to_lines": hi["lines"],
                    "lines_x": factor, "time_x": time_x, "mem_x": mem_x, "exponent": k, "shape": shape})
    return out


def growth_text(items: list[dict]) -> str:
    if not items:
        return ""
    out = ["", "growth (time and peak memory from the smallest to the largest size; "
               "k: time ∝ lines^k, 1 = linear)"]
    for g in items:
        out.append(f"  {g['bench']}/{g['case']}: {g['lines_x']:g}x the lines -> "
                   f"{_fmt(g['time_x'], '.1f')}x the time, {_fmt(g['mem_x'], '.1f')}x the memory "
                   f"(k = {_fmt(g['exponent'], '.2f')}: {g['shape'] or '—'})")
    worse = [g for g in items if g["shape"] == "worse than linear"]
    out.append("  " + ("every case grows linearly or better." if not worse else
                       "worse than linear: " + ", ".join(f"{g['bench']}/{g['case']}" for g in worse)))
    return "\n".join(out)


def environment() -> dict:
    import duckdb
    return {"python": platform.python_version(), "duckdb": duckdb.__version__,
            "machine": platform.machine(), "cpus": os.cpu_count(), "system": platform.platform(),
            "load_average_at_end": [round(x, 2) for x in os.getloadavg()]}


def report(rows: list[dict], name: str, extra: dict | None = None) -> Path:
    """Print the table of medians and ratios (and the growth from the smallest to the
    largest size, and the targets when given); write it all as JSON to
    bench/results/<name>-<timestamp>.json; return that path."""
    print(table(rows))
    print("(median s: the operation's own time, measured by the child after its imports; "
          "* = process wall time. process s: the whole subprocess, interpreter start included)")
    grown = growth(rows)
    if grown:
        print(growth_text(grown))
    from bench import targets
    checks = targets.check(rows)
    if checks:
        print(targets.text(checks))
    print(f"\nload average (1, 5, 15 min): {' '.join(f'{x:.2f}' for x in os.getloadavg())} "
          f"on {os.cpu_count()} CPUs")
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    path = RESULTS / f"{name}-{stamp}.json"
    path.write_text(json.dumps({"name": name, "created": datetime.now().isoformat(timespec="seconds"),
                                "environment": environment(), "rows": rows, "growth": grown,
                                "targets": checks, **(extra or {})}, indent=2, default=str) + "\n",
                    encoding="utf-8")
    print(f"\nwritten to {path.relative_to(ROOT)}")
    return path
