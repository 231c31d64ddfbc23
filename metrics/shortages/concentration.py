"""Supplier concentration per item and the at-risk list (METRICS.md "Shortages").

HHI = 10,000 · Σ share², shares of the quantity accepted (by as_of) on the item's
evaluable lines in the window; > 2,500 is highly concentrated; single_source when one
supplier delivered everything. At risk: an item whose single or dominant supplier (share
above `dominant_share`) is tier C or D, or whose delivery performance is declining, in the
supplier scorecard of the same scope.
"""
from __future__ import annotations

import pandas as pd

from metrics.shortages.common import run, settings_or_default

WEAK_TIERS = ("C", "D")


def concentration(con, scope=None, settings=None) -> pd.DataFrame:
    """One row per item with evaluable lines: item_code, description, item_group,
    suppliers (with lines), suppliers_delivering, qty_accepted, hhi (NULL when nothing was
    accepted), top_supplier, top_share, single_source, highly_concentrated."""
    frame, _ = run(con, scope, settings, "concentration", supplier=True)
    return frame


def risk(con, scope=None, settings=None, card: pd.DataFrame | None = None) -> pd.DataFrame:
    """Items at risk: rows (item, supplier) where the supplier is the item's single source
    or holds more than `dominant_share` of it, and is tier C/D or trending 'declining'; the
    most exposed first (single source, weak and declining, share, lowest score, most pieces).
    Columns: item_code, description, item_group, supplier_id, supplier_name, share,
    single_source, hhi, tier, score, trend, trend_slope, weak_tier, declining.

    `card`: the all-supplier scorecard of the same scope and settings
    (`metrics.scorecard.scorecard(con, scope, settings=settings)`) when the caller already
    has it (the dashboard caches it); computed here when None. Same result either way."""
    settings = settings_or_default(settings)
    pairs, resolved = run(con, scope, settings, "risk_shares", supplier=True)
    if card is None:
        from metrics.scorecard import scorecard   # lazily: the scorecard reads shortages too
        card = scorecard(con, resolved, settings=settings)
    else:
        _check_card(card, resolved)
    cols = [c for c in ("supplier_id", "tier", "score", "trend", "trend_slope") if c in card.columns]
    frame = pairs.merge(card[cols], on="supplier_id", how="left")
    frame["weak_tier"] = frame["tier"].isin(WEAK_TIERS)
    frame["declining"] = frame["trend"].eq("declining")
    frame = frame[frame["weak_tier"] | frame["declining"]]
    # the most exposed first: a single source, weak and declining at once, the largest share,
    # the lowest score, the most pieces (a cut table, e.g. the PDF's first rows, shows these)
    frame = (frame.assign(_both=frame["weak_tier"] & frame["declining"])
             .sort_values(["single_source", "_both", "share", "score", "qty_accepted", "item_code"],
                          ascending=[False, False, False, True, False, True], na_position="last")
             .drop(columns=["qty_accepted", "_both"]).reset_index(drop=True))
    frame.attrs.update(pairs.attrs)
    return frame


def _check_card(card, resolved) -> None:
    """A given scorecard must be by supplier, with tiers, and judged at the scope's as_of and
    grace (what its attrs say, when they say it): else the tiers are another scope's."""
    if not isinstance(card, pd.DataFrame) or not {"supplier_id", "tier"} <= set(card.columns):
        raise ValueError("card must be a scorecard by supplier (with supplier_id and tier columns)")
    if card.attrs.get("group_by", ("supplier",)) != ("supplier",):
        raise ValueError(f"card must be grouped by supplier, not {card.attrs['group_by']!r}")
    for key, want in (("as_of", resolved.as_of), ("grace_days", resolved.grace_days)):
        if key in card.attrs and card.attrs[key] != want:
            raise ValueError(f"card was computed for {key} {card.attrs[key]}, the scope has {want}")
