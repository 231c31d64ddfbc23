-- Penalties actually applied, one row each, for the contracts / lines in scope: the same
-- scoped penalties the ledger sums (kpis/penalties_scoped.sql as subquery f, filtered by
-- the scope's dimension filters), applied in the window of the scope.
SELECT f.penalty_id, f.contract_id, f.order_id, f.kind, f.amount, f.applied_date,
       f.supplier_id, s.name AS supplier_name, f.institution_id, f.item_code
FROM ({penalties}) f
LEFT JOIN suppliers s ON s.supplier_id = f.supplier_id
WHERE {pwhere}
  AND (f.applied_date >= $date_from OR $date_from IS NULL)
  AND (f.applied_date <= $date_to OR $date_to IS NULL)
  AND (f.applied_date <= $applied_to OR $applied_to IS NULL)
ORDER BY f.applied_date DESC, f.penalty_id
