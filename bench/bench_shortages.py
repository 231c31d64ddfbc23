"""Shortage views benchmark (see /work/helpers/BENCH_API.md; run by `python -m bench`).

Cases, each a subprocess opening the same demo database, default scope (every due date up
to the latest delivery):
- startup            : import metrics and open the database, no query (timed by its
                       process wall time: the fixed cost every other case's process_s holds)
- bare_scan          : `SELECT sum(qty_ordered)` over line_facts — no baseline
- <view>             : each metrics.shortages view (supply by item × month and by month,
                       trend by month, group, institution and state, headline, episodes,
                       worsening, attribution, contribution, concentration, risk,
                       prescriptions, funnel), default scope, reading the item-month
                       rollup where it is exact (all of them here) — baseline bare_scan
                       (ratio: how many scans' worth a view costs)
- <view>_lines       : the same view made to read the lines (metrics.shortages.common.
                       USE_ROLLUP = False: how every view read before the rollup, and how
                       scopes the rollup cannot serve still read) — baseline the view
- <view>@<filter>    : the view with one common filter (the institution, state or item
                       group with the most lines), from the rollup — baseline bare_scan
- <view>_pandas      : the same figures the pandas way: the evaluable line facts read into
                       pandas (Arrow) and grouped there (functions below, checked equal to
                       the views by tests/shortages/test_shortages_bench.py) — baseline the
                       view, so ratio > 1 is how much slower pandas is
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

NAME = "shortages"
THRESHOLD = 0.90   # the default shortage_threshold (the bench uses default settings)

_OPEN = """
import sys
from bench.clock import timed
from metrics import store, shortages
from metrics.scope import Scope
con = store.connect_read(sys.argv[1])
scope = Scope()
"""

VIEWS = {
    "supply_item_month": "shortages.supply(con, scope, by=('item', 'month'))",
    "supply_month": "shortages.supply(con, scope, by='month')",
    "trend_month": "shortages.trend(con, scope, by='month')",
    "trend_group": "shortages.trend(con, scope, by='group')",
    "trend_institution": "shortages.trend(con, scope, by='institution')",
    "trend_state": "shortages.trend(con, scope, by='state')",
    "headline": "shortages.headline(con, scope)",
    "episodes": "shortages.episodes(con, scope)",
    "worsening": "shortages.worsening(con, scope)",
    "attribution": "shortages.attribution(con, scope)",
    "contribution": "shortages.supplier_contribution(con, scope)",
    "concentration": "shortages.concentration(con, scope)",
    "risk": "shortages.risk(con, scope)",
    "prescriptions": "shortages.prescriptions(con, scope, by=('month', 'state'))",
    "funnel": "shortages.funnel(con, scope)",
}

BARE_SCAN = "con.execute('SELECT sum(qty_ordered) FROM line_facts').fetchone()"
# the views that also run with one filter; filter -> line_facts column whose most frequent
# value the child picks (outside the timed part)
FILTERED_VIEWS = ("supply_item_month", "trend_institution", "trend_state", "headline", "episodes",
                  "worsening", "attribution", "contribution", "concentration", "risk")
FILTERS = {"institution": "institution_id", "state": "state", "item_group": "item_group"}
LINES_SETUP = "from metrics.shortages import common\ncommon.USE_ROLLUP = False"


def filter_setup(name: str) -> str:
    column = FILTERS[name]
    return (f"top = con.execute('SELECT {column} FROM line_facts GROUP BY 1 ORDER BY count(*) DESC LIMIT 1')"
            f".fetchone()[0]\nscope = Scope.make({name}=top)")


# ---------------------------------------------------------------- the pandas way

def pandas_lines(con) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(evaluable line facts, item-month cells) computed in pandas."""
    lines = con.sql(
        "SELECT item_code, supplier_id, state, due_month, qty_ordered, qty_accepted, "
        "qty_accepted_by_due FROM line_facts "
        "WHERE NOT cancelled AND due_date <= (SELECT max_delivered FROM facts_meta)"
    ).to_arrow_table().to_pandas(date_as_object=False)
    lines["acc"] = np.minimum(lines["qty_accepted"], lines["qty_ordered"])
    lines["acc_due"] = np.minimum(lines["qty_accepted_by_due"], lines["qty_ordered"])
    cells = lines.groupby(["item_code", "due_month"], as_index=False)[["qty_ordered", "acc", "acc_due"]].sum()
    cells["fill_rate"] = cells["acc"] / cells["qty_ordered"]
    cells["short"] = cells["fill_rate"] < THRESHOLD - 1e-9
    return lines, cells


def pandas_supply_item_month(con) -> pd.DataFrame:
    return pandas_lines(con)[1]


def pandas_supply_month(con) -> pd.DataFrame:
    cells = pandas_lines(con)[1]
    return cells.groupby("due_month", as_index=False).agg(items=("item_code", "size"),
                                                         short_items=("short", "sum"))


def pandas_trend_state(con) -> pd.DataFrame:
    lines = pandas_lines(con)[0]
    c = lines.groupby(["state", "due_month", "item_code"], as_index=False)[["qty_ordered", "acc"]].sum()
    c["short"] = c["acc"] / c["qty_ordered"] < THRESHOLD - 1e-9
    return c.groupby(["state", "due_month"], as_index=False).agg(items=("item_code", "size"),
                                                               short_items=("short", "sum"))


