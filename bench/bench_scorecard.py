"""Scorecard benchmark (see /work/helpers/BENCH_API.md; run by `python -m bench`).

Cases, each a subprocess on the same demo database, over one year of due dates ending at
the latest delivery:
- scorecard      : metrics.scorecard.scorecard for every supplier (KPIs + score, shrinkage,
                   peer percentile, trend) — baseline pandas_way (target ratio ≤ 0.1,
                   mem_ratio ≤ 1/8). It reads the supplier rollup
                   (metrics/rollups/supplier_days.py), exact for this scope
- scorecard_warm : a first call untimed, then the same call again in that process, the
                   window a day earlier (DuckDB's buffers hold the blocks, as in a running
                   dashboard) — baseline pandas_way_warm, made likewise. Its own process, so
                   that the scorecard's peak memory is that of one call
- scorecard_kpis : the same KPI columns as pandas_way, by the scorecard's own path
                   (metrics.scorecard.kpi_frame: the supplier rollup and its histograms),
                   without what the full scorecard adds (score, shrinkage, peer rank, trend,
                   penalties applied, shortage contribution) — baseline pandas_way: like
                   for like (tests/metrics/test_metrics_bench.py checks the numbers equal)
- scorecard_lines: the same call made to read line_facts instead (the path before the
                   rollup, and the one scopes the rollup cannot serve take) — baseline
                   scorecard
- pandas_way     : the same KPIs the pandas way: the year's line facts read into pandas
                   (Arrow) and grouped there (`pandas_kpis`, checked equal to the scorecard
                   by tests/metrics/test_metrics_bench.py)
- bare_scan      : `SELECT sum(qty_ordered)` over line_facts — baseline scorecard, so its
                   ratio is scan/scorecard
- scan_columns   : one sum/count of every column the scorecard aggregates, over the year's
                   lines (SCAN_COLUMNS): the floor for reading what it reads — baseline
                   scorecard (target: the scorecard within 10x of it, bench/targets.py)
- one_supplier   : the scorecard filtered to the largest supplier (zone maps on the sorted
                   line_facts) — baseline scan_columns
- ledger         : the compliance ledger by contract for the year — baseline scan_columns

Each case's time is the operation alone (bench.clock: after imports and opening the
database); the process wall time and the child's peak memory are reported beside it.
"""
from __future__ import annotations

import sys

NAME = "scorecard"

# Every child opens the database read-only and fixes the same window; what it then times
# (bench.clock.timed) is the case's time: imports and opening are not (process_s has them).
_PRELUDE = """
import sys, datetime
from bench.clock import timed
from metrics import store, facts
import metrics.scorecard, metrics.performance, metrics.stats, metrics.shortages, metrics.ledger
path = sys.argv[1]
con = store.connect_read(path)
as_of = facts.latest_delivery(con)
date_from = as_of - datetime.timedelta(days=364)
"""

CASES = {
    "scorecard": _PRELUDE + """
from metrics import scorecard, scope
with timed():
    frame = scorecard.scorecard(con, scope.Scope.make(date_from=date_from, date_to=as_of, as_of=as_of))
assert len(frame) > 0
""",
    "scorecard_warm": _PRELUDE + """
from metrics import scorecard, scope
frame = scorecard.scorecard(con, scope.Scope.make(date_from=date_from, date_to=as_of, as_of=as_of))
# again, the window a day earlier (DuckDB caches no results, only the blocks it read)
with timed():
    frame = scorecard.scorecard(con, scope.Scope.make(date_from=date_from - datetime.timedelta(days=1),
                                                      date_to=as_of - datetime.timedelta(days=1), as_of=as_of))
assert len(frame) > 0
""",
    "scorecard_kpis": _PRELUDE + """
from metrics import scorecard, scope
with timed():
    frame = scorecard.kpi_frame(con, scorecard.resolve(
        con, scope.Scope.make(date_from=date_from, date_to=as_of, as_of=as_of)), ("supplier",))
assert len(frame) > 0
""",
    "scorecard_lines": _PRELUDE + """
from metrics import scorecard, scope
from metrics.rollups import supplier_days
supplier_days.serves = lambda *args, **kwargs: False
with timed():
    frame = scorecard.scorecard(con, scope.Scope.make(date_from=date_from, date_to=as_of, as_of=as_of))
assert len(frame) > 0
""",
    "pandas_way": _PRELUDE + """
from bench.bench_scorecard import pandas_kpis
import numpy, pandas, pyarrow    # imported before the clock starts, as the scorecard's are
with timed():
    frame = pandas_kpis(con, date_from, as_of, as_of)
assert len(frame) > 0
""",
    "pandas_way_warm": _PRELUDE + """
from bench.bench_scorecard import pandas_kpis
import numpy, pandas, pyarrow
frame = pandas_kpis(con, date_from, as_of, as_of)
del frame
with timed():
    frame = pandas_kpis(con, date_from - datetime.timedelta(days=1), as_of - datetime.timedelta(days=1), as_of)
assert len(frame) > 0
""",
    "bare_scan": _PRELUDE + """
with timed():
    con.execute("SELECT sum(qty_ordered) FROM line_facts").fetchone()
""",
    "scan_columns": _PRELUDE + """
from bench.bench_scorecard import SCAN_COLUMNS
with timed():
    con.execute(SCAN_COLUMNS, {"a": date_from, "b": as_of}).fetchone()
""",
    "one_supplier": _PRELUDE + """
from metrics import scorecard, scope
top = con.execute("SELECT supplier_id FROM line_facts GROUP BY 1 ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
with timed():
    frame = scorecard.scorecard(con, scope.Scope.make(date_from=date_from, date_to=as_of, as_of=as_of, supplier=top))
assert len(frame) == 1
""",
    "ledger": _PRELUDE + """
from metrics import ledger, scope
with timed():
    frame = ledger.ledger(con, scope.Scope.make(date_from=date_from, date_to=as_of, as_of=as_of))
assert len(frame) > 0
""",
}

