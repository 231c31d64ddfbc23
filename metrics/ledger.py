"""The compliance ledger (METRICS.md "Compliance"): per contract, the penalties the
contract's own terms make due (late penalties + deductions, running total capped at
guarantee_pct·amount), the penalties actually applied in the window, the gap, the share of
the cap used and whether the contract nears rescission; plus the scope's rescinded
contracts and emergency share.
"""
from __future__ import annotations

import pandas as pd

from metrics import scope as scope_mod
from metrics import sqlfiles

LEDGER_COLUMNS = ["contract_id", "supplier_id", "supplier_name", "institution_id", "procedure_type",
                  "is_emergency", "status", "amount", "guarantee_pct", "penalty_cap", "lines",
                  "open_overdue_lines", "late_qty", "late_penalty_due", "deduction_due",
                  "penalties_due_uncapped", "penalties_due", "penalties_applied", "penalties_n",
                  "penalty_gap", "cap_used", "cap_reached", "near_rescission", "rescinded"]


def _settings(settings):
    if settings is None:
        from metrics.settings import load_settings
        return load_settings()
    return settings


def ledger(con, scope=None, settings=None) -> pd.DataFrame:
    """One row per contract with evaluable lines or applied penalties in scope, the contracts
    using most of their penalty cap first."""
    from metrics.scorecard import resolve
    settings = _settings(settings)
    resolved = resolve(con, scope, settings)
    from metrics.scorecard import penalties_scoped
    text = (sqlfiles.load("ledger/by_contract.sql")
            .replace("{penalties}", penalties_scoped(resolved))
            .replace("{pwhere}", resolved.where("f", evaluable=False, window=False)))
    frame = scope_mod.run(con, resolved, text, {"threshold": settings.rescission_threshold}).df()
    frame = frame[LEDGER_COLUMNS]
    frame.attrs["as_of"] = resolved.as_of
    frame.attrs["rescission_threshold"] = settings.rescission_threshold
    return frame


def summary(con, scope=None, settings=None) -> dict:
    """Scope totals: penalties due / applied / gap, contracts near rescission, contracts
    whose cap is reached, rescinded_contracts and emergency_share."""
    from metrics.scorecard import resolve
    settings = _settings(settings)
    resolved = resolve(con, scope, settings)
    by_contract = ledger(con, resolved, settings)
    text = sqlfiles.load("ledger/contracts_summary.sql").replace(
        "{lwhere}", resolved.where("f", evaluable=False, window=True))
    row = scope_mod.run(con, resolved, text).df().iloc[0].to_dict()
    has_penalties = con.execute("SELECT count(*) FROM penalties").fetchone()[0] > 0
    applied = float(by_contract["penalties_applied"].sum()) if has_penalties else float("nan")
    due = float(by_contract["penalties_due"].sum())
    return {
        "as_of": resolved.as_of,
        "contracts": int(row["contracts"]),
        "penalties_due": due,
        "penalties_applied": applied,
        "penalty_gap": due - applied,
        "near_rescission": int(by_contract["near_rescission"].sum()),
        "cap_reached": int(by_contract["cap_reached"].sum()),
        "rescinded_contracts": int(row["rescinded_contracts"]),
        "contract_value": float(row["contract_value"] or 0.0),
        "emergency_share": None if pd.isna(row["emergency_share"]) else float(row["emergency_share"]),
    }
