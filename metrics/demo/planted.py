"""The table demo_planted(kind, id, detail): what the demo planted, so tests of the metrics
and shortage modules can assert that the analytics find it."""
from __future__ import annotations

import pandas as pd

from metrics.demo.behaviour import DETAIL

DDL = "CREATE TABLE IF NOT EXISTS demo_planted (kind VARCHAR, id VARCHAR, detail VARCHAR)"


def rows(sup: pd.DataFrame, items: pd.DataFrame, shortage_rows: list, tend: pd.DataFrame) -> pd.DataFrame:
    out = []
    for row in sup[sup["planted"] != ""].itertuples():
        out.append((row.planted, row.supplier_id, f"{row.name}: {DETAIL[row.planted]}"))
    codes = items["item_code"].to_numpy()
    for kind, item_idx, detail in shortage_rows:
        out.append((kind, codes[item_idx], detail))
    never = tend.loc[tend["never_ordered"], "item_idx"].unique()
    for item_idx in sorted(never):
        out.append(("no_orders_item", codes[item_idx], "every tender failed and no emergency purchase"))
    return pd.DataFrame(out, columns=["kind", "id", "detail"])


# Planted after line facts: contracts pushed near the guarantee cap and rescinded ones,
# emergency direct awards after a failed tender.
AFTER_FACTS = """
INSERT INTO demo_planted
SELECT 'near_cap_contract', contract_id, 'penalties due at 82–97 % of the guarantee cap'
FROM g_near_cap WHERE contract_id IN (SELECT contract_id FROM contracts)
UNION ALL
SELECT 'rescinded_contract', contract_id, 'penalties due reached the guarantee cap' FROM g_rescinded
UNION ALL
SELECT 'emergency_contract', contract_id, 'emergency direct award after a failed tender'
FROM contracts WHERE is_emergency
"""
