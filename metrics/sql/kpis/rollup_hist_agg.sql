-- The window's histogram rows (kpis/rollup_hist.sql) summed per group, measure and value:
-- the input of scorecard.rollup_quantiles. <hkeys>: the grouping columns, the supplier as
-- its integer supplier_key.
SELECT {hkeys} f.measure, f.value, sum(f.n)::BIGINT AS n
FROM ({hist}) f
GROUP BY ALL
