-- supplier_detail.sql's cells read from the lines: per supplier, item group and due month.
SELECT supplier_id, item_group, due_month, count(*) AS lines, sum(is_otif::INTEGER) AS otif_lines,
       sum(ordered_value) AS ordered_value, sum(qty_ordered) AS qty_ordered
FROM {facts} f
WHERE {where}
GROUP BY ALL
