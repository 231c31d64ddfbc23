-- rollup_supplier_hist_months: rollup_supplier_hist_days summed per due month.
SELECT supplier_id, supplier_key, item_group, due_month, measure, value, sum(n)::BIGINT AS n
FROM rollup_supplier_hist_days
WHERE __SUPPLIERS__
GROUP BY supplier_id, supplier_key, item_group, due_month, measure, value
