"""The individual records behind a view, for drilling down (the dashboard's contract page,
exports): contract terms, penalties applied and deliveries, under the same scope as every KPI."""
from __future__ import annotations

import pandas as pd

from metrics import scope as scope_mod
from metrics import sqlfiles


def _resolve(con, scope, settings):
    return scope_mod.resolve(con, scope if scope is not None else scope_mod.Scope(), settings)


def contracts(con, scope=None, settings=None) -> pd.DataFrame:
    """The terms of the contracts with evaluable lines in scope: contract_id, institution_id,
    institution_name, supplier_id, supplier_name, procedure_type, is_emergency,
    is_consolidated, signed_date, start_date, end_date, amount, currency, status,
    penalty_rate_per_day, deduction_rate, guarantee_pct."""
    resolved = _resolve(con, scope, settings)
    return scope_mod.run(con, resolved, sqlfiles.load("records/contracts.sql")).df()


def penalties(con, scope=None, settings=None) -> pd.DataFrame:
    """Penalties applied in the window to the contracts / lines the scope's filters select
    (the rows the ledger's penalties_applied sums): penalty_id, contract_id, order_id, kind,
    amount, applied_date, supplier_id, supplier_name, institution_id, item_code."""
    resolved = _resolve(con, scope, settings)
    from metrics import scorecard     # the same penalties subquery the ledger and KPIs use
    scoped = getattr(scorecard, "penalties_scoped", None)
    subquery = scoped(resolved) if scoped else sqlfiles.load("kpis/penalties_scoped.sql")
    text = (sqlfiles.load("records/penalties.sql")
            .replace("{penalties}", subquery)
            .replace("{pwhere}", resolved.where("f", evaluable=False, window=False)))
    return scope_mod.run(con, resolved, text).df()


def deliveries(con, scope=None, settings=None, limit: int = 2000) -> pd.DataFrame:
    """Deliveries of the evaluable lines in scope received by as_of, newest first (at most
    `limit`): delivery_id, order_id, contract_id, supplier_id, item_code, unit_id, state,
    due_date, delivered_date, qty_delivered, qty_rejected, qty_accepted, rejection_reason,
    expiry_date, delay_cause, days_after_due, late_supplier."""
    resolved = _resolve(con, scope, settings)
    return scope_mod.run(con, resolved, sqlfiles.load("records/deliveries.sql"),
                         {"grace": resolved.grace_days, "limit": int(limit)}).df()


def supplier(con, supplier_id: str) -> dict | None:
    """One supplier's identity (supplier_id, name, rfc, company_size, state), None when the
    id is not in the database."""
    cur = con.execute(sqlfiles.load("records/supplier.sql"), {"supplier_id": str(supplier_id)})
    cols = [d[0] for d in cur.description]
    rows = cur.fetchall()
    return dict(zip(cols, rows[0])) if rows else None
