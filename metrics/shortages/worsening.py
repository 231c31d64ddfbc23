"""Worsening and improving items (METRICS.md "Shortages", worsening items): Mann–Kendall
and Theil–Sen (metrics.stats.trends) over each item's monthly fill rate — the one that
decides "short" (accepted by as_of / ordered), in points (0–100) so the slope reads as
points per month — in
the last `trend_months` months of the scope (ending at its latest month with lines).
Worsening: tau < 0 and p < trend_alpha; improving: tau > 0 and p < trend_alpha. Months in
which the item had no evaluable line are missing values, not zeros.
"""
from __future__ import annotations

import pandas as pd

from metrics import stats
from metrics.shortages.common import add_names, run, settings_or_default

STATUS = {"declining": "worsening", "improving": "improving", "stable": "stable"}
_ORDER = {"worsening": 0, "improving": 1, "stable": 2}


def worsening(con, scope=None, settings=None) -> pd.DataFrame:
    """One row per item with lines in the trend window: item_code, description, months
    (with lines), short_months, mean_fill_rate, latest_month, latest_fill_rate, tau,
    trend_p, trend_slope (fill-rate points per month), status (worsening / improving /
    stable, None with fewer than 3 months). Worsening first, steepest decline first."""
    settings = settings_or_default(settings)
    latest, _ = run(con, scope, settings, "latest_month")
    last = latest["latest_month"].iloc[0]
    since = None if pd.isna(last) else (pd.Timestamp(last) - pd.DateOffset(months=int(settings.trend_months) - 1)).date()
    long, _ = run(con, scope, settings, "monthly_fill", {"since": since})
    long["fill_pct"] = 100.0 * long["fill_rate"]
    trend = stats.trends(long, "item_code", "month", "fill_pct",
                         alpha=settings.trend_alpha, last=settings.trend_months)
    summary = long.groupby("item_code", sort=False).agg(
        short_months=("short", "sum"), qty_ordered=("qty_ordered", "sum"),
        mean_fill_rate=("fill_rate", "mean"), latest_month=("month", "max"),
        latest_fill_rate=("fill_rate", "last")).reset_index()
    frame = summary.merge(trend.rename(columns={"n_periods": "months"}), on="item_code", how="left")
    frame["status"] = frame["trend"].map(STATUS).astype(object)
    frame["status"] = frame["status"].where(frame["status"].notna(), None)
    frame["_order"] = frame["status"].map(_ORDER).fillna(3)
    frame = (frame.sort_values(["_order", "trend_slope", "item_code"], na_position="last")
             .drop(columns=["_order", "trend"]).reset_index(drop=True))
    frame = frame[["item_code", "status", "months", "short_months", "mean_fill_rate", "latest_month",
                   "latest_fill_rate", "tau", "trend_p", "trend_slope", "qty_ordered"]]
    frame["short_months"] = frame["short_months"].astype("int64")
    frame.attrs.update(long.attrs)
    return add_names(con, frame, ("item",))
