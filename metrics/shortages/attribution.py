"""Supplier-attributable shortage (METRICS.md "Shortages"): each short item-month's
undelivered quantity (ordered, not accepted by as_of) split by the suppliers of the lines
still short, so a shortage links to the suppliers behind it. A line with nothing
delivered has no delivery to carry a delay cause, so undelivered pieces are always the
supplier's (excused delays only excuse pieces that did arrive, late).
"""
from __future__ import annotations

import pandas as pd

from metrics.shortages.common import add_names, run


def attribution(con, scope=None, settings=None, supplier_id: str | None = None) -> pd.DataFrame:
    """Rows (item_code, description, month, supplier_id, supplier_name): short_lines (its
    lines with pieces still missing), qty_ordered on them, attributable_qty (the pieces
    missing), late_qty (pieces of them that did arrive after d + grace by the supplier's
    delay), share (of the item-month's undelivered pieces), item_fill_rate,
    item_qty_ordered. `supplier_id` keeps one supplier's rows (shares stay those of the
    whole item-month). `scope` may be a Scope or a scope.Resolved."""
    frame, _ = run(con, scope, settings, "attribution",
                   {"supplier_id": None if supplier_id is None else str(supplier_id)},
                   supplier=True)
    return add_names(con, frame, ("item", "supplier"))


def supplier_contribution(con, scope=None, settings=None) -> pd.DataFrame:
    """(supplier_id, shortage_contribution, short_item_months, shortage_qty) for the
    supplier scorecard: shortage_contribution is the supplier's share (0–1) of all
    undelivered quantity in the scope's short item-months; short_item_months counts the
    short item-months where it left pieces undelivered; shortage_qty those pieces.
    Suppliers absent from the frame contributed nothing. `scope` may be a Scope or a
    scope.Resolved (the scorecard passes the one it already resolved)."""
    frame, _ = run(con, scope, settings, "contribution", supplier=True)
    return frame

