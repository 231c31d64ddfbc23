"""Load test: N concurrent sessions moving through the dashboard's pages (issue #9).

    .venv/bin/python bench/load_test.py --db data/abasto.duckdb [--sessions 20] [--duration 120]
    .venv/bin/python bench/load_test.py --db data/abasto.duckdb --client browser --sessions 5 --duration 60
    .venv/bin/python bench/load_test.py --url http://127.0.0.1:8501 --pid <server pid> [--db <its db, for ids>]

Starts `streamlit run dashboard/app.py` on loopback on a copy of --db (or uses --url) and has
each of N sessions visit the pages a person would — overview, suppliers, a supplier's
scorecard, shortages, an item, contracts, data, methodology — in a different order per
session, until --duration seconds have passed (or, with --rounds K, K times each page).
Two clients:

- `--client protocol` (the default): each session is a real Streamlit session over the
  server's websocket (/_stcore/stream), driven as the browser's frontend drives it but
  without a browser (bench/streamlit_client.py): a page is a BackMsg `rerun_script` with the
  page's script hash and query string, and its time runs from sending it to the run's
  `script_finished`. A page fails on a timeout, a closed socket, a script_finished other
  than success, an `exception` element (st.exception / an uncaught error), a page not
  found, or when the element that shows it is ready (chart, table, title) never arrives.
  It is the default because it measures the server: at 20 sessions the browser client's 20
  Chromium pages need more CPU than a 2-core machine has (10M, 20 sessions, 120 s: the
  server used 26 s of CPU, the browsers 93 s) so its page times were the browsers' queue,
  while this client costs little CPU (reported as client CPU).
- `--client browser`: one headless Chromium with N pages (Playwright); a page time is from
  `page.goto` (a new session each time) to its content being drawn (chart SVG, table canvas
  or title). It includes what the protocol client leaves out (static files, rendering):
  use it with a few sessions as an end-to-end check.

Before timing, one session visits every page once (the first run imports the libraries
and computes every page's shared, unfiltered queries, as after any real user's first
visit; --cold skips it). Prints p50/p95 per page and overall, failures (with their
reasons), the server's peak memory (RSS of the server and its children from /proc, sampled
every 0.2 s) and its CPU seconds per page served (user + system time of the server and its
children over the timed part, from /proc: unlike page times, it hardly moves when the
machine is shared). Not part of the test suite (tests/bench_load/ runs it on a small
database); results go to bench/results/load_<time>.json, the server's log (when started
here) to /tmp/abasto_load_<time>_server.log.
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
from collections import Counter
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
# the protocol client's "ready": the element kind (streamlit/proto/Element) that draws it
READY_KIND = {CHART: "plotly_chart", TABLE: "dataframe", TITLE: "heading"}


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


# ---------------------------------------------------------------- what sessions visit

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


def plan(n: int, suppliers, items, rounds: int | None = None):
    """Session n's visits, (page name, path with query): every page once a round, in an
    order of its own; endless unless `rounds` is given."""
    rng = random.Random(n)
    order, done = list(PAGES), 0
    while rounds is None or done < rounds:
        rng.shuffle(order)
        for name in order:
            yield name, PAGES[name][0].format(supplier=rng.choice(suppliers), item=rng.choice(items))
        done += 1


def split_target(target: str) -> tuple[str, str]:
    """'/scorecard?supplier=X' -> ('scorecard', 'supplier=X'); '/' -> ('', '')."""
    path, _, query = target.partition("?")
    return path.strip("/"), query


class Tally:
    """Page times, failures and error alerts of all sessions."""

    def __init__(self):
        self.timings: dict[str, list[float]] = {}
        self.failures: list[tuple[str, str, str]] = []      # (page, target, reason)
        self.alerts: list[tuple[str, str, str]] = []        # (page, target, st.error text)

    def time(self, name: str, seconds: float) -> None:
        self.timings.setdefault(name, []).append(seconds)

    def fail(self, name: str, target: str, reason: str) -> None:
        self.failures.append((name, target, reason))


# ---------------------------------------------------------------- protocol client

def run_problem(run, ready: str) -> str:
    """Why a protocol page run failed ('' if it did not): the run's own problem, or the
    element that shows the page is ready never arrived (as the browser client waits for)."""
    problem = run.problem()
    if not problem and not run.elements.get(READY_KIND[ready]):
        problem = f"no {READY_KIND[ready]} element on the page"
    return problem


async def protocol_session(n: int, url: str, deadline: float, rounds: int | None, suppliers, items,
                           tally: Tally, timeout_s: float):
    from bench.streamlit_client import StreamlitSession
    async with StreamlitSession(url) as client:
        for name, target in plan(n, suppliers, items, rounds):
            if time.monotonic() >= deadline:
                break
            path, query = split_target(target)
            run = await client.open(path, query, timeout=timeout_s)
            if run.seconds is not None:
                tally.time(name, run.seconds)
            problem = run_problem(run, PAGES[name][1])
            if problem:
                tally.fail(name, target, problem)
            tally.alerts += [(name, target, text) for text in run.alerts]


async def protocol_warm(url: str, suppliers, items, timeout_s: float, tally: Tally) -> None:
    from bench.streamlit_client import StreamlitSession
    async with StreamlitSession(url) as client:
        for name, (path, ready) in PAGES.items():
            target = path.format(supplier=suppliers[0], item=items[0])
            run = await client.open(*split_target(target), timeout=timeout_s)
            problem = run_problem(run, ready)
            if problem:
                tally.fail(name, target, problem)


# ---------------------------------------------------------------- browser client

async def browser_session(n: int, browser, url: str, deadline: float, rounds: int | None, suppliers, items,
                          tally: Tally, timeout_s: float):
    context = await browser.new_context(viewport={"width": 1400, "height": 2000})
    page = await context.new_page()
    try:
        for name, path in plan(n, suppliers, items, rounds):
            if time.monotonic() >= deadline:
                break
            target = url + path
            start = time.perf_counter()
            try:
                await page.goto(target)
                await page.wait_for_selector(PAGES[name][1], timeout=timeout_s * 1000)
                tally.time(name, time.perf_counter() - start)
                if await page.locator('[data-testid="stException"]').count():
                    tally.fail(name, target, "exception on page")
            except Exception as exc:         # noqa: BLE001 - a load test counts failures
                tally.fail(name, target, str(exc).splitlines()[0])
    finally:
        await context.close()


async def browser_warm(browser, url: str, suppliers, items, timeout_s: float, tally: Tally) -> None:
    tab = await browser.new_page()
    try:
        for name, (path, ready) in PAGES.items():
            target = url + path.format(supplier=suppliers[0], item=items[0])
            try:
                await tab.goto(target)
                await tab.wait_for_selector(ready, timeout=timeout_s * 1000)
            except Exception as exc:         # noqa: BLE001
                tally.fail(name, target, str(exc).splitlines()[0])
    finally:
        await tab.close()


# ---------------------------------------------------------------- the run

async def drive(client: str, url: str, sessions: int, duration: float, suppliers, items, timeout_s: float,
                warm: bool = True, pid: int | None = None, rounds: int | None = None):
    """Warm (optionally), then run the sessions; returns (tally, warm tally, cpu triple)."""
    tally, warmed = Tally(), Tally()

    async def timed(make_session):
        deadline = float("inf") if rounds else time.monotonic() + duration
        cpu_start = tree_cpu(pid) if pid else None
        everything_start = tree_cpu(os.getpid())     # this process (the client) and its children (server, Chromium)
        timed_start = time.monotonic()
        await asyncio.gather(*(make_session(n, deadline) for n in range(sessions)))
        cpu = tree_cpu(pid) - cpu_start if pid else None
        return cpu, tree_cpu(os.getpid()) - everything_start, time.monotonic() - timed_start

    if client == "protocol":
        if warm:
            await protocol_warm(url, suppliers, items, timeout_s * 3, warmed)
        cpu = await timed(lambda n, deadline: protocol_session(n, url, deadline, rounds, suppliers, items,
                                                               tally, timeout_s))
        return tally, warmed, cpu
    from playwright.async_api import async_playwright
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            if warm:
                await browser_warm(browser, url, suppliers, items, timeout_s * 3, warmed)
            cpu = await timed(lambda n, deadline: browser_session(n, browser, url, deadline, rounds, suppliers,
                                                                  items, tally, timeout_s))
        finally:
            await browser.close()
    return tally, warmed, cpu


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def summarise(tally: Tally, warmed: Tally, peak, start_rss, args, wall, cpu=(None, None, None),
              server_inside=True) -> dict:
    cpu, everything, timed = cpu
    # the client's CPU: this process tree's, less the server's when it is a child of ours
    client = everything - (cpu or 0) if everything is not None and (server_inside or cpu is None) else everything
    timings = tally.timings
    every = [t for ts in timings.values() for t in ts]
    failed = Counter(name for name, _, _ in tally.failures)
    rows = {name: {"n": len(timings.get(name, [])), "failures": failed[name],
                   "p50_s": round(statistics.median(timings[name]), 3) if timings.get(name) else None,
                   "p95_s": round(percentile(timings[name], 0.95), 3) if timings.get(name) else None,
                   "max_s": round(max(timings[name]), 3) if timings.get(name) else None}
            for name in PAGES if timings.get(name) or failed[name]}
    reasons = Counter(f"{name}: {reason[:160]}" for name, _, reason in tally.failures)
    return {"client": args.client, "sessions": args.sessions, "duration_s": None if args.rounds else args.duration,
            "rounds": args.rounds, "timeout_s": args.timeout, "warm": not args.cold, "wall_s": round(wall, 1),
            "db": str(args.db or ""), "url": args.url or "", "pages": rows,
            "overall": {"n": len(every), "p50_s": round(statistics.median(every), 3) if every else None,
                        "p95_s": round(percentile(every, 0.95), 3) if every else None,
                        "pages_per_s": round(len(every) / timed, 2) if timed else None,
                        "server_cpu_s": round(cpu, 1) if cpu is not None else None,
                        "server_cpu_s_per_page": round(cpu / len(every), 3) if cpu is not None and every else None,
                        "client_cpu_s": round(client, 1) if client is not None else None,
                        "timed_s": round(timed, 1) if timed is not None else None,
                        "machine_cores_s": round(timed * (os.cpu_count() or 1), 1) if timed is not None else None},
            "failures": len(tally.failures), "failure_reasons": dict(reasons.most_common(20)),
            "failure_samples": tally.failures[:10],
            "warm_failures": warmed.failures,
            "error_alerts": len(tally.alerts),
            "error_alert_samples": dict(Counter(f"{n}: {text[:160]}" for n, _, text in tally.alerts).most_common(10)),
            "server_rss_start_mb": round(start_rss / 2**20, 1), "server_rss_peak_mb": round(peak / 2**20, 1),
            "cores": os.cpu_count(), "load_average": [round(x, 2) for x in os.getloadavg()]}


def report(result: dict, out: Path) -> None:
    print(f"client: {result['client']}, {result['sessions']} sessions, "
          + (f"{result['rounds']} round(s)" if result["rounds"] else f"{result['duration_s']:g} s"))
    print(f"{'page':<12} {'n':>5} {'fail':>5} {'p50 s':>7} {'p95 s':>7} {'max s':>7}")
    for name, row in result["pages"].items():
        times = (f"{row['p50_s']:>7.2f} {row['p95_s']:>7.2f} {row['max_s']:>7.2f}" if row["n"]
                 else f"{'-':>7} {'-':>7} {'-':>7}")
        print(f"{name:<12} {row['n']:>5} {row['failures']:>5} {times}")
    o = result["overall"]
    print(f"{'all':<12} {o['n']:>5} {result['failures']:>5} {o['p50_s'] or 0:>7.2f} {o['p95_s'] or 0:>7.2f}   "
          f"({o['pages_per_s']} pages/s over the {o['timed_s']} s timed, {result['failures']} failures)")
    for reason, count in result["failure_reasons"].items():
        print(f"  failed {count}x  {reason}")
    for name, target, reason in result["warm_failures"]:
        print(f"  warm-up failed  {name} {target}: {reason}")
    if result["error_alerts"]:
        print(f"error messages shown (st.error, not counted as failures): {result['error_alerts']}")
        for text, count in result["error_alert_samples"].items():
            print(f"  {count}x  {text}")
    print(f"server memory: {result['server_rss_start_mb']} MB at start, peak {result['server_rss_peak_mb']} MB")
    if o["server_cpu_s"] is not None:
        print(f"server CPU: {o['server_cpu_s']} s over the timed part, {o['server_cpu_s_per_page']} s a page")
    who = "browser (Chromium + Playwright)" if result["client"] == "browser" else "client (this process)"
    print(f"{who} CPU: {o['client_cpu_s']} s; the machine had {o['machine_cores_s']} core-s in the {o['timed_s']} s timed"
          f" (load average now {', '.join(map(str, result['load_average']))})")
    if result.get("server_log"):
        print(f"server log: {result['server_log']}")
    print(f"results: {out}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="database to serve (a copy is used)")
    parser.add_argument("--url", help="a running dashboard instead of starting one")
    parser.add_argument("--pid", type=int, help="with --url: the server's pid, for its memory")
    parser.add_argument("--client", choices=("protocol", "browser"), default="protocol",
                        help="protocol: Streamlit sessions over the websocket, no browser (default: measures "
                             "the server); browser: headless Chromium pages (end to end, few sessions)")
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--duration", type=float, default=120.0, help="seconds of load (default 120)")
    parser.add_argument("--rounds", type=int,
                        help="instead of --duration: each session visits every page this many times")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds a page may take")
    parser.add_argument("--cold", action="store_true",
                        help="start the sessions on cold caches (default: visit every page once first)")
    parser.add_argument("--out", type=Path, help="JSON results (default bench/results/load_<time>.json)")
    parser.add_argument("--log", type=Path, help="the started server's log (default /tmp/abasto_load_<time>_server.log)")
    args = parser.parse_args(argv)
    if not (args.db or args.url):
        parser.error("give --db (start a server) or --url (use a running one)")
    if args.rounds is not None and args.rounds < 1:
        parser.error("--rounds must be at least 1")
    db = args.db
    stamp = time.strftime("%Y%m%d_%H%M%S")
    log = None
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
            log = args.log or Path(tempfile.gettempdir()) / f"abasto_load_{stamp}_server.log"
            server = serve(env={"ABASTO_DB": str(copy), "ABASTO_CONFIG": str(Path(tmp) / "abasto.toml")}, log=log)
            url = server.__enter__()
            pid = url.proc.pid
        sampler = MemorySampler(pid) if pid else None
        if sampler:
            sampler.start()
        try:
            started = time.monotonic()
            tally, warmed, cpu = asyncio.run(drive(args.client, url, args.sessions, args.duration, suppliers, items,
                                                   args.timeout, warm=not args.cold, pid=pid, rounds=args.rounds))
            wall = time.monotonic() - started
        finally:
            if sampler:
                sampler.stop()
            if server is not None:
                server.__exit__(None, None, None)
    result = summarise(tally, warmed, sampler.peak if sampler else 0,
                       sampler.start_rss if sampler else 0, args, wall, cpu, server_inside=not args.url)
    result["server_log"] = str(log) if log else None
    out = args.out or ROOT / "bench" / "results" / f"load_{stamp}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    report(result, out)
    return 1 if result["failures"] or result["warm_failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
