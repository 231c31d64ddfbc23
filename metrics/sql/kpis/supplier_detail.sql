-- One scan for the score's two per-supplier side tables (GROUPING SETS):
-- by (supplier, item group): ordered value and quantity, to pick each supplier's main item
-- group (its peers for the peer percentile);
-- by (supplier, due month): lines and OTIF lines, for the Mann–Kendall trend.
SELECT supplier_id,
       coalesce(item_group, '')            AS item_group,
       due_month,
       grouping(due_month) = 1             AS is_group_row,
       count(*)                            AS lines,
       sum(is_otif::INTEGER)               AS otif_lines,
       coalesce(sum(ordered_value), 0)     AS value,
       sum(qty_ordered)                    AS qty
FROM {facts} f
WHERE {where}
GROUP BY GROUPING SETS ((supplier_id, item_group), (supplier_id, due_month))
