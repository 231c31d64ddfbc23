-- One delivery milestone per order line in scope (not cancelled, due in the window, any
-- filter), from line facts computed as of the scope's as_of with grace 0, so that
-- qty_accepted_by_due is "accepted by the due date" exactly. For one page of contracts
-- ($page), so that a sort never holds more than a page's lines; in contract_id order.
SELECT f.contract_id, f.order_id, f.item_code, f.unit_id,
       strftime(f.order_date, '%Y-%m-%d') AS order_date,
       strftime(f.due_date, '%Y-%m-%d') AS due_date,
       f.qty_ordered, f.qty_delivered, f.qty_rejected, f.qty_accepted, f.qty_accepted_by_due,
       strftime(f.first_accept_eff_date, '%Y-%m-%d') AS first_accept_eff_date,
       strftime(f.completion_date, '%Y-%m-%d') AS completion_date,
       strftime(f.completion_eff_date, '%Y-%m-%d') AS completion_eff_date,
       strftime(f.last_delivery_date, '%Y-%m-%d') AS last_delivery_date,
       f.due_date < $as_of AS is_due
FROM {facts} f
WHERE {where} AND NOT f.cancelled AND list_contains($page, f.contract_id)
ORDER BY f.contract_id, f.order_id
