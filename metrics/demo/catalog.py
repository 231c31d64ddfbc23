"""The items: a real subset of the CNIS catalogue (data/catalog/cnis_subset.csv), with the
group derived from the clave prefix, plus synthetic demand, prices and shelf-life rules."""
from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd

import metrics
from metrics.exceptions import AbastoError
from metrics.ingest.contract import GROUP_BY_PREFIX   # items.group from the clave prefix: one table

CATALOG_DIR = Path(metrics.__file__).resolve().parents[1] / "data" / "catalog"
SUBSET = CATALOG_DIR / "cnis_subset.csv"

# Typical price per unit (MXN) and order quantity per group: the centre of lognormals.
PRICE_MEDIAN = {"medicine": 180.0, "vaccine": 260.0, "nutrition": 320.0, "psychotropic": 140.0,
                "medical_supply": 45.0, "radiology": 900.0, "laboratory": 650.0}
QTY_MEDIAN = {"medicine": 220.0, "vaccine": 300.0, "nutrition": 60.0, "psychotropic": 80.0,
              "medical_supply": 260.0, "radiology": 12.0, "laboratory": 20.0}
# Demand weight of a group (medicines dominate the consolidated purchase).
GROUP_DEMAND = {"medicine": 1.0, "vaccine": 0.8, "nutrition": 0.5, "psychotropic": 0.6,
                "medical_supply": 0.8, "radiology": 0.3, "laboratory": 0.5}
# Share of deliveries that carry an expiry date, and the minimum shelf life stated per group.
EXPIRY_SHARE = {"medicine": 0.97, "vaccine": 1.0, "nutrition": 0.95, "psychotropic": 0.97,
                "medical_supply": 0.55, "radiology": 0.8, "laboratory": 0.9}

# Medicines whose demand peaks in winter (respiratory season).
RESPIRATORY = ("salbutamol", "amoxicilina", "oseltamivir", "paracetamol", "ambroxol",
               "claritromicina", "ipratropio", "budesonida", "beclometasona", "azitromicina",
               "dextrometorfano", "clorfenamina", "loratadina", "fluticasona", "montelukast",
               "cefuroxima", "bromhexina", "guaifenesina")


def load_subset(path: Path = SUBSET) -> pd.DataFrame:
    """item_code, description, unit, item_group of the shipped catalogue subset."""
    if not path.exists():
        raise AbastoError(f"{path}: the demo catalogue is missing (it ships with Abasto in "
                          f"data/catalog/; reinstall or restore it)")
    with open(path, encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.reader(handle) if r]
    frame = pd.DataFrame(rows, columns=["item_code", "description", "unit"])
    frame["item_group"] = frame["item_code"].str.slice(0, 3).map(GROUP_BY_PREFIX)
    return frame[frame["item_group"].notna()].reset_index(drop=True)


def build(rng: np.random.Generator) -> pd.DataFrame:
    """The catalogue with the demo's per-item parameters.

    pop: demand weight (Zipf over a random ranking, times the group's weight);
    season: 'respiratory' (winter peak), 'influenza' (autumn vaccination campaign) or '';
    base_price: the market price (reference_price is it, blank for ~15% of items so the
    median contracted price is used); qty_mu: log of the typical order quantity.
    """
    items = load_subset()
    n = len(items)
    groups = items["item_group"]
    rank = rng.permutation(n) + 1
    items["pop"] = rank ** -0.75 * groups.map(GROUP_DEMAND).to_numpy()
    text = items["description"].str.lower()
    season = np.where(text.str.contains("|".join(RESPIRATORY)) & (groups == "medicine"),
                      "respiratory", "")
    season = np.where(text.str.contains("influenza") & (groups == "vaccine"), "influenza", season)
    items["season"] = season
    price = groups.map(PRICE_MEDIAN).to_numpy() * np.exp(rng.normal(0, 0.9, n))
    items["base_price"] = np.round(np.maximum(price, 0.8), 2)
    items["reference_price"] = np.where(rng.random(n) < 0.85, items["base_price"], np.nan)
    items["qty_mu"] = np.log(groups.map(QTY_MEDIAN).to_numpy()) + rng.normal(0, 0.5, n)
    items["expiry_share"] = groups.map(EXPIRY_SHARE).to_numpy()
    shelf = np.where(groups.isin(["vaccine", "laboratory"]), 6, 12)
    stated = rng.random(n) < 0.35
    items["min_shelf_life_months"] = pd.array(np.where(stated | (shelf == 6), shelf, -1)).astype("Int64")
    items.loc[items["min_shelf_life_months"] == -1, "min_shelf_life_months"] = pd.NA
    items["shelf_min"] = shelf
    items["item_idx"] = np.arange(n, dtype=np.int32)
    return items
