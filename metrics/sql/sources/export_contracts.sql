-- One row per exported contract with its buyer and supplier, in contract_id order (the
-- export merges this stream with the items and lines streams by contract_id).
SELECT c.contract_id, c.institution_id, i.name AS institution_name,
       c.supplier_id, s.name AS supplier_name, s.rfc, s.state AS supplier_state, s.company_size,
       c.procedure_type, c.is_emergency, c.is_consolidated,
       strftime(c.signed_date, '%Y-%m-%d') AS signed_date,
       strftime(c.start_date, '%Y-%m-%d') AS start_date,
       strftime(c.end_date, '%Y-%m-%d') AS end_date,
       c.amount, c.currency, c.status, c.penalty_rate_per_day, c.deduction_rate, c.guarantee_pct
FROM contracts c
LEFT JOIN institutions i ON i.institution_id = c.institution_id
LEFT JOIN suppliers s ON s.supplier_id = c.supplier_id
WHERE c.contract_id IN ({contract_ids})
ORDER BY c.contract_id
