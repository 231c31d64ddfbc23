"""Load test: N concurrent browser sessions moving through the dashboard's pages.

    .venv/bin/python bench/load_test.py --db data/abasto.duckdb [--sessions 20] [--duration 120]
    .venv/bin/python bench/load_test.py --url http://127.0.0.1:8501 --pid <server pid>

Starts `streamlit run dashboard/app.py` on loopback on a copy of --db (or uses --url), opens
one headless Chromium with N pages (Playwright, async) and has each page visit the pages a
person would — overview, suppliers, a supplier's scorecard, shortages, an item, contracts,
data, methodology — in a different order per session, until --duration seconds have
passed. A page time is from navigation to its content (chart SVG, table canvas or title);
prints p50/p95 per page and overall, failures, the server's peak memory (RSS of the
server and its children from /proc, sampled every 0.2 s) and its CPU seconds per page
served (user + system time of the server and its children over the timed part, from
/proc: unlike page times, it hardly moves when the machine is shared). Not part of the test suite;
results go to bench/results/load_<time>.json.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.browser.server import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

CHART = '[data-testid="stPlotlyChart"] .main-svg'
TABLE = '[data-testid="stDataFrame"] canvas'
TITLE = "h1"
# page -> (path with query, what shows it is ready)
PAGES = {
    "overview": ("/", CHART),
    "suppliers": ("/suppliers", TABLE),
    "scorecard": ("/scorecard?supplier={supplier}", CHART),
    "shortages": ("/shortages", CHART),
    "item": ("/item?item={item}", CHART),
    "contracts": ("/contracts", TABLE),
    "data": ("/data", TABLE),
    "methodology": ("/methodology", TITLE),
}


# ---------------------------------------------------------------- server memory

def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            out += [int(x) for x in task.read_text().split()]
        except OSError:
            pass
    return out


def tree_rss(pid: int) -> int:
    """Resident memory (bytes) of a process and all its descendants."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            continue
        todo += _children(p)
    return total


def tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by a process and all its descendants."""
    total, todo, tick = 0, [pid], os.sysconf("SC_CLK_TCK")
    while todo:
        p = todo.pop()
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])       # utime, stime (stat fields 14, 15)
        except (OSError, IndexError, ValueError):
            continue
        todo += _children(p)
    return total / tick


class MemorySampler(threading.Thread):
    def __init__(self, pid: int, every: float = 0.2):
        super().__init__(daemon=True)
        self.pid, self.every, self.peak, self.start_rss = pid, every, 0, tree_rss(pid)
        self._stop_event = threading.Event()

    def run(self):
        while not self._stop_event.is_set():
            self.peak = max(self.peak, tree_rss(self.pid))
            time.sleep(self.every)

    def stop(self):
        self._stop_event.set()
        self.join(timeout=2)


# ---------------------------------------------------------------- sessions

def sample_ids(db: Path) -> tuple[list[str], list[str]]:
    """Suppliers and items with data, for the detail pages."""
    from metrics import store
    con = store.connect_read(db)
    try:
        suppliers = [r[0] for r in con.execute(
            "SELECT supplier_id FROM line_facts GROUP BY 1 ORDER BY count(*) DESC LIMIT 20").fetchall()]
        items = [r[0] for r in con.execute(
            "SELECT item_code FROM line_facts GROUP BY 1 ORDER BY count(*) DESC LIMIT 20").fetchall()]
    finally:
        con.close()
    return suppliers, items


async def session(n: int, browser, url: str, deadline: float, suppliers, items, timings, failures,
                  timeout_ms: int):
    rng = random.Random(n)
    context = await browser.new_context(viewport={"width": 1400, "height": 2000})
    page = await context.new_page()
    order = list(PAGES)
    try:
        while time.monotonic() < deadline:
            rng.shuffle(order)
            for name in order:
                if time.monotonic() >= deadline:
                    break
                path, ready = PAGES[name]
                target = url + path.format(supplier=rng.choice(suppliers), item=rng.choice(items))
                start = time.perf_counter()
                try:
                    await page.goto(target)
                    await page.wait_for_selector(ready, timeout=timeout_ms)
                    timings.setdefault(name, []).append(time.perf_counter() - start)
                    if await page.locator('[data-testid="stException"]').count():
                        failures.append((name, target, "exception on page"))
                except Exception as exc:         # noqa: BLE001 - a load test counts failures
                    failures.append((name, target, str(exc).splitlines()[0]))
    finally:
        await context.close()


async def drive(url: str, sessions: int, duration: float, suppliers, items, timeout_ms: int,
                warm: bool = True, pid: int | None = None):
    from playwright.async_api import async_playwright
    timings: dict[str, list[float]] = {}
    failures: list[tuple] = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            # warm the server: the first run imports the libraries, and every page's shared
            # (unfiltered) queries are computed once, as after any real user's first visit
            if warm:
                tab = await browser.new_page()
                for path, ready in PAGES.values():
                    await tab.goto(url + path.format(supplier=suppliers[0], item=items[0]))
                    await tab.wait_for_selector(ready, timeout=timeout_ms * 3)
                await tab.close()
            deadline = time.monotonic() + duration
            cpu_start = tree_cpu(pid) if pid else None
            everything_start = tree_cpu(os.getpid())     # this process: the server (when started here) and Chromium
            timed_start = time.monotonic()
            await asyncio.gather(*(session(n, browser, url, deadline, suppliers, items, timings,
                                           failures, timeout_ms) for n in range(sessions)))
            cpu = tree_cpu(pid) - cpu_start if pid else None
            everything = tree_cpu(os.getpid()) - everything_start
            timed = time.monotonic() - timed_start
        finally:
            await browser.close()
    return timings, failures, (cpu, everything, timed)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def summarise(timings, failures, peak, start_rss, args, wall, cpu=(None, None, None), server_inside=True) -> dict:
    cpu, everything, timed = cpu
    # the browsers' CPU: this process tree's, less the server's when it is a child of ours
    client = everything - (cpu or 0) if everything is not None and (server_inside or cpu is None) else everything
    every = [t for ts in timings.values() for t in ts]
    rows = {name: {"n": len(ts), "p50_s": round(statistics.median(ts), 3),
                   "p95_s": round(percentile(ts, 0.95), 3), "max_s": round(max(ts), 3)}
            for name, ts in sorted(timings.items())}
    return {"sessions": args.sessions, "duration_s": args.duration, "warm": not args.cold, "wall_s": round(wall, 1),
            "db": str(args.db or ""), "pages": rows,
            "overall": {"n": len(every), "p50_s": round(statistics.median(every), 3) if every else None,
                        "p95_s": round(percentile(every, 0.95), 3) if every else None,
                        "pages_per_s": round(len(every) / wall, 2),
                        "server_cpu_s": round(cpu, 1) if cpu is not None else None,
                        "server_cpu_s_per_page": round(cpu / len(every), 3) if cpu is not None and every else None,
                        "client_cpu_s": round(client, 1) if client is not None else None,
                        "timed_s": round(timed, 1) if timed is not None else None,
                        "machine_cores_s": round(timed * (os.cpu_count() or 1), 1) if timed is not None else None},
            "failures": len(failures), "failure_samples": failures[:10],
            "server_rss_start_mb": round(start_rss / 2**20, 1), "server_rss_peak_mb": round(peak / 2**20, 1),
            "cores": os.cpu_count()}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="database to serve (a copy is used)")
    parser.add_argument("--url", help="a running dashboard instead of starting one")
    parser.add_argument("--pid", type=int, help="with --url: the server's pid, for its memory")
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--duration", type=float, default=120.0, help="seconds of load (default 120)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds a page may take")
    parser.add_argument("--cold", action="store_true",
                        help="start the sessions on cold caches (default: visit every page once first)")
    parser.add_argument("--out", type=Path, help="JSON results (default bench/results/load_<time>.json)")
    args = parser.parse_args(argv)
    if not (args.db or args.url):
        parser.error("give --db (start a server) or --url (use a running one)")
    db = args.db
    with tempfile.TemporaryDirectory(prefix="abasto_load_") as tmp:
        if args.url:
            server = None
            url = args.url.rstrip("/")
            pid = args.pid
            suppliers, items = sample_ids(db) if db else (["x"], ["x"])
        else:
            copy = Path(tmp) / "abasto.duckdb"
            shutil.copyfile(db, copy)
            suppliers, items = sample_ids(copy)
            server = serve(env={"ABASTO_DB": str(copy), "ABASTO_CONFIG": str(Path(tmp) / "abasto.toml")},
                           log=Path(tmp) / "streamlit.log")
            url = server.__enter__()
            pid = url.proc.pid
        sampler = MemorySampler(pid) if pid else None
        if sampler:
            sampler.start()
        try:
            started = time.monotonic()
            timings, failures, cpu = asyncio.run(drive(url, args.sessions, args.duration, suppliers, items,
                                                       int(args.timeout * 1000), warm=not args.cold, pid=pid))
            wall = time.monotonic() - started
        finally:
            if sampler:
                sampler.stop()
            if server is not None:
                server.__exit__(None, None, None)
    result = summarise(timings, failures, sampler.peak if sampler else 0,
                       sampler.start_rss if sampler else 0, args, wall, cpu, server_inside=not args.url)
    out = args.out or ROOT / "bench" / "results" / f"load_{time.strftime('%Y%m%d_%H%M%S')}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"{'page':<12} {'n':>5} {'p50 s':>7} {'p95 s':>7} {'max s':>7}")
    for name, row in result["pages"].items():
        print(f"{name:<12} {row['n']:>5} {row['p50_s']:>7.2f} {row['p95_s']:>7.2f} {row['max_s']:>7.2f}")
    o = result["overall"]
    print(f"{'all':<12} {o['n']:>5} {o['p50_s'] or 0:>7.2f} {o['p95_s'] or 0:>7.2f}   "
          f"({o['pages_per_s']} pages/s, {result['failures']} failures)")
    print(f"server memory: {result['server_rss_start_mb']} MB at start, peak {result['server_rss_peak_mb']} MB")
    if o["server_cpu_s"] is not None:
        print(f"server CPU: {o['server_cpu_s']} s over the timed part, {o['server_cpu_s_per_page']} s a page")
    print(f"browser (Chromium + Playwright) CPU: {o['client_cpu_s']} s; the machine had {o['machine_cores_s']} core-s"
          f" in the {o['timed_s']} s timed"
          " (the browsers share the server's cores: they, not the server, may be the limit)")
    print(f"results: {out}")
    return 1 if result["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
