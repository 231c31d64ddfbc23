"""rollup_item_months: line_facts summed per item and due month at a few grains (by
institution, by state, by supplier, ...), what the shortage views read instead of the lines
when it is exact (metrics/shortages/common.py decides). Schema and meaning:
metrics/sql/migrations/008_rollup_item_months.sql; rows: metrics/sql/rollups/item_months.sql.

Maintained by `refresh(con, incremental)` at every line-facts refresh (metrics.rollups):
every row of an item depends on all its lines (grains without the supplier sum over
suppliers), so an incremental refresh rebuilds the rows of each item in touched_keys.
"""
from __future__ import annotations

from metrics import sqlfiles

TABLE = "rollup_item_months"
# the grains stored: the columns (besides item_code, item_group, due_month) a row is by
DIMENSIONS = ("supplier_id", "institution_id", "state")   # GROUPING() argument order
GRAINS: tuple[frozenset[str], ...] = (
    frozenset(), frozenset({"institution_id"}), frozenset({"state"}), frozenset({"supplier_id"}),
    frozenset({"supplier_id", "institution_id"}), frozenset({"supplier_id", "state"}),
)


def grain(dims) -> int | None:
    """The `grain` value of rows by exactly these columns (GROUPING(supplier_id,
    institution_id, state): a bit set for each column summed over), or None when no such
    grain is stored."""
    dims = frozenset(dims)
    if dims not in GRAINS:
        return None
    return sum(1 << (len(DIMENSIONS) - 1 - i) for i, d in enumerate(DIMENSIONS) if d not in dims)


def _rows(item_filter: str) -> str:
    return sqlfiles.load("rollups/item_months.sql").replace("__ITEM_FILTER__", item_filter)


def refresh(con, incremental: bool = False) -> None:
    if incremental:
        con.execute(f"DELETE FROM {TABLE} WHERE item_code IN (SELECT item_code FROM touched_keys)")
        con.execute(f"INSERT INTO {TABLE} BY NAME "
                    + _rows("item_code IN (SELECT item_code FROM touched_keys)"))
    else:
        con.execute(f"DELETE FROM {TABLE}")
        con.execute(f"INSERT INTO {TABLE} BY NAME " + _rows("TRUE"))
