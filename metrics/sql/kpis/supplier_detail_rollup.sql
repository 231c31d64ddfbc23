-- supplier_detail.sql read from the supplier rollup (<cells>: kpis/rollup_cells.sql).
SELECT supplier_id,
       coalesce(item_group, '')               AS item_group,
       due_month,
       grouping(due_month) = 1                AS is_group_row,
       sum(lines)::BIGINT                     AS lines,
       sum(otif_lines)::HUGEINT               AS otif_lines,
       coalesce(sum(ordered_value), 0)        AS value,
       sum(qty_ordered)                       AS qty
FROM ({cells}) f
GROUP BY GROUPING SETS ((supplier_id, item_group), (supplier_id, due_month))
