"""Pre-aggregated tables kept exact with line_facts, so that the common views read
thousands of rows instead of millions (issue #8).

Each rollup module has `refresh(con, incremental: bool)`. facts.refresh calls `refresh`
below after it has rewritten line facts. When incremental, the temp table `touched_keys`
(supplier_id, item_code) holds the keys of every line-facts row that was removed or
written by that refresh (old and new values), so a rollup can rebuild only those keys;
otherwise it rebuilds everything. A rollup is exact exactly when line_facts is
(facts.source returns "line_facts").
"""
from __future__ import annotations

import importlib
from datetime import date

# rollup modules, refreshed in this order
MODULES: tuple[str, ...] = ("supplier_days", "item_months")

# A full rebuild groups the biggest tables' lines a due-month range of about this many lines
# at a time (month_ranges): one statement over 10M lines builds a hash table (or sort) that
# outgrows the importer's 1.2 GB memory cap and spills; 3M lines in one statement run under it
# at full speed, so 10M lines go in 3 ranges (many small ranges cost more than they save:
# every range scans line_facts again). With the ranges in order, a table sorted by due date
# comes out in the same order.
RANGE_LINES = 3_500_000
# the lines of one range ($lo, $hi, $nulls of month_ranges); a fixed text
IN_RANGE = "(due_month >= $lo AND due_month < $hi OR ($nulls AND due_month IS NULL))"
_FIRST, _END = date(1, 1, 1), date(9999, 12, 31)


def exact(con, resolved) -> bool:
    """Whether the rollups give exactly what line_facts gives for this resolved scope: the
    stored facts apply (facts.source) and line_facts is a stored table, not a view over
    Parquet history (bench/parquet_history.py attaches the rollup tables empty there)."""
    from metrics import facts    # facts imports this package
    return resolved.source == "line_facts" and facts.is_table(con, "line_facts")


def month_ranges(con, since: date | None = None) -> list[dict]:
    """Consecutive due-month ranges {lo, hi (excluded), nulls} of about RANGE_LINES lines
    each, in order, that together hold every line due from `since` on (or every line: the
    first range then also takes the lines without a due month)."""
    months = con.execute("SELECT due_month, count(*) FROM line_facts WHERE due_month >= $since "
                         "GROUP BY ALL ORDER BY due_month", {"since": since or _FIRST}).fetchall()
    starts, lines = [since or _FIRST], 0
    for month, n in months:
        if lines and lines + n > RANGE_LINES:
            starts.append(month)
            lines = 0
        lines += n
    ends = starts[1:] + [_END]
    return [{"lo": lo, "hi": hi, "nulls": since is None and i == 0} for i, (lo, hi) in enumerate(zip(starts, ends))]


def refresh(con, incremental: bool = False, modules=MODULES) -> None:
    """Refresh `modules` (by default every rollup), in MODULES' order."""
    for name in modules:
        importlib.import_module(f"metrics.rollups.{name}").refresh(con, incremental)
