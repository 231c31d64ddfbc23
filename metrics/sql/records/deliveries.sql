-- The deliveries (receptions) of the evaluable lines in scope, as of as_of: one row per
-- delivery with its line's due date and what it means for the supplier (days after the due
-- date, excused when the delay was the buyer's or force majeure).
SELECT d.delivery_id, d.order_id, f.contract_id, f.supplier_id, f.item_code, f.unit_id, f.state,
       f.due_date, d.delivered_date, d.qty_delivered, d.qty_rejected,
       d.qty_delivered - d.qty_rejected AS qty_accepted,
       d.rejection_reason, d.expiry_date, d.delay_cause,
       greatest(0, d.delivered_date - f.due_date)::INTEGER AS days_after_due,
       d.delivered_date > f.due_date + $grace AND d.delay_cause = 'supplier' AS late_supplier
FROM deliveries d
JOIN {facts} f ON f.order_id = d.order_id
WHERE {where} AND d.delivered_date <= $as_of
ORDER BY d.delivered_date DESC, d.delivery_id
LIMIT $limit
