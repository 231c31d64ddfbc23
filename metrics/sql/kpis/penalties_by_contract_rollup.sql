-- penalties_by_contract.sql read from the penalty rollup (metrics/rollups/penalty_months.py):
-- the window's whole applied months from rollup_penalty_months, the days of the months it
-- cuts from rollup_penalty_days. Rows are per contract and month or day; the caller sums them.
SELECT contract_id, applied_month AS due_month, amount, n,
       supplier_id, institution_id, procedure_type, __LINE_COLUMNS__
FROM rollup_penalty_months WHERE applied_month BETWEEN $pm_lo AND $pm_hi
UNION ALL
SELECT contract_id, date_trunc('month', applied_date)::DATE, amount, n,
       supplier_id, institution_id, procedure_type, __LINE_COLUMNS__
FROM rollup_penalty_days WHERE applied_date BETWEEN $pd1_lo AND $pd1_hi
UNION ALL
SELECT contract_id, date_trunc('month', applied_date)::DATE, amount, n,
       supplier_id, institution_id, procedure_type, __LINE_COLUMNS__
FROM rollup_penalty_days WHERE applied_date BETWEEN $pd2_lo AND $pd2_hi
