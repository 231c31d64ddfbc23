-- The terms of each contract with evaluable lines in scope (what the ledger does not carry).
SELECT c.contract_id, c.institution_id, i.name AS institution_name, c.supplier_id,
       s.name AS supplier_name, c.procedure_type, c.is_emergency, c.is_consolidated,
       c.signed_date, c.start_date, c.end_date, c.amount, c.currency, c.status,
       c.penalty_rate_per_day, c.deduction_rate, c.guarantee_pct
FROM contracts c
LEFT JOIN institutions i ON i.institution_id = c.institution_id
LEFT JOIN suppliers s ON s.supplier_id = c.supplier_id
WHERE c.contract_id IN (SELECT DISTINCT f.contract_id FROM {facts} f WHERE {where})
ORDER BY c.contract_id
