"""The supplier rollup: the scorecard's additive sums and histograms of days late and lead
time per (supplier, item group, due date) and per (supplier, item group, due month), over
non-cancelled lines (tables in migrations/007_rollup_supplier_days.sql, SQL in
metrics/sql/rollups/supplier_*.sql).

Every scorecard KPI filters lines by due date only (window, due_date <= as_of, and
due_date < as_of for open overdue), so a window is exactly: the whole months inside it from
the month tables plus its partial edge months from the day tables (both sorted by date, so
a window prunes). Quantiles come from the summed histograms (kpis/rollup_quantiles.sql),
equal to DuckDB's quantile_cont over the lines.

Readers ask `serves(con, resolved, groups)` first: the rollup is exact when line facts are
the stored table (as_of on or after the latest delivery, the stored grace), the scope's
filters are among (supplier, item_group) and the grouping among (supplier, item_group,
month). Everything else reads line_facts as before.
"""
from __future__ import annotations

from datetime import date, timedelta

from metrics import sqlfiles

# table -> (refresh SQL, sort columns of a full rebuild); in dependency order
_TABLES = {
    "rollup_supplier_days": ("rollups/supplier_days.sql", "due_date, supplier_id"),
    "rollup_supplier_months": ("rollups/supplier_months.sql", "due_month, supplier_id"),
    "rollup_supplier_hist_days": ("rollups/supplier_hist_days.sql", "due_date, supplier_id"),
    "rollup_supplier_hist_months": ("rollups/supplier_hist_months.sql", "due_month, supplier_id"),
}
_TOUCHED = "supplier_id IN (SELECT supplier_id FROM touched_keys)"

FILTERS = frozenset({"supplier", "item_group"})     # scope filters the rollup can apply
GROUPS = frozenset({"supplier", "item_group", "month"})

_FIRST = date(1, 1, 1)
_EMPTY = (date(9999, 12, 31), _FIRST)               # a BETWEEN range no date falls in


def refresh(con, incremental: bool = False) -> None:
    """Rebuild the rollup from line_facts: only the suppliers in touched_keys when
    incremental (their rows are appended, so they sit outside the date order until the
    next full rebuild re-sorts), else everything, sorted by date."""
    con.execute(sqlfiles.load("rollups/supplier_keys.sql").replace(
        "__KEYS_FROM__", "touched_keys" if incremental else "line_facts"))
    for table, (name, order) in _TABLES.items():
        text = sqlfiles.load(name)
        if incremental:
            con.execute(f"DELETE FROM {table} WHERE {_TOUCHED}")
            con.execute(f"INSERT INTO {table} BY NAME {text.replace('__SUPPLIERS__', _TOUCHED)}")
        else:
            con.execute(f"DELETE FROM {table}")
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM ({text.replace('__SUPPLIERS__', 'TRUE')}) "
                        f"ORDER BY {order}")


def _line_facts_is_table(con) -> bool:
    # a database whose line_facts is a view (Parquet history, bench/parquet_history.py) may
    # hold rollup tables copied from another file: they say nothing about its lines
    return con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'line_facts' "
                       "AND schema_name = 'main' AND database_name = current_database() "
                       "AND NOT temporary").fetchone()[0] > 0


def serves(con, resolved, groups: tuple[str, ...] = ()) -> bool:
    """Whether the rollup gives exactly what line_facts gives for this scope and grouping."""
    return (resolved.source == "line_facts"
            and set(resolved.scope.active_filters()) <= FILTERS
            and set(groups) <= GROUPS
            and _line_facts_is_table(con))


def _month_start(d: date) -> date:
    return d.replace(day=1)


def _next_month(d: date) -> date:
    return (d.replace(day=28) + timedelta(days=4)).replace(day=1)


def window_params(resolved) -> dict:
    """$m_lo..$m_hi: the whole months to read from the month tables; $d1_lo..$d1_hi and
    $d2_lo..$d2_hi: the days of the partial first and last months (empty ranges when none).

    A month is whole when it starts on or after date_from, ends on or before date_to, and
    ends before as_of (so every line in it is evaluable and, if short, open overdue)."""
    as_of = resolved.as_of
    lo = resolved.scope.date_from or _FIRST
    upper = min(as_of, resolved.scope.date_to) if resolved.scope.date_to else as_of
    out = {"m_lo": _EMPTY[0], "m_hi": _EMPTY[1], "d1_lo": _EMPTY[0], "d1_hi": _EMPTY[1],
           "d2_lo": _EMPTY[0], "d2_hi": _EMPTY[1], "as_of": as_of}
    if lo > upper:
        return out
    first = lo if lo.day == 1 else _next_month(lo)
    end = upper if upper < as_of else as_of - timedelta(days=1)   # a whole month ends by here
    last = _month_start(end) if _next_month(end) - timedelta(days=1) == end else \
        _month_start(_month_start(end) - timedelta(days=1))
    if first > last:                       # no whole month: every day from the day tables
        out.update(d1_lo=lo, d1_hi=upper)
        return out
    out.update(m_lo=first, m_hi=last)
    if lo < first:
        out.update(d1_lo=lo, d1_hi=first - timedelta(days=1))
    after = _next_month(last)
    if after <= upper:
        out.update(d2_lo=after, d2_hi=upper)
    return out
