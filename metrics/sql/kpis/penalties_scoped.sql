-- Penalties applied, with the dimensions scope filters and groupings use: contract-level
-- ones from the contract, line-level ones (unit, state, item, group) from the order line
-- when the penalty names one. `due_month` is the month the penalty was applied.
-- Used as a subquery aliased f; __LINE_JOIN__ is replaced by the join to line_facts only
-- when a filter or grouping needs a line-level column (scorecard.penalties_scoped), else by
-- NULL columns: the join costs a hash join over every line.
SELECT p.penalty_id, p.contract_id, p.order_id, p.kind, p.amount, p.applied_date,
       date_trunc('month', p.applied_date)::DATE AS due_month,
       c.supplier_id, c.institution_id, c.procedure_type,
       __LINE_COLUMNS__
FROM penalties p
JOIN contracts c ON c.contract_id = p.contract_id
__LINE_JOIN__