def pandas_headline(con) -> dict:
    lines, cells = pandas_lines(con)
    latest = cells["due_month"].max()
    return {"qty_undelivered": lines["qty_ordered"].sum() - lines["acc"].sum(),
            "short_item_months": int(cells["short"].sum()),
            "short_items_now": int(cells.loc[cells["due_month"] == latest, "short"].sum())}


def pandas_episodes(con) -> pd.DataFrame:
    cells = pandas_lines(con)[1]
    s = cells[cells["short"]].sort_values(["item_code", "due_month"]).copy()
    s["run"] = s["due_month"].dt.year * 12 + s["due_month"].dt.month - s.groupby("item_code").cumcount()
    s["undelivered"] = s["qty_ordered"] - s["acc"]
    return s.groupby(["item_code", "run"], as_index=False).agg(
        start_month=("due_month", "min"), end_month=("due_month", "max"),
        months=("due_month", "size"), undelivered_qty=("undelivered", "sum"))


def _short_lines(con) -> pd.DataFrame:
    lines, cells = pandas_lines(con)
    short = cells.loc[cells["short"], ["item_code", "due_month"]]
    out = lines[lines["acc"] < lines["qty_ordered"]].merge(short, on=["item_code", "due_month"])
    out["undelivered"] = out["qty_ordered"] - out["acc"]
    return out


def pandas_attribution(con) -> pd.DataFrame:
    a = _short_lines(con).groupby(["item_code", "due_month", "supplier_id"], as_index=False)["undelivered"].sum()
    a["share"] = a["undelivered"] / a.groupby(["item_code", "due_month"])["undelivered"].transform("sum")
    return a


def pandas_contribution(con) -> pd.DataFrame:
    c = _short_lines(con).groupby("supplier_id", as_index=False)["undelivered"].sum()
    c["shortage_contribution"] = c["undelivered"] / c["undelivered"].sum()
    return c


def pandas_concentration(con) -> pd.DataFrame:
    lines = pandas_lines(con)[0]
    s = lines.groupby(["item_code", "supplier_id"], as_index=False)["qty_accepted"].sum()
    s["share"] = s["qty_accepted"] / s.groupby("item_code")["qty_accepted"].transform("sum")
    s["sq"] = s["share"] ** 2
    out = s.groupby("item_code", as_index=False).agg(hhi=("sq", "sum"), top_share=("share", "max"))
    out["hhi"] = (10_000 * out["hhi"]).where(out["top_share"].notna())   # nothing accepted: no HHI
    return out


def pandas_worsening(con, months: int = 12) -> pd.DataFrame:
    from metrics import stats
    cells = pandas_lines(con)[1]
    since = cells["due_month"].max() - pd.DateOffset(months=months - 1)
    recent = cells[cells["due_month"] >= since].copy()
    recent["fill_pct"] = 100 * recent["fill_rate"]
    return stats.trends(recent, "item_code", "due_month", "fill_pct", last=months)


PANDAS = {
    "supply_item_month": pandas_supply_item_month,
    "supply_month": pandas_supply_month,
    "trend_state": pandas_trend_state,
    "headline": pandas_headline,
    "episodes": pandas_episodes,
    "worsening": pandas_worsening,
    "attribution": pandas_attribution,
    "contribution": pandas_contribution,
    "concentration": pandas_concentration,
}


# ---------------------------------------------------------------- the run

def _argv(body: str, path, setup: str = "", timed: bool = True) -> list[str]:
    """A child that opens the database, runs setup, then times body (bench.clock)."""
    code = _OPEN + setup + "\n" + (f"with timed():\n    {body}\n" if timed else body + "\n")
    return [sys.executable, "-c", code, str(path), str(Path(__file__).resolve().parent)]


def run(sizes: list[int], repeat: int) -> list[dict]:
    from bench.common import demo_db, measure, ratios
    rows = []
    for lines in sizes:
        path = demo_db(lines)
        rows.append(measure("startup", _argv("pass", path, timed=False), lines=lines, repeat=repeat))
        rows.append(measure("bare_scan", _argv(BARE_SCAN, path), lines=lines, repeat=repeat))
        for view, call in VIEWS.items():
            rows.append(measure(view, _argv(f"frame = {call}", path), lines=lines, repeat=repeat,
                                baseline="bare_scan"))
            if view not in ("prescriptions", "funnel"):   # these read their own tables
                rows.append(measure(f"{view}_lines", _argv(f"frame = {call}", path, LINES_SETUP),
                                    lines=lines, repeat=repeat, baseline=view))
            if view in PANDAS:
                setup = "from bench import bench_shortages\nimport pyarrow"
                rows.append(measure(f"{view}_pandas",
                                    _argv(f"bench_shortages.PANDAS[{view!r}](con)", path, setup),
                                    lines=lines, repeat=repeat, baseline=view))
        for view in FILTERED_VIEWS:
            for name in FILTERS:
                rows.append(measure(f"{view}@{name}", _argv(f"frame = {VIEWS[view]}", path, filter_setup(name)),
                                    lines=lines, repeat=repeat, baseline="bare_scan"))
    return ratios(rows)
