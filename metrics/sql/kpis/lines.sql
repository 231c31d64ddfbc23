-- The evaluable order lines behind a figure, with their facts; <only> is an allow-listed
-- condition from scorecard.LINE_SELECTIONS.
SELECT f.supplier_id, s.name AS supplier_name, f.order_id, f.contract_id, f.institution_id,
       f.unit_id, f.state, f.item_code, f.item_group, f.procedure_type,
       f.order_date, f.due_date, f.qty_ordered, f.n_deliveries, f.first_delivery_date,
       f.completion_date, f.qty_delivered, f.qty_rejected, f.qty_accepted,
       f.qty_accepted_by_due, f.qty_filled, f.short_qty, f.is_on_time, f.is_otif,
       f.days_late, f.lead_time_days, f.has_excused, f.late_qty, f.late_penalty,
       f.deduction, f.penalty_due_capped, f.unit_price, f.ref_price,
       f.short_qty > 0 AND f.due_date < $as_of AS is_open_overdue
FROM {facts} f
LEFT JOIN suppliers s ON s.supplier_id = f.supplier_id
WHERE {where} AND ({only})
ORDER BY f.supplier_id, f.due_date, f.order_id
LIMIT $limit
