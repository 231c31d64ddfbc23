"""Prescriptions (unit × item × month): the demand side of shortages.

A sample of hospitals, clinics and pharmacies and the most demanded medicines (every
planted shortage item among them). About 96 % of prescriptions are filled; in a shortage
month of the item the unfilled share rises with the episode's severity.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from metrics.demo.timeline import MONTHS

N_ITEMS = 40


def build(units: pd.DataFrame, items: pd.DataFrame, season: np.ndarray, shortage: pd.DataFrame,
          months: pd.DataFrame, lines: int, rng: np.random.Generator) -> pd.DataFrame:
    """`season` is the items × months demand factor matrix used for orders."""
    n_units = int(min(300, max(20, lines // 2000)))
    outlets = units[units["kind"] != "warehouse"]
    chosen_units = np.sort(rng.choice(outlets["unit_idx"].to_numpy(), size=min(n_units, len(outlets)),
                                      replace=False))
    meds = items[items["item_group"].isin(["medicine", "psychotropic"])].sort_values("pop", ascending=False)
    chosen_items = np.union1d(meds["item_idx"].to_numpy()[:N_ITEMS], shortage["item_idx"].unique())
    u, i, m = np.meshgrid(chosen_units, chosen_items, np.arange(MONTHS), indexing="ij")
    u, i, m = u.ravel(), i.ravel(), m.ravel()
    unit_size = np.where(units["kind"].to_numpy() == "hospital", 3.0, 1.0)
    mu = np.log(60) + rng.normal(0, 0.6, len(items))            # per item
    lam = np.exp(mu[i] + rng.normal(0, 0.25, len(u))) * unit_size[u] * season[i, m]
    issued = rng.poisson(lam)
    sev = np.zeros((len(items), MONTHS + 1))
    sev[shortage["item_idx"].to_numpy(), shortage["month_idx"].to_numpy()] = shortage["severity"].to_numpy()
    fill = np.clip(0.96 + rng.normal(0, 0.015, len(u)) - 0.6 * sev[i, m], 0, 1)
    filled = rng.binomial(issued, fill)
    month_text = np.array([f"{m:%Y-%m}" for m in months["month_start"]])
    frame = pd.DataFrame({"unit_id": units["unit_id"].to_numpy()[u],
                          "item_code": items["item_code"].to_numpy()[i],
                          "month": month_text[m], "issued": issued.astype(np.int64),
                          "filled": filled.astype(np.int64)})
    return frame[frame["issued"] > 0].reset_index(drop=True)
