"""The supplier rollup: the scorecard's additive sums and histograms of days late and lead
time per (supplier, item group, due date) and per (supplier, item group, due month), over
non-cancelled lines (tables in migrations/007_rollup_supplier_days.sql, SQL in
metrics/sql/rollups/supplier_*.sql); and the same by institution (migration 009): per
(supplier, item group, institution, due month) for every month, and per due date only for the
months from the latest delivery's month on (by day over all months it would be ~4M rows at
10M lines).

Every scorecard KPI filters lines by due date only (window, due_date <= as_of, and
due_date < as_of for open overdue), so a window is exactly: the whole months inside it from
the month tables plus its partial edge months from the day tables (both sorted by date, so
a window prunes). Quantiles come from the summed histograms (kpis/rollup_quantiles.sql),
equal to DuckDB's quantile_cont over the lines.

Readers ask `serves(con, resolved, groups)` first: the rollup is exact when line facts are
the stored table (as_of on or after the latest delivery, the stored grace), the scope's
filters are among (supplier, item_group, institution) and the grouping among (supplier,
item_group, month, institution); with an institution filter or grouping, only when the
window's partial months are all in the institution day tables (the month holding as_of
always is; a mid-month date_from or date_to before the latest delivery's month is not, and
such a scope reads line_facts). `tables(resolved, groups)` names the tables a served scope
reads. Everything else reads line_facts as before.
"""
from __future__ import annotations

from datetime import date, timedelta

from metrics import rollups, sqlfiles

_DAY = "due_date, any_value(due_month) AS due_month"          # __KEYS__ of the row grains
_INST_DAY = "institution_id, due_date, any_value(due_month) AS due_month"
_INST_MONTH = "institution_id, due_month"
_DAY_ORDER, _MONTH_ORDER = "due_date, supplier_id", "due_month, supplier_id"
_INST_DAY_ORDER = "institution_id, due_date, supplier_id"    # one institution's rows prune
_INST_MONTH_ORDER = "institution_id, due_month, supplier_id"

# table -> (refresh SQL, __KEYS__, sort columns of a full rebuild); in dependency order.
# Every month of line_facts:
# (the month tables are summed from the institution month tables: fewer rows than the days)
_TABLES = {
    "rollup_supplier_days": ("rollups/supplier_days.sql", _DAY, _DAY_ORDER),
    "rollup_supplier_inst_months": ("rollups/supplier_days.sql", _INST_MONTH, _INST_MONTH_ORDER),
    "rollup_supplier_months": ("rollups/supplier_months.sql", None, _MONTH_ORDER),
    "rollup_supplier_hist_days": ("rollups/supplier_hist_days.sql", _DAY, _DAY_ORDER),
    "rollup_supplier_inst_hist_months": ("rollups/supplier_hist_days.sql", _INST_MONTH, _INST_MONTH_ORDER),
    "rollup_supplier_hist_months": ("rollups/supplier_hist_months.sql", None, _MONTH_ORDER),
}
# ... and only the due months from rollup_supplier_inst_from on:
_RECENT_TABLES = {
    "rollup_supplier_inst_days": ("rollups/supplier_days.sql", _INST_DAY, _INST_DAY_ORDER),
    "rollup_supplier_inst_hist_days": ("rollups/supplier_hist_days.sql", _INST_DAY, _INST_DAY_ORDER),
}
_RECENT_LINES = "due_month >= $recent_from"
_TOUCHED = f"supplier_id IN (SELECT supplier_id FROM touched_keys) AND {rollups.TOUCHED_MONTHS}"

FILTERS = frozenset({"supplier", "item_group", "institution"})   # scope filters it can apply
GROUPS = frozenset({"supplier", "item_group", "month", "institution"})



def _text(name: str, keys: str | None, suppliers: str, lines: str = "TRUE") -> str:
    text = sqlfiles.load(name).replace("__SUPPLIERS__", suppliers).replace("__LINES__", lines)
    return text.replace("__KEYS__", keys) if keys else text


