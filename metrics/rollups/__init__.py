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

# rollup modules, refreshed in this order
MODULES: tuple[str, ...] = ("supplier_days", "item_months")


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