BASELINES = {"scorecard": "pandas_way", "scorecard_warm": "pandas_way_warm", "scorecard_kpis": "pandas_way",
             "scorecard_lines": "scorecard", "bare_scan": "scorecard", "scan_columns": "scorecard",
             "one_supplier": "scan_columns", "ledger": "scan_columns"}

_COLUMNS = ("supplier_id, due_date, order_date, cancelled, qty_ordered, qty_filled, qty_delivered, "
            "qty_rejected, short_qty, is_on_time, is_otif, days_late, lead_time_days, "
            "shelf_checked_qty, short_shelf_qty, ordered_value, ref_value, penalty_due_capped")


# The floor for the scorecard's reading: every column it aggregates, summed over the window.
SCAN_COLUMNS = ("SELECT count(*), sum(is_on_time::INTEGER), sum(is_otif::INTEGER), sum(qty_filled), "
                "sum(qty_ordered), sum(days_late), sum(short_qty), sum(lead_time_days), "
                "sum(qty_rejected), sum(qty_delivered), sum(short_shelf_qty), sum(shelf_checked_qty), "
                "sum(ordered_value), sum(ref_value), sum(penalty_due_capped), count(supplier_id), "
                "count(item_group), count(due_month), count(unit_price) "
                "FROM line_facts WHERE NOT cancelled AND due_date BETWEEN $a AND $b")


def pandas_kpis(con, date_from, date_to, as_of):
    """The scorecard's delivery KPIs computed the pandas way: rows in, groupby there."""
    import numpy as np
    import pandas as pd
    df = con.cursor().sql(f"SELECT {_COLUMNS} FROM line_facts WHERE due_date BETWEEN $a AND $b",
                          params={"a": date_from, "b": date_to}).to_arrow_table().to_pandas(date_as_object=False)
    df = df[~df["cancelled"] & (df["due_date"] <= pd.Timestamp(as_of))].copy()
    overdue = (df["short_qty"] > 0) & (df["due_date"] < pd.Timestamp(as_of))
    df["overdue"] = overdue.astype(int)
    df["backlog"] = np.where(overdue, df["short_qty"], 0.0)
    df["on_time"] = df["is_on_time"].astype(int)
    df["otif"] = df["is_otif"].astype(int)
    df["priced_value"] = np.where(df["ref_value"].notna(), df["ordered_value"], np.nan)
    g = df.groupby("supplier_id", sort=True)
    out = pd.DataFrame({
        "lines": g.size(),
        "on_time_rate": g["on_time"].mean(),
        "otif_rate": g["otif"].mean(),
        "fill_rate": g["qty_filled"].sum() / g["qty_ordered"].sum(),
        "days_late_mean": g["days_late"].mean(),
        "days_late_p90": g["days_late"].quantile(0.9),
        "open_overdue_lines": g["overdue"].sum(),
        "backlog_qty": g["backlog"].sum(),
        "lead_time_median": g["lead_time_days"].median(),
        "rejection_rate": g["qty_rejected"].sum() / g["qty_delivered"].sum().replace(0, np.nan),
        "short_shelf_life_rate": g["short_shelf_qty"].sum() / g["shelf_checked_qty"].sum().replace(0, np.nan),
        "price_index": g["priced_value"].sum() / g["ref_value"].sum().replace(0, np.nan),
        "penalties_due": g["penalty_due_capped"].sum(),
    })
    out["undelivered_share"] = 1 - out["fill_rate"]
    out["non_compliant_rate"] = 1 - out["otif_rate"]
    return out.reset_index()


def run(sizes: list[int], repeat: int) -> list[dict]:
    from bench import common
    rows = []
    for lines in sizes:
        path = str(common.demo_db(lines))
        # in rounds: the scorecard and the pandas way see the same drift of a shared machine
        rows += common.measure_interleaved([(case, [sys.executable, "-c", code, path], BASELINES.get(case))
                                            for case, code in CASES.items()], lines=lines, repeat=repeat)
    return common.ratios(rows)
