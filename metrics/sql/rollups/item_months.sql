-- Rows of rollup_item_months (schema and meaning: migrations/008_rollup_item_months.sql)
-- for the items __ITEM_FILTER__ keeps (TRUE, or the items of the temp table touched_keys
-- on an incremental refresh: metrics/rollups/item_months.py). Every grouping set keeps
-- item_code, item_group and due_month, so deleting an item's rows and inserting these
-- again rebuilds every grain of that item. The GROUPING SETS here and
-- item_months.GRAINS must list the same grains (a test checks it).
SELECT GROUPING(supplier_id, institution_id, state)::UTINYINT AS grain,
       item_code, item_group, due_month, supplier_id, institution_id, state,
       count(*)::BIGINT AS lines,
       sum(qty_ordered) AS qty_ordered,
       sum(least(qty_accepted, qty_ordered)) AS qty_filled,
       sum(least(qty_accepted_by_due, qty_ordered)) AS qty_filled_by_due,
       sum(qty_accepted) AS qty_accepted,
       count(*) FILTER (WHERE qty_accepted < qty_ordered)::BIGINT AS short_lines,
       coalesce(sum(qty_ordered) FILTER (WHERE qty_accepted < qty_ordered), 0) AS short_qty_ordered,
       coalesce(sum(late_qty) FILTER (WHERE qty_accepted < qty_ordered), 0) AS short_late_qty
FROM line_facts
WHERE NOT cancelled AND __ITEM_FILTER__
GROUP BY GROUPING SETS (
    (item_code, item_group, due_month),
    (item_code, item_group, due_month, institution_id),
    (item_code, item_group, due_month, state),
    (item_code, item_group, due_month, supplier_id),
    (item_code, item_group, due_month, supplier_id, institution_id),
    (item_code, item_group, due_month, supplier_id, state))