def _fill(con, table: str, text: str, order: str, incremental: bool, params: dict | None = None) -> None:
    if incremental:
        con.execute(f"DELETE FROM {table} WHERE {_TOUCHED}")
        con.execute(f"INSERT INTO {table} BY NAME {text}", params)
    else:
        con.execute(f"DELETE FROM {table}")
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM ({text}) ORDER BY {order}", params)


def refresh(con, incremental: bool = False) -> None:
    """Rebuild the rollup from line_facts: only the suppliers in touched_keys, from the
    touched months on (rollups.TOUCHED_MONTHS), when incremental (their rows are appended,
    so they sit outside the sort order until the next full rebuild re-sorts), else
    everything, sorted. The institution day tables are rebuilt whole when the latest
    delivery's month moved."""
    con.execute(sqlfiles.load("rollups/supplier_keys.sql").replace(
        "__KEYS_FROM__", "touched_keys" if incremental else "line_facts"))
    suppliers = _TOUCHED if incremental else "TRUE"
    for table, (name, keys, order) in _TABLES.items():
        _fill(con, table, _text(name, keys, suppliers), order, incremental)
    recent = con.execute("SELECT coalesce(date_trunc('month', max(max_delivered))::DATE, DATE '0001-01-01') "
                         "FROM facts_meta").fetchone()[0]
    stored = con.execute("SELECT recent_from FROM rollup_supplier_inst_from").fetchone()
    same = incremental and stored is not None and stored[0] == recent
    for table, (name, keys, order) in _RECENT_TABLES.items():
        _fill(con, table, _text(name, keys, suppliers if same else "TRUE", _RECENT_LINES), order, same,
              {"recent_from": recent})
    if not same:
        con.execute("DELETE FROM rollup_supplier_inst_from")
        con.execute("INSERT INTO rollup_supplier_inst_from VALUES ($r)", {"r": recent})


def uses_institution(resolved, groups: tuple[str, ...] = ()) -> bool:
    """Whether a scope and grouping need the institution tables."""
    return "institution" in resolved.scope.active_filters() or "institution" in groups


def serves(con, resolved, groups: tuple[str, ...] = ()) -> bool:
    """Whether the rollup gives exactly what line_facts gives for this scope and grouping."""
    if not (set(resolved.scope.active_filters()) <= FILTERS and set(groups) <= GROUPS
            and rollups.exact(con, resolved)):
        return False
    if not uses_institution(resolved, groups):
        return True
    # the window's partial months must lie in the institution day tables
    row = con.execute("SELECT min(recent_from) FROM rollup_supplier_inst_from").fetchone()
    if row is None or row[0] is None:
        return False
    p = window_params(resolved)
    return all(p[f"{d}_lo"] > p[f"{d}_hi"] or p[f"{d}_lo"] >= row[0] for d in ("d1", "d2"))


def tables(resolved, groups: tuple[str, ...] = ()) -> dict[str, str]:
    """The tables a served scope reads: {months, days, hist_months, hist_days} -> name."""
    inst = "inst_" if uses_institution(resolved, groups) else ""
    return {"months": f"rollup_supplier_{inst}months", "days": f"rollup_supplier_{inst}days",
            "hist_months": f"rollup_supplier_{inst}hist_months",
            "hist_days": f"rollup_supplier_{inst}hist_days"}


def window_params(resolved) -> dict:
    """$m_lo..$m_hi: the whole months to read from the month tables; $d1_lo..$d1_hi and
    $d2_lo..$d2_hi: the days of the partial first and last months (empty ranges when none).

    A month is whole when it starts on or after date_from, ends on or before date_to, and
    ends before as_of (so every line in it is evaluable and, if short, open overdue)."""
    as_of = resolved.as_of
    lo = resolved.scope.date_from or rollups.FIRST
    upper = min(as_of, resolved.scope.date_to) if resolved.scope.date_to else as_of
    return {**rollups.split_window(lo, upper, as_of - timedelta(days=1)), "as_of": as_of}
