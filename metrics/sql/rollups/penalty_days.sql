-- rollup_penalty_days: penalties applied per contract and applied day, with the contract's
-- dimensions, sorted by day (a window's edge days read only their row groups).
SELECT p.contract_id, c.supplier_id, c.institution_id, c.procedure_type, p.applied_date,
       sum(p.amount) AS amount, count(*) AS n
FROM penalties p
JOIN contracts c ON c.contract_id = p.contract_id
GROUP BY ALL
ORDER BY p.applied_date, p.contract_id
