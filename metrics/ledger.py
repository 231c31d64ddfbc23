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
    return _by_contract(con, scope, settings, near_only=False)


def near_rescission(con, scope=None, settings=None, limit: int | None = None) -> pd.DataFrame:
    """Exactly the rows of `ledger(con, scope, settings)` whose near_rescission is true (same
    columns, values and order: highest cap use first, then contract id), the first `limit`
    of them when given. Only the candidate contracts' lines, penalties and names are read
    and joined (ledger/near_candidates.sql), not the whole ledger's: the overview's alert."""
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 0):
        raise ValueError(f"limit must be a whole number ≥ 0, not {limit!r}")
    return _by_contract(con, scope, settings, near_only=True, limit=limit)


def _by_contract(con, scope, settings, near_only: bool, limit: int | None = None) -> pd.DataFrame:
    from metrics.scorecard import penalties_scoped, resolve
    settings = _settings(settings)
    resolved = resolve(con, scope, settings)
    # the candidates skip lines without a penalty due, right only while the threshold is > 0
    # (settings.validate keeps it in (0, 1]; a hand-built Settings may not)
    prefilter = near_only and settings.rescission_threshold > 0
    fill = {"wanted": (sqlfiles.load("ledger/near_candidates.sql") if prefilter
                       else "SELECT NULL::VARCHAR AS contract_id WHERE FALSE"),
            "in_wanted": "f.contract_id IN (SELECT contract_id FROM wanted)" if prefilter else "TRUE",
            "keep": "near_rescission" if near_only else "TRUE",
            "penalties": penalties_scoped(resolved),
            "pwhere": resolved.where("f", evaluable=False, window=False)}
    text = sqlfiles.load("ledger/by_contract.sql")
    for key, value in fill.items():
        text = text.replace("{" + key + "}", value)
    frame = scope_mod.run(con, resolved, text, {"threshold": settings.rescission_threshold,
                                                "limit": limit}).df()
    frame = frame[LEDGER_COLUMNS]
    if frame.empty:   # DuckDB hands empty VARCHAR columns over as object, filled ones as str
        frame = frame.astype({c: "str" for c in frame.columns if frame[c].dtype == object})
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
