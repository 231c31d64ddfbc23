-- Rows of rollup_recent_lines (migrations/008_rollup_item_months.sql): the lines due in
-- $recent_from's month or later, of the items __ITEM_FILTER__ keeps (TRUE, or the items
-- of touched_keys on an incremental refresh), in due-month order so that a scan for one
-- month reads few row groups.
SELECT order_id, item_code, item_group, institution_id, state, unit_id, supplier_id,
       due_date, due_month, cancelled, qty_ordered, qty_accepted, qty_accepted_by_due, late_qty
FROM line_facts
WHERE due_month >= $recent_from AND __ITEM_FILTER__
ORDER BY due_month, item_code
