-- rollup_supplier_hist_days: how many non-cancelled lines have each value of days_late
-- (measure 1) and lead_time_days (measure 2; both whole days), per supplier, item group and
-- due date: days_late_p90 and lead_time_median are computed exactly from these counts
-- (metrics/sql/kpis/rollup_quantiles.sql). __SUPPLIERS__ as in supplier_days.sql.
SELECT supplier_id, item_group, due_date, any_value(due_month) AS due_month,
       1::UTINYINT AS measure, days_late AS value, count(*) AS n
FROM line_facts
WHERE NOT cancelled AND days_late IS NOT NULL AND __SUPPLIERS__
GROUP BY supplier_id, item_group, due_date, days_late
UNION ALL
SELECT supplier_id, item_group, due_date, any_value(due_month), 2::UTINYINT, lead_time_days, count(*)
FROM line_facts
WHERE NOT cancelled AND lead_time_days IS NOT NULL AND __SUPPLIERS__
GROUP BY supplier_id, item_group, due_date, lead_time_days
