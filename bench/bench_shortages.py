"""Shortage views: each view (DuckDB over line_facts) vs the pandas way (read the line
facts it needs into pandas, compute the same thing) and vs a bare scan of line_facts, on
the same demo file in the same run. Every case is a subprocess that opens the database,
so `startup` (import + open, no query) is measured too: a view's own time is its median
minus startup's.

Contract: bench/BENCH_API (NAME, run(sizes, repeat) -> rows); bench/common.py provides
demo_db, measure, ratios, report.
"""
from __future__ import annotations

import sys

from bench import common

NAME = "shortages"

_OPEN = """
import sys
from metrics import store, shortages
from metrics.scope import Scope
con = store.connect_read(sys.argv[1])
scope = Scope()
"""

# view -> call (DuckDB); every one returns a small frame
VIEWS = {
    "supply_item_month": "shortages.supply(con, scope, by=('item', 'month'))",
    "supply_month": "shortages.supply(con, scope, by='month')",
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

# The pandas way: every evaluable line's facts into a DataFrame, then groupby.
_PANDAS_LINES = """
import numpy as np, pandas as pd
as_of = con.execute("SELECT max_delivered FROM facts_meta").fetchone()[0]
f = con.execute("SELECT item_code, supplier_id, state, due_month, qty_ordered, qty_accepted, "
                "qty_accepted_by_due FROM line_facts WHERE NOT cancelled AND due_date <= $a",
                {"a": as_of}).df()
f["acc"] = np.minimum(f["qty_accepted"], f["qty_ordered"])
f["acc_due"] = np.minimum(f["qty_accepted_by_due"], f["qty_ordered"])
cells = f.groupby(["item_code", "due_month"], as_index=False)[["qty_ordered", "acc", "acc_due"]].sum()
cells["fill_rate"] = cells["acc"] / cells["qty_ordered"]
cells["short"] = cells["fill_rate"] < 0.9 - 1e-9
"""

PANDAS = {
    "supply_item_month": "",
    "supply_month": "cells.groupby('due_month').agg(items=('item_code', 'size'), short_items=('short', 'sum'))",
    "headline": "(f['qty_ordered'].sum() - f['acc'].sum(), cells['short'].sum())",
    "episodes": """
s = cells[cells['short']].sort_values(['item_code', 'due_month']).copy()
idx = s['due_month'].dt.year * 12 + s['due_month'].dt.month
s['run'] = idx - s.groupby('item_code').cumcount()
s['und'] = s['qty_ordered'] - s['acc']
s.groupby(['item_code', 'run']).agg(start=('due_month', 'min'), end=('due_month', 'max'),
                                    months=('due_month', 'size'), und=('und', 'sum'))
""",
    "attribution": """
short = cells.loc[cells['short'], ['item_code', 'due_month']]
l = f[f['acc'] < f['qty_ordered']].merge(short, on=['item_code', 'due_month'])
l['und'] = l['qty_ordered'] - l['acc']
a = l.groupby(['item_code', 'due_month', 'supplier_id'], as_index=False)['und'].sum()
a['share'] = a['und'] / a.groupby(['item_code', 'due_month'])['und'].transform('sum')
""",
    "contribution": """
short = cells.loc[cells['short'], ['item_code', 'due_month']]
l = f[f['acc'] < f['qty_ordered']].merge(short, on=['item_code', 'due_month'])
l['und'] = l['qty_ordered'] - l['acc']
c = l.groupby('supplier_id')['und'].sum(); c / c.sum()
""",
    "concentration": """
s = f.groupby(['item_code', 'supplier_id'], as_index=False)['qty_accepted'].sum()
s['share'] = s['qty_accepted'] / s.groupby('item_code')['qty_accepted'].transform('sum')
s['sq'] = s['share'] ** 2
s.groupby('item_code').agg(hhi=('sq', 'sum'), top=('share', 'max'))
""",
    "trend_state": """
c2 = f.groupby(['item_code', 'state', 'due_month'], as_index=False)[['qty_ordered', 'acc']].sum()
c2['short'] = c2['acc'] / c2['qty_ordered'] < 0.9 - 1e-9
c2.groupby(['state', 'due_month']).agg(items=('item_code', 'size'), short_items=('short', 'sum'))
""",
    "worsening": """
from metrics import stats
c = cells[cells['due_month'] > cells['due_month'].max() - pd.DateOffset(months=12)].copy()
c['pct'] = 100 * c['fill_rate']
stats.trends(c, 'item_code', 'due_month', 'pct', last=12)
""",
}

BARE_SCAN = "con.execute('SELECT sum(qty_ordered) FROM line_facts').fetchone()"


def _argv(body: str, path) -> list[str]:
    return [sys.executable, "-c", _OPEN + body, str(path)]


def run(sizes: list[int], repeat: int) -> list[dict]:
    rows = []
    for lines in sizes:
        path = common.demo_db(lines)
        rows.append(common.measure("startup", _argv("pass", path), lines=lines, repeat=repeat))
        rows.append(common.measure("bare_scan", _argv(BARE_SCAN, path), lines=lines, repeat=repeat,
                                   baseline="startup"))
        for view, call in VIEWS.items():
            rows.append(common.measure(view, _argv(call, path), lines=lines, repeat=repeat,
                                       baseline="bare_scan"))
            if view in PANDAS:
                rows.append(common.measure(f"{view}_pandas", _argv(_PANDAS_LINES + PANDAS[view], path),
                                           lines=lines, repeat=repeat, baseline=view))
    return common.ratios(rows)
