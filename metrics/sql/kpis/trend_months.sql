-- Monthly OTIF per supplier over the trend window (due months ≥ $trend_start), for the
-- Mann–Kendall trend. otif is in percentage points so the Theil–Sen slope reads as points
-- per month.
SELECT supplier_id, due_month, count(*) AS lines, 100.0 * avg(is_otif::INTEGER) AS otif_pct
FROM {facts} f
WHERE {where} AND f.due_month >= $trend_start
GROUP BY ALL
