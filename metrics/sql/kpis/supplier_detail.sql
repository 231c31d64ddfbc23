-- The score's per-supplier side table, one row per supplier: its main item group (largest
-- ordered value, then quantity, then name: its peers for the peer percentile) and its OTIF
-- (%) in each month of the trend window (otif_pct_0 = $trend_from, …; NULL for a month
-- without lines), for the Mann–Kendall trend. One row per supplier keeps the result small
-- (a long supplier × month frame cost more to convert to pandas than to compute).
-- The cells c: rows (supplier_id, item_group, due_month, lines, otif_lines, ordered_value,
-- qty_ordered) in scope, kpis/detail_cells.sql over the lines (MATERIALIZED: grouped once)
-- or the supplier rollup's cells (NOT MATERIALIZED: reading them twice costs less than
-- holding them); then one column per month of the trend window (conditional sums: a third
-- faster than FILTER clauses). All three put in by performance.supplier_detail.
WITH c AS __MATERIALIZED__ (__DETAIL_CELLS__),
g AS (
    SELECT supplier_id, coalesce(item_group, '') AS item_group,
           coalesce(sum(ordered_value), 0) AS value, sum(qty_ordered) AS qty
    FROM c
    GROUP BY ALL
),
p AS (
    SELECT supplier_id, first(item_group ORDER BY value DESC, qty DESC, item_group) AS peer_group
    FROM g
    GROUP BY supplier_id
),
m AS (
    SELECT supplier_id, datediff('month', $trend_from, due_month) AS k,
           sum(lines) AS lines, sum(otif_lines)::DOUBLE AS otif
    FROM c
    WHERE due_month >= $trend_from
    GROUP BY ALL
)
SELECT p.supplier_id, p.peer_group, __TREND_MONTHS__
FROM p LEFT JOIN m ON m.supplier_id = p.supplier_id
GROUP BY p.supplier_id, p.peer_group
