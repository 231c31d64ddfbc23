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


def refresh(con, incremental: bool = False) -> None:
    for name in MODULES:
        importlib.import_module(f"metrics.rollups.{name}").refresh(con, incremental)
