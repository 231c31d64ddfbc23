-- Penalties applied, with the dimensions scope filters and groupings use: contract-level
-- ones from the contract, line-level ones (unit, state, item, group) from the order line
-- when the penalty names one. `due_month` is the month the penalty was applied.
-- Used as a subquery aliased f; <pwhere> is Resolved.where(window=False, evaluable=False).
SELECT p.penalty_id, p.contract_id, p.order_id, p.kind, p.amount, p.applied_date,
       date_trunc('month', p.applied_date)::DATE AS due_month,
       c.supplier_id, c.institution_id, c.procedure_type,
       lf.unit_id, lf.state, lf.item_code, lf.item_group
FROM penalties p
JOIN contracts c ON c.contract_id = p.contract_id
LEFT JOIN line_facts lf ON lf.order_id = p.order_id
