-- Rows of rollup_item_months at grain $grain summed from its stored rows at the finer grain
-- $source (one more column): every column is a count or a sum of the lines, so a coarser row
-- is the sum of its finer rows, and summing ~1M rollup rows is cheaper than grouping the
-- lines again (metrics/rollups/item_months.py). __SUPPLIER_ID__, __INSTITUTION_ID__,
-- __STATE__ and __ITEM_FILTER__ as in item_months.sql.
SELECT $grain::UTINYINT AS grain,
       item_code, item_group, due_month,
       __SUPPLIER_ID__ AS supplier_id, __INSTITUTION_ID__ AS institution_id, __STATE__ AS state,
       sum(lines)::BIGINT AS lines,
       sum(qty_ordered) AS qty_ordered,
       sum(qty_filled) AS qty_filled,
       sum(qty_filled_by_due) AS qty_filled_by_due,
       sum(qty_accepted) AS qty_accepted,
       sum(short_lines)::BIGINT AS short_lines,
       sum(short_qty_ordered) AS short_qty_ordered,
       sum(short_late_qty) AS short_late_qty
FROM rollup_item_months
WHERE grain = $source AND __ITEM_FILTER__
GROUP BY ALL
