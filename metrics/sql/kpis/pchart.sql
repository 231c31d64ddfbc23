-- One supplier's monthly OTIF counts (all months of the scope) for its p-chart.
SELECT due_month AS month, count(*) AS lines, sum(is_otif::INTEGER) AS otif_lines
FROM {facts} f
WHERE {where} AND f.supplier_id = $supplier_id
GROUP BY ALL
ORDER BY month
