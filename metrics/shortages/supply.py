"""Item-month supply, the shortage trend and the headline figure (METRICS.md "Shortages").

Which fill rate decides "short": `fill_rate` = Σ min(accepted by as_of, q) / Σ q over the
item's lines due that month — the fill_rate KPI of METRICS.md, and 1 − the government's
"share of contracted pieces not delivered". A shortage is pieces that did not arrive;
pieces that arrived late are a delivery-performance problem (OTIF, days late) and show in
`fill_rate_by_due` (accepted by the due date + grace, excused delays counted on time, as
in OTIF) beside it. See docs/shortages.md for why (and the price: a month's verdict can
still improve while late deliveries arrive).
"""
from __future__ import annotations

import pandas as pd

from metrics.exceptions import InvalidFilter
from metrics.shortages.common import DIMENSIONS, add_names, parse_by, row_sql, run

TREND_DIMENSIONS = ("month", "group", "institution", "state", "unit")


def supply(con, scope=None, settings=None, by=("item", "month")) -> pd.DataFrame:
    """Supply per grouping of item, month, group, institution, state, unit.

    Columns: the grouping ids (+ description / institution_name / unit_name), lines,
    qty_ordered, qty_accepted (by as_of), qty_accepted_by_due, fill_rate (by as_of),
    fill_rate_by_due, undelivered_qty (by as_of), short (the row's own fill_rate <
    shortage_threshold), and counts of short cells: an item-month (within
    the row's other dimensions) is the unit that is short or not —
    by item and month: just `short`; by item: months, short_months; by month (no item):
    items, short_items; by neither: item_months, short_item_months, items, short_items
    (items short in at least one month of the row). Rows exist only where >= 1 evaluable
    line exists, so an item never ordered is never short.
    """
    keys = parse_by(by)
    cell_columns = [DIMENSIONS[k] for k in keys if k not in ("item", "month")]
    has_item, has_month = "item" in keys, "month" in keys
    if has_item and has_month:   # the cells themselves
        frame, _ = run(con, scope, settings, "supply_cells", cell_columns=cell_columns)
        ids = [DIMENSIONS[k] for k in keys]
        frame = frame[ids + [c for c in frame.columns if c not in ids]]
        return add_names(con, frame, keys)
    replace = row_sql([DIMENSIONS[k] for k in keys])
    replace["__ITEMS__"] = "count(*)" if has_month else "count(DISTINCT item_code)"
    frame, _ = run(con, scope, settings, "supply", cell_columns=cell_columns, replace=replace)
    if has_item:
        frame = frame.drop(columns=["items", "short_items"]).rename(
            columns={"cells": "months", "short_cells": "short_months"})
    elif has_month:
        frame = frame.drop(columns=["cells", "short_cells"])
    else:
        frame = frame.rename(columns={"cells": "item_months", "short_cells": "short_item_months"})
    return add_names(con, frame, keys)


def trend(con, scope=None, settings=None, by: str = "month") -> pd.DataFrame:
    """Short items per month (by="month"), or per month and group / institution / state /
    unit: items (with >= 1 evaluable line), short_items, short_share, with the supply
    totals. Within an institution, state or unit an item is short when its fill rate there
    is below the threshold."""
    dims = parse_by(by, {k: DIMENSIONS[k] for k in TREND_DIMENSIONS}, name="trend by") or ("month",)
    if len(dims) != 1:
        raise InvalidFilter(f"trend by: one of {', '.join(TREND_DIMENSIONS)} (got {', '.join(dims)})")
    (dim,) = dims
    keys = ("month",) if dim == "month" else (dim, "month")
    frame = supply(con, scope, settings, by=keys)
    frame["short_share"] = frame["short_items"] / frame["items"]
    lead = [c for c in frame.columns if c not in ("items", "short_items", "short_share", "short")]
    ids = lead[: lead.index("lines")]
    return frame[ids + ["items", "short_items", "short_share", "lines", "qty_ordered",
                        "fill_rate", "fill_rate_by_due", "undelivered_qty"]]


def headline(con, scope=None, settings=None) -> pd.DataFrame:
    """One row: the government's headline — pieces contracted (in evaluable lines) and not
    delivered by as_of, as quantity and share (= 1 − fill rate) — and the short items now
    (short in the latest month of the scope that has evaluable lines)."""
    frame, resolved = run(con, scope, settings, "headline")
    frame.insert(0, "as_of", pd.Timestamp(resolved.as_of))
    frame.insert(1, "date_from", pd.Timestamp(resolved.scope.date_from) if resolved.scope.date_from else pd.NaT)
    frame.insert(2, "date_to", pd.Timestamp(resolved.scope.date_to) if resolved.scope.date_to else pd.NaT)
    frame["short_share_now"] = (frame["short_items_now"] / frame["items_latest_month"]
                                if int(frame["items_latest_month"].iloc[0]) else float("nan"))
    if int(frame["lines"].iloc[0]) == 0:
        frame.attrs["reason"] = "no evaluable order lines in this scope"
    return frame
