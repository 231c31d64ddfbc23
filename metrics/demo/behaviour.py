"""How each supplier delivers, and the behaviours planted for the analytics to find.

Every supplier gets base probabilities (first shipment by the due date, shipping the full
quantity, never shipping, a rejection per shipment, a short shelf life) and a mean delay.
Most are drawn around a plausible centre (overall OTIF ≈ 75–85 %, the OECD's 17 % of late or
incomplete orders); about 6 % of the smaller ones are troubled (late, short,
rejected); a few national distributors are given a planted profile. `trend` makes
a supplier's on-time-in-full target move over the last 12 months (deteriorating: 95 % → 50 %;
improving: 50 % → 95 %).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

# sup_idx (volume rank, 0 = largest) -> planted kind. All are national distributors with
# enough lines per month for a monthly trend test (~30+ lines a month at the default size).
PLANTED = {
    0: "reliable_supplier",
    2: "reliable_supplier",
    5: "deteriorating_supplier",
    7: "improving_supplier",
    9: "late_supplier",
    11: "short_shipper",
    13: "high_rejection",
    15: "short_shelf_life",
    17: "expensive_supplier",
}
DETAIL = {
    "reliable_supplier": "OTIF ≈ 97 %, rejections ≈ 0.5 %",
    "deteriorating_supplier": "monthly OTIF ≈ 95 % until 12 months ago, then falling to ≈ 50 %",
    "improving_supplier": "monthly OTIF ≈ 50 % until 12 months ago, then rising to ≈ 95 %",
    "late_supplier": "first shipment on time for ≈ 30 % of lines, mean delay ≈ 32 days",
    "short_shipper": "ships the full quantity for ≈ 30 % of lines, 12 % never shipped",
    "high_rejection": "≈ 20 % of shipments partly rejected at reception",
    "short_shelf_life": "≈ 60 % of shipments expire within 4–11 months",
    "expensive_supplier": "unit prices ≈ 35 % above the market price",
}


def assign(sup: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Add behaviour columns: p_on, late_mean, p_full, partial_lo, p_never, p_rej,
    p_short_shelf, price_factor, trend, planted."""
    n = len(sup)
    small = sup["company_size"].isin(["micro", "small"]).to_numpy()
    out = sup.copy()
    out["p_on"] = np.where(small, rng.beta(12, 2.8, n), rng.beta(20, 2.6, n))
    out["late_mean"] = rng.uniform(5, 16, n)
    out["p_full"] = np.where(small, rng.beta(20, 1.8, n), rng.beta(32, 1.6, n))
    out["partial_lo"] = rng.uniform(0.4, 0.8, n)
    out["p_never"] = rng.uniform(0.003, 0.02, n)
    out["p_rej"] = rng.uniform(0.005, 0.03, n)
    out["p_short_shelf"] = rng.uniform(0.005, 0.03, n)
    out["price_factor"] = np.exp(rng.normal(0, 0.07, n))
    # about 6 % of the smaller suppliers are in trouble (late, short, rejected): the C/D tiers
    troubled = (np.arange(n) >= 25) & (rng.random(n) < 0.06)
    k = int(troubled.sum())
    out.loc[troubled, "p_on"] = rng.beta(3, 3, k)
    out.loc[troubled, "p_full"] = rng.beta(10, 2, k)
    out.loc[troubled, "p_never"] = rng.uniform(0.02, 0.06, k)
    out.loc[troubled, "late_mean"] = rng.uniform(20, 45, k)
    out.loc[troubled, "p_rej"] = rng.uniform(0.03, 0.08, k)
    out["trend"] = ""
    out["planted"] = ""
    for idx, kind in PLANTED.items():
        if idx >= n:
            continue
        row = {"planted": kind}
        if kind == "reliable_supplier":
            row.update(p_on=0.985, p_full=0.99, p_never=0.002, p_rej=0.004, late_mean=3.0)
        elif kind in ("deteriorating_supplier", "improving_supplier"):
            row.update(trend=kind.split("_")[0], p_never=0.002, p_rej=0.003, late_mean=12.0)
        elif kind == "late_supplier":
            row.update(p_on=0.30, late_mean=32.0)
        elif kind == "short_shipper":
            row.update(p_full=0.30, partial_lo=0.25, p_never=0.12)
        elif kind == "high_rejection":
            row.update(p_rej=0.20)
        elif kind == "short_shelf_life":
            row.update(p_short_shelf=0.60)
        elif kind == "expensive_supplier":
            row.update(price_factor=1.35)
        for col, value in row.items():
            out.loc[idx, col] = value
    return out
