-- rollup_supplier_hist_days: how many non-cancelled lines have each value of days_late
-- (measure 1) and lead_time_days (measure 2; both whole days), per supplier, item group and
-- due date: days_late_p90 and lead_time_median are computed exactly from these counts
-- (metrics/scorecard.py rollup_quantiles). __SUPPLIERS__, __KEYS__ and __LINES__ as in
-- supplier_days.sql (the institution tables are made by the same text).
WITH f AS (
    SELECT f.supplier_id, k.supplier_key, f.item_group, f.institution_id, f.due_date, f.due_month,
           f.days_late, f.lead_time_days
    FROM (SELECT * FROM line_facts WHERE NOT cancelled AND __SUPPLIERS__ AND __LINES__) f
    LEFT JOIN rollup_supplier_keys k ON k.supplier_id = f.supplier_id
)
SELECT supplier_id, supplier_key, item_group, __KEYS__, 1::UTINYINT AS measure,
       days_late AS value, count(*) AS n
FROM f
WHERE days_late IS NOT NULL
GROUP BY ALL
UNION ALL BY NAME
SELECT supplier_id, supplier_key, item_group, __KEYS__, 2::UTINYINT AS measure,
       lead_time_days AS value, count(*) AS n
FROM f
WHERE lead_time_days IS NOT NULL
GROUP BY ALL
