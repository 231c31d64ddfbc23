"""Pre-aggregated tables kept exact with line_facts, so that the common views read
thousands of rows instead of millions (issue #8).

Each rollup module has `refresh(con, incremental: bool)`. facts.refresh calls `refresh`
below after it has rewritten line facts. When incremental, the temp table `touched_keys`
(supplier_id, item_code, due_from) holds the keys of every line-facts row that was removed
or written by that refresh (old and new values) and the earliest due date among them, so a
rollup can rebuild only those keys' rows of the due months from TOUCHED_MONTHS on (every
rollup row is a sum over the lines of one due month or day: the earlier months' rows are
unchanged); otherwise it rebuilds everything. A rollup is exact exactly when line_facts is
(facts.source returns "line_facts").
"""
from __future__ import annotations

import importlib
from datetime import date, timedelta

# rollup modules, refreshed in this order
MODULES: tuple[str, ...] = ("supplier_days", "item_months", "penalty_months")

# the due months an incremental refresh rebuilds (of the keys in touched_keys): from the
# earliest touched line's month on (a monthly batch: its own months, not the whole history)
TOUCHED_MONTHS = "due_month >= (SELECT date_trunc('month', min(due_from))::DATE FROM touched_keys)"

FIRST = date(1, 1, 1)
EMPTY = (date.max, FIRST)               # a BETWEEN range no date falls in


def exact(con, resolved) -> bool:
    """Whether the rollups give exactly what line_facts gives for this resolved scope: the
    stored facts apply (facts.source) and line_facts is a stored table, not a view over
    Parquet history (bench/parquet_history.py attaches the rollup tables empty there)."""
    from metrics import facts    # facts imports this package
    return resolved.source == "line_facts" and facts.is_table(con, "line_facts")


def refresh(con, incremental: bool = False, modules=MODULES) -> None:
    """Refresh `modules` (by default every rollup), in MODULES' order."""
    for name in modules:
        importlib.import_module(f"metrics.rollups.{name}").refresh(con, incremental)


def _next_month(d: date) -> date:
    """The first day of the month after d's (date.max past the last month there is)."""
    return date.max if d >= date(9999, 12, 1) else (d.replace(day=28) + timedelta(days=4)).replace(day=1)


def split_window(lo: date, hi: date, whole_by: date) -> dict:
    """A window of days [lo, hi] as a month table and a day table read it: $m_lo..$m_hi, its
    whole months (those inside it that end by whole_by); $d1_lo..$d1_hi and $d2_lo..$d2_hi,
    its days before and after them (empty ranges when none; all its days in d1 when it holds
    no whole month)."""
    out = {"m_lo": EMPTY[0], "m_hi": EMPTY[1], "d1_lo": EMPTY[0], "d1_hi": EMPTY[1],
           "d2_lo": EMPTY[0], "d2_hi": EMPTY[1]}
    if lo > hi:
        return out
    first = lo if lo.day == 1 else _next_month(lo)
    end = min(hi, whole_by)
    month_end = end == date.max or (end + timedelta(days=1)).day == 1
    last = end.replace(day=1) if month_end else (end.replace(day=1) - timedelta(days=1)).replace(day=1)
    if first > last:                       # no whole month: every day from the day tables
        out.update(d1_lo=lo, d1_hi=hi)
        return out
    out.update(m_lo=first, m_hi=last)
    if lo < first:
        out.update(d1_lo=lo, d1_hi=first - timedelta(days=1))
    after = _next_month(last)
    if after <= hi and last < date(9999, 12, 1):
        out.update(d2_lo=after, d2_hi=hi)
    return out
