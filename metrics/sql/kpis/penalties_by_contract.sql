-- Penalties applied in the window summed per contract and applied month (amount, n), with
-- the contract-level dimensions the scope's filters and groupings use and NULL line-level
-- ones: what penalties_applied reads when nothing needs the order line (scorecard.
-- penalties_applied). Summing first makes the join to contracts one row per contract-month
-- instead of one per penalty. Used as a subquery aliased f.
SELECT p.contract_id, p.due_month, p.amount, p.n,
       c.supplier_id, c.institution_id, c.procedure_type,
       __LINE_COLUMNS__
FROM (
    SELECT contract_id, date_trunc('month', applied_date)::DATE AS due_month,
           sum(amount) AS amount, count(*) AS n
    FROM penalties
    WHERE (applied_date >= $date_from OR $date_from IS NULL)
      AND (applied_date <= $date_to OR $date_to IS NULL)
      AND (applied_date <= $applied_to OR $applied_to IS NULL)
    GROUP BY ALL
) p
JOIN contracts c ON c.contract_id = p.contract_id
