"""Tenders and awards per (item, procurement cycle): who may be ordered from, at what price.

Each cycle every item goes to a consolidated open tender (most), an invitation to three
suppliers, or a direct award (single source). Some tenders fail (no bids, prices or
technical proposals rejected, cancelled); most failed items are then bought by emergency
direct award at a premium, the rest are not bought that cycle. A few items fail every cycle
and are never ordered. Winners are drawn by supplier volume weight within the item's group,
so a handful of national distributors win most items.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

FAILED = np.array(["no_bids", "rejected_price", "rejected_technical", "cancelled"])
FAILED_P = [0.5, 0.3, 0.15, 0.05]
N_NO_ORDERS = 6           # catalogue items with no order at all (failed every cycle)
GROUP_NO = {"medicine": 1, "vaccine": 2, "nutrition": 3, "psychotropic": 4, "medical_supply": 5,
            "radiology": 6, "laboratory": 7}


def _affinity(sup: pd.DataFrame, group: str) -> np.ndarray:
    primary = sup["primary_group"].to_numpy()
    # winning is less concentrated than volume (shares within an item follow the full weight)
    return sup["weight"].to_numpy() ** 0.6 * np.where((primary == "all") | (primary == group), 1.0, 0.02)


def tenders(items: pd.DataFrame, cycles: list, rng: np.random.Generator,
            protected: np.ndarray) -> pd.DataFrame:
    """One row per (cycle, item): how the item was procured that cycle.

    kind: open_tender | restricted | direct_award | failed; outcome for tender_items;
    emergency: a failed tender followed by an emergency direct award.
    `protected` items (planted shortages) are always awarded by open tender.
    """
    n_i, n_c = len(items), len(cycles)
    item_idx = np.tile(items["item_idx"].to_numpy(), n_c)
    cycle_idx = np.repeat(np.arange(n_c), n_i)
    u = rng.random(n_i * n_c)
    kind = np.select([u < 0.80, u < 0.86, u < 0.91], ["open_tender", "restricted", "direct_award"],
                     "failed")
    # a few little-demanded items fail in every cycle: never ordered
    low = np.argsort(items["pop"].to_numpy())[: n_i // 5]
    never = rng.choice(np.setdiff1d(low, protected), size=N_NO_ORDERS, replace=False)
    never_mask = np.isin(item_idx, never)
    kind = np.where(never_mask, "failed", kind)
    kind = np.where(np.isin(item_idx, protected), "open_tender", kind)
    failed = kind == "failed"
    outcome = np.where(failed, rng.choice(FAILED, size=len(u), p=FAILED_P), "awarded")
    emergency = failed & (rng.random(len(u)) < 0.8) & ~never_mask
    groups = items["item_group"].to_numpy()[item_idx]
    years = np.array([int(c.code[:4]) for c in cycles])[cycle_idx]
    starts = np.array([np.datetime64(c.start) for c in cycles])[cycle_idx]
    published = starts - rng.integers(80, 130, len(u)).astype("timedelta64[D]")
    prefix = np.where(kind == "restricted", "IA", "LA")
    group_no = np.array([GROUP_NO[g] for g in groups])
    procedure_id = [f"{p}-12-NEF-012NEF001-N-{g}{yr % 100:02d}-{yr}"
                    for p, g, yr in zip(prefix, group_no, years)]
    return pd.DataFrame({"cycle_idx": cycle_idx.astype(np.int16), "item_idx": item_idx,
                         "kind": kind, "outcome": outcome, "emergency": emergency,
                         "never_ordered": never_mask, "procedure_id": procedure_id,
                         "published_date": published.astype("datetime64[s]")})


def awards(tend: pd.DataFrame, items: pd.DataFrame, sup: pd.DataFrame,
           rng: np.random.Generator, protected: np.ndarray) -> pd.DataFrame:
    """Award rows (cycle, item, supplier) with the supplier's share of the item's orders
    (as a cumulative lower bound `cum_lo` for sampling), unit price and procedure.
    No planted supplier holds a `protected` (shortage) item, so that each planted behaviour
    stays clean of the shortages (and each shortage is shared by ordinary suppliers)."""
    bought = tend[(tend["kind"] != "failed") | tend["emergency"]].reset_index(drop=True)
    n = len(bought)
    groups = items["item_group"].to_numpy()[bought["item_idx"].to_numpy()]
    cand = np.zeros((n, 3), dtype=np.int64)
    draws = rng.random((n, 3))
    ordinary = (sup["planted"] == "").to_numpy()
    shortage = np.isin(bought["item_idx"].to_numpy(), protected)
    for group in np.unique(groups):
        for short in (False, True):
            weight = _affinity(sup, group) * (ordinary if short else 1)
            cdf = np.cumsum(weight)
            mask = (groups == group) & (shortage == short)
            cand[mask] = np.minimum(np.searchsorted(cdf, draws[mask] * cdf[-1], side="right"),
                                    len(sup) - 1)
    single = (bought["kind"] == "direct_award").to_numpy() | bought["emergency"].to_numpy()
    u = rng.random(n)
    n_win = np.where(single, 1, np.select([u < 0.4, u < 0.8], [1, 2], 3))
    rows = []
    for j in range(3):
        keep = n_win > j
        if j >= 1:
            keep &= cand[:, j] != cand[:, 0]
        if j == 2:
            keep &= cand[:, 2] != cand[:, 1]
        rows.append(pd.DataFrame({"b": np.nonzero(keep)[0], "sup_idx": cand[keep, j], "rank": j}))
    win = pd.concat(rows, ignore_index=True).sort_values(["b", "rank"], kind="stable")
    win = win.merge(bought, left_on="b", right_index=True)
    weight = sup["weight"].to_numpy()[win["sup_idx"].to_numpy()] ** 0.7 * rng.uniform(0.5, 1.5, len(win))
    win["share"] = weight / pd.Series(weight).groupby(win["b"].to_numpy()).transform("sum").to_numpy()
    win["cum_lo"] = win.groupby("b")["share"].cumsum() - win["share"]
    base = items["base_price"].to_numpy()[win["item_idx"].to_numpy()]
    factor = sup["price_factor"].to_numpy()[win["sup_idx"].to_numpy()]
    premium = np.where(win["emergency"], rng.uniform(1.2, 1.6, len(win)),
                       np.where(win["kind"] == "restricted", 1.05, 1.0))
    win["unit_price"] = np.round(base * factor * premium * rng.uniform(0.93, 1.07, len(win)), 2)
    win["procedure_type"] = np.where(win["emergency"], "direct_award",
                                     np.where(win["kind"] == "failed", "direct_award", win["kind"]))
    win["award_idx"] = np.arange(len(win), dtype=np.int32)
    return win[["award_idx", "cycle_idx", "item_idx", "sup_idx", "cum_lo", "share", "unit_price",
                "procedure_type", "emergency"]].reset_index(drop=True)
