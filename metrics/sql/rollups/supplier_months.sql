-- rollup_supplier_months: rollup_supplier_inst_months summed over institutions (same columns;
-- every column is a count or a sum, so the row is the sum of its institutions' rows, and
-- those are about half as many rows as rollup_supplier_days').
SELECT supplier_id, item_group, due_month,
       sum(lines)::BIGINT AS lines, sum(on_time_n)::BIGINT AS on_time_n,
       sum(on_time_lines)::BIGINT AS on_time_lines, sum(otif_n)::BIGINT AS otif_n,
       sum(otif_lines)::BIGINT AS otif_lines, sum(qty_filled) AS qty_filled,
       sum(qty_ordered) AS qty_ordered, sum(completed_lines)::BIGINT AS completed_lines,
       sum(days_late_sum)::BIGINT AS days_late_sum, sum(short_lines)::BIGINT AS short_lines,
       sum(short_qty) AS short_qty, sum(lead_time_lines)::BIGINT AS lead_time_lines,
       sum(qty_rejected) AS qty_rejected, sum(qty_delivered) AS qty_delivered,
       sum(delivered_lines)::BIGINT AS delivered_lines, sum(short_shelf_qty) AS short_shelf_qty,
       sum(shelf_checked_qty) AS shelf_checked_qty, sum(priced_value) AS priced_value,
       sum(ref_value) AS ref_value, sum(ordered_value) AS ordered_value,
       sum(penalties_due) AS penalties_due, sum(priced_lines)::BIGINT AS priced_lines,
       sum(unit_priced_lines)::BIGINT AS unit_priced_lines
FROM rollup_supplier_inst_months
WHERE __SUPPLIERS__
GROUP BY supplier_id, item_group, due_month
