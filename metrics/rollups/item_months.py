"""rollup_item_months: line_facts summed per item and due month at a few grains (by
institution, by state, by supplier, ...), what the shortage views read instead of the lines
when it is exact (metrics/shortages/common.py decides). Schema and meaning:
metrics/sql/migrations/008_rollup_item_months.sql; rows: metrics/sql/rollups/item_months.sql
(the grains by supplier and institution or state, from the lines) and item_months_summed.sql
(the coarser grains, from those rows).

Beside it, rollup_recent_lines: a copy of the lines due from RECENT_MONTHS months before the
month of the latest delivery on (that first month in rollup_recent_from), sorted by due
month: it holds the month an exact scope's as_of cuts and the month a one-year window
(the scorecard's default) starts in, so that a view reads those months' lines from a few
row groups rather than scanning all of line_facts (sorted by supplier) for them.

Maintained by `refresh(con, incremental)` at every line-facts refresh (metrics.rollups):
every row of an item and month depends on all its lines of that month (grains without the
supplier sum over suppliers), so an incremental refresh rebuilds the rows of each item in
touched_keys from the touched months on (rollups.TOUCHED_MONTHS), and all the recent lines
when the month of the latest delivery moved.
"""
from __future__ import annotations

from metrics import rollups, sqlfiles

TABLE = "rollup_item_months"
RECENT = "rollup_recent_lines"
# months before the latest delivery's month that rollup_recent_lines also holds: a
# one-year window ending in that month starts 12 months before it
RECENT_MONTHS = 12
# the grains stored: the columns (besides item_code, item_group, due_month) a row is by
DIMENSIONS = ("supplier_id", "institution_id", "state")   # GROUPING() argument order
GRAINS: tuple[frozenset[str], ...] = (
    frozenset(), frozenset({"institution_id"}), frozenset({"state"}), frozenset({"supplier_id"}),
    frozenset({"supplier_id", "institution_id"}), frozenset({"supplier_id", "state"}),
)


def grain(dims) -> int | None:
    """The `grain` value of rows by exactly these columns (as GROUPING(supplier_id,
    institution_id, state) would give: a bit set for each column summed over), or None
    when no such grain is stored."""
    dims = frozenset(dims)
    if dims not in GRAINS:
        return None
    return sum(1 << (len(DIMENSIONS) - 1 - i) for i, d in enumerate(DIMENSIONS) if d not in dims)


def _rows(name: str, item_filter: str, dims=frozenset()) -> str:
    text = sqlfiles.load(f"rollups/{name}.sql").replace("__ITEM_FILTER__", item_filter)
    for column in DIMENSIONS:
        text = text.replace(f"__{column.upper()}__", column if column in dims else "NULL::VARCHAR")
    return text


# How each grain is built, in this order: the two finest grouped from the lines (None), each
# other one summed from a stored grain with one more column (cheaper: grouping cost goes with
# the rows grouped, and the finer grain has far fewer rows than the lines).
_BUILD: tuple[tuple[frozenset[str], frozenset[str] | None], ...] = (
    (frozenset({"supplier_id", "institution_id"}), None),
    (frozenset({"supplier_id", "state"}), None),
    (frozenset({"supplier_id"}), frozenset({"supplier_id", "institution_id"})),
    (frozenset({"institution_id"}), frozenset({"supplier_id", "institution_id"})),
    (frozenset({"state"}), frozenset({"supplier_id", "state"})),
    (frozenset(), frozenset({"supplier_id"})),
)


def _order(dims) -> str:
    """A grain's rows sorted by its institution or state, then due month: a filter on either,
    or a window of months, reads only its row groups of the grain (unsorted, a view under one
    institution read every row group of its grains)."""
    return ", ".join([d for d in ("institution_id", "state") if d in dims] + ["due_month", "item_code"])


def _insert_grains(con, item_filter: str, sort: bool = True) -> None:
    for dims, source in _BUILD:
        rows, params = ((_rows("item_months", item_filter, dims), {"grain": grain(dims)}) if source is None else
                        (_rows("item_months_summed", item_filter, dims), {"grain": grain(dims), "source": grain(source)}))
        if sort:
            rows = f"SELECT * FROM ({rows}) ORDER BY {_order(dims)}"
        con.execute(f"INSERT INTO {TABLE} BY NAME " + rows, params)


_TOUCHED_ITEMS = f"item_code IN (SELECT item_code FROM touched_keys) AND {rollups.TOUCHED_MONTHS}"


def refresh(con, incremental: bool = False) -> None:
    recent = con.execute("SELECT (date_trunc('month', max_delivered) - to_months($m))::DATE FROM facts_meta",
                         {"m": RECENT_MONTHS}).fetchone()
    recent = recent[0] if recent else None
    stored = con.execute("SELECT recent_from FROM rollup_recent_from").fetchone()
    if incremental:
        con.execute(f"DELETE FROM {TABLE} WHERE {_TOUCHED_ITEMS}")
        _insert_grains(con, _TOUCHED_ITEMS, sort=False)     # appended: sorted at the next full refresh
    else:
        con.execute(f"DELETE FROM {TABLE}")
        _insert_grains(con, "TRUE")
    if incremental and stored is not None and stored[0] == recent:
        con.execute(f"DELETE FROM {RECENT} WHERE {_TOUCHED_ITEMS}")
        con.execute(f"INSERT INTO {RECENT} BY NAME " + _rows("item_recent_lines", _TOUCHED_ITEMS),
                    {"recent_from": recent})
    else:
        con.execute(f"DELETE FROM {RECENT}")
        con.execute(f"INSERT INTO {RECENT} BY NAME " + _rows("item_recent_lines", "TRUE"),
                    {"recent_from": recent})
        con.execute("DELETE FROM rollup_recent_from")
        con.execute("INSERT INTO rollup_recent_from VALUES ($r)", {"r": recent})
