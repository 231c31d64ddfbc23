"""Supplier-attributable shortage (METRICS.md "Shortages"): each short item-month's
undelivered quantity split by the suppliers whose lines were late or short.

undelivered_qty (not accepted by due + grace, at the real dates) = excused_qty (delays
caused by the buyer or force majeure: the shelf was empty, but not the supplier's fault)
+ attributable_qty (the supplier's). share = the supplier's part of the item-month's
attributable quantity.
"""
from __future__ import annotations

import pandas as pd

from metrics.shortages.common import add_names, compose, run


def attribution(con, scope=None, settings=None) -> pd.DataFrame:
    """Rows (item_code, description, month, supplier_id, supplier_name): late_lines,
    undelivered_qty, excused_qty, attributable_qty, still_undelivered_qty (by as_of),
    share, item_fill_rate, item_qty_ordered."""
    frame, _ = run(con, scope, settings, compose("attribution"))
    return add_names(con, frame, ("item", "supplier"))


def supplier_contribution(con, scope=None, settings=None) -> pd.DataFrame:
    """(supplier_id, shortage_contribution, short_item_months, shortage_qty) for the
    supplier scorecard: shortage_contribution is the supplier's share (0–1) of all
    supplier-attributable undelivered quantity in the scope's short item-months;
    short_item_months counts the short item-months where it had some. Suppliers absent
    from the frame contributed nothing."""
    frame, _ = run(con, scope, settings, compose("contribution"))
    return frame

