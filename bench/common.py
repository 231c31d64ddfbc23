"""What every bench module shares: demo databases to measure on, a subprocess timer that
records wall time and the child's peak memory (os.wait4), ratios against a baseline case,
and the report (a table on screen, JSON under bench/results/).

A bench module `bench/bench_<name>.py` exposes NAME and `run(sizes, repeat) -> list[dict]`,
and builds its rows with `measure(...)`. Every case runs in its own subprocess, so memory
is per case.
"""
from __future__ import annotations

import json
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


def _run_once(argv: list[str], env: dict) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB) of one run of argv; raises BenchError if it fails."""
    program = argv[0] if os.sep in argv[0] else (shutil.which(argv[0], path=env.get("PATH")) or argv[0])
    with tempfile.TemporaryFile() as err, tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "usage")
        proc = subprocess.run([sys.executable, "-S", "-c", _LAUNCHER, out, program, *argv[1:]],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=err)
        if proc.returncode != 0 or not os.path.exists(out):
            err.seek(0)
            tail = err.read().decode("utf-8", "replace")[-2000:]
            raise BenchError(f"{' '.join(map(str, argv))[:300]} exited with {proc.returncode}:\n{tail}")
        elapsed, maxrss = open(out).read().split()
    return float(elapsed), int(maxrss) / 1024        # ru_maxrss is in KiB on Linux


def measure(case: str, argv: list[str], *, lines: int, repeat: int, baseline: str | None = None,
            env: dict | None = None, bench: str | None = None) -> dict:
    """Run argv `repeat` times in a subprocess; a row with the median wall time and the peak
    RSS of the child. `bench` defaults to the calling module's NAME."""
    if bench is None:
        bench = sys._getframe(1).f_globals.get("NAME", "?")
    merged = {**os.environ, **(env or {})}
    runs, peaks = [], []
    for _ in range(max(1, int(repeat))):
        elapsed, peak = _run_once([str(a) for a in argv], merged)
        runs.append(round(elapsed, 4))
        peaks.append(round(peak, 1))
    return {"bench": bench, "case": case, "lines": int(lines), "median_s": statistics.median(runs),
            "runs_s": runs, "peak_mb": max(peaks), "baseline": baseline}


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
    head = ("bench", "case", "lines", "median s", "ratio", "peak MB", "mem ratio", "runs s")
    body = [(r["bench"], r["case"], f"{r['lines']:,}", _fmt(r["median_s"], ".3f"),
             _fmt(r.get("ratio"), ".2f"), _fmt(r["peak_mb"], ",.0f"), _fmt(r.get("mem_ratio"), ".2f"),
             " ".join(f"{s:.3f}" for s in r["runs_s"])) for r in rows]
    widths = [max(len(str(x)) for x in col) for col in zip(head, *body)]
    lines = ["  ".join(str(x).ljust(w) if i < 2 else str(x).rjust(w) for i, (x, w) in enumerate(zip(line, widths)))
             for line in (head, *body)]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def environment() -> dict:
    import duckdb
    return {"python": platform.python_version(), "duckdb": duckdb.__version__,
            "machine": platform.machine(), "cpus": os.cpu_count(), "system": platform.platform()}


def report(rows: list[dict], name: str) -> Path:
    """Print the table of medians and ratios; write it as JSON to
    bench/results/<name>-<timestamp>.json; return that path."""
    print(table(rows))
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    path = RESULTS / f"{name}-{stamp}.json"
    path.write_text(json.dumps({"name": name, "created": datetime.now().isoformat(timespec="seconds"),
                                "environment": environment(), "rows": rows}, indent=2) + "\n",
                    encoding="utf-8")
    print(f"\nwritten to {path.relative_to(ROOT)}")
    return path
