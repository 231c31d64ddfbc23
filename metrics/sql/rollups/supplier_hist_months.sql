-- rollup_supplier_hist_months: rollup_supplier_inst_hist_months summed over institutions
-- (fewer rows to sum than rollup_supplier_hist_days).
SELECT supplier_id, supplier_key, item_group, due_month, measure, value, sum(n)::BIGINT AS n
FROM rollup_supplier_inst_hist_months
WHERE __SUPPLIERS__
GROUP BY supplier_id, supplier_key, item_group, due_month, measure, value
